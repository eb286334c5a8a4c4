// The running part of a ctp::LiveServer: the listening socket, the thread that accepts,
// one thread per connection (at most max_connections), and the pipe that wakes the
// accepting thread when the server stops.
#ifndef CTP_LIVE_SERVER_NET_ACCEPTOR_HPP
#define CTP_LIVE_SERVER_NET_ACCEPTOR_HPP

#include "../router.hpp"
#include "../server.hpp"
#include "server_connection.hpp"
#include "socket.hpp"

#include <fcntl.h>       // O_CLOEXEC
#include <poll.h>        // poll
#include <sys/socket.h>  // accept4, shutdown
#include <unistd.h>      // pipe2, write

#include <atomic>   // atomic
#include <cerrno>   // errno
#include <chrono>   // milliseconds
#include <cstddef>  // size_t
#include <cstdint>  // uint16_t
#include <list>     // list
#include <mutex>    // mutex, lock_guard
#include <thread>   // thread, this_thread
#include <utility>  // move

namespace ctp::net {

// Listens on construction (std::system_error when the port cannot be bound) and stops,
// joining every thread, on destruction. The router and options must outlive it.
class Acceptor {
public:
    Acceptor(const Router& router, const LiveServerOptions& options) : router_(router), options_(options) {
        Socket listener = listen_loopback(options_.port);
        int pipe_fds[2];
        if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw_errno("pipe2");
        wake_read_ = Socket(pipe_fds[0]);
        wake_write_ = Socket(pipe_fds[1]);
        port_ = local_port(listener.fd());
        listener_ = std::move(listener);
        accept_thread_ = std::thread([this] { accept_loop(); });
    }
    Acceptor(const Acceptor&) = delete;
    Acceptor& operator=(const Acceptor&) = delete;

    ~Acceptor() {
        stopping_ = true;
        const char wake = 'x';
        static_cast<void>(::write(wake_write_.fd(), &wake, 1));
        accept_thread_.join();
        {
            std::lock_guard<std::mutex> lock(connections_mutex_);
            for (auto& connection : connections_) {
                if (connection.fd >= 0) ::shutdown(connection.fd, SHUT_RDWR);
            }
        }
        for (auto& connection : connections_) connection.thread.join();
    }

    std::uint16_t port() const { return port_; }

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
            set_no_delay(fd);
            reap_finished();
            if (connections_.size() >= options_.max_connections) {
                Socket rejected(fd);
                write_all(fd, serialize_response(Response::with_status(503), false, false),
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
        Socket socket(fd);
        ServerConnection session(fd, router_, options_, stopping_);
        session.run();
        {
            // Deregister before closing so the destructor can never shut down a reused descriptor number.
            std::lock_guard<std::mutex> lock(connections_mutex_);
            connection.fd = -1;
        }
        socket.close();
        connection.done = true;
    }

    const Router& router_;
    const LiveServerOptions& options_;
    Socket listener_;
    Socket wake_read_;
    Socket wake_write_;
    std::uint16_t port_ = 0;
    std::atomic<bool> stopping_{false};
    std::thread accept_thread_;
    mutable std::mutex connections_mutex_;
    std::list<Connection> connections_;
};

}  // namespace ctp::net

#endif  // CTP_LIVE_SERVER_NET_ACCEPTOR_HPP
