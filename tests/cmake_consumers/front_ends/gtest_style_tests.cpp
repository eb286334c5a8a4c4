// A GoogleTest suite as its users wrote it: built unchanged against ctp::gtest_main (and, when
// GoogleTest is installed, against GTest::gtest_main for comparison). Broken.fails fails on
// purpose, Later.skips skips; the DISABLED_ test is listed and not run.
#include <gtest/gtest.h>

#include <vector>

namespace {

int add(int a, int b) { return a + b; }

}  // namespace

TEST(Adding, small_numbers) { EXPECT_EQ(add(1, 2), 3); }
TEST(Adding, negative_numbers) { EXPECT_EQ(add(-1, -2), -3); }
TEST(Adding, DISABLED_later) { EXPECT_EQ(add(1, 1), 3); }

class Stack : public testing::Test {
protected:
    void SetUp() override { items = {1, 2}; }
    std::vector<int> items;
};

TEST_F(Stack, has_two) { EXPECT_EQ(items.size(), 2u); }
TEST_F(Stack, pops) {
    items.pop_back();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items.back(), 1);
}

TEST(Broken, fails) { EXPECT_EQ(add(2, 2), 5); }

TEST(Later, skips) {
    GTEST_SKIP() << "not written yet";
    EXPECT_EQ(add(1, 1), 3);
}
