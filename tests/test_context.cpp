// Test contexts: assertions made in threads a test starts count for that test; assertions
// made with no test context are reported, never dropped.
#include "testing.hpp"

#include <stop_token>
#include <string>
#include <thread>

TEST_CASE("ctp::jthread carries the test's context: its assertions count for the test") {
    ctp::Registry registry;
    registry.add("Threads", "spawns", [] { ctp::jthread worker([](int expected) { CTP_CHECK(expected == 41); }, 42); });
    registry.add("Threads", "stop_token",
                 [] { ctp::jthread worker([](std::stop_token token) { CTP_CHECK_FALSE(token.stop_possible()); }); });
    registry.add("Threads", "context_scope", [] {
        std::thread plain([context = ctp::TestContext::current()] {
            ctp::ContextScope scope(context);
            CTP_CHECK(1 == 0);
        });
        plain.join();
    });
    const ctp::Result result = ctp::run(registry, testing::parallel(3));
    CHECK(testing::record(result, "Threads.spawns").failures.at(0).message ==
          "CTP_CHECK(expected == 41) failed with 42 == 41");
    CHECK(testing::record(result, "Threads.stop_token").outcome == ctp::Outcome::failed);
    CHECK(testing::record(result, "Threads.context_scope").outcome == ctp::Outcome::failed);
    CHECK(result.unattributed.empty());
}

TEST_CASE("an assertion with no test context is reported and fails the run, never dropped") {
    ctp::Registry registry;
    registry.add("Threads", "forgets_context", [] {
        std::thread plain([] { CTP_CHECK(2 + 2 == 5); });
        plain.join();
    });
    const ctp::Result result = ctp::run(registry, {});
    CHECK(testing::record(result, "Threads.forgets_context").outcome == ctp::Outcome::passed);
    REQUIRE(result.unattributed.size() == 1);
    CHECK(result.unattributed[0].message == "CTP_CHECK(2 + 2 == 5) failed with 4 == 5");
    CHECK_FALSE(result.successful());
    const auto run = testing::run_main(registry, {});
    CHECK(run.exit_code == ctp::exit_failure);
    CHECK(run.out.find("ERROR: assertions outside any test\n") != std::string::npos);
    CHECK(testing::lines(run.out).back() == "FAILED (unattributed=1)");
}
