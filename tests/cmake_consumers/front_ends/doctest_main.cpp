// A doctest suite in three files, each reaching doctest by another include, built unchanged
// against ctp::doctest (and, for comparison, against the real doctest).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

TEST_CASE("numbers add up") {
    CHECK(1 + 1 == 2);
    CHECK_EQ(2 * 3, 6);
}
