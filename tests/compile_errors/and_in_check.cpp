// CHECK(a && b): the decomposer sees `a`, then `&& b`.
// expect: write CTP_CHECK((a && b))
#include <ctp/ctp.hpp>

TEST(Slips, both) {
    const bool ready = true, open = true;
#if defined(CTP_SNIPPET_FIXED)
    CHECK((ready && open));
#else
    CHECK(ready && open);  // reported here
#endif
}
