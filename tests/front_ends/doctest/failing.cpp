// Failures of each kind, as ctp reports them, with doctest's counts after them.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

namespace {

int throw_runtime() { throw std::runtime_error("bad value: 42"); }
int quiet() { return 1; }

}  // namespace

TEST_CASE("comparisons") {
    const int a = 1, b = 2;
    CHECK(a == b);
    CHECK_EQ(a, b);
    CHECK_FALSE(a != b);
    CHECK_GT(a, b);
    CHECK_UNARY(a - 1);
    CHECK_MESSAGE(a == b, "a is ", a);
    WARN(a == b);
    CHECK(std::string("abc") == "abd");
}

TEST_CASE("exceptions") {
    CHECK_THROWS(quiet());
    CHECK_THROWS_AS(throw_runtime(), std::logic_error);
    CHECK_THROWS_WITH(throw_runtime(), "other text");
    CHECK_THROWS_WITH(throw_runtime(), doctest::Contains("absent"));
    CHECK_THROWS_WITH_AS(throw_runtime(), "bad value: 42", std::logic_error);
    CHECK_NOTHROW(throw_runtime());
}

TEST_CASE("a REQUIRE ends the pass, not the test") {
    SUBCASE("first") {
        INFO("in the first");
        REQUIRE(1 == 2);
        CHECK(true);
    }
    SUBCASE("second") { CHECK(true); }
}

TEST_CASE("messages") {
    FAIL_CHECK("went wrong: ", 7);
    FAIL("stops here");
    CHECK(true);
}

TEST_CASE("an exception escapes") {
    CHECK(true);
    throw_runtime();
}

TEST_CASE("should fail, and does" * doctest::should_fail()) { CHECK(false); }
TEST_CASE("should fail, and passes" * doctest::should_fail()) { CHECK(true); }
TEST_CASE("passes") { CHECK(true); }
