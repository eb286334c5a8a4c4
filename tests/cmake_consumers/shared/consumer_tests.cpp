// What a project that uses ctp builds: free tests, a fixture class whose class hooks must run
// once per process, and a live-server (serial) fixture.
#define CTP_MAIN
#include <ctp/ctp.hpp>

CTP_TEST(Consumer, adds) { CTP_CHECK(1 + 1 == 2); }
CTP_TEST(Consumer, adds_more) { CTP_CHECK(2 + 2 == 4); }

struct Counter : ctp::TestCase {
    static inline int set_ups = 0;
    static void set_up_class() { ++set_ups; }
};

CTP_TEST_F(Counter, first) { CTP_CHECK(Counter::set_ups == 1); }
CTP_TEST_F(Counter, second) { CTP_CHECK(Counter::set_ups == 1); }

struct Server : ctp::LiveServerTestCase {};

CTP_TEST_F(Server, serves) { CTP_CHECK(true); }
