// ctp::LiveServer: a real HTTP/1.1 + WebSocket server on 127.0.0.1, the one behind every
// live-server fixture, also usable on its own. Its threads and sockets live in
// net/acceptor.hpp, compiled once with the rest of the server.
#ifndef CTP_LIVE_SERVER_SERVER_HPP
#define CTP_LIVE_SERVER_SERVER_HPP

#include "router.hpp"

#include <chrono>      // milliseconds
#include <cstddef>     // size_t
#include <cstdint>     // uint16_t
#include <functional>  // function
#include <string>      // string

namespace ctp {

namespace net {
class Acceptor;
}  // namespace net

// (request_line, message), e.g. ("POST /boom HTTP/1.1", "boom"). Called on a connection
// thread, possibly concurrently, so it must be thread-safe.
using HandlerErrorHook = std::function<void(const std::string& request_line, const std::string& message)>;

struct LiveServerOptions {
    std::uint16_t port = 0;                            // 0: the OS picks a free port
    std::chrono::milliseconds idle_timeout{5000};      // keep-alive wait for the next request
    std::chrono::milliseconds request_timeout{10000};  // first to last byte of one request, else 408
    std::chrono::milliseconds write_timeout{5000};     // for clients that stop reading
    std::size_t max_connections = 64;                  // more are answered 503 and closed
    std::size_t max_header_bytes = 16 * 1024;          // beyond: 431
    std::size_t max_body_bytes = 16 * 1024 * 1024;     // beyond: 413
    HandlerErrorHook on_handler_error{};               // unset: reported on stderr
};

// One thread accepts; each connection gets its own thread (at most max_connections);
// stop() wakes and joins all of them.
class LiveServer {
public:
    LiveServer();
    explicit LiveServer(LiveServerOptions options);
    explicit LiveServer(const std::function<void(Router&)>& register_routes, LiveServerOptions options = {});
    LiveServer(const LiveServer&) = delete;
    LiveServer& operator=(const LiveServer&) = delete;
    ~LiveServer();

    // Configure before start().
    Router& router() { return router_; }
    LiveServerOptions& options() { return options_; }
    void set_static_root(std::string root, std::string prefix = "/");
    void on_handler_error(HandlerErrorHook hook);

    // Throws std::system_error when the port cannot be bound, std::logic_error when running.
    void start();
    // Idempotent; returns once every thread has been joined and every socket closed.
    void stop();

    bool running() const { return acceptor_ != nullptr; }
    std::uint16_t port() const { return port_; }
    std::string url() const;     // http://127.0.0.1:PORT
    std::string ws_url() const;  // ws://127.0.0.1:PORT
    std::size_t open_connections() const;

private:
    LiveServerOptions options_;
    Router router_;
    std::uint16_t port_ = 0;
    net::Acceptor* acceptor_ = nullptr;  // owned while running
};

}  // namespace ctp

#endif  // CTP_LIVE_SERVER_SERVER_HPP
