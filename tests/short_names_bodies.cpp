// Test bodies written with the short names, which test_assertions.cpp cannot use (doctest owns
// them there). test_assertions.cpp runs them and checks that each failure quotes the macro as
// the test wrote it.
#define CTP_RUNNER_API
#include <ctp/ctp.hpp>

#include <stdexcept>

namespace {

int throws_int() { throw 42; }
int returns_two() { return 2; }

}  // namespace

namespace testing {

void add_short_name_tests(ctp::Registry& registry) {
    registry.add("Short", "checks", [] {
        const int two = returns_two();
        CHECK(two == 3);
        CHECK_FALSE(two == 2);
        CHECK_THROWS(returns_two());
        CHECK_THROWS_AS(throws_int(), std::runtime_error);
        CHECK_NOTHROW(throws_int());
    });
    registry.add("Short", "require", [] { REQUIRE(returns_two() < 1); });
    registry.add("Short", "require_false", [] { REQUIRE_FALSE(returns_two() == 2); });
    registry.add("Short", "require_throws", [] { REQUIRE_THROWS(returns_two()); });
    registry.add("Short", "require_throws_as", [] { REQUIRE_THROWS_AS(returns_two(), std::exception); });
    registry.add("Short", "require_nothrow", [] { REQUIRE_NOTHROW(throws_int()); });
    registry.add("Short", "throws_as_reference", [] {
        CHECK_THROWS_AS(throw std::runtime_error("x"), const std::exception&);
        REQUIRE_THROWS_AS(static_cast<void>(0), const std::exception&);
    });
    registry.add("Short", "fail", [] { FAIL("no route to host"); });
    registry.add("Short", "skip", [] { SKIP("chromium is not installed"); });
}

}  // namespace testing
