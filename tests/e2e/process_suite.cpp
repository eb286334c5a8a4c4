// ctp::ProcessLiveServerTestCase's faults, for the end-to-end tests in test_process_faults.py.
// Each class is selected with -k. The harness sets CTP_E2E_SERVER (tests/process_server/
// server.py) and CTP_E2E_PID_FILE, where a server writes its pid for the harness to check.
#define CTP_MAIN
#include <ctp/ctp.hpp>
#include <ctp/live_server.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>  // getenv
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

// The test server, its pid written where the harness looks.
std::vector<std::string> recorded_server() {
    return {"sh", "-c", "echo $$ > \"$CTP_E2E_PID_FILE\"; exec python3 \"$CTP_E2E_SERVER\""};
}

// Until the server has ended (a zombie until ctp reaps it), so that the runner sees it.
void wait_until_ended() {
    std::ifstream pid_file(environment("CTP_E2E_PID_FILE"));
    std::string pid;
    pid_file >> pid;
    for (int attempt = 0; attempt < 500; ++attempt) {
        std::ifstream stat("/proc/" + pid + "/stat");
        std::string same_pid, name, state;
        if (!(stat >> same_pid >> name >> state) || state == "Z") return;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

int* volatile null_pointer = nullptr;

}  // namespace

struct Missing : ctp::ProcessLiveServerTestCase {
    static std::vector<std::string> command() { return {"/nonexistent/server", "--port", "{port}"}; }
};
CTP_TEST_F(Missing, a) {}
CTP_TEST_F(Missing, b) {}

struct EarlyExit : ctp::ProcessLiveServerTestCase {
    static std::vector<std::string> command() {
        return {"sh", "-c", "echo loading config; echo 'config.toml: no such file' >&2; exit 3"};
    }
};
CTP_TEST_F(EarlyExit, a) {}
CTP_TEST_F(EarlyExit, b) {}

struct NeverReady : ctp::ProcessLiveServerTestCase {
    static std::vector<std::string> command() {
        return {"sh", "-c", "echo $$ > \"$CTP_E2E_PID_FILE\"; echo warming up; exec sleep 60"};
    }
    static double start_timeout() { return 0.5; }
};
CTP_TEST_F(NeverReady, a) {}

struct Dies : ctp::ProcessLiveServerTestCase {
    static std::vector<std::string> command() { return recorded_server(); }
};
CTP_TEST_F(Dies, first) { CTP_CHECK(ctp::http::get(live_server_url() + "/hello").body == "hello"); }
CTP_TEST_F(Dies, kills) {
    CTP_CHECK(ctp::http::get(live_server_url() + "/exit").body == "bye");
    wait_until_ended();
}
CTP_TEST_F(Dies, after) {}

struct Failing : ctp::ProcessLiveServerTestCase {
    static std::vector<std::string> command() { return recorded_server(); }
};
CTP_TEST_F(Failing, fails) { CTP_CHECK(ctp::http::get(live_server_url() + "/hello").body == "goodbye"); }

// The pid recorded is a sleep the server left in its group: only the crash path's kill of
// the whole group reaches it (the parent-death signal reaches the server alone).
struct Crashes : ctp::ProcessLiveServerTestCase {
    static std::vector<std::string> command() {
        return {"sh", "-c", "sleep 60 & echo $! > \"$CTP_E2E_PID_FILE\"; exec python3 \"$CTP_E2E_SERVER\""};
    }
};
CTP_TEST_F(Crashes, segfaults) {
    CTP_CHECK(ctp::http::get(live_server_url() + "/hello").body == "hello");
    *null_pointer = 1;
}
