// Test bodies with the short names of the matcher, exception-text and NEAR assertions, which
// test_matchers.cpp cannot use (doctest owns the short names there); it runs them.
#define CTP_RUNNER_API
#define CTP_APPROX_API
#define CTP_MATCHERS_API
#include <ctp/ctp.hpp>

#include <cstdio>
#include <stdexcept>

namespace {

// Written only if a test goes on after its REQUIRE failed.
void went_on() { std::fputs("went on\n", stdout); }

}  // namespace

namespace testing {

void add_short_name_matcher_tests(ctp::Registry& registry) {
    registry.add("ShortMatchers", "checks", [] {
        CHECK_THAT("abc", ctp::ends_with("c"));
        CHECK_THAT("abc", ctp::ends_with("b"));
        CHECK_NEAR(1.0, 1.25, 0.5);
        CHECK_NEAR(1.0, 2.0, 0.5);
        CHECK_THROWS_WITH(throw std::runtime_error("a"), "a");
        CHECK_THROWS_WITH(throw std::runtime_error("a"), "b");
        CHECK_THROWS_WITH_AS(throw std::runtime_error("a"), "a", std::runtime_error);
        CHECK_THROWS_WITH_AS(throw std::runtime_error("a"), "b", std::runtime_error);
        CHECK_THROWS_MATCHES(throw std::runtime_error("a"), std::exception, ctp::message("a"));
        CHECK_THROWS_MATCHES(throw std::runtime_error("a"), std::exception, ctp::message("b"));
    });
    registry.add("ShortMatchers", "require_that", [] {
        REQUIRE_THAT("abc", ctp::ends_with("c"));
        REQUIRE_THAT("abc", ctp::ends_with("b"));
        went_on();
    });
    registry.add("ShortMatchers", "require_near", [] {
        REQUIRE_NEAR(1.0, 1.25, 0.5);
        REQUIRE_NEAR(1.0, 2.0, 0.5);
        went_on();
    });
    registry.add("ShortMatchers", "require_throws_with", [] {
        REQUIRE_THROWS_WITH(throw std::runtime_error("a"), "a");
        REQUIRE_THROWS_WITH(static_cast<void>(0), "b");
        went_on();
    });
    registry.add("ShortMatchers", "require_throws_with_as", [] {
        REQUIRE_THROWS_WITH_AS(throw std::runtime_error("a"), "a", std::exception);
        REQUIRE_THROWS_WITH_AS(throw 1, "1", std::exception);
        went_on();
    });
    registry.add("ShortMatchers", "require_throws_matches", [] {
        REQUIRE_THROWS_MATCHES(throw std::runtime_error("a"), std::exception, ctp::message("a"));
        REQUIRE_THROWS_MATCHES(throw std::runtime_error("a"), std::exception, ctp::message("b"));
        went_on();
    });
}

}  // namespace testing
