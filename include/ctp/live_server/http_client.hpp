// ctp::http: a blocking HTTP/1.1 client for tests. One connection per request, and every
// wait bounded, so that a broken server fails the test instead of hanging it.
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

}  // namespace http
}  // namespace ctp

#endif  // CTP_LIVE_SERVER_HTTP_CLIENT_HPP
