// Minimal blocking HTTP/1.1 client for tests: one connection per request, and
// every wait bounded so a broken server fails the test instead of hanging it.
#ifndef CTP_LIVE_SERVER_HTTP_CLIENT_HPP
#define CTP_LIVE_SERVER_HTTP_CLIENT_HPP

#include "http_message.hpp"
#include "http_parser.hpp"
#include "socket.hpp"
#include "url.hpp"

#include <chrono>       // milliseconds, steady_clock
#include <cstddef>      // size_t
#include <exception>    // exception
#include <stdexcept>    // runtime_error
#include <string>       // string, to_string
#include <string_view>  // string_view

namespace ctp::http {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Options {
    Headers headers;  // added to (or replacing) the defaults Host, Content-Length, Connection
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds timeout{10000};  // sending the request and receiving the whole response
    std::size_t max_response_bytes = 64 * 1024 * 1024;
};

inline Response request(const std::string& method, const std::string& url, const std::string& body = {},
                        const Options& options = {}) {
    const std::string what = method + " " + url;
    detail::Url parts;
    try {
        parts = detail::parse_url(url);
    } catch (const std::exception& error) {
        throw Error(what + ": " + error.what());
    }
    if (parts.scheme != "http") throw Error(what + ": only http:// is supported");

    std::string wire = method + " " + parts.target + " HTTP/1.1\r\n";
    const bool default_port = parts.port == 80;
    const std::string host = parts.host.find(':') != std::string::npos ? "[" + parts.host + "]" : parts.host;
    if (!options.headers.has("Host")) wire += "Host: " + host + (default_port ? "" : ":" + std::to_string(parts.port)) + "\r\n";
    if (!options.headers.has("Connection")) wire += "Connection: close\r\n";
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        wire += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    for (const auto& [name, value] : options.headers) {
        if (!detail::iequals(name, "Content-Length")) wire += name + ": " + value + "\r\n";
    }
    wire += "\r\n" + body;

    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + options.timeout;
    detail::Socket socket;
    try {
        socket = detail::connect_tcp(parts.host, parts.port, options.connect_timeout);
    } catch (const std::exception& error) {
        throw Error(what + ": " + error.what());
    }
    if (!detail::write_all(socket.fd(), wire, options.timeout)) {
        throw Error(what + ": could not send the request within " + std::to_string(options.timeout.count()) + " ms");
    }

    detail::HttpParser parser(detail::HttpParser::Kind::response, {64 * 1024, 200, options.max_response_bytes});
    parser.set_head_request(method == "HEAD");
    char buffer[64 * 1024];
    while (parser.status() == detail::HttpParser::Status::need_more) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        const detail::ReadResult got =
            left.count() > 0 ? detail::read_some(socket.fd(), buffer, sizeof buffer, left) : detail::ReadResult{detail::ReadStatus::timeout, 0};
        if (got.status == detail::ReadStatus::timeout) {
            throw Error(what + ": no complete response within " + std::to_string(options.timeout.count()) + " ms");
        }
        if (got.status == detail::ReadStatus::closed) {
            if (parser.finish() == detail::HttpParser::Status::error) {
                throw Error(what + ": connection closed before a complete response");
            }
            break;
        }
        parser.feed(std::string_view(buffer, got.size));
    }
    if (parser.status() == detail::HttpParser::Status::error) throw Error(what + ": malformed response: " + parser.error_message());
    return parser.take_response();
}

inline Response get(const std::string& url, const Options& options = {}) { return request("GET", url, {}, options); }

// Without a Content-Type in `options`, the body is sent as text/plain.
inline Response post(const std::string& url, const std::string& body, Options options = {}) {
    if (!options.headers.has("Content-Type")) options.headers.add("Content-Type", "text/plain; charset=utf-8");
    return request("POST", url, body, options);
}

}  // namespace ctp::http

#endif  // CTP_LIVE_SERVER_HTTP_CLIENT_HPP
