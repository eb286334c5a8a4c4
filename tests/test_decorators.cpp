// What the decorators of CTP_TEST and CTP_TEST_F do at run time. The tests are registered with
// the macros (the global registry) and run through a private registry of their suites only.
#include "testing.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <initializer_list>
#include <sstream>
#include <string_view>
#include <thread>

namespace {

std::atomic<int> bodies{0};       // bodies of tests that must not run
std::atomic<int> class_hooks{0};  // class hooks of classes that must not set up
std::atomic<int> attempts{0};
std::atomic<int> lucky_attempts{0};

ctp::Registry suites(std::initializer_list<std::string_view> names) {
    ctp::Registry registry;
    for (const ctp::detail::TestInfo* info : ctp::Registry::global().tests())
        for (std::string_view name : names)
            if (info->suite() == name) registry.add(*info);
    return registry;
}

// Serially, on two threads, and in forked workers (where the platform has them).
std::vector<ctp::Options> every_mode(bool isolated = true) {
    std::vector<ctp::Options> modes{ctp::Options{}, testing::parallel(2)};
#if defined(CTP_DETAIL_HAS_ISOLATE)
    if (isolated) {
        modes.push_back(testing::parallel(2));
        modes.back().isolate = true;
        modes.push_back(ctp::Options{});
        modes.back().isolate = true;
    }
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)
    return modes;
}

std::string describe(const ctp::Options& options) {
    return "parallel " + std::to_string(options.parallel) + (options.isolate ? " isolated" : "");
}

void hang() { std::this_thread::sleep_for(std::chrono::seconds(30)); }

struct SkippedClass : ctp::TestCase {
    static inline const ctp::Decorators decorators{ctp::skip("the whole class")};
    static void set_up_class() { ++class_hooks; }
    static void tear_down_class() { ++class_hooks; }
    void set_up() override { ++bodies; }
};

struct PartlySkipped : ctp::TestCase {
    static inline int set_ups = 0;
    static void set_up_class() { ++class_hooks; }
    void set_up() override { ++set_ups; }
};

struct ExpectedClass : ctp::TestCase {
    static inline const ctp::Decorators decorators{ctp::expected_failure(), ctp::description("known broken")};
};

struct SerialClass : ctp::TestCase {
    static inline const ctp::Decorators decorators{ctp::serial()};
};

struct OneSerialTest : ctp::TestCase {};

struct RetriedClass : ctp::TestCase {
    static inline const ctp::Decorators decorators{ctp::retries(2)};
};

struct LimitedFixture : ctp::TestCase {
    static constexpr double timeout_seconds = 3;
};

struct LimitedClass : ctp::TestCase {
    static constexpr double timeout_seconds = 3;
    static inline const ctp::Decorators decorators{ctp::timeout(2)};
};

}  // namespace

CTP_TEST(DecoSkip, with_reason, ctp::skip("not today")) { ++bodies; }
CTP_TEST(DecoSkip, without_reason, ctp::skip()) { ++bodies; }
CTP_TEST(DecoSkip, runs) { CTP_CHECK(true); }
CTP_TEST_F(SkippedClass, first) { ++bodies; }
CTP_TEST_F(SkippedClass, second, ctp::skip("its own reason")) { ++bodies; }
CTP_TEST_F(PartlySkipped, runs) { CTP_CHECK(set_ups == 1); }
CTP_TEST_F(PartlySkipped, skipped, ctp::skip("later")) { ++bodies; }

CTP_TEST(DecoExpect, fails, ctp::expected_failure()) { CTP_CHECK(1 == 2); }
CTP_TEST(DecoExpect, throws, ctp::expected_failure()) { throw 42; }
CTP_TEST(DecoExpect, skips, ctp::expected_failure()) { CTP_SKIP("skipped at run time"); }
CTP_TEST(DecoExpect, passes, ctp::expected_failure()) { CTP_CHECK(true); }
CTP_TEST(DecoMayFail, fails, ctp::may_fail()) { CTP_CHECK(1 == 2); }
CTP_TEST(DecoMayFail, passes, ctp::may_fail()) { CTP_CHECK(true); }
CTP_TEST_F(ExpectedClass, fails) { CTP_CHECK(false); }
CTP_TEST_F(ExpectedClass, may_fail_instead, ctp::may_fail(), ctp::description("either way")) { CTP_CHECK(true); }
CTP_TEST(DecoExpectRetried, fails, ctp::expected_failure(), ctp::retries(3)) {
    ++attempts;
    CTP_CHECK(false);
}

CTP_TEST(DecoRetry, third_time_lucky, ctp::retries(2)) { CTP_CHECK(++lucky_attempts >= 3); }
CTP_TEST(DecoRetry, none, ctp::retries(0)) {
    ++attempts;
    CTP_CHECK(false);
}
CTP_TEST_F(RetriedClass, from_class) {
    ++attempts;
    CTP_CHECK(false);
}
CTP_TEST_F(RetriedClass, overridden, ctp::retries(0)) {
    attempts += 100;
    CTP_CHECK(false);
}

CTP_TEST(DecoSerial, free, ctp::serial()) { CTP_CHECK(true); }
CTP_TEST(DecoSerial, regular) { CTP_CHECK(true); }
CTP_TEST_F(SerialClass, first) { CTP_CHECK(true); }
CTP_TEST_F(SerialClass, second) { CTP_CHECK(true); }
CTP_TEST_F(OneSerialTest, undecorated) { CTP_CHECK(true); }
CTP_TEST_F(OneSerialTest, decorated, ctp::serial()) { CTP_CHECK(true); }

CTP_TEST(DecoTime, own, ctp::timeout(0.25)) { CTP_CHECK(true); }
CTP_TEST(DecoTime, unlimited, ctp::timeout(0)) { CTP_CHECK(true); }
CTP_TEST(DecoTime, plain) { CTP_CHECK(true); }
CTP_TEST_F(LimitedFixture, fixture_limit) { CTP_CHECK(true); }
CTP_TEST_F(LimitedFixture, own_limit, ctp::timeout(1)) { CTP_CHECK(true); }
CTP_TEST_F(LimitedClass, class_limit) { CTP_CHECK(true); }
CTP_TEST_F(LimitedClass, own_limit, ctp::timeout(0.5)) { CTP_CHECK(true); }
CTP_TEST(DecoHang, hangs, ctp::timeout(0.2)) { hang(); }
CTP_TEST(DecoHang, after) { CTP_CHECK(true); }

CTP_TEST(DecoDescribed, documented, ctp::description("adds \"two\" numbers")) { CTP_CHECK(1 + 1 == 2); }

TEST_CASE("ctp::skip: the test does not run and is skipped with its reason, in every mode") {
    for (const ctp::Options& options : every_mode()) {
        CAPTURE(describe(options));
        bodies = 0;
        class_hooks = 0;
        PartlySkipped::set_ups = 0;
        const ctp::Result result = ctp::run(suites({"DecoSkip", "SkippedClass", "PartlySkipped"}), options);
        CHECK(bodies == 0);
        CHECK(result.skipped == 5);
        CHECK(result.passed == 2);
        CHECK(result.successful());
        CHECK(testing::record(result, "DecoSkip.with_reason").outcome == ctp::Outcome::skipped);
        CHECK(testing::record(result, "DecoSkip.with_reason").skip_reason == "not today");
        CHECK(testing::record(result, "DecoSkip.without_reason").outcome == ctp::Outcome::skipped);
        CHECK(testing::record(result, "DecoSkip.without_reason").skip_reason.empty());
        CHECK(testing::record(result, "SkippedClass.first").skip_reason == "the whole class");
        CHECK(testing::record(result, "SkippedClass.second").skip_reason == "its own reason");
        CHECK(testing::record(result, "PartlySkipped.skipped").skip_reason == "later");
        CHECK(testing::record(result, "PartlySkipped.runs").outcome == ctp::Outcome::passed);
        if (!options.isolate) {
            // Only PartlySkipped, which has a test to run, sets up its class.
            CHECK(class_hooks == 1);
        }
    }
}

TEST_CASE("--run-skipped runs the tests decorated ctp::skip, class hooks included") {
    for (ctp::Options options : every_mode(false)) {
        CAPTURE(describe(options));
        options.run_skipped = true;
        bodies = 0;
        class_hooks = 0;
        const ctp::Result result = ctp::run(suites({"DecoSkip", "SkippedClass"}), options);
        CHECK(result.skipped == 0);
        CHECK(result.passed == 5);
        CHECK(bodies == 2 + 2 * 2);  // each SkippedClass test counts its set_up too
        CHECK(class_hooks == 2);
    }
    const testing::MainRun run = testing::run_main(suites({"DecoSkip"}), {"--run-skipped", "-q"});
    CHECK(run.exit_code == 0);
    CHECK(testing::lines(run.out).back() == "OK");
}

TEST_CASE("ctp::expected_failure and ctp::may_fail: failures are expected, a pass may be unexpected") {
    for (const ctp::Options& options : every_mode()) {
        CAPTURE(describe(options));
        const ctp::Result result = ctp::run(suites({"DecoExpect", "DecoMayFail", "ExpectedClass"}), options);
        const auto outcome = [&](const char* name) { return testing::record(result, name).outcome; };
        CHECK(outcome("DecoExpect.fails") == ctp::Outcome::expected_failure);
        CHECK(outcome("DecoExpect.throws") == ctp::Outcome::expected_failure);
        CHECK(outcome("DecoExpect.skips") == ctp::Outcome::skipped);
        CHECK(outcome("DecoExpect.passes") == ctp::Outcome::unexpected_success);
        CHECK(outcome("DecoMayFail.fails") == ctp::Outcome::expected_failure);
        CHECK(outcome("DecoMayFail.passes") == ctp::Outcome::passed);
        CHECK(outcome("ExpectedClass.fails") == ctp::Outcome::expected_failure);
        CHECK(outcome("ExpectedClass.may_fail_instead") == ctp::Outcome::passed);
        // The failures stay in the record.
        const auto& fails = testing::record(result, "DecoExpect.fails");
        REQUIRE(fails.failures.size() == 1);
        CHECK(fails.failures[0].message == "CTP_CHECK(1 == 2) failed with 1 == 2");
        CHECK(testing::record(result, "DecoExpect.throws").failures.at(0).message ==
              "unexpected exception in test: an exception of type int");
        CHECK(result.expected_failures == 4);
        CHECK(result.unexpected_successes == 1);
        CHECK(result.passed == 2);
        CHECK(result.skipped == 1);
        CHECK(result.failed == 0);
        CHECK(result.errors == 0);
        CHECK_FALSE(result.successful());
    }
    const ctp::Result without_surprise = ctp::run(suites({"DecoMayFail", "ExpectedClass"}), {});
    CHECK(without_surprise.expected_failures == 2);
    CHECK(without_surprise.successful());
}

TEST_CASE("a test expected to fail is not retried") {
    for (ctp::Options options : every_mode(false)) {
        CAPTURE(describe(options));
        options.retries = 5;
        attempts = 0;
        const ctp::Result result = ctp::run(suites({"DecoExpectRetried", "DecoMayFail"}), options);
        CHECK(attempts == 1);
        CHECK(testing::record(result, "DecoExpectRetried.fails").attempts == 1);
        CHECK(testing::record(result, "DecoMayFail.fails").attempts == 1);
        CHECK_FALSE(testing::record(result, "DecoExpectRetried.fails").flaky);
    }
}

TEST_CASE("ctp::retries overrides --retries, and a test's own overrides its class's") {
    for (ctp::Options options : every_mode()) {
        CAPTURE(describe(options));
        options.retries = 4;
        lucky_attempts = 0;
        const ctp::Result lucky = ctp::run(suites({"DecoRetry"}), options);
        const auto& third = testing::record(lucky, "DecoRetry.third_time_lucky");
        CHECK(third.outcome == ctp::Outcome::passed);
        CHECK(third.flaky);
        CHECK(third.attempts == 3);
        CHECK(third.failures.size() == 2);
        const auto& none = testing::record(lucky, "DecoRetry.none");
        CHECK(none.outcome == ctp::Outcome::failed);
        CHECK(none.attempts == 1);

        const ctp::Result classes = ctp::run(suites({"RetriedClass"}), options);
        CHECK(testing::record(classes, "RetriedClass.from_class").attempts == 3);
        CHECK(testing::record(classes, "RetriedClass.overridden").attempts == 1);
    }
    lucky_attempts = 0;
    ctp::Options once;
    const ctp::Result unlucky = ctp::run(suites({"DecoRetry"}), once);
    CHECK(testing::record(unlucky, "DecoRetry.third_time_lucky").attempts == 3);
}

TEST_CASE("ctp::serial: a free test, a decorated class, and a class with one decorated test run serially") {
    const ctp::Registry registry = suites({"DecoSerial", "SerialClass", "OneSerialTest"});
    for (const ctp::Options& options : every_mode()) {
        CAPTURE(describe(options));
        const ctp::Result result = ctp::run(registry, options);
        CHECK(result.passed == 6);
        for (const char* name : {"DecoSerial.free", "SerialClass.first", "SerialClass.second",
                                 "OneSerialTest.undecorated", "OneSerialTest.decorated"}) {
            CAPTURE(name);
            CHECK(testing::record(result, name).phase == ctp::Phase::serial);
            CHECK(testing::record(result, name).worker == 0);
        }
        CHECK(testing::record(result, "DecoSerial.regular").phase == ctp::Phase::parallel);
    }
    const testing::MainRun list = testing::run_main(registry, {"--list"});
    CHECK(list.out ==
          "DecoSerial.free [serial]\nDecoSerial.regular [parallel]\nSerialClass.first [serial]\n"
          "SerialClass.second [serial]\nOneSerialTest.undecorated [serial]\nOneSerialTest.decorated [serial]\n");
}

TEST_CASE("a test's time limit: its ctp::timeout, its class's, its fixture's timeout_seconds, then --timeout") {
    const ctp::Registry registry = suites({"DecoTime", "LimitedFixture", "LimitedClass"});
    const auto limit = [&](std::string_view name, double timeout) {
        for (const ctp::detail::TestInfo* info : registry.tests())
            if (ctp::detail::full_name(*info) == name) return ctp::detail::time_limit(*info, timeout);
        throw std::runtime_error("no test " + std::string(name));
    };
    CHECK(limit("DecoTime.own", 10) == 0.25);
    CHECK(limit("DecoTime.unlimited", 10) == 0);
    CHECK(limit("DecoTime.plain", 10) == 10);
    CHECK(limit("DecoTime.plain", 0) == 0);
    CHECK(limit("LimitedFixture.fixture_limit", 10) == 3);
    CHECK(limit("LimitedFixture.own_limit", 10) == 1);
    CHECK(limit("LimitedClass.class_limit", 10) == 2);
    CHECK(limit("LimitedClass.own_limit", 10) == 0.5);
    // Tests within their limits pass, watched in every mode.
    for (const ctp::Options& options : every_mode()) {
        CAPTURE(describe(options));
        CHECK(ctp::run(registry, options).passed == 7);
    }
}

#if defined(CTP_DETAIL_HAS_ISOLATE)
TEST_CASE("ctp::timeout with --isolate kills the worker, fails that test and the run goes on") {
    for (unsigned workers : {0u, 2u}) {
        CAPTURE(workers);
        ctp::Options options = testing::parallel(workers);
        options.isolate = true;
        options.timeout = 60;
        const auto started = ctp::Clock::now();
        const ctp::Result result = ctp::run(suites({"DecoHang"}), options);
        CHECK(ctp::Clock::now() - started < std::chrono::seconds(10));
        const auto& hung = testing::record(result, "DecoHang.hangs");
        CHECK(hung.outcome == ctp::Outcome::error);
        REQUIRE(hung.failures.size() == 1);
        const std::string& message = hung.failures[0].message;
        CHECK(message.rfind("timed out after 0.", 0) == 0);
        CHECK(message.find("s (limit 0.2s); its worker process was killed") != std::string::npos);
        CHECK(testing::record(result, "DecoHang.after").outcome == ctp::Outcome::passed);
    }
}
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)

TEST_CASE("ctp::description is in the record, --list --format json, the JSON and JUnit reports and at -v") {
    const ctp::Registry registry = suites({"DecoDescribed", "ExpectedClass"});
    const ctp::Result result = ctp::run(registry, {});
    CHECK(testing::record(result, "DecoDescribed.documented").description == "adds \"two\" numbers");
    CHECK(testing::record(result, "ExpectedClass.fails").description == "known broken");
    CHECK(testing::record(result, "ExpectedClass.may_fail_instead").description == "either way");

    const testing::MainRun list = testing::run_main(registry, {"--list", "--format", "json"});
    CHECK(list.out.find(
              "\"phase\": \"parallel\", \"fixture\": false, \"tags\": [], \"resources\": [], \"description\": \"adds "
              "\\\"two\\\" numbers\"}") != std::string::npos);

    std::ostringstream json;
    ctp::write_json_report(json, result, {});
    CHECK(json.str().find(",\n     \"description\": \"adds \\\"two\\\" numbers\",\n     \"failures\": []}") !=
          std::string::npos);

    std::ostringstream junit;
    ctp::write_junit_xml(junit, result, {});
    CHECK(junit.str().find("<property name=\"ctp.description\" value=\"DecoDescribed.documented: adds "
                           "&quot;two&quot; numbers\"/>") != std::string::npos);

    const testing::MainRun verbose = testing::run_main(registry, {"-v", "-k", "DecoDescribed.*"});
    CHECK(verbose.out.find("DecoDescribed.documented ... ok (") != std::string::npos);
    CHECK(verbose.out.find("s) -- adds \"two\" numbers\n") != std::string::npos);
}

TEST_CASE("the summary line counts as unittest's, and an unexpected success fails the run") {
    const testing::MainRun fine =
        testing::run_main(suites({"DecoSkip", "DecoMayFail", "ExpectedClass"}), {"--parallel", "2"});
    CHECK(fine.exit_code == 0);
    CHECK(testing::lines(fine.out).back() == "OK (skipped=2, expected failures=2)");

    const testing::MainRun surprise =
        testing::run_main(suites({"DecoExpect", "DecoRetry"}), {"-k", "*passes", "-k", "*.none"});
    CHECK(surprise.exit_code == 1);
    CHECK(testing::lines(surprise.out).back() == "FAILED (failures=1, unexpected successes=1)");
    CHECK(surprise.out.find("UNEXPECTED SUCCESS: DecoExpect.passes\n") != std::string::npos);
    CHECK(surprise.out.find(": error: unexpected success: the test passed, but is decorated "
                            "ctp::expected_failure()\n") != std::string::npos);

    const testing::MainRun expected = testing::run_main(suites({"DecoExpect"}), {"-v", "-k", "DecoExpect.fails"});
    CHECK(expected.exit_code == 0);
    CHECK(expected.out.find("DecoExpect.fails ... expected failure (") != std::string::npos);
    CHECK(expected.out.find("EXPECTED FAILURE: DecoExpect.fails\n") != std::string::npos);
    CHECK(expected.out.find(": note: CTP_CHECK(1 == 2) failed with 1 == 2\n") != std::string::npos);
    CHECK(testing::lines(expected.out).back() == "OK (expected failures=1)");

    const testing::MainRun verbose = testing::run_main(suites({"DecoExpect"}), {"-v", "-k", "DecoExpect.passes"});
    CHECK(verbose.out.find("DecoExpect.passes ... unexpected success (") != std::string::npos);

    // --failfast stops at an unexpected success.
    const testing::MainRun stopped = testing::run_main(
        suites({"DecoExpect", "DecoSerial"}), {"--failfast", "-k", "DecoExpect.passes", "-k", "DecoSerial.regular"});
    CHECK(stopped.exit_code == 1);
    CHECK(stopped.out.find("Not run: 1 test (--failfast stopped the run).") != std::string::npos);
}

TEST_CASE("the reports carry the new outcomes") {
    const ctp::Result result = ctp::run(suites({"DecoExpect"}), {});
    std::ostringstream json, junit, tap;
    ctp::write_json_report(json, result, {});
    CHECK(json.str().find("\"outcome\": \"expected_failure\"") != std::string::npos);
    CHECK(json.str().find("\"outcome\": \"unexpected_success\"") != std::string::npos);
    CHECK(json.str().find("\"skipped\": 1, \"expected_failures\": 2, \"unexpected_successes\": 1,") !=
          std::string::npos);
    CHECK(json.str().find("\"successful\": false") != std::string::npos);

    ctp::write_junit_xml(junit, result, {});
    CHECK(junit.str().find("tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"3\"") != std::string::npos);
    CHECK(junit.str().find("<skipped message=\"expected failure\">") != std::string::npos);
    CHECK(junit.str().find("CTP_CHECK(1 == 2) failed with 1 == 2\n</skipped>") != std::string::npos);
    CHECK(junit.str().find("<failure message=\"unexpected success\" type=\"unexpected success\">the test passed, but "
                           "is decorated ctp::expected_failure()</failure>") != std::string::npos);

    ctp::write_tap(tap, result);
    const std::vector<std::string> lines = testing::lines(tap.str());
    CHECK(std::count(lines.begin(), lines.end(), "not ok 1 - DecoExpect.fails # TODO expected failure") == 1);
    CHECK(std::count(lines.begin(), lines.end(), "not ok 2 - DecoExpect.throws # TODO expected failure") == 1);
    CHECK(std::count(lines.begin(), lines.end(), "not ok 4 - DecoExpect.passes") == 1);
    CHECK(std::count(lines.begin(), lines.end(), "  outcome: unexpected_success") == 1);
    CHECK(lines.back().rfind(
              "# passed 0, failed 0, errors 0, skipped 1, expected failures 2, unexpected successes 1 in ", 0) == 0);
    CHECK(std::string(ctp::to_string(ctp::Outcome::expected_failure)) == "expected_failure");
    CHECK(std::string(ctp::to_string(ctp::Outcome::unexpected_success)) == "unexpected_success");
}
