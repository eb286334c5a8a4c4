// ctp::gtest_main: GoogleTest's main over ctp's runner, for programs that link
// GTest::gtest_main today. It prints no "Running main() from" line.
#define CTP_IMPLEMENT
#include "../gtest.hpp"

int main(int argc, char** argv) {
    testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
