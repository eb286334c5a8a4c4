// Resource locks: tests that share a database file, the process's environment or a pool of
// two browsers run in the pool without meeting. A writer holds the database alone, readers
// share it; at most two tests hold a browser at once; everything else runs as usual.
#define CTP_MAIN
#include <ctp/ctp.hpp>

#include <unistd.h>  // getpid

#include <atomic>
#include <chrono>
#include <cstdio>   // remove
#include <cstdlib>  // getenv
#include <fstream>
#include <string>
#include <thread>

namespace {

// The "database": one file, removed when the program ends.
struct DatabaseFile {
    std::string path = "/tmp/ctp_13_resources." + std::to_string(::getpid()) + ".db";
    ~DatabaseFile() { std::remove(path.c_str()); }
};
const DatabaseFile database;

// Written a row at a time, so that a reader running meanwhile would see it half done.
void write_rows(int rows) {
    std::ofstream file(database.path, std::ios::trunc);
    for (int row = 0; row < rows; ++row) {
        file << "row " << row << '\n' << std::flush;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    file << "end\n";
}

// The rows of a complete file (0 when there is none yet), or -1 for a half-written one.
int count_rows() {
    std::ifstream file(database.path);
    if (!file) return 0;
    int rows = 0;
    for (std::string line; std::getline(file, line);) {
        if (line == "end") return rows;
        ++rows;
    }
    return -1;
}

}  // namespace

// Every test of the class writes, so the class holds the database alone, hooks included.
struct Migrations : ctp::TestCase {
    static inline const ctp::Decorators decorators{ctp::exclusive("db")};
};

CTP_TEST_F(Migrations, creates_table) {
    write_rows(3);
    CTP_CHECK(count_rows() == 3);
}

CTP_TEST_F(Migrations, adds_rows) {
    write_rows(5);
    CTP_CHECK(count_rows() == 5);
}

// Readers run together, never while a writer does.
CTP_TEST(Reports, lists_rows, ctp::shared("db")) { CTP_CHECK(count_rows() >= 0); }
CTP_TEST(Reports, sums_rows, ctp::shared("db")) { CTP_CHECK(count_rows() >= 0); }

// The environment is the whole process's: a test that changes it holds ctp::exclusive(ctp::env),
// without which ctp::ScopedEnv fails the test in the pool. It puts back what was there.
CTP_TEST(Config, reads_region, ctp::exclusive(ctp::env)) {
    const ctp::ScopedEnv region("APP_REGION", "eu-west");
    const char* value = std::getenv("APP_REGION");
    CTP_REQUIRE(value != nullptr);
    CTP_CHECK(std::string(value) == "eu-west");
}

CTP_TEST(Config, defaults_region, ctp::exclusive(ctp::env)) {
    const ctp::ScopedEnv unset("APP_REGION", nullptr);
    CTP_CHECK(std::getenv("APP_REGION") == nullptr);
}

namespace {

std::atomic<int> browsers_open{0};

// A browser session from the grid, which has two: holding one for a few milliseconds.
int use_browser() {
    const int open = ++browsers_open;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    --browsers_open;
    return open;
}

}  // namespace

CTP_TEST(Checkout, pays_by_card, ctp::pool("browser", 2)) { CTP_CHECK(use_browser() <= 2); }
CTP_TEST(Checkout, pays_by_transfer, ctp::pool("browser", 2)) { CTP_CHECK(use_browser() <= 2); }
CTP_TEST(Checkout, applies_coupon, ctp::pool("browser", 2)) { CTP_CHECK(use_browser() <= 2); }
CTP_TEST(Checkout, ships_abroad, ctp::pool("browser", 2)) { CTP_CHECK(use_browser() <= 2); }

// Declares nothing: runs whenever a worker is free.
CTP_TEST(Prices, rounds) { CTP_CHECK(199 / 100 == 1); }

// $ ./13_resources --list
// Migrations.creates_table [parallel] resources: exclusive(db)
// Migrations.adds_rows [parallel] resources: exclusive(db)
// Reports.lists_rows [parallel] resources: shared(db)
// Reports.sums_rows [parallel] resources: shared(db)
// Config.reads_region [parallel] resources: exclusive(env)
// Config.defaults_region [parallel] resources: exclusive(env)
// Checkout.pays_by_card [parallel] resources: pool(browser, 2)
// Checkout.pays_by_transfer [parallel] resources: pool(browser, 2)
// Checkout.applies_coupon [parallel] resources: pool(browser, 2)
// Checkout.ships_abroad [parallel] resources: pool(browser, 2)
// Prices.rounds [parallel]
//
// $ ./13_resources --parallel 4
// Found 11 test(s).
// Running 11 regular tests in parallel...
// ----------------------------------------------------------------------
// Ran 11 tests in 0.000s
//
// OK
//
// `--timeline page.html` draws when a test waited for a resource (a hatched strip in the lane
// of the worker that then took it, "Checkout.ships_abroad waited for browser, 0.005s"), and
// `--json` lists each test's "resources" and the run's "waits".
