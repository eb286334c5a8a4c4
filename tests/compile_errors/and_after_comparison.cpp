// REQUIRE(a < b && c): the decomposer sees `a < b`, then `&& c`.
// expect: write CTP_CHECK((a == b && c))
#include <ctp/ctp.hpp>

TEST(Slips, comparison_and) {
    const int used = 1;
    const bool open = true;
#if defined(CTP_SNIPPET_FIXED)
    REQUIRE((used < 2 && open));
#else
    REQUIRE(used < 2 && open);  // reported here
#endif
}
