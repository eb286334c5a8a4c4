// LiveServer tests over real loopback sockets (build: see main.cpp).
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <atomic>     // atomic
#include <chrono>     // milliseconds, steady_clock
#include <mutex>      // mutex, lock_guard
#include <stdexcept>  // runtime_error
#include <string>     // string
#include <thread>     // thread, sleep_for
#include <vector>     // vector

using namespace ctp;
using namespace std::chrono_literals;

extern const std::pair<const char*, int> malformed_requests[];
extern const std::size_t malformed_request_count;

namespace {

void routes(Router& r) {
    r.get("/health", [](const Request&) { return Response::text("ok"); });
    r.post("/echo", [](const Request& q) { return Response::text(q.body); });
    r.route("PURGE", "/echo", [](const Request&) { return Response::with_status(204); });
    r.get("/json", [](const Request&) { return Response::json(R"({"a":1})").with_header("X-Extra", "1"); });
    r.get("/slow", [](const Request&) {
        std::this_thread::sleep_for(200ms);
        return Response::html("<p>slow</p>");
    });
    r.get("/throw", [](const Request&) -> Response { throw std::runtime_error("boom"); });
    r.post("/throw-int", [](const Request&) -> Response { throw 42; });
    r.websocket("/ws/echo/", [](WebSocket& ws) {
        while (auto message = ws.receive()) ws.send(*message);
    });
}

struct Errors {
    std::mutex mutex;
    std::vector<std::pair<std::string, std::string>> seen;
};

}  // namespace

TEST_CASE("basic routes over ctp::http") {
    LiveServer server(routes);
    server.start();
    CHECK(server.url() == "http://127.0.0.1:" + std::to_string(server.port()));
    CHECK(server.ws_url() == "ws://127.0.0.1:" + std::to_string(server.port()));

    auto res = http::get(server.url() + "/health");
    CHECK(res.status == 200);
    CHECK(res.body == "ok");
    CHECK(res.header("content-type") == "text/plain; charset=utf-8");
    CHECK(res.header("Content-Length") == "2");

    res = http::post(server.url() + "/echo", std::string(100000, 'z'));
    CHECK(res.body == std::string(100000, 'z'));
    CHECK(http::request("PURGE", server.url() + "/echo").status == 204);
    res = http::get(server.url() + "/json");
    CHECK(res.header("Content-Type") == "application/json");
    CHECK(res.header("X-Extra") == "1");

    res = http::get(server.url() + "/nope");
    CHECK(res.status == 404);
    res = http::request("DELETE", server.url() + "/echo");
    CHECK(res.status == 405);
    CHECK(res.header("Allow") == "POST, PURGE");
    res = http::request("POST", server.url() + "/health");
    CHECK(res.header("Allow") == "GET, HEAD");
    res = http::request("HEAD", server.url() + "/health");
    CHECK(res.status == 200);
    CHECK(res.header("Content-Length") == "2");
    CHECK(res.body.empty());
    CHECK(http::get(server.url() + "/ws/echo/").status == 426);
}

TEST_CASE("a throwing handler gives 500 and reports through the hook") {
    Errors errors;
    LiveServerOptions options;
    options.on_handler_error = [&](const std::string& line, const std::string& message) {
        std::lock_guard<std::mutex> lock(errors.mutex);
        errors.seen.emplace_back(line, message);
    };
    LiveServer server(routes, options);
    server.start();
    CHECK(http::get(server.url() + "/throw").status == 500);
    CHECK(http::post(server.url() + "/throw-int?q=1", "x").status == 500);
    CHECK(http::get(server.url() + "/health").status == 200);  // still serving
    server.stop();
    REQUIRE(errors.seen.size() == 2);
    CHECK(errors.seen[0].first == "GET /throw HTTP/1.1");
    CHECK(errors.seen[0].second == "boom");
    CHECK(errors.seen[1].first == "POST /throw-int?q=1 HTTP/1.1");
    CHECK(errors.seen[1].second.find("unknown exception") != std::string::npos);
}

TEST_CASE("malformed requests against a live server") {
    LiveServerOptions options;
    options.max_body_bytes = 1000000;
    LiveServer server(routes, options);
    server.start();
    for (std::size_t i = 0; i < malformed_request_count; ++i) {
        CAPTURE(malformed_requests[i].first);
        const std::string raw = test::raw_exchange(server.port(), malformed_requests[i].first);
        CHECK(test::status_of(raw) == malformed_requests[i].second);
        CHECK(raw.find("Connection: close\r\n") != std::string::npos);
    }
    const std::string huge_header = "GET / HTTP/1.1\r\nHost: h\r\nX: " + std::string(20000, 'a') + "\r\n\r\n";
    CHECK(test::status_of(test::raw_exchange(server.port(), huge_header)) == 431);
    CHECK(http::get(server.url() + "/health").body == "ok");
}

TEST_CASE("keep-alive: HTTP/1.1 default, HTTP/1.0 on request, pipelining, chunked bodies") {
    LiveServer server(routes);
    server.start();
    net::Socket socket = test::connect_to(server.port());
    test::ResponseReader reader(socket.fd());
    for (int i = 0; i < 3; ++i) {
        net::write_all(socket.fd(), "GET /health HTTP/1.1\r\nHost: x\r\n\r\n", 1000ms);
        const Response response = reader.next();
        CHECK(response.body == "ok");
        CHECK(response.header("Connection") == "keep-alive");
    }
    net::write_all(
        socket.fd(),
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
        "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        1000ms);
    CHECK(reader.next().body == "abcde");
    const Response last = reader.next();
    CHECK(last.body == "ok");
    CHECK(last.header("Connection") == "close");
    CHECK(test::read_until_close(socket.fd()).empty());

    net::Socket keep = test::connect_to(server.port());
    for (int i = 0; i < 2; ++i) {  // what `ab -k` does
        net::write_all(keep.fd(), "GET /health HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", 1000ms);
        const Response response = test::read_response(keep.fd());
        CHECK(response.body == "ok");
        CHECK(response.header("Connection") == "keep-alive");
    }
    net::Socket old = test::connect_to(server.port());
    net::write_all(old.fd(), "GET /health HTTP/1.0\r\n\r\n", 1000ms);
    const std::string closed = test::read_until_close(old.fd());
    CHECK(closed.find("Connection: close") != std::string::npos);
    CHECK(closed.substr(closed.size() - 2) == "ok");
}

TEST_CASE("Expect: 100-continue gets an interim response") {
    LiveServer server(routes);
    server.start();
    net::Socket socket = test::connect_to(server.port());
    net::write_all(socket.fd(), "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n",
                   1000ms);
    char buffer[256];
    const auto got = net::read_some(socket.fd(), buffer, sizeof buffer, 2000ms);
    REQUIRE(got.status == net::ReadStatus::data);
    CHECK(std::string(buffer, got.size) == "HTTP/1.1 100 Continue\r\n\r\n");
    net::write_all(socket.fd(), "data", 1000ms);
    CHECK(test::read_response(socket.fd()).body == "data");
}

TEST_CASE("idle and stalled connections are closed after the timeout") {
    LiveServerOptions options;
    options.idle_timeout = 200ms;
    options.request_timeout = 300ms;
    LiveServer server(routes, options);
    server.start();
    const auto start = std::chrono::steady_clock::now();
    net::Socket idle = test::connect_to(server.port());
    CHECK(test::read_until_close(idle.fd()).empty());
    net::Socket stalled = test::connect_to(server.port());
    net::write_all(stalled.fd(), "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc", 1000ms);
    CHECK(test::status_of(test::read_until_close(stalled.fd())) == 408);
    CHECK(std::chrono::steady_clock::now() - start < 2s);
}

TEST_CASE("concurrent clients") {
    LiveServer server(routes);
    server.start();
    std::atomic<int> ok{0};
    std::vector<std::thread> clients;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 8; ++i) {
        clients.emplace_back([&, i] {
            for (int j = 0; j < 3; ++j) {
                if (http::get(server.url() + "/slow").body == "<p>slow</p>") ++ok;
                const std::string body = "client " + std::to_string(i) + " request " + std::to_string(j);
                if (http::post(server.url() + "/echo", body).body == body) ++ok;
            }
        });
    }
    for (auto& client : clients) client.join();
    CHECK(ok == 48);
    CHECK(std::chrono::steady_clock::now() - start < 2s);  // 8 x 3 x 200 ms serially would be 4.8 s
}

TEST_CASE("bad clients: disconnect mid-request, never read, garbage, connection cap") {
    LiveServerOptions options;
    options.write_timeout = 300ms;
    options.max_connections = 4;
    LiveServer server(
        [](Router& r) {
            routes(r);
            r.get("/big", [](const Request&) { return Response::text(std::string(8 * 1024 * 1024, 'b')); });
        },
        options);
    server.start();
    {
        net::Socket half = test::connect_to(server.port());
        net::write_all(half.fd(), "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc", 1000ms);
    }
    CHECK(test::status_of(test::raw_exchange(server.port(), std::string("\x16\x03\x01\x02\x00\x01\x00\xff\x00", 9))) ==
          400);
    {
        net::Socket lazy = test::connect_to(server.port());  // asks for 8 MiB and never reads
        net::write_all(lazy.fd(), "GET /big HTTP/1.1\r\nHost: x\r\n\r\n", 1000ms);
        std::this_thread::sleep_for(600ms);
        CHECK(http::get(server.url() + "/health").body == "ok");
    }
    // Earlier connections must be gone (the lazy one after write_timeout) before the cap is tested.
    for (int wait = 0; wait < 500 && server.open_connections() > 0; ++wait) std::this_thread::sleep_for(10ms);
    CHECK(server.open_connections() == 0);
    std::vector<net::Socket> hogs;
    for (int i = 0; i < 4; ++i) hogs.push_back(test::connect_to(server.port()));
    for (int wait = 0; wait < 500 && server.open_connections() < 4; ++wait) std::this_thread::sleep_for(10ms);
    CHECK(test::status_of(test::raw_exchange(server.port(), "GET /health HTTP/1.1\r\nHost: x\r\n\r\n")) == 503);
    hogs.clear();
    std::this_thread::sleep_for(100ms);
    CHECK(http::get(server.url() + "/health").body == "ok");
}

TEST_CASE("start/stop cycles free the port and leak no descriptors or threads") {
    const std::size_t fds_before = test::open_fd_count();
    std::uint16_t fixed_port = 0;
    for (int cycle = 0; cycle < 5; ++cycle) {
        LiveServerOptions options;
        options.port = fixed_port;
        LiveServer server(routes, options);
        server.start();
        fixed_port = server.port();  // later cycles rebind the same port
        CHECK(http::get(server.url() + "/health").body == "ok");
        net::Socket idle = test::connect_to(server.port());  // open connections do not block stop()
        net::Socket partial = test::connect_to(server.port());
        net::write_all(partial.fd(), "GET /hea", 1000ms);
        WebSocketClient ws(server.ws_url() + "/ws/echo/");
        ws.send("x");
        CHECK(ws.receive() == "x");
        for (int wait = 0; wait < 100 && server.open_connections() < 3; ++wait) std::this_thread::sleep_for(10ms);
        CHECK(server.open_connections() >= 3);  // idle, partial and WebSocket connections are all open
        const auto start = std::chrono::steady_clock::now();
        server.stop();
        CHECK(std::chrono::steady_clock::now() - start < 1s);
        CHECK_FALSE(server.running());
        CHECK_FALSE(ws.receive());
    }
    LiveServer reused(routes);  // one object started and stopped repeatedly
    for (int cycle = 0; cycle < 3; ++cycle) {
        reused.start();
        CHECK(http::get(reused.url() + "/health").body == "ok");
        reused.stop();
    }
    CHECK(test::open_fd_count() == fds_before);
    CHECK_THROWS_AS(http::get("http://127.0.0.1:" + std::to_string(fixed_port) + "/health"), HttpError);
}

TEST_CASE("client timeouts name the URL and the cause") {
    net::Socket silent = net::listen_loopback(0);  // accepts (via backlog) but never answers
    const std::string url = "http://127.0.0.1:" + std::to_string(net::local_port(silent.fd())) + "/x";
    HttpOptions options;
    options.timeout = 200ms;
    try {
        http::get(url, options);
        FAIL("expected a timeout");
    } catch (const HttpError& error) {
        CHECK(std::string(error.what()).find(url) != std::string::npos);
        CHECK(std::string(error.what()).find("200 ms") != std::string::npos);
    }
    WebSocketClientOptions ws_options;
    ws_options.read_timeout = 200ms;
    CHECK_THROWS_AS(WebSocketClient("ws://127.0.0.1:" + std::to_string(net::local_port(silent.fd())) + "/", ws_options),
                    WebSocketError);
}
