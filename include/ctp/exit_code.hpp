#ifndef CTP_EXIT_CODE_HPP
#define CTP_EXIT_CODE_HPP

namespace ctp {

// What ctp::main returns (and what the process exits with when a crash or a timeout ends
// the run early).
enum ExitCode : int {
    exit_success = 0,    // every test passed or was skipped
    exit_failure = 1,    // a test failed or had an error
    exit_usage = 2,      // the command line was wrong; nothing ran
    exit_crash = 3,      // a test crashed the process; finished results were still reported
    exit_timeout = 4,    // a test ran past --timeout; finished results were still reported
    exit_no_tests = 5,   // -k patterns matched no test; nothing ran
};

}  // namespace ctp

#endif  // CTP_EXIT_CODE_HPP
