// A suite with every outcome, for the end-to-end tests: its output and exit codes are
// checked by test_examples.py.
#define CTP_MAIN
#include <ctp/ctp.hpp>

#include <stdexcept>

struct NotAnException {};

CTP_TEST(Passing, adds) { CTP_CHECK(1 + 1 == 2); }
CTP_TEST(Failing, compares) {
    int balance = 3;
    CTP_CHECK(balance == 0);
}
CTP_TEST(Failing, throws_std) { throw std::runtime_error("disk full"); }
CTP_TEST(Failing, throws_odd) { throw NotAnException{}; }
CTP_TEST(Skipping, later) { CTP_SKIP("not on this machine"); }

struct Accounts : ctp::TestCase {
    void set_up() override { balance = 3; }
    int balance = 0;
};
CTP_TEST_F(Accounts, opens) { CTP_REQUIRE(balance == 0); }

struct Chat : ctp::ChannelsLiveServerTestCase {};
CTP_TEST_F(Chat, connects) { CTP_CHECK(true); }
