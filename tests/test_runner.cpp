#include "testing.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace {

struct Plain : ctp::TestCase {};
struct Live : ctp::LiveServerTestCase {};
struct Static : ctp::StaticLiveServerTestCase {};
struct Channels : ctp::ChannelsLiveServerTestCase {};
struct DerivedFromLive : Live {};           // indirect: still serial
struct OwnSerial : ctp::SerialTestCase {};  // the marker base
struct Database : ctp::TestCase {};         // marked by the trait below
struct DerivedFromPlain : Plain {};

}  // namespace

template <>
struct ctp::is_serial_fixture<Database> : std::true_type {};

static_assert(ctp::is_serial_fixture_v<Live> && ctp::is_serial_fixture_v<Static> &&
              ctp::is_serial_fixture_v<Channels> && ctp::is_serial_fixture_v<DerivedFromLive> &&
              ctp::is_serial_fixture_v<OwnSerial> && ctp::is_serial_fixture_v<Database>);
static_assert(!ctp::is_serial_fixture_v<Plain> && !ctp::is_serial_fixture_v<DerivedFromPlain>);
static_assert(std::is_base_of_v<ctp::LiveServerTestCase, ctp::StaticLiveServerTestCase> &&
              std::is_base_of_v<ctp::LiveServerTestCase, ctp::ChannelsLiveServerTestCase>);

namespace {

// A mixed suite whose tests sleep briefly, so that phases and overlap are visible in the
// timestamps ctp records.
ctp::Registry mixed_suite() {
    ctp::Registry registry;
    auto nap = [] { std::this_thread::sleep_for(std::chrono::milliseconds(3)); };
    for (int i = 0; i < 12; ++i) registry.add("Free", "t" + std::to_string(i), nap);
    for (int i = 0; i < 3; ++i) {
        const std::string name = "t" + std::to_string(i);
        registry.add<Plain>("Plain", name, [=](Plain&) { nap(); });
        registry.add<DerivedFromPlain>("DerivedFromPlain", name, [=](DerivedFromPlain&) { nap(); });
        registry.add<Live>("Live", name, [=](Live&) { nap(); });
        registry.add<Static>("Static", name, [=](Static&) { nap(); });
        registry.add<Channels>("Channels", name, [=](Channels&) { nap(); });
        registry.add<DerivedFromLive>("DerivedFromLive", name, [=](DerivedFromLive&) { nap(); });
        registry.add<OwnSerial>("OwnSerial", name, [=](OwnSerial&) { nap(); });
        registry.add<Database>("Database", name, [=](Database&) { nap(); });
    }
    return registry;
}

bool serial_suite(std::string_view suite) {
    return suite == "Live" || suite == "Static" || suite == "Channels" || suite == "DerivedFromLive" ||
           suite == "OwnSerial" || suite == "Database";
}

}  // namespace

TEST_CASE("tests are partitioned by their fixture's bases, including indirect and marked ones") {
    const ctp::Result result = ctp::run(mixed_suite(), testing::parallel(4));
    REQUIRE(result.tests.size() == 12 + 8 * 3);
    for (const ctp::TestRecord& test : result.tests) {
        CAPTURE(test.full_name());
        CHECK(test.phase == (serial_suite(test.suite) ? ctp::Phase::serial : ctp::Phase::parallel));
        if (test.phase == ctp::Phase::serial) CHECK(test.worker == 0);
        else CHECK(test.worker >= 1);
    }
}

TEST_CASE("the serial phase starts after every parallel test ended, and its tests never overlap") {
    for (unsigned workers : {1u, 2u, 8u}) {
        CAPTURE(workers);
        const ctp::Result result = ctp::run(mixed_suite(), testing::parallel(workers));
        std::vector<const ctp::TestRecord*> serial;
        ctp::Clock::time_point last_parallel_end{};
        for (const ctp::TestRecord& test : result.tests) {
            if (test.phase == ctp::Phase::serial) serial.push_back(&test);
            else last_parallel_end = std::max(last_parallel_end, test.end);
        }
        std::sort(serial.begin(), serial.end(), [](auto* a, auto* b) { return a->start < b->start; });
        REQUIRE(serial.size() == 18);
        CHECK(serial.front()->start >= last_parallel_end);
        for (std::size_t i = 1; i < serial.size(); ++i) CHECK(serial[i]->start >= serial[i - 1]->end);
        for (const ctp::TestRecord& test : result.tests) {
            CHECK(test.start >= result.start);
            CHECK(test.end <= result.end);
            CHECK(test.duration == test.end - test.start);
        }
    }
}

TEST_CASE("regular tests really run at the same time in the pool") {
    // Each test waits until all four have arrived: it can only pass if four run at once.
    std::mutex mutex;
    std::condition_variable arrived;
    int waiting = 0;
    ctp::Registry registry;
    for (int i = 0; i < 4; ++i)
        registry.add("Rendezvous", "t" + std::to_string(i), [&] {
            std::unique_lock lock(mutex);
            ++waiting;
            arrived.notify_all();
            CTP_CHECK(arrived.wait_for(lock, std::chrono::seconds(30), [&] { return waiting == 4; }));
        });
    const ctp::Result result = ctp::run(registry, testing::parallel(4));
    CHECK(result.passed == 4);
    CHECK(result.workers == 4);
}

TEST_CASE("no more workers start than there are units of work") {
    ctp::Registry registry;
    registry.add("Free", "a", [] {});
    registry.add<Plain>("Plain", "a", [](Plain&) {});
    registry.add<Plain>("Plain", "b", [](Plain&) {});
    registry.add<Live>("Live", "a", [](Live&) {});
    CHECK(ctp::run(registry, testing::parallel(8)).workers == 2);
    CHECK(ctp::run(registry, {}).workers == 0);
}

namespace {

// A suite whose outcomes depend only on the test, never on the schedule.
ctp::Registry outcome_suite() {
    ctp::Registry registry;
    for (int i = 0; i < 30; ++i) {
        const std::string name = "t" + std::to_string(i);
        switch (i % 5) {
            case 0: registry.add("Free", name, [] {}); break;
            case 1: registry.add("Free", name, [i] { CTP_CHECK(i == -1); }); break;
            case 2: registry.add("Free", name, [] { throw std::runtime_error("boom"); }); break;
            case 3: registry.add("Free", name, [] { CTP_SKIP("later"); }); break;
            case 4: registry.add<Live>("Live", name, [i](Live&) { CTP_CHECK(i % 2 == 0); }); break;
        }
        registry.add<Plain>("Plain", name, [i](Plain&) { CTP_CHECK(i % 3 != 0); });
    }
    return registry;
}

std::map<std::string, std::pair<ctp::Outcome, std::vector<std::string>>> outcomes(const ctp::Result& result) {
    std::map<std::string, std::pair<ctp::Outcome, std::vector<std::string>>> all;
    for (const ctp::TestRecord& test : result.tests) {
        auto& [outcome, messages] = all[test.full_name()];
        outcome = test.outcome;
        for (const ctp::Failure& failure : test.failures) messages.push_back(failure.message);
    }
    return all;
}

}  // namespace

TEST_CASE("per-test outcomes and the report order are the same serially, in parallel and shuffled") {
    const ctp::Registry registry = outcome_suite();
    const ctp::Result serial = ctp::run(registry, {});
    REQUIRE(serial.tests.size() == 60);
    CHECK(serial.passed + serial.failed + serial.errors + serial.skipped == 60);
    const auto expected = outcomes(serial);
    const auto expected_order = testing::names(serial);
    std::vector<ctp::Options> variants;
    for (unsigned workers : {1u, 2u, 8u}) variants.push_back(testing::parallel(workers));
    for (std::uint64_t seed : {1u, 2u, 99u}) {
        ctp::Options shuffled = testing::parallel(8);
        shuffled.shuffle = seed;
        variants.push_back(shuffled);
        ctp::Options serial_shuffled;
        serial_shuffled.shuffle = seed;
        variants.push_back(serial_shuffled);
    }
    ctp::Options reversed = testing::parallel(2);
    reversed.reverse = true;
    variants.push_back(reversed);
    for (const ctp::Options& options : variants) {
        CAPTURE(options.parallel);
        const ctp::Result result = ctp::run(registry, options);
        CHECK(outcomes(result) == expected);
        CHECK(testing::names(result) == expected_order);
        CHECK(result.passed == serial.passed);
        CHECK(result.failed == serial.failed);
        CHECK(result.errors == serial.errors);
        CHECK(result.skipped == serial.skipped);
    }
}

namespace {

// Execution order as the tests saw it, and the order of the record list.
std::vector<std::string> execution_order(const ctp::Options& options) {
    std::vector<std::string> order;
    ctp::Registry registry;
    for (int i = 0; i < 8; ++i) {
        const std::string name = "t" + std::to_string(i);
        registry.add("Free", name, [&order, name] { order.push_back("Free." + name); });
    }
    for (int i = 0; i < 3; ++i) {
        const std::string name = "t" + std::to_string(i);
        registry.add<Plain>("Plain", name, [&order, name](Plain&) { order.push_back("Plain." + name); });
    }
    ctp::run(registry, options);
    return order;
}

}  // namespace

TEST_CASE("--shuffle: the same seed gives the same order, another seed another") {
    ctp::Options options;
    options.shuffle = 42;
    const auto first = execution_order(options);
    CHECK(execution_order(options) == first);
    options.shuffle = 43;
    CHECK(execution_order(options) != first);
    CHECK(execution_order({}) != first);
    std::vector<std::string> sorted_first = first, sorted_plain = execution_order({});
    std::sort(sorted_first.begin(), sorted_first.end());
    std::sort(sorted_plain.begin(), sorted_plain.end());
    CHECK(sorted_first == sorted_plain);
    ctp::Options shuffled;
    shuffled.shuffle = 42;
    CHECK(ctp::run(ctp::Registry{}, shuffled).seed == std::optional<std::uint64_t>{42});
}

TEST_CASE("--reverse runs units and the tests inside them backwards") {
    ctp::Options options;
    options.reverse = true;
    auto order = execution_order(options);
    auto forward = execution_order({});
    std::reverse(forward.begin(), forward.end());
    CHECK(order == forward);
}

TEST_CASE("-k selects by substring, or by a glob over the whole name; any pattern selects") {
    ctp::Registry registry;
    for (const char* suite : {"Math", "Text", "Mathematics"})
        for (const char* name : {"adds", "splits", "add_more"}) registry.add(suite, name, [] {});
    auto selected = [&](std::vector<std::string> filters) {
        ctp::Options options;
        options.filters = std::move(filters);
        return testing::names(ctp::run(registry, options));
    };
    CHECK(selected({"Math.add"}) == std::vector<std::string>{"Math.adds", "Math.add_more"});
    CHECK(selected({"ath"}).size() == 6);
    CHECK(selected({"Math.*"}) == std::vector<std::string>{"Math.adds", "Math.splits", "Math.add_more"});
    CHECK(selected({"*.add?"}) == std::vector<std::string>{"Math.adds", "Text.adds", "Mathematics.adds"});
    CHECK(selected({"Math"}).size() == 6);
    CHECK(selected({"Text.splits", "*more"}) ==
          std::vector<std::string>{"Math.add_more", "Text.splits", "Text.add_more", "Mathematics.add_more"});
    CHECK(selected({"adds*x"}).empty());
    CHECK(selected({"nothing"}).empty());
}

namespace {

ctp::Result run_failfast(ctp::Registry& registry, unsigned workers) {
    ctp::Options options = testing::parallel(workers);
    options.failfast = true;
    return ctp::run(registry, options);
}

}  // namespace

TEST_CASE("--failfast stops starting tests after the first failure in the parallel phase") {
    ctp::Registry registry;
    std::atomic<int> serial_runs{0};
    registry.add("Free", "fails", [] { CTP_CHECK(false); });
    for (int i = 0; i < 10; ++i) registry.add("Free", "t" + std::to_string(i), [] {});
    registry.add<Live>("Live", "never", [&](Live&) { ++serial_runs; });
    const ctp::Result result = run_failfast(registry, 1);
    CHECK(result.failed == 1);
    CHECK(result.tests.size() == 1);
    CHECK(result.not_run == 11);
    CHECK(serial_runs == 0);
    CHECK(result.ran() + result.not_run == result.selected);
}

TEST_CASE("--failfast in the serial phase, and in a serial run") {
    ctp::Registry registry;
    for (int i = 0; i < 4; ++i) registry.add("Free", "t" + std::to_string(i), [] {});
    registry.add<Live>("Live", "a", [](Live&) {});
    registry.add<Live>("Live", "b", [](Live&) { throw std::runtime_error("port taken"); });
    registry.add<Live>("Live", "c", [](Live&) {});
    registry.add<Channels>("Channels", "d", [](Channels&) {});
    ctp::Result result = run_failfast(registry, 2);
    CHECK(result.passed == 5);
    CHECK(result.errors == 1);
    CHECK(result.not_run == 2);
    CHECK(testing::names(result).back() == "Live.b");

    result = run_failfast(registry, 0);
    CHECK(result.errors == 1);
    CHECK(result.not_run == 2);
}

TEST_CASE("tests in flight finish when --failfast stops the run") {
    // The slow test waits until the runner has announced the failure, by which time the
    // run is stopping: it must still finish and be reported.
    struct FailureSeen : ctp::Listener {
        std::atomic<bool> seen{false};
        void on_test_end(const ctp::TestRecord& test) override {
            if (test.outcome == ctp::Outcome::failed) seen = true;
        }
    } listener;
    ctp::Registry registry;
    registry.add("Free", "slow", [&] {
        while (!listener.seen) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        CTP_CHECK(true);
    });
    registry.add("Free", "fails", [] { CTP_CHECK(false); });
    for (int i = 0; i < 5; ++i) registry.add("Free", "after" + std::to_string(i), [] {});
    ctp::Options options = testing::parallel(2);
    options.failfast = true;
    options.listener = &listener;
    const ctp::Result result = ctp::run(registry, options);
    CHECK(testing::record(result, "Free.slow").outcome == ctp::Outcome::passed);
    CHECK(result.failed == 1);
    CHECK(result.not_run == 5);
}

TEST_CASE("a failure is recorded against the test that made it, from any worker") {
    ctp::Registry registry;
    for (int i = 0; i < 200; ++i)
        registry.add("Many", "t" + std::to_string(i), [i] {
            std::this_thread::yield();
            CTP_CHECK(i == -i);
        });
    const ctp::Result result = ctp::run(registry, testing::parallel(8));
    REQUIRE(result.tests.size() == 200);
    for (int i = 1; i < 200; ++i) {
        const ctp::TestRecord& test = result.tests[static_cast<std::size_t>(i)];
        CHECK(test.name == "t" + std::to_string(i));
        REQUIRE(test.failures.size() == 1);
        CHECK(test.failures[0].message ==
              "CTP_CHECK(i == -i) failed with " + std::to_string(i) + " == " + std::to_string(-i));
    }
}

TEST_CASE("a Listener hears the run start, each phase, each test and the end") {
    struct Recorder : ctp::Listener {
        std::vector<std::string> events;
        void on_run_start(const ctp::Result& result) override {
            events.push_back("start " + std::to_string(result.selected));
        }
        void on_phase_start(ctp::Phase phase, std::size_t count) override {
            events.push_back(std::string(ctp::to_string(phase)) + " " + std::to_string(count));
        }
        void on_test_end(const ctp::TestRecord& test) override { events.push_back(test.full_name()); }
        void on_run_end(const ctp::Result& result) override { events.push_back("end " + std::to_string(result.ran())); }
    };
    ctp::Registry registry;
    registry.add("Free", "a", [] {});
    registry.add<Live>("Live", "b", [](Live&) {});
    Recorder recorder;
    ctp::Options options = testing::parallel(2);
    options.listener = &recorder;
    ctp::run(registry, options);
    CHECK(recorder.events ==
          std::vector<std::string>{"start 2", "parallel 1", "Free.a", "serial 1", "Live.b", "end 2"});
    recorder.events.clear();
    options.parallel = 0;
    ctp::run(registry, options);
    CHECK(recorder.events == std::vector<std::string>{"start 2", "Free.a", "Live.b", "end 2"});
}

TEST_CASE("with --parallel, a Listener hears every test of many tiny ones once, one call at a time") {
    // Two tests that wait for each other put both workers to work; thousands of empty tests
    // follow, which workers claim several at a time and report in batches when the lock is busy.
    struct Recorder : ctp::Listener {
        std::atomic<bool> inside{false};
        bool overlapped = false;
        std::vector<std::string> events;
        void enter(std::string event) {
            if (inside.exchange(true)) overlapped = true;
            events.push_back(std::move(event));
            std::this_thread::sleep_for(std::chrono::microseconds(events.size() % 50 == 0 ? 200 : 0));
            inside = false;
        }
        void on_phase_start(ctp::Phase phase, std::size_t) override { enter(ctp::to_string(phase)); }
        void on_test_end(const ctp::TestRecord& test) override { enter(test.full_name()); }
    };
    std::mutex mutex;
    std::condition_variable arrived;
    int waiting = 0;
    auto meet = [&] {
        std::unique_lock lock(mutex);
        ++waiting;
        arrived.notify_all();
        CTP_CHECK(arrived.wait_for(lock, std::chrono::seconds(30), [&] { return waiting == 2; }));
    };
    ctp::Registry registry;
    registry.add("Meet", "a", meet);
    registry.add("Meet", "b", meet);
    constexpr int tiny = 3000;
    for (int i = 0; i < tiny; ++i) registry.add("Tiny", "t" + std::to_string(i), [] {});
    registry.add<Live>("Live", "last", [](Live&) {});
    Recorder recorder;
    ctp::Options options = testing::parallel(2);
    options.listener = &recorder;
    const ctp::Result result = ctp::run(registry, options);
    CHECK(result.passed == tiny + 3);
    CHECK_FALSE(recorder.overlapped);
    REQUIRE(recorder.events.size() == tiny + 5);
    CHECK(recorder.events.front() == "parallel");
    CHECK(recorder.events[tiny + 3] == "serial");
    CHECK(recorder.events.back() == "Live.last");
    std::map<std::string, int> heard;
    for (std::size_t i = 1; i < tiny + 3; ++i) ++heard[recorder.events[i]];
    CHECK(heard.size() == tiny + 2);
    CHECK(heard["Meet.a"] == 1);
    CHECK(heard["Meet.b"] == 1);
    CHECK(heard["Tiny.t0"] == 1);
    CHECK(heard["Tiny.t" + std::to_string(tiny - 1)] == 1);
}

namespace {

struct CountingListener final : ctp::Listener {
    void on_run_start(const ctp::Result&) override { ++calls; }
    void on_run_end(const ctp::Result&) override { ++calls; }
    int calls = 0;
};

}  // namespace

TEST_CASE("filters that match no test: nothing runs, no_tests_matched(), not successful") {
    ctp::Registry registry;
    int bodies = 0;
    registry.add("Math", "adds", [&] { ++bodies; });
    CountingListener listener;
    ctp::Options options;
    options.listener = &listener;
    options.filters = {"Nope", "Math.x*"};
    const ctp::Result result = ctp::run(registry, options);
    CHECK(result.no_tests_matched());
    CHECK(result.unmatched_filters == std::vector<std::string>{"Nope", "Math.x*"});
    CHECK_FALSE(result.successful());
    CHECK(result.ran() == 0);
    CHECK(result.selected == 0);
    CHECK(bodies == 0);
    CHECK(listener.calls == 0);
    CHECK(testing::run_main(registry, {"-k", "Nope"}).exit_code == ctp::exit_no_tests);

    options.filters = {"Nope", "adds"};
    const ctp::Result one = ctp::run(registry, options);
    CHECK_FALSE(one.no_tests_matched());
    CHECK(one.successful());
    CHECK(one.ran() == 1);
    CHECK(listener.calls == 2);
}

TEST_CASE("an empty selection that is not the filters' is a successful run of nothing") {
    ctp::Registry registry;
    for (const char* name : {"a", "b", "c"}) registry.add("Math", name, [] {});
    ctp::Options options;
    options.filters = {"Math"};
    // Some shard of many is empty, though the filters match.
    bool empty_shard = false;
    for (unsigned index = 1; index <= 16 && !empty_shard; ++index) {
        options.shard = ctp::Shard{index, 16};
        const ctp::Result result = ctp::run(registry, options);
        if (result.selected != 0) continue;
        empty_shard = true;
        CHECK_FALSE(result.no_tests_matched());
        CHECK(result.successful());
    }
    CHECK(empty_shard);
    const ctp::Result none = ctp::run(ctp::Registry{}, {});
    CHECK_FALSE(none.no_tests_matched());
    CHECK(none.successful());
    CHECK(none.ran() == 0);
}
