// ctp::BrowserTestCase as the runner drives it: a fresh page per test, a failed test's
// screenshot and DOM kept as attachments and reported, the page's JavaScript errors, and the
// browser's faults. The cases that start Chromium are skipped when there is none.
#define CTP_NO_SHORT_NAMES
#define CTP_RUNNER_API
#define CTP_LIVE_SERVER_API
#define CTP_BROWSER_API  // rather than <ctp/browser.hpp>, for the single-header build too
#include "testing.hpp"

// The browser's factory, replaced in one case (the single header keeps it to itself).
#if __has_include(<ctp/detail/browser_session.hpp>)
#include <ctp/detail/browser_session.hpp>
#define CTP_TEST_BROWSER_FACTORY 1
#endif  // __has_include(<ctp/detail/browser_session.hpp>)

#include <signal.h>    // kill, SIGKILL
#include <sys/stat.h>  // chmod
#include <unistd.h>    // access, getpid

#include <chrono>
#include <cstdio>     // fprintf
#include <algorithm>  // count, find
#include <cstdlib>    // getenv, setenv, unsetenv
#include <filesystem>
#include <fstream>
#include <iterator>  // istreambuf_iterator, next
#include <sstream>
#include <string>
#include <system_error>  // error_code
#include <thread>        // sleep_for
#include <vector>

namespace {

// Where the library looks for Chromium: $CTP_BROWSER, else /usr/bin/chromium.
std::string chromium_path() {
    const char* variable = std::getenv("CTP_BROWSER");
    return variable != nullptr && *variable != '\0' ? variable : "/usr/bin/chromium";
}

const bool no_chromium = [] {
    const bool absent = ::access(chromium_path().c_str(), X_OK) != 0;
    if (absent)
        std::fprintf(stderr, "test_browser_fixture: no Chromium at %s: the cases that need it are skipped\n",
                     chromium_path().c_str());
    return absent;
}();

std::string read_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

const std::filesystem::path scratch_root =
    std::filesystem::temp_directory_path() / ("ctp_browser_fixture_" + std::to_string(::getpid()));

// Removes the cases' directories when the program ends.
const struct ScratchCleaner {
    ~ScratchCleaner() {
        std::error_code ignored;
        std::filesystem::remove_all(scratch_root, ignored);
    }
} scratch_cleaner;

// A fresh directory for one case's reports and artifacts.
std::filesystem::path scratch(const std::string& name) {
    const std::filesystem::path directory = scratch_root / name;
    std::filesystem::remove_all(directory);
    std::filesystem::create_directories(directory);
    return directory;
}

const char* const home_page =
    "<!DOCTYPE html><html><head><title>Home</title></head><body><p id=\"message\">hello</p></body></html>";
const char* const throwing_page =
    "<!DOCTYPE html><html><head><title>Throws</title></head><body><p>thrown</p><script>\n"
    "function fail() { throw new Error('boom'); }\n"
    "fail();\n"
    "</script></body></html>";

void site_routes(ctp::Router& router) {
    router.get("/", [](const ctp::Request&) { return ctp::Response::html(home_page); });
    router.get("/throws", [](const ctp::Request&) { return ctp::Response::html(throwing_page); });
}

struct Site : ctp::BrowserTestCase {
    static void routes(ctp::Router& router) { site_routes(router); }
};

void open_home() { Site::page().go(Site::live_server_url() + "/"); }

// The record's attachments, as paths relative to `directory`; "?" for one outside it.
std::vector<std::string> attachments_in(const ctp::TestRecord& record, const std::filesystem::path& directory) {
    std::vector<std::string> names;
    for (const std::string& path : record.attachments) {
        const std::string prefix = directory.string() + "/";
        names.push_back(path.starts_with(prefix) ? path.substr(prefix.size()) : "?" + path);
    }
    return names;
}

// A failing test of Site and a passing one, with the reports beside `directory`.
void add_failing_and_passing(ctp::Registry& registry) {
    registry.add<Site>("Site", "fails", [](Site&) {
        open_home();
        CTP_CHECK(Site::page().find("#message").text() == "goodbye");
    });
    registry.add<Site>("Site", "passes", [](Site&) {
        open_home();
        CTP_CHECK(Site::page().find("#message").text() == "hello");
    });
}

void check_artifacts(const ctp::Result& result, const std::filesystem::path& directory) {
    const ctp::TestRecord& failed = testing::record(result, "Site.fails");
    CHECK(failed.outcome == ctp::Outcome::failed);
    CHECK(attachments_in(failed, directory) ==
          std::vector<std::string>{"ctp-artifacts/Site.fails.png", "ctp-artifacts/Site.fails.html"});
    CHECK(read_file(directory / "ctp-artifacts/Site.fails.png").starts_with("\x89PNG\r\n\x1a\n"));
    CHECK(read_file(directory / "ctp-artifacts/Site.fails.html").find("<p id=\"message\">hello</p>") !=
          std::string::npos);
    const ctp::TestRecord& passed = testing::record(result, "Site.passes");
    CHECK(passed.outcome == ctp::Outcome::passed);
    CHECK(passed.attachments.empty());
    CHECK_FALSE(std::filesystem::exists(directory / "ctp-artifacts/Site.passes.png"));
}

}  // namespace

TEST_CASE("each test gets a fresh page of its own, the same one throughout the test" * doctest::skip(no_chromium)) {
    ctp::Registry registry;
    registry.add<Site>("Site", "stores", [](Site&) {
        open_home();
        CTP_CHECK(&Site::page() == &Site::page());
        Site::page().evaluate("localStorage.setItem('kept', 'yes'); document.cookie = 'visited=1'; 'done'");
        CTP_CHECK(Site::page().evaluate("localStorage.getItem('kept')") == "yes");
        CTP_CHECK(Site::page().cookies().size() == 1);
    });
    registry.add<Site>("Site", "finds_nothing", [](Site&) {
        open_home();
        CTP_CHECK(Site::page().evaluate("String(localStorage.getItem('kept'))") == "null");
        CTP_CHECK(Site::page().evaluate("document.cookie") == "");
        CTP_CHECK(Site::page().cookies().empty());
    });
    const ctp::Result result = ctp::run(registry, {});
    std::vector<std::string> failures;
    for (const ctp::TestRecord& test : result.tests)
        for (const ctp::Failure& failure : test.failures) failures.push_back(failure.message);
    CHECK(failures == std::vector<std::string>{});
    CHECK(result.passed == 2);
}

TEST_CASE("a failed test keeps a screenshot and the DOM beside the first report, a passing one nothing" *
          doctest::skip(no_chromium)) {
    const std::filesystem::path directory = scratch("artifacts");
    ctp::Registry registry;
    add_failing_and_passing(registry);
    ctp::Options options;
    options.json_report = (directory / "report.json").string();  // ctp::run writes no report, but names where
    check_artifacts(ctp::run(registry, options), directory);
}

TEST_CASE("artifacts with --parallel 2 and with --isolate" * doctest::skip(no_chromium)) {
    for (const bool isolate : {false, true}) {
        CAPTURE(isolate);
        const std::filesystem::path directory = scratch(isolate ? "isolate" : "parallel");
        ctp::Registry registry;
        add_failing_and_passing(registry);
        ctp::Options options = testing::parallel(2);
        options.isolate = isolate;
        options.junit_xml = (directory / "junit.xml").string();
        check_artifacts(ctp::run(registry, options), directory);
    }
}

TEST_CASE("the reports list a failed browser test's files" * doctest::skip(no_chromium)) {
    const std::filesystem::path directory = scratch("reports");
    const std::string junit = (directory / "junit.xml").string(), json = (directory / "report.json").string();
    ctp::Registry registry;
    add_failing_and_passing(registry);
    const testing::MainRun run = testing::run_main(registry, {"--junit-xml", junit.c_str(), "--json", json.c_str()});
    CHECK(run.exit_code == 1);
    const std::string png = (directory / "ctp-artifacts/Site.fails.png").string();
    const std::string html = (directory / "ctp-artifacts/Site.fails.html").string();
    const std::vector<std::string> out = testing::lines(run.out);
    CHECK(std::count(out.begin(), out.end(), "attachment: " + png) == 1);
    CHECK(std::count(out.begin(), out.end(), "attachment: " + html) == 1);
    const std::vector<std::string> xml = testing::lines(read_file(junit));
    CHECK(std::count(xml.begin(), xml.end(), "[[ATTACHMENT|" + png + "]]") == 1);
    CHECK(std::count(xml.begin(), xml.end(), "[[ATTACHMENT|" + html + "]]") == 1);
    const std::string report = read_file(json);
    CHECK(report.find("\n     \"attachments\": [\"" + png + "\", \"" + html + "\"]}") != std::string::npos);
}

TEST_CASE("--repeat and --retries number the artifacts of later runs" * doctest::skip(no_chromium)) {
    const std::filesystem::path directory = scratch("numbered");
    ctp::Registry registry;
    registry.add<Site>("Site", "fails", [](Site&) {
        open_home();
        CTP_FAIL("no");
    });
    ctp::Options options;
    options.json_report = (directory / "report.json").string();
    options.repeat = 2;
    options.retries = 1;
    const ctp::Result result = ctp::run(registry, options);
    REQUIRE(result.tests.size() == 2);
    CHECK(attachments_in(result.tests[0], directory) ==
          std::vector<std::string>{"ctp-artifacts/Site.fails.png", "ctp-artifacts/Site.fails.html",
                                   "ctp-artifacts/Site.fails.attempt-2.png",
                                   "ctp-artifacts/Site.fails.attempt-2.html"});
    CHECK(attachments_in(result.tests[1], directory) ==
          std::vector<std::string>{"ctp-artifacts/Site.fails.repeat-2.png", "ctp-artifacts/Site.fails.repeat-2.html",
                                   "ctp-artifacts/Site.fails.repeat-2.attempt-2.png",
                                   "ctp-artifacts/Site.fails.repeat-2.attempt-2.html"});
}

TEST_CASE("a JavaScript error on the page fails the test, unless the test allows them" * doctest::skip(no_chromium)) {
    const std::filesystem::path directory = scratch("javascript");
    ctp::Registry registry;
    static std::string url;
    registry.add<Site>("Site", "throws", [](Site&) {
        url = Site::live_server_url() + "/throws";
        Site::page().go(url);
    });
    registry.add<Site>("Site", "allows", [](Site&) {
        Site::page().allow_javascript_errors();
        Site::page().go(Site::live_server_url() + "/throws");
    });
    ctp::Options options;
    options.json_report = (directory / "report.json").string();
    const ctp::Result result = ctp::run(registry, options);
    const ctp::TestRecord& thrown = testing::record(result, "Site.throws");
    CHECK(thrown.outcome == ctp::Outcome::failed);
    REQUIRE(thrown.failures.size() == 1);
    CHECK(thrown.failures[0].message ==
          "JavaScript error on the page: Error: boom\n    at fail (" + url + ":2:25)\n    at " + url + ":3:1");
    // The failure it makes is one that keeps the page.
    CHECK(attachments_in(thrown, directory) ==
          std::vector<std::string>{"ctp-artifacts/Site.throws.png", "ctp-artifacts/Site.throws.html"});
    const ctp::TestRecord& allowed = testing::record(result, "Site.allows");
    CHECK(allowed.outcome == ctp::Outcome::passed);
    CHECK(allowed.attachments.empty());
}

namespace {

struct Absent : ctp::BrowserTestCase {
    static void routes(ctp::Router& router) { site_routes(router); }
    static ctp::BrowserOptions browser_options() {
        ctp::BrowserOptions options;
        options.executable = "/nonexistent/chromium";
        return options;
    }
};

bool absent_class_hook_ran = false;

struct AbsentByVariable : ctp::BrowserTestCase {
    static void set_up_class() { absent_class_hook_ran = true; }
};

}  // namespace

TEST_CASE("without a browser every test of the class is an error naming what to install") {
    ctp::Registry registry;
    registry.add<Absent>("Absent", "a", [](Absent&) { Absent::page(); });
    registry.add<Absent>("Absent", "b", [](Absent&) {});
    const ctp::Result result = ctp::run(registry, {});
    CHECK(result.errors == 2);
    for (const ctp::TestRecord& test : result.tests) {
        CAPTURE(test.full_name());
        CHECK(test.outcome == ctp::Outcome::error);
        REQUIRE(test.failures.size() == 1);
        CHECK(test.failures[0].message ==
              "unexpected exception in the live server's start: ctp::BrowserError: no browser at "
              "'/nonexistent/chromium': install Debian's package chromium, or set CTP_BROWSER to a Chromium or "
              "Chrome executable");
    }
}

TEST_CASE("CTP_BROWSER naming a missing program makes every test of the class an error") {
    const char* before = std::getenv("CTP_BROWSER");
    const std::string saved = before != nullptr ? before : "";
    ::setenv("CTP_BROWSER", "/nonexistent/by-variable", 1);
    ctp::Registry registry;
    registry.add<AbsentByVariable>("AbsentByVariable", "a", [](AbsentByVariable&) {});
    absent_class_hook_ran = false;
    const ctp::Result result = ctp::run(registry, testing::parallel(2));
    if (before != nullptr) ::setenv("CTP_BROWSER", saved.c_str(), 1);
    else ::unsetenv("CTP_BROWSER");
    CHECK_FALSE(absent_class_hook_ran);
    REQUIRE(result.tests.size() == 1);
    CHECK(result.tests[0].outcome == ctp::Outcome::error);
    REQUIRE(result.tests[0].failures.size() == 1);
    CHECK(result.tests[0].failures[0].message ==
          "unexpected exception in the live server's start: ctp::BrowserError: no browser at "
          "'/nonexistent/by-variable': install Debian's package chromium, or set CTP_BROWSER to a Chromium or "
          "Chrome executable");
}

namespace {

struct Exits : ctp::BrowserTestCase {
    static inline std::string program;
    static ctp::BrowserOptions browser_options() {
        ctp::BrowserOptions options;
        options.executable = program;
        return options;
    }
};

}  // namespace

TEST_CASE("a browser that exits at once makes every test of the class an error, also isolated") {
    const std::filesystem::path directory = scratch("exits");
    Exits::program = (directory / "exits.sh").string();
    std::ofstream(Exits::program) << "#!/bin/sh\necho 'fake browser: giving up' >&2\nexit 3\n";
    ::chmod(Exits::program.c_str(), 0755);
    for (const bool isolate : {false, true}) {
        CAPTURE(isolate);
        ctp::Registry registry;
        registry.add<Exits>("Exits", "a", [](Exits&) {});
        registry.add<Exits>("Exits", "b", [](Exits&) {});
        ctp::Options options;
        options.isolate = isolate;
        const ctp::Result result = ctp::run(registry, options);
        CHECK(result.errors == 2);
        for (const ctp::TestRecord& test : result.tests) {
            REQUIRE(test.failures.size() == 1);
            // All but the pid, which varies.
            const std::string& message = test.failures[0].message;
            CHECK(
                message.starts_with("unexpected exception in the live server's start: ctp::BrowserError: the "
                                    "browser at '" +
                                    Exits::program + "' (pid "));
            CHECK(
                message.ends_with(") exited before answering: exited with status 3; its last output:\n"
                                  "fake browser: giving up"));
        }
    }
}

namespace {

std::vector<int> browser_pids;

struct Crashing : ctp::BrowserTestCase {
    static void routes(ctp::Router& router) { site_routes(router); }
};

}  // namespace

TEST_CASE("a browser that dies in a test errs that test, and a new one serves the next" * doctest::skip(no_chromium)) {
    ctp::Registry registry;
    registry.add<Crashing>("Crashing", "killed", [](Crashing&) {
        Crashing::page().go(Crashing::live_server_url() + "/");
        browser_pids.push_back(Crashing::browser().pid());
        ::kill(Crashing::browser().pid(), SIGKILL);
        Crashing::page().go(Crashing::live_server_url() + "/");
    });
    registry.add<Crashing>("Crashing", "after", [](Crashing&) {
        Crashing::page().go(Crashing::live_server_url() + "/");
        CTP_CHECK(Crashing::page().find("#message").text() == "hello");
        browser_pids.push_back(Crashing::browser().pid());
    });
    browser_pids.clear();
    const ctp::Result result = ctp::run(registry, {});
    const ctp::TestRecord& killed = testing::record(result, "Crashing.killed");
    CHECK(killed.outcome == ctp::Outcome::error);
    REQUIRE(killed.failures.size() == 1);
    REQUIRE(browser_pids.size() == 2);
    CHECK(killed.failures[0].message.starts_with("unexpected exception in test: ctp::BrowserError: the browser (pid " +
                                                 std::to_string(browser_pids[0]) +
                                                 ") died: was killed by signal 9 (Killed); its last output:\n"));
    CHECK(killed.attachments.empty());
    CHECK(testing::record(result, "Crashing.after").outcome == ctp::Outcome::passed);
    CHECK(browser_pids[0] != browser_pids[1]);
}

TEST_CASE("a browser that dies while the test does not use it still errs the test" * doctest::skip(no_chromium)) {
    ctp::Registry registry;
    registry.add<Crashing>("Crashing", "killed", [](Crashing&) {
        Crashing::page().go(Crashing::live_server_url() + "/");
        ctp::Browser& browser = Crashing::browser();
        ::kill(browser.pid(), SIGKILL);
        while (browser.running()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    });
    registry.add<Crashing>("Crashing", "after", [](Crashing&) {
        Crashing::page().go(Crashing::live_server_url() + "/");
        CTP_CHECK(Crashing::page().title() == "Home");
    });
    const ctp::Result result = ctp::run(registry, {});
    const ctp::TestRecord& killed = testing::record(result, "Crashing.killed");
    CHECK(killed.outcome == ctp::Outcome::error);
    REQUIRE(killed.failures.size() == 1);
    CHECK(killed.failures[0].message == "the browser stopped running during the test");
    CHECK(testing::record(result, "Crashing.after").outcome == ctp::Outcome::passed);
}

TEST_CASE("page() and browser() outside a browser test throw, naming where they work") {
    ctp::Registry registry;
    registry.add("Plain", "page", [] { ctp::BrowserTestCase::page(); });
    registry.add("Plain", "browser", [] { ctp::BrowserTestCase::browser(); });
    const ctp::Result result = ctp::run(registry, {});
    REQUIRE(testing::record(result, "Plain.page").failures.size() == 1);
    CHECK(testing::record(result, "Plain.page").failures[0].message ==
          "unexpected exception in test: std::logic_error: no browser: ctp::BrowserTestCase::page() works only in "
          "the tests and class hooks of a ctp::BrowserTestCase fixture");
    REQUIRE(testing::record(result, "Plain.browser").failures.size() == 1);
    CHECK(testing::record(result, "Plain.browser").failures[0].message ==
          "unexpected exception in test: std::logic_error: no browser: ctp::BrowserTestCase::browser() works only "
          "in the tests and class hooks of a ctp::BrowserTestCase fixture");
}

#if defined(CTP_TEST_BROWSER_FACTORY)
TEST_CASE("a BrowserTestCase in a program that did not compile the browser: each test errs, naming the fix") {
    const ctp::detail::BrowserSessionFactory saved = ctp::detail::browser_session_factory();
    ctp::detail::browser_session_factory() = nullptr;
    ctp::Registry registry;
    registry.add<Site>("Site", "a", [](Site&) {});
    registry.add<Site>("Site", "b", [](Site&) {});
    const ctp::Result result = ctp::run(registry, {});
    ctp::detail::browser_session_factory() = saved;
    REQUIRE(result.tests.size() == 2);
    for (const ctp::TestRecord& test : result.tests) {
        CHECK(test.outcome == ctp::Outcome::error);
        REQUIRE(test.failures.size() == 1);
        CHECK(test.failures[0].message ==
              "unexpected exception in the live server's start: std::logic_error: no browser: a "
              "ctp::BrowserTestCase needs <ctp/browser.hpp> included in the file that defines CTP_MAIN (or "
              "CTP_IMPLEMENT)");
    }
}
#endif  // defined(CTP_TEST_BROWSER_FACTORY)

TEST_CASE("ctp::attach keeps a file with the test, made absolute, in every report and across --isolate") {
    const std::filesystem::path directory = scratch("attach");
    const std::string junit = (directory / "junit.xml").string(), json = (directory / "report.json").string();
    for (const bool isolate : {false, true}) {
        CAPTURE(isolate);
        ctp::Registry registry;
        registry.add("Attach", "fails", [] {
            ctp::attach("relative/log.txt");
            ctp::attach(std::filesystem::path("/tmp/absolute.txt"));
            CTP_FAIL("see the log");
        });
        registry.add("Attach", "passes", [] { ctp::attach(std::string("/tmp/kept.txt")); });
        std::vector<const char*> arguments{"--junit-xml", junit.c_str(), "--json", json.c_str()};
        if (isolate) arguments.push_back("--isolate");
        std::vector<const char*> argv{"tests"};
        argv.insert(argv.end(), arguments.begin(), arguments.end());
        std::ostringstream out, err;
        CHECK(ctp::main(registry, static_cast<int>(argv.size()), argv.data(), out, err) == 1);
        const std::string relative = (std::filesystem::current_path() / "relative/log.txt").string();
        const std::vector<std::string> console = testing::lines(out.str());
        const auto at = std::find(console.begin(), console.end(), "attachment: " + relative);
        REQUIRE(at != console.end());
        REQUIRE(std::next(at) != console.end());
        CHECK(*std::next(at) == "attachment: /tmp/absolute.txt");
        CHECK(std::count(console.begin(), console.end(), "attachment: /tmp/kept.txt") == 0);  // a passing test
        const std::string xml = read_file(junit);
        CHECK(xml.find("--- Attach.fails ---\n[[ATTACHMENT|" + relative + "]]\n[[ATTACHMENT|/tmp/absolute.txt]]\n") !=
              std::string::npos);
        CHECK(xml.find("--- Attach.passes ---\n[[ATTACHMENT|/tmp/kept.txt]]\n") != std::string::npos);
        const std::string report = read_file(json);
        CHECK(report.find("\n     \"attachments\": [\"" + relative + "\", \"/tmp/absolute.txt\"]}") !=
              std::string::npos);
        CHECK(report.find("\n     \"attachments\": [\"/tmp/kept.txt\"]}") != std::string::npos);
    }
}
