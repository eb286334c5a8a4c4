#ifndef CTP_GTEST_COMMAND_LINE_IMPLEMENTATION_HPP
#define CTP_GTEST_COMMAND_LINE_IMPLEMENTATION_HPP

// GoogleTest's command line over ctp's: the --gtest_ flags and GTEST_ variables become ctp
// Options, ctp's own options are read by ctp's table, and what neither knows is left to the
// program, as GoogleTest leaves it. Then RUN_ALL_TESTS runs ctp's run (run_command_line)
// over the tests that --gtest_filter selects.

#include <cstdio>   // FILE, fwrite, fflush, stdout, stderr, fputs
#include <cstdlib>  // getenv, exit
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "../cli.hpp"
#include "../exit_code.hpp"
#include "../main.hpp"
#include "../registry.hpp"
#include "../reporters/descriptor_stream.hpp"
#include "../reporters/gtest_console.hpp"
#include "../text/text_building.hpp"
#include "../version.hpp"
#include "events.hpp"
#include "command_line.hpp"
#include "events_implementation.hpp"
#include "main.hpp"

namespace ctp::detail::gtest {

// GoogleTest's flags as the front end reads them, without the "--gtest_" prefix: whether
// the environment may give them (GTEST_ and the name in capitals), and what they set.
struct GtestFlag {
    std::string_view name;
    bool from_environment;
    void (*apply)(std::string_view value, bool has_value, std::string_view source, GtestCommandLine& line,
                  std::string_view program);
};

inline bool flag_bool(std::string_view value, bool has_value, std::string_view source) {
    if (!has_value) return true;
    for (std::string_view yes : {"1", "true", "yes", "t", "y", "T"})
        if (value == yes) return true;
    for (std::string_view no : {"0", "false", "no", "f", "n", "F"})
        if (value == no) return false;
    invalid_value(source, "value", value, "1 or 0");
}

inline std::string_view flag_value(std::string_view value, bool has_value, std::string_view source) {
    if (!has_value) usage_error({source, ": missing value"});
    return value;
}

inline unsigned flag_number(std::string_view value, bool has_value, std::string_view source, unsigned low,
                            unsigned high, std::string_view what) {
    unsigned number = 0;
    const std::string_view text = flag_value(value, has_value, source);
    if (!parse_number(text, number) || number < low || number > high)
        invalid_value(source, what, text,
                      high == static_cast<unsigned>(-1)
                          ? concat({"a whole number from ", digits(low)})
                          : concat({"a whole number from ", digits(low), " to ", digits(high)}));
    return number;
}

// --gtest_output's path: the default name in the working directory, a directory (ending in
// '/') holding the program's name, or the path itself.
inline std::string output_path(std::string_view path, std::string_view format, std::string_view program) {
    if (path.empty()) return concat({"test_detail.", format});
    if (path.back() != '/') return std::string(path);
    const std::size_t slash = program.find_last_of('/');
    return concat({path, slash == std::string_view::npos ? program : program.substr(slash + 1), ".", format});
}

// What the front end accepts and ignores: ctp always catches exceptions, has no death tests,
// prints no stack traces, and its failures never throw.
inline void accepted_bool(std::string_view value, bool has_value, std::string_view source, GtestCommandLine&,
                          std::string_view) {
    flag_bool(value, has_value, source);
}

inline constexpr GtestFlag gtest_flags[] = {
    {"list_tests", false,
     [](std::string_view value, bool has_value, std::string_view source, GtestCommandLine& line, std::string_view) {
         line.list = flag_bool(value, has_value, source);
     }},
    {"filter", true,
     [](std::string_view value, bool has_value, std::string_view source, GtestCommandLine& line, std::string_view) {
         line.filter = flag_value(value, has_value, source);
         line.line.options.gtest.filter = line.filter;
     }},
    {"also_run_disabled_tests", true,
     [](std::string_view value, bool has_value, std::string_view source, GtestCommandLine& line, std::string_view) {
         line.also_run_disabled = flag_bool(value, has_value, source);
     }},
    {"repeat", true,
     [](std::string_view value, bool has_value, std::string_view source, GtestCommandLine& line, std::string_view) {
         line.line.options.repeat = flag_number(value, has_value, source, 1, static_cast<unsigned>(-1), "count");
     }},
    {"shuffle", true,
     [](std::string_view value, bool has_value, std::string_view source, GtestCommandLine& line, std::string_view) {
         line.shuffle = flag_bool(value, has_value, source);
     }},
    {"random_seed", true,
     [](std::string_view value, bool has_value, std::string_view source, GtestCommandLine& line, std::string_view) {
         line.random_seed = flag_number(value, has_value, source, 0, 99999, "seed");
     }},
    {"fail_fast", true,
     [](std::string_view value, bool has_value, std::string_view source, GtestCommandLine& line, std::string_view) {
         line.line.options.failfast = flag_bool(value, has_value, source);
     }},
    {"brief", true,
     [](std::string_view value, bool has_value, std::string_view source, GtestCommandLine& line, std::string_view) {
         line.line.options.gtest.brief = flag_bool(value, has_value, source);
     }},
    {"print_time", true,
     [](std::string_view value, bool has_value, std::string_view source, GtestCommandLine& line, std::string_view) {
         line.line.options.gtest.print_time = flag_bool(value, has_value, source);
     }},
    {"color", true,
     [](std::string_view value, bool has_value, std::string_view source, GtestCommandLine& line, std::string_view) {
         const std::string_view given = flag_value(value, has_value, source);
         for (std::string_view yes : {"yes", "true", "t", "1"})
             if (given == yes) return void(line.line.options.color = ColorMode::always);
         for (std::string_view no : {"no", "false", "f", "0"})
             if (given == no) return void(line.line.options.color = ColorMode::never);
         if (given != "auto") invalid_value(source, "value", given, "yes, no or auto");
         line.line.options.color = ColorMode::automatic;
     }},
    {"output", true,
     [](std::string_view value, bool has_value, std::string_view source, GtestCommandLine& line,
        std::string_view program) {
         const std::string_view given = flag_value(value, has_value, source);
         const std::size_t colon = given.find(':');
         const std::string_view format = given.substr(0, colon);
         const std::string_view path = colon == std::string_view::npos ? std::string_view() : given.substr(colon + 1);
         if (format == "xml") line.line.options.gtest.xml = output_path(path, format, program);
         else if (format == "json") line.line.options.gtest.json = output_path(path, format, program);
         else invalid_value(source, "report", given, "xml[:PATH] or json[:PATH]");
     }},
    {"break_on_failure", true, &accepted_bool},
    {"catch_exceptions", true, &accepted_bool},
    {"throw_on_failure", true, &accepted_bool},
    {"install_failure_signal_handler", true, &accepted_bool},
    {"recreate_environments_when_repeating", true, &accepted_bool},
    {"print_utf8", true, &accepted_bool},
    {"death_test_style", true,
     [](std::string_view value, bool has_value, std::string_view source, GtestCommandLine&, std::string_view) {
         const std::string_view given = flag_value(value, has_value, source);
         if (given != "fast" && given != "threadsafe") invalid_value(source, "style", given, "fast or threadsafe");
     }},
    {"stack_trace_depth", true,
     [](std::string_view value, bool has_value, std::string_view source, GtestCommandLine&, std::string_view) {
         flag_number(value, has_value, source, 0, 100, "depth");
     }},
};

inline const GtestFlag* find_gtest_flag(std::string_view name) {
    for (const GtestFlag& flag : gtest_flags)
        if (flag.name == name) return &flag;
    return nullptr;
}

inline std::string environment_name(std::string_view flag) {
    std::string name = "GTEST_";
    for (const char c : flag) name += c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    return name;
}

// Reads argv; throws UsageError. `consumed` marks what InitGoogleTest takes out of argv.
GtestCommandLine parse_command_line(int argc, const char* const* argv) {
    GtestCommandLine line;
    line.consumed.assign(argc > 0 ? static_cast<std::size_t>(argc) : 0, false);
    const std::string_view program = argc > 0 && argv[0] != nullptr ? argv[0] : "tests";
    std::vector<std::string_view> given;
    bool reporter_given = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument = argv[i];
        if (argument.starts_with("--gtest_")) {
            const std::size_t equals = argument.find('=');
            const std::string_view name = argument.substr(8, equals == std::string_view::npos ? equals : equals - 8);
            const GtestFlag* flag = find_gtest_flag(name);
            if (flag == nullptr) usage_error({"unknown option '", argument.substr(0, equals), "'"});
            flag->apply(equals == std::string_view::npos ? std::string_view() : argument.substr(equals + 1),
                        equals != std::string_view::npos, argument.substr(0, equals), line, program);
            given.push_back(name);
            line.consumed[static_cast<std::size_t>(i)] = true;
            continue;
        }
        if (argument == "--help" || argument == "-h" || argument == "-?" || argument == "/?") {
            line.help = true;
            line.consumed[static_cast<std::size_t>(i)] = true;
            continue;
        }
        // One of ctp's options, with its value if it takes the next argument.
        const char* window[] = {argv[0], argv[i], i + 1 < argc ? argv[i + 1] : nullptr};
        ArgumentCursor at(i + 1 < argc ? 3 : 2, window);
        at.next();
        const CommandLineOption* match = nullptr;
        for (const CommandLineOption& option : command_line_options)
            if (at.name == option.name || (!option.short_name.empty() && at.name == option.short_name)) match = &option;
        if (match == nullptr) continue;  // the program's own
        match->handle(at, line.line);
        reporter_given = reporter_given || match->name == "--reporter";
        for (int taken = 0; taken < at.index(); ++taken) line.consumed[static_cast<std::size_t>(i + taken)] = true;
        i += at.index() - 1;
    }
    // The environment gives what the command line did not.
    for (const GtestFlag& flag : gtest_flags) {
        if (!flag.from_environment) continue;
        bool set = false;
        for (std::string_view name : given) set = set || name == flag.name;
        if (set) continue;
        const std::string variable = environment_name(flag.name);
        const char* value = std::getenv(variable.c_str());
        if (value != nullptr && *value != '\0') flag.apply(value, true, variable, line, program);
    }
    Options& options = line.line.options;
    if (line.shuffle) {
        // GoogleTest's seeds run from 1 to 99999; 0 asks for one from the clock.
        unsigned seed = line.random_seed;
        if (seed == 0)
            seed = static_cast<unsigned>(std::chrono::system_clock::now().time_since_epoch().count() % 99999) + 1;
        options.shuffle = seed;
    }
    if (line.also_run_disabled) options.run_skipped = true;
    // GoogleTest's console output unless the command line asks for ctp's own (--reporter console).
    if (!reporter_given) options.reporter = ReporterKind::gtest;
    return line;
}

// GoogleTest's patterns: '*' and '?' wildcards over the full name, ':' between patterns, and
// after a '-' the patterns that exclude.
inline bool any_pattern_matches(std::string_view patterns, std::string_view name) {
    for (std::size_t start = 0;;) {
        const std::size_t end = patterns.find(':', start);
        if (glob_match(patterns.substr(start, end == std::string_view::npos ? end : end - start), name)) return true;
        if (end == std::string_view::npos) return false;
        start = end + 1;
    }
}

bool filter_matches(std::string_view filter, std::string_view name) {
    const std::size_t dash = filter.find('-');
    const std::string_view positive = filter.substr(0, dash);
    const std::string_view negative = dash == std::string_view::npos ? std::string_view() : filter.substr(dash + 1);
    return any_pattern_matches(positive.empty() ? "*" : positive, name) &&
           (negative.empty() || !any_pattern_matches(negative, name));
}

inline std::string gtest_help_text(std::string_view program) {
    return concat({R"(This program contains tests written using Google Test. You can use the
following command line flags to control its behavior:

GoogleTest's flags, run by ctp (each also read from GTEST_ and its name in
capitals, such as GTEST_FILTER; the command line wins):
  --gtest_list_tests   list the tests a suite at a time, each suite followed by
                       its tests, instead of running them
  --gtest_filter=POSITIVE[:POSITIVE...][-NEGATIVE[:NEGATIVE...]]
                       run the tests whose full name (Suite.Name) matches a
                       positive pattern and no negative one; '*' matches any
                       text, '?' any one character
  --gtest_also_run_disabled_tests
                       run the DISABLED_ tests too
  --gtest_repeat=N     run the selected tests N times
  --gtest_shuffle      run the tests in a random order
  --gtest_random_seed=N
                       the order's seed, 1 to 99999 (0: from the clock)
  --gtest_fail_fast    start no test after the first failure
  --gtest_color=(yes|no|auto)
                       colours in the console output (default: auto)
  --gtest_brief=1      print the failures and the summary only
  --gtest_print_time=0 leave out each test's time
  --gtest_output=(xml|json)[:DIRECTORY/|:FILE]
                       write GoogleTest's XML or JSON report (default file:
                       test_detail.xml or test_detail.json)
  --gtest_break_on_failure, --gtest_catch_exceptions, --gtest_throw_on_failure,
  --gtest_death_test_style, --gtest_stack_trace_depth
                       accepted and ignored: ctp always catches exceptions,
                       and has no death tests or stack traces

ctp's options work alongside them.

)",
                   help_text(program)});
}

// The tests of `registry` that --gtest_filter selects, in order; DISABLED_ ones go to
// `disabled` unless they are to run.
inline std::vector<const TestInfo*> select_tests(const Registry& registry, const GtestCommandLine& line,
                                                 std::vector<const TestInfo*>& disabled) {
    std::vector<const TestInfo*> selected;
    for (const TestInfo* info : registry.tests()) {
        if (!filter_matches(line.filter, concat({info->suite(), ".", info->name()}))) continue;
        if (is_disabled(*info) && !line.also_run_disabled) disabled.push_back(info);
        else selected.push_back(info);
    }
    return selected;
}

// RUN_ALL_TESTS over `registry`, with `unit`'s listeners when it is given.
int run(const Registry& registry, GtestCommandLine& line, std::string_view program, std::ostream& out,
        std::ostream& err, bool terminal, testing::UnitTest* unit) {
    if (line.help) {
        out << gtest_help_text(program) << std::flush;
        return exit_success;
    }
    if (line.line.command == Command::version) {
        out << "ctp " CTP_VERSION_STRING "\n" << std::flush;
        return exit_success;
    }
    std::vector<const TestInfo*> disabled;
    const std::vector<const TestInfo*> selected = select_tests(registry, line, disabled);
    if (line.list) {
        std::vector<const TestInfo*> listed;
        for (const TestInfo* info : registry.tests())
            if (filter_matches(line.filter, concat({info->suite(), ".", info->name()}))) listed.push_back(info);
        write_gtest_list(out, listed);
        return exit_success;
    }
    Registry chosen;
    for (const TestInfo* info : selected) chosen.add(*info);
    Options& options = line.line.options;
    options.gtest.disabled = disabled;
    const char* junit_source = nullptr;
    try {
        junit_source = apply_environment(options);
    } catch (const UsageError& error) {
        err << "error: " << error.what() << " (see " << program << " --help)" << std::endl;
        return exit_usage;
    }
    std::optional<Events> events;
    if (unit != nullptr) {
        events.emplace(*unit, registry, selected, disabled, static_cast<int>(options.shuffle.value_or(0)));
        options.gtest.printer = unit->listeners().default_result_printer() != nullptr;
        if (unit->listeners().default_xml_generator() == nullptr) options.gtest.xml.clear(), options.gtest.json.clear();
        // GoogleTest's listeners assume one test at a time (a leak checker compares a global
        // count at OnTestStart and OnTestEnd), so a program that adds one runs serially.
        if (events->listening() && options.parallel > 0) {
            err << "note: --parallel " << options.parallel
                << " runs the tests one at a time: the program added a GoogleTest event listener, which hears one"
                   " test at a time"
                << std::endl;
            options.parallel = 0;
        }
    }
    return run_command_line(chosen, line.line, junit_source, out, err, terminal, events ? &*events : nullptr);
}

// Standard output through C's stdout, flushed at each flush of the stream: what a test or a
// listener prints with printf then comes in order with the report.
class StdioBuffer final : public std::streambuf {
public:
    explicit StdioBuffer(std::FILE* file) noexcept : file_(file) {}

protected:
    int_type overflow(int_type c) override {
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            const char character = traits_type::to_char_type(c);
            std::fwrite(&character, 1, 1, file_);
        }
        return traits_type::not_eof(c);
    }
    std::streamsize xsputn(const char* text, std::streamsize size) override {
        return static_cast<std::streamsize>(std::fwrite(text, 1, static_cast<std::size_t>(size), file_));
    }
    int sync() override { return std::fflush(file_); }

private:
    std::FILE* file_;
};

State& state() {
    static State state;
    return state;
}

}  // namespace ctp::detail::gtest

namespace testing {

void InitGoogleTest(int* argc, char** argv) {
    ctp::detail::gtest::State& state = ctp::detail::gtest::state();
    const int count = argc != nullptr ? *argc : 0;
    if (count > 0 && argv[0] != nullptr) state.program = argv[0];
    try {
        state.line = ctp::detail::gtest::parse_command_line(count, argv);
    } catch (const ctp::UsageError& error) {
        const std::string message =
            ctp::detail::concat({"error: ", error.what(), " (see ", state.program, " --help)\n"});
        std::fflush(stdout);
        std::fputs(message.c_str(), stderr);
        std::exit(ctp::exit_usage);
    }
    state.initialized = true;
    int kept = count > 0 ? 1 : 0;
    for (int i = 1; i < count; ++i)
        if (!state.line.consumed[static_cast<std::size_t>(i)]) argv[kept++] = argv[i];
    if (count > 0) {
        for (int i = kept; i < count; ++i) argv[i] = nullptr;
        *argc = kept;
    }
}

void InitGoogleTest() {
    int argc = 0;
    InitGoogleTest(&argc, nullptr);
}

int UnitTest::Run() {
    ctp::detail::gtest::State& state = ctp::detail::gtest::state();
    if (!state.initialized) InitGoogleTest();
    ctp::detail::gtest::StdioBuffer out_buffer(stdout), err_buffer(stderr);
    std::ostream out(&out_buffer), err(&err_buffer);
    return ctp::detail::gtest::run(ctp::Registry::global(), state.line, state.program, out, err,
                                   ctp::detail::is_terminal(1), this);
}

}  // namespace testing

#endif  // CTP_GTEST_COMMAND_LINE_IMPLEMENTATION_HPP
