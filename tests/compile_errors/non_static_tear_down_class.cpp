// tear_down_class without `static`, on a fixture whose set_up_class is right.
// expect: declare it static void tear_down_class()
#include <ctp/ctp.hpp>

struct Accounts : ctp::TestCase {
    static void set_up_class() {}
#if defined(CTP_SNIPPET_FIXED)
    static void tear_down_class() {}
#else
    void tear_down_class() {}
#endif
};

CTP_TEST_F(Accounts, opens) {}  // reported here
