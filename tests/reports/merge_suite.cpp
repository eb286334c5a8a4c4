// A suite with every outcome a merged report must keep: a flaky test (run with --retries), a
// skip, an expected failure, a failure, an error, sub-cases, output, an attachment, tags and a
// description, in suites spread over several shards. test_merge_tool.py shards it and merges.
#define CTP_MAIN
#include <ctp/ctp.hpp>

#include <iostream>
#include <stdexcept>

CTP_TEST(Outcomes, passes, ctp::tags("fast"), ctp::description("the plain case")) { CTP_CHECK(true); }

CTP_TEST(Outcomes, fails) { CTP_CHECK(1 + 1 == 3); }

CTP_TEST(Outcomes, throws) { throw std::runtime_error("bad <&> \"thing\""); }

CTP_TEST(Outcomes, skipped) { CTP_SKIP("no GPU <here> & now"); }

CTP_TEST(Outcomes, expected_to_fail, ctp::expected_failure()) { CTP_CHECK(2 * 2 == 5); }

// Fails on its first attempt only: with --retries it is flaky.
CTP_TEST(Outcomes, flaky) {
    static int attempts = 0;
    CTP_CHECK(++attempts > 1);
}

CTP_TEST(Outcomes, writes) {
    std::cout << "line from Outcomes.writes\n";
    ctp::attach("merge_suite.log");
}

CTP_TEST(Cart, totals) {
    CTP_SUBCASE("empty") {}
    CTP_SUBCASE("full") {}
}

CTP_TEST(Spread, t0) {}
CTP_TEST(Spread, t1) {}
CTP_TEST(Spread, t2) {}
CTP_TEST(Spread, t3) {}
CTP_TEST(Spread, t4) {}
CTP_TEST(Spread, t5) {}
CTP_TEST(Spread, t6) { std::cout << "line from Spread.t6\n"; }
CTP_TEST(Spread, t7) {}
CTP_TEST(Spread, t8) {}
CTP_TEST(Spread, t9) { std::cout << "line from Spread.t9\n"; }
