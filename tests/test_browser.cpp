// ctp::Browser against real headless Chromium, serving its pages from a ctp::LiveServer, and
// against fake browsers that exit, crash or hang. Without Chromium the cases that need it are
// skipped with a message.
#define CTP_LIVE_SERVER_API  // rather than <ctp/live_server.hpp>, which the single-header build lacks
#define CTP_BROWSER_API      // and rather than <ctp/browser.hpp>
#include "testing.hpp"

#include <signal.h>  // kill, SIGKILL
#include <unistd.h>  // access

#include <cctype>  // isdigit
#include <chrono>
#include <cstdio>    // fprintf
#include <cstdlib>   // getenv
#include <ctime>     // time
#include <dirent.h>  // opendir
#include <fstream>
#include <iterator>  // istreambuf_iterator
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

// Where the library looks: $CTP_BROWSER, else /usr/bin/chromium.
std::string browser_path() {
    const char* chosen = std::getenv("CTP_BROWSER");
    return chosen != nullptr && *chosen != '\0' ? chosen : "/usr/bin/chromium";
}

bool no_browser() {
    static const bool absent = [] {
        const bool missing = ::access(browser_path().c_str(), X_OK) != 0;
        if (missing)
            std::fprintf(stderr, "test_browser.cpp: skipping the tests that need Chromium: no browser at '%s'\n",
                         browser_path().c_str());
        return missing;
    }();
    return absent;
}

std::string fake(const char* name) { return std::string(CTP_SOURCE_DIR) + "/tests/browser/" + name; }

const char* const form_page = R"(<!doctype html><title>Form</title>
<p id="greeting" class="big" data-empty="">Hello <b>there</b></p>
<p id="hidden" style="display:none">secret</p>
<p id="invisible" style="visibility:hidden">ghost</p>
<ul><li>one</li><li>two</li><li>three</li></ul>
<input id="name" value="Ada"><textarea id="notes"></textarea>
<button id="go" style="margin-top:2000px">Go</button>
<button id="boxless" style="display:none">none</button>
<p id="log"></p>
<script>
const log = (text) => { document.getElementById('log').textContent += text + ' '; };
const go = document.getElementById('go');
for (const type of ['mousedown', 'mouseup', 'click']) go.addEventListener(type, (e) => log(type + '@' + e.isTrusted));
document.getElementById('boxless').addEventListener('click', () => log('boxless'));
const name = document.getElementById('name');
name.addEventListener('keydown', (e) => log('keydown:' + e.key));
name.addEventListener('input', () => log('input'));
name.addEventListener('change', () => log('change'));
</script>)";

const char* const later_page = R"(<!doctype html><title>Later</title>
<p id="status">Working...</p>
<script>
setTimeout(() => {
  document.getElementById('status').textContent = 'Done';
  const p = document.createElement('p'); p.id = 'late'; p.textContent = 'arrived';
  document.body.append(p);
  window.ready = true;
}, 150);
</script>)";

// What a timed-out wait sees: the page never gets there.
const char* const stuck_page = R"(<!doctype html><title>Stuck</title>
<p id="status">Working...</p>
<script>window.ready = false;</script>)";

const char* const errors_page = R"(<!doctype html><title>Errors</title>
<script>
console.log('hello', 42, {a: 1}, [1, 2], null, undefined, true);
console.warn('careful');
console.error('bad');
function fail() {
  throw new Error('boom');
}
setTimeout(fail, 0);
</script>)";

// A server and a browser for the cases that only read and navigate, made at first use and
// ended with the case (EndsShared): no thread of theirs may outlive it, since a later test
// forks --isolate's workers, and a fork of a process with other threads is unsafe.
struct SharedObjects {
    std::optional<ctp::LiveServer> server;
    std::optional<ctp::Browser> browser;
};

SharedObjects& shared() {
    static SharedObjects objects;
    return objects;
}

struct EndsShared {
    EndsShared() = default;
    EndsShared(const EndsShared&) = delete;
    EndsShared& operator=(const EndsShared&) = delete;
    ~EndsShared() {
        shared().browser.reset();
        shared().server.reset();
    }
};

ctp::LiveServer& server() {
    if (!shared().server) {
        shared().server.emplace([](ctp::Router& r) {
            r.get("/form", [](const ctp::Request&) { return ctp::Response::html(form_page); });
            r.get("/later", [](const ctp::Request&) { return ctp::Response::html(later_page); });
            r.get("/stuck", [](const ctp::Request&) { return ctp::Response::html(stuck_page); });
            r.get("/errors", [](const ctp::Request&) { return ctp::Response::html(errors_page); });
            r.get("/cookie", [](const ctp::Request&) {
                return ctp::Response::html("<title>Cookie</title>").with_header("Set-Cookie", "flavour=oat; Path=/");
            });
        });
        shared().server->start();
    }
    return *shared().server;
}

std::string url(const std::string& path) { return server().url() + path; }

ctp::Browser& shared_browser() {
    if (!shared().browser) shared().browser.emplace();
    return *shared().browser;
}

ctp::Page page_at(const std::string& path) {
    ctp::Page page = shared_browser().new_page();
    page.go(url(path));
    return page;
}

std::string file_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> process_ids() {
    std::vector<std::string> ids;
    if (DIR* proc = ::opendir("/proc")) {
        while (const dirent* entry = ::readdir(proc))
            if (std::isdigit(static_cast<unsigned char>(entry->d_name[0]))) ids.emplace_back(entry->d_name);
        ::closedir(proc);
    }
    return ids;
}

// What a BrowserError thrown by `action` says; "" when nothing was thrown.
template <class Action>
std::string browser_error(Action action) {
    try {
        action();
    } catch (const ctp::BrowserError& error) {
        return error.what();
    }
    return "";
}

}  // namespace

TEST_SUITE("browser" * doctest::skip(no_browser())) {
    TEST_CASE_FIXTURE(EndsShared, "a browser starts, names its version and opens pages that load") {
        ctp::Browser& browser = shared_browser();
        CHECK(browser.running());
        CHECK(browser.pid() > 0);
        CHECK(browser.version().starts_with("Chrome/"));
        CHECK(browser.options().width == 1280);
        ctp::Page page = page_at("/form");
        CHECK(page.title() == "Form");
        CHECK(page.url() == url("/form"));
        CHECK(
            page.content().starts_with("<html><head><title>Form</title>\n</head><body><p id=\"greeting\" class=\"big\" "
                                       "data-empty=\"\">Hello <b>there</b></p>"));
        page.reload();
        CHECK(page.title() == "Form");
        page.go(url("/later"));
        CHECK(page.title() == "Later");
    }

    TEST_CASE_FIXTURE(EndsShared, "go names the URL it cannot load; outside a test that is a BrowserError") {
        ctp::Page page = shared_browser().new_page();
        CHECK(browser_error([&] { page.go("http://127.0.0.1:1/"); }) ==
              "cannot load http://127.0.0.1:1/: net::ERR_UNSAFE_PORT");
    }

    TEST_CASE_FIXTURE(EndsShared, "evaluate gives strings as themselves and other values as JSON") {
        ctp::Page page = page_at("/form");
        CHECK(page.evaluate("'text'") == "text");
        CHECK(page.evaluate("6 * 7") == "42");
        CHECK(page.evaluate("1.5") == "1.5");
        CHECK(page.evaluate("true") == "true");
        CHECK(page.evaluate("null") == "null");
        CHECK(page.evaluate("undefined") == "undefined");
        CHECK(page.evaluate("1 / 0") == "Infinity");
        CHECK(page.evaluate("({a: [1, 'x\"y'], b: {c: null}})") == R"({"a":[1,"x\"y"],"b":{"c":null}})");
        CHECK(page.evaluate("new Promise((resolve) => setTimeout(() => resolve('later'), 10))") == "later");
        CHECK(page.evaluate("'\\u00e9\\ud83d\\ude00'") == "\xC3\xA9\xF0\x9F\x98\x80");
        CHECK(browser_error([&] { page.evaluate("throw new Error('boom')"); }) ==
              "`throw new Error('boom')` threw Error: boom");
        CHECK(browser_error([&] { page.evaluate("missing_name"); }) ==
              "`missing_name` threw ReferenceError: missing_name is not defined");
    }

    TEST_CASE_FIXTURE(EndsShared, "find and the element's text, value, attributes and visibility") {
        ctp::Page page = page_at("/form");
        ctp::Element greeting = page.find("#greeting");
        CHECK(greeting.selector() == "#greeting");
        CHECK(greeting.text() == "Hello there");
        CHECK(greeting.value() == "");
        CHECK(greeting.attribute("class") == std::optional<std::string>("big"));
        CHECK(greeting.attribute("data-empty") == std::optional<std::string>(""));
        CHECK(greeting.attribute("title") == std::nullopt);
        CHECK(greeting.visible());
        CHECK(!page.find("#hidden").visible());
        CHECK(!page.find("#invisible").visible());
        CHECK(page.find("#name").value() == "Ada");
        std::vector<std::string> items;
        for (const ctp::Element& item : page.find_all("li")) items.push_back(item.text());
        CHECK(items == std::vector<std::string>{"one", "two", "three"});
        CHECK(page.find_all("table").empty());
        CHECK(browser_error([&] { page.find("#missing"); }) ==
              "no element matches '#missing'; the page: " + url("/form") +
                  R"( "Form" body text: "Hello there\n\none\ntwo\nthree\n Go")");
        CHECK(browser_error([&] { page.find("p["); }) ==
              "finding 'p[' threw SyntaxError: Failed to execute 'querySelector' on 'Document': 'p[' is not a valid "
              "selector.");
    }

    TEST_CASE_FIXTURE(EndsShared,
                      "click scrolls to the element and presses the mouse on it; without a box it clicks in the DOM") {
        ctp::Page page = page_at("/form");
        page.find("#go").click();
        CHECK(page.find("#log").text() == "mousedown@true mouseup@true click@true");
        CHECK(page.evaluate("window.scrollY > 0") == "true");
        page.find("#boxless").click();
        CHECK(page.find("#log").text() == "mousedown@true mouseup@true click@true boxless");
    }

    TEST_CASE_FIXTURE(EndsShared, "type presses keys into the focused field after its text; clear empties it") {
        ctp::Page page = page_at("/form");
        ctp::Element name = page.find("#name");
        name.type("B!");
        CHECK(name.value() == "AdaB!");
        CHECK(page.find("#log").text() == "keydown:B input keydown:! input");
        name.clear();
        CHECK(name.value() == "");
        CHECK(page.find("#log").text() == "keydown:B input keydown:! input input change");
        ctp::Element notes = page.find("#notes");
        notes.type("line 1\nlíne 2");
        CHECK(notes.value() == "line 1\nlíne 2");
        CHECK(browser_error([&] { page.find("#greeting").type("x"); }) ==
              "cannot type into '#greeting': it does not take the keyboard focus");
    }

    TEST_CASE_FIXTURE(EndsShared, "an element removed from the page, or from a page that navigated, cannot be used") {
        ctp::Page page = page_at("/form");
        ctp::Element greeting = page.find("#greeting");
        page.evaluate("document.getElementById('greeting').remove()");
        CHECK(browser_error([&] { greeting.text(); }) == "the element '#greeting' is no longer in the page");
        ctp::Element name = page.find("#name");
        page.go(url("/later"));
        CHECK(browser_error([&] { name.value(); }) == "the element '#name' is no longer in the page");
    }

    TEST_CASE_FIXTURE(EndsShared, "waits return once the page shows what they wait for") {
        ctp::Page page = page_at("/later");
        CHECK(page.wait_for("#late").text() == "arrived");
        page.go(url("/later"));
        CHECK(page.wait_for_text("#status", "Done").text() == "Done");
        page.go(url("/later"));
        page.wait_until("window.ready === true");
        CHECK(page.find("#late").text() == "arrived");
    }

    TEST_CASE_FIXTURE(EndsShared, "a wait that times out says what it waited for and what the page showed") {
        ctp::Page page = page_at("/stuck");
        const std::string shown = "; the page: " + url("/stuck") + R"( "Stuck" body text: "Working...")";
        const std::chrono::milliseconds short_wait(50);
        CHECK(browser_error([&] { page.wait_for("#late", short_wait); }) ==
              "timed out after 50 ms waiting for '#late' to appear" + shown);
        CHECK(browser_error([&] { page.wait_for_text("#status", "Done", short_wait); }) ==
              R"(timed out after 50 ms waiting for '#status' to contain "Done"; it contains "Working...")" + shown);
        CHECK(browser_error([&] { page.wait_for_text("#absent", "Done", short_wait); }) ==
              R"(timed out after 50 ms waiting for '#absent' to contain "Done"; no element matches it)" + shown);
        CHECK(browser_error([&] { page.wait_until("window.ready === true", short_wait); }) ==
              "timed out after 50 ms waiting until window.ready === true; it is false" + shown);
        CHECK(browser_error([&] { page.wait_until("not_yet_defined.ready", short_wait); }) ==
              "timed out after 50 ms waiting until not_yet_defined.ready; it throws ReferenceError: not_yet_defined is "
              "not defined" +
                  shown);
    }

    TEST_CASE_FIXTURE(EndsShared,
                      "inside a test, a missing element and a timed-out wait are fatal failures at the caller's line") {
        shared_browser();  // started here: a browser ends with the thread that started it
        ctp::Registry registry;
        int line = 0;
        bool went_on = false;
        registry.add("Browser", "find", [&] {
            ctp::Page page = page_at("/stuck");
            line = __LINE__ + 1;
            page.find("#missing");
            went_on = true;
        });
        registry.add("Browser", "wait", [&] {
            ctp::Page page = page_at("/stuck");
            page.wait_for_text("#status", "Never", std::chrono::milliseconds(30));
            went_on = true;
        });
        const ctp::Result result = ctp::run(registry, {});
        const ctp::TestRecord& find = testing::record(result, "Browser.find");
        REQUIRE(find.failures.size() == 1);
        CHECK(find.outcome == ctp::Outcome::failed);
        CHECK(find.failures[0].line == line);
        CHECK(find.failures[0].file == __FILE__);
        CHECK(find.failures[0].message ==
              "no element matches '#missing'; the page: " + url("/stuck") + R"( "Stuck" body text: "Working...")");
        const ctp::TestRecord& wait = testing::record(result, "Browser.wait");
        REQUIRE(wait.failures.size() == 1);
        CHECK(wait.failures[0].message.starts_with(
            R"(timed out after 30 ms waiting for '#status' to contain "Never"; it contains "Working...")"));
        CHECK(!went_on);
    }

    TEST_CASE_FIXTURE(EndsShared, "a screenshot is a PNG of the viewport; set_viewport resizes it") {
        ctp::Page page = page_at("/form");
        const std::string path = "/tmp/ctp_test_browser_" + std::to_string(::getpid()) + ".png";
        page.set_viewport(400, 300);
        CHECK(page.evaluate("[innerWidth, innerHeight]") == "[400,300]");
        page.screenshot(path);
        const std::string png = file_text(path);
        std::remove(path.c_str());
        REQUIRE(png.size() > 24);
        CHECK(png.substr(0, 8) == "\x89PNG\r\n\x1a\n");
        // The IHDR chunk's width and height, big-endian.
        CHECK(png.substr(16, 8) == std::string("\0\0\x01\x90\0\0\x01\x2c", 8));
        CHECK(browser_error([&] { page.screenshot("/nonexistent/shot.png"); }) ==
              "cannot write the screenshot to '/nonexistent/shot.png': No such file or directory");
    }

    TEST_CASE_FIXTURE(EndsShared, "cookies are the page's own") {
        ctp::Page page = page_at("/cookie");
        std::vector<ctp::Cookie> cookies = page.cookies();
        REQUIRE(cookies.size() == 1);
        CHECK(cookies[0].name == "flavour");
        CHECK(cookies[0].value == "oat");
        CHECK(cookies[0].domain == "127.0.0.1");
        CHECK(cookies[0].path == "/");
        CHECK(!cookies[0].secure);
        CHECK(!cookies[0].http_only);
        CHECK(cookies[0].expires == -1);
        ctp::Cookie added;
        added.name = "token";
        added.value = "abc";
        added.http_only = true;
        const double tomorrow = static_cast<double>(std::time(nullptr) + 86400);
        added.expires = tomorrow;
        page.set_cookie(added);
        cookies = page.cookies();
        REQUIRE(cookies.size() == 2);
        CHECK(cookies[1].name == "token");
        CHECK(cookies[1].domain == "127.0.0.1");
        CHECK(cookies[1].http_only);
        CHECK(cookies[1].expires == tomorrow);
        CHECK(page.evaluate("document.cookie") == "flavour=oat");
        ctp::Page other = page_at("/form");
        CHECK(other.cookies().empty());
        page.clear_cookies();
        CHECK(page.cookies().empty());
    }

    TEST_CASE_FIXTURE(EndsShared, "the console's messages and the page's uncaught exceptions are kept in order") {
        ctp::Page page = page_at("/errors");
        page.wait_until("true");  // after the timer that throws
        const std::vector<ctp::ConsoleMessage> console = page.console();
        REQUIRE(console.size() == 3);
        CHECK(console[0].level == "log");
        CHECK(console[0].text == "hello 42 Object Array(2) null undefined true");
        CHECK(console[1].level == "warning");
        CHECK(console[1].text == "careful");
        CHECK(console[2].level == "error");
        CHECK(console[2].text == "bad");
        const std::vector<std::string> errors = page.javascript_errors();
        REQUIRE(errors.size() == 1);
        CHECK(errors[0] == "Error: boom\n    at fail (" + url("/errors") + ":7:9)");
        CHECK(!page.javascript_errors_allowed());
        page.allow_javascript_errors();
        CHECK(page.javascript_errors_allowed());
    }

    TEST_CASE_FIXTURE(EndsShared, "a page whose renderer crashes fails its command; the browser serves new pages") {
        ctp::Browser browser;
        ctp::Page page = browser.new_page();
        page.go(url("/form"));
        // Its renderer is among the processes of the browser's group started with --type=renderer.
        int killed = 0;
        for (const std::string& pid : process_ids()) {
            const std::string stat = file_text("/proc/" + pid + "/stat");
            const std::size_t after_name = stat.rfind(')');
            if (after_name == std::string::npos) continue;
            std::istringstream fields(stat.substr(after_name + 2));
            std::string state;
            int parent = 0, group = 0;
            fields >> state >> parent >> group;
            if (group == browser.pid() &&
                file_text("/proc/" + pid + "/cmdline").find("--type=renderer") != std::string::npos) {
                ::kill(std::stoi(pid), SIGKILL);
                ++killed;
            }
        }
        REQUIRE(killed > 0);
        CHECK(browser_error([&] { page.wait_until("false", std::chrono::milliseconds(10000)); }) ==
              "the page crashed (its renderer process ended)");
        ctp::Page next = browser.new_page();
        next.go(url("/form"));
        CHECK(next.title() == "Form");
    }

    TEST_CASE_FIXTURE(EndsShared, "a page that hangs fails its command after the command timeout") {
        ctp::BrowserOptions options;
        options.command_timeout = std::chrono::milliseconds(2000);  // creating a page takes less, under load too
        ctp::Browser browser(options);
        ctp::Page page = browser.new_page();
        page.go(url("/form"));
        page.evaluate("setTimeout(() => { for (;;) {} }, 0)");
        CHECK(browser_error([&] { page.wait_for("#never", std::chrono::milliseconds(5000)); }) ==
              "the browser did not answer Runtime.evaluate within 2000 ms");
    }

    TEST_CASE_FIXTURE(EndsShared, "a killed browser fails every later command with how it ended; a new one starts") {
        std::optional<ctp::Browser> browser(std::in_place);
        ctp::Page page = browser->new_page();
        const int pid = browser->pid();
        ::kill(pid, SIGKILL);
        const std::string error = browser_error([&] { page.go(url("/form")); });
        CHECK(
            error.starts_with("the browser (pid " + std::to_string(pid) + ") died: was killed by signal 9 (Killed); "));
        CHECK(!browser->running());
        CHECK(browser_error([&] { browser->new_page(); }) == error);
        browser.reset();
        CHECK(ctp::Browser().new_page().evaluate("1 + 1") == "2");
    }

}  // TEST_SUITE("browser")

TEST_CASE("a browser that is not there names what to install") {
    ctp::BrowserOptions options;
    options.executable = "/nonexistent/chromium";
    CHECK(browser_error([&] { ctp::Browser browser(options); }) ==
          "no browser at '/nonexistent/chromium': install Debian's package chromium, or set CTP_BROWSER to a "
          "Chromium or Chrome executable");
    options.executable = fake("../test_browser.cpp");
    CHECK(browser_error([&] { ctp::Browser browser(options); }) ==
          "cannot start '" + options.executable + "': Permission denied");
}

TEST_CASE("a browser that exits at once shows its exit status and last output") {
    ctp::BrowserOptions options;
    options.executable = fake("fake_browser_exits.sh");
    const std::string error = browser_error([&] { ctp::Browser browser(options); });
    CHECK(error.starts_with("the browser at '" + options.executable + "' (pid "));
    CHECK(error.ends_with(
        ") exited before answering: exited with status 3; its last output:\nfake browser: cannot open the display"));
}

TEST_CASE("a browser that never answers is given up after the start timeout") {
    ctp::BrowserOptions options;
    options.executable = fake("fake_browser_hangs.sh");
    options.start_timeout = std::chrono::milliseconds(200);
    const std::string error = browser_error([&] { ctp::Browser browser(options); });
    CHECK(error.starts_with("the browser at '" + options.executable + "' (pid "));
    CHECK(error.ends_with(") did not answer within 200 ms; its last output:\nfake browser: hanging"));
}

TEST_CASE("a browser that crashes during a command fails it with its signal and last output") {
    ctp::BrowserOptions options;
    options.executable = fake("fake_browser_crashes.sh");
    ctp::Browser browser(options);
    CHECK(browser.version() == "Fake/1.0");
    const std::string error = browser_error([&] { browser.new_page(); });
    CHECK(error ==
          "the browser (pid " + std::to_string(browser.pid()) +
              ") died: was killed by signal 11 (Segmentation fault); its last output:\nfake browser: crashing");
    CHECK(!browser.running());
}
