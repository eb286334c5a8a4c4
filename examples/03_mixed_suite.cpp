// The job ctp exists for: 85 regular tests that may overlap, and 15 tests that need
// something exclusive (here: the one "port" of a simulated server) and must not.
// With --parallel the regular tests share a pool of threads; the live-server tests then
// run one at a time. Each test waits 20 ms, as a test that talks to a database would.
#define CTP_MAIN
#include <ctp/ctp.hpp>

#include <atomic>
#include <chrono>
#include <map>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

namespace {

void wait_for_io() { std::this_thread::sleep_for(std::chrono::milliseconds(20)); }

int parse_sum(const std::string& text) {
    int sum = 0, number = 0;
    for (char c : text) {
        if (c == '+') sum += std::exchange(number, 0);
        else number = number * 10 + (c - '0');
    }
    return sum + number;
}

// Only one test may hold it at a time: true of a fixed port, a browser, a shared database.
std::atomic<int> port_holders{0};

struct PortGuard {
    PortGuard() { holders = ++port_holders; }
    ~PortGuard() { --port_holders; }
    int holders;
};

}  // namespace

// One line per group of five tests, to the end of the file: clang-format would split the
// generated definitions and indent the expected output below them.
// clang-format off
#define FIVE(define, prefix) define(prefix##1) define(prefix##2) define(prefix##3) define(prefix##4) define(prefix##5)

// 60 free tests, each its own unit of work.
#define PARSER_TEST(name) CTP_TEST(Parser, name) { wait_for_io(); CTP_CHECK(parse_sum("12+30") == 42); }
FIVE(PARSER_TEST, sums_) FIVE(PARSER_TEST, adds_) FIVE(PARSER_TEST, folds_) FIVE(PARSER_TEST, scans_)
#define VECTOR_TEST(name) CTP_TEST(Vectors, name) { wait_for_io(); std::vector<int> v(10); std::iota(v.begin(), v.end(), 1); CTP_CHECK(std::accumulate(v.begin(), v.end(), 0) == 55); }
FIVE(VECTOR_TEST, sums_) FIVE(VECTOR_TEST, fills_) FIVE(VECTOR_TEST, grows_) FIVE(VECTOR_TEST, sorts_)
#define TEXT_TEST(name) CTP_TEST(Text, name) { wait_for_io(); CTP_CHECK(std::string("ctp").size() == 3); }
FIVE(TEXT_TEST, sizes_) FIVE(TEXT_TEST, joins_) FIVE(TEXT_TEST, splits_) FIVE(TEXT_TEST, trims_)

// 25 fixture tests: each class is one unit, run by one worker with its hooks once.
struct Inventory : ctp::TestCase {
    void set_up() override { stock = {{"apple", 3}, {"pear", 5}}; }
    std::map<std::string, int> stock;
};
#define INVENTORY_TEST(name) CTP_TEST_F(Inventory, name) { wait_for_io(); CTP_CHECK(stock.at("pear") - stock.at("apple") == 2); }
FIVE(INVENTORY_TEST, counts_)
struct Orders : Inventory {};
#define ORDERS_TEST(name) CTP_TEST_F(Orders, name) { wait_for_io(); stock["apple"] -= 3; CTP_CHECK(stock["apple"] == 0); }
FIVE(ORDERS_TEST, ships_)
struct Prices : ctp::TestCase {};
#define PRICES_TEST(name) CTP_TEST_F(Prices, name) { wait_for_io(); CTP_CHECK(19.99 * 2 > 39.0); }
FIVE(PRICES_TEST, totals_)
struct Users : ctp::TestCase {};
#define USERS_TEST(name) CTP_TEST_F(Users, name) { wait_for_io(); CTP_CHECK(std::string("ada").front() == 'a'); }
FIVE(USERS_TEST, names_)
struct Sessions : ctp::TestCase {};
#define SESSIONS_TEST(name) CTP_TEST_F(Sessions, name) { wait_for_io(); CTP_CHECK_THROWS_AS(std::vector<int>().at(1), std::out_of_range); }
FIVE(SESSIONS_TEST, expires_)

// 15 live-server tests: detected at compile time by their base class, run serially.
struct Api : ctp::LiveServerTestCase {};
struct Pages : ctp::StaticLiveServerTestCase {};
struct Chat : ctp::ChannelsLiveServerTestCase {};
#define LIVE_TEST(fixture, name) CTP_TEST_F(fixture, name) { PortGuard port; wait_for_io(); CTP_CHECK(port.holders == 1); }
#define API_TEST(name) LIVE_TEST(Api, name)
#define PAGES_TEST(name) LIVE_TEST(Pages, name)
#define CHAT_TEST(name) LIVE_TEST(Chat, name)
FIVE(API_TEST, serves_) FIVE(PAGES_TEST, renders_) FIVE(CHAT_TEST, echoes_)

// $ ./03_mixed_suite --parallel 4
// Found 100 test(s).
// Running 85 regular tests in parallel...
// Running 15 WebSocket/Selenium tests serially...
// ----------------------------------------------------------------------
// Ran 100 tests in 0.780s
//
// OK
//
// $ ./03_mixed_suite          (serially: about 2.0s)
