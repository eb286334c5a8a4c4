// Tagged tests: ctp_discover_tests makes their tags CTest labels (check.cmake runs ctest -L).
#define CTP_MAIN
#include <ctp/ctp.hpp>

CTP_TEST(Tagged, query, ctp::tags("db")) { CTP_CHECK(true); }
CTP_TEST(Tagged, slow_query, ctp::tags("db", "slow")) { CTP_CHECK(true); }
CTP_TEST(Tagged, render, ctp::tags("web")) { CTP_CHECK(true); }
CTP_TEST(Tagged, plain) { CTP_CHECK(true); }

// One CTest test for the class, labelled with the tags of all its tests.
struct Schema : ctp::TestCase {
    static inline const ctp::Decorators decorators{ctp::tags("db")};
};

CTP_TEST_F(Schema, migrates) { CTP_CHECK(true); }
CTP_TEST_F(Schema, rolls_back, ctp::tags("slow")) { CTP_CHECK(true); }
