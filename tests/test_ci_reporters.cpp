// The CI servers' reporters: GitHub Actions workflow commands and job summary, TeamCity
// service messages, their escaping, and when ctp::main chooses them by itself.
#include "testing.hpp"

#include <chrono>
#include <cstdio>  // remove
#include <fstream>
#include <sstream>
#include <string>

namespace {

const std::string hostile = "50% done: a, b\r\n|pipe| 'quote' [x] <tag> \xff end";

// A record as the runner makes it; its views point at the caller's strings.
ctp::TestRecord record(std::string_view suite, std::string_view name, ctp::Outcome outcome) {
    ctp::TestRecord made;
    made.suite = suite;
    made.name = name;
    made.file = "/work/repo/tests/t.cpp";
    made.line = 7;
    made.outcome = outcome;
    made.duration = std::chrono::milliseconds(12);
    return made;
}

std::string annotations(const ctp::Result& result, std::string_view workspace = "/work/repo") {
    std::ostringstream out;
    ctp::write_github_annotations(out, result, workspace);
    return out.str();
}

ctp::Registry failing_suite() {
    ctp::Registry registry;
    registry.add("Math", "adds", [] { CTP_CHECK(1 + 1 == 2); });
    registry.add("Math", "fails", [] { CTP_FAIL("no, 50%\nreally"); });
    return registry;
}

}  // namespace

TEST_CASE("GitHub: messages escape %, CR and LF; properties also ':' and ','; invalid UTF-8 is U+FFFD") {
    CHECK(ctp::detail::github_escape(hostile, false) ==
          "50%25 done: a, b%0D%0A|pipe| 'quote' [x] <tag> \xEF\xBF\xBD end");
    CHECK(ctp::detail::github_escape(hostile, true) ==
          "50%25 done%3A a%2C b%0D%0A|pipe| 'quote' [x] <tag> \xEF\xBF\xBD end");
    CHECK(ctp::detail::github_escape("\xC3\xA9t\xC3\xA9 \xE2\x80", true) ==
          "\xC3\xA9t\xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("GitHub: a failure per error command, warnings and flaky tests as warnings, paths from the workspace") {
    ctp::Result result;
    const std::string suite = "Hostile", name = "a: b, c %";
    ctp::TestRecord failed = record(suite, name, ctp::Outcome::failed);
    failed.failures = {{"/work/repo/src/x.cpp", 3, hostile}, {"/elsewhere/y.cpp", 4, "second"}};
    failed.warnings = {{"relative/z.cpp", 5, "careful"}};
    result.tests.push_back(failed);
    ctp::TestRecord flaky = record("Net", "retries", ctp::Outcome::passed);
    flaky.flaky = true;
    flaky.attempts = 3;
    result.tests.push_back(flaky);
    result.tests.push_back(record("Net", "skipped", ctp::Outcome::skipped));
    ctp::TestRecord surprise = record("Net", "works", ctp::Outcome::unexpected_success);
    result.tests.push_back(surprise);
    result.unattributed = {{"/work/repo/main.cpp", 9, "outside"}};
    result.aborted = "test Net.hangs timed out\nafter 5s";
    CHECK(annotations(result) ==
          "::error file=src/x.cpp,line=3,title=Hostile.a%3A b%2C c %25::50%25 done: a, b%0D%0A|pipe| 'quote' [x] "
          "<tag> \xEF\xBF\xBD end\n"
          "::error file=/elsewhere/y.cpp,line=4,title=Hostile.a%3A b%2C c %25::second\n"
          "::warning file=relative/z.cpp,line=5,title=Hostile.a%3A b%2C c %25::careful\n"
          "::warning file=tests/t.cpp,line=7,title=Net.retries::flaky: failed, then passed on attempt 3\n"
          "::error file=tests/t.cpp,line=7,title=Net.works::unexpected success: the test passed, but is decorated "
          "ctp::expected_failure()\n"
          "::error file=main.cpp,line=9,title=assertion outside any test::outside\n"
          "::error title=ctp::test Net.hangs timed out%0Aafter 5s\n");
    // A workspace named with a trailing slash, or one that only starts the same way.
    CHECK(ctp::detail::github_path("/work/repo/a.cpp", "/work/repo/") == "a.cpp");
    CHECK(ctp::detail::github_path("/work/repository/a.cpp", "/work/repo") == "/work/repository/a.cpp");
    CHECK(ctp::detail::github_path("/work/repo/a.cpp", "") == "/work/repo/a.cpp");
}

TEST_CASE("GitHub: the job summary counts the run and lists the failures in escaped Markdown, capped") {
    ctp::Result result;
    const std::string suite = "Suite", name = "with|pipe_and*star";
    ctp::TestRecord failed = record(suite, name, ctp::Outcome::failed);
    failed.failures = {{"/work/repo/a.cpp", 3, "x < y | \\ [link](u) `code`\nsecond line"}};
    result.tests = {failed, record("Suite", "second", ctp::Outcome::error),
                    record("Suite", "ok", ctp::Outcome::passed)};
    result.passed = 1;
    result.failed = 1;
    result.errors = 1;
    result.skipped = 2;
    result.flaky = 0;
    std::ostringstream out;
    ctp::write_github_summary(out, result, "/work/repo");
    CHECK(out.str() ==
          "### ctp: FAILED\n\n"
          "| Passed | Failed | Errors | Skipped | Flaky | Time |\n"
          "|---:|---:|---:|---:|---:|---:|\n"
          "| 1 | 1 | 1 | 2 | 0 | 0.000s |\n"
          "\n| Test | Where | Message |\n|---|---|---|\n"
          "| Suite.with\\|pipe\\_and\\*star | a.cpp:3 | x &lt; y \\| \\\\ \\[link\\](u) \\`code\\` |\n"
          "| Suite.second | tests/t.cpp:7 | error |\n");
    std::ostringstream capped;
    ctp::write_github_summary(capped, result, "", 1);
    CHECK(testing::lines(capped.str()).back() == "1 more failed test(s) not shown.");
    CHECK(ctp::detail::markdown_cell(std::string(300, 'a')) == std::string(200, 'a') + "\xE2\x80\xA6");
    CHECK(ctp::detail::markdown_cell("a\tb\x01\xff") == "a b?\xEF\xBF\xBD");
}

TEST_CASE("TeamCity: values escape | ' [ ] and line breaks with '|', other controls as |0xNNNN") {
    CHECK(ctp::detail::teamcity_escape(hostile) == "50% done: a, b|r|n||pipe|| |'quote|' |[x|] <tag> \xEF\xBF\xBD end");
    CHECK(ctp::detail::teamcity_escape("a\tb\x1b[0m\xC2\x85\xE2\x80\xA8\xE2\x80\xA9\xC3\xA9") ==
          "a\tb|0x001b|[0m|0x0085|0x2028|0x2029\xC3\xA9");
}

TEST_CASE("TeamCity: a block per test, suites opened and closed, flowIds in a parallel run") {
    const std::string suite = "S]uite", name = "it's";
    ctp::TestRecord failed = record(suite, name, ctp::Outcome::failed);
    failed.failures = {{"a.cpp", 3, "first\nline"}, {"b.cpp", 4, "second"}};
    failed.output = "printed |x|\n";
    failed.warnings = {{"c.cpp", 5, "careful"}};
    ctp::TestRecord skipped = record(suite, "later", ctp::Outcome::skipped);
    skipped.skip_reason = "not [today]";
    ctp::TestRecord other = record("Other", "ok", ctp::Outcome::passed);
    other.flaky = true;
    other.attempts = 2;
    ctp::TestRecord plain = record("", "free text", ctp::Outcome::unexpected_success);
    ctp::Result result;
    result.aborted = "crashed";

    std::ostringstream serial;
    ctp::TeamcityReporter reporter(serial, false);
    for (const ctp::TestRecord* test : {&failed, &skipped, &other, &plain}) reporter.on_test_end(*test);
    reporter.on_run_end(result);
    CHECK(serial.str() ==
          "##teamcity[testSuiteStarted name='S|]uite']\n"
          "##teamcity[testStarted name='S|]uite.it|'s' captureStandardOutput='false']\n"
          "##teamcity[testStdOut name='S|]uite.it|'s' out='printed ||x|||n']\n"
          "##teamcity[testStdErr name='S|]uite.it|'s' out='c.cpp:5: warning: careful']\n"
          "##teamcity[testFailed name='S|]uite.it|'s' message='first|nline' details='a.cpp:3: first|nline|nb.cpp:4: "
          "second']\n"
          "##teamcity[testFinished name='S|]uite.it|'s' duration='12']\n"
          "##teamcity[testStarted name='S|]uite.later' captureStandardOutput='false']\n"
          "##teamcity[testIgnored name='S|]uite.later' message='not |[today|]']\n"
          "##teamcity[testFinished name='S|]uite.later' duration='12']\n"
          "##teamcity[testSuiteFinished name='S|]uite']\n"
          "##teamcity[testSuiteStarted name='Other']\n"
          "##teamcity[testStarted name='Other.ok' captureStandardOutput='false']\n"
          "##teamcity[testStdErr name='Other.ok' out='flaky: failed, then passed on attempt 2']\n"
          "##teamcity[testFinished name='Other.ok' duration='12']\n"
          "##teamcity[testSuiteFinished name='Other']\n"
          "##teamcity[testStarted name='free text' captureStandardOutput='false']\n"
          "##teamcity[testFailed name='free text' message='unexpected success: the test passed, but is decorated "
          "ctp::expected_failure()' details='/work/repo/tests/t.cpp:7']\n"
          "##teamcity[testFinished name='free text' duration='12']\n"
          "##teamcity[message text='crashed' status='ERROR']\n");

    // Two workers: each flow keeps its own suite open until its next suite or the run's end.
    failed.worker = 1;
    skipped.worker = 2;
    other.worker = 1;
    failed.failures.resize(1);
    failed.output.clear();
    failed.warnings.clear();
    std::ostringstream parallel;
    ctp::TeamcityReporter flows(parallel, true);
    for (const ctp::TestRecord* test : {&failed, &skipped, &other}) flows.on_test_end(*test);
    flows.on_run_end(ctp::Result{});
    CHECK(parallel.str() ==
          "##teamcity[testSuiteStarted name='S|]uite' flowId='1']\n"
          "##teamcity[testStarted name='S|]uite.it|'s' captureStandardOutput='false' flowId='1']\n"
          "##teamcity[testFailed name='S|]uite.it|'s' message='first|nline' details='a.cpp:3: first|nline' "
          "flowId='1']\n"
          "##teamcity[testFinished name='S|]uite.it|'s' duration='12' flowId='1']\n"
          "##teamcity[testSuiteStarted name='S|]uite' flowId='2']\n"
          "##teamcity[testStarted name='S|]uite.later' captureStandardOutput='false' flowId='2']\n"
          "##teamcity[testIgnored name='S|]uite.later' message='not |[today|]' flowId='2']\n"
          "##teamcity[testFinished name='S|]uite.later' duration='12' flowId='2']\n"
          "##teamcity[testSuiteFinished name='S|]uite' flowId='1']\n"
          "##teamcity[testSuiteStarted name='Other' flowId='1']\n"
          "##teamcity[testStarted name='Other.ok' captureStandardOutput='false' flowId='1']\n"
          "##teamcity[testStdErr name='Other.ok' out='flaky: failed, then passed on attempt 2' flowId='1']\n"
          "##teamcity[testFinished name='Other.ok' duration='12' flowId='1']\n"
          "##teamcity[testSuiteFinished name='Other' flowId='1']\n"
          "##teamcity[testSuiteFinished name='S|]uite' flowId='2']\n");
}

TEST_CASE("ctp::main: GitHub Actions adds annotations to the console when the output is not a terminal") {
    const ctp::ScopedEnv actions("GITHUB_ACTIONS", "true");
    const ctp::ScopedEnv teamcity("TEAMCITY_VERSION", nullptr);
    const ctp::ScopedEnv summary("GITHUB_STEP_SUMMARY", nullptr);
    const ctp::ScopedEnv workspace("GITHUB_WORKSPACE", nullptr);
    const auto run = testing::run_main(failing_suite(), {});
    CHECK(run.exit_code == 1);
    const std::vector<std::string> lines = testing::lines(run.out);
    REQUIRE(lines.size() >= 2);
    CHECK(lines[lines.size() - 2] == "FAILED (failures=1)");
    CHECK(lines.back() ==
          std::string("::error file=") + __FILE__ + ",line=36,title=Math.fails::CTP_FAIL: no, 50%25%0Areally");
    CHECK(testing::run_main(failing_suite(), {"--reporter", "github"}).out == run.out);
    // An explicit console, a terminal, or any other value of GITHUB_ACTIONS: the console alone.
    CHECK(testing::lines(testing::run_main(failing_suite(), {"--reporter", "console"}).out).back() ==
          "FAILED (failures=1)");
    std::ostringstream out, err;
    const char* argv[] = {"tests", "--color", "never"};
    CHECK(ctp::detail::run_main(failing_suite(), 3, argv, out, err, true) == 1);
    CHECK(testing::lines(out.str()).back() == "FAILED (failures=1)");
    const ctp::ScopedEnv other("GITHUB_ACTIONS", "1");
    CHECK(testing::lines(testing::run_main(failing_suite(), {}).out).back() == "FAILED (failures=1)");
}

TEST_CASE("ctp::main: under TeamCity, service messages instead of the console; --reporter console keeps it") {
    const ctp::ScopedEnv actions("GITHUB_ACTIONS", nullptr);
    const ctp::ScopedEnv teamcity("TEAMCITY_VERSION", "2024.12");
    const auto run = testing::run_main(failing_suite(), {});
    CHECK(run.exit_code == 1);
    const std::vector<std::string> lines = testing::lines(run.out);
    REQUIRE(lines.size() == 7);
    CHECK(lines[0] == "##teamcity[testSuiteStarted name='Math']");
    CHECK(lines[3] == "##teamcity[testStarted name='Math.fails' captureStandardOutput='false']");
    CHECK(lines[4] == std::string("##teamcity[testFailed name='Math.fails' message='CTP_FAIL: no, 50%|nreally' "
                                  "details='") +
                          __FILE__ + ":36: CTP_FAIL: no, 50%|nreally']");
    CHECK(lines[6] == "##teamcity[testSuiteFinished name='Math']");
    CHECK(testing::lines(testing::run_main(failing_suite(), {"--reporter", "console"}).out).back() ==
          "FAILED (failures=1)");
    CHECK(testing::run_main(failing_suite(), {"--reporter", "teamcity"}).out.find("##teamcity[") == 0);
}

TEST_CASE("ctp::main: the job summary is appended to $GITHUB_STEP_SUMMARY") {
    const std::string path = "ctp_test_step_summary.md";
    std::remove(path.c_str());
    {
        std::ofstream earlier(path);
        earlier << "earlier step\n";
    }
    const ctp::ScopedEnv summary("GITHUB_STEP_SUMMARY", path.c_str());
    const ctp::ScopedEnv workspace("GITHUB_WORKSPACE", nullptr);
    CHECK(testing::run_main(failing_suite(), {"--reporter", "github"}).exit_code == 1);
    std::ifstream file(path);
    const std::vector<std::string> lines =
        testing::lines(std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()));
    std::remove(path.c_str());
    REQUIRE(lines.size() == 10);
    CHECK(lines[0] == "earlier step");
    CHECK(lines[1] == "### ctp: FAILED");
    CHECK(lines[5].rfind("| 1 | 1 | 0 | 0 | 0 | ", 0) == 0);
    CHECK(lines[9] ==
          std::string("| Math.fails | ") + ctp::detail::markdown_cell(__FILE__) + ":36 | CTP\\_FAIL: no, 50% |");
    // Not with another reporter, and a path that cannot be written stops the run.
    const ctp::ScopedEnv unwritable("GITHUB_STEP_SUMMARY", "/nonexistent/dir/summary.md");
    CHECK(testing::run_main(failing_suite(), {"--reporter", "console"}).exit_code == 1);
    const auto refused = testing::run_main(failing_suite(), {"--reporter", "github"});
    CHECK(refused.exit_code == 2);
    CHECK(refused.err == "error: GITHUB_STEP_SUMMARY: cannot write '/nonexistent/dir/summary.md'\n");
}
