// CHECK_THAT(value, "text"): the second argument is a matcher, not a value to compare with.
// expect: the second argument of CTP_CHECK_THAT must be a matcher
#define CTP_MATCHERS_API
#include <ctp/ctp.hpp>

#include <string>

TEST(Slips, text_for_matcher) {
    const std::string name = "alice";
#if defined(CTP_SNIPPET_FIXED)
    CHECK_THAT(name, ctp::starts_with("alice"));
#else
    CHECK_THAT(name, "alice");  // reported here
#endif
}
