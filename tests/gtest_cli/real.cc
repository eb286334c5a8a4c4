#include <gtest/gtest.h>
TEST(Alpha, Passes) { EXPECT_EQ(1, 1); }
TEST(Alpha, Fails) { EXPECT_EQ(1, 2) << "note"; }
TEST(Alpha, Skips) { GTEST_SKIP() << "not today"; }
TEST(Alpha, DISABLED_Off) {}
TEST(Beta, Props) { RecordProperty("key", "va<l>ue"); RecordProperty("n", 5); }
class P : public testing::TestWithParam<int> {};
TEST_P(P, Even) { EXPECT_EQ(GetParam() % 2, 0); }
INSTANTIATE_TEST_SUITE_P(Nums, P, testing::Values(2, 3));
template <class T> class Ty : public testing::Test {};
using Types = testing::Types<int, char>;
TYPED_TEST_SUITE(Ty, Types);
TYPED_TEST(Ty, Small) { EXPECT_LT(sizeof(TypeParam), 2u); }
