// CTP_INFO, CTP_CAPTURE, CTP_CHECK_MESSAGE and CTP_WARN: what they add to failures, skips and
// reports, their scopes, their laziness, and their threads.
#include "testing.hpp"

#include <map>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>  // pair
#include <vector>

namespace testing {
void add_logging_short_name_tests(ctp::Registry& registry);  // logging_short_names.cpp
}  // namespace testing

namespace {

// Counts how often it is printed: the pass path must print nothing.
struct Counted {
    int value;
    static inline int prints = 0;
};
std::ostream& operator<<(std::ostream& out, const Counted& counted) {
    ++Counted::prints;
    return out << "counted " << counted.value;
}

int evaluations = 0;
int evaluated(int value) {
    ++evaluations;
    return value;
}

std::vector<std::string> messages(const std::vector<ctp::Failure>& failures) {
    std::vector<std::string> all;
    for (const ctp::Failure& failure : failures) all.push_back(failure.message);
    return all;
}

// Both phases: serially on the calling thread, and on a pool of two workers.
std::vector<ctp::Options> phases() { return {ctp::Options{}, testing::parallel(2)}; }

template <class Body>
ctp::TestRecord run_one(Body body, const ctp::Options& options = {}) {
    ctp::Registry registry;
    registry.add("Logging", "one", body);
    ctp::Result result = ctp::run(registry, options);
    REQUIRE(result.tests.size() == 1);
    return result.tests.front();
}

}  // namespace

TEST_CASE("INFO prints its arguments concatenated, CAPTURE each expression, innermost last") {
    for (const ctp::Options& options : phases()) {
        CAPTURE(options.parallel);
        const ctp::TestRecord record = run_one(
            [] {
                const int item = 7;
                const std::string name = "box";
                CTP_INFO("item ", item, " named ", name, " ", 2.5, " ", true, ' ');
                CTP_CAPTURE(item, name);
                {
                    CTP_INFO(std::string("inner"));
                    CTP_CHECK(item == 8);
                }
                CTP_CHECK(name == "bag");
            },
            options);
        CHECK(record.outcome == ctp::Outcome::failed);
        CHECK(messages(record.failures) == std::vector<std::string>{
                                               "CTP_CHECK(item == 8) failed with 7 == 8\n"
                                               "  info: item 7 named box 2.5 true' '\n"
                                               "  info: item := 7\n"
                                               "  info: name := \"box\"\n"
                                               "  info: inner",
                                               "CTP_CHECK(name == \"bag\") failed with \"box\" == \"bag\"\n"
                                               "  info: item 7 named box 2.5 true' '\n"
                                               "  info: item := 7\n"
                                               "  info: name := \"box\"",
                                           });
    }
}

TEST_CASE("CAPTURE splits its expressions at top-level commas only") {
    const ctp::TestRecord record = run_one([] {
        const std::map<int, int> squares{{2, 4}};
        const auto add = [](int a, int b) { return a + b; };
        CTP_CAPTURE(add(1, 2), "a, (b", ',', std::pair<int, int>(3, 4).second, squares.at(2), 1'000 < 2, 3 > 1);
        const int x = 1, y = 2;
        // Comparisons that read like a template argument list.
        // clang-format off
        CTP_CAPTURE(x<y, y>x);
        // clang-format on
        CTP_FAIL("stop");
    });
    REQUIRE(record.failures.size() == 1);
    CHECK(record.failures[0].message ==
          "CTP_FAIL: stop\n"
          "  info: add(1, 2) := 3\n"
          "  info: \"a, (b\" := \"a, (b\"\n"
          "  info: ',' := ','\n"
          "  info: std::pair<int, int>(3, 4).second := 4\n"
          "  info: squares.at(2) := 4\n"
          "  info: 1'000 < 2 := false\n"
          "  info: 3 > 1 := true\n"
          "  info: x<y := true\n"
          "  info: y>x := true");
}

TEST_CASE("context ends with its scope, and a loop's context says which iteration failed") {
    for (const ctp::Options& options : phases()) {
        CAPTURE(options.parallel);
        const ctp::TestRecord record = run_one(
            [] {
                for (int i = 0; i < 3; ++i) {
                    CTP_CAPTURE(i);
                    CTP_CHECK(i != 1);
                }
                CTP_CHECK(false);
            },
            options);
        CHECK(messages(record.failures) ==
              std::vector<std::string>{"CTP_CHECK(i != 1) failed with 1 != 1\n  info: i := 1",
                                       "CTP_CHECK(false) failed"});
    }
}

TEST_CASE("nothing is printed or evaluated on the pass path") {
    Counted::prints = 0;
    evaluations = 0;
    const ctp::TestRecord passing = run_one([] {
        const Counted counted{1};
        CTP_INFO("outer ", counted);
        CTP_CAPTURE(counted, evaluated(1));
        CTP_INFO(evaluated(2));
        for (int i = 0; i < 100; ++i) {
            CTP_CHECK(i >= 0);
            CTP_CHECK_MESSAGE(i < 100, counted, evaluated(3));
            CTP_WARN(i < 100);
        }
    });
    CHECK(passing.outcome == ctp::Outcome::passed);
    CHECK(passing.warnings.empty());
    CHECK(Counted::prints == 0);
    CHECK(evaluations == 0);
    const ctp::TestRecord failing = run_one([] {
        const Counted counted{2};
        CTP_CAPTURE(counted);
        CTP_CHECK_MESSAGE(1 == 2, counted);
    });
    CHECK(Counted::prints == 2);
    CHECK(failing.failures.at(0).message ==
          "CTP_CHECK_MESSAGE(1 == 2) failed with 1 == 2\n  message: counted 2\n  info: counted := counted 2");
}

TEST_CASE("CHECK_MESSAGE adds its message after the first line, before the context") {
    for (const ctp::Options& options : phases()) {
        CAPTURE(options.parallel);
        const ctp::TestRecord record = run_one(
            [] {
                const int attempts = 3;
                CTP_INFO("connecting");
                CTP_CHECK_MESSAGE(attempts < 2, "gave up after ", attempts, " attempts");
                CTP_CHECK_MESSAGE((attempts == 3), "not shown");
                CTP_REQUIRE_MESSAGE(attempts == 0, std::string("required"));
                CTP_CHECK(false);  // not reached
            },
            options);
        CHECK(record.outcome == ctp::Outcome::failed);
        CHECK(messages(record.failures) == std::vector<std::string>{
                                               "CTP_CHECK_MESSAGE(attempts < 2) failed with 3 < 2\n"
                                               "  message: gave up after 3 attempts\n"
                                               "  info: connecting",
                                               "CTP_REQUIRE_MESSAGE(attempts == 0) failed with 3 == 0\n"
                                               "  message: required\n"
                                               "  info: connecting",
                                           });
    }
}

TEST_CASE("a failed WARN is a warning with its context: the test still passes") {
    for (const ctp::Options& options : phases()) {
        CAPTURE(options.parallel);
        const ctp::TestRecord record = run_one(
            [] {
                const int free_disk = 5;
                CTP_INFO("disk check");
                CTP_WARN(free_disk > 10);
                CTP_WARN_FALSE(free_disk == 5);
                CTP_WARN(free_disk == 5);
            },
            options);
        CHECK(record.outcome == ctp::Outcome::passed);
        CHECK(record.failures.empty());
        REQUIRE(record.warnings.size() == 2);
        CHECK(messages(record.warnings) ==
              std::vector<std::string>{"CTP_WARN(free_disk > 10) failed with 5 > 10\n  info: disk check",
                                       "CTP_WARN_FALSE(free_disk == 5) failed with 5 == 5\n  info: disk check"});
        CHECK(record.warnings[0].line + 1 == record.warnings[1].line);
        CHECK(record.warnings[0].file.find("test_logging.cpp") != std::string::npos);
    }
    const ctp::TestRecord failed = run_one([] {
        CTP_WARN(1 == 2);
        CTP_CHECK(1 == 3);
    });
    CHECK(failed.outcome == ctp::Outcome::failed);
    CHECK(failed.warnings.size() == 1);
    CHECK(failed.failures.size() == 1);
}

TEST_CASE("a skip and a FAIL carry the context") {
    const ctp::TestRecord skipped = run_one([] {
        const char* browser = "firefox";
        CTP_CAPTURE(browser);
        CTP_SKIP("not installed");
    });
    CHECK(skipped.outcome == ctp::Outcome::skipped);
    CHECK(skipped.skip_reason == "not installed\n  info: browser := \"firefox\"");
    const ctp::TestRecord failed = run_one([] {
        CTP_INFO("step ", 2);
        CTP_FAIL("unreachable");
    });
    CHECK(failed.failures.at(0).message == "CTP_FAIL: unreachable\n  info: step 2");
}

TEST_CASE("a ctp::jthread has its own context, without its parent's") {
    const ctp::TestRecord record = run_one(
        [] {
            CTP_INFO("parent");
            ctp::jthread worker([] {
                CTP_CHECK(1 == 2);
                CTP_INFO("child");
                CTP_CHECK(2 == 3);
            });
            worker.join();
            CTP_CHECK(3 == 4);
        },
        testing::parallel(2));
    CHECK(messages(record.failures) ==
          std::vector<std::string>{"CTP_CHECK(1 == 2) failed with 1 == 2",
                                   "CTP_CHECK(2 == 3) failed with 2 == 3\n  info: child",
                                   "CTP_CHECK(3 == 4) failed with 3 == 4\n  info: parent"});
}

TEST_CASE("context never leaks into the next test: a REQUIRE, an exception and a skip unwind it") {
    ctp::Registry registry;
    for (int i = 0; i < 6; ++i) {
        registry.add("Leak", "require_" + std::to_string(i), [] {
            CTP_INFO("from a required check");
            CTP_REQUIRE(1 == 2);
        });
        registry.add("Leak", "throw_" + std::to_string(i), [] {
            CTP_INFO("from an exception");
            throw 42;
        });
        registry.add("Leak", "skip_" + std::to_string(i), [] {
            CTP_INFO("from a skip");
            CTP_SKIP("skipped");
        });
        registry.add("Leak", "check_" + std::to_string(i), [] { CTP_CHECK(3 == 4); });
    }
    std::vector<ctp::Options> variants = {ctp::Options{}, testing::parallel(1), testing::parallel(2)};
#if defined(CTP_DETAIL_HAS_ISOLATE)
    ctp::Options isolated = testing::parallel(2);
    isolated.isolate = true;
    variants.push_back(isolated);
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)
    for (const ctp::Options& options : variants) {
        CAPTURE(options.parallel);
        CAPTURE(options.isolate);
        const ctp::Result result = ctp::run(registry, options);
        REQUIRE(result.tests.size() == 24);
        for (const ctp::TestRecord& record : result.tests) {
            if (record.name.starts_with("check_"))
                CHECK(messages(record.failures) == std::vector<std::string>{"CTP_CHECK(3 == 4) failed with 3 == 4"});
        }
        CHECK(ctp::detail::innermost_context == nullptr);
    }
}

TEST_CASE("an exception that escapes the test reports the context of the scopes it left") {
    for (const ctp::Options& options : phases()) {
        CAPTURE(options.parallel);
        ctp::Registry registry;
        registry.add("Escape", "through_scopes", [] {
            CTP_INFO("loading ", "box 3");
            for (int i = 0; i < 3; ++i) {
                CTP_CAPTURE(i);
                if (i == 2) throw std::runtime_error("shelf full");
            }
        });
        registry.add("Escape", "no_context", [] { throw std::runtime_error("bare"); });
        const ctp::Result result = ctp::run(registry, options);
        CHECK(
            messages(testing::record(result, "Escape.through_scopes").failures) ==
            std::vector<std::string>{
                "unexpected exception in test: std::runtime_error: shelf full\n  info: loading box 3\n  info: i := 2"});
        CHECK(messages(testing::record(result, "Escape.no_context").failures) ==
              std::vector<std::string>{"unexpected exception in test: std::runtime_error: bare"});
    }
}

TEST_CASE("context outside any test is printed with what is reported there, and does not crash") {
    ctp::Registry registry;
    registry.add("Outside", "thread", [] {
        std::thread plain([] {
            CTP_INFO("in a plain thread");
            CTP_CHECK(1 == 2);
        });
        plain.join();
    });
    const ctp::Result result = ctp::run(registry, {});
    REQUIRE(result.unattributed.size() == 1);
    CHECK(result.unattributed[0].message == "CTP_CHECK(1 == 2) failed with 1 == 2\n  info: in a plain thread");
    {
        CTP_INFO("no test at all");
        CHECK(ctp::detail::innermost_context != nullptr);
    }
    CHECK(ctp::detail::innermost_context == nullptr);
}

#if defined(CTP_DETAIL_HAS_ISOLATE)
TEST_CASE("--isolate: warnings and context cross the pipe with every other result") {
    ctp::Registry registry;
    registry.add("Isolated", "warns", [] {
        CTP_INFO("in a worker process");
        CTP_WARN(1 == 2);
    });
    registry.add("Isolated", "fails", [] {
        CTP_CAPTURE(40 + 2);
        CTP_CHECK(1 == 3);
    });
    registry.add("Isolated", "passes", [] { CTP_CHECK(true); });
    ctp::Options options = testing::parallel(2);
    options.isolate = true;
    const ctp::Result result = ctp::run(registry, options);
    REQUIRE(result.tests.size() == 3);
    const ctp::TestRecord& warns = testing::record(result, "Isolated.warns");
    CHECK(warns.outcome == ctp::Outcome::passed);
    CHECK(messages(warns.warnings) ==
          std::vector<std::string>{"CTP_WARN(1 == 2) failed with 1 == 2\n  info: in a worker process"});
    CHECK(warns.warnings.at(0).file.find("test_logging.cpp") != std::string::npos);
    CHECK(warns.warnings.at(0).line > 0);
    CHECK(messages(testing::record(result, "Isolated.fails").failures) ==
          std::vector<std::string>{"CTP_CHECK(1 == 3) failed with 1 == 3\n  info: 40 + 2 := 42"});
    CHECK(testing::record(result, "Isolated.passes").outcome == ctp::Outcome::passed);
}
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)

TEST_CASE("the short names quote themselves") {
    ctp::Registry registry;
    testing::add_logging_short_name_tests(registry);
    const ctp::Result result = ctp::run(registry, {});
    const ctp::TestRecord& record = testing::record(result, "ShortLogging.all");
    CHECK(messages(record.failures) == std::vector<std::string>{"CHECK_MESSAGE(two == 3) failed with 2 == 3\n"
                                                                "  message: why\n"
                                                                "  info: two is 2\n"
                                                                "  info: two := 2",
                                                                "REQUIRE_MESSAGE(two == 4) failed with 2 == 4\n"
                                                                "  message: because\n"
                                                                "  info: two is 2\n"
                                                                "  info: two := 2"});
    CHECK(messages(record.warnings) ==
          std::vector<std::string>{"WARN(two == 1) failed with 2 == 1\n  info: two is 2\n  info: two := 2",
                                   "WARN_FALSE(two == 2) failed with 2 == 2\n  info: two is 2\n  info: two := 2"});
}

namespace {

ctp::Registry& warning_registry() {
    static ctp::Registry registry = [] {
        ctp::Registry made;
        made.add("Disk", "space", [] {
            CTP_INFO("volume /");
            CTP_WARN(1 > 2);
        });
        made.add("Disk", "quiet", [] { CTP_CHECK(true); });
        return made;
    }();
    return registry;
}

std::string file_line(const ctp::Failure& failure) { return failure.file + ":" + std::to_string(failure.line); }

}  // namespace

TEST_CASE("console: a passing test's warnings get a block, and the summary counts them") {
    const ctp::Result result = ctp::run(warning_registry(), {});
    const std::string at = file_line(testing::record(result, "Disk.space").warnings.at(0));
    const auto run = testing::run_main(warning_registry(), {});
    CHECK(run.exit_code == ctp::exit_success);
    const std::string rule_eq(70, '='), rule_dash(70, '-');
    CHECK(run.out.find(rule_eq + "\nWARNING: Disk.space\n" + rule_dash + "\n" + at +
                       ": warning: CTP_WARN(1 > 2) failed with 1 > 2\n  info: volume /\n\n") != std::string::npos);
    CHECK(testing::lines(run.out).back() == "OK (warnings=1)");
    const auto quiet = testing::run_main(warning_registry(), {"-q"});
    CHECK(testing::lines(quiet.out).back() == "OK (warnings=1)");
    CHECK(quiet.out.find("WARNING:") == std::string::npos);
}

TEST_CASE("JUnit, JSON and TAP carry the warnings") {
    const ctp::Result result = ctp::run(warning_registry(), {});
    const std::string at = file_line(testing::record(result, "Disk.space").warnings.at(0));
    std::ostringstream junit, json, tap;
    ctp::write_junit_xml(junit, result, {});
    ctp::write_json_report(json, result, {});
    ctp::write_tap(tap, result);
    CHECK(junit.str().find("<system-out>--- Disk.space ---\n" + at +
                           ": warning: CTP_WARN(1 &gt; 2) failed with 1 &gt; 2\n  info: volume /\n</system-out>") !=
          std::string::npos);
    CHECK(junit.str().find("<testcase name=\"space\" classname=\"Disk\" time=\"") != std::string::npos);
    CHECK(json.str().find("\"failures\": [],\n     \"warnings\": [\n       {\"file\": ") != std::string::npos);
    CHECK(json.str().find("\"message\": \"CTP_WARN(1 > 2) failed with 1 > 2\\n  info: volume /\"}]}") !=
          std::string::npos);
    // A test without warnings has no "warnings" key.
    CHECK(json.str().find("\"warnings\"") == json.str().rfind("\"warnings\""));
    CHECK(tap.str().find("ok 1 - Disk.space\n# warning: " + at +
                         ": CTP_WARN(1 > 2) failed with 1 > 2\n#   info: volume /\nok 2 - Disk.quiet\n") !=
          std::string::npos);
}
