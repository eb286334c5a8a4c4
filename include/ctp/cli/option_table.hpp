#ifndef CTP_CLI_OPTION_TABLE_HPP
#define CTP_CLI_OPTION_TABLE_HPP

// Every command-line option, once: the parser, --help and the README's check read this table.
// A new option is a row here (and a row in the README's option tables).

#include <chrono>   // steady_clock, system_clock
#include <cstdint>  // uint64_t
#include <limits>   // numeric_limits
#include <string>
#include <string_view>

#include "../options.hpp"
#include "../plan/tag_expression.hpp"
#include "arguments.hpp"
#include "environment.hpp"

namespace ctp::detail {

struct CommandLineOption {
    std::string_view name;        // "--parallel", or a lone short flag such as "-k"
    std::string_view short_name;  // "-h" for --help; empty when there is none
    std::string_view value;       // the value's placeholder in --help; empty for a flag
    std::string_view help;        // --help's description; '\n' starts an indented line
    void (*handle)(ArgumentCursor& at, CommandLine& line);
    std::string_view usage = {};  // --help's left column when "short, name value" does not say it
};

inline constexpr CommandLineOption command_line_options[] = {
    {"--parallel", "", "[N|auto]",
     "run regular tests on N worker threads; bare or 'auto':\n"
     "$CTP_TEST_THREADS if set, else the hardware thread count",
     [](ArgumentCursor& at, CommandLine& line) {
         line.options.parallel =
             at.optional_value() && at.value != "auto" ? parse_workers(at.value, "--parallel") : auto_workers();
     }},
    {"--live-in-pool", "", "",
     "run live-server classes whose server picks its own port\n"
     "in the pool, each with its own server; a fixed port holds\n"
     "exclusive(port:N)",
     [](ArgumentCursor& at, CommandLine& line) { line.options.live_in_pool = at.no_value(); }},
    {"-k", "", "PATTERN",
     "run only tests whose full name (Suite.name) contains\n"
     "PATTERN, or matches it as a glob if it has * or ?;\n"
     "repeatable, any match selects",
     [](ArgumentCursor& at, CommandLine& line) { line.options.filters.push_back(std::string(at.required_value())); }},
    {"--tag", "-t", "EXPR",
     "run only tests whose tags match EXPR: tag names with\n"
     "and, or, not, parentheses (\"db and not slow\");\n"
     "repeatable, any match selects; with -k, both must",
     [](ArgumentCursor& at, CommandLine& line) {
         const std::string_view text = at.required_value();
         try {
             TagExpression{text};
         } catch (const TagExpressionError& error) {
             usage_error({at.name, " '", text, "': ", error.what()});
         }
         line.options.tags.push_back(std::string(text));
     }},
    {"--exclude", "", "PATTERN",
     "leave out the tests that PATTERN selects as -k would;\n"
     "repeatable",
     [](ArgumentCursor& at, CommandLine& line) { line.options.excludes.push_back(std::string(at.required_value())); }},
    {"--failfast", "", "",
     "start no new test after the first failure, error or\n"
     "unexpected success",
     [](ArgumentCursor& at, CommandLine& line) { line.options.failfast = at.no_value(); }},
    {"--shuffle", "", "[SEED]",
     "run in a random order (printed; the same SEED gives the\n"
     "same order)",
     [](ArgumentCursor& at, CommandLine& line) {
         std::uint64_t seed = 0;
         if (at.optional_value()) {
             if (!parse_number(at.value, seed))
                 invalid_value(at.name, "seed", at.value, "a whole number from 0 to 18446744073709551615");
         } else {
             // Any seed will do as long as it differs from run to run; it is printed.
             seed = static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count()) ^
                    (static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) << 17);
             seed %= 1000000000000u;
         }
         line.options.shuffle = seed;
     }},
    {"--reverse", "", "", "run in reverse order",
     [](ArgumentCursor& at, CommandLine& line) { line.options.reverse = at.no_value(); }},
    {"--exact", "", "",
     "-k and --exclude patterns without * or ? must equal\n"
     "the full name",
     [](ArgumentCursor& at, CommandLine& line) { line.options.exact = at.no_value(); }},
    {"--shard", "", "I/N",
     "run part I of N (1-based) of the selected tests; a test's\n"
     "part depends only on its name (a fixture's: its class),\n"
     "or on the times recorded in --durations-file",
     [](ArgumentCursor& at, CommandLine& line) {
         const std::string_view text = at.required_value();
         Shard shard;
         const auto slash = text.find('/');
         if (slash == std::string_view::npos || !parse_number(text.substr(0, slash), shard.index) ||
             !parse_number(text.substr(slash + 1), shard.count) || shard.index < 1 || shard.index > shard.count)
             invalid_value("--shard", "shard", text, "I/N with 1 <= I <= N, e.g. 2/3");
         line.options.shard = shard;
     }},
    {"--list", "", "",
     "list the selected tests with their phase, tags and\n"
     "resources, run nothing",
     [](ArgumentCursor& at, CommandLine& line) {
         at.no_value();
         line.command = Command::list;
     }},
    {"--list-tags", "", "", "list the selected tests' tags with their number of tests",
     [](ArgumentCursor& at, CommandLine& line) {
         at.no_value();
         line.command = Command::list_tags;
     }},
    {"--format", "", "text|json",
     "--list's and --list-tags' format; json gives each test's\n"
     "name, suite, file, line, phase, tags and resources",
     [](ArgumentCursor& at, CommandLine& line) {
         line.list_format =
             at.choice({"text", "json"}, "format", "text or json") == 1 ? ListFormat::json : ListFormat::text;
     }},
    {"-v", "", "", "a line per test with its duration",
     [](ArgumentCursor&, CommandLine& line) { line.options.verbosity = 2; }, "-v, --verbosity 2"},
    {"--verbosity", "", "0|1|2", "progress and failure details (default)",
     [](ArgumentCursor& at, CommandLine& line) {
         line.options.verbosity = static_cast<int>(at.choice({"0", "1", "2"}, "level", "0, 1 or 2"));
     },
     "--verbosity 1"},
    {"-q", "", "", "the summary only", [](ArgumentCursor&, CommandLine& line) { line.options.verbosity = 0; },
     "-q, --verbosity 0"},
    {"--reporter", "", "R",
     "what to print: 'console' (default), 'tap' (TAP\n"
     "version 13), 'gtest' (GoogleTest's format), 'github'\n"
     "(the console, then GitHub Actions annotations; the\n"
     "default under GitHub Actions) or 'teamcity' (TeamCity\n"
     "service messages; the default under TeamCity)",
     [](ArgumentCursor& at, CommandLine& line) {
         line.options.reporter = static_cast<ReporterKind>(at.choice(
             {"console", "tap", "gtest", "github", "teamcity"}, "reporter", "console, tap, gtest, github or teamcity"));
         line.options.reporter_given = true;
     }},
    {"--junit-xml", "", "PATH", "also write a JUnit XML report to PATH",
     [](ArgumentCursor& at, CommandLine& line) { line.options.junit_xml = at.required_value(); }},
    {"--json", "", "PATH", "also write a JSON report (docs/ctp-report.schema.json)",
     [](ArgumentCursor& at, CommandLine& line) { line.options.json_report = at.required_value(); }},
    {"--trace", "", "PATH", "also write a Chrome trace (chrome://tracing, Perfetto)",
     [](ArgumentCursor& at, CommandLine& line) { line.options.trace = at.required_value(); }},
    {"--timeline", "", "PATH", "also write the trace as a self-contained HTML page",
     [](ArgumentCursor& at, CommandLine& line) { line.options.timeline = at.required_value(); }},
    {"--timeout", "", "SECONDS",
     "a test running longer ends the run (exit 4) with every\n"
     "finished result kept; a fixture's own\n"
     "`static constexpr double timeout_seconds` wins",
     [](ArgumentCursor& at, CommandLine& line) {
         double& timeout = line.options.timeout;
         // Written so that NaN fails too; the upper bound keeps out infinity.
         if (!parse_number(at.required_value(), timeout) || !(timeout > 0) ||
             !(timeout <= std::numeric_limits<double>::max()))
             invalid_value(at.name, "duration", at.value, "seconds greater than 0, such as 2 or 0.5");
     }},
    {"--isolate", "", "",
     "run tests in forked worker processes: a crash or a\n"
     "timeout then fails only that test",
     [](ArgumentCursor& at, CommandLine& line) { line.options.isolate = at.no_value(); }},
    {"--buffer", "", "",
     "capture what tests write to std::cout, std::cerr and\n"
     "std::clog; show it only for tests that failed",
     [](ArgumentCursor& at, CommandLine& line) {
         at.no_value();
         line.options.capture = CaptureMode::buffer;
     }},
    {"--retries", "", "N",
     "rerun a failed test up to N times; one that then passes\n"
     "is reported flaky and does not fail the run",
     [](ArgumentCursor& at, CommandLine& line) {
         if (!parse_number(at.required_value(), line.options.retries) || line.options.retries > 100)
             invalid_value(at.name, "count", at.value, "0 to 100");
     }},
    {"--confirm-failures", "", "",
     "after the pool, run each of its failures and errors\n"
     "again alone; one that passes then is reported failed\n"
     "only in parallel (the run still fails)",
     [](ArgumentCursor& at, CommandLine& line) { line.options.confirm_failures = at.no_value(); }},
    {"--run-skipped", "", "", "run the tests decorated ctp::skip(...) too",
     [](ArgumentCursor& at, CommandLine& line) { line.options.run_skipped = at.no_value(); }},
    {"--repeat", "", "N", "run the selection N times",
     [](ArgumentCursor& at, CommandLine& line) {
         unsigned& repeat = line.options.repeat;
         if (!parse_number(at.required_value(), repeat) || repeat < 1 || repeat > 1000000)
             invalid_value(at.name, "count", at.value, "1 to 1000000");
     }},
    {"--durations", "", "N", "list the N slowest tests after the summary",
     [](ArgumentCursor& at, CommandLine& line) {
         std::uint64_t slowest = 0;
         if (!parse_number(at.required_value(), slowest)) invalid_value(at.name, "count", at.value, "a whole number");
         line.options.slowest = static_cast<std::size_t>(slowest);
     }},
    {"--durations-file", "", "PATH",
     "read the last run's test durations from PATH (if it\n"
     "exists) to start the longest units of work first, and\n"
     "write this run's there; when sharded, only read it, to\n"
     "balance the shards",
     [](ArgumentCursor& at, CommandLine& line) { line.options.durations_file = at.required_value(); }},
    {"--color", "", "WHEN",
     "colour the console report: 'auto' (default: only on a\n"
     "terminal, and not when $NO_COLOR is set), 'always', 'never'",
     [](ArgumentCursor& at, CommandLine& line) {
         constexpr ColorMode modes[] = {ColorMode::automatic, ColorMode::always, ColorMode::never};
         line.options.color = modes[at.choice({"auto", "always", "never"}, "mode", "auto, always or never")];
     }},
    {"--help", "-h", "", "show this help",
     [](ArgumentCursor& at, CommandLine& line) {
         at.no_value();
         line.command = Command::help;
     }},
    {"--version", "", "", "show ctp's version",
     [](ArgumentCursor& at, CommandLine& line) {
         at.no_value();
         line.command = Command::version;
     }},
};

}  // namespace ctp::detail

#endif  // CTP_CLI_OPTION_TABLE_HPP
