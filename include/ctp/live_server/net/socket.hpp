// Thin POSIX TCP layer: an owning fd, loopback listen/connect, and reads/writes
// bounded by poll() timeouts so that no caller can block forever on a peer.
#ifndef CTP_LIVE_SERVER_NET_SOCKET_HPP
#define CTP_LIVE_SERVER_NET_SOCKET_HPP

#include <arpa/inet.h>    // htons, inet_pton
#include <fcntl.h>        // fcntl, O_NONBLOCK
#include <netdb.h>        // getaddrinfo
#include <netinet/in.h>   // sockaddr_in
#include <netinet/tcp.h>  // TCP_NODELAY
#include <poll.h>         // poll
#include <sys/socket.h>   // socket, bind, listen, accept4, send, recv, shutdown
#include <unistd.h>       // close

#include <cerrno>        // errno
#include <chrono>        // milliseconds, steady_clock
#include <cstddef>       // size_t
#include <cstdint>       // uint16_t
#include <stdexcept>     // runtime_error
#include <string>        // string, to_string
#include <string_view>   // string_view
#include <system_error>  // system_error, generic_category
#include <utility>       // exchange

namespace ctp::net {

using Millis = std::chrono::milliseconds;

// A negative timeout means "wait indefinitely" (until data, EOF or shutdown()).
inline constexpr Millis no_timeout{-1};

class Socket {
public:
    Socket() = default;
    explicit Socket(int fd) : fd_(fd) {}
    Socket(Socket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    Socket& operator=(Socket&& other) noexcept {
        if (this != &other) {
            close();
            fd_ = std::exchange(other.fd_, -1);
        }
        return *this;
    }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    ~Socket() { close(); }

    int fd() const { return fd_; }
    bool valid() const { return fd_ >= 0; }
    int release() { return std::exchange(fd_, -1); }

    void close() {
        if (fd_ >= 0) ::close(std::exchange(fd_, -1));
    }

private:
    int fd_ = -1;
};

[[noreturn]] inline void throw_errno(const std::string& what) {
    throw std::system_error(errno, std::generic_category(), what);
}

inline void set_no_delay(int fd) {
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

inline Socket listen_loopback(std::uint16_t port, int backlog = 128) {
    Socket sock(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!sock.valid()) throw_errno("socket");
    const int one = 1;
    // Lets a fixed port be rebound right after a previous server on it stopped.
    ::setsockopt(sock.fd(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(sock.fd(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        throw_errno("bind 127.0.0.1:" + std::to_string(port));
    }
    if (::listen(sock.fd(), backlog) != 0) throw_errno("listen");
    return sock;
}

inline std::uint16_t local_port(int fd) {
    sockaddr_in addr{};
    socklen_t length = sizeof addr;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) != 0) throw_errno("getsockname");
    return ntohs(addr.sin_port);
}

inline int poll_timeout(Millis timeout) { return timeout.count() < 0 ? -1 : static_cast<int>(timeout.count()); }

// Waits for `events` on fd; true when ready (or errored, so the next call reports it).
inline bool wait_for(int fd, short events, Millis timeout) {
    pollfd entry{fd, events, 0};
    for (;;) {
        const int ready = ::poll(&entry, 1, poll_timeout(timeout));
        if (ready > 0) return true;
        if (ready == 0) return false;
        if (errno != EINTR) return true;
    }
}

inline Socket connect_tcp(const std::string& host, std::uint16_t port, Millis timeout) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const int status = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
    if (status != 0) throw std::runtime_error("cannot resolve " + host + ": " + ::gai_strerror(status));
    std::string last_error = "no address";
    for (addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
        Socket sock(::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol));
        if (!sock.valid()) continue;
        int error = 0;
        if (::connect(sock.fd(), ai->ai_addr, ai->ai_addrlen) != 0) {
            error = errno;
            if (error == EINPROGRESS) {
                if (!wait_for(sock.fd(), POLLOUT, timeout)) {
                    last_error = "connect timed out after " + std::to_string(timeout.count()) + " ms";
                    continue;
                }
                socklen_t length = sizeof error;
                ::getsockopt(sock.fd(), SOL_SOCKET, SO_ERROR, &error, &length);
            }
        }
        if (error != 0) {
            last_error = std::system_category().message(error);
            continue;
        }
        ::fcntl(sock.fd(), F_SETFL, ::fcntl(sock.fd(), F_GETFL) & ~O_NONBLOCK);
        set_no_delay(sock.fd());
        ::freeaddrinfo(found);
        return sock;
    }
    ::freeaddrinfo(found);
    throw std::runtime_error("cannot connect to " + host + ":" + std::to_string(port) + ": " + last_error);
}

enum class ReadStatus { data, closed, timeout };

struct ReadResult {
    ReadStatus status;
    std::size_t size;
};

// Errors (e.g. a reset) are reported as `closed`: for callers the connection is over either way.
inline ReadResult read_some(int fd, char* buffer, std::size_t capacity, Millis timeout) {
    if (!wait_for(fd, POLLIN, timeout)) return {ReadStatus::timeout, 0};
    for (;;) {
        const ssize_t got = ::recv(fd, buffer, capacity, MSG_DONTWAIT);
        if (got > 0) return {ReadStatus::data, static_cast<std::size_t>(got)};
        if (got < 0 && errno == EINTR) continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!wait_for(fd, POLLIN, timeout)) return {ReadStatus::timeout, 0};
            continue;
        }
        return {ReadStatus::closed, 0};
    }
}

// All-or-nothing within `timeout` overall, so a peer that never reads cannot pin a thread.
inline bool write_all(int fd, std::string_view data, Millis timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!data.empty()) {
        const ssize_t sent = ::send(fd, data.data(), data.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (sent > 0) {
            data.remove_prefix(static_cast<std::size_t>(sent));
            continue;
        }
        if (sent < 0 && errno == EINTR) continue;
        if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return false;
        Millis left = no_timeout;
        if (timeout.count() >= 0) {
            left = std::chrono::duration_cast<Millis>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) return false;
        }
        if (!wait_for(fd, POLLOUT, left)) return false;
    }
    return true;
}

}  // namespace ctp::net

#endif  // CTP_LIVE_SERVER_NET_SOCKET_HPP
