// Every passing shape and assertion of the doctest front end; the same file built with real
// doctest 2.4.9 gives the counts the golden files hold.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace {

int throw_runtime() { throw std::runtime_error("bad value: 42"); }
int throw_text() { throw std::string("plain text"); }
int quiet() { return 1; }

struct Counter {
    int value = 3;
};

}  // namespace

TEST_CASE("names may hold spaces, punctuation: (even) <this>!") { CHECK(1 + 1 == 2); }

TEST_CASE("every comparison form") {
    const int a = 1, b = 2;
    CHECK(a < b);
    CHECK_FALSE(a == b);
    REQUIRE(a != b);
    REQUIRE_FALSE(a > b);
    CHECK_EQ(a, 1);
    CHECK_NE(a, b);
    CHECK_LT(a, b);
    CHECK_GT(b, a);
    CHECK_LE(a, a);
    CHECK_GE(b, b);
    REQUIRE_EQ(b, 2);
    REQUIRE_NE(a, 3);
    REQUIRE_LT(a, 3);
    REQUIRE_GT(3, b);
    REQUIRE_LE(b, 2);
    REQUIRE_GE(b, 1);
    CHECK_UNARY(a);
    CHECK_UNARY_FALSE(a - 1);
    REQUIRE_UNARY(b);
    REQUIRE_UNARY_FALSE(0);
    CHECK_MESSAGE(a == 1, "a is ", a);
    REQUIRE_MESSAGE(b == 2, "b");
    CHECK_FALSE_MESSAGE(a == 2, "never");
    REQUIRE_FALSE_MESSAGE(b == 1, "never");
    WARN(a == 1);
    WARN_FALSE(a == 2);
    WARN_EQ(a, 1);
    WARN_MESSAGE(true, "not counted");
    CHECK(std::string("abc") == "abc");
    CHECK(std::vector<int>{1, 2} == std::vector<int>{1, 2});
}

TEST_CASE("exceptions") {
    CHECK_THROWS(throw_runtime());
    REQUIRE_THROWS(throw_text());
    CHECK_THROWS_AS(throw_runtime(), std::runtime_error);
    CHECK_THROWS_AS(throw_runtime(), const std::exception&);
    REQUIRE_THROWS_AS(throw_runtime(), std::exception);
    CHECK_THROWS_AS(throw_runtime(), const volatile std::runtime_error);
    CHECK_THROWS_WITH(throw_runtime(), "bad value: 42");
    CHECK_THROWS_WITH(throw_runtime(), doctest::Contains("value"));
    REQUIRE_THROWS_WITH(throw_text(), "plain text");
    CHECK_THROWS_WITH_AS(throw_runtime(), "bad value: 42", std::runtime_error);
    REQUIRE_THROWS_WITH_AS(throw_runtime(), doctest::Contains("42"), const std::runtime_error&);
    CHECK_NOTHROW(quiet());
    REQUIRE_NOTHROW(quiet());
    WARN_NOTHROW(quiet());
}

TEST_CASE("approx, info and capture") {
    const double third = 1.0 / 3;
    CHECK(third == doctest::Approx(0.3333333));
    CHECK(doctest::Approx(0.3333).epsilon(0.01) == third);
    CHECK(third != doctest::Approx(0.3).scale(0));
    INFO("the third is ", third);
    CAPTURE(third);
    MESSAGE("a message is no assertion");
    CHECK(third > 0.3);
}

TEST_SUITE("parsing") {
    TEST_CASE("in a suite block") { CHECK(true); }
    TEST_CASE("decorated" * doctest::description("says why") * doctest::timeout(30)) { CHECK(true); }
}

TEST_SUITE("skipped suite" * doctest::skip()) {
    TEST_CASE("skipped with its suite") { CHECK(false); }
}

TEST_CASE("skipped" * doctest::skip()) { CHECK(false); }
TEST_CASE("not skipped" * doctest::skip(false)) { CHECK(true); }
TEST_CASE("in a suite by decorator" * doctest::test_suite("decorated")) { CHECK(true); }
TEST_CASE("kept out of the pool" * doctest::serial()) { CHECK(true); }

TEST_CASE_FIXTURE(Counter, "a fixture's members") {
    CHECK(value == 3);
    ++value;
    CHECK(value == 4);
}

TEST_CASE("subcases: siblings after nested ones") {
    int entries = 0;
    ++entries;
    CHECK(entries == 1);
    SUBCASE("a") {
        SUBCASE("a1") { CHECK(true); }
        SUBCASE("a2") { CHECK(true); }
    }
    SUBCASE("b") { CHECK(true); }
    SUBCASE("c") {
        SUBCASE("c1") { CHECK(true); }
    }
}

TEST_CASE("subcases: one name met in a loop") {
    CHECK(true);
    for (int i = 0; i < 3; ++i) {
        SUBCASE("same") { CHECK(i >= 0); }
    }
}

TEST_CASE("subcases: names made in a loop") {
    CHECK(true);
    for (int i = 0; i < 3; ++i) {
        SUBCASE(("case " + std::to_string(i)).c_str()) { CHECK(i < 3); }
    }
}

SCENARIO("a scenario") {
    GIVEN("a vector") {
        std::vector<int> values{1};
        WHEN("an element is added") {
            values.push_back(2);
            THEN("it grows") { CHECK(values.size() == 2); }
            AND_THEN("it keeps the first") { CHECK(values.front() == 1); }
        }
        AND_WHEN("nothing is added") {
            THEN("it stays") { CHECK(values.size() == 1); }
        }
    }
}

TEST_CASE_TEMPLATE("a template", T, int, char, std::string) {
    T value{};
    CHECK(value == T{});
}

TEST_CASE_TEMPLATE_DEFINE("a defined template", T, defined_template) { CHECK(sizeof(T) > 0); }
TEST_CASE_TEMPLATE_INVOKE(defined_template, short, double);

TEST_CASE("may fail" * doctest::may_fail()) { CHECK(true); }
