// GoogleTest's assertions through ctp's front end. The expected texts are what GoogleTest
// 1.12.1 prints for the same assertions, after the first line ctp adds (the macro as written).
#include "testing.hpp"

#define GTEST_DONT_DEFINE_FAIL 1  // doctest's FAIL is in use here
#include <ctp/gtest.hpp>

#include <cmath>  // nextafter
#include <limits>
#include <list>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace {

// Runs `body` as a test of a private registry and returns its record.
template <class Body>
ctp::TestRecord run_body(Body body) {
    ctp::Registry registry;
    registry.add("Gtest", "test", body);
    ctp::Result result = ctp::run(registry, {});
    REQUIRE(result.tests.size() == 1);
    return std::move(result.tests[0]);
}

std::vector<std::string> messages(const ctp::TestRecord& record) {
    std::vector<std::string> all;
    for (const ctp::Failure& failure : record.failures) all.push_back(failure.message);
    return all;
}

// The single failure of `body`.
template <class Body>
std::string failure_of(Body body) {
    const ctp::TestRecord record = run_body(body);
    REQUIRE(record.failures.size() == 1);
    return record.failures[0].message;
}

std::string here(int line) { return std::string(__FILE__) + ":" + std::to_string(line) + ": "; }

}  // namespace

TEST_CASE("EXPECT_EQ: GoogleTest's text, 'Which is' only where the value reads otherwise than its expression") {
    CHECK(failure_of([] {
              int a = 1, b = 2;
              EXPECT_EQ(a, b);
          }) ==
          "EXPECT_EQ(a, b) failed\nExpected equality of these values:\n  a\n    Which is: 1\n  b\n    Which is: 2");
    CHECK(failure_of([] {
              int a = 1;
              EXPECT_EQ(a, 2);
          }) == "EXPECT_EQ(a, 2) failed\nExpected equality of these values:\n  a\n    Which is: 1\n  2");
    CHECK(failure_of([] { EXPECT_EQ(1, 2); }) ==
          "EXPECT_EQ(1, 2) failed\nExpected equality of these values:\n  1\n  2");
    CHECK(failure_of([] {
              int a = 1, b = 2;
              EXPECT_EQ(a + 1, b + 1) << "no";
          }) ==
          "EXPECT_EQ(a + 1, b + 1) failed\nExpected equality of these values:\n  a + 1\n    Which is: 2\n  b + 1\n"
          "    Which is: 3\nno");
    const ctp::TestRecord passing = run_body([] {
        int a = 1;
        EXPECT_EQ(a, 1);
        ASSERT_EQ(1, a);
    });
    CHECK(passing.outcome == ctp::Outcome::passed);
    CHECK(passing.assertions == 2);
}

TEST_CASE("EXPECT_NE, LT, LE, GT, GE: 'Expected: (a) op (b), actual: x vs y'") {
    const ctp::TestRecord record = run_body([] {
        int a = 1, b = 2;
        EXPECT_NE(a, a);
        EXPECT_LT(b, a);
        EXPECT_LE(b, a);
        EXPECT_GT(a, b);
        EXPECT_GE(a, b);
        EXPECT_NE(a, b);
        EXPECT_LT(a, b);
        EXPECT_LE(a, a);
        EXPECT_GT(b, a);
        EXPECT_GE(b, b);
    });
    CHECK(messages(record) == std::vector<std::string>{
                                  "EXPECT_NE(a, a) failed\nExpected: (a) != (a), actual: 1 vs 1",
                                  "EXPECT_LT(b, a) failed\nExpected: (b) < (a), actual: 2 vs 1",
                                  "EXPECT_LE(b, a) failed\nExpected: (b) <= (a), actual: 2 vs 1",
                                  "EXPECT_GT(a, b) failed\nExpected: (a) > (b), actual: 1 vs 2",
                                  "EXPECT_GE(a, b) failed\nExpected: (a) >= (b), actual: 1 vs 2",
                              });
    CHECK(record.assertions == 10);
}

TEST_CASE("a null pointer literal against a pointer, and signed against unsigned, compile as in GoogleTest") {
    const ctp::TestRecord passing = run_body([] {
        int x = 0;
        int* p = &x;
        int* q = nullptr;
        EXPECT_EQ(nullptr, q);
        EXPECT_EQ(NULL, q);
        EXPECT_EQ(q, nullptr);
        EXPECT_NE(nullptr, p);
        EXPECT_NE(p, nullptr);
        unsigned u = 2;
        int i = 2;
        std::size_t z = 3;
        EXPECT_EQ(u, i);
        EXPECT_EQ(z, 3);
        EXPECT_LE(i, u);
        EXPECT_EQ(0.5, 0.5f);
    });
    CHECK(passing.failures.empty());
    const ctp::TestRecord failing = run_body([] {
        int* q = nullptr;
        static int x = 0;
        int* p = &x;
        EXPECT_EQ(nullptr, p);
        EXPECT_EQ(NULL, p);
        EXPECT_NE(nullptr, q);
    });
    REQUIRE(failing.failures.size() == 3);
    CHECK(failing.failures[0].message.find(
              "EXPECT_EQ(nullptr, p) failed\nExpected equality of these values:\n  nullptr\n    Which is: NULL\n  p\n"
              "    Which is: 0x") == 0);
    // GoogleTest shows the expression after macro expansion: NULL is __null.
    CHECK(failing.failures[1].message.find("EXPECT_EQ(NULL, p) failed\nExpected equality of these values:\n  __null\n"
                                           "    Which is: NULL\n  p\n    Which is: 0x") == 0);
    CHECK(failing.failures[2].message ==
          "EXPECT_NE(nullptr, q) failed\nExpected: (nullptr) != (q), actual: (nullptr) vs NULL");
}

namespace {

testing::AssertionResult fails_because() { return testing::AssertionFailure() << "because " << 42; }
testing::AssertionResult passes_fine() { return testing::AssertionSuccess() << "fine"; }

}  // namespace

TEST_CASE("EXPECT_TRUE and EXPECT_FALSE, on conditions and on AssertionResults with their message") {
    const ctp::TestRecord record = run_body([] {
        bool f = false;
        int x = 0;
        EXPECT_TRUE(f);
        EXPECT_FALSE(!f);
        EXPECT_TRUE(fails_because());
        EXPECT_FALSE(passes_fine());
        EXPECT_TRUE(1 == 2);
        EXPECT_TRUE(x);
        EXPECT_TRUE(passes_fine());
        EXPECT_FALSE(fails_because());
        int* p = &x;
        EXPECT_TRUE(p);
        EXPECT_TRUE(std::is_same_v<int, int>);
        EXPECT_FALSE(std::is_same_v<int, long>);
        EXPECT_TRUE(NULL == p);
    });
    CHECK(messages(record) ==
          std::vector<std::string>{
              "EXPECT_TRUE(f) failed\nValue of: f\n  Actual: false\nExpected: true",
              "EXPECT_FALSE(!f) failed\nValue of: !f\n  Actual: true\nExpected: false",
              "EXPECT_TRUE(fails_because()) failed\nValue of: fails_because()\n"
              "  Actual: false (because 42)\nExpected: true",
              "EXPECT_FALSE(passes_fine()) failed\nValue of: passes_fine()\n"
              "  Actual: true (fine)\nExpected: false",
              "EXPECT_TRUE(1 == 2) failed\nValue of: 1 == 2\n  Actual: false\nExpected: true",
              "EXPECT_TRUE(x) failed\nValue of: x\n  Actual: false\nExpected: true",
              "EXPECT_TRUE(NULL == p) failed\nValue of: __null == p\n  Actual: false\nExpected: true",
          });
}

TEST_CASE("EXPECT_STREQ, STRNE, STRCASEEQ, STRCASENE: C strings, null pointers and wide strings") {
    const ctp::TestRecord record = run_body([] {
        const char* s = "abc";
        const char* n = nullptr;
        const wchar_t* wn = nullptr;
        EXPECT_STREQ("abd", s);
        EXPECT_STREQ(n, s);
        EXPECT_STRNE(s, "abc");
        EXPECT_STRNE(n, n);
        EXPECT_STRCASEEQ("ABD", s);
        EXPECT_STRCASENE("ABC", s);
        EXPECT_STREQ(L"ab", L"ac");
        EXPECT_STRNE(L"ab", L"ab");
        EXPECT_STREQ(wn, L"x");
        // Passing ones.
        EXPECT_STREQ("abc", s);
        EXPECT_STREQ(n, nullptr);
        EXPECT_STRNE(s, n);
        EXPECT_STRCASEEQ("ABC", s);
        EXPECT_STRCASENE("ABD", s);
        EXPECT_STREQ(L"ab", L"ab");
        EXPECT_STRCASEEQ(L"AB", L"ab");
        const std::string text = "abc";
        ASSERT_STREQ(text.c_str(), "abc");
    });
    CHECK(messages(record) ==
          std::vector<std::string>{
              "EXPECT_STREQ(\"abd\", s) failed\nExpected equality of these values:\n  \"abd\"\n  s\n    Which is: "
              "\"abc\"",
              "EXPECT_STREQ(n, s) failed\nExpected equality of these values:\n  n\n    Which is: NULL\n  s\n"
              "    Which is: \"abc\"",
              "EXPECT_STRNE(s, \"abc\") failed\nExpected: (s) != (\"abc\"), actual: \"abc\" vs \"abc\"",
              "EXPECT_STRNE(n, n) failed\nExpected: (n) != (n), actual: \"(null)\" vs \"(null)\"",
              "EXPECT_STRCASEEQ(\"ABD\", s) failed\nExpected equality of these values:\n  \"ABD\"\n  s\n"
              "    Which is: \"abc\"\nIgnoring case",
              "EXPECT_STRCASENE(\"ABC\", s) failed\nExpected: (\"ABC\") != (s) (ignoring case), actual: \"ABC\" vs "
              "\"abc\"",
              "EXPECT_STREQ(L\"ab\", L\"ac\") failed\nExpected equality of these values:\n  L\"ab\"\n  L\"ac\"",
              "EXPECT_STRNE(L\"ab\", L\"ab\") failed\nExpected: (L\"ab\") != (L\"ab\"), actual: L\"ab\" vs L\"ab\"",
              "EXPECT_STREQ(wn, L\"x\") failed\nExpected equality of these values:\n  wn\n    Which is: NULL\n  L\"x\"",
          });
    CHECK(record.assertions == 17);
}

TEST_CASE("EXPECT_FLOAT_EQ and EXPECT_DOUBLE_EQ hold within 4 units in the last place; EXPECT_NEAR") {
    const ctp::TestRecord passing = run_body([] {
        double d = 1.0;
        for (int i = 0; i < 4; ++i) d = std::nextafter(d, 2.0);
        EXPECT_DOUBLE_EQ(1.0, d);
        float f = 1.0f;
        for (int i = 0; i < 4; ++i) f = std::nextafter(f, 2.0f);
        EXPECT_FLOAT_EQ(f, 1.0f);
        EXPECT_DOUBLE_EQ(-0.0, 0.0);
        EXPECT_NEAR(1.0, 1.2, 0.25);
    });
    CHECK(passing.failures.empty());
    const ctp::TestRecord record = run_body([] {
        double d = 1.0;
        for (int i = 0; i < 5; ++i) d = std::nextafter(d, 2.0);
        float f = 1.0f;
        EXPECT_DOUBLE_EQ(1.0, d);
        EXPECT_FLOAT_EQ(f, 1.1f);
        EXPECT_DOUBLE_EQ(1.0, 1.1);
        EXPECT_NEAR(d, 1.5, 0.25);
        const double nan = std::numeric_limits<double>::quiet_NaN();
        EXPECT_DOUBLE_EQ(nan, nan);  // never equal; its value prints as its name
    });
    CHECK(
        messages(record) ==
        std::vector<std::string>{
            "EXPECT_DOUBLE_EQ(1.0, d) failed\nExpected equality of these values:\n  1.0\n    Which is: 1\n  d\n"
            "    Which is: 1.0000000000000011",
            "EXPECT_FLOAT_EQ(f, 1.1f) failed\nExpected equality of these values:\n  f\n    Which is: 1\n  1.1f\n"
            "    Which is: 1.1",
            "EXPECT_DOUBLE_EQ(1.0, 1.1) failed\nExpected equality of these values:\n  1.0\n    Which is: 1\n  1.1\n"
            "    Which is: 1.1000000000000001",
            "EXPECT_NEAR(d, 1.5, 0.25) failed\nThe difference between d and 1.5 is 0.49999999999999889, which exceeds "
            "0.25, where\nd evaluates to 1.0000000000000011,\n1.5 evaluates to 1.5, and\n0.25 evaluates to 0.25.",
            "EXPECT_DOUBLE_EQ(nan, nan) failed\nExpected equality of these values:\n  nan\n  nan",
        });
}

namespace {

void thrower() { throw std::runtime_error("boom"); }

}  // namespace

TEST_CASE("EXPECT_THROW, ANY_THROW, NO_THROW take statements and say what was thrown") {
    const ctp::TestRecord record = run_body([] {
        EXPECT_THROW(thrower(), std::logic_error);
        EXPECT_THROW(
            {
                int a = 1;
                static_cast<void>(a);
            },
            std::runtime_error);
        EXPECT_ANY_THROW(static_cast<void>(0));
        EXPECT_NO_THROW(thrower());
        EXPECT_NO_THROW(throw 5);
        EXPECT_THROW(throw 5, std::runtime_error);
        // Passing ones.
        EXPECT_THROW(thrower(), std::runtime_error);
        EXPECT_THROW(thrower(), std::exception);
        EXPECT_THROW(
            {
                int a = 0;
                ++a;
                throw std::out_of_range("x");
            },
            std::logic_error);
        EXPECT_ANY_THROW(throw 5);
        EXPECT_NO_THROW({
            int a = 0;
            ++a;
        });
        ASSERT_NO_THROW(static_cast<void>(0));
    });
    CHECK(messages(record) ==
          std::vector<std::string>{
              "EXPECT_THROW(thrower(), std::logic_error) failed\nExpected: thrower() throws an exception of type "
              "std::logic_error.\n  Actual: it throws std::runtime_error with description \"boom\".",
              "EXPECT_THROW({ int a = 1; static_cast<void>(a); }, std::runtime_error) failed\nExpected: { int a = 1; "
              "static_cast<void>(a); } throws an exception of type std::runtime_error.\n  Actual: it throws nothing.",
              "EXPECT_ANY_THROW(static_cast<void>(0)) failed\nExpected: static_cast<void>(0) throws an exception.\n"
              "  Actual: it doesn't.",
              "EXPECT_NO_THROW(thrower()) failed\nExpected: thrower() doesn't throw an exception.\n  Actual: it throws "
              "std::runtime_error with description \"boom\".",
              "EXPECT_NO_THROW(throw 5) failed\nExpected: throw 5 doesn't throw an exception.\n  Actual: it throws.",
              "EXPECT_THROW(throw 5, std::runtime_error) failed\nExpected: throw 5 throws an exception of type "
              "std::runtime_error.\n  Actual: it throws a different type.",
          });
    CHECK(record.assertions == 12);
}

namespace {

bool is_even(int n) { return n % 2 == 0; }
bool all_equal(int a, int b, int c, int d, int e) { return a == b && b == c && c == d && d == e; }

testing::AssertionResult equal_format(const char* a_text, const char* b_text, int a, int b) {
    if (a == b) return testing::AssertionSuccess();
    return testing::AssertionFailure() << a_text << " and " << b_text << " differ: " << a << " " << b;
}

testing::AssertionResult positive_format(const char* text, int value) {
    if (value > 0) return testing::AssertionSuccess();
    return testing::AssertionFailure() << text << " is not positive";
}

testing::AssertionResult sum_format(const char*, const char*, const char*, const char*, const char*, int a, int b,
                                    int c, int d, int e) {
    if (a + b + c + d + e == 15) return testing::AssertionSuccess();
    return testing::AssertionFailure() << "sum is " << a + b + c + d + e;
}

}  // namespace

TEST_CASE("EXPECT_PRED1..5 and EXPECT_PRED_FORMAT1..5") {
    const ctp::TestRecord record = run_body([] {
        int a = 3, b = 4;
        EXPECT_PRED1(is_even, a);
        EXPECT_PRED2([](int x, int y) { return x == y; }, a, b);
        EXPECT_PRED_FORMAT2(equal_format, a, b);
        EXPECT_PRED1(is_even, 5);
        EXPECT_PRED5(all_equal, 1, 1, 1, 1, a);
        EXPECT_PRED_FORMAT1(positive_format, -a);
        EXPECT_PRED_FORMAT5(sum_format, 1, 2, 3, 4, 6);
        // Passing ones.
        EXPECT_PRED1(is_even, b);
        EXPECT_PRED3([](int x, int y, int z) { return x < y && y < z; }, 1, 2, 3);
        EXPECT_PRED4([](int w, int x, int y, int z) { return w + x + y + z == 10; }, 1, 2, 3, 4);
        EXPECT_PRED5(all_equal, 1, 1, 1, 1, 1);
        EXPECT_PRED_FORMAT1(positive_format, a);
        EXPECT_PRED_FORMAT2(equal_format, a, a);
        EXPECT_PRED_FORMAT3([](const char*, const char*, const char*, int x, int y,
                               int z) { return testing::AssertionResult(x + y == z); },
                            1, 2, 3);
        EXPECT_PRED_FORMAT4([](const char*, const char*, const char*, const char*, int w, int x, int y,
                               int z) { return testing::AssertionResult(w + x + y == z); },
                            1, 2, 3, 6);
        EXPECT_PRED_FORMAT5(sum_format, 1, 2, 3, 4, 5);
    });
    CHECK(messages(record) ==
          std::vector<std::string>{
              "EXPECT_PRED1(is_even, a) failed\nis_even(a) evaluates to false, where\na evaluates to 3",
              "EXPECT_PRED2([](int x, int y) { return x == y; }, a, b) failed\n[](int x, int y) { return x == y; }(a, "
              "b) evaluates to false, where\na evaluates to 3\nb evaluates to 4",
              "EXPECT_PRED_FORMAT2(equal_format, a, b) failed\na and b differ: 3 4",
              "EXPECT_PRED1(is_even, 5) failed\nis_even(5) evaluates to false, where\n5 evaluates to 5",
              "EXPECT_PRED5(all_equal, 1, 1, 1, 1, a) failed\nall_equal(1, 1, 1, 1, a) evaluates to false, where\n1 "
              "evaluates to 1\n1 evaluates to 1\n1 evaluates to 1\n1 evaluates to 1\na evaluates to 3",
              "EXPECT_PRED_FORMAT1(positive_format, -a) failed\n-a is not positive",
              "EXPECT_PRED_FORMAT5(sum_format, 1, 2, 3, 4, 6) failed\nsum is 16",
          });
    CHECK(record.assertions == 16);
}

TEST_CASE("a << message is evaluated only when the assertion fails") {
    static int evaluated = 0;
    const auto noted = [] { return ++evaluated; };
    evaluated = 0;
    const ctp::TestRecord record = run_body([&] {
        EXPECT_EQ(1, 1) << "at " << noted();
        EXPECT_TRUE(true) << noted();
        EXPECT_STREQ("a", "a") << noted();
        EXPECT_NEAR(1.0, 1.0, 0.1) << noted();
        EXPECT_THROW(thrower(), std::runtime_error) << noted();
        EXPECT_PRED1(is_even, 2) << noted();
        EXPECT_THAT(1, testing::Eq(1)) << noted();
        ASSERT_NE(1, 2) << noted();
        SUCCEED() << noted();
        EXPECT_EQ(1, 2) << "at " << noted();
    });
    CHECK(evaluated == 1);
    CHECK(messages(record) ==
          std::vector<std::string>{"EXPECT_EQ(1, 2) failed\nExpected equality of these values:\n  1\n  2\nat 1"});
}

TEST_CASE("an if-else around an assertion keeps its own else") {
    int branch = 0;
    run_body([&] {
        if (branch == 0) EXPECT_EQ(1, 1);
        else branch = 2;
        if (branch == 1) EXPECT_EQ(1, 1) << "x";
        else branch = 3;
    });
    CHECK(branch == 3);
}

namespace {

int after_assert = 0;

void helper(int value) {
    ASSERT_EQ(value, 1) << "in helper";
    ++after_assert;
}

}  // namespace

TEST_CASE("ASSERT_* returns from the function it is in: the test goes on after the helper returns") {
    after_assert = 0;
    bool fatal_seen = false, test_went_on = false;
    const ctp::TestRecord record = run_body([&] {
        helper(1);
        helper(2);
        fatal_seen = ctp::detail::test_has_fatal_failure();
        test_went_on = true;
        EXPECT_EQ(3, 4);
    });
    CHECK(after_assert == 1);
    CHECK(fatal_seen);
    CHECK(test_went_on);
    CHECK(record.outcome == ctp::Outcome::failed);
    CHECK(messages(record) ==
          std::vector<std::string>{"ASSERT_EQ(value, 1) failed\nExpected equality of these values:\n  value\n"
                                   "    Which is: 2\n  1\nin helper",
                                   "EXPECT_EQ(3, 4) failed\nExpected equality of these values:\n  3\n  4"});
    CHECK(record.assertions == 3);
}

TEST_CASE("EXPECT_* is not fatal; ASSERT_* and FAIL end the function") {
    bool after = false, non_fatal_only = false;
    const ctp::TestRecord expecting = run_body([&] {
        EXPECT_TRUE(false);
        ADD_FAILURE() << "added";
        non_fatal_only = ctp::detail::test_has_failure() && !ctp::detail::test_has_fatal_failure();
        after = true;
    });
    CHECK(after);
    CHECK(non_fatal_only);
    CHECK(expecting.failures.size() == 2);
    after = false;
    const ctp::TestRecord asserting = run_body([&] {
        ASSERT_FALSE(true);
        after = true;
    });
    CHECK_FALSE(after);
    CHECK(asserting.failures.size() == 1);
    const ctp::TestRecord failing = run_body([&] {
        GTEST_FAIL() << "bye";
        after = true;
    });
    CHECK_FALSE(after);
    CHECK(messages(failing) == std::vector<std::string>{"FAIL() failed\nFailed\nbye"});
}

TEST_CASE("ADD_FAILURE, ADD_FAILURE_AT, SUCCEED, GTEST_SKIP") {
    const ctp::TestRecord record = run_body([] {
        SUCCEED();
        GTEST_SUCCEED() << "fine";
        ADD_FAILURE() << "added";
        ADD_FAILURE_AT("foo.cc", 12) << "at";
        ADD_FAILURE();
    });
    CHECK(messages(record) == std::vector<std::string>{"ADD_FAILURE() failed\nFailed\nadded",
                                                       "ADD_FAILURE_AT(\"foo.cc\", 12) failed\nFailed\nat",
                                                       "ADD_FAILURE() failed\nFailed"});
    CHECK(record.failures[1].file == "foo.cc");
    CHECK(record.failures[1].line == 12);
    CHECK(record.assertions == 5);
    bool after = false;
    const ctp::TestRecord skipped = run_body([&] {
        GTEST_SKIP() << "why " << 1;
        after = true;
    });
    CHECK_FALSE(after);
    CHECK(skipped.outcome == ctp::Outcome::skipped);
    CHECK(skipped.skip_reason == "why 1");
    CHECK(skipped.assertions == 0);
}

TEST_CASE("SCOPED_TRACE adds GoogleTest's trace lines, innermost first, while in scope") {
    int outer_line = 0, inner_line = 0;
    const ctp::TestRecord record = run_body([&] {
        outer_line = __LINE__ + 1;
        SCOPED_TRACE("outer");
        {
            inner_line = __LINE__ + 1;
            SCOPED_TRACE(42);
            EXPECT_EQ(1, 2) << "user " << 7;
        }
        ADD_FAILURE();
    });
    CHECK(messages(record) ==
          std::vector<std::string>{"EXPECT_EQ(1, 2) failed\nExpected equality of these values:\n  1\n  2\nuser 7\n"
                                   "Google Test trace:\n" +
                                       here(inner_line) + "42\n" + here(outer_line) + "outer",
                                   "ADD_FAILURE() failed\nFailed\nGoogle Test trace:\n" + here(outer_line) + "outer"});
    const ctp::TestRecord after = run_body([] { ADD_FAILURE(); });
    CHECK(messages(after) == std::vector<std::string>{"ADD_FAILURE() failed\nFailed"});
}

namespace {

struct Unprintable {
    int a;
    int b;
};
struct Big {
    unsigned char bytes[140];
};
enum Color { red, green };
enum class Scoped { x = 3 };
struct WithPrintTo {
    int v;
};
void PrintTo(const WithPrintTo& value, std::ostream* os) { *os << "WPT" << value.v; }
struct WithStream {
    int v;
};
std::ostream& operator<<(std::ostream& os, const WithStream& value) { return os << "WS" << value.v; }
struct Both {
    int v;
};
[[maybe_unused]] std::ostream& operator<<(std::ostream& os, const Both&) { return os << "stream"; }
void PrintTo(const Both&, std::ostream* os) { *os << "PrintTo"; }

}  // namespace

TEST_CASE("values print as GoogleTest prints them") {
    using testing::PrintToString;
    CHECK(PrintToString(Unprintable{1, 2}) == "8-byte object <01-00 00-00 02-00 00-00>");
    Big big{};
    for (unsigned i = 0; i < sizeof big.bytes; ++i) big.bytes[i] = static_cast<unsigned char>(i);
    CHECK(PrintToString(big) ==
          "140-byte object <00-01 02-03 04-05 06-07 08-09 0A-0B 0C-0D 0E-0F 10-11 12-13 14-15 16-17 18-19 1A-1B 1C-1D "
          "1E-1F 20-21 22-23 24-25 26-27 28-29 2A-2B 2C-2D 2E-2F 30-31 32-33 34-35 36-37 38-39 3A-3B 3C-3D 3E-3F ... "
          "4C-4D 4E-4F 50-51 52-53 54-55 56-57 58-59 5A-5B 5C-5D 5E-5F 60-61 62-63 64-65 66-67 68-69 6A-6B 6C-6D 6E-6F "
          "70-71 72-73 74-75 76-77 78-79 7A-7B 7C-7D 7E-7F 80-81 82-83 84-85 86-87 88-89 8A-8B>");
    CHECK(PrintToString(green) == "1");
    CHECK(PrintToString(Scoped::x) == "4-byte object <03-00 00-00>");
    CHECK(PrintToString(WithPrintTo{1}) == "WPT1");
    CHECK(PrintToString(WithStream{2}) == "WS2");
    CHECK(PrintToString(Both{3}) == "PrintTo");
    CHECK(PrintToString(nullptr) == "(nullptr)");
    CHECK(PrintToString(static_cast<int*>(nullptr)) == "NULL");
    CHECK(PrintToString(static_cast<const char*>(nullptr)) == "NULL");
    CHECK(PrintToString("hi") == "\"hi\"");
    CHECK(PrintToString(L"wi") == "L\"wi\"");
    CHECK(PrintToString(std::wstring(L"ws")) == "L\"ws\"");
    CHECK(PrintToString(std::u16string(u"s16")) == "u\"s16\"");
    CHECK(PrintToString(static_cast<signed char>(65)) == "'A' (65, 0x41)");
    CHECK(PrintToString(static_cast<unsigned char>(200)) == "'\\xC8' (200)");
    CHECK(PrintToString(static_cast<signed char>(-1)) == "'\\xFF' (-1)");
    CHECK(PrintToString('\n') == "'\\n' (10, 0xA)");
    CHECK(PrintToString('\5') == "'\\x5' (5)");
    CHECK(PrintToString('\0') == "'\\0'");
    CHECK(PrintToString(L'x') == "L'x' (120, 0x78)");
    CHECK(PrintToString(u'a') == "U+0061");
    CHECK(PrintToString(true) == "true");
    CHECK(PrintToString(1.5) == "1.5");
    CHECK(PrintToString(1.0f / 3) == "0.333333");
    CHECK(PrintToString(1e100) == "1e+100");
    CHECK(PrintToString(std::vector<std::vector<int>>{{1}, {2, 3}}) == "{ { 1 }, { 2, 3 } }");
    CHECK(PrintToString(std::vector<int>{}) == "{}");
    CHECK(PrintToString(std::vector<int>(33, 1)) ==
          "{ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, ... }");
    CHECK(PrintToString(std::vector<std::string>{"a"}) == "{ \"a\" }");
    CHECK(PrintToString(std::vector<char>{'a'}) == "{ 'a' (97, 0x61) }");
    CHECK(PrintToString(std::map<int, std::string>{{1, "a"}}) == "{ (1, \"a\") }");
    CHECK(PrintToString(std::make_tuple(1, 'd')) == "(1, 'd' (100, 0x64))");
    CHECK(PrintToString(std::string("a\0b", 3)) == "\"a\\0b\"");
    CHECK(PrintToString(std::string("\x01\xff")) == "\"\\x1\\xFF\"");
    CHECK(PrintToString(std::string("\x01"
                                    "2")) == "\"\\x1\" \"2\"");
    CHECK(PrintToString(std::string("q\"\t")) == "\"q\\\"\\t\"");
    CHECK(PrintToString(std::string_view("sv")) == "\"sv\"");
    const int numbers[3] = {1, 2, 3};
    CHECK(PrintToString(numbers) == "{ 1, 2, 3 }");
}

TEST_CASE("a multi-line text's EXPECT_EQ failure ends with GoogleTest's diff") {
    CHECK(failure_of([] {
              std::string s = "x\ny", t = "x\nz";
              EXPECT_EQ(s, t);
          }) ==
          "EXPECT_EQ(s, t) failed\nExpected equality of these values:\n  s\n    Which is: \"x\\ny\"\n  t\n"
          "    Which is: \"x\\nz\"\nWith diff:\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n");
    CHECK(failure_of([] {
              std::string s = "1\n2\n3\n4\n5\n6\n7", t = "1\n2\n3\n4\n5\nsix\n7\n8";
              EXPECT_EQ(s, t);
          }) ==
          "EXPECT_EQ(s, t) failed\nExpected equality of these values:\n  s\n"
          "    Which is: \"1\\n2\\n3\\n4\\n5\\n6\\n7\"\n  t\n    Which is: \"1\\n2\\n3\\n4\\n5\\nsix\\n7\\n8\"\n"
          "With diff:\n@@ -4,4 +4,5 @@\n 4\n 5\n-6\n+six\n 7\n+8\n");
}

TEST_CASE("testing::Message and testing::AssertionResult") {
    testing::Message message;
    message << "a" << 1 << std::endl
            << 2.5 << ' ' << 0.1 << ' ' << true << ' ' << static_cast<const char*>(nullptr) << ' ' << L"wide" << ' '
            << static_cast<int*>(nullptr);
    CHECK(message.GetString() == "a1\n2.5 0.10000000000000001 true (null) wide (null)");
    testing::Message copy(message);
    CHECK(copy.GetString() == message.GetString());
    CHECK(testing::Message("start").GetString() == "start");

    const testing::AssertionResult failure = testing::AssertionFailure() << "x" << 1;
    CHECK_FALSE(static_cast<bool>(failure));
    CHECK(std::string(failure.message()) == "x1");
    const testing::AssertionResult negated = !failure;
    CHECK(static_cast<bool>(negated));
    CHECK(std::string(negated.message()) == "x1");
    CHECK(std::string(testing::AssertionSuccess().message()).empty());
    CHECK(std::string(testing::AssertionFailure(testing::Message("m")).message()) == "m");
    testing::AssertionResult assigned = testing::AssertionSuccess();
    assigned = failure;
    CHECK(std::string(assigned.message()) == "x1");
}

TEST_CASE("EXPECT_THAT with GoogleTest's matchers: the texts GoogleTest prints") {
    using namespace testing;
    const ctp::TestRecord record = run_body([] {
        std::string s = "abc";
        std::vector<int> v{1, 2, 3};
        int x = 5;
        double d = 1.0;
        const char* cs = "hello";
        EXPECT_THAT(x, Eq(6));
        EXPECT_THAT(x, Ne(5));
        EXPECT_THAT(x, Lt(5));
        EXPECT_THAT(x, Le(4));
        EXPECT_THAT(x, Gt(5));
        EXPECT_THAT(x, Ge(6));
        EXPECT_THAT(x, 6);
        EXPECT_THAT(s, HasSubstr("x"));
        EXPECT_THAT(s, StartsWith("b"));
        EXPECT_THAT(s, EndsWith("b"));
        EXPECT_THAT(s, ContainsRegex("z+"));
        EXPECT_THAT(s, MatchesRegex("b.*"));
        EXPECT_THAT(v, ElementsAre(1, 2));
        EXPECT_THAT(v, ElementsAre(1, 2, 4));
        EXPECT_THAT(v, UnorderedElementsAre(3, 2, 5));
        EXPECT_THAT(v, Contains(7));
        EXPECT_THAT(v, Each(Gt(1)));
        EXPECT_THAT(v, IsEmpty());
        EXPECT_THAT(v, SizeIs(2));
        EXPECT_THAT(x, Not(5));
        EXPECT_THAT(x, AllOf(Gt(1), Lt(3)));
        EXPECT_THAT(x, AnyOf(Lt(1), Gt(7)));
        EXPECT_THAT(d, DoubleNear(2.0, 0.5));
        EXPECT_THAT(v, ElementsAre(_, Gt(5), 3));
        EXPECT_THAT(s, Not(HasSubstr("b")));
        EXPECT_THAT(std::vector<int>{}, Not(IsEmpty()));
        EXPECT_THAT(cs, HasSubstr("z"));
        ASSERT_THAT(x, Eq(1));
        EXPECT_THAT(x, _);
    });
    std::vector<std::string> expected{
        "EXPECT_THAT(x, Eq(6)) failed\nValue of: x\nExpected: is equal to 6\n  Actual: 5 (of type int)",
        "EXPECT_THAT(x, Ne(5)) failed\nValue of: x\nExpected: isn't equal to 5\n  Actual: 5 (of type int)",
        "EXPECT_THAT(x, Lt(5)) failed\nValue of: x\nExpected: is < 5\n  Actual: 5 (of type int)",
        "EXPECT_THAT(x, Le(4)) failed\nValue of: x\nExpected: is <= 4\n  Actual: 5 (of type int)",
        "EXPECT_THAT(x, Gt(5)) failed\nValue of: x\nExpected: is > 5\n  Actual: 5 (of type int)",
        "EXPECT_THAT(x, Ge(6)) failed\nValue of: x\nExpected: is >= 6\n  Actual: 5 (of type int)",
        "EXPECT_THAT(x, 6) failed\nValue of: x\nExpected: is equal to 6\n  Actual: 5 (of type int)",
        "EXPECT_THAT(s, HasSubstr(\"x\")) failed\nValue of: s\nExpected: has substring \"x\"\n  Actual: \"abc\"",
        "EXPECT_THAT(s, StartsWith(\"b\")) failed\nValue of: s\nExpected: starts with \"b\"\n  Actual: \"abc\"",
        "EXPECT_THAT(s, EndsWith(\"b\")) failed\nValue of: s\nExpected: ends with \"b\"\n  Actual: \"abc\"",
        "EXPECT_THAT(s, ContainsRegex(\"z+\")) failed\nValue of: s\nExpected: contains regular expression "
        "\"z+\"\n  Actual: \"abc\"",
        "EXPECT_THAT(s, MatchesRegex(\"b.*\")) failed\nValue of: s\nExpected: matches regular expression "
        "\"b.*\"\n  Actual: \"abc\"",
        "EXPECT_THAT(v, ElementsAre(1, 2)) failed\nValue of: v\nExpected: has 2 elements where\nelement #0 is "
        "equal to 1,\nelement #1 is equal to 2\n  Actual: { 1, 2, 3 }, which has 3 elements",
        "EXPECT_THAT(v, ElementsAre(1, 2, 4)) failed\nValue of: v\nExpected: has 3 elements where\nelement #0 "
        "is equal to 1,\nelement #1 is equal to 2,\nelement #2 is equal to 4\n  Actual: { 1, 2, 3 }, whose "
        "element #2 doesn't match",
        "EXPECT_THAT(v, UnorderedElementsAre(3, 2, 5)) failed\nValue of: v\nExpected: has 3 elements and there "
        "exists some permutation of elements such that:\n - element #0 is equal to 3, and\n - element #1 is "
        "equal to 2, and\n - element #2 is equal to 5\n  Actual: { 1, 2, 3 }, where the following matchers "
        "don't match any elements:\nmatcher #2: is equal to 5\nand where the following elements don't match any "
        "matchers:\nelement #0: 1",
        "EXPECT_THAT(v, Contains(7)) failed\nValue of: v\nExpected: contains at least one element that is equal "
        "to 7\n  Actual: { 1, 2, 3 }",
        "EXPECT_THAT(v, Each(Gt(1))) failed\nValue of: v\nExpected: only contains elements that is > 1\n  "
        "Actual: { 1, 2, 3 }, whose element #0 doesn't match",
        "EXPECT_THAT(v, IsEmpty()) failed\nValue of: v\nExpected: is empty\n  Actual: { 1, 2, 3 }, whose size is "
        "3",
        "EXPECT_THAT(v, SizeIs(2)) failed\nValue of: v\nExpected: size is equal to 2\n  Actual: { 1, 2, 3 }, "
        "whose size 3 doesn't match",
        "EXPECT_THAT(x, Not(5)) failed\nValue of: x\nExpected: isn't equal to 5\n  Actual: 5 (of type int)",
        "EXPECT_THAT(x, AllOf(Gt(1), Lt(3))) failed\nValue of: x\nExpected: (is > 1) and (is < 3)\n  Actual: 5 "
        "(of type int)",
        "EXPECT_THAT(x, AnyOf(Lt(1), Gt(7))) failed\nValue of: x\nExpected: (is < 1) or (is > 7)\n  Actual: 5 "
        "(of type int)",
        "EXPECT_THAT(d, DoubleNear(2.0, 0.5)) failed\nValue of: d\nExpected: is approximately 2 (absolute error "
        "<= 0.5)\n  Actual: 1 (of type double), which is -1 from 2",
        "EXPECT_THAT(v, ElementsAre(_, Gt(5), 3)) failed\nValue of: v\nExpected: has 3 elements where\nelement "
        "#0 is anything,\nelement #1 is > 5,\nelement #2 is equal to 3\n  Actual: { 1, 2, 3 }, whose element #1 "
        "doesn't match",
        "EXPECT_THAT(s, Not(HasSubstr(\"b\"))) failed\nValue of: s\nExpected: has no substring \"b\"\n  Actual: "
        "\"abc\"",
        "EXPECT_THAT(std::vector<int>{}, Not(IsEmpty())) failed\nValue of: std::vector<int>{}\nExpected: isn't "
        "empty\n  Actual: {}",
        "",  // the C string's address: checked below
        "ASSERT_THAT(x, Eq(1)) failed\nValue of: x\nExpected: is equal to 1\n  Actual: 5 (of type int)",
    };
    std::vector<std::string> all = messages(record);
    REQUIRE(all.size() == 28);
    CHECK(all[26].find("EXPECT_THAT(cs, HasSubstr(\"z\")) failed\nValue of: cs\nExpected: has substring \"z\"\n"
                       "  Actual: 0x") == 0);
    CHECK(all[26].find(" pointing to \"hello\" (of type char const*)") != std::string::npos);
    all[26].clear();
    CHECK(all == expected);
    CHECK(record.assertions == 28);
}

namespace {

// The shapes in which GoogleTest's samples 1-8 use assertions (their macros: EXPECT_EQ,
// EXPECT_TRUE, EXPECT_FALSE, EXPECT_GT, EXPECT_LE, EXPECT_STREQ, ASSERT_EQ, ASSERT_TRUE,
// FAIL, SUCCEED), written afresh: unsigned sizes against literals, C strings against
// nullptr, assertions in helpers and in loops, FAIL in a branch.
struct Text {
    const char* text;
    const char* c_string() const { return text; }
    unsigned Length() const { return text == nullptr ? 0u : static_cast<unsigned>(std::string(text).size()); }
};

void check_table(const int* table, int size) {
    for (int i = 0; i < size; ++i) {
        ASSERT_TRUE(table[i] > 0) << "at " << i;
        EXPECT_GT(table[i], 0);
        EXPECT_LE(table[i], 100);
    }
}

}  // namespace

TEST_CASE("the assertions as GoogleTest's samples use them") {
    const ctp::TestRecord record = run_body([] {
        const Text empty{nullptr};
        EXPECT_STREQ(nullptr, empty.c_string());
        EXPECT_EQ(0u, empty.Length());
        const Text hello{"hello"};
        EXPECT_STREQ("hello", hello.c_string());
        EXPECT_EQ(5u, hello.Length());
        EXPECT_TRUE(hello.Length() > 0);
        EXPECT_FALSE(hello.Length() == 0);
        const int table[] = {2, 3, 5, 7};
        check_table(table, 4);
        ASSERT_EQ(4u, sizeof table / sizeof table[0]);
        const int n = 1;
        switch (n) {
            case 1: SUCCEED(); break;
            default: GTEST_FAIL() << "unreachable";
        }
    });
    CHECK(record.outcome == ctp::Outcome::passed);
    CHECK(record.assertions == 20);
    const ctp::TestRecord failing = run_body([] {
        const int table[] = {2, -1, 5};
        check_table(table, 3);
        EXPECT_STREQ(nullptr, "x");
    });
    CHECK(
        messages(failing) ==
        std::vector<std::string>{"ASSERT_TRUE(table[i] > 0) failed\nValue of: table[i] > 0\n  Actual: false\n"
                                 "Expected: true\nat 1",
                                 "EXPECT_STREQ(nullptr, \"x\") failed\nExpected equality of these values:\n  nullptr\n"
                                 "    Which is: NULL\n  \"x\""});
}

TEST_CASE("failures, counts and traces are the test's own with --parallel 2 and --isolate") {
    for (const bool isolate : {false, true}) {
        ctp::Registry registry;
        for (const char* name : {"a", "b", "c", "d"})
            registry.add("Gtest", name, [] {
                SCOPED_TRACE("trace");
                EXPECT_EQ(1, 1);
                ASSERT_TRUE(false);
                ADD_FAILURE();
            });
        ctp::Options options;
        options.parallel = 2;
        options.isolate = isolate;
        const ctp::Result result = ctp::run(registry, options);
        REQUIRE(result.tests.size() == 4);
        for (const ctp::TestRecord& record : result.tests) {
            CHECK(record.outcome == ctp::Outcome::failed);
            CHECK(record.assertions == 2);
            REQUIRE(record.failures.size() == 1);
            CHECK(record.failures[0].message.find("ASSERT_TRUE(false) failed\nValue of: false\n  Actual: false\n"
                                                  "Expected: true\nGoogle Test trace:\n") == 0);
        }
        CHECK(result.assertions == 8);
    }
}
