// CHECK_THAT in a file that did not ask for the matchers.
// expect: CHECK_THAT needs #include <ctp/matchers.hpp>
#if defined(CTP_SNIPPET_FIXED)
#define CTP_MATCHERS_API  // what #include <ctp/matchers.hpp> does, with either header form
#endif
#include <ctp/ctp.hpp>

#include <string>

TEST(Slips, matcher_without_header) {
    const std::string name = "alice";
    CHECK_THAT(name, ctp::starts_with("al"));  // reported here
}
