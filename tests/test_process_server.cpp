// ctp::ProcessLiveServerTestCase: the user's own program as a class's live server, started
// on a free port, polled until ready, stopped after the class; its faults as ctp outcomes.
#define CTP_NO_SHORT_NAMES
#define CTP_RUNNER_API
#define CTP_LIVE_SERVER_API  // rather than <ctp/live_server.hpp>, which the single-header build lacks
#include "testing.hpp"

#include <arpa/inet.h>   // htonl, htons, ntohs
#include <netinet/in.h>  // sockaddr_in
#include <signal.h>      // kill
#include <sys/socket.h>  // socket, bind, connect
#include <unistd.h>      // close

#include <cerrno>
#include <cstdlib>  // system
#include <chrono>
#include <cstddef>     // size_t
#include <filesystem>  // directory_iterator, temp_directory_path
#include <fstream>
#include <iterator>  // distance
#include <string>
#include <thread>  // sleep_for
#include <vector>

namespace {

const std::string script = CTP_SOURCE_DIR "/tests/process_server/server.py";

sockaddr_in loopback(unsigned short port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    return address;
}

unsigned short free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address = loopback(0);
    socklen_t size = sizeof address;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0);
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    ::close(fd);
    return ntohs(address.sin_port);
}

bool refuses(unsigned short port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const sockaddr_in address = loopback(port);
    const bool refused = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0;
    ::close(fd);
    return refused;
}

std::size_t open_descriptors() {
    const std::filesystem::directory_iterator all("/proc/self/fd");
    return static_cast<std::size_t>(std::distance(begin(all), end(all)));
}

// A file a test's program writes its pid into ("echo $$ > FILE; exec ..."), removed after.
class PidFile {
public:
    PidFile()
        : path_(std::filesystem::temp_directory_path() /
                ("ctp_process_server_" + std::to_string(::getpid()) + "_" + std::to_string(++count_))) {}
    PidFile(const PidFile&) = delete;
    PidFile& operator=(const PidFile&) = delete;
    ~PidFile() { std::filesystem::remove(path_); }

    std::string path() const { return path_.string(); }
    int pid() const {
        std::ifstream in(path_);
        int pid = 0;
        in >> pid;
        return pid;
    }

private:
    static inline int count_ = 0;
    std::filesystem::path path_;
};

// Neither running nor a zombie: reaped by ctp, not left behind.
bool gone(int pid) { return pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH; }

// Ended (a zombie until ctp reaps it), read from /proc: what a test waits for before the
// runner looks.
void wait_until_ended(int pid) {
    for (int attempt = 0; attempt < 500; ++attempt) {
        std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
        std::string pid_text, name, state;
        if (!(stat >> pid_text >> name >> state) || state == "Z") return;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

std::string start_error(const ctp::TestRecord& test) {
    REQUIRE(test.failures.size() == 1);
    return test.failures[0].message;
}

const std::string start_prefix = "unexpected exception in the live server's start: std::runtime_error: ";

// One fixture for every program: what it runs is set before each run.
struct Program : ctp::ProcessLiveServerTestCase {
    static inline std::vector<std::string> argv;
    static inline std::string path;  // empty: ready when the port accepts
    static inline double timeout = 10;
    static inline unsigned short port = 0;
    static inline bool set_up_class_ran = false;
    static std::vector<std::string> command() { return argv; }
    static std::string ready_path() { return path; }
    static double start_timeout() { return timeout; }
    static void set_up_class() { set_up_class_ran = true; }

    static void use(std::vector<std::string> command, std::string ready = "", double seconds = 10) {
        argv = std::move(command);
        path = std::move(ready);
        timeout = seconds;
        port = free_port();
        set_up_class_ran = false;
    }
};

std::string at_port(const std::string& text) { return text + std::to_string(Program::port); }

}  // namespace

TEST_CASE("the program serves its class on its port, ready once ready_path answers 2xx, and is gone after") {
    const PidFile pid;
    Program::use({"sh", "-c", "echo $$ > " + pid.path() + "; exec python3 " + script + " --unready-for 3"}, "/health");
    ctp::Registry registry;
    registry.add<Program>("Program", "serves", [](Program&) {
        CTP_CHECK(Program::live_server_port() == Program::port);
        CTP_CHECK(Program::live_server_url() == at_port("http://127.0.0.1:"));
        CTP_CHECK(Program::live_server_ws_url() == at_port("ws://127.0.0.1:"));
        CTP_CHECK(ctp::http::get(Program::live_server_url() + "/hello").body == "hello");
        // Its first three answers were 503: ctp waited through them.
        CTP_CHECK(ctp::http::get(Program::live_server_url() + "/health").body == "ok");
    });
    ctp::Options isolated;
    isolated.isolate = true;
    for (const ctp::Options& options : {ctp::Options{}, testing::parallel(2), isolated}) {
        CAPTURE(options.parallel);
        CAPTURE(options.isolate);
        Program::set_up_class_ran = false;
        const std::size_t descriptors = open_descriptors();
        const ctp::Result result = ctp::run(registry, options);
        const ctp::TestRecord& test = testing::record(result, "Program.serves");
        CHECK(test.outcome == ctp::Outcome::passed);
        CHECK(test.failures.empty());
        CHECK(test.output.empty());
        CHECK(Program::set_up_class_ran != options.isolate);  // an isolated class runs in a worker
        CHECK(gone(pid.pid()));
        CHECK(refuses(Program::port));
        CHECK(open_descriptors() == descriptors);
    }
}

TEST_CASE("{port} in the arguments and PORT in the environment are the port; a failed test shows the output") {
    const PidFile pid;
    // Ready once it answers, so after it wrote its line.
    Program::use({"sh", "-c", "echo $$ > " + pid.path() + "; echo arg={port} env=$PORT; exec python3 " + script},
                 "/hello");
    ctp::Registry registry;
    registry.add<Program>("Program", "passes", [](Program&) {});
    registry.add<Program>("Program", "fails", [](Program&) { CTP_CHECK(1 == 2); });
    const ctp::Result result = ctp::run(registry, {});
    CHECK(testing::record(result, "Program.passes").output.empty());
    const ctp::TestRecord& failed = testing::record(result, "Program.fails");
    CHECK(failed.outcome == ctp::Outcome::failed);
    CHECK(failed.output == "--- output of 'sh -c echo $$ > " + pid.path() +
                               "; echo arg=" + std::to_string(Program::port) + " env=$PORT; exec python3 " + script +
                               "' (pid " + std::to_string(pid.pid()) + "), last 2 lines ---\n" + at_port("arg=") +
                               at_port(" env=") + "\n" + at_port("listening on ") + "\n");
    CHECK(gone(pid.pid()));
}

TEST_CASE("a program that cannot start makes each test of its class an error") {
    Program::use({"/nonexistent/server", "--port", "{port}"});
    ctp::Registry registry;
    bool ran = false;
    registry.add<Program>("Program", "a", [&](Program&) { ran = true; });
    registry.add<Program>("Program", "b", [&](Program&) { ran = true; });
    const std::size_t descriptors = open_descriptors();
    const ctp::Result result = ctp::run(registry, {});
    CHECK(result.errors == 2);
    CHECK_FALSE(ran);
    CHECK_FALSE(Program::set_up_class_ran);
    for (const char* name : {"Program.a", "Program.b"}) {
        const ctp::TestRecord& test = testing::record(result, name);
        CHECK(test.outcome == ctp::Outcome::error);
        CHECK(start_error(test) == start_prefix + "cannot start '/nonexistent/server': No such file or directory");
    }
    CHECK(open_descriptors() == descriptors);
}

TEST_CASE("a program that exits before it is ready: its status and last output, serially and isolated") {
    Program::use({"sh", "-c", "echo starting; echo broken config >&2; exit 3"});
    ctp::Registry registry;
    registry.add<Program>("Program", "a", [](Program&) {});
    for (const bool isolate : {false, true}) {
        CAPTURE(isolate);
        ctp::Options options;
        options.isolate = isolate;
        const ctp::Result result = ctp::run(registry, options);
        const ctp::TestRecord& test = testing::record(result, "Program.a");
        CHECK(test.outcome == ctp::Outcome::error);
        CHECK(start_error(test) == start_prefix +
                                       "the server 'sh -c echo starting; echo broken config >&2; exit 3' exited with "
                                       "status 3 before it was ready; its last output:\nstarting\nbroken config");
    }
}

TEST_CASE("a program never ready is killed after start_timeout") {
    SUBCASE("nothing accepts on its port") {
        const PidFile pid;
        const std::string shell = "echo $$ > " + pid.path() + "; echo waiting; exec sleep 30";
        Program::use({"sh", "-c", shell}, "", 0.3);
        ctp::Registry registry;
        registry.add<Program>("Program", "a", [](Program&) {});
        const std::size_t descriptors = open_descriptors();
        const ctp::Result result = ctp::run(registry, {});
        CHECK(start_error(testing::record(result, "Program.a")) ==
              start_prefix + "the server 'sh -c " + shell + "' was not ready after 0.3 s (nothing accepted on port " +
                  std::to_string(Program::port) + "); it was killed; its last output:\nwaiting");
        CHECK(gone(pid.pid()));
        CHECK(open_descriptors() == descriptors);
    }
    SUBCASE("ready_path is never asked: nothing listens") {
        Program::use({"sh", "-c", "exec sleep 30"}, "/health", 0.3);
        ctp::Registry registry;
        registry.add<Program>("Program", "a", [](Program&) {});
        const ctp::Result result = ctp::run(registry, {});
        CHECK(start_error(testing::record(result, "Program.a")) ==
              start_prefix +
                  "the server 'sh -c exec sleep 30' was not ready after 0.3 s (GET /health never answered); it was "
                  "killed; it wrote nothing");
    }
    SUBCASE("ready_path never answers 2xx") {
        // Another program answers 503 on the fixture's port, up before the run: the fixture's
        // own program never listens.
        Program::use({"sh", "-c", "echo waiting; exec sleep 30"}, "/health", 1);
        const PidFile answering;
        REQUIRE(std::system(("python3 " + script + " --unready-for 1000000 --port " + std::to_string(Program::port) +
                             " > /dev/null & echo $! > " + answering.path())
                                .c_str()) == 0);
        while (refuses(Program::port)) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        ctp::Registry registry;
        registry.add<Program>("Program", "a", [](Program&) {});
        const ctp::Result result = ctp::run(registry, {});
        ::kill(answering.pid(), SIGKILL);
        CHECK(start_error(testing::record(result, "Program.a")) ==
              start_prefix +
                  "the server 'sh -c echo waiting; exec sleep 30' was not ready after 1 s (GET /health last answered "
                  "503); it was killed; its last output:\nwaiting");
    }
}

TEST_CASE("a program that dies during a test fails that test, and the tests after it") {
    const PidFile pid;
    Program::use({"sh", "-c", "echo $$ > " + pid.path() + "; exec python3 " + script});
    ctp::Registry registry;
    registry.add<Program>("Program", "first", [](Program&) {});
    registry.add<Program>("Program", "kills", [&](Program&) {
        CTP_CHECK(ctp::http::get(Program::live_server_url() + "/exit").body == "bye");
        wait_until_ended(pid.pid());
    });
    registry.add<Program>("Program", "after", [](Program&) {});
    const std::size_t descriptors = open_descriptors();
    const ctp::Result result = ctp::run(registry, {});
    const std::string server = "the server 'sh -c echo $$ > " + pid.path() + "; exec python3 " + script + "' (pid " +
                               std::to_string(pid.pid()) + ") exited with status 3";
    const std::string output = at_port("listening on ") + "\nexiting with 3";
    CHECK(testing::record(result, "Program.first").outcome == ctp::Outcome::passed);
    const ctp::TestRecord& kills = testing::record(result, "Program.kills");
    CHECK(kills.outcome == ctp::Outcome::failed);
    REQUIRE(kills.failures.size() == 1);
    CHECK(kills.failures[0].message == server + " during this test; its last output:\n" + output);
    CHECK(kills.output.empty());  // the failure has it
    const ctp::TestRecord& after = testing::record(result, "Program.after");
    CHECK(after.outcome == ctp::Outcome::failed);
    REQUIRE(after.failures.size() == 1);
    CHECK(after.failures[0].message == server + " earlier, during Program.kills; this test ran without it");
    CHECK(after.output.find("' (pid " + std::to_string(pid.pid()) + "), last 2 lines ---\n" + output + "\n") !=
          std::string::npos);
    CHECK(gone(pid.pid()));
    CHECK(open_descriptors() == descriptors);
}

namespace {

struct FailingHooks : ctp::ProcessLiveServerTestCase {
    static inline std::string script_path = script;
    static std::vector<std::string> command() { return {"python3", script_path}; }
    static void tear_down_class() { CTP_CHECK(2 + 2 == 5); }
};

}  // namespace

TEST_CASE("a failed tear_down_class shows the program's output, ended by SIGTERM") {
    ctp::Registry registry;
    registry.add<FailingHooks>("FailingHooks", "a", [](FailingHooks&) {  // answered: it wrote its line
        CTP_CHECK(ctp::http::get(FailingHooks::live_server_url() + "/hello").body == "hello");
    });
    const ctp::Result result = ctp::run(registry, {});
    const ctp::TestRecord& test = testing::record(result, "FailingHooks.a");
    CHECK(test.outcome == ctp::Outcome::error);
    CHECK(test.output.find("--- output of 'python3 " + script + "' (pid ") == 0);
    CHECK(test.output.find("), last 1 line ---\nlistening on ") != std::string::npos);
}

namespace {

struct Stubborn : ctp::ProcessLiveServerTestCase {
    static inline std::string pid_path;
    static std::vector<std::string> command() {
        return {"sh", "-c", "trap '' TERM; echo $$ > " + pid_path + "; exec python3 " + script};
    }
    static double stop_timeout() { return 0.2; }
};

}  // namespace

TEST_CASE("a program that ignores SIGTERM is killed after stop_timeout") {
    const PidFile pid;
    Stubborn::pid_path = pid.path();
    ctp::Registry registry;
    registry.add<Stubborn>("Stubborn", "a", [](Stubborn&) {});
    CHECK(ctp::run(registry, {}).passed == 1);
    CHECK(gone(pid.pid()));
}
