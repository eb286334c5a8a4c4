// set_up_class without `static` hides ctp::TestCase's static one with a member function.
// expect: declare it static void set_up_class()
#include <ctp/ctp.hpp>

struct Accounts : ctp::TestCase {
#if defined(CTP_SNIPPET_FIXED)
    static void set_up_class() {}
#else
    void set_up_class() {}
#endif
};

TEST_F(Accounts, opens) {}  // reported here
