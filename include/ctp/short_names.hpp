#ifndef CTP_SHORT_NAMES_HPP
#define CTP_SHORT_NAMES_HPP

// Define CTP_NO_SHORT_NAMES to share a file with another framework that owns these names.
// The assertions pass their own name on, so that a failure quotes the macro as written.
#if !defined(CTP_NO_SHORT_NAMES)
#define TEST(suite, name, ...) CTP_TEST(suite, name __VA_OPT__(, ) __VA_ARGS__)
#define TEST_F(fixture, name, ...) CTP_TEST_F(fixture, name __VA_OPT__(, ) __VA_ARGS__)
#define SUBCASE(name) CTP_SUBCASE(name)
#define TEST_P(suite, name, ...) CTP_TEST_P(suite, name, __VA_ARGS__)
#define TEST_FP(fixture, name, ...) CTP_TEST_FP(fixture, name, __VA_ARGS__)
#define TEST_T(suite, name, ...) CTP_TEST_T(suite, name, __VA_ARGS__)
#define TEST_FT(fixture, name, ...) CTP_TEST_FT(fixture, name, __VA_ARGS__)
#define CHECK(...) CTP_DETAIL_CHECK("CHECK", false, check, __VA_ARGS__)
#define REQUIRE(...) CTP_DETAIL_CHECK("REQUIRE", true, check, __VA_ARGS__)
#define CHECK_FALSE(...) CTP_DETAIL_CHECK("CHECK_FALSE", false, check_false, __VA_ARGS__)
#define REQUIRE_FALSE(...) CTP_DETAIL_CHECK("REQUIRE_FALSE", true, check_false, __VA_ARGS__)
#define CHECK_THROWS(...) CTP_DETAIL_THROWS("CHECK_THROWS", false, __VA_ARGS__)
#define REQUIRE_THROWS(...) CTP_DETAIL_THROWS("REQUIRE_THROWS", true, __VA_ARGS__)
#define CHECK_THROWS_AS(expression, ...) CTP_DETAIL_THROWS_AS("CHECK_THROWS_AS", false, expression, __VA_ARGS__)
#define REQUIRE_THROWS_AS(expression, ...) CTP_DETAIL_THROWS_AS("REQUIRE_THROWS_AS", true, expression, __VA_ARGS__)
#define CHECK_NOTHROW(...) CTP_DETAIL_NOTHROW("CHECK_NOTHROW", false, __VA_ARGS__)
#define REQUIRE_NOTHROW(...) CTP_DETAIL_NOTHROW("REQUIRE_NOTHROW", true, __VA_ARGS__)
#define CHECK_NEAR(lhs, rhs, ...) CTP_DETAIL_NEAR("CHECK_NEAR", false, lhs, rhs, __VA_ARGS__)
#define REQUIRE_NEAR(lhs, rhs, ...) CTP_DETAIL_NEAR("REQUIRE_NEAR", true, lhs, rhs, __VA_ARGS__)
#define CHECK_THAT(value, ...) CTP_DETAIL_THAT("CHECK_THAT", false, value, __VA_ARGS__)
#define REQUIRE_THAT(value, ...) CTP_DETAIL_THAT("REQUIRE_THAT", true, value, __VA_ARGS__)
#define CHECK_THROWS_WITH(expression, ...) CTP_DETAIL_THROWS_WITH("CHECK_THROWS_WITH", false, expression, __VA_ARGS__)
#define REQUIRE_THROWS_WITH(expression, ...) \
    CTP_DETAIL_THROWS_WITH("REQUIRE_THROWS_WITH", true, expression, __VA_ARGS__)
#define CHECK_THROWS_WITH_AS(expression, expected, ...) \
    CTP_DETAIL_THROWS_WITH_AS("CHECK_THROWS_WITH_AS", false, expression, expected, __VA_ARGS__)
#define REQUIRE_THROWS_WITH_AS(expression, expected, ...) \
    CTP_DETAIL_THROWS_WITH_AS("REQUIRE_THROWS_WITH_AS", true, expression, expected, __VA_ARGS__)
#define CHECK_THROWS_MATCHES(expression, type, ...) \
    CTP_DETAIL_THROWS_MATCHES("CHECK_THROWS_MATCHES", false, expression, type, __VA_ARGS__)
#define REQUIRE_THROWS_MATCHES(expression, type, ...) \
    CTP_DETAIL_THROWS_MATCHES("REQUIRE_THROWS_MATCHES", true, expression, type, __VA_ARGS__)
#define FAIL(...) CTP_DETAIL_MESSAGE(fail_test, "FAIL", __VA_ARGS__)
#define SKIP(...) CTP_DETAIL_MESSAGE(skip_test, "SKIP", __VA_ARGS__)
#define INFO(...) CTP_INFO(__VA_ARGS__)
#define CAPTURE(...) CTP_CAPTURE(__VA_ARGS__)
#define CHECK_MESSAGE(condition, ...) CTP_DETAIL_CHECK_MESSAGE("CHECK_MESSAGE", false, check, condition, __VA_ARGS__)
#define REQUIRE_MESSAGE(condition, ...) CTP_DETAIL_CHECK_MESSAGE("REQUIRE_MESSAGE", true, check, condition, __VA_ARGS__)
#define WARN(...) CTP_DETAIL_CHECK("WARN", false, warn, __VA_ARGS__)
#define WARN_FALSE(...) CTP_DETAIL_CHECK("WARN_FALSE", false, warn_false, __VA_ARGS__)
#endif  // !defined(CTP_NO_SHORT_NAMES)

#endif  // CTP_SHORT_NAMES_HPP
