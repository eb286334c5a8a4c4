// A suite with every outcome, hostile text, fixtures and a serial phase: the program that
// check_reports.py runs to produce and check each report format and every shard.
#define CTP_MAIN
#include <ctp/ctp.hpp>

#include <stdexcept>

CTP_TEST(Math, adds, ctp::tags("fast", "<tag attr=\"x\"> & 'q' # caf\xc3\xa9")) { CTP_CHECK(1 + 1 == 2); }

CTP_TEST(Math, fails_with_markup) {
    CTP_FAIL("<tag attr=\"x\"> & 'q' ]]> \x01\x1b[31m bad utf-8: \xff\xfe\xc3 and caf\xc3\xa9 # not a directive");
}

CTP_TEST(Errors, throws) { throw std::runtime_error("bad <&> \"thing\""); }

CTP_TEST(Skips, skipped) { CTP_SKIP("not here # today"); }

// Each leaf path is a testcase of its own in JUnit, a sub-result in JSON.
CTP_TEST(Cart, totals) {
    CTP_SUBCASE("empty cart") {
        CTP_SUBCASE("with <coupon>") {}
        CTP_SUBCASE("without coupon") {}
    }
}

struct Database : ctp::TestCase {
    static inline const ctp::Decorators decorators{ctp::tags("db")};
    static inline int classes = 0;
    static void set_up_class() { ++classes; }
    static void tear_down_class() { --classes; }
};

CTP_TEST_F(Database, opens) { CTP_CHECK(Database::classes == 1); }
CTP_TEST_F(Database, queries) {
    CTP_INFO("a warning # with <markup> & \"quotes\"");
    CTP_WARN(Database::classes == 2);
    CTP_CHECK(Database::classes == 1);
}
CTP_TEST_F(Database, closes) { CTP_CHECK(Database::classes == 1); }

struct Browser : ctp::LiveServerTestCase {};

CTP_TEST_F(Browser, loads_page) {}
CTP_TEST_F(Browser, clicks) {}

CTP_TEST(Spread, t0) {}
CTP_TEST(Spread, t1) {}
CTP_TEST(Spread, t2) {}
CTP_TEST(Spread, t3) {}
CTP_TEST(Spread, t4) {}
CTP_TEST(Spread, t5) {}
CTP_TEST(Spread, t6) {}
CTP_TEST(Spread, t7) {}
CTP_TEST(Spread, t8) {}
CTP_TEST(Spread, t9) {}
