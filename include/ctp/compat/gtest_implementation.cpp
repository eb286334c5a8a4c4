// ctp::gtest: the GoogleTest front end's out-of-line half and ctp's runner, for programs with
// their own main calling testing::InitGoogleTest and RUN_ALL_TESTS.
#define CTP_IMPLEMENT
#include "../gtest.hpp"
