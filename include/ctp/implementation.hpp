#ifndef CTP_IMPLEMENTATION_HPP
#define CTP_IMPLEMENTATION_HPP

// The out-of-line half of what every test file sees, compiled once: in the file that
// defines CTP_IMPLEMENT (or CTP_MAIN).

#include <charconv>   // to_chars
#include <cstdint>    // uint64_t
#include <cstdio>     // snprintf
#include <exception>  // uncaught_exceptions
#include <stdexcept>  // logic_error
#include <sstream>    // ostringstream
#include <string>

#include "assertions.hpp"
#include "context.hpp"
#include "detail/added_tests.hpp"
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
void record_failure(const AssertionSite& site, std::string message) {
    Failure failure{site.file, site.line, std::move(message)};
    failure.message += thread_context_lines();
    if (Context* context = context_of_this_thread()) {
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

}  // namespace ctp::detail

namespace ctp {

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
