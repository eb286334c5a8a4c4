// Settings of a LiveServer, including the hook through which handler failures
// reach the test that is running.
#ifndef CTP_LIVE_SERVER_SERVER_OPTIONS_HPP
#define CTP_LIVE_SERVER_SERVER_OPTIONS_HPP

#include <chrono>      // milliseconds
#include <cstddef>     // size_t
#include <cstdint>     // uint16_t
#include <functional>  // function
#include <string>      // string

namespace ctp {

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
    HandlerErrorHook on_handler_error;                 // unset: reported on stderr
};

}  // namespace ctp

#endif  // CTP_LIVE_SERVER_SERVER_OPTIONS_HPP
