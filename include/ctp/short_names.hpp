#ifndef CTP_SHORT_NAMES_HPP
#define CTP_SHORT_NAMES_HPP

// Define CTP_NO_SHORT_NAMES to share a file with another framework that owns these names.
#if !defined(CTP_NO_SHORT_NAMES)
#define TEST(suite, name) CTP_TEST(suite, name)
#define TEST_F(fixture, name) CTP_TEST_F(fixture, name)
#define CHECK(...) CTP_CHECK(__VA_ARGS__)
#define REQUIRE(...) CTP_REQUIRE(__VA_ARGS__)
#define CHECK_FALSE(...) CTP_CHECK_FALSE(__VA_ARGS__)
#define REQUIRE_FALSE(...) CTP_REQUIRE_FALSE(__VA_ARGS__)
#define CHECK_THROWS(...) CTP_CHECK_THROWS(__VA_ARGS__)
#define REQUIRE_THROWS(...) CTP_REQUIRE_THROWS(__VA_ARGS__)
#define CHECK_THROWS_AS(expression, ...) CTP_CHECK_THROWS_AS(expression, __VA_ARGS__)
#define REQUIRE_THROWS_AS(expression, ...) CTP_REQUIRE_THROWS_AS(expression, __VA_ARGS__)
#define CHECK_NOTHROW(...) CTP_CHECK_NOTHROW(__VA_ARGS__)
#define REQUIRE_NOTHROW(...) CTP_REQUIRE_NOTHROW(__VA_ARGS__)
#define FAIL(...) CTP_FAIL(__VA_ARGS__)
#define SKIP(...) CTP_SKIP(__VA_ARGS__)
#endif  // !defined(CTP_NO_SHORT_NAMES)

#endif  // CTP_SHORT_NAMES_HPP
