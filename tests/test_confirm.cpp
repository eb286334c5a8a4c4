// --confirm-failures: the pool's failures run again alone; one that passes then is reported
// failed only in parallel. The tests are registered with the macros (the global registry) and
// run through a private registry of their suites only.
#include "testing.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <initializer_list>
#include <new>  // placement new
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#if defined(CTP_DETAIL_HAS_ISOLATE)
#include <sys/mman.h>  // mmap
#endif                 // defined(CTP_DETAIL_HAS_ISOLATE)

namespace {

struct Counters {
    std::atomic<int> entries{0};  // runs of racing tests, over the whole run
    std::atomic<int> in_flight{0};
    std::atomic<bool> met{false};  // two racing tests were in flight together
    std::atomic<int> always{0};
    std::atomic<int> erring{0};
    std::atomic<int> passes{0};
    std::atomic<int> set_up_class{0};
    std::atomic<int> tear_down_class{0};
    std::atomic<int> class_passes{0};
    std::atomic<int> expected{0};
    std::atomic<int> serial{0};
};

// In memory that forked --isolate workers share with this process.
Counters& counters() {
#if defined(CTP_DETAIL_HAS_ISOLATE)
    static Counters* const shared =
        new (mmap(nullptr, sizeof(Counters), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0)) Counters;
    return *shared;
#else
    static Counters local;
    return local;
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)
}

void reset() { new (&counters()) Counters; }

// One of two tests that fail when they run at the same time. The first two runs are the
// pool's: each waits for the other to be in flight (a rendezvous; the bound only keeps a broken
// pool from hanging), so both see it. A later run, a rerun, does not wait: alone, it passes.
void race() {
    Counters& c = counters();
    const bool in_pool = c.entries.fetch_add(1) < 2;
    c.in_flight.fetch_add(1);
    if (in_pool) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (!c.met.load() && std::chrono::steady_clock::now() < deadline) {
            if (c.in_flight.load() >= 2) c.met.store(true);
            else std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    const bool raced = in_pool ? c.met.load() : c.in_flight.load() > 1;
    c.in_flight.fetch_sub(1);
    if (raced) CTP_FAIL("another test ran at the same time");
}

ctp::Registry suites(std::initializer_list<std::string_view> names) {
    ctp::Registry registry;
    for (const ctp::detail::TestInfo* info : ctp::Registry::global().tests())
        for (std::string_view name : names)
            if (info->suite() == name) registry.add(*info);
    return registry;
}

ctp::Options confirming(unsigned workers, bool isolate = false) {
    ctp::Options options = testing::parallel(workers);
    options.confirm_failures = true;
    options.isolate = isolate;
    return options;
}

// The pool's runs, then one for each confirmed test.
std::vector<ctp::Options> pools() {
    std::vector<ctp::Options> modes{confirming(2)};
#if defined(CTP_DETAIL_HAS_ISOLATE)
    modes.push_back(confirming(2, true));
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)
    return modes;
}

struct ConfirmSerial : ctp::SerialTestCase {};

struct ConfirmClass : ctp::TestCase {
    static void set_up_class() { ++counters().set_up_class; }
    static void tear_down_class() { ++counters().tear_down_class; }
};

}  // namespace

// The racing test first: the first unit is claimed alone, so its partner is another worker's.
CTP_TEST(ConfirmRace, first) { race(); }
CTP_TEST(ConfirmAlways, fails) {
    ++counters().always;
    CTP_FAIL("fails every time");
}
CTP_TEST(ConfirmErring, first_time) {
    if (counters().erring.fetch_add(1) == 0) throw std::runtime_error("only the first time");
}
CTP_TEST(ConfirmFine, passes) { ++counters().passes; }
CTP_TEST(ConfirmRace, second) { race(); }

CTP_TEST_F(ConfirmClass, races) { race(); }
CTP_TEST_F(ConfirmClass, passes) { ++counters().class_passes; }
CTP_TEST(ConfirmPartner, races) { race(); }

CTP_TEST(ConfirmExpected, fails, ctp::expected_failure()) {
    ++counters().expected;
    CTP_FAIL("expected");
}
CTP_TEST_F(ConfirmSerial, fails) {
    ++counters().serial;
    CTP_FAIL("in the serial phase");
}

TEST_CASE("--confirm-failures: a test that fails only while another runs is reported failed only in parallel") {
    const ctp::Registry registry = suites({"ConfirmRace", "ConfirmAlways", "ConfirmErring", "ConfirmFine"});
    for (const ctp::Options& options : pools()) {
        CAPTURE(options.isolate);
        reset();
        const ctp::Result result = ctp::run(registry, options);
        for (const std::string name : {"ConfirmRace.first", "ConfirmRace.second"}) {
            CAPTURE(name);
            const ctp::TestRecord& record = testing::record(result, name);
            CHECK(record.failed_only_in_parallel);
            // The pool's record, as it was.
            CHECK(record.outcome == ctp::Outcome::failed);
            REQUIRE(record.failures.size() == 1);
            CHECK(record.failures[0].message == "CTP_FAIL: another test ran at the same time");
            CHECK(record.attempts == 1);
            CHECK(record.worker >= 1);
        }
        const ctp::TestRecord& erring = testing::record(result, "ConfirmErring.first_time");
        CHECK(erring.failed_only_in_parallel);
        CHECK(erring.outcome == ctp::Outcome::error);
        const ctp::TestRecord& always = testing::record(result, "ConfirmAlways.fails");
        CHECK_FALSE(always.failed_only_in_parallel);
        CHECK(always.outcome == ctp::Outcome::failed);
        CHECK(always.failures.size() == 1);
        CHECK_FALSE(testing::record(result, "ConfirmFine.passes").failed_only_in_parallel);
        // Every failure was run again, once; the passing test was not.
        CHECK(counters().entries == 4);
        CHECK(counters().always == 2);
        CHECK(counters().erring == 2);
        CHECK(counters().passes == 1);
        CHECK(result.failed == 3);
        CHECK(result.errors == 1);
        CHECK(result.passed == 1);
        CHECK(result.tests.size() == 5);
        CHECK_FALSE(result.successful());
    }
}

TEST_CASE("--confirm-failures: the console names each test that failed only in parallel, and the run exits 1") {
    reset();
    const testing::MainRun run =
        testing::run_main(suites({"ConfirmRace", "ConfirmAlways"}), {"--parallel", "2", "--confirm-failures"});
    CHECK(run.exit_code == ctp::exit_failure);
    const std::vector<std::string> lines = testing::lines(run.out);
    for (const char* name : {"ConfirmRace.first", "ConfirmRace.second"}) {
        const std::string line = std::string("FAILED ONLY IN PARALLEL: ") + name +
                                 " (passed when run alone: a race with another test, in the test or in the code it "
                                 "tests)";
        // The last line of the test's FAIL block.
        const auto at = std::find(lines.begin(), lines.end(), line);
        REQUIRE(at != lines.end());
        CHECK(*(at + 1) == "");
        const auto heading = std::find(lines.begin(), lines.end(), std::string("FAIL: ") + name);
        REQUIRE(heading != lines.end());
        CHECK(at - heading == 3);  // heading, rule, the failure's line, this line
    }
    CHECK(std::count_if(lines.begin(), lines.end(),
                        [](const std::string& line) { return line.rfind("FAILED ONLY IN PARALLEL: ", 0) == 0; }) == 2);
    CHECK(lines.back() == "FAILED (failures=3, failed only in parallel=2)");
}

TEST_CASE("--confirm-failures: a fixture class's test runs again between its class hooks, without its other tests") {
    const ctp::Registry registry = suites({"ConfirmClass", "ConfirmPartner"});
    for (const ctp::Options& options : pools()) {
        CAPTURE(options.isolate);
        reset();
        const ctp::Result result = ctp::run(registry, options);
        CHECK(testing::record(result, "ConfirmClass.races").failed_only_in_parallel);
        CHECK(testing::record(result, "ConfirmPartner.races").failed_only_in_parallel);
        CHECK_FALSE(testing::record(result, "ConfirmClass.passes").failed_only_in_parallel);
        CHECK(counters().set_up_class == 2);
        CHECK(counters().tear_down_class == 2);
        CHECK(counters().class_passes == 1);
        CHECK(counters().entries == 4);
        CHECK(result.failed == 2);
    }
}

TEST_CASE(
    "--confirm-failures reruns nothing without --parallel, after --failfast stopped the run, or outside the "
    "pool") {
    const ctp::Registry registry = suites({"ConfirmAlways", "ConfirmFine"});
    std::vector<ctp::Options> serial{confirming(0)};
#if defined(CTP_DETAIL_HAS_ISOLATE)
    serial.push_back(confirming(0, true));
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)
    for (const ctp::Options& options : serial) {
        CAPTURE(options.isolate);
        reset();
        const ctp::Result result = ctp::run(registry, options);
        CHECK(counters().always == 1);
        CHECK_FALSE(testing::record(result, "ConfirmAlways.fails").failed_only_in_parallel);
    }

    for (ctp::Options options : pools()) {
        CAPTURE(options.isolate);
        options.failfast = true;
        reset();
        const ctp::Result result = ctp::run(suites({"ConfirmAlways"}), options);
        CHECK(counters().always == 1);
        CHECK(result.failed == 1);
    }

    // Expected failures are not failures, and the serial phase runs alone already.
    reset();
    const ctp::Result result = ctp::run(suites({"ConfirmExpected", "ConfirmSerial"}), confirming(2));
    CHECK(counters().expected == 1);
    CHECK(counters().serial == 1);
    CHECK(result.expected_failures == 1);
    CHECK(result.failed == 1);
}

TEST_CASE("--confirm-failures: a rerun has no retries, and each --repeat run confirms its own failures") {
    ctp::Options retried = confirming(2);
    retried.retries = 1;
    reset();
    const ctp::Result result = ctp::run(suites({"ConfirmAlways"}), retried);
    CHECK(counters().always == 3);  // two attempts in the pool, one rerun
    CHECK(testing::record(result, "ConfirmAlways.fails").attempts == 2);
    CHECK(testing::record(result, "ConfirmAlways.fails").failures.size() == 2);

    ctp::Options repeated = confirming(2);
    repeated.repeat = 2;
    reset();
    const ctp::Result twice = ctp::run(suites({"ConfirmAlways", "ConfirmErring"}), repeated);
    CHECK(counters().always == 4);
    CHECK(counters().erring == 3);  // the first run's error, its rerun, the second run
    REQUIRE(twice.tests.size() == 4);
    for (const ctp::TestRecord& record : twice.tests)
        CHECK(record.failed_only_in_parallel == (record.name == "first_time" && record.iteration == 1));
}

TEST_CASE("--confirm-failures: the JSON, JUnit and TAP reports mark a test that failed only in parallel") {
    reset();
    const ctp::Result result = ctp::run(suites({"ConfirmRace", "ConfirmAlways"}), confirming(2));
    std::ostringstream json, junit, tap;
    ctp::write_json_report(json, result, {});
    const std::string report = json.str();
    const std::string marked = "\"attempts\": 1, \"flaky\": false, \"failed_only_in_parallel\": true,\n";
    std::size_t count = 0;
    for (std::size_t at = report.find(marked); at != std::string::npos; at = report.find(marked, at + 1)) ++count;
    CHECK(count == 2);
    CHECK(report.find("\"failed_only_in_parallel\": false") == std::string::npos);

    ctp::write_junit_xml(junit, result, {});
    const std::string xml = junit.str();
    count = 0;
    for (std::size_t at = xml.find("\" type=\"failed only in parallel\">"); at != std::string::npos;
         at = xml.find("\" type=\"failed only in parallel\">", at + 1))
        ++count;
    CHECK(count == 2);
    CHECK(xml.find(": another test ran at the same time\" type=\"failed only in parallel\">") != std::string::npos);
    CHECK(xml.find(": fails every time\" type=\"assertion\">") != std::string::npos);

    ctp::write_tap(tap, result);
    const std::vector<std::string> lines = testing::lines(tap.str());
    CHECK(std::count(lines.begin(), lines.end(), "# failed only in parallel") == 2);
    CHECK(std::count(lines.begin(), lines.end(), "  failed_only_in_parallel: true") == 2);
    const auto first = std::find(lines.begin(), lines.end(), "not ok 3 - ConfirmRace.second");
    REQUIRE(first != lines.end());
    // After the YAML block that must follow the test line.
    const auto end = std::find(first, lines.end(), "  ...");
    REQUIRE(end != lines.end());
    CHECK(*(end + 1) == "# failed only in parallel");
}
