// CHECK(a == b || c): the decomposer sees `a == b`, then `|| c`.
// expect: write CTP_CHECK((a == b || c))
#include <ctp/ctp.hpp>

TEST(Slips, comparison_or) {
    const int balance = 0;
    const bool closed = false;
#if defined(CTP_SNIPPET_FIXED)
    CHECK((balance == 0 || closed));
#else
    CHECK(balance == 0 || closed);  // reported here
#endif
}
