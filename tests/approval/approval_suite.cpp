// A small suite with every outcome, whose output the approval tests compare with the golden
// files in golden/ (see approve.py). Its tests are quick and their output deterministic
// once times, paths and hostnames are normalised.
#define CTP_MAIN
#include <ctp/ctp.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>  // getenv
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

CTP_TEST(Math, adds, ctp::tags("fast"), ctp::shared("db")) { CTP_CHECK(1 + 1 == 2); }
CTP_TEST(Math, compares, ctp::tags("fast", "math")) {
    int balance = 3;
    CTP_CHECK(balance == 0);
}
CTP_TEST(Math, throws) { throw std::runtime_error("disk full"); }
CTP_TEST(Math, later) { CTP_SKIP("not on this machine"); }
// Passes with a warning, which every report shows with its context.
CTP_TEST(Math, warns) {
    const int free_gb = 5;
    CTP_INFO("volume ", "/data");
    CTP_WARN(free_gb > 10);
}
CTP_TEST(Math, prints_then_fails) {
    std::cerr << "printed by the test\n";
    ctp::attach("/tmp/ctp-approval/screenshot.png");  // need not exist: the reports list it
    CTP_FAIL("as planned");
}

// Fails on its first attempt only: flaky under --retries.
CTP_TEST(Flaky, second_time) {
    static int attempts = 0;
    CTP_CHECK(++attempts >= 2);
}

// Decorated: not run, failing as expected (the run still succeeds), passing though expected to
// fail (an unexpected success fails the run), and described.
CTP_TEST(Known, skipped, ctp::skip("needs a GPU")) { CTP_CHECK(false); }
CTP_TEST(Known, broken, ctp::expected_failure()) { CTP_CHECK(1 + 1 == 3); }
CTP_TEST(Known, fixed, ctp::expected_failure()) { CTP_CHECK(true); }
CTP_TEST(Known, documented, ctp::description("adds two numbers")) { CTP_CHECK(1 + 1 == 2); }

// Checks a program's output by pointing std::cout at its own stream for a while, as some
// suites do; ctp's console lines for other tests must not land there, even under --parallel.
CTP_TEST(Output, swaps_cout) {
    std::stringstream captured;
    std::streambuf* original = std::cout.rdbuf(captured.rdbuf());
    std::string expected;
    for (int i = 0; i < 200; ++i) {
        std::cout << "line " << i << '\n';
        expected += "line " + std::to_string(i) + "\n";
    }
    std::cout.rdbuf(original);
    CTP_CHECK(captured.str() == expected);
}

// For --confirm-failures: with CTP_APPROVAL_RACE set, the first run of each racing test waits
// for the other to be in flight (a rendezvous; the bound only keeps a broken pool from hanging),
// so a pool of two sees them fail together; a rerun, alone, passes. Unset, they pass at once.
namespace {
std::atomic<int> race_runs{0};
std::atomic<int> racing{0};
std::atomic<bool> raced{false};

void race() {
    static const bool meet = std::getenv("CTP_APPROVAL_RACE") != nullptr;
    const bool in_pool = meet && race_runs.fetch_add(1) < 2;
    racing.fetch_add(1);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (in_pool && !raced.load() && std::chrono::steady_clock::now() < deadline) {
        if (racing.load() >= 2) raced.store(true);
        else std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    const bool met = in_pool ? raced.load() : racing.load() > 1;
    racing.fetch_sub(1);
    if (met) CTP_FAIL("another test ran at the same time");
}
}  // namespace

// Race.first is the first of `-k Race.`: the pool's first claim, alone, so its partner is the
// other worker's.
CTP_TEST(Race, first) { race(); }
CTP_TEST(Race, always) {
    const int stock = 2;
    CTP_CHECK(stock == 3);
}
CTP_TEST(Race, second) { race(); }

// Tagged as a class, and once more by its test; holding the database alone, and a browser.
struct Accounts : ctp::TestCase {
    static inline const ctp::Decorators decorators{ctp::tags("db"), ctp::exclusive("db")};
    void set_up() override { balance = 3; }
    int balance = 0;
};
CTP_TEST_F(Accounts, opens, ctp::tags("slow"), ctp::pool("browser", 2)) { CTP_CHECK(balance == 3); }

struct Chat : ctp::ChannelsLiveServerTestCase {};
CTP_TEST_F(Chat, connects, ctp::tags("web")) { CTP_CHECK(true); }

// Many short tests keep the other worker reporting while Output.swaps_cout runs.
#define APPROVAL_QUICK(n) \
    CTP_TEST(Quick, test_##n) { CTP_CHECK(n >= 0); }
APPROVAL_QUICK(0)
APPROVAL_QUICK(1)
APPROVAL_QUICK(2)
APPROVAL_QUICK(3)
APPROVAL_QUICK(4)
APPROVAL_QUICK(5)
APPROVAL_QUICK(6)
APPROVAL_QUICK(7)
