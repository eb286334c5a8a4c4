// CTP_CHECK_THAT with each matcher, and the assertions on an exception's text.
#define CTP_MATCHERS_REGEX_API
#include "testing.hpp"
#include "run_everywhere.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace testing {
void add_short_name_matcher_tests(ctp::Registry& registry);  // short_names_matchers_bodies.cpp
}  // namespace testing

namespace probe {

// User matchers: describe() as a const char*, a std::string, and a printable value.
struct IsEven : ctp::Matcher {
    bool match(int value) const { return value % 2 == 0; }
    const char* describe() const { return "is even"; }
};

struct DivisibleBy {
    int divisor;
    bool match(int value) const { return value % divisor == 0; }
    std::string describe() const { return "is divisible by " + std::to_string(divisor); }
};

struct Bounds {
    int low, high;
};
std::ostream& operator<<(std::ostream& out, const Bounds& bounds) {
    return out << "in [" << bounds.low << ", " << bounds.high << "]";
}

struct InRange {
    Bounds bounds;
    bool match(int value) const { return bounds.low <= value && value <= bounds.high; }
    Bounds describe() const { return bounds; }
};

// Matches std::string, which an exception's text converts to.
struct LongerThan {
    std::size_t size;
    bool match(const std::string& text) const { return text.size() > size; }
    std::string describe() const { return "is longer than " + std::to_string(size); }
};

struct HttpError : std::runtime_error {
    int status;
    explicit HttpError(int code) : std::runtime_error("status " + std::to_string(code)), status(code) {}
};

struct HasStatus {
    int status;
    bool match(const HttpError& error) const { return error.status == status; }
    std::string describe() const { return "has status " + std::to_string(status); }
};

struct Opaque {};

}  // namespace probe

namespace {

using Messages = std::vector<std::string>;
using probe::DivisibleBy;
using probe::IsEven;

}  // namespace

TEST_CASE("text matchers pass on std::string, std::string_view, literals and pointers") {
    const Messages failures = testing::failures_everywhere([] {
        const std::string s = "hello world";
        const char* pointer = "hello";
        CTP_CHECK_THAT(s, ctp::starts_with("hello"));
        CTP_CHECK_THAT(s, ctp::starts_with(""));
        CTP_CHECK_THAT(s, ctp::ends_with(std::string("world")));
        CTP_CHECK_THAT(std::string_view("abc"), ctp::contains(std::string_view("bc")));
        CTP_CHECK_THAT("abc", ctp::contains('c'));
        CTP_CHECK_THAT(pointer, ctp::equals_ignoring_case("HeLLo"));
        CTP_CHECK_THAT(s, ctp::equals_ignoring_case("HELLO WORLD"));
        CTP_CHECK_THAT(std::string(), ctp::is_empty());
        CTP_CHECK_THAT("", ctp::is_empty());
        CTP_CHECK_THAT(s, ctp::size_is(11));
        CTP_CHECK_THAT(s, ctp::matches_regex("hel+o w.*"));
    });
    CHECK(failures.empty());
}

TEST_CASE("text matchers: each failure names the value and what it does not do") {
    const Messages failures = testing::failures_everywhere([] {
        const std::string s = "hello world";
        const char* null_text = nullptr;
        CTP_CHECK_THAT(s, ctp::starts_with("world"));
        CTP_CHECK_THAT(s, ctp::ends_with("hello"));
        CTP_CHECK_THAT(s, ctp::contains("xyz"));
        CTP_CHECK_THAT(s, ctp::contains('z'));
        CTP_CHECK_THAT(s, ctp::equals_ignoring_case("hello"));
        CTP_CHECK_THAT(
            "\xc3\x84"
            "b",
            ctp::equals_ignoring_case("\xc3\xa4"
                                      "B"));  // ASCII letters only
        CTP_CHECK_THAT(s, ctp::is_empty());
        CTP_CHECK_THAT(s, ctp::size_is(3));
        CTP_CHECK_THAT(null_text, ctp::starts_with("a"));
        CTP_CHECK_THAT("v1.2", ctp::matches_regex("v[0-9]+"));
        CTP_CHECK_THAT("a\tb", ctp::contains("\n"));
    });
    CHECK(failures ==
          Messages{
              R"(CTP_CHECK_THAT(s, ctp::starts_with("world")) failed: value "hello world" does not start with "world")",
              R"(CTP_CHECK_THAT(s, ctp::ends_with("hello")) failed: value "hello world" does not end with "hello")",
              R"(CTP_CHECK_THAT(s, ctp::contains("xyz")) failed: value "hello world" does not contain "xyz")",
              R"(CTP_CHECK_THAT(s, ctp::contains('z')) failed: value "hello world" does not contain 'z')",
              R"(CTP_CHECK_THAT(s, ctp::equals_ignoring_case("hello")) failed: value "hello world" does not )"
              R"(equal "hello" ignoring case)",
              "CTP_CHECK_THAT(\"\\xc3\\x84\" \"b\", ctp::equals_ignoring_case(\"\\xc3\\xa4\" \"B\")) failed: "
              "value \"\xc3\x84"
              "b\" does not equal \"\xc3\xa4"
              "B\" ignoring case",
              R"(CTP_CHECK_THAT(s, ctp::is_empty()) failed: value "hello world" is not empty)",
              R"(CTP_CHECK_THAT(s, ctp::size_is(3)) failed: value "hello world" has size 11, not 3)",
              R"(CTP_CHECK_THAT(null_text, ctp::starts_with("a")) failed: value nullptr does not start with "a")",
              R"(CTP_CHECK_THAT("v1.2", ctp::matches_regex("v[0-9]+")) failed: value "v1.2" does not match )"
              R"(the regex "v[0-9]+")",
              R"(CTP_CHECK_THAT("a\tb", ctp::contains("\n")) failed: value "a\tb" does not contain "\n")"});
}

TEST_CASE("!, && and || between matchers: a failure explains the operands that decided it") {
    const Messages failures = testing::failures_everywhere([] {
        const std::string s = "hello world";
        CTP_CHECK_THAT(s, ctp::starts_with("hello") && ctp::ends_with("world") && ctp::contains("o w"));
        CTP_CHECK_THAT(s, ctp::starts_with("x") || ctp::contains("lo"));
        CTP_CHECK_THAT(s, !ctp::starts_with("world"));
        CTP_CHECK_THAT(s, !ctp::starts_with("hello"));
        CTP_CHECK_THAT(s, ctp::starts_with("hello") && ctp::ends_with("x"));
        CTP_CHECK_THAT(s, ctp::starts_with("x") && ctp::ends_with("world"));
        CTP_CHECK_THAT(s, ctp::starts_with("x") || ctp::ends_with("y"));
        CTP_CHECK_THAT(s, !(ctp::starts_with("hello") && ctp::ends_with("world")));
        CTP_CHECK_THAT(s, !(ctp::starts_with("hello") || ctp::ends_with("x")));
        CTP_CHECK_THAT(s, !!ctp::is_empty());
        CTP_CHECK_THAT(std::string(), !ctp::is_empty());
        CTP_CHECK_THAT(s, !ctp::size_is(11));
        CTP_CHECK_THAT(s, !ctp::equals_ignoring_case("Hello World"));
        CTP_CHECK_THAT(s, !ctp::matches_regex(".*"));
    });
    CHECK(
        failures ==
        Messages{R"(CTP_CHECK_THAT(s, !ctp::starts_with("hello")) failed: value "hello world" starts with "hello")",
                 R"(CTP_CHECK_THAT(s, ctp::starts_with("hello") && ctp::ends_with("x")) failed: value "hello world" )"
                 R"(does not end with "x")",
                 R"(CTP_CHECK_THAT(s, ctp::starts_with("x") && ctp::ends_with("world")) failed: value "hello world" )"
                 R"(does not start with "x")",
                 R"(CTP_CHECK_THAT(s, ctp::starts_with("x") || ctp::ends_with("y")) failed: value "hello world" )"
                 R"(does not start with "x" and does not end with "y")",
                 R"(CTP_CHECK_THAT(s, !(ctp::starts_with("hello") && ctp::ends_with("world"))) failed: value )"
                 R"("hello world" starts with "hello" and ends with "world")",
                 R"(CTP_CHECK_THAT(s, !(ctp::starts_with("hello") || ctp::ends_with("x"))) failed: value )"
                 R"("hello world" starts with "hello")",
                 R"(CTP_CHECK_THAT(s, !!ctp::is_empty()) failed: value "hello world" is not empty)",
                 R"(CTP_CHECK_THAT(std::string(), !ctp::is_empty()) failed: value "" is empty)",
                 R"(CTP_CHECK_THAT(s, !ctp::size_is(11)) failed: value "hello world" has size 11)",
                 R"(CTP_CHECK_THAT(s, !ctp::equals_ignoring_case("Hello World")) failed: value "hello world" equals )"
                 R"("Hello World" ignoring case)",
                 R"(CTP_CHECK_THAT(s, !ctp::matches_regex(".*")) failed: value "hello world" matches the regex ".*")"});
}

TEST_CASE("range matchers: contains, elements_are, unordered_elements_are, each, any_element, sizes") {
    const Messages failures = testing::failures_everywhere([] {
        const std::vector<int> v{1, 5, 3};
        CTP_CHECK_THAT(v, ctp::contains(5));
        CTP_CHECK_THAT(v, ctp::elements_are(1, 5, 3));
        CTP_CHECK_THAT(v, ctp::unordered_elements_are(3, 1, 5));
        CTP_CHECK_THAT(v, ctp::each(ctp::within_abs(3, 2)));
        CTP_CHECK_THAT(v, ctp::any_element(5));
        CTP_CHECK_THAT(v, ctp::size_is(3) && !ctp::is_empty());
        CTP_CHECK_THAT(std::vector<int>(), ctp::is_empty() && ctp::elements_are() && ctp::unordered_elements_are());
        CTP_CHECK_THAT(std::vector<int>(), ctp::each(7) && !ctp::any_element(7));
        CTP_CHECK_THAT(v, ctp::contains(4));
        CTP_CHECK_THAT(v, ctp::elements_are(1, 2, 3));
        CTP_CHECK_THAT(v, ctp::elements_are(1, 5));
        CTP_CHECK_THAT(v, ctp::unordered_elements_are(1, 2, 3));
        CTP_CHECK_THAT(v, ctp::unordered_elements_are(1, 5));
        CTP_CHECK_THAT(v, ctp::each(ctp::within_abs(2, 1)));
        CTP_CHECK_THAT(v, ctp::each(3));
        CTP_CHECK_THAT(v, ctp::any_element(4));
        CTP_CHECK_THAT(v, !ctp::contains(5));
        CTP_CHECK_THAT(v, !ctp::any_element(5));
        CTP_CHECK_THAT(v, !ctp::each(ctp::within_abs(3, 2)));
        CTP_CHECK_THAT(v, !ctp::elements_are(1, 5, 3));
        CTP_CHECK_THAT(v, !ctp::unordered_elements_are(3, 1, 5));
        CTP_CHECK_THAT(v, ctp::is_empty());
        CTP_CHECK_THAT(std::vector<std::vector<int>>{{1, 2}, {3}}, ctp::each(ctp::size_is(2)));
    });
    CHECK(failures ==
          Messages{"CTP_CHECK_THAT(v, ctp::contains(4)) failed: value {1, 5, 3} does not contain 4",
                   "CTP_CHECK_THAT(v, ctp::elements_are(1, 2, 3)) failed: value {1, 5, 3} has element [1] 5, which "
                   "is not 2",
                   "CTP_CHECK_THAT(v, ctp::elements_are(1, 5)) failed: value {1, 5, 3} has 3 elements, not 2",
                   "CTP_CHECK_THAT(v, ctp::unordered_elements_are(1, 2, 3)) failed: value {1, 5, 3} does not have "
                   "elements {1, 2, 3} in any order",
                   "CTP_CHECK_THAT(v, ctp::unordered_elements_are(1, 5)) failed: value {1, 5, 3} has 3 elements, not 2",
                   "CTP_CHECK_THAT(v, ctp::each(ctp::within_abs(2, 1))) failed: value {1, 5, 3} has element [1] 5, "
                   "which is not within 1 of 2",
                   "CTP_CHECK_THAT(v, ctp::each(3)) failed: value {1, 5, 3} has element [0] 1, which is not 3",
                   "CTP_CHECK_THAT(v, ctp::any_element(4)) failed: value {1, 5, 3} has no element that is 4",
                   "CTP_CHECK_THAT(v, !ctp::contains(5)) failed: value {1, 5, 3} contains 5",
                   "CTP_CHECK_THAT(v, !ctp::any_element(5)) failed: value {1, 5, 3} has element [1] 5, which is 5",
                   "CTP_CHECK_THAT(v, !ctp::each(ctp::within_abs(3, 2))) failed: value {1, 5, 3} is such that each "
                   "element is within 2 of 3",
                   "CTP_CHECK_THAT(v, !ctp::elements_are(1, 5, 3)) failed: value {1, 5, 3} has elements {1, 5, 3}",
                   "CTP_CHECK_THAT(v, !ctp::unordered_elements_are(3, 1, 5)) failed: value {1, 5, 3} has elements "
                   "{3, 1, 5} in any order",
                   "CTP_CHECK_THAT(v, ctp::is_empty()) failed: value {1, 5, 3} is not empty",
                   "CTP_CHECK_THAT(std::vector<std::vector<int>>{{1, 2}, {3}}, ctp::each(ctp::size_is(2))) failed: "
                   "value {{1, 2}, {3}} has element [1] {3}, which has size 1, not 2"});
}

TEST_CASE("element matchers take plain values (equality, text by its characters) or matchers") {
    const Messages failures = testing::failures_everywhere([] {
        const std::vector<std::string> words{"banana", "apple"};
        const std::array<const char*, 2> pointers{"banana", "apple"};
        CTP_CHECK_THAT(words, ctp::elements_are(ctp::starts_with("b"), "apple"));
        CTP_CHECK_THAT(pointers, ctp::elements_are(std::string("banana"), "apple"));
        CTP_CHECK_THAT(words, ctp::contains("apple") && ctp::contains(ctp::ends_with("na")));
        // "banana" fits both matchers, "apple" only the first: a first-fit pairing would fail.
        CTP_CHECK_THAT(words, ctp::unordered_elements_are(ctp::contains("a"), ctp::starts_with("b")));
        CTP_CHECK_THAT(words, ctp::each(ctp::contains("a") && !ctp::is_empty()));
        CTP_CHECK_THAT(words, ctp::elements_are("banana", ctp::ends_with("x")));
        CTP_CHECK_THAT(words, !ctp::elements_are(ctp::starts_with("b"), "apple"));
        CTP_CHECK_THAT(words, ctp::contains(ctp::starts_with("c")));
        CTP_CHECK_THAT(words, ctp::unordered_elements_are(ctp::contains("n"), "banana"));
        CTP_CHECK_THAT(words, ctp::contains("app"));
    });
    CHECK(failures == Messages{R"(CTP_CHECK_THAT(words, ctp::elements_are("banana", ctp::ends_with("x"))) failed: )"
                               R"(value {"banana", "apple"} has element [1] "apple", which does not end with "x")",
                               R"(CTP_CHECK_THAT(words, !ctp::elements_are(ctp::starts_with("b"), "apple")) failed: )"
                               R"(value {"banana", "apple"} has elements {(starts with "b"), "apple"})",
                               R"(CTP_CHECK_THAT(words, ctp::contains(ctp::starts_with("c"))) failed: value )"
                               R"({"banana", "apple"} has no element that starts with "c")",
                               R"(CTP_CHECK_THAT(words, ctp::unordered_elements_are(ctp::contains("n"), "banana")) )"
                               R"(failed: value {"banana", "apple"} does not have elements {(contains "n"), )"
                               R"("banana"} in any order)",
                               R"(CTP_CHECK_THAT(words, ctp::contains("app")) failed: value {"banana", "apple"} )"
                               R"(does not contain "app")"});
}

TEST_CASE("number matchers: within_abs, within_rel, within_ulp, with NaN and infinities") {
    const Messages failures = testing::failures_everywhere([] {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        const double sum = 0.1 + 0.2;
        CTP_CHECK_THAT(sum, ctp::within_abs(0.3, 1e-9));
        CTP_CHECK_THAT(100.5, ctp::within_rel(100, 0.01));
        CTP_CHECK_THAT(99, ctp::within_rel(100, 0.01));
        CTP_CHECK_THAT(sum, ctp::within_ulp(0.3, 1));
        CTP_CHECK_THAT(std::nextafter(1.0f, 2.0f), ctp::within_ulp(1.0f, 1));
        CTP_CHECK_THAT(-0.0, ctp::within_ulp(0.0, 0));
        CTP_CHECK_THAT(-std::numeric_limits<double>::denorm_min(),
                       ctp::within_ulp(std::numeric_limits<double>::denorm_min(), 2));
        CTP_CHECK_THAT(inf, ctp::within_abs(inf, 0) && ctp::within_rel(inf, 0) && ctp::within_ulp(inf, 0));
        CTP_CHECK_THAT(0.31, ctp::within_abs(0.3, 1e-9));
        CTP_CHECK_THAT(102, ctp::within_rel(100, 0.01));
        CTP_CHECK_THAT(100.2, ctp::within_rel(100, 0.001));
        CTP_CHECK_THAT(sum, ctp::within_ulp(0.3, 0));
        CTP_CHECK_THAT(1.5f, ctp::within_ulp(1.0f, 1));
        CTP_CHECK_THAT(std::numeric_limits<double>::max(), ctp::within_ulp(inf, 1));
        CTP_CHECK_THAT(nan, ctp::within_abs(nan, inf) || ctp::within_rel(nan, 1) || ctp::within_ulp(nan, 1));
        CTP_CHECK_THAT(-inf, ctp::within_abs(inf, inf));  // an infinite margin admits all but NaN
        CTP_CHECK_THAT(-inf, ctp::within_abs(inf, 1e308));
        CTP_CHECK_THAT(sum, !ctp::within_abs(0.3, 1e-9));
    });
    CHECK(failures ==
          Messages{"CTP_CHECK_THAT(0.31, ctp::within_abs(0.3, 1e-9)) failed: value 0.31 is not within 1e-09 of 0.3",
                   "CTP_CHECK_THAT(102, ctp::within_rel(100, 0.01)) failed: value 102 is not within 1% of 100",
                   "CTP_CHECK_THAT(100.2, ctp::within_rel(100, 0.001)) failed: value 100.2 is not within 0.1% of 100",
                   "CTP_CHECK_THAT(sum, ctp::within_ulp(0.3, 0)) failed: value 0.30000000000000004 is not within 0 "
                   "ULPs of 0.3",
                   "CTP_CHECK_THAT(1.5f, ctp::within_ulp(1.0f, 1)) failed: value 1.5 is not within 1 ULP of 1",
                   "CTP_CHECK_THAT(std::numeric_limits<double>::max(), ctp::within_ulp(inf, 1)) failed: value "
                   "1.7976931348623157e+308 is not within 1 ULP of inf",
                   "CTP_CHECK_THAT(nan, ctp::within_abs(nan, inf) || ctp::within_rel(nan, 1) || "
                   "ctp::within_ulp(nan, 1)) failed: value nan is not within inf of nan and is not within 100% of "
                   "nan and is not within 1 ULP of nan",
                   "CTP_CHECK_THAT(-inf, ctp::within_abs(inf, 1e308)) failed: value -inf is not within 1e+308 of inf",
                   "CTP_CHECK_THAT(sum, !ctp::within_abs(0.3, 1e-9)) failed: value 0.30000000000000004 is within "
                   "1e-09 of 0.3"});
}

TEST_CASE("user matchers: describe() as text or a printable value; composed with ctp's and each other") {
    const Messages failures = testing::failures_everywhere([] {
        CTP_CHECK_THAT(8, IsEven{});
        CTP_CHECK_THAT(9, DivisibleBy{3} && !IsEven{});
        CTP_CHECK_THAT(std::vector<int>{2, 4}, ctp::each(IsEven{}));
        CTP_CHECK_THAT(7, IsEven{});
        CTP_CHECK_THAT(8, !IsEven{});
        CTP_CHECK_THAT(7, DivisibleBy{3});
        CTP_CHECK_THAT(12, probe::InRange{{1, 10}});
        CTP_CHECK_THAT(7, DivisibleBy{3} || IsEven{});
        CTP_CHECK_THAT(6, !(DivisibleBy{3} && IsEven{}));
        CTP_CHECK_THAT(7, IsEven{} && ctp::within_abs(10, 1));
        CTP_CHECK_THAT(std::vector<int>{2, 3}, ctp::each(IsEven{}));
        CTP_CHECK_THAT(std::vector<int>{1, 3}, ctp::any_element(IsEven{}));
        CTP_CHECK_THAT(std::vector<int>{1, 3}, ctp::elements_are(IsEven{}, 3));
        CTP_CHECK_THAT(std::vector<int>{2, 3}, !ctp::elements_are(IsEven{}, 3));
    });
    CHECK(failures ==
          Messages{"CTP_CHECK_THAT(7, IsEven{}) failed: value 7 does not satisfy (is even)",
                   "CTP_CHECK_THAT(8, !IsEven{}) failed: value 8 satisfies (is even)",
                   "CTP_CHECK_THAT(7, DivisibleBy{3}) failed: value 7 does not satisfy (is divisible by 3)",
                   "CTP_CHECK_THAT(12, probe::InRange{{1, 10}}) failed: value 12 does not satisfy (in [1, 10])",
                   "CTP_CHECK_THAT(7, DivisibleBy{3} || IsEven{}) failed: value 7 does not satisfy (is divisible by "
                   "3) and does not satisfy (is even)",
                   "CTP_CHECK_THAT(6, !(DivisibleBy{3} && IsEven{})) failed: value 6 satisfies (is divisible by 3) "
                   "and satisfies (is even)",
                   "CTP_CHECK_THAT(7, IsEven{} && ctp::within_abs(10, 1)) failed: value 7 does not satisfy (is even)",
                   "CTP_CHECK_THAT(std::vector<int>{2, 3}, ctp::each(IsEven{})) failed: value {2, 3} has element [1] "
                   "3, which does not satisfy (is even)",
                   "CTP_CHECK_THAT(std::vector<int>{1, 3}, ctp::any_element(IsEven{})) failed: value {1, 3} has no "
                   "element that satisfies (is even)",
                   "CTP_CHECK_THAT(std::vector<int>{1, 3}, ctp::elements_are(IsEven{}, 3)) failed: value {1, 3} has "
                   "element [0] 1, which does not satisfy (is even)",
                   "CTP_CHECK_THAT(std::vector<int>{2, 3}, !ctp::elements_are(IsEven{}, 3)) failed: value {2, 3} has "
                   "elements {(is even), 3}"});
}

TEST_CASE("a matcher is kept by value: it can be named and reused after its arguments are gone") {
    const auto prefix = ctp::starts_with(std::string("hel") + "lo");
    const auto words = ctp::elements_are(std::string("a"), ctp::ends_with(std::string("b")));
    const Messages failures = testing::failures_everywhere([prefix, words] {
        CTP_CHECK_THAT("hello", prefix);
        CTP_CHECK_THAT(std::vector<std::string>{"a", "cb"}, words);
        CTP_CHECK_THAT("help", prefix);
    });
    CHECK(failures == Messages{R"(CTP_CHECK_THAT("help", prefix) failed: value "help" does not start with "hello")"});
}

TEST_CASE("a failed CTP_CHECK_THAT points at its line") {
    ctp::Registry registry;
    const int line = __LINE__ + 1;
    registry.add("That", "line", [] { CTP_CHECK_THAT(1, IsEven{}); });
    const ctp::Result result = ctp::run(registry, {});
    const ctp::TestRecord& record = testing::record(result, "That.line");
    CHECK(record.outcome == ctp::Outcome::failed);
    REQUIRE(record.failures.size() == 1);
    CHECK(record.failures[0].line == line);
    CHECK(record.failures[0].file.find("test_matchers.cpp") != std::string::npos);
}

TEST_CASE("CTP_CHECK_THROWS_WITH: what() of a std::exception, a thrown string, or a thrown integer or double printed") {
    const Messages failures = testing::failures_everywhere([] {
        CTP_CHECK_THROWS_WITH(throw std::runtime_error("boom"), "boom");
        CTP_CHECK_THROWS_WITH(throw std::runtime_error("boom"), std::string("boom"));
        CTP_CHECK_THROWS_WITH(throw std::runtime_error("boom"), ctp::starts_with("bo"));
        CTP_CHECK_THROWS_WITH(throw std::runtime_error("Boom"),
                              ctp::equals_ignoring_case("BOOM") && !ctp::contains("x"));
        CTP_CHECK_THROWS_WITH(throw std::runtime_error("a long message"), probe::LongerThan{5});
        CTP_CHECK_THROWS_WITH(throw "literal", "literal");
        CTP_CHECK_THROWS_WITH(throw std::string("text"), "text");
        CTP_CHECK_THROWS_WITH(throw 42, "42");
        CTP_CHECK_THROWS_WITH(throw 2.5, "2.5");
        CTP_CHECK_THROWS_WITH(throw -7L, "-7");
        CTP_CHECK_THROWS_WITH(throw 7U, "7");
        CTP_CHECK_THROWS_WITH(throw std::invalid_argument("no input"), "empty input");
        CTP_CHECK_THROWS_WITH(static_cast<void>(0), "x");
        CTP_CHECK_THROWS_WITH(throw probe::Opaque{}, "x");
        CTP_CHECK_THROWS_WITH(throw 'c', "c");
        CTP_CHECK_THROWS_WITH(throw 42, "43");
        CTP_CHECK_THROWS_WITH(throw "literal", ctp::ends_with("x"));
        CTP_CHECK_THROWS_WITH(throw std::string("text"), "other");
        CTP_CHECK_THROWS_WITH(throw std::runtime_error("short"), probe::LongerThan{5});
        CTP_CHECK_THROWS_WITH(throw std::runtime_error("tab\there"), ctp::starts_with("x") || ctp::contains("\n"));
    });
    CHECK(
        failures ==
        Messages{R"(CTP_CHECK_THROWS_WITH(throw std::invalid_argument("no input"), "empty input") failed: exception )"
                 R"(std::invalid_argument has message "no input", which is not "empty input")",
                 R"(CTP_CHECK_THROWS_WITH(static_cast<void>(0), "x") threw nothing)",
                 R"(CTP_CHECK_THROWS_WITH(throw probe::Opaque{}, "x") failed: exception probe::Opaque has no message)",
                 R"(CTP_CHECK_THROWS_WITH(throw 'c', "c") failed: exception char has no message)",
                 R"(CTP_CHECK_THROWS_WITH(throw 42, "43") failed: exception int has message "42", which is not "43")",
                 R"(CTP_CHECK_THROWS_WITH(throw "literal", ctp::ends_with("x")) failed: exception const char* has )"
                 R"(message "literal", which does not end with "x")",
                 R"(CTP_CHECK_THROWS_WITH(throw std::string("text"), "other") failed: exception std::string has )"
                 R"(message "text", which is not "other")",
                 R"(CTP_CHECK_THROWS_WITH(throw std::runtime_error("short"), probe::LongerThan{5}) failed: )"
                 R"(exception std::runtime_error has message "short", which does not satisfy (is longer than 5))",
                 R"(CTP_CHECK_THROWS_WITH(throw std::runtime_error("tab\there"), ctp::starts_with("x") || )"
                 R"(ctp::contains("\n")) failed: exception std::runtime_error has message "tab\there", which does )"
                 R"(not start with "x" and does not contain "\n")"});
}

TEST_CASE("CTP_CHECK_THROWS_WITH_AS: the type first (a reference or cv-qualified type means the type), then the text") {
    const Messages failures = testing::failures_everywhere([] {
        CTP_CHECK_THROWS_WITH_AS(throw std::out_of_range("far"), "far", std::out_of_range);
        CTP_CHECK_THROWS_WITH_AS(throw std::out_of_range("far"), "far", const std::logic_error&);
        CTP_CHECK_THROWS_WITH_AS(throw std::out_of_range("far"), ctp::contains("a"), volatile std::exception);
        CTP_CHECK_THROWS_WITH_AS(throw std::invalid_argument("no input"), "no input", const std::out_of_range&);
        CTP_CHECK_THROWS_WITH_AS(throw std::out_of_range("far"), "near", std::out_of_range);
        CTP_CHECK_THROWS_WITH_AS(static_cast<void>(0), "x", std::exception);
        CTP_CHECK_THROWS_WITH_AS(throw 42, "42", std::exception);
    });
    CHECK(failures == Messages{R"(CTP_CHECK_THROWS_WITH_AS(throw std::invalid_argument("no input"), "no input", )"
                               R"(const std::out_of_range&) threw another type: std::invalid_argument: no input)",
                               R"(CTP_CHECK_THROWS_WITH_AS(throw std::out_of_range("far"), "near", std::out_of_range) )"
                               R"(failed: exception std::out_of_range has message "far", which is not "near")",
                               R"(CTP_CHECK_THROWS_WITH_AS(static_cast<void>(0), "x", std::exception) threw nothing)",
                               R"(CTP_CHECK_THROWS_WITH_AS(throw 42, "42", std::exception) threw another type: an )"
                               R"(exception of type int)"});
}

TEST_CASE("CTP_CHECK_THROWS_MATCHES applies the matcher to the caught exception; ctp::message to its what()") {
    const Messages failures = testing::failures_everywhere([] {
        CTP_CHECK_THROWS_MATCHES(throw std::runtime_error("boom"), std::runtime_error, ctp::message("boom"));
        CTP_CHECK_THROWS_MATCHES(throw probe::HttpError(404), const probe::HttpError&, probe::HasStatus{404});
        CTP_CHECK_THROWS_MATCHES(throw probe::HttpError(404), std::exception, ctp::message(ctp::ends_with("404")));
        CTP_CHECK_THROWS_MATCHES(throw probe::HttpError(404), probe::HttpError,
                                 probe::HasStatus{404} && ctp::message(ctp::contains("status")));
        CTP_CHECK_THROWS_MATCHES(throw std::runtime_error("boom"), std::exception, ctp::message(ctp::starts_with("x")));
        CTP_CHECK_THROWS_MATCHES(throw probe::HttpError(404), probe::HttpError, probe::HasStatus{500});
        CTP_CHECK_THROWS_MATCHES(throw probe::HttpError(404), probe::HttpError,
                                 probe::HasStatus{404} && ctp::message("x"));
        CTP_CHECK_THROWS_MATCHES(throw std::runtime_error("boom"), std::exception, !ctp::message("boom"));
        CTP_CHECK_THROWS_MATCHES(throw 42, std::exception, ctp::message("x"));
        CTP_CHECK_THROWS_MATCHES(static_cast<void>(0), std::exception, ctp::message("x"));
    });
    CHECK(failures ==
          Messages{R"(CTP_CHECK_THROWS_MATCHES(throw std::runtime_error("boom"), std::exception, )"
                   R"(ctp::message(ctp::starts_with("x"))) failed: exception std::runtime_error has message "boom", )"
                   R"(which does not start with "x")",
                   R"(CTP_CHECK_THROWS_MATCHES(throw probe::HttpError(404), probe::HttpError, probe::HasStatus{500}) )"
                   R"(failed: exception probe::HttpError does not satisfy (has status 500))",
                   R"(CTP_CHECK_THROWS_MATCHES(throw probe::HttpError(404), probe::HttpError, probe::HasStatus{404} )"
                   R"(&& ctp::message("x")) failed: exception probe::HttpError has message "status 404", which is )"
                   R"(not "x")",
                   R"(CTP_CHECK_THROWS_MATCHES(throw std::runtime_error("boom"), std::exception, )"
                   R"(!ctp::message("boom")) failed: exception std::runtime_error has message "boom", which is "boom")",
                   R"(CTP_CHECK_THROWS_MATCHES(throw 42, std::exception, ctp::message("x")) threw another type: an )"
                   R"(exception of type int)",
                   R"(CTP_CHECK_THROWS_MATCHES(static_cast<void>(0), std::exception, ctp::message("x")) threw )"
                   R"(nothing)"});
}

TEST_CASE("the REQUIRE forms end the test on failure, and only then") {
    // Each body passes one REQUIRE, then fails the next; `reached` counts what ran after it.
    int reached = 0;
    const auto expect_one = [&reached](auto body, const std::string& message) {
        reached = 0;
        CHECK(testing::failures_everywhere(body, false) == Messages{message});
        CHECK(reached == 0);
    };
    expect_one(
        [&reached] {
            CTP_REQUIRE_THAT("abc", ctp::starts_with("a"));
            CTP_REQUIRE_THAT("abc", ctp::starts_with("b"));
            ++reached;
        },
        R"(CTP_REQUIRE_THAT("abc", ctp::starts_with("b")) failed: value "abc" does not start with "b")");
    expect_one(
        [&reached] {
            CTP_REQUIRE_THROWS_WITH(throw std::runtime_error("a"), "a");
            CTP_REQUIRE_THROWS_WITH(throw std::runtime_error("a"), "b");
            ++reached;
        },
        R"(CTP_REQUIRE_THROWS_WITH(throw std::runtime_error("a"), "b") failed: exception std::runtime_error has )"
        R"(message "a", which is not "b")");
    expect_one(
        [&reached] {
            CTP_REQUIRE_THROWS_WITH(throw 1, "1");
            CTP_REQUIRE_THROWS_WITH(static_cast<void>(0), "b");
            ++reached;
        },
        R"(CTP_REQUIRE_THROWS_WITH(static_cast<void>(0), "b") threw nothing)");
    expect_one(
        [&reached] {
            CTP_REQUIRE_THROWS_WITH_AS(throw std::runtime_error("a"), "a", std::runtime_error);
            CTP_REQUIRE_THROWS_WITH_AS(throw std::runtime_error("a"), "a", std::logic_error);
            ++reached;
        },
        R"(CTP_REQUIRE_THROWS_WITH_AS(throw std::runtime_error("a"), "a", std::logic_error) threw another type: )"
        R"(std::runtime_error: a)");
    expect_one(
        [&reached] {
            CTP_REQUIRE_THROWS_WITH_AS(throw std::runtime_error("a"), "a", std::runtime_error);
            CTP_REQUIRE_THROWS_WITH_AS(throw std::runtime_error("a"), "b", std::runtime_error);
            ++reached;
        },
        R"(CTP_REQUIRE_THROWS_WITH_AS(throw std::runtime_error("a"), "b", std::runtime_error) failed: exception )"
        R"(std::runtime_error has message "a", which is not "b")");
    expect_one(
        [&reached] {
            CTP_REQUIRE_THROWS_MATCHES(throw std::runtime_error("a"), std::exception, ctp::message("a"));
            CTP_REQUIRE_THROWS_MATCHES(throw std::runtime_error("a"), std::exception, ctp::message("b"));
            ++reached;
        },
        R"(CTP_REQUIRE_THROWS_MATCHES(throw std::runtime_error("a"), std::exception, ctp::message("b")) failed: )"
        R"(exception std::runtime_error has message "a", which is not "b")");
    expect_one(
        [&reached] {
            CTP_REQUIRE_THROWS_MATCHES(throw std::runtime_error("a"), std::exception, ctp::message("a"));
            CTP_REQUIRE_THROWS_MATCHES(static_cast<void>(0), std::exception, ctp::message("a"));
            ++reached;
        },
        R"(CTP_REQUIRE_THROWS_MATCHES(static_cast<void>(0), std::exception, ctp::message("a")) threw nothing)");
}

TEST_CASE("a fatal failure inside the handler is not caught by the assertion's own catch (...)") {
    ctp::Registry registry;
    registry.add("Fatal", "inside", [] {
        CTP_REQUIRE_THROWS_WITH(throw std::runtime_error("a"), "b");
        CTP_CHECK(false);
    });
    const ctp::Result result = ctp::run(registry, {});
    const ctp::TestRecord& record = testing::record(result, "Fatal.inside");
    CHECK(record.outcome == ctp::Outcome::failed);
    CHECK(record.failures.size() == 1);
}

TEST_CASE("the short names of the matcher, text and NEAR assertions quote themselves") {
    ctp::Registry registry;
    testing::add_short_name_matcher_tests(registry);
    const ctp::Result result = ctp::run(registry, {});
    CHECK(testing::failure_messages(testing::record(result, "ShortMatchers.checks")) ==
          Messages{R"(CHECK_THAT("abc", ctp::ends_with("b")) failed: value "abc" does not end with "b")",
                   R"(CHECK_NEAR(1.0, 2.0, 0.5) failed with |1 - 2| = 1, tolerance 0.5)",
                   R"(CHECK_THROWS_WITH(throw std::runtime_error("a"), "b") failed: exception std::runtime_error has )"
                   R"(message "a", which is not "b")",
                   R"(CHECK_THROWS_WITH_AS(throw std::runtime_error("a"), "b", std::runtime_error) failed: exception )"
                   R"(std::runtime_error has message "a", which is not "b")",
                   R"(CHECK_THROWS_MATCHES(throw std::runtime_error("a"), std::exception, ctp::message("b")) failed: )"
                   R"(exception std::runtime_error has message "a", which is not "b")"});
    const std::vector<std::pair<std::string, std::string>> fatal{
        {"ShortMatchers.require_that", R"(REQUIRE_THAT("abc", ctp::ends_with("b")) failed: value "abc" does not )"
                                       R"(end with "b")"},
        {"ShortMatchers.require_near", "REQUIRE_NEAR(1.0, 2.0, 0.5) failed with |1 - 2| = 1, tolerance 0.5"},
        {"ShortMatchers.require_throws_with", R"(REQUIRE_THROWS_WITH(static_cast<void>(0), "b") threw nothing)"},
        {"ShortMatchers.require_throws_with_as",
         R"(REQUIRE_THROWS_WITH_AS(throw 1, "1", std::exception) threw another type: an exception of type int)"},
        {"ShortMatchers.require_throws_matches",
         R"(REQUIRE_THROWS_MATCHES(throw std::runtime_error("a"), std::exception, ctp::message("b")) failed: )"
         R"(exception std::runtime_error has message "a", which is not "b")"}};
    for (const auto& expected : fatal) {
        CAPTURE(expected.first);
        const ctp::TestRecord& record = testing::record(result, expected.first);
        CHECK(testing::failure_messages(record) == Messages{expected.second});
        CHECK(record.output.empty());  // the line after the REQUIRE did not run
    }
}
