// CHECK_THROWS_MATCHES(expr, Type, "text"): the text of what() goes through ctp::message.
// expect: the third argument of CTP_CHECK_THROWS_MATCHES must be a matcher
#define CTP_MATCHERS_API
#include <ctp/ctp.hpp>

#include <stdexcept>

TEST(Slips, text_for_exception_matcher) {
#if defined(CTP_SNIPPET_FIXED)
    CHECK_THROWS_MATCHES(throw std::runtime_error("x"), std::runtime_error, ctp::message("x"));
#else
    CHECK_THROWS_MATCHES(throw std::runtime_error("x"), std::runtime_error, "x");  // reported here
#endif
}
