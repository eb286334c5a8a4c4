#ifndef CTP_IMPLEMENTATION_HPP
#define CTP_IMPLEMENTATION_HPP

// The out-of-line half of what every test file sees, compiled once: in the file that
// defines CTP_IMPLEMENT (or CTP_MAIN).

#include <cerrno>     // errno
#include <charconv>   // to_chars
#include <cstdint>    // uint64_t
#include <cstdio>     // snprintf
#include <cstdlib>    // getenv, setenv, unsetenv
#include <exception>  // uncaught_exceptions
#include <stdexcept>  // logic_error
#include <sstream>    // ostringstream
#include <string>
#include <system_error>  // generic_category

#include <unistd.h>  // chdir, getcwd

#include "assertions.hpp"
#include "context.hpp"
#include "detail/added_tests.hpp"
#include "front_end.hpp"
#include "process_state.hpp"
#include "reporters/descriptor_stream.hpp"
#include "run/context_lines.hpp"
#include "run/execution.hpp"
#include "run/test_context.hpp"
#include "runner.hpp"
#include "text/difference.hpp"
#include "text/exception_text.hpp"
#include "text/text_building.hpp"
#include "text/value_text.hpp"
#include "value_printer.hpp"
#include "workers.hpp"

namespace ctp::detail {

void write_text(Sink& sink, const char* text) { sink.write(text, text_length(text)); }

namespace {

template <class Number>
void write_number(Sink& sink, Number value) {
    char text[64];
    auto [end, error] = std::to_chars(text, text + sizeof text, value);
    if (error == std::errc()) sink.write(text, static_cast<std::size_t>(end - text));
    else write_text(sink, "{?}");
}

}  // namespace

void write_quoted(Sink& sink, const char* text, std::size_t size) {
    const std::string quoted = quoted_text(text, size);
    sink.write(quoted.data(), quoted.size());
}

void write_bool(Sink& sink, bool value) { write_text(sink, value ? "true" : "false"); }

void write_char(Sink& sink, char value) {
    const std::string quoted = quoted_text(&value, 1, '\'');
    sink.write(quoted.data(), quoted.size());
}

void write_signed(Sink& sink, long long value) { write_number(sink, value); }
// As the std::uint64_t that digits() converts, so that one std::to_chars serves both.
static_assert(sizeof(unsigned long long) == sizeof(std::uint64_t));
void write_unsigned(Sink& sink, unsigned long long value) { write_number(sink, static_cast<std::uint64_t>(value)); }
void write_float(Sink& sink, float value) { write_number(sink, value); }
void write_float(Sink& sink, double value) { write_number(sink, value); }
void write_float(Sink& sink, long double value) { write_number(sink, value); }

void write_pointer(Sink& sink, const volatile void* value) {
    if (value == nullptr) {
        write_text(sink, "nullptr");
        return;
    }
    char text[32];
    std::snprintf(text, sizeof text, "%p", const_cast<const void*>(value));
    write_text(sink, text);
}

namespace {

std::string printed(Printer print, const void* object) {
    StringSink sink;
    print(sink, object);
    return sink.str();
}

std::string assertion_text(const AssertionSite& site) { return concat({site.macro, "(", site.expression, ")"}); }

// A failed warning is kept with its test, which it does not fail; outside any test it is
// only printed.
void record_warning(Failure warning) {
    if (Context* context = context_of_this_thread()) {
        context->add_warning(std::move(warning));
        return;
    }
    const std::string line = concat(
        {warning.file, ":", digits(warning.line), ": warning: ", warning.message, " (a warning outside any test)\n"});
    write_descriptor(2, line.data(), line.size());
}

// An assertion outside any test's context (a thread the test started without its context,
// a static initialiser) fails the run rather than vanish.
// `fatal`: the failure ends the test (a front end's fatal assertion returns instead of throwing).
void record_failure(const AssertionSite& site, std::string message, bool fatal) {
    Failure failure{site.file, site.line, std::move(message)};
    failure.message += thread_context_lines();
    if (Context* context = context_of_this_thread()) {
        if (const TestEvents* events = test_events; events != nullptr)
            events->part(fatal ? PartKind::fatal_failure : PartKind::failure, failure.file.c_str(), failure.line,
                         failure.message.data(), failure.message.size());
        context->add_failure(std::move(failure));
    } else if (Execution* execution = active_execution().load()) {
        execution->add_unattributed(std::move(failure));
    } else {
        // Descriptor 2 itself, not std::cerr: a test may have redirected that.
        const std::string line = concat({failure.file, ":", digits(failure.line), ": error: ", failure.message,
                                         " (an assertion outside any test)\n"});
        write_descriptor(2, line.data(), line.size());
    }
    if (site.fatal) throw RequireFailed{};
}

void record_failure(const AssertionSite& site, std::string message) {
    record_failure(site, std::move(message), site.fatal);
}

}  // namespace

Context* current_context() noexcept { return context_of_this_thread(); }
void set_current_context(Context* context) noexcept { context_of_this_thread() = context; }

namespace {

std::string assertion_failure_text(const AssertionSite& site, Printer print, const void* expression) {
    const std::string values = printed(print, expression);
    return concat({assertion_text(site), " failed", values.empty() ? "" : " with ", values});
}

}  // namespace

void assertion_failed(const AssertionSite& site, Printer print, const void* expression) {
    record_failure(site, assertion_failure_text(site, print, expression));
}

void warning_failed(const AssertionSite& site, Printer print, const void* expression) {
    record_warning({site.file, site.line, assertion_failure_text(site, print, expression) + thread_context_lines()});
}

void throws_failed(const AssertionSite& site, const char* problem, bool describe_exception) {
    std::string message = concat({assertion_text(site), " ", problem});
    if (describe_exception) append(message, {": ", describe_current_exception()});
    record_failure(site, std::move(message));
}

void fail_test(const AssertionSite& site, Printer print, const void* message) {
    record_failure(site, concat({site.macro, ": ", printed(print, message)}));
    throw RequireFailed{};
}

void skip_test(const AssertionSite&, Printer print, const void* reason) {
    throw SkipRequested{printed(print, reason) + thread_context_lines()};
}

void report_failure(const char* file, int line, const char* message, std::size_t size, bool fatal) {
    if (Context* context = context_of_this_thread(); context != nullptr && fatal) context->mark_fatal();
    record_failure({"", "", file, line, false}, std::string(message, size), fatal);
}

void report_skip(const char* reason, std::size_t size) {
    Context* context = context_of_this_thread();
    if (context == nullptr) return;
    std::string text = std::string(reason, size) + thread_context_lines();
    if (const TestEvents* events = test_events; events != nullptr)
        events->part(PartKind::skip, "", 0, text.data(), text.size());
    context->skip(std::move(text));
}

void report_success(const char* file, int line) {
    if (const TestEvents* events = test_events; events != nullptr && context_of_this_thread() != nullptr)
        events->part(PartKind::success, file, line, "Succeeded", 9);
}

void report_property(const char* key, std::size_t key_size, const char* value, std::size_t value_size) {
    if (Context* context = context_of_this_thread())
        context->add_property({std::string(key, key_size), std::string(value, value_size)});
}

void attach_file(const char* path) {
    Context* context = context_of_this_thread();
    if (context == nullptr) return;
    std::string absolute;
    if (path[0] != '/') {
        absolute.resize(256);
        while (getcwd(absolute.data(), absolute.size()) == nullptr && errno == ERANGE)
            absolute.resize(absolute.size() * 2);
        absolute.resize(absolute.find('\0'));
        if (!absolute.empty() && absolute.back() != '/') absolute += '/';
    }
    context->add_attachment(absolute + path);
}

bool test_has_failure() noexcept {
    const Context* context = context_of_this_thread();
    return context != nullptr && context->has_failure();
}

bool test_has_fatal_failure() noexcept {
    const Context* context = context_of_this_thread();
    return context != nullptr && context->has_fatal_failure();
}

bool test_is_skipped() noexcept {
    const Context* context = context_of_this_thread();
    return context != nullptr && context->is_skipped();
}

bool enter_subcase(const char* name, std::size_t size, const char* file, int line) {
    if (Context* context = context_of_this_thread())
        return context->enter_subcase({name, size}, file, line, std::uncaught_exceptions());
    const std::string quoted = quoted_text(name, size);
    record_failure({"CTP_SUBCASE", quoted.c_str(), file, line, false},
                   concat({"CTP_SUBCASE(", quoted, ") outside any test: its body does not run"}));
    return false;
}

void leave_subcase() noexcept {
    if (Context* context = context_of_this_thread()) context->leave_subcase(std::uncaught_exceptions());
}

struct SavedEnv {
    std::string name;
    bool was_set;
    std::string value;
};

struct SavedCwd {
    std::string path;  // as the test gave it, for messages
    std::string previous;
    const char* file;
    unsigned line;
};

namespace {

// A failed system call of a ScopedEnv or ScopedCwd, with the text of its errno.
std::string system_error_text(const std::string& what, const std::string& call, int error) {
    return concat({what, ": ", call, " failed: ", std::generic_category().message(error)});
}

}  // namespace

SavedEnv* set_env(const char* name, const char* value, const char* file, unsigned line) {
    if (name == nullptr) name = "";
    const AssertionSite site{"ctp::ScopedEnv", name, file, static_cast<int>(line), true};
    const std::string what = concat({"ctp::ScopedEnv(\"", name, "\")"});
    if (!holds_exclusively(place_of_this_test(), ctp::env))
        record_failure(site, what +
                                 " in a test that runs in the pool: other tests read the environment at the same "
                                 "time; add ctp::exclusive(ctp::env) to its decorators");
    const char* old = std::getenv(name);
    std::string old_value = old != nullptr ? old : "";
    if ((value != nullptr ? setenv(name, value, 1) : unsetenv(name)) != 0) {
        const int error = errno;
        record_failure(site, system_error_text(what, value != nullptr ? "setenv" : "unsetenv", error));
    }
    return new SavedEnv{name, old != nullptr, std::move(old_value)};
}

void restore(SavedEnv* saved) noexcept {
    if (saved->was_set) setenv(saved->name.c_str(), saved->value.c_str(), 1);
    else unsetenv(saved->name.c_str());
    delete saved;
}

SavedCwd* change_directory(const char* path, const char* file, unsigned line) {
    if (path == nullptr) path = "";
    const AssertionSite site{"ctp::ScopedCwd", path, file, static_cast<int>(line), true};
    const std::string what = concat({"ctp::ScopedCwd(\"", path, "\")"});
    if (!holds_exclusively(place_of_this_test(), ctp::cwd))
        record_failure(site, what +
                                 " in a test that runs in the pool: other tests use the working directory at the "
                                 "same time; add ctp::exclusive(ctp::cwd) to its decorators");
    std::string previous(256, '\0');
    while (getcwd(previous.data(), previous.size()) == nullptr) {
        const int error = errno;
        if (error != ERANGE) record_failure(site, system_error_text(what, "getcwd", error));
        previous.resize(previous.size() * 2);
    }
    previous.resize(previous.find('\0'));
    if (chdir(path) != 0) {
        const int error = errno;
        record_failure(site, system_error_text(what, "chdir", error));
    }
    return new SavedCwd{path, std::move(previous), file, line};
}

// Going back can fail too (the old directory was removed meanwhile): the test fails, and
// the working directory stays where it is.
void restore(SavedCwd* saved) noexcept {
    if (chdir(saved->previous.c_str()) != 0) {
        const int error = errno;
        try {
            record_failure({"ctp::ScopedCwd", saved->path.c_str(), saved->file, static_cast<int>(saved->line), false},
                           system_error_text(concat({"ctp::ScopedCwd(\"", saved->path, "\")"}),
                                             concat({"chdir back to ", saved->previous}), error));
        } catch (...) {}
    }
    delete saved;
}

}  // namespace ctp::detail

namespace ctp {

unsigned worker_index() noexcept {
    const detail::RunPlace* place = detail::place_of_this_test();
    return place != nullptr ? place->worker : 0;
}

unsigned worker_count() noexcept {
    const detail::RunPlace* place = detail::place_of_this_test();
    return place != nullptr ? place->workers : 0;
}

namespace {

const detail::LiveServerHandle& require_live_server() {
    if (const detail::RunPlace* place = detail::current_place(); place != nullptr && place->live_server != nullptr)
        return *place->live_server;
    if (const detail::LiveServerHandle* server = detail::active_live_server()) return *server;
    throw std::logic_error(detail::live_server_factory() == nullptr
                               ? "no live server: include <ctp/live_server.hpp> in the file that defines CTP_MAIN "
                                 "(or CTP_IMPLEMENT), and in the files that use it"
                               : "no live server: live_server_url() and its kind work only in the tests and "
                                 "class hooks of a ctp::LiveServerTestCase fixture");
}

}  // namespace

std::string LiveServerTestCase::live_server_url() { return require_live_server().url(); }
std::string LiveServerTestCase::live_server_ws_url() { return require_live_server().ws_url(); }
unsigned short LiveServerTestCase::live_server_port() { return require_live_server().port(); }

}  // namespace ctp

// After record_failure, which it reports through.
#include "text/matching.hpp"

#endif  // CTP_IMPLEMENTATION_HPP
