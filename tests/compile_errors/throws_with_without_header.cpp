// CTP_REQUIRE_THROWS_WITH in a file that did not ask for the matchers.
// expect: CTP_REQUIRE_THROWS_WITH needs #include <ctp/matchers.hpp>
#if defined(CTP_SNIPPET_FIXED)
#define CTP_MATCHERS_API  // what #include <ctp/matchers.hpp> does, with either header form
#endif
#include <ctp/ctp.hpp>

#include <stdexcept>

TEST(Slips, exception_text_without_header) {
    CTP_REQUIRE_THROWS_WITH(throw std::runtime_error("disk full"), "disk full");  // reported here
}
