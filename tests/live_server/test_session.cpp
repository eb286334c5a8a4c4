// ctp::http::Session (one keep-alive connection across requests) and what ctp::http leaves
// behind on the machine (build: see main.cpp).
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <poll.h>  // poll

#include <atomic>   // atomic
#include <chrono>   // milliseconds
#include <fstream>  // ifstream
#include <sstream>  // istringstream
#include <string>   // string
#include <thread>   // thread, sleep_for
#include <vector>   // vector

using namespace ctp;
using namespace std::chrono_literals;

namespace {

void routes(Router& r) {
    r.get("/health", [](const Request&) { return Response::text("ok"); });
    r.post("/echo", [](const Request& q) { return Response::text(q.body); });
    r.get("/close", [](const Request&) { return Response::text("bye").with_header("Connection", "close"); });
}

// Serves connections one after another from a script: for each connection, the responses to
// send, one per request read; an empty response means "read the request, then close without
// answering" (a server that dropped the connection just as the request came).
class ScriptedServer {
public:
    explicit ScriptedServer(std::vector<std::vector<std::string>> script)
        : listener_(net::listen_loopback(0)),
          port_(net::local_port(listener_.fd())) {
        thread_ = std::thread([this, script = std::move(script)] { serve(script); });
    }
    ~ScriptedServer() { thread_.join(); }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int requests() const { return requests_; }

private:
    void serve(const std::vector<std::vector<std::string>>& script) {
        for (const auto& responses : script) {
            pollfd ready{listener_.fd(), POLLIN, 0};
            if (::poll(&ready, 1, 3000) != 1) return;
            net::Socket connection(::accept(listener_.fd(), nullptr, nullptr));
            for (const auto& response : responses) {
                if (!read_request(connection.fd())) break;
                ++requests_;
                if (response.empty()) break;
                net::write_all(connection.fd(), response, 2000ms);
            }
        }
    }

    static bool read_request(int fd) {
        std::string request;
        char buffer[4096];
        while (request.find("\r\n\r\n") == std::string::npos) {
            const auto got = net::read_some(fd, buffer, sizeof buffer, 3000ms);
            if (got.status != net::ReadStatus::data) return false;
            request.append(buffer, got.size);
        }
        return true;
    }

    net::Socket listener_;
    std::uint16_t port_;
    std::atomic<int> requests_{0};
    std::thread thread_;
};

const std::string ok_response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

// Sockets in TIME_WAIT with `port` at either end (/proc/net/tcp, state 06).
int time_wait_sockets(std::uint16_t port) {
    std::ifstream table("/proc/net/tcp");
    std::string line;
    std::getline(table, line);
    int count = 0;
    while (std::getline(table, line)) {
        std::istringstream fields(line);
        std::string slot, local, remote, state;
        fields >> slot >> local >> remote >> state;
        const auto port_of = [](const std::string& address) {
            return static_cast<std::uint16_t>(std::stoul(address.substr(address.find(':') + 1), nullptr, 16));
        };
        if (state == "06" && (port_of(local) == port || port_of(remote) == port)) ++count;
    }
    return count;
}

}  // namespace

TEST_CASE("a Session reuses one connection for requests to the same origin") {
    LiveServer server(routes);
    server.start();
    http::Session session(server.url() + "/");
    for (int i = 0; i < 20; ++i) {
        CHECK(session.get("/health").body == "ok");
        CHECK(session.post("/echo", "n" + std::to_string(i)).body == "n" + std::to_string(i));
    }
    CHECK(session.get(server.url() + "/health").body == "ok");
    CHECK(session.request("HEAD", "/health").header("Content-Length") == "2");
    CHECK(session.connections_opened() == 1);
    CHECK(server.open_connections() == 1);
    session.close();
    for (int wait = 0; wait < 300 && server.open_connections() > 0; ++wait) std::this_thread::sleep_for(10ms);
    CHECK(server.open_connections() == 0);

    http::Session without_base;
    CHECK(without_base.get(server.url() + "/health").body == "ok");
    CHECK(without_base.get(server.url() + "/health").body == "ok");
    CHECK(without_base.connections_opened() == 1);
    try {
        without_base.get("/health");
        FAIL("expected HttpError");
    } catch (const HttpError& error) {
        CHECK(std::string(error.what()) == "GET /health: a path needs a Session built with a base URL");
    }
}

TEST_CASE("a Session reconnects once the server closed the idle connection") {
    LiveServerOptions options;
    options.idle_timeout = 50ms;
    LiveServer server(routes, options);
    server.start();
    http::Session session(server.url());
    CHECK(session.get("/health").body == "ok");
    for (int wait = 0; wait < 300 && server.open_connections() > 0; ++wait) std::this_thread::sleep_for(10ms);
    REQUIRE(server.open_connections() == 0);
    CHECK(session.post("/echo", "again").body == "again");  // found closed before sending: safe for POST too
    CHECK(session.connections_opened() == 2);
}

TEST_CASE("a Session resends an idempotent request the server dropped, but not a POST") {
    ScriptedServer server({{ok_response, ""}, {ok_response, ""}, {ok_response}});
    http::Session session(server.url());
    CHECK(session.get("/a").body == "ok");
    CHECK(session.get("/b").body == "ok");  // dropped on the first connection, answered on the second
    CHECK(session.connections_opened() == 2);
    try {
        session.post("/c", "");
        FAIL("expected HttpError");
    } catch (const HttpError& error) {
        CHECK(std::string(error.what()) == "POST " + server.url() + "/c: connection closed before a complete response");
    }
    CHECK(session.get("/d").body == "ok");
    CHECK(session.connections_opened() == 3);
}

TEST_CASE("a Session honours Connection: close and reads chunked responses") {
    LiveServer server(routes);
    server.start();
    http::Session session(server.url());
    CHECK(session.get("/close").body == "bye");
    CHECK(session.get("/close").body == "bye");
    CHECK(session.connections_opened() == 2);
    HttpOptions close_after;
    close_after.headers.set("Connection", "close");
    CHECK(session.get("/health", close_after).body == "ok");
    CHECK(session.get("/health").body == "ok");
    CHECK(session.connections_opened() == 4);

    const std::string chunked =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n";
    ScriptedServer scripted({{chunked, chunked, ok_response}});
    http::Session on_chunks(scripted.url());
    CHECK(on_chunks.get("/1").body == "abcdefg");
    CHECK(on_chunks.get("/2").body == "abcdefg");
    CHECK(on_chunks.get("/3").body == "ok");
    CHECK(on_chunks.connections_opened() == 1);
    CHECK(scripted.requests() == 3);
}

TEST_CASE("a Session's failures name the method, the URL and the cause") {
    net::Socket silent = net::listen_loopback(0);  // accepts (via backlog) but never answers
    const std::string url = "http://127.0.0.1:" + std::to_string(net::local_port(silent.fd()));
    HttpOptions options;
    options.timeout = 200ms;
    http::Session session(url);
    try {
        session.get("/x", options);
        FAIL("expected a timeout");
    } catch (const HttpError& error) {
        CHECK(std::string(error.what()) == "GET " + url + "/x: no complete response within 200 ms");
    }

    std::uint16_t closed_port = 0;
    {
        net::Socket gone = net::listen_loopback(0);
        closed_port = net::local_port(gone.fd());
    }
    const std::string refused = "http://127.0.0.1:" + std::to_string(closed_port) + "/y";
    try {
        http::Session().post(refused, "body");
        FAIL("expected a refused connection");
    } catch (const HttpError& error) {
        CHECK(std::string(error.what()) == "POST " + refused + ": cannot connect to 127.0.0.1:" +
                                               std::to_string(closed_port) + ": Connection refused");
    }
    CHECK_THROWS_WITH_AS(http::Session().get("ftp://127.0.0.1/"),
                         "GET ftp://127.0.0.1/: unsupported URL scheme in ftp://127.0.0.1/", HttpError);
}

TEST_CASE("ctp::http and Session leave no connection in TIME_WAIT") {
    LiveServer server(routes);
    server.start();
    for (int i = 0; i < 20; ++i) CHECK(http::get(server.url() + "/health").body == "ok");
    {
        http::Session session(server.url());
        CHECK(session.get("/health").body == "ok");
        CHECK(session.get("/close").body == "bye");
        CHECK(session.get("/health").body == "ok");
    }
    for (int wait = 0; wait < 300 && server.open_connections() > 0; ++wait) std::this_thread::sleep_for(10ms);
    CHECK(time_wait_sockets(server.port()) == 0);
}
