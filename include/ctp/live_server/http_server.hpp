// ctp::LiveServer: a real HTTP/1.1 + WebSocket server on 127.0.0.1 for the
// duration of a test class. One thread accepts; each connection gets its own
// thread (bounded by max_connections); stop() wakes and joins all of them.
#ifndef CTP_LIVE_SERVER_HTTP_SERVER_HPP
#define CTP_LIVE_SERVER_HTTP_SERVER_HPP

#include "http_parser.hpp"
#include "router.hpp"
#include "server_connection.hpp"
#include "server_options.hpp"
#include "socket.hpp"

#include <fcntl.h>       // O_CLOEXEC
#include <poll.h>        // poll
#include <sys/socket.h>  // accept4, shutdown
#include <unistd.h>      // pipe2, write

#include <atomic>      // atomic
#include <cerrno>      // errno
#include <chrono>      // milliseconds
#include <cstddef>     // size_t
#include <cstdint>     // uint16_t
#include <filesystem>  // path
#include <functional>  // function
#include <list>        // list
#include <mutex>       // mutex, lock_guard
#include <stdexcept>   // logic_error
#include <string>      // string, to_string
#include <thread>      // thread, this_thread
#include <utility>     // move

namespace ctp {

class LiveServer {
public:
    LiveServer() = default;
    explicit LiveServer(LiveServerOptions options) : options_(std::move(options)) {}
    explicit LiveServer(const std::function<void(Router&)>& register_routes, LiveServerOptions options = {})
        : options_(std::move(options)) {
        register_routes(router_);
    }
    LiveServer(const LiveServer&) = delete;
    LiveServer& operator=(const LiveServer&) = delete;
    ~LiveServer() { stop(); }

    // Configure before start().
    Router& router() { return router_; }
    LiveServerOptions& options() { return options_; }
    void set_static_root(std::filesystem::path root, std::string prefix = "/") {
        router_.static_files(std::move(prefix), std::move(root));
    }
    void on_handler_error(HandlerErrorHook hook) { options_.on_handler_error = std::move(hook); }

    void start() {
        if (accept_thread_.joinable()) throw std::logic_error("LiveServer already started");
        detail::Socket listener = detail::listen_loopback(options_.port);
        int pipe_fds[2];
        if (::pipe2(pipe_fds, O_CLOEXEC) != 0) detail::throw_errno("pipe2");
        wake_read_ = detail::Socket(pipe_fds[0]);
        wake_write_ = detail::Socket(pipe_fds[1]);
        port_ = detail::local_port(listener.fd());
        listener_ = std::move(listener);
        stopping_ = false;
        accept_thread_ = std::thread([this] { accept_loop(); });
    }

    // Idempotent; returns once every thread has been joined and every socket closed.
    void stop() {
        if (!accept_thread_.joinable()) return;
        stopping_ = true;
        const char wake = 'x';
        static_cast<void>(::write(wake_write_.fd(), &wake, 1));
        accept_thread_.join();
        listener_.close();
        wake_read_.close();
        wake_write_.close();
        {
            std::lock_guard<std::mutex> lock(connections_mutex_);
            for (auto& connection : connections_) {
                if (connection.fd >= 0) ::shutdown(connection.fd, SHUT_RDWR);
            }
        }
        for (auto& connection : connections_) connection.thread.join();
        connections_.clear();
    }

    bool running() const { return accept_thread_.joinable(); }
    std::uint16_t port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    std::string ws_url() const { return "ws://127.0.0.1:" + std::to_string(port_); }

    std::size_t open_connections() const {
        std::lock_guard<std::mutex> lock(connections_mutex_);
        std::size_t count = 0;
        for (const auto& connection : connections_) count += connection.fd >= 0 ? 1 : 0;
        return count;
    }

private:
    struct Connection {
        int fd = -1;  // guarded by connections_mutex_; -1 once the thread is about to close it
        std::atomic<bool> done{false};
        std::thread thread;
    };

    void accept_loop() {
        while (!stopping_) {
            pollfd fds[2] = {{listener_.fd(), POLLIN, 0}, {wake_read_.fd(), POLLIN, 0}};
            if (::poll(fds, 2, -1) < 0 || fds[1].revents != 0) continue;
            const int fd = ::accept4(listener_.fd(), nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0) {
                // Out of descriptors: back off instead of spinning on the pending connection.
                if (errno == EMFILE || errno == ENFILE) std::this_thread::sleep_for(std::chrono::milliseconds(20));
                continue;
            }
            detail::set_no_delay(fd);
            reap_finished();
            if (connections_.size() >= options_.max_connections) {
                detail::Socket rejected(fd);
                detail::write_all(fd, detail::serialize_response(Response::with_status(503), false, false),
                                  std::chrono::milliseconds(100));
                continue;
            }
            std::lock_guard<std::mutex> lock(connections_mutex_);
            Connection& connection = connections_.emplace_back();
            connection.fd = fd;
            connection.thread = std::thread([this, &connection] { run_connection(connection); });
        }
    }

    void reap_finished() {
        std::lock_guard<std::mutex> lock(connections_mutex_);
        for (auto it = connections_.begin(); it != connections_.end();) {
            if (it->done) {
                it->thread.join();
                it = connections_.erase(it);
            } else {
                ++it;
            }
        }
    }

    void run_connection(Connection& connection) {
        int fd = -1;
        {
            std::lock_guard<std::mutex> lock(connections_mutex_);
            fd = connection.fd;
        }
        detail::Socket socket(fd);
        detail::ServerConnection session(fd, router_, options_, stopping_);
        session.run();
        {
            // Deregister before closing so stop() can never shut down a reused descriptor number.
            std::lock_guard<std::mutex> lock(connections_mutex_);
            connection.fd = -1;
        }
        socket.close();
        connection.done = true;
    }

    LiveServerOptions options_;
    Router router_;
    detail::Socket listener_;
    detail::Socket wake_read_;
    detail::Socket wake_write_;
    std::uint16_t port_ = 0;
    std::atomic<bool> stopping_{false};
    std::thread accept_thread_;
    mutable std::mutex connections_mutex_;
    std::list<Connection> connections_;
};

}  // namespace ctp

#endif  // CTP_LIVE_SERVER_HTTP_SERVER_HPP
