// TEST_P in a file that did not ask for parameterized tests.
// expect: CTP_TEST_P needs #include <ctp/parameterized.hpp>
#if defined(CTP_SNIPPET_FIXED)
#define CTP_PARAMETERIZED_API  // what #include <ctp/parameterized.hpp> does, with either header form
#endif
#include <ctp/ctp.hpp>

TEST_P(Slips, parameterized_without_header, ctp::values(1, 2)) {  // reported here
    CHECK(param > 0);
}
