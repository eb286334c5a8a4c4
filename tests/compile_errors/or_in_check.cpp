// CTP_REQUIRE_FALSE(a || b): the decomposer sees `a`, then `|| b`.
// expect: write CTP_CHECK((a || b))
#include <ctp/ctp.hpp>

TEST(Slips, either) {
    const bool closed = false, broken = false;
#if defined(CTP_SNIPPET_FIXED)
    CTP_REQUIRE_FALSE((closed || broken));
#else
    CTP_REQUIRE_FALSE(closed || broken);  // reported here
#endif
}
