#ifndef CTP_CLI_HPP
#define CTP_CLI_HPP

#include <charconv>   // from_chars
#include <cstddef>    // size_t
#include <cstdint>    // uint64_t
#include <cstdlib>    // getenv
#include <limits>     // numeric_limits
#include <initializer_list>
#include <optional>
#include <chrono>     // steady_clock, system_clock
#include <stdexcept>  // runtime_error
#include <string>
#include <string_view>
#include <thread>     // thread::hardware_concurrency

#include "detail/optimizer_hints.hpp"
#include "text/text_building.hpp"
#include "options.hpp"

namespace ctp {

// A command line that cannot be run; what() names the offending argument.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class Command { run, list, help, version };
enum class ListFormat { text, json };

struct CommandLine {
    Command command = Command::run;
    ListFormat list_format = ListFormat::text;
    Options options;
};

namespace detail {

// One out-of-line throw for every bad argument keeps parse_command_line small.
[[noreturn]] CTP_DETAIL_NOINLINE inline void usage_error(std::initializer_list<std::string_view> parts) {
    throw UsageError(concat(parts));
}

// "NAME: invalid WHAT 'VALUE' (expected EXPECTED)".
[[noreturn]] inline void invalid_value(std::string_view name, std::string_view what, std::string_view value,
                                       std::string_view expected) {
    usage_error({name, ": invalid ", what, " '", value, "' (expected ", expected, ")"});
}

template <class Number>
bool parse_number(std::string_view text, Number& value) {
    const char* end = text.data() + text.size();
    auto [stop, error] = std::from_chars(text.data(), end, value);
    return error == std::errc() && stop == end && !text.empty();
}

// Up to what a machine could plausibly use; beyond it is a typo.
inline constexpr unsigned max_workers = 4096;

inline unsigned parse_workers(std::string_view text, std::string_view source) {
    unsigned workers = 0;
    if (!parse_number(text, workers) || workers < 1 || workers > max_workers)
        usage_error({source, ": invalid worker count '", text, "' (expected a whole number from 1 to ",
                     digits(max_workers), " or 'auto')"});
    return workers;
}

inline unsigned auto_workers() {
    if (const char* configured = std::getenv("CTP_TEST_THREADS"))
        return parse_workers(configured, "CTP_TEST_THREADS");
    const unsigned hardware = std::thread::hardware_concurrency();
    return hardware > 0 ? hardware : 1;
}

// "I/N", 1 <= I <= N. Bad values are usage errors naming `source`.
inline Shard parse_shard(std::string_view text, std::string_view source) {
    Shard shard;
    const auto slash = text.find('/');
    if (slash == std::string_view::npos || !parse_number(text.substr(0, slash), shard.index) ||
        !parse_number(text.substr(slash + 1), shard.count) || shard.index < 1 ||
        shard.index > shard.count)
        invalid_value(source, "shard", text, "I/N with 1 <= I <= N, e.g. 2/3");
    return shard;
}

// The shard that a test runner protocol asks for through the environment, if any: Bazel's
// TEST_TOTAL_SHARDS and TEST_SHARD_INDEX, else GoogleTest's GTEST_ ones (both indices are
// 0-based). Returns the Bazel variables' status file to touch in `status_file`.
CTP_DETAIL_COLD inline std::optional<Shard> environment_shard(std::string& status_file) {
    for (const char* prefix : {"TEST_", "GTEST_"}) {
        const std::string total_name = concat({prefix, "TOTAL_SHARDS"});
        const std::string index_name = concat({prefix, "SHARD_INDEX"});
        const char* total = std::getenv(total_name.c_str());
        const char* index = std::getenv(index_name.c_str());
        if (total == nullptr || *total == '\0') continue;
        Shard shard;
        if (!parse_number(std::string_view(total), shard.count) || shard.count < 1)
            usage_error({total_name, ": invalid shard count '", total, "'"});
        unsigned zero_based = 0;
        if (index == nullptr || !parse_number(std::string_view(index), zero_based) ||
            zero_based >= shard.count)
            invalid_value(index_name, "shard index", index ? index : "", concat({"0 to ", digits(shard.count - 1)}));
        shard.index = zero_based + 1;
        if (const char* status = std::getenv("TEST_SHARD_STATUS_FILE"); status && *prefix == 'T')
            status_file = status;
        return shard;
    }
    return std::nullopt;
}

// Whether `argument` can be the value of an option whose value is optional: anything but
// another option, though a negative number is a (bad) value rather than an option.
inline bool looks_like_value(std::string_view argument) {
    if (argument.empty() || argument[0] != '-') return true;
    return argument.size() > 1 && argument[1] >= '0' && argument[1] <= '9';
}

// Walks argv for parse_command_line: each argument, split as "--name=value" if it is so.
// Its members are out of line because every option calls them.
class ArgumentCursor {
public:
    ArgumentCursor(int argc, const char* const* argv) noexcept : argc_(argc), argv_(argv) {}

    bool next() noexcept {
        if (++i_ >= argc_) return false;
        argument = name = argv_[i_];
        value = {};
        has_value_ = false;
        if (const auto equals = argument.find('='); argument.starts_with("--") && equals != std::string_view::npos) {
            name = argument.substr(0, equals);
            value = argument.substr(equals + 1);
            has_value_ = true;
        }
        return true;
    }

    // Takes the next argument as the value if it is not an option; returns whether there is one.
    CTP_DETAIL_NOINLINE bool optional_value() noexcept {
        if (!has_value_ && i_ + 1 < argc_ && looks_like_value(argv_[i_ + 1])) {
            value = argv_[++i_];
            has_value_ = true;
        }
        return has_value_;
    }

    CTP_DETAIL_NOINLINE std::string_view required_value() {
        if (!has_value_) {
            if (i_ + 1 >= argc_) usage_error({name, ": missing value"});
            value = argv_[++i_];
            has_value_ = true;
        }
        return value;
    }

    // For a flag: true, or a usage error if it was given "=value".
    CTP_DETAIL_NOINLINE bool no_value() {
        if (has_value_) usage_error({name, ": takes no value, got '", value, "'"});
        return true;
    }

    // The index of the value among `choices`; `what` and `expected` word the error.
    CTP_DETAIL_NOINLINE std::size_t choice(std::initializer_list<std::string_view> choices, std::string_view what,
                                           std::string_view expected) {
        const std::string_view given = required_value();
        std::size_t index = 0;
        for (std::string_view choice : choices) {
            if (choice == given) return index;
            ++index;
        }
        invalid_value(name, what, given, expected);
    }

    std::string_view argument, name, value;

private:
    int argc_;
    const char* const* argv_;
    int i_ = 0;
    bool has_value_ = false;
};

}  // namespace detail

CTP_DETAIL_COLD inline CommandLine parse_command_line(int argc, const char* const* argv) {
    CommandLine line;
    Options& options = line.options;
    for (detail::ArgumentCursor at(argc, argv); at.next();) {
        const std::string_view name = at.name;
        if (name == "--parallel") {
            options.parallel = at.optional_value() && at.value != "auto" ? detail::parse_workers(at.value, "--parallel")
                                                                          : detail::auto_workers();
        } else if (name == "--shuffle") {
            std::uint64_t seed = 0;
            if (at.optional_value()) {
                if (!detail::parse_number(at.value, seed))
                    detail::invalid_value(name, "seed", at.value, "a whole number from 0 to 18446744073709551615");
            } else {
                // Any seed will do as long as it differs from run to run; it is printed.
                seed = static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count()) ^
                       (static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) << 17);
                seed %= 1000000000000u;
            }
            options.shuffle = seed;
        } else if (name == "-k") {
            options.filters.emplace_back(at.required_value());
        } else if (name == "--failfast") {
            options.failfast = at.no_value();
        } else if (name == "--reverse") {
            options.reverse = at.no_value();
        } else if (name == "--list") {
            at.no_value();
            line.command = Command::list;
        } else if (name == "--format") {
            line.list_format = at.choice({"text", "json"}, "format", "text or json") == 1 ? ListFormat::json : ListFormat::text;
        } else if (name == "--exact") {
            options.exact = at.no_value();
        } else if (name == "--shard") {
            options.shard = detail::parse_shard(at.required_value(), "--shard");
        } else if (name == "--junit-xml") {
            options.junit_xml = at.required_value();
        } else if (name == "--json") {
            options.json_report = at.required_value();
        } else if (name == "--trace") {
            options.trace = at.required_value();
        } else if (name == "--timeline") {
            options.timeline = at.required_value();
        } else if (name == "--reporter") {
            options.reporter = at.choice({"console", "tap"}, "reporter", "console or tap") == 1 ? ReporterKind::tap : ReporterKind::console;
        } else if (name == "--timeout") {
            // Written so that NaN fails too; the upper bound keeps out infinity.
            if (!detail::parse_number(at.required_value(), options.timeout) || !(options.timeout > 0) ||
                !(options.timeout <= std::numeric_limits<double>::max()))
                detail::invalid_value(name, "duration", at.value, "seconds greater than 0, such as 2 or 0.5");
        } else if (name == "--retries") {
            if (!detail::parse_number(at.required_value(), options.retries) || options.retries > 100)
                detail::invalid_value(name, "count", at.value, "0 to 100");
        } else if (name == "--repeat") {
            if (!detail::parse_number(at.required_value(), options.repeat) || options.repeat < 1 || options.repeat > 1000000)
                detail::invalid_value(name, "count", at.value, "1 to 1000000");
        } else if (name == "--durations-file") {
            options.durations_file = at.required_value();
        } else if (name == "--buffer") {
            options.buffer = at.no_value();
        } else if (name == "--isolate") {
            options.isolate = at.no_value();
        } else if (name == "--durations") {
            if (!detail::parse_number(at.required_value(), options.durations))
                detail::invalid_value(name, "count", at.value, "a whole number");
        } else if (name == "--color") {
            constexpr ColorMode modes[] = {ColorMode::automatic, ColorMode::always, ColorMode::never};
            options.color = modes[at.choice({"auto", "always", "never"}, "mode", "auto, always or never")];
        } else if (name == "-v") {
            options.verbosity = 2;
        } else if (name == "-q") {
            options.verbosity = 0;
        } else if (name == "--verbosity") {
            options.verbosity = static_cast<int>(at.choice({"0", "1", "2"}, "level", "0, 1 or 2"));
        } else if (name == "-h" || name == "--help") {
            at.no_value();
            line.command = Command::help;
        } else if (name == "--version") {
            at.no_value();
            line.command = Command::version;
        } else {
            detail::usage_error({at.argument.starts_with("-") ? "unknown option '" : "unexpected argument '", at.argument, "'"});
        }
    }
    return line;
}

CTP_DETAIL_COLD inline std::string help_text(std::string_view program) {
    return detail::concat({"Usage: ", program, R"( [options]

Runs the program's ctp tests. Without --parallel every test runs serially, in
discovery order. With it, regular tests run in a pool of threads, then the
tests of serial fixtures (ctp::LiveServerTestCase and its kind) one at a time.

Options:
  --parallel [N|auto]  run regular tests on N worker threads; bare or 'auto':
                       $CTP_TEST_THREADS if set, else the hardware thread count
  -k PATTERN           run only tests whose full name (Suite.name) contains
                       PATTERN, or matches it as a glob if it has * or ?;
                       repeatable, any match selects
  --failfast           start no new test after the first failure or error
  --shuffle [SEED]     run in a random order (printed; the same SEED gives the
                       same order)
  --reverse            run in reverse order
  --exact              -k patterns without * or ? must equal the full name
  --shard I/N          run part I of N (1-based) of the selected tests; a test's
                       part depends only on its name (a fixture's: its class)
  --list               list the selected tests with their phase, run nothing
  --format text|json   --list's format; json gives each test's name, suite,
                       file, line and phase
  -v, --verbosity 2    a line per test with its duration
  --verbosity 1        progress and failure details (default)
  -q, --verbosity 0    the summary only
  --reporter R         what to print: 'console' (default) or 'tap' (TAP
                       version 13)
  --junit-xml PATH     also write a JUnit XML report to PATH
  --json PATH          also write a JSON report (docs/ctp-report.schema.json)
  --trace PATH         also write a Chrome trace (chrome://tracing, Perfetto)
  --timeline PATH      also write the trace as a self-contained HTML page
  --timeout SECONDS    a test running longer ends the run (exit 4) with every
                       finished result kept; a fixture's own
                       `static constexpr double timeout_seconds` wins
  --isolate            run tests in forked worker processes: a crash or a
                       timeout then fails only that test
  --buffer             capture what tests write to std::cout, std::cerr and
                       std::clog; show it only for tests that failed
  --retries N          rerun a failed test up to N times; one that then passes
                       is reported flaky and does not fail the run
  --repeat N           run the selection N times
  --durations N        list the N slowest tests after the summary
  --durations-file PATH  read the last run's test durations from PATH (if it
                       exists) to start the longest units of work first, and
                       write this run's there
  --color WHEN         colour the console report: 'auto' (default: only on a
                       terminal, and not when $NO_COLOR is set), 'always', 'never'
  -h, --help           show this help
  --version            show ctp's version

Sharding also follows Bazel (TEST_TOTAL_SHARDS, TEST_SHARD_INDEX,
TEST_SHARD_STATUS_FILE; XML_OUTPUT_FILE receives the JUnit report) and
GoogleTest (GTEST_TOTAL_SHARDS, GTEST_SHARD_INDEX) when --shard is not given.

Exit codes: 0 all passed, 1 a test failed or had an error, 2 bad command
line (or shard variables, or a report file that cannot be written), 3 a test
crashed the process (fatal signal or std::terminate), 4 a test ran past
--timeout, 5 no test matches the -k patterns.
)"});
}

}  // namespace ctp

#endif  // CTP_CLI_HPP
