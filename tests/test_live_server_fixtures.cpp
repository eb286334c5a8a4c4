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
#include <condition_variable>
#include <cstddef>     // size_t
#include <filesystem>  // directory_iterator
#include <iterator>    // distance
#include <mutex>
#include <stdexcept>  // logic_error, runtime_error
#include <string>
#include <thread>       // sleep_for
#include <type_traits>  // type_identity
#include <utility>      // exchange
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

namespace {

// Waits until `count` threads have arrived, or 10 s: proof that they were in flight together
// without a timing threshold (a lone arrival reports false).
class Meeting {
public:
    explicit Meeting(int count) : count_(count) {}
    bool meet() {
        std::unique_lock lock(mutex_);
        if (++arrived_ >= count_) {
            changed_.notify_all();
            return true;
        }
        return changed_.wait_for(lock, std::chrono::seconds(10), [this] { return arrived_ >= count_; });
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int arrived_ = 0;
    const int count_;
};

struct PoolA : ctp::LiveServerTestCase {
    static void routes(ctp::Router& router) { ping_routes(router); }
};
struct PoolB : ctp::ChannelsLiveServerTestCase {
    static void routes(ctp::Router& router) { ping_routes(router); }
};
struct AskedIn : ctp::LiveServerTestCase {
    static inline const ctp::Decorators decorators{ctp::in_pool()};
    static void routes(ctp::Router& router) { ping_routes(router); }
};
struct AskedInToo : ctp::StaticLiveServerTestCase {
    static inline const ctp::Decorators decorators{ctp::in_pool()};
    static void routes(ctp::Router& router) { ping_routes(router); }
};
struct KeptSerial : ctp::LiveServerTestCase {
    static inline const ctp::Decorators decorators{ctp::serial()};
    static void routes(ctp::Router& router) { ping_routes(router); }
};

// Both tests' servers answer while both tests run, each on its own port. Forked workers
// cannot meet in one process's memory: with `meet` false they only use their servers.
template <class A, class B>
void add_meeting_pair(ctp::Registry& registry, Meeting& meeting, std::vector<unsigned short>& ports, std::mutex& mutex,
                      bool meet = true) {
    const auto body = [&, meet](auto type) {
        using Fixture = typename decltype(type)::type;
        if (meet) CTP_CHECK(meeting.meet());
        // Asked after meeting, while both servers are up.
        const unsigned short port = Fixture::live_server_port();
        CTP_CHECK(ctp::http::get(Fixture::live_server_url() + "/ping").body == "pong");
        std::lock_guard lock(mutex);
        ports.push_back(port);
    };
    registry.add<A>("A", "t", [body](A&) { body(std::type_identity<A>{}); });
    registry.add<B>("B", "t", [body](B&) { body(std::type_identity<B>{}); });
}

}  // namespace

TEST_CASE("--live-in-pool runs live-server classes in the pool, each holding its own server") {
    for (const bool isolate : {false, true}) {
        CAPTURE(isolate);
        Meeting meeting(2);
        std::vector<unsigned short> ports;
        std::mutex mutex;
        ctp::Registry registry;
        add_meeting_pair<PoolA, PoolB>(registry, meeting, ports, mutex, !isolate);
        ctp::Options options = testing::parallel(2);
        options.live_in_pool = true;
        options.isolate = isolate;
        const ctp::Result result = ctp::run(registry, options);
        CHECK(result.passed == 2);
        for (const ctp::TestRecord& test : result.tests) CHECK(test.phase == ctp::Phase::parallel);
        if (!isolate) {
            REQUIRE(ports.size() == 2);
            CHECK(ports[0] != ports[1]);
            CHECK(refuses(ports[0]));
            CHECK(refuses(ports[1]));
        }
    }
}

TEST_CASE("without --live-in-pool live-server classes stay in the serial phase") {
    ctp::Registry registry;
    registry.add<PoolA>("PoolA", "t", [](PoolA&) {});
    registry.add<PoolB>("PoolB", "t", [](PoolB&) {});
    const ctp::Result result = ctp::run(registry, testing::parallel(2));
    CHECK(result.passed == 2);
    for (const ctp::TestRecord& test : result.tests) CHECK(test.phase == ctp::Phase::serial);
}

TEST_CASE("ctp::in_pool() puts one class in the pool; ctp::serial() keeps one out of it") {
    Meeting meeting(2);
    std::vector<unsigned short> ports;
    std::mutex mutex;
    ctp::Registry registry;
    add_meeting_pair<AskedIn, AskedInToo>(registry, meeting, ports, mutex);
    registry.add<PoolA>("PoolA", "t", [](PoolA&) {});
    registry.add<KeptSerial>("KeptSerial", "t", [](KeptSerial&) {});
    ctp::Options options = testing::parallel(2);
    const ctp::Result result = ctp::run(registry, options);
    CHECK(testing::record(result, "A.t").phase == ctp::Phase::parallel);
    CHECK(testing::record(result, "B.t").phase == ctp::Phase::parallel);
    CHECK(testing::record(result, "A.t").outcome == ctp::Outcome::passed);
    CHECK(testing::record(result, "PoolA.t").phase == ctp::Phase::serial);
    options.live_in_pool = true;
    const ctp::Result pooled = ctp::run(registry, options);
    CHECK(testing::record(pooled, "PoolA.t").phase == ctp::Phase::parallel);
    CHECK(testing::record(pooled, "KeptSerial.t").phase == ctp::Phase::serial);
}

namespace {

struct PortOne : ctp::LiveServerTestCase {
    static inline unsigned short port = 0;
    static void routes(ctp::Router& router) { ping_routes(router); }
};
struct PortTwo : ctp::LiveServerTestCase {
    static inline unsigned short port = 0;
    static void routes(ctp::Router& router) { ping_routes(router); }
};

}  // namespace

TEST_CASE("in the pool, classes with one fixed port hold exclusive(port:N) and never meet") {
    PortOne::port = PortTwo::port = free_port();
    const std::string held = "port:" + std::to_string(PortOne::port);
    ctp::Registry registry;
    for (const char* name : {"a", "b", "c"}) {
        registry.add<PortOne>("PortOne", name, [](PortOne&) {
            CTP_CHECK(ctp::http::get(PortOne::live_server_url() + "/ping").body == "pong");
        });
        registry.add<PortTwo>("PortTwo", name, [](PortTwo&) {
            CTP_CHECK(ctp::http::get(PortTwo::live_server_url() + "/ping").body == "pong");
        });
    }
    ctp::Options options = testing::parallel(2);
    options.live_in_pool = true;
    const ctp::Result result = ctp::run(registry, options);
    CHECK(result.passed == 6);
    // One class's tests all end before the other's first starts.
    ctp::Clock::time_point one_start = ctp::Clock::time_point::max(), one_end{};
    ctp::Clock::time_point two_start = ctp::Clock::time_point::max(), two_end{};
    for (const ctp::TestRecord& test : result.tests) {
        CHECK(test.phase == ctp::Phase::parallel);
        auto& start = test.suite == "PortOne" ? one_start : two_start;
        auto& end = test.suite == "PortOne" ? one_end : two_end;
        start = test.start < start ? test.start : start;
        end = test.end > end ? test.end : end;
    }
    CHECK((one_end <= two_start || two_end <= one_start));
}
