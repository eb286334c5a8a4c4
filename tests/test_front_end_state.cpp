// What the front ends ask of the runner (ctp/front_end.hpp): failures and skips that do not
// throw, the running test's state, properties and assertion counts in the records, the same
// in the serial phase, on threads and in --isolate's worker processes.
#include "testing.hpp"  // the runner API brings ctp/front_end.hpp, in the single header too

#include <algorithm>  // sort
#include <cstring>    // strlen
#include <string>
#include <thread>
#include <vector>

namespace {

void fail_here(const char* message, bool fatal) {
    ctp::detail::report_failure("front.cpp", 7, message, std::strlen(message), fatal);
}

void skip_here(const char* reason) { ctp::detail::report_skip(reason, std::strlen(reason)); }

void property(const char* key, const char* value) {
    ctp::detail::report_property(key, std::strlen(key), value, std::strlen(value));
}

struct State {
    bool failure, fatal, skipped;
};

State state() {
    return {ctp::detail::test_has_failure(), ctp::detail::test_has_fatal_failure(), ctp::detail::test_is_skipped()};
}

// Each test notes its state at each step; the journal is in-process, so only the outcomes
// and records are compared under --isolate.
ctp::Registry front_end_tests() {
    ctp::Registry registry;
    registry.add("Front", "nonfatal", [] {
        const State before = state();
        fail_here("first", false);
        const State after = state();
        fail_here("second", false);
        testing::note("nonfatal " + std::to_string(before.failure) + std::to_string(after.failure) +
                      std::to_string(after.fatal));
    });
    registry.add("Front", "fatal", [] {
        fail_here("stops here", true);
        const State after = state();
        testing::note("fatal " + std::to_string(after.failure) + std::to_string(after.fatal));
    });
    registry.add("Front", "skipped", [] {
        skip_here("not today");
        testing::note("skipped " + std::to_string(state().skipped));
    });
    registry.add("Front", "skipped_then_failed", [] {
        skip_here("not today");
        fail_here("but broken", false);
    });
    registry.add("Front", "counted", [] {
        ctp::detail::assertions_made += 3;
        property("owner", "team a");
        property("size", "42");
    });
    registry.add("Front", "uncounted", [] {});
    return registry;
}

std::vector<ctp::Options> modes() {
    std::vector<ctp::Options> all{ctp::Options{}, testing::parallel(2)};
#if defined(CTP_DETAIL_HAS_ISOLATE)
    ctp::Options isolated = testing::parallel(2);
    isolated.isolate = true;
    all.push_back(isolated);
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)
    return all;
}

}  // namespace

TEST_CASE("a front end's failures and skips do not end the test, and the records keep what it reported") {
    for (const ctp::Options& options : modes()) {
        CAPTURE(options.parallel);
        CAPTURE(options.isolate);
        static_cast<void>(testing::take_journal());
        const ctp::Result result = ctp::run(front_end_tests(), options);

        const ctp::TestRecord& nonfatal = testing::record(result, "Front.nonfatal");
        CHECK(nonfatal.outcome == ctp::Outcome::failed);
        REQUIRE(nonfatal.failures.size() == 2);
        CHECK(nonfatal.failures[0].file == "front.cpp");
        CHECK(nonfatal.failures[0].line == 7);
        CHECK(nonfatal.failures[0].message == "first");
        CHECK(nonfatal.failures[1].message == "second");

        const ctp::TestRecord& fatal = testing::record(result, "Front.fatal");
        CHECK(fatal.outcome == ctp::Outcome::failed);
        REQUIRE(fatal.failures.size() == 1);
        CHECK(fatal.failures[0].message == "stops here");

        const ctp::TestRecord& skipped = testing::record(result, "Front.skipped");
        CHECK(skipped.outcome == ctp::Outcome::skipped);
        CHECK(skipped.skip_reason == "not today");
        // A failure after a skip fails the test.
        CHECK(testing::record(result, "Front.skipped_then_failed").outcome == ctp::Outcome::failed);

        const ctp::TestRecord& counted = testing::record(result, "Front.counted");
        CHECK(counted.assertions == 3);
        REQUIRE(counted.properties.size() == 2);
        CHECK(counted.properties[0].key == "owner");
        CHECK(counted.properties[0].value == "team a");
        CHECK(counted.properties[1].key == "size");
        CHECK(counted.properties[1].value == "42");
        CHECK(testing::record(result, "Front.uncounted").assertions == 0);
        CHECK(result.assertions == 3);
        CHECK(result.failed == 3);
        CHECK(result.skipped == 1);

        if (!options.isolate) {
            std::vector<std::string> journal = testing::take_journal();
            std::sort(journal.begin(), journal.end());
            // The body went on after each failure; only a fatal one makes the state fatal.
            CHECK(journal == std::vector<std::string>{"fatal 11", "nonfatal 010", "skipped 1"});
        }
    }
}

TEST_CASE("outside any test the state is clean and a front end's failure fails the run, unattributed") {
    CHECK_FALSE(ctp::detail::test_has_failure());
    CHECK_FALSE(ctp::detail::test_has_fatal_failure());
    CHECK_FALSE(ctp::detail::test_is_skipped());
    ctp::Registry registry;
    registry.add("Front", "stray_thread", [] {
        std::thread stray([] {
            testing::note(std::to_string(state().failure));
            fail_here("from a thread without the test's context", true);
        });
        stray.join();
    });
    static_cast<void>(testing::take_journal());
    const ctp::Result result = ctp::run(registry, {});
    CHECK(testing::take_journal() == std::vector<std::string>{"0"});
    CHECK(testing::record(result, "Front.stray_thread").outcome == ctp::Outcome::passed);
    REQUIRE(result.unattributed.size() == 1);
    CHECK(result.unattributed[0].message == "from a thread without the test's context");
    CHECK_FALSE(result.successful());
}

TEST_CASE("retries add up the assertions of every attempt") {
    ctp::Registry registry;
    int attempt = 0;
    registry.add("Front", "flaky", [&attempt] {
        ctp::detail::assertions_made += 2;
        if (++attempt == 1) fail_here("first attempt", false);
    });
    ctp::Options options;
    options.retries = 1;
    const ctp::Result result = ctp::run(registry, options);
    const ctp::TestRecord& flaky = testing::record(result, "Front.flaky");
    CHECK(flaky.flaky);
    CHECK(flaky.assertions == 4);
}
