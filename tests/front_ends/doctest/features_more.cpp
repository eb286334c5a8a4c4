// A second file: a name another file uses too (doctest allows it), and TEST_SUITE_BEGIN/END.
#include <doctest/doctest.h>

TEST_CASE("names may hold spaces, punctuation: (even) <this>!") { CHECK(2 * 2 == 4); }

TEST_SUITE_BEGIN("begun");

TEST_CASE("between begin and end") {
    CHECK(true);
    REQUIRE(true);
}

TEST_SUITE_END();

TEST_CASE("after the end") { CHECK(true); }

DOCTEST_TEST_CASE("prefixed names") {
    DOCTEST_CHECK(1 == 1);
    DOCTEST_REQUIRE_EQ(2, 2);
    DOCTEST_SUBCASE("x") { DOCTEST_CHECK_THROWS_AS(throw 1, int); }
}
