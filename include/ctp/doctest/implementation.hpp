#ifndef CTP_DOCTEST_IMPLEMENTATION_HPP
#define CTP_DOCTEST_IMPLEMENTATION_HPP

// The doctest front end's out-of-line half, with ctp's implementation and runner: compiled
// once, in the file that defines DOCTEST_CONFIG_IMPLEMENT or DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN.
// ctp.hpp's own implementing block is behind its include guard (this file may follow an
// earlier #include of the front end), so its headers are included here directly.

#include <algorithm>  // sort, stable_sort
#include <cctype>     // tolower
#include <cstdlib>    // rand, srand
#include <cstring>    // strcmp
#include <exception>
#include <iostream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "../approx.hpp"
#include "../matchers.hpp"
#include "../registration.hpp"
#include "../result.hpp"
#include "../options.hpp"
#include "../listener.hpp"
#include "../registry.hpp"
#include "../runner.hpp"
#include "../thread.hpp"
#include "../reporters/console.hpp"
#include "../reporters/junit.hpp"
#include "../reporters/tap.hpp"
#include "../reporters/json.hpp"
#include "../reporters/trace.hpp"
#include "../reporters/timeline.hpp"
#include "../reporters/list.hpp"
#include "../reporters/report_files.hpp"
#include "../reporters/descriptor_stream.hpp"
#include "../cli.hpp"
#include "../main.hpp"
#include "../implementation.hpp"
#include "../run/test_context.hpp"
#include "../run/unit_runner.hpp"
#include "../text/exception_text.hpp"
#include "../text/text_building.hpp"
#include "../version.hpp"
#include "assertions.hpp"
#include "context.hpp"
#include "test_cases.hpp"

namespace doctest::detail {

// The doctest version whose behaviour the front end follows; IDE adapters read it from --help.
inline constexpr char version[] = "2.4.9";

namespace {

// One registered test case: ctp's TestInfo and what doctest's options look at.
struct Test {
    ctp::detail::TestInfo info{};
    funcType function = nullptr;
    std::string name;
    std::string suite;
    std::string file;
    int line = 0;
    int template_id = -1;
    bool skip = false;
    ctp::detail::Decorations decorations{};
};

std::vector<Test*>& tests() {
    static std::vector<Test*> all;
    return all;
}

TestSuite& file_suite() {
    static TestSuite suite;
    return suite;
}

// The name doctest gives a template test's type: __PRETTY_FUNCTION__ after "T = ".
std::string pretty_type(const char* pretty) {
    const std::string_view text = pretty;
    const std::size_t equals = text.find("T = ");
    if (equals == std::string_view::npos) return std::string(text);
    std::string_view type = text.substr(equals + 4);
    if (const std::size_t end = type.find_first_of(";]"); end != std::string_view::npos) type = type.substr(0, end);
    return std::string(type);
}

// doctest's traversal of subcases, for the thread's running test. A path is a list of
// signatures (name, file, line); `done` holds the paths fully traversed.
struct Signature {
    std::string name;
    const char* file;
    int line;
    bool operator==(const Signature& other) const {
        return line == other.line && name == other.name && std::strcmp(file, other.file) == 0;
    }
};

struct Traversal {
    std::vector<Signature> stack;  // the path entered in this pass, kept after its scopes end
    std::vector<Signature> next;   // the path the next pass goes down
    std::vector<std::vector<Signature>> done;
    unsigned depth = 0;
    bool reached_leaf = false;

    bool is_done(const std::vector<Signature>& path) const {
        return std::find(done.begin(), done.end(), path) != done.end();
    }
};

thread_local Traversal traversal;

void run_test(const ctp::detail::TestInfo& info, ctp::TestCase*) {
    const Test& test = *static_cast<const Test*>(info.data);
    Traversal& t = traversal;
    t.next.clear();
    t.done.clear();
    do {
        t.reached_leaf = false;
        t.stack.clear();
        t.depth = 0;
        try {
            test.function();
        } catch (...) {
            // As doctest: a failed REQUIRE or an exception ends this pass, not the test.
            if (ctp::detail::Context* context = ctp::detail::context_of_this_thread())
                ctp::detail::report_step_exception(*context, info, "test");
            else throw;
            if (ctp::detail::test_is_skipped()) break;
        }
    } while (!t.next.empty());
}

bool matches(const char* text, const char* pattern, bool case_sensitive) {
    // doctest's wildcards: * any run, ? one character.
    const char* star = nullptr;
    const char* resume = text;
    auto same = [case_sensitive](char a, char b) {
        return case_sensitive
                   ? a == b
                   : std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    };
    while (*text != '\0') {
        if (*pattern == '*') {
            star = ++pattern;
            resume = text;
        } else if (*pattern == '?' || (*pattern != '\0' && same(*pattern, *text))) {
            ++pattern;
            ++text;
        } else if (star != nullptr) {
            pattern = star;
            text = ++resume;
        } else {
            return false;
        }
    }
    while (*pattern == '*') ++pattern;
    return *pattern == '\0';
}

bool matches_any(const std::string& text, const std::vector<std::string>& filters, bool if_none, bool case_sensitive) {
    if (filters.empty()) return if_none;
    for (const std::string& filter : filters)
        if (matches(text.c_str(), filter.c_str(), case_sensitive)) return true;
    return false;
}

}  // namespace

int regTest(const TestCase& test_case) {
    auto* test = new Test;
    test->function = test_case.m_test;
    test->name = test_case.m_name;
    if (test_case.m_type != nullptr) test->name.append("<").append(pretty_type(test_case.m_type)).append(">");
    test->suite = test_case.m_test_suite;
    test->file = test_case.m_file;
    test->line = test_case.m_line;
    test->template_id = test_case.m_template_id;
    test->skip = test_case.m_skip;
    ctp::detail::Decorations& decorations = test->decorations;
    if (test_case.m_skip) decorations.skip = "doctest::skip()";
    if (test_case.m_timeout > 0) decorations.timeout = test_case.m_timeout;
    if (test_case.m_description != nullptr && *test_case.m_description != '\0')
        decorations.description = test_case.m_description;
    if (test_case.m_should_fail || test_case.m_expected_failures > 0)
        decorations.expectation = ctp::detail::Expectation::failure;
    else if (test_case.m_may_fail) decorations.expectation = ctp::detail::Expectation::either;
    decorations.serial = test_case.m_serial;
    test->info.file = test_case.m_file;
    test->info.line = test_case.m_line;
    test->info.run = &run_test;
    test->info.data = test;
    test->info.decorations = &test->decorations;
    ctp::detail::add_test(test->info, test->suite.c_str(), test->name.c_str(), nullptr, false);
    tests().push_back(test);
    return 0;
}

int setTestSuite(const TestSuite& suite) {
    file_suite() = suite;
    return 0;
}

bool enter_subcase(const char* name, std::size_t size, const char* file, int line) {
    Traversal& t = traversal;
    Signature signature{std::string(name, size), file, line};
    if (!t.reached_leaf) {
        if (t.next.size() <= t.stack.size() || t.next[t.stack.size()] == signature) {
            t.stack.push_back(std::move(signature));  // going down
            ++t.depth;
            return true;
        }
        return false;
    }
    if (t.depth < t.stack.size() && t.stack[t.depth] == signature) {
        ++t.depth;  // met again through control flow, as a loop: entered again
        return true;
    }
    if (t.next.size() <= t.depth) {
        std::vector<Signature> path(t.stack.begin(), t.stack.begin() + t.depth);
        path.push_back(signature);
        if (!t.is_done(path)) t.next = std::move(path);  // the path of the next pass
    }
    return false;
}

void leave_subcase() {
    Traversal& t = traversal;
    --t.depth;
    if (!t.reached_leaf) {
        t.done.push_back(t.stack);  // a leaf
        t.next.clear();
        t.reached_leaf = true;
    } else if (t.next.empty()) {
        t.done.push_back(std::vector<Signature>(t.stack.begin(), t.stack.begin() + t.depth + 1));
    }
}

unsigned subcase_depth() noexcept { return traversal.depth; }

void print_subcase(ctp::detail::Sink& sink, unsigned depth) {
    ctp::detail::begin_line(sink, "subcase: ");
    const Traversal& t = traversal;
    if (depth > 0 && depth <= t.stack.size())
        sink.write(t.stack[depth - 1].name.data(), t.stack[depth - 1].name.size());
}

void check_exception_text(const ctp::detail::AssertionSite& site, const char* expected, bool contains) {
    std::string text;
    try {
        throw;
    } catch (const std::exception& exception) {
        text = exception.what();
    } catch (const std::string& thrown) {
        text = thrown;
    } catch (const char* thrown) {
        text = thrown != nullptr ? thrown : "";
    } catch (...) {
        text = "unknown exception";
    }
    const bool good = contains ? text.find(expected) != std::string::npos : text == expected;
    if (good) return;
    const std::string problem = ctp::detail::concat({"threw ", ctp::detail::quoted_text(text.data(), text.size())});
    ctp::detail::throws_failed(site, problem.c_str(), false);
}

void report_message(const ctp::detail::AssertionSite& site, bool warning, ctp::detail::Printer print,
                    const void* parts) {
    ctp::detail::StringSink sink;
    print(sink, parts);
    std::string text = ctp::detail::concat({site.macro, ": ", sink.str()});
    if (warning) {
        text += ctp::detail::thread_context_lines();
        if (ctp::detail::Context* context = ctp::detail::context_of_this_thread())
            context->add_warning({site.file, site.line, std::move(text)});
        return;
    }
    ctp::detail::report_failure(site.file, site.line, text.data(), text.size(), site.fatal);
    if (site.fatal) throw ctp::detail::RequireFailed{};
}

// What the command line asks of doctest, beside the arguments handed to ctp's parser.
struct ContextState {
    std::string program = "tests";
    std::vector<std::string> ctp_arguments;
    std::vector<std::string> filters[6];  // file, file-exclude, suite, suite-exclude, name, name-exclude
    std::string order_by = "file";
    unsigned rand_seed = 0;
    bool case_sensitive = false;
    bool no_skip = false;
    bool exit = false;
    bool no_run = false;
    bool help = false;
    bool version = false;
    bool count = false;
    bool list_test_cases = false;
    bool list_test_suites = false;
    std::string error;  // a malformed doctest option
};

namespace {

enum class Kind { flag, query, filter, text };

struct OptionRow {
    const char* name;
    const char* short_name;
    Kind kind;
    int filter;  // index in ContextState::filters, for a filter
};

// doctest's options that the front end acts on; the rest of doctest's are refused by name.
constexpr OptionRow option_rows[] = {
    {"help", "h", Kind::query, 0},
    {"?", "?", Kind::query, 0},
    {"version", "v", Kind::query, 0},
    {"count", "c", Kind::query, 0},
    {"list-test-cases", "ltc", Kind::query, 0},
    {"list-test-suites", "lts", Kind::query, 0},
    {"source-file", "sf", Kind::filter, 0},
    {"source-file-exclude", "sfe", Kind::filter, 1},
    {"test-suite", "ts", Kind::filter, 2},
    {"test-suite-exclude", "tse", Kind::filter, 3},
    {"test-case", "tc", Kind::filter, 4},
    {"test-case-exclude", "tce", Kind::filter, 5},
    {"order-by", "ob", Kind::text, 0},
    {"rand-seed", "rs", Kind::text, 0},
    {"abort-after", "aa", Kind::text, 0},
    {"success", "s", Kind::flag, 0},
    {"case-sensitive", "cs", Kind::flag, 0},
    {"exit", "e", Kind::flag, 0},
    {"quiet", "q", Kind::flag, 0},
    {"no-run", "nr", Kind::flag, 0},
    {"no-colors", "nc", Kind::flag, 0},
    {"force-colors", "fc", Kind::flag, 0},
    {"no-breaks", "nb", Kind::flag, 0},
    {"no-skip", "ns", Kind::flag, 0},
    {"no-intro", "ni", Kind::flag, 0},
    {"no-version", "nv", Kind::flag, 0},
    {"duration", "d", Kind::flag, 0},
    {"no-throw", "nt", Kind::text, 0},
    {"no-exitcode", "ne", Kind::text, 0},
    {"minimal", "m", Kind::text, 0},
    {"subcase", "sc", Kind::text, 0},
    {"subcase-exclude", "sce", Kind::text, 0},
    {"subcase-filter-levels", "scfl", Kind::text, 0},
    {"reporters", "r", Kind::text, 0},
    {"out", "o", Kind::text, 0},
    {"first", "f", Kind::text, 0},
    {"last", "l", Kind::text, 0},
    {"list-reporters", "lr", Kind::text, 0},
    {"gnu-file-line", "gfl", Kind::text, 0},
    {"no-path-filenames", "npf", Kind::text, 0},
};

const OptionRow* find_option(std::string_view name) {
    for (const OptionRow& row : option_rows)
        if (name == row.name || name == row.short_name) return &row;
    return nullptr;
}

bool parse_bool(ContextState& state, std::string_view name, std::string_view value) {
    if (value.empty() || value == "1" || value == "on" || value == "yes" || value == "true") return true;
    if (value == "0" || value == "off" || value == "no" || value == "false") return false;
    state.error =
        ctp::detail::concat({"--", name, ": invalid value '", value, "' (expected 1/on/yes/true or 0/off/no/false)"});
    return false;
}

bool parse_unsigned(ContextState& state, std::string_view name, std::string_view value, unsigned& out) {
    unsigned number = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (value.empty() || error != std::errc() || end != value.data() + value.size()) {
        state.error = ctp::detail::concat({"--", name, ": invalid number '", value, "'"});
        return false;
    }
    out = number;
    return true;
}

void split_filters(std::vector<std::string>& into, std::string_view value) {
    while (!value.empty()) {
        const std::size_t comma = value.find(',');
        if (comma != 0) into.emplace_back(value.substr(0, comma));
        if (comma == std::string_view::npos) break;
        value.remove_prefix(comma + 1);
    }
}

// Applies one doctest option `name` (long or short, without dashes) with `value` (empty for
// none); false when it is no doctest option.
bool apply_option(ContextState& state, std::string_view name, std::string_view value, bool has_value) {
    const OptionRow* row = find_option(name);
    if (row == nullptr) return false;
    const std::string_view long_name = row->name;
    std::vector<std::string>& ctp = state.ctp_arguments;
    switch (row->kind) {
        case Kind::query: {
            if (has_value && !parse_bool(state, long_name, value)) return true;
            const bool on = !has_value || parse_bool(state, long_name, value);
            if (long_name == "help" || long_name == "?") state.help = on;
            else if (long_name == "version") state.version = on;
            else if (long_name == "count") state.count = on;
            else if (long_name == "list-test-cases") state.list_test_cases = on;
            else state.list_test_suites = on;
            return true;
        }
        case Kind::filter:
            if (!has_value) {
                state.error = ctp::detail::concat({"--", long_name, " needs a value: --", long_name, "=<filters>"});
                return true;
            }
            split_filters(state.filters[row->filter], value);
            return true;
        case Kind::flag: {
            const bool on = parse_bool(state, long_name, value);
            if (!state.error.empty()) return true;
            if (long_name == "success") {
                if (on) ctp.insert(ctp.end(), {"--verbosity", "2"});
            } else if (long_name == "case-sensitive") {
                state.case_sensitive = on;
            } else if (long_name == "exit") {
                state.exit = on;
            } else if (long_name == "quiet") {
                if (on) ctp.push_back("-q");
            } else if (long_name == "no-run") {
                state.no_run = on;
            } else if (long_name == "no-colors") {
                if (on) ctp.insert(ctp.end(), {"--color", "never"});
            } else if (long_name == "force-colors") {
                if (on) ctp.insert(ctp.end(), {"--color", "always"});
            } else if (long_name == "no-skip") {
                state.no_skip = on;
                if (on) ctp.push_back("--run-skipped");
            }
            // --no-breaks, --no-intro, --no-version, --duration: nothing to do under ctp.
            return true;
        }
        case Kind::text: break;
    }
    if (long_name == "order-by") {
        if (value != "file" && value != "suite" && value != "name" && value != "rand" && value != "none")
            state.error = ctp::detail::concat(
                {"--order-by: invalid value '", value, "' (expected file, suite, name, rand or none)"});
        else state.order_by = std::string(value);
    } else if (long_name == "rand-seed") {
        parse_unsigned(state, long_name, value, state.rand_seed);
    } else if (long_name == "abort-after") {
        unsigned failures = 0;
        // ctp stops at the first failing test, not after N failed assertions.
        if (parse_unsigned(state, long_name, value, failures) && failures > 0) ctp.push_back("--failfast");
    } else {
        state.error =
            ctp::detail::concat({"--", long_name, ": a doctest option that ctp's doctest front end does not support"});
    }
    return true;
}

void apply_argument(ContextState& state, std::string_view argument) {
    std::string_view name = argument;
    if (name.starts_with("--")) name.remove_prefix(2);
    else if (name.starts_with("-") && name.size() > 1) name.remove_prefix(1);
    else {
        state.ctp_arguments.emplace_back(argument);
        return;
    }
    const bool prefixed = name.starts_with("dt-");
    if (prefixed) name.remove_prefix(3);
    std::string_view value;
    const std::size_t equals = name.find('=');
    const bool has_value = equals != std::string_view::npos;
    if (has_value) {
        value = name.substr(equals + 1);
        name = name.substr(0, equals);
    }
    if (apply_option(state, name, value, has_value)) return;
    if (prefixed) state.error = ctp::detail::concat({"unknown doctest option '", argument, "'"});
    else state.ctp_arguments.emplace_back(argument);
}

bool file_order(const Test* a, const Test* b) {
    if (const int order = a->file.compare(b->file); order != 0) return order < 0;
    if (a->line != b->line) return a->line < b->line;
    return a->template_id < b->template_id;
}

bool suite_order(const Test* a, const Test* b) {
    if (const int order = a->suite.compare(b->suite); order != 0) return order < 0;
    return file_order(a, b);
}

bool name_order(const Test* a, const Test* b) {
    if (const int order = a->name.compare(b->name); order != 0) return order < 0;
    return suite_order(a, b);
}

// doctest's own order of registration (its set of tests), from which "rand" shuffles.
bool registration_order(const Test* a, const Test* b) {
    if (a->line != b->line) return a->line < b->line;
    if (const int order = a->name.compare(b->name); order != 0) return order < 0;
    if (const int order = a->file.compare(b->file); order != 0) return order < 0;
    return a->template_id < b->template_id;
}

// The tests in the order asked for, as doctest orders them (its "rand" is the C library's
// rand() seeded with --rand-seed, so the same seed gives doctest's order).
std::vector<Test*> ordered_tests(const ContextState& state) {
    std::vector<Test*> all = tests();
    std::stable_sort(all.begin(), all.end(), registration_order);
    if (state.order_by == "file") std::stable_sort(all.begin(), all.end(), file_order);
    else if (state.order_by == "suite") std::stable_sort(all.begin(), all.end(), suite_order);
    else if (state.order_by == "name") std::stable_sort(all.begin(), all.end(), name_order);
    else if (state.order_by == "rand" && !all.empty()) {
        std::srand(state.rand_seed);
        for (std::size_t i = all.size() - 1; i > 0; --i)
            std::swap(all[i], all[static_cast<std::size_t>(std::rand()) % (i + 1)]);
    }
    return all;
}

bool passes_filters(const ContextState& state, const Test& test) {
    const bool cs = state.case_sensitive;
    return matches_any(test.file, state.filters[0], true, cs) && !matches_any(test.file, state.filters[1], false, cs) &&
           matches_any(test.suite, state.filters[2], true, cs) &&
           !matches_any(test.suite, state.filters[3], false, cs) &&
           matches_any(test.name, state.filters[4], true, cs) && !matches_any(test.name, state.filters[5], false, cs);
}

constexpr char separator[] = "===============================================================================\n";

void write_help(std::ostream& out, const std::string& program) {
    out << "[doctest] doctest version is \"" << version << "\"\n"
        << "[doctest] run by ctp " CTP_VERSION_STRING "'s doctest front end\n"
        << "[doctest]\n"
        << "[doctest] filter  values: \"str1,str2,str3\" (comma separated strings, with * and ? wildcards)\n"
        << "[doctest] every option also takes a \"dt-\" prefix: -dt-tc=..., --dt-test-case=...\n"
        << "[doctest]\n"
        << " -?,   --help, -h                      prints this message\n"
        << " -v,   --version                       prints the version\n"
        << " -c,   --count                         prints the number of matching tests\n"
        << " -ltc, --list-test-cases               lists all matching tests by name\n"
        << " -lts, --list-test-suites              lists all matching test suites\n"
        << " -tc,  --test-case=<filters>           filters     tests by their name\n"
        << " -tce, --test-case-exclude=<filters>   filters OUT tests by their name\n"
        << " -sf,  --source-file=<filters>         filters     tests by their file\n"
        << " -sfe, --source-file-exclude=<filters> filters OUT tests by their file\n"
        << " -ts,  --test-suite=<filters>          filters     tests by their test suite\n"
        << " -tse, --test-suite-exclude=<filters>  filters OUT tests by their test suite\n"
        << " -ob,  --order-by=<string>             file/suite/name/rand/none\n"
        << " -rs,  --rand-seed=<int>               seed for random ordering\n"
        << " -aa,  --abort-after=<int>             stop at the first failing test (ctp's --failfast)\n"
        << " -s,   --success=<bool>                a line per test (ctp's --verbosity 2)\n"
        << " -cs,  --case-sensitive=<bool>         filters being treated as case sensitive\n"
        << " -e,   --exit=<bool>                   exits after the tests finish\n"
        << " -q,   --quiet=<bool>                  the summary only\n"
        << " -nr,  --no-run=<bool>                 skips all runtime doctest operations\n"
        << " -nc,  --no-colors=<bool>              disables colors in output\n"
        << " -fc,  --force-colors=<bool>           use colors even when not in a tty\n"
        << " -ns,  --no-skip=<bool>                don't skip test cases marked as skip\n"
        << " -nb,  --no-breaks=<bool>              accepted; ctp never breaks into a debugger\n"
        << "\n"
        << "ctp's own options work alongside:\n\n"
        << ctp::help_text(program);
}

std::size_t width(std::size_t value) {
    std::size_t digits = 0;
    for (; value > 0; value /= 10) ++digits;
    return digits;
}

void padded(std::ostream& out, std::size_t value, std::size_t columns) {
    const std::string text = std::to_string(value);
    for (std::size_t i = text.size(); i < columns; ++i) out << ' ';
    out << text;
}

// The doctest tests counted for the summary: how many were registered.
std::size_t registered_total = 0;

// doctest's summary, after ctp's: the counts compare with doctest's directly.
void write_summary(std::ostream& out, const ctp::Result& result) {
    std::size_t run = 0, failed = 0, assertions = 0, failed_assertions = 0;
    for (const ctp::TestRecord& record : result.tests) {
        assertions += record.assertions;
        // ctp's own failures (an escaped exception, an unexpected success) are no assertions.
        std::size_t failed_here = 0;
        for (const ctp::Failure& failure : record.failures)
            if (!failure.message.starts_with("unexpected ")) ++failed_here;
        failed_assertions += std::min(failed_here, record.assertions);
        if (record.outcome == ctp::Outcome::skipped) continue;
        ++run;
        if (record.outcome == ctp::Outcome::failed || record.outcome == ctp::Outcome::error ||
            record.outcome == ctp::Outcome::unexpected_success)
            ++failed;
    }
    const std::size_t iterations = result.tests.empty() ? 1 : result.tests.back().iteration;
    const std::size_t total = registered_total * iterations;
    const std::size_t skipped = total > run ? total - run : 0;
    const std::size_t total_width = width(std::max(run, assertions));
    const std::size_t pass_width = width(std::max(run - failed, assertions - failed_assertions));
    const std::size_t fail_width = width(std::max(failed, failed_assertions));
    out << separator << "[doctest] test cases: ";
    padded(out, run, total_width);
    out << " | ";
    padded(out, run - failed, pass_width);
    out << " passed | ";
    padded(out, failed, fail_width);
    out << " failed | " << skipped << " skipped\n[doctest] assertions: ";
    padded(out, assertions, total_width);
    out << " | ";
    padded(out, assertions - failed_assertions, pass_width);
    out << " passed | ";
    padded(out, failed_assertions, fail_width);
    out << " failed |\n[doctest] Status: " << (failed > 0 ? "FAILURE!" : "SUCCESS!") << '\n' << std::flush;
}

bool is_doctest_test(const ctp::detail::TestInfo& info) { return info.run == &run_test; }

}  // namespace

}  // namespace doctest::detail

doctest::detail::TestSuite& doctest_detail_test_suite_ns::getCurrentTestSuite() {
    return doctest::detail::file_suite();
}

namespace doctest {

Context::Context(int argc, const char* const* argv) : state_(new detail::ContextState) { applyCommandLine(argc, argv); }

Context::~Context() { delete state_; }

void Context::applyCommandLine(int argc, const char* const* argv) {
    if (argc > 0 && argv != nullptr && argv[0] != nullptr) state_->program = argv[0];
    for (int i = 1; i < argc && argv != nullptr; ++i)
        if (argv[i] != nullptr) detail::apply_argument(*state_, argv[i]);
}

void Context::addFilter(const char* filter, const char* value) { detail::apply_option(*state_, filter, value, true); }

void Context::clearFilters() {
    for (std::vector<std::string>& filters : state_->filters) filters.clear();
}

void Context::setOption(const char* option, bool value) { setOption(option, value ? "true" : "false"); }

void Context::setOption(const char* option, int value) { setOption(option, std::to_string(value).c_str()); }

void Context::setOption(const char* option, const char* value) { detail::apply_option(*state_, option, value, true); }

bool Context::shouldExit() {
    const detail::ContextState& s = *state_;
    return s.exit || s.help || s.version || s.count || s.list_test_cases || s.list_test_suites || s.no_run ||
           !s.error.empty();
}

int Context::run() {
    using namespace detail;
    ContextState& state = *state_;
    ctp::detail::DescriptorStream out(1), err(2);
    if (!state.error.empty()) {
        err << "error: " << state.error << " (see " << state.program << " --help)" << std::endl;
        return ctp::exit_usage;
    }
    if (state.help) {
        write_help(out, state.program);
        out.flush();
        return ctp::exit_success;
    }
    if (state.version) {
        out << "[doctest] doctest version is \"" << version << "\"\n" << std::flush;
        return ctp::exit_success;
    }
    if (state.no_run) return ctp::exit_success;
    std::vector<Test*> selected;
    for (Test* test : ordered_tests(state))
        if (passes_filters(state, *test)) selected.push_back(test);
    if (state.count || state.list_test_cases || state.list_test_suites) {
        std::size_t unskipped = 0;
        std::vector<std::string> suites;
        if (state.list_test_cases) out << "[doctest] listing all test case names\n" << separator;
        if (state.list_test_suites) out << "[doctest] listing all test suites\n" << separator;
        for (const Test* test : selected) {
            if (test->skip && !state.no_skip) continue;
            ++unskipped;
            if (state.list_test_cases) out << test->name << '\n';
            if (!test->suite.empty() && std::find(suites.begin(), suites.end(), test->suite) == suites.end()) {
                suites.push_back(test->suite);
                if (state.list_test_suites && !state.list_test_cases) out << test->suite << '\n';
            }
        }
        out << separator << "[doctest] unskipped test cases passing the current filters: " << unskipped << '\n';
        if (state.list_test_suites && !state.list_test_cases)
            out << "[doctest] test suites with unskipped test cases passing the current filters: " << suites.size()
                << '\n';
        out.flush();
        return ctp::exit_success;
    }
    // ctp runs the selected doctest tests in doctest's order, with the program's other tests.
    ctp::Registry registry;
    for (const Test* test : selected) registry.add(test->info);
    registered_total = tests().size();
    for (const ctp::detail::TestInfo* info : ctp::Registry::global().tests())
        if (!is_doctest_test(*info)) {
            registry.add(*info);
            ++registered_total;
        }
    std::vector<const char*> arguments{state.program.c_str()};
    for (const std::string& argument : state.ctp_arguments) arguments.push_back(argument.c_str());
    const ctp::detail::MainHooks hooks{&is_doctest_test, &write_summary};
    return ctp::detail::run_main(registry, static_cast<int>(arguments.size()), arguments.data(), out, err,
                                 ctp::detail::is_terminal(1), &hooks);
}

}  // namespace doctest

#endif  // CTP_DOCTEST_IMPLEMENTATION_HPP
