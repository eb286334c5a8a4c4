// A real browser: headless Chromium, driven over W3C WebDriver with ctp's own HTTP client,
// loads a page from the live server, and the page's JavaScript talks to the server over a
// WebSocket. Where Chromium or chromedriver is not installed, the class is skipped.
#define CTP_MAIN
#include <ctp/ctp.hpp>
#include <ctp/live_server.hpp>  // ctp::Router, ctp::http, ctp::WebSocketClient, and the servers

#include <fcntl.h>       // O_WRONLY
#include <netinet/in.h>  // sockaddr_in, htonl, ntohs
#include <signal.h>      // kill, SIGTERM
#include <spawn.h>       // posix_spawn
#include <sys/socket.h>  // socket, bind, getsockname
#include <sys/wait.h>    // waitpid
#include <unistd.h>      // close, environ

#include <cctype>  // toupper
#include <cerrno>
#include <chrono>
#include <cstdlib>  // mkdtemp
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>  // sleep_for
#include <vector>

namespace {

const std::string chromium = "/usr/bin/chromium";
const std::string chromedriver = "/usr/bin/chromedriver";

// A loopback port nobody listens on at the moment, for chromedriver.
unsigned short free_port() {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const bool found = fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0 &&
                       ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0;
    if (fd >= 0) ::close(fd);
    if (!found) throw std::system_error(errno, std::generic_category(), "free_port");
    return ntohs(address.sin_port);
}

// Whether `done()` became true within 10 s, asking every 50 ms.
template <class Condition>
bool eventually(Condition done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
}

// The string value of the first "key" in a JSON text (escapes other than \" and \\ are kept
// as they are): enough for WebDriver's replies.
std::string json_string(const std::string& json, const std::string& key) {
    std::size_t at = json.find('"' + key + '"');
    if (at != std::string::npos) at = json.find_first_not_of(" :", at + key.size() + 2);
    if (at == std::string::npos || json[at] != '"') return {};
    std::string value;
    for (++at; at < json.size() && json[at] != '"'; ++at) value += json[at] == '\\' ? json[++at] : json[at];
    return value;
}

// A directory of our own under /tmp, removed with everything in it.
class TempDir {
public:
    TempDir() : path_((std::filesystem::temp_directory_path() / "ctp-chromium-XXXXXX").string()) {
        if (::mkdtemp(path_.data()) == nullptr) throw std::system_error(errno, std::generic_category(), "mkdtemp");
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

// A child process, stopped and reaped when the object goes.
class ChildProcess {
public:
    explicit ChildProcess(std::vector<std::string> argv) {
        std::vector<char*> args;
        for (std::string& arg : argv) args.push_back(arg.data());
        args.push_back(nullptr);
        posix_spawn_file_actions_t quiet;  // its log would mix with the test output
        posix_spawn_file_actions_init(&quiet);
        posix_spawn_file_actions_addopen(&quiet, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_adddup2(&quiet, STDOUT_FILENO, STDERR_FILENO);
        const int error = ::posix_spawn(&pid_, args[0], &quiet, nullptr, args.data(), environ);
        posix_spawn_file_actions_destroy(&quiet);
        if (error != 0) throw std::system_error(error, std::generic_category(), "posix_spawn " + argv[0]);
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    ~ChildProcess() {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
    }

private:
    pid_t pid_ = -1;
};

// chromedriver with one headless Chromium session. When it goes, the session ends (Chromium
// quits), then chromedriver is stopped and the browser profile removed (members in reverse).
class WebDriver {
public:
    explicit WebDriver(unsigned short port)
        : url_("http://127.0.0.1:" + std::to_string(port)),
          driver_({chromedriver, "--port=" + std::to_string(port)}) {
        CTP_REQUIRE(eventually([&] { return answers("/status"); }));
        const std::string args = R"("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",)"
                                 R"("--disable-background-networking", "--disable-component-update",)"
                                 R"("--disable-sync", "--no-first-run", "--user-data-dir=)" +
                                 profile_.path() + '"';
        const ctp::Response res = request("POST", "/session",
                                          R"({"capabilities": {"alwaysMatch": {"goog:chromeOptions": {"binary": ")" +
                                              chromium + R"(", "args": [)" + args + "]}}}}");
        session_ = json_string(res.body, "sessionId");
        if (session_.empty()) throw std::runtime_error("no WebDriver session: " + res.body);
    }
    WebDriver(const WebDriver&) = delete;
    WebDriver& operator=(const WebDriver&) = delete;
    ~WebDriver() {
        try {
            command("DELETE", "");
        } catch (const ctp::HttpError&) {
            // chromedriver is gone already; stopping it below is all that is left.
        }
    }

    // One command of the session: `path` follows /session/{id}.
    ctp::Response command(const std::string& method, const std::string& path, const std::string& body = {}) {
        return request(method, "/session/" + session_ + path, body);
    }

private:
    ctp::Response request(const std::string& method, const std::string& path, const std::string& body) {
        ctp::HttpOptions options;
        options.headers.add("Content-Type", "application/json");
        options.timeout = std::chrono::seconds(60);  // Chromium starts slowly on a busy machine
        return ctp::http::request(method, url_ + path, body, options);
    }

    bool answers(const std::string& path) {
        try {
            return request("GET", path, {}).status == 200;
        } catch (const ctp::HttpError&) {
            return false;
        }
    }

    std::string url_;
    TempDir profile_;
    ChildProcess driver_;
    std::string session_;
};

}  // namespace

struct Browser : ctp::StaticLiveServerTestCase {
    static std::filesystem::path static_root() { return std::filesystem::path(__FILE__).parent_path() / "browser"; }
    static void routes(ctp::Router& r) {
        r.websocket("/ws/shout/", [](ctp::WebSocket& ws) {
            while (auto message = ws.receive()) {
                for (char& c : message->data) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                ws.send(message->data);
            }
        });
    }

    // One browser for the class: starting Chromium takes longer than the tests.
    static inline std::optional<WebDriver> browser;

    static void set_up_class() {
        if (!std::filesystem::exists(chromium) || !std::filesystem::exists(chromedriver))
            CTP_SKIP("needs /usr/bin/chromium and /usr/bin/chromedriver (Debian: chromium chromium-driver)");
        browser.emplace(free_port());
    }
    static void tear_down_class() { browser.reset(); }

    static void open(const std::string& path) {
        const std::string body = R"({"url": ")" + live_server_url() + path + R"("})";
        CTP_REQUIRE(browser->command("POST", "/url", body).status == 200);  // returns once loaded
    }
    static std::string text_of(const std::string& element) {
        return json_string(browser->command("GET", "/element/" + element + "/text").body, "value");
    }
};

CTP_TEST_F(Browser, loads_the_page) {
    open("/");
    CTP_CHECK(json_string(browser->command("GET", "/title").body, "value") == "ctp browser example");
}

CTP_TEST_F(Browser, shows_the_websocket_reply) {
    open("/");
    const ctp::Response found = browser->command("POST", "/element", R"({"using": "css selector", "value": "#reply"})");
    const std::string reply = json_string(found.body, "element-6066-11e4-a52e-4f735466cecf");
    CTP_REQUIRE_FALSE(reply.empty());
    // The page writes the reply when it arrives, some time after the load.
    std::string text;
    eventually([&] { return (text = text_of(reply)) == "HELLO FROM THE BROWSER"; });
    CTP_CHECK(text == "HELLO FROM THE BROWSER");
}

// $ ./08_browser --parallel 2 -v
// Found 2 test(s).
// Running 2 WebSocket/Selenium tests serially...
// Browser.loads_the_page ... ok (0.492s)
// Browser.shows_the_websocket_reply ... ok (0.127s)
// ----------------------------------------------------------------------
// Ran 2 tests in 1.643s
//
// OK
//
// Without Chromium each test is "skipped 'needs /usr/bin/chromium and ...'", then "OK (skipped=2)".
