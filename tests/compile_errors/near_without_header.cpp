// CHECK_NEAR in a file that did not ask for approximate numbers.
// expect: CHECK_NEAR needs #include <ctp/approx.hpp>
#if defined(CTP_SNIPPET_FIXED)
#define CTP_APPROX_API  // what #include <ctp/approx.hpp> does, with either header form
#endif
#include <ctp/ctp.hpp>

TEST(Slips, near_without_header) {
    CHECK_NEAR(1.0 / 3, 0.333, 0.001);  // reported here
}
