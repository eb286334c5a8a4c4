#ifndef CTP_EXIT_CODE_HPP
#define CTP_EXIT_CODE_HPP

namespace ctp {

// What ctp::main returns (and what the process exits with when a crash or a timeout ends
// the run early).
enum class ExitCode : int {
    success = 0,   // every test passed or was skipped
    failure = 1,   // a test failed or had an error
    usage = 2,     // the command line was wrong, or two tests have one name; nothing ran
    crash = 3,     // a test crashed the process; finished results were still reported
    timeout = 4,   // a test ran past --timeout; finished results were still reported
    no_tests = 5,  // -k patterns matched no test; nothing ran
};

// The codes as the ints that main returns.
inline constexpr int exit_success = static_cast<int>(ExitCode::success);
inline constexpr int exit_failure = static_cast<int>(ExitCode::failure);
inline constexpr int exit_usage = static_cast<int>(ExitCode::usage);
inline constexpr int exit_crash = static_cast<int>(ExitCode::crash);
inline constexpr int exit_timeout = static_cast<int>(ExitCode::timeout);
inline constexpr int exit_no_tests = static_cast<int>(ExitCode::no_tests);

}  // namespace ctp

#endif  // CTP_EXIT_CODE_HPP
