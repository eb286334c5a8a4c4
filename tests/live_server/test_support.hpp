// Helpers shared by the live-server self-tests: raw socket exchanges that let a
// test send bytes no well-behaved client would.
#ifndef CTP_TESTS_LIVE_SERVER_TEST_SUPPORT_HPP
#define CTP_TESTS_LIVE_SERVER_TEST_SUPPORT_HPP

#include "ctp/live_server.hpp"
#include "ctp/live_server/net/base64.hpp"
#include "ctp/live_server/net/http_parser.hpp"
#include "ctp/live_server/net/sha1.hpp"
#include "ctp/live_server/net/socket.hpp"
#include "ctp/live_server/net/static_files.hpp"
#include "ctp/live_server/net/url.hpp"
#include "ctp/live_server/net/utf8_validator.hpp"
#include "ctp/live_server/net/websocket_connection.hpp"
#include "ctp/live_server/net/websocket_frame.hpp"

#include <dirent.h>  // opendir, readdir

#include <chrono>       // milliseconds
#include <cstddef>      // size_t
#include <cstdint>      // uint16_t
#include <string>       // string
#include <string_view>  // string_view

namespace ctp::test {

inline net::Socket connect_to(std::uint16_t port) {
    return net::connect_tcp("127.0.0.1", port, std::chrono::milliseconds(2000));
}

// Reads until the peer closes or `timeout` passes without data.
inline std::string read_until_close(int fd, std::chrono::milliseconds timeout = std::chrono::milliseconds(3000)) {
    std::string out;
    char buffer[16 * 1024];
    for (int reads = 0; reads < 10000; ++reads) {
        const auto got = net::read_some(fd, buffer, sizeof buffer, timeout);
        if (got.status != net::ReadStatus::data) break;
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
        for (int reads = 0; reads < 10000 && parser_.status() == net::HttpParser::Status::need_more; ++reads) {
            const auto got = net::read_some(fd_, buffer, sizeof buffer, std::chrono::milliseconds(3000));
            if (got.status != net::ReadStatus::data) {
                parser_.finish();
                break;
            }
            parser_.feed(std::string_view(buffer, got.size));
        }
        if (parser_.status() != net::HttpParser::Status::complete) return Response::with_status(599);
        return parser_.take_response();
    }

private:
    int fd_;
    bool started_ = false;
    net::HttpParser parser_{net::HttpParser::Kind::response};
};

inline Response read_response(int fd) { return ResponseReader(fd).next(); }

// Sends `bytes` on a fresh connection and returns everything the server answers before closing.
inline std::string raw_exchange(std::uint16_t port, std::string_view bytes) {
    net::Socket socket = connect_to(port);
    net::write_all(socket.fd(), bytes, std::chrono::milliseconds(2000));
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
