#ifndef CTP_CLI_HPP
#define CTP_CLI_HPP

#include <charconv>   // from_chars
#include <cstdint>    // uint64_t
#include <cstdlib>    // getenv
#include <random>     // random_device
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

struct CommandLine {
    Command command = Command::run;
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
                std::random_device entropy;
                seed = (std::uint64_t{entropy()} << 32) ^ entropy();
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
  --list               list the selected tests with their phase, run nothing
  -v, --verbosity 2    a line per test with its duration
  --verbosity 1        progress and failure details (default)
  -q, --verbosity 0    the summary only
  -h, --help           show this help
  --version            show ctp's version

Exit codes: 0 all passed, 1 a test failed or had an error, 2 bad command
line, 5 no test matches the -k patterns.
)";
}

}  // namespace ctp

#endif  // CTP_CLI_HPP
