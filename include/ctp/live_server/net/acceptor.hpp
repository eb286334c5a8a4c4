// The running part of a ctp::LiveServer: the listening socket, the thread that accepts,
// a pool of connection threads (at most max_connections), and the pipe that wakes the
// accepting thread when the server stops. A connection thread serves one connection at a
// time and then parks for the next: waking a parked thread is cheaper than starting one, and
// on a loaded machine a woken thread gets the CPU sooner than a new one.
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

#include <atomic>              // atomic
#include <condition_variable>  // condition_variable
#include <cerrno>              // errno
#include <chrono>              // milliseconds
#include <cstddef>             // size_t
#include <cstdint>             // uint16_t
#include <deque>               // deque
#include <list>                // list
#include <mutex>               // mutex, lock_guard, unique_lock
#include <thread>              // thread, this_thread
#include <utility>             // move

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
            std::lock_guard<std::mutex> lock(mutex_);
            for (const int fd : pending_) ::close(fd);
            pending_.clear();
            for (auto& worker : workers_) {
                if (worker.fd >= 0) ::shutdown(worker.fd, SHUT_RDWR);
            }
        }
        ready_.notify_all();
        for (auto& worker : workers_) worker.thread.join();
    }

    std::uint16_t port() const { return port_; }

    std::size_t open_connections() const {
        std::lock_guard<std::mutex> lock(mutex_);
        std::size_t count = pending_.size();
        for (const auto& worker : workers_) count += worker.fd >= 0 ? 1 : 0;
        return count;
    }

private:
    struct Worker {
        int fd = -1;  // guarded by mutex_; the connection being served, -1 while parked
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
            if (!hand_over(fd)) {
                Socket rejected(fd);
                write_all(fd, serialize_response(Response::with_status(503), false, false),
                          std::chrono::milliseconds(100));
            }
        }
    }

    // False when max_connections are already open.
    bool hand_over(int fd) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            std::size_t busy = 0;
            for (const auto& worker : workers_) busy += worker.fd >= 0 ? 1 : 0;
            if (busy + pending_.size() >= options_.max_connections) return false;
            pending_.push_back(fd);
            if (pending_.size() > parked_) {
                Worker& worker = workers_.emplace_back();
                worker.thread = std::thread([this, &worker] { work(worker); });
            }
        }
        ready_.notify_one();
        return true;
    }

    void work(Worker& worker) {
        for (;;) {
            int fd = -1;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                ++parked_;
                ready_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
                --parked_;
                if (pending_.empty()) return;
                fd = pending_.front();
                pending_.pop_front();
                worker.fd = fd;
            }
            Socket socket(fd);
            ServerConnection session(fd, router_, options_, stopping_);
            session.run();
            {
                // Deregister before closing so the destructor can never shut down a reused descriptor number.
                std::lock_guard<std::mutex> lock(mutex_);
                worker.fd = -1;
            }
        }
    }

    const Router& router_;
    const LiveServerOptions& options_;
    Socket listener_;
    Socket wake_read_;
    Socket wake_write_;
    std::uint16_t port_ = 0;
    std::atomic<bool> stopping_{false};
    std::thread accept_thread_;
    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<int> pending_;  // accepted, not yet taken by a worker
    std::size_t parked_ = 0;   // workers waiting for a connection
    std::list<Worker> workers_;
};

}  // namespace ctp::net

#endif  // CTP_LIVE_SERVER_NET_ACCEPTOR_HPP
