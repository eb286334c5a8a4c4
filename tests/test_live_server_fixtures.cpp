// The live-server fixtures as the runner drives them: a server per class, up from before
// set_up_class to after tear_down_class, handler failures charged to the running test.
#define CTP_NO_SHORT_NAMES
#define CTP_RUNNER_API
#define CTP_LIVE_SERVER_API  // rather than <ctp/live_server.hpp>, which the single-header build lacks
#include "testing.hpp"

#include <arpa/inet.h>   // htonl, htons, ntohs
#include <netinet/in.h>  // sockaddr_in
#include <sys/socket.h>  // socket, bind, listen, connect
#include <unistd.h>      // close

#include <chrono>
#include <cstddef>     // size_t
#include <filesystem>  // directory_iterator
#include <iterator>    // distance
#include <stdexcept>   // logic_error, runtime_error
#include <string>
#include <thread>   // sleep_for
#include <utility>  // exchange
#include <vector>

namespace {

// A listening socket on 127.0.0.1, on a port the system chose.
class TakenPort {
public:
    TakenPort() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
        sockaddr_in address = loopback(0);
        socklen_t size = sizeof address;
        if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), size) != 0 || ::listen(fd_, 1) != 0 ||
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
            throw std::runtime_error("cannot listen on 127.0.0.1");
        }
        port_ = ntohs(address.sin_port);
    }
    TakenPort(const TakenPort&) = delete;
    TakenPort& operator=(const TakenPort&) = delete;
    ~TakenPort() { ::close(fd_); }

    unsigned short port() const { return port_; }

    static sockaddr_in loopback(unsigned short port) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(port);
        return address;
    }

private:
    int fd_;
    unsigned short port_ = 0;
};

bool refuses(unsigned short port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const sockaddr_in address = TakenPort::loopback(port);
    const bool refused = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0;
    ::close(fd);
    return refused;
}

std::size_t entries(const char* directory) {
    const std::filesystem::directory_iterator all(directory);
    return static_cast<std::size_t>(std::distance(begin(all), end(all)));
}

// A joined thread can stay listed in /proc/self/task for a moment after pthread_join
// returns, so count until two readings agree.
std::size_t settled_entries(const char* directory) {
    std::size_t count = entries(directory);
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        const std::size_t again = std::exchange(count, entries(directory));
        if (again == count) break;
    }
    return count;
}

// A port that was free a moment ago.
unsigned short free_port() { return TakenPort().port(); }

void ping_routes(ctp::Router& router) {
    router.get("/ping", [](const ctp::Request&) { return ctp::Response::text("pong"); });
}

// Each stage that reached the server: "stage: body", and the port it used.
std::vector<std::string> sightings;
std::vector<unsigned short> sighted_ports;

void sight(const std::string& stage) {
    sightings.push_back(stage + ": " + ctp::http::get(ctp::LiveServerTestCase::live_server_url() + "/ping").body);
    sighted_ports.push_back(ctp::LiveServerTestCase::live_server_port());
}

struct Watched : ctp::LiveServerTestCase {
    static void routes(ctp::Router& router) { ping_routes(router); }
    static void set_up_class() { sight("set_up_class"); }
    static void tear_down_class() { sight("tear_down_class"); }
};

}  // namespace

TEST_CASE("the server is up from set_up_class to tear_down_class, and down after") {
    ctp::Registry registry;
    registry.add<Watched>("Watched", "a", [](Watched&) {
        sight("a");
        CTP_CHECK_FALSE(refuses(Watched::live_server_port()));
    });
    registry.add<Watched>("Watched", "b", [](Watched&) { sight("b"); });
    sightings.clear();
    sighted_ports.clear();
    CHECK(ctp::run(registry, {}).passed == 2);
    CHECK(sightings == std::vector<std::string>{"set_up_class: pong", "a: pong", "b: pong", "tear_down_class: pong"});
    REQUIRE(sighted_ports.size() == 4);
    CHECK(sighted_ports == std::vector<unsigned short>(4, sighted_ports[0]));
    CHECK(refuses(sighted_ports[0]));
}

namespace {

std::vector<unsigned short> class_ports;
bool first_port_refused_during_second_class = false;

struct First : ctp::LiveServerTestCase {
    static void routes(ctp::Router& router) { ping_routes(router); }
};
struct Second : ctp::ChannelsLiveServerTestCase {
    static void routes(ctp::Router& router) { ping_routes(router); }
    static void set_up_class() { first_port_refused_during_second_class = refuses(class_ports.at(0)); }
};

}  // namespace

TEST_CASE("each class gets its own server, and the first is gone before the second starts") {
    ctp::Registry registry;
    registry.add<First>("First", "t", [](First&) { class_ports.push_back(First::live_server_port()); });
    registry.add<Second>("Second", "t", [](Second&) { class_ports.push_back(Second::live_server_port()); });
    class_ports.clear();
    first_port_refused_during_second_class = false;
    CHECK(ctp::run(registry, testing::parallel(2)).passed == 2);
    REQUIRE(class_ports.size() == 2);
    CHECK(class_ports[0] != class_ports[1]);
    CHECK(first_port_refused_during_second_class);
    CHECK(refuses(class_ports[1]));
}

namespace {

struct FixedPort : ctp::StaticLiveServerTestCase {
    static inline unsigned short port = 0;  // set before the run; constexpr in real fixtures
    static void routes(ctp::Router& router) { ping_routes(router); }
};

}  // namespace

TEST_CASE("a fixture's port is the one its server listens on") {
    FixedPort::port = free_port();
    ctp::Registry registry;
    registry.add<FixedPort>("FixedPort", "t", [](FixedPort&) {
        CTP_CHECK(FixedPort::live_server_port() == FixedPort::port);
        CTP_CHECK(FixedPort::live_server_url() == "http://127.0.0.1:" + std::to_string(FixedPort::port));
        CTP_CHECK(FixedPort::live_server_ws_url() == "ws://127.0.0.1:" + std::to_string(FixedPort::port));
        CTP_CHECK(ctp::http::get(FixedPort::live_server_url() + "/ping").body == "pong");
    });
    CHECK(ctp::run(registry, {}).passed == 1);
    CHECK(refuses(FixedPort::port));
}

namespace {

struct Throwing : ctp::LiveServerTestCase {
    static void routes(ctp::Router& router) {
        router.post("/boom", [](const ctp::Request&) -> ctp::Response { throw std::runtime_error("kaboom"); });
        ping_routes(router);
    }
};

}  // namespace

TEST_CASE("a handler that throws answers 500 and fails the test that is running") {
    ctp::Registry registry;
    registry.add<Throwing>("Throwing", "before", [](Throwing&) {
        CTP_CHECK(ctp::http::get(Throwing::live_server_url() + "/ping").status == 200);
    });
    registry.add<Throwing>("Throwing", "calls_boom", [](Throwing&) {
        CTP_CHECK(ctp::http::post(Throwing::live_server_url() + "/boom?x=1", "").status == 500);
    });
    registry.add<Throwing>("Throwing", "after", [](Throwing&) {
        CTP_CHECK(ctp::http::get(Throwing::live_server_url() + "/ping").status == 200);
    });
    const ctp::Result result = ctp::run(registry, {});
    CHECK(testing::record(result, "Throwing.before").outcome == ctp::Outcome::passed);
    CHECK(testing::record(result, "Throwing.after").outcome == ctp::Outcome::passed);
    const ctp::TestRecord& boom = testing::record(result, "Throwing.calls_boom");
    CHECK(boom.outcome == ctp::Outcome::failed);
    REQUIRE(boom.failures.size() == 1);
    CHECK(boom.failures[0].message == "live server: the handler of 'POST /boom?x=1 HTTP/1.1' threw: kaboom");
}

namespace {

struct Crowded : ctp::LiveServerTestCase {
    static inline unsigned short port = 0;
    static inline bool set_up_class_ran = false;
    static void set_up_class() { set_up_class_ran = true; }
};

}  // namespace

TEST_CASE("a server that cannot bind makes every test of its class an error naming the cause") {
    const TakenPort taken;
    Crowded::port = taken.port();
    Crowded::set_up_class_ran = false;
    ctp::Registry registry;
    bool body_ran = false;
    registry.add<Crowded>("Crowded", "a", [&](Crowded&) { body_ran = true; });
    registry.add<Crowded>("Crowded", "b", [&](Crowded&) { body_ran = true; });
    const ctp::Result result = ctp::run(registry, {});
    CHECK(result.errors == 2);
    CHECK_FALSE(body_ran);
    CHECK_FALSE(Crowded::set_up_class_ran);
    for (const char* name : {"Crowded.a", "Crowded.b"}) {
        const ctp::TestRecord& test = testing::record(result, name);
        CHECK(test.outcome == ctp::Outcome::error);
        REQUIRE(test.failures.size() == 1);
        const std::string& message = test.failures[0].message;
        CHECK(message.find("unexpected exception in the live server's start") == 0);
        CHECK(message.find("bind 127.0.0.1:" + std::to_string(Crowded::port)) != std::string::npos);
        CHECK(message.find("Address already in use") != std::string::npos);
    }
}

TEST_CASE("live_server_url() outside a live-server test throws") {
    CHECK_THROWS_AS(ctp::LiveServerTestCase::live_server_url(), std::logic_error);
    CHECK_THROWS_AS(ctp::LiveServerTestCase::live_server_port(), std::logic_error);
    ctp::Registry registry;
    registry.add("Plain", "asks", [] { ctp::LiveServerTestCase::live_server_ws_url(); });
    const ctp::Result result = ctp::run(registry, {});
    const ctp::TestRecord& test = testing::record(result, "Plain.asks");
    CHECK(test.outcome == ctp::Outcome::error);
    REQUIRE(test.failures.size() == 1);
    CHECK(test.failures[0].message.find("no live server") != std::string::npos);
}

namespace {

struct Busy : ctp::ChannelsLiveServerTestCase {
    static void routes(ctp::Router& router) {
        ping_routes(router);
        router.websocket("/ws/echo/", [](ctp::WebSocket& ws) {
            while (auto message = ws.receive()) ws.send(*message);
        });
    }
};

}  // namespace

TEST_CASE("a live-server class leaves no thread and no descriptor behind") {
    ctp::Registry registry;
    registry.add<Busy>("Busy", "talks", [](Busy&) {
        for (int i = 0; i < 5; ++i) CTP_CHECK(ctp::http::get(Busy::live_server_url() + "/ping").body == "pong");
        ctp::WebSocketClient ws(Busy::live_server_ws_url() + "/ws/echo/");
        ws.send("hi");
        CTP_CHECK(ws.receive() == "hi");
    });
    const std::size_t threads = settled_entries("/proc/self/task"), fds = entries("/proc/self/fd");
    CHECK(ctp::run(registry, {}).passed == 1);
    CHECK(settled_entries("/proc/self/task") == threads);
    CHECK(entries("/proc/self/fd") == fds);
}
