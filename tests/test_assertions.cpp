#include "testing.hpp"

#include <map>
#include <optional>
#include <ostream>
#include <string_view>

namespace testing {
void add_short_name_tests(ctp::Registry& registry);  // short_names_bodies.cpp
}  // namespace testing

namespace {

// Runs `body` as the only test of a private registry and returns its record.
template <class Body>
ctp::TestRecord run_one(Body body) {
    ctp::Registry registry;
    registry.add("Check", "one", body);
    ctp::Result result = ctp::run(registry, {});
    REQUIRE(result.tests.size() == 1);
    return result.tests.front();
}

std::vector<std::string> messages(const ctp::TestRecord& record) {
    std::vector<std::string> all;
    for (const ctp::Failure& failure : record.failures) all.push_back(failure.message);
    return all;
}

struct Unprintable {
    int value;
    bool operator==(const Unprintable& other) const { return value == other.value; }
};

struct Money {
    int cents;
    bool operator==(const Money& other) const { return cents == other.cents; }
};
std::ostream& operator<<(std::ostream& out, const Money& money) {
    return out << money.cents / 100 << '.' << (money.cents % 100 < 10 ? "0" : "") << money.cents % 100 << " EUR";
}

enum class Colour { red = 1, green = 2 };

}  // namespace

TEST_CASE("a passing test has no failures and passes") {
    auto record = run_one([] {
        CTP_CHECK(1 + 1 == 2);
        CTP_REQUIRE(std::string("a") < std::string("b"));
        CTP_CHECK_FALSE(3 < 2);
    });
    CHECK(record.outcome == ctp::Outcome::passed);
    CHECK(record.failures.empty());
}

TEST_CASE("a failed comparison names the expression as written and both values") {
    int balance = 3;
    const int line = __LINE__ + 1;
    auto record = run_one([&] { CTP_CHECK(balance == 0); });
    CHECK(record.outcome == ctp::Outcome::failed);
    REQUIRE(record.failures.size() == 1);
    CHECK(record.failures[0].message == "CTP_CHECK(balance == 0) failed with 3 == 0");
    CHECK(record.failures[0].line == line);
    CHECK(record.failures[0].file.find("test_assertions.cpp") != std::string::npos);
}

TEST_CASE("every comparison operator reports its operator") {
    auto record = run_one([] {
        int two = 2;
        CTP_CHECK(two != 2);
        CTP_CHECK(two < 1);
        CTP_CHECK(two <= 1);
        CTP_CHECK(two > 3);
        CTP_CHECK(two >= 3);
    });
    CHECK(messages(record) ==
          std::vector<std::string>{"CTP_CHECK(two != 2) failed with 2 != 2", "CTP_CHECK(two < 1) failed with 2 < 1",
                                   "CTP_CHECK(two <= 1) failed with 2 <= 1", "CTP_CHECK(two > 3) failed with 2 > 3",
                                   "CTP_CHECK(two >= 3) failed with 2 >= 3"});
}

TEST_CASE("values print by kind: strings quoted and escaped, ranges, streams, enums") {
    auto record = run_one([] {
        std::string text = "tab\there \"q\"";
        CTP_CHECK(text == "other");
        CTP_CHECK(std::string_view("x") == std::string_view("y"));
        CTP_CHECK(std::vector<int>{1, 2} == std::vector<int>{1});
        CTP_CHECK(Money{1050} == Money{999});
        CTP_CHECK(Colour::red == Colour::green);
        CTP_CHECK('a' == 'b');
        CTP_CHECK(0.5 == 0.25);
        CTP_CHECK(true == false);
        const char* null_text = nullptr;
        CTP_CHECK(null_text != nullptr);
    });
    CHECK(messages(record) == std::vector<std::string>{
                                  R"(CTP_CHECK(text == "other") failed with "tab\there \"q\"" == "other")",
                                  R"(CTP_CHECK(std::string_view("x") == std::string_view("y")) failed with "x" == "y")",
                                  "CTP_CHECK(std::vector<int>{1, 2} == std::vector<int>{1}) failed with {1, 2} == {1}\n"
                                  "  sizes differ: 2 vs 1\n"
                                  "  first difference at index 1: 2 vs (end)",
                                  "CTP_CHECK(Money{1050} == Money{999}) failed with 10.50 EUR == 9.99 EUR",
                                  "CTP_CHECK(Colour::red == Colour::green) failed with 1 == 2",
                                  "CTP_CHECK('a' == 'b') failed with 'a' == 'b'",
                                  "CTP_CHECK(0.5 == 0.25) failed with 0.5 == 0.25",
                                  "CTP_CHECK(true == false) failed with true == false",
                                  "CTP_CHECK(null_text != nullptr) failed with nullptr != nullptr"});
}

TEST_CASE("values that cannot be printed still compile and show as {?}") {
    auto record = run_one([] { CTP_CHECK(Unprintable{1} == Unprintable{2}); });
    REQUIRE(record.failures.size() == 1);
    CHECK(record.failures[0].message == "CTP_CHECK(Unprintable{1} == Unprintable{2}) failed with {?} == {?}");
}

TEST_CASE("a lone operand is reported with its value unless it is a bool") {
    auto record = run_one([] {
        bool ready = false;
        int count = 0;
        std::optional<int> missing;
        CTP_CHECK(ready);
        CTP_CHECK(count);
        CTP_CHECK(missing.has_value());
        CTP_CHECK_FALSE(count + 1);
    });
    CHECK(messages(record) == std::vector<std::string>{"CTP_CHECK(ready) failed", "CTP_CHECK(count) failed with 0",
                                                       "CTP_CHECK(missing.has_value()) failed",
                                                       "CTP_CHECK_FALSE(count + 1) failed with 1"});
}

TEST_CASE("CTP_CHECK goes on after a failure, CTP_REQUIRE ends the test") {
    int reached = 0;
    auto record = run_one([&] {
        CTP_CHECK(1 == 2);
        ++reached;
        CTP_REQUIRE(3 == 4);
        ++reached;
    });
    CHECK(reached == 1);
    CHECK(record.outcome == ctp::Outcome::failed);
    CHECK(messages(record) ==
          std::vector<std::string>{"CTP_CHECK(1 == 2) failed with 1 == 2", "CTP_REQUIRE(3 == 4) failed with 3 == 4"});
}

TEST_CASE("a fatal assertion is not swallowed by the test's catch of std::exception") {
    bool caught = false;
    auto record = run_one([&] {
        try {
            CTP_REQUIRE(false);
        } catch (const std::exception&) {
            caught = true;
        }
    });
    CHECK_FALSE(caught);
    CHECK(record.outcome == ctp::Outcome::failed);
}

TEST_CASE("throw assertions: expected type, another type, nothing, and nothrow") {
    auto record = run_one([] {
        std::map<int, int> empty;
        CTP_CHECK_THROWS_AS(empty.at(1), std::out_of_range);
        CTP_CHECK_THROWS_AS(empty.at(1), std::exception);
        CTP_CHECK_THROWS(empty.at(1));
        CTP_CHECK_NOTHROW(empty.size());
        CTP_CHECK_THROWS_AS(empty.at(1), std::invalid_argument);
        CTP_CHECK_THROWS_AS(empty.size(), std::out_of_range);
        CTP_CHECK_THROWS(empty.size());
        CTP_CHECK_NOTHROW(empty.at(7));
        CTP_CHECK_NOTHROW(throw 42);
    });
    const auto all = messages(record);
    REQUIRE(all.size() == 5);
    CHECK(all[0] ==
          "CTP_CHECK_THROWS_AS(empty.at(1), std::invalid_argument) threw another type: "
          "std::out_of_range: map::at");
    CHECK(all[1] == "CTP_CHECK_THROWS_AS(empty.size(), std::out_of_range) threw nothing");
    CHECK(all[2] == "CTP_CHECK_THROWS(empty.size()) threw nothing");
    CHECK(all[3] == "CTP_CHECK_NOTHROW(empty.at(7)) threw: std::out_of_range: map::at");
    CHECK(all[4] == "CTP_CHECK_NOTHROW(throw 42) threw: an exception of type int");
}

TEST_CASE("the REQUIRE forms of the throw assertions end the test") {
    int reached = 0;
    auto record = run_one([&] {
        CTP_REQUIRE_THROWS_AS(static_cast<void>(0), std::exception);
        ++reached;
    });
    CHECK(reached == 0);
    CHECK(record.outcome == ctp::Outcome::failed);
    record = run_one([&] {
        CTP_REQUIRE_NOTHROW(throw std::runtime_error("late"));
        ++reached;
    });
    CHECK(reached == 0);
    CHECK(record.failures.at(0).message ==
          "CTP_REQUIRE_NOTHROW(throw std::runtime_error(\"late\")) threw: "
          "std::runtime_error: late");
    record = run_one([&] {
        CTP_REQUIRE_THROWS(static_cast<void>(0));
        ++reached;
    });
    CHECK(reached == 0);
}

TEST_CASE("CTP_FAIL ends the test with its message; CTP_SKIP skips with the reason") {
    int reached = 0;
    auto failed = run_one([&] {
        CTP_FAIL(std::string("no route to ") + "host");
        ++reached;
    });
    CHECK(reached == 0);
    CHECK(failed.outcome == ctp::Outcome::failed);
    CHECK(failed.failures.at(0).message == "CTP_FAIL: no route to host");

    auto skipped = run_one([&] {
        CTP_SKIP("chromium is not installed");
        ++reached;
    });
    CHECK(reached == 0);
    CHECK(skipped.outcome == ctp::Outcome::skipped);
    CHECK(skipped.skip_reason == "chromium is not installed");
    CHECK(skipped.failures.empty());
}

TEST_CASE("failures quote the macro as the test wrote it: short names as short names") {
    ctp::Registry registry;
    testing::add_short_name_tests(registry);
    const ctp::Result result = ctp::run(registry, {});
    CHECK(messages(testing::record(result, "Short.checks")) ==
          std::vector<std::string>{"CHECK(two == 3) failed with 2 == 3", "CHECK_FALSE(two == 2) failed with 2 == 2",
                                   "CHECK_THROWS(returns_two()) threw nothing",
                                   "CHECK_THROWS_AS(throws_int(), std::runtime_error) threw another "
                                   "type: an exception of type int",
                                   "CHECK_NOTHROW(throws_int()) threw: an exception of type int"});
    const std::map<std::string, std::string> fatal{
        {"Short.require", "REQUIRE(returns_two() < 1) failed with 2 < 1"},
        {"Short.require_false", "REQUIRE_FALSE(returns_two() == 2) failed with 2 == 2"},
        {"Short.require_throws", "REQUIRE_THROWS(returns_two()) threw nothing"},
        {"Short.require_throws_as", "REQUIRE_THROWS_AS(returns_two(), std::exception) threw nothing"},
        {"Short.require_nothrow", "REQUIRE_NOTHROW(throws_int()) threw: an exception of type int"},
        {"Short.fail", "FAIL: no route to host"}};
    for (const auto& expected : fatal) {
        CAPTURE(expected.first);
        CHECK(messages(testing::record(result, expected.first)) == std::vector<std::string>{expected.second});
    }
    const ctp::TestRecord& skipped = testing::record(result, "Short.skip");
    CHECK(skipped.outcome == ctp::Outcome::skipped);
    CHECK(skipped.skip_reason == "chromium is not installed");
}

TEST_CASE("a failure outranks a later skip") {
    auto record = run_one([] {
        CTP_CHECK(1 == 2);
        CTP_SKIP("too late");
    });
    CHECK(record.outcome == ctp::Outcome::failed);
}
