#ifndef CTP_GTEST_MAIN_HPP
#define CTP_GTEST_MAIN_HPP

// GoogleTest's entry points: InitGoogleTest reads the command line, RUN_ALL_TESTS runs
// ctp's run over every registered test, GoogleTest's and ctp's alike. Out of line in
// command_line_implementation.hpp.

#include "events.hpp"

namespace testing {

// Takes the --gtest_ flags and ctp's own options out of argv, leaving the program's.
// A malformed one is a usage error: its message goes to standard error and the process
// exits with code 2, as ctp's main does.
void InitGoogleTest(int* argc, char** argv);
// The environment's GTEST_ variables only.
void InitGoogleTest();

}  // namespace testing

// 0 when every test passed, 1 otherwise (2 to 5 as ctp's exit codes say).
inline int RUN_ALL_TESTS() { return ::testing::UnitTest::GetInstance()->Run(); }

#endif  // CTP_GTEST_MAIN_HPP
