#ifndef CTP_CLI_HPP
#define CTP_CLI_HPP

#include <charconv>   // from_chars
#include <cstdint>    // uint64_t
#include <cstdlib>    // getenv
#include <limits>     // numeric_limits
#include <optional>
#include <chrono>     // steady_clock, system_clock
#include <stdexcept>  // runtime_error
#include <string>
#include <string_view>
#include <thread>     // thread::hardware_concurrency

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
        throw UsageError(std::string(source) + ": invalid worker count '" + std::string(text) +
                         "' (expected a whole number from 1 to " + std::to_string(max_workers) +
                         " or 'auto')");
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
        throw UsageError(std::string(source) + ": invalid shard '" + std::string(text) +
                         "' (expected I/N with 1 <= I <= N, e.g. 2/3)");
    return shard;
}

// The shard that a test runner protocol asks for through the environment, if any: Bazel's
// TEST_TOTAL_SHARDS and TEST_SHARD_INDEX, else GoogleTest's GTEST_ ones (both indices are
// 0-based). Returns the Bazel variables' status file to touch in `status_file`.
inline std::optional<Shard> environment_shard(std::string& status_file) {
    for (const char* prefix : {"TEST_", "GTEST_"}) {
        const std::string total_name = std::string(prefix) + "TOTAL_SHARDS";
        const std::string index_name = std::string(prefix) + "SHARD_INDEX";
        const char* total = std::getenv(total_name.c_str());
        const char* index = std::getenv(index_name.c_str());
        if (total == nullptr || *total == '\0') continue;
        Shard shard;
        if (!parse_number(std::string_view(total), shard.count) || shard.count < 1)
            throw UsageError(total_name + ": invalid shard count '" + total + "'");
        unsigned zero_based = 0;
        if (index == nullptr || !parse_number(std::string_view(index), zero_based) ||
            zero_based >= shard.count)
            throw UsageError(index_name + ": invalid shard index '" + (index ? index : "") +
                             "' (expected 0 to " + std::to_string(shard.count - 1) + ")");
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

}  // namespace detail

inline CommandLine parse_command_line(int argc, const char* const* argv) {
    CommandLine line;
    Options& options = line.options;
    for (int i = 1; i < argc; ++i) {
        std::string_view argument = argv[i];
        std::string_view name = argument;
        std::string_view value;
        bool has_value = false;
        if (argument.starts_with("--")) {
            if (auto equals = argument.find('='); equals != std::string_view::npos) {
                name = argument.substr(0, equals);
                value = argument.substr(equals + 1);
                has_value = true;
            }
        }
        auto optional_value = [&] {
            if (!has_value && i + 1 < argc && detail::looks_like_value(argv[i + 1])) {
                value = argv[++i];
                has_value = true;
            }
            return has_value;
        };
        auto required_value = [&] {
            if (!has_value) {
                if (i + 1 >= argc) throw UsageError(std::string(name) + ": missing value");
                value = argv[++i];
            }
            return value;
        };
        auto no_value = [&] {
            if (has_value)
                throw UsageError(std::string(name) + ": takes no value, got '" + std::string(value) + "'");
        };

        if (name == "--parallel") {
            options.parallel = optional_value() && value != "auto"
                                   ? detail::parse_workers(value, "--parallel")
                                   : detail::auto_workers();
        } else if (name == "--shuffle") {
            std::uint64_t seed = 0;
            if (optional_value()) {
                if (!detail::parse_number(value, seed))
                    throw UsageError("--shuffle: invalid seed '" + std::string(value) +
                                     "' (expected a whole number from 0 to 18446744073709551615)");
            } else {
                // Any seed will do as long as it differs from run to run; it is printed.
                seed = static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count()) ^
                       (static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) << 17);
                seed %= 1000000000000u;
            }
            options.shuffle = seed;
        } else if (name == "-k") {
            options.filters.emplace_back(required_value());
        } else if (name == "--failfast") {
            no_value();
            options.failfast = true;
        } else if (name == "--reverse") {
            no_value();
            options.reverse = true;
        } else if (name == "--list") {
            no_value();
            line.command = Command::list;
        } else if (name == "--format") {
            const std::string_view format = required_value();
            if (format != "text" && format != "json")
                throw UsageError("--format: invalid format '" + std::string(format) + "' (expected text or json)");
            line.list_format = format == "json" ? ListFormat::json : ListFormat::text;
        } else if (name == "--exact") {
            no_value();
            options.exact = true;
        } else if (name == "--shard") {
            options.shard = detail::parse_shard(required_value(), "--shard");
        } else if (name == "--junit-xml") {
            options.junit_xml = required_value();
        } else if (name == "--json") {
            options.json_report = required_value();
        } else if (name == "--trace") {
            options.trace = required_value();
        } else if (name == "--timeline") {
            options.timeline = required_value();
        } else if (name == "--reporter") {
            const std::string_view reporter = required_value();
            if (reporter != "console" && reporter != "tap")
                throw UsageError("--reporter: invalid reporter '" + std::string(reporter) + "' (expected console or tap)");
            options.reporter = reporter == "tap" ? ReporterKind::tap : ReporterKind::console;
        } else if (name == "--timeout") {
            const std::string_view seconds = required_value();
            // Written so that NaN fails too; the upper bound keeps out infinity.
            if (!detail::parse_number(seconds, options.timeout) || !(options.timeout > 0) ||
                !(options.timeout <= std::numeric_limits<double>::max()))
                throw UsageError("--timeout: invalid duration '" + std::string(seconds) +
                                 "' (expected seconds greater than 0, such as 2 or 0.5)");
        } else if (name == "--retries") {
            const std::string_view count = required_value();
            if (!detail::parse_number(count, options.retries) || options.retries > 100)
                throw UsageError("--retries: invalid count '" + std::string(count) + "' (expected 0 to 100)");
        } else if (name == "--repeat") {
            const std::string_view count = required_value();
            if (!detail::parse_number(count, options.repeat) || options.repeat < 1 || options.repeat > 1000000)
                throw UsageError("--repeat: invalid count '" + std::string(count) + "' (expected 1 to 1000000)");
        } else if (name == "--durations-file") {
            options.durations_file = required_value();
        } else if (name == "--buffer") {
            no_value();
            options.buffer = true;
        } else if (name == "--isolate") {
            no_value();
            options.isolate = true;
        } else if (name == "--durations") {
            const std::string_view count = required_value();
            if (!detail::parse_number(count, options.durations))
                throw UsageError("--durations: invalid count '" + std::string(count) + "' (expected a whole number)");
        } else if (name == "--color") {
            const std::string_view mode = required_value();
            if (mode == "auto") options.color = ColorMode::automatic;
            else if (mode == "always") options.color = ColorMode::always;
            else if (mode == "never") options.color = ColorMode::never;
            else throw UsageError("--color: invalid mode '" + std::string(mode) + "' (expected auto, always or never)");
        } else if (name == "-v") {
            options.verbosity = 2;
        } else if (name == "-q") {
            options.verbosity = 0;
        } else if (name == "--verbosity") {
            std::string_view level = required_value();
            if (level != "0" && level != "1" && level != "2")
                throw UsageError("--verbosity: invalid level '" + std::string(level) + "' (expected 0, 1 or 2)");
            options.verbosity = level[0] - '0';
        } else if (name == "-h" || name == "--help") {
            no_value();
            line.command = Command::help;
        } else if (name == "--version") {
            no_value();
            line.command = Command::version;
        } else if (argument.starts_with("-")) {
            throw UsageError("unknown option '" + std::string(argument) + "'");
        } else {
            throw UsageError("unexpected argument '" + std::string(argument) + "'");
        }
    }
    return line;
}

inline std::string help_text(std::string_view program) {
    return "Usage: " + std::string(program) + R"( [options]

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
)";
}

}  // namespace ctp

#endif  // CTP_CLI_HPP
