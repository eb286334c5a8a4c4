// A GoogleTest program with its own main, linked with ctp::gtest.
#include <gtest/gtest.h>

#include <cstdio>

TEST(OwnMain, runs) { EXPECT_TRUE(true); }

int main(int argc, char** argv) {
    testing::InitGoogleTest(&argc, argv);
    int status = RUN_ALL_TESTS();
    std::printf("own main returns %d\n", status);
    return status;
}
