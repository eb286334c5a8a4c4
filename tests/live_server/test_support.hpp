// Helpers shared by the live-server self-tests: raw socket exchanges that let a
// test send bytes no well-behaved client would.
#ifndef CTP_TESTS_LIVE_SERVER_TEST_SUPPORT_HPP
#define CTP_TESTS_LIVE_SERVER_TEST_SUPPORT_HPP

#include "ctp/live_server.hpp"

#include <dirent.h>  // opendir, readdir

#include <chrono>       // milliseconds
#include <cstddef>      // size_t
#include <cstdint>      // uint16_t
#include <string>       // string
#include <string_view>  // string_view

namespace ctp::test {

inline detail::Socket connect_to(std::uint16_t port) {
    return detail::connect_tcp("127.0.0.1", port, std::chrono::milliseconds(2000));
}

// Reads until the peer closes or `timeout` passes without data.
inline std::string read_until_close(int fd, std::chrono::milliseconds timeout = std::chrono::milliseconds(3000)) {
    std::string out;
    char buffer[16 * 1024];
    for (int reads = 0; reads < 10000; ++reads) {
        const auto got = detail::read_some(fd, buffer, sizeof buffer, timeout);
        if (got.status != detail::ReadStatus::data) break;
        out.append(buffer, got.size);
    }
    return out;
}

// Reads responses one at a time from a kept-alive connection; bytes of a following
// (pipelined) response that arrive early are kept for the next call.
class ResponseReader {
public:
    explicit ResponseReader(int fd) : fd_(fd) {}

    Response next() {
        if (started_) parser_.next_message();
        started_ = true;
        char buffer[16 * 1024];
        for (int reads = 0; reads < 10000 && parser_.status() == detail::HttpParser::Status::need_more; ++reads) {
            const auto got = detail::read_some(fd_, buffer, sizeof buffer, std::chrono::milliseconds(3000));
            if (got.status != detail::ReadStatus::data) {
                parser_.finish();
                break;
            }
            parser_.feed(std::string_view(buffer, got.size));
        }
        if (parser_.status() != detail::HttpParser::Status::complete) return Response::with_status(599);
        return parser_.take_response();
    }

private:
    int fd_;
    bool started_ = false;
    detail::HttpParser parser_{detail::HttpParser::Kind::response};
};

inline Response read_response(int fd) { return ResponseReader(fd).next(); }

// Sends `bytes` on a fresh connection and returns everything the server answers before closing.
inline std::string raw_exchange(std::uint16_t port, std::string_view bytes) {
    detail::Socket socket = connect_to(port);
    detail::write_all(socket.fd(), bytes, std::chrono::milliseconds(2000));
    return read_until_close(socket.fd());
}

inline int status_of(const std::string& raw) {
    if (raw.size() < 12 || raw.compare(0, 5, "HTTP/") != 0) return 0;
    return std::stoi(raw.substr(9, 3));
}

inline std::size_t open_fd_count() {
    std::size_t count = 0;
    if (DIR* dir = ::opendir("/proc/self/fd")) {
        while (::readdir(dir) != nullptr) ++count;
        ::closedir(dir);
    }
    return count;
}

}  // namespace ctp::test

#endif  // CTP_TESTS_LIVE_SERVER_TEST_SUPPORT_HPP
