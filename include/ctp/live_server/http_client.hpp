// ctp::http: a blocking HTTP/1.1 client for tests, every wait bounded, so that a broken server
// fails the test instead of hanging it. http::request opens a connection per request;
// http::Session keeps one open across requests.
#ifndef CTP_LIVE_SERVER_HTTP_CLIENT_HPP
#define CTP_LIVE_SERVER_HTTP_CLIENT_HPP

#include "http_message.hpp"

#include <chrono>     // milliseconds
#include <cstddef>    // size_t
#include <stdexcept>  // runtime_error
#include <string>     // string

namespace ctp {

// A refused connection, a timeout or a malformed response; the message names the method and URL.
class HttpError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct HttpOptions {
    Headers headers{};  // added to (or replacing) the defaults Host, Content-Length, Connection
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds timeout{10000};  // sending the request and receiving the whole response
    std::size_t max_response_bytes = 64 * 1024 * 1024;
};

namespace http {

// Only http:// URLs. Throws HttpError.
Response request(const std::string& method, const std::string& url, const std::string& body = {},
                 const HttpOptions& options = {});

Response get(const std::string& url, const HttpOptions& options = {});

// Without a Content-Type in `options`, the body is sent as text/plain.
Response post(const std::string& url, const std::string& body, const HttpOptions& options = {});

// One keep-alive connection, reused by every request to the same origin (scheme, host, port);
// a request to another origin closes it and connects there. Built with a base URL, a request
// may name just a path ("/items?page=2"), which is appended to the base URL's origin. When
// the server has closed the idle connection, the request is sent once more on a new one:
// always when the connection was found closed before sending, and after sending only for
// idempotent methods (all but POST and PATCH). A response with "Connection: close" ends the
// connection; the next request opens another. Not for use by two threads at once.
class Session {
public:
    Session() = default;
    explicit Session(std::string base_url);
    Session(Session&& other) noexcept;
    Session& operator=(Session&& other) noexcept;
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    ~Session();

    // Throws HttpError, naming the method and the full URL.
    Response request(const std::string& method, const std::string& url_or_path, const std::string& body = {},
                     const HttpOptions& options = {});
    Response get(const std::string& url_or_path, const HttpOptions& options = {});
    // Without a Content-Type in `options`, the body is sent as text/plain.
    Response post(const std::string& url_or_path, const std::string& body, const HttpOptions& options = {});

    // Connections opened so far: 1 after any number of requests that could reuse the first.
    std::size_t connections_opened() const { return connections_opened_; }
    void close();

private:
    std::string base_url_;
    std::string origin_;  // "host:port" of the open connection
    int fd_ = -1;
    std::size_t connections_opened_ = 0;
};

}  // namespace http
}  // namespace ctp

#endif  // CTP_LIVE_SERVER_HTTP_CLIENT_HPP
