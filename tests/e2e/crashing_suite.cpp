// Tests that crash, hang and write output, for the end-to-end tests in test_faults.py.
// Each is selected with -k: a crash ends the process (unless --isolate).
#define CTP_MAIN
#include <ctp/ctp.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <stdexcept>
#include <thread>

namespace {

volatile int zero = 0;
volatile int seven = 7;  // a numerator the compiler cannot reason about
int* volatile null_pointer = nullptr;

void hang(std::chrono::seconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

void throw_runtime_error() { throw std::runtime_error("escaped a noexcept function"); }
void throw_from_noexcept() noexcept { throw_runtime_error(); }

}  // namespace

CTP_TEST(Fine, first) { CTP_CHECK(1 + 1 == 2); }
CTP_TEST(Fine, second) { CTP_CHECK(2 + 2 == 4); }
CTP_TEST(Fine, writes) {
    std::cout << "hello from Fine.writes\n";
    CTP_CHECK(true);
}
CTP_TEST(Fine, fails_noisily) {
    std::cout << "noise before the failure\n";
    std::cerr << "and on stderr\n";
    CTP_CHECK(1 == 2);
}

CTP_TEST(Crash, segfaults) { *null_pointer = 1; }
CTP_TEST(Crash, aborts) { std::abort(); }
CTP_TEST(Crash, divides_by_zero) {
    volatile int quotient = seven / zero;
    CTP_CHECK(quotient == 0);
}
CTP_TEST(Crash, traps) { std::raise(SIGILL); }
CTP_TEST(Crash, terminates) { throw_from_noexcept(); }

// A crash report carries the crashing thread's CTP_INFO and CTP_CAPTURE lines.
CTP_TEST(Traced, segfaults) {
    for (int i = 0; i < 3; ++i) {
        CTP_INFO("iteration ", i);
        if (i == 2) *null_pointer = 3;
    }
}
CTP_TEST(Traced, terminates) {
    const int step = 4;
    CTP_CAPTURE(step);
    std::terminate();
}

CTP_TEST(Hang, forever) { hang(std::chrono::seconds(60)); }

struct Quick : ctp::TestCase {
    static constexpr double timeout_seconds = 0.3;
};
CTP_TEST_F(Quick, overruns_its_fixture_limit) { hang(std::chrono::seconds(60)); }

// ctp::timeout: a test's own limit wins over its class's, which wins over the fixture's.
CTP_TEST(Limited, overruns_its_own_limit, ctp::timeout(0.3)) { hang(std::chrono::seconds(60)); }
struct Decorated : ctp::TestCase {
    static constexpr double timeout_seconds = 30;
    static inline const ctp::Decorators decorators{ctp::timeout(0.4)};
};
CTP_TEST_F(Decorated, overruns_the_class_limit) { hang(std::chrono::seconds(60)); }
CTP_TEST_F(Decorated, overruns_its_own_limit, ctp::timeout(0.2)) { hang(std::chrono::seconds(60)); }

struct Served : ctp::LiveServerTestCase {};
CTP_TEST_F(Served, hangs_serially) { hang(std::chrono::seconds(60)); }
CTP_TEST_F(Served, passes) { CTP_CHECK(true); }

// A crash in the middle of a class: with --isolate the class's remaining tests go to a new
// worker, where set_up_class runs again before them.
struct Unstable : ctp::TestCase {
    static inline int set_ups = 0;
    static void set_up_class() { ++set_ups; }
};
CTP_TEST_F(Unstable, before) { CTP_CHECK(set_ups == 1); }
CTP_TEST_F(Unstable, crashes) { *null_pointer = 2; }
CTP_TEST_F(Unstable, after) { CTP_CHECK(set_ups == 1); }

// Crashes outside any test, in a class's hooks: under --isolate each test the set-up crash
// keeps from running is an error, and the tear-down crash is the last test's.
struct CrashingSetUp : ctp::TestCase {
    static void set_up_class() { *null_pointer = 3; }
};
CTP_TEST_F(CrashingSetUp, first) { CTP_CHECK(true); }
CTP_TEST_F(CrashingSetUp, second) { CTP_CHECK(true); }
struct CrashingTearDown : ctp::TestCase {
    static void tear_down_class() { std::abort(); }
};
CTP_TEST_F(CrashingTearDown, first) { CTP_CHECK(true); }
CTP_TEST_F(CrashingTearDown, last) { CTP_CHECK(true); }
