// HTTP/1.1 message model shared by the server, its handlers and the client.
#ifndef CTP_LIVE_SERVER_HTTP_MESSAGE_HPP
#define CTP_LIVE_SERVER_HTTP_MESSAGE_HPP

#include <cstddef>      // size_t
#include <optional>     // optional
#include <string>       // string
#include <string_view>  // string_view
#include <utility>      // move, pair
#include <vector>       // vector

namespace ctp {

namespace net {

inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    }
    return true;
}

inline std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

inline std::string_view reason_phrase(int status) {
    switch (status) {
        case 100: return "Continue";
        case 101: return "Switching Protocols";
        case 200: return "OK";
        case 201: return "Created";
        case 202: return "Accepted";
        case 204: return "No Content";
        case 301: return "Moved Permanently";
        case 302: return "Found";
        case 303: return "See Other";
        case 304: return "Not Modified";
        case 307: return "Temporary Redirect";
        case 308: return "Permanent Redirect";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 408: return "Request Timeout";
        case 409: return "Conflict";
        case 413: return "Content Too Large";
        case 415: return "Unsupported Media Type";
        case 422: return "Unprocessable Content";
        case 426: return "Upgrade Required";
        case 429: return "Too Many Requests";
        case 431: return "Request Header Fields Too Large";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 505: return "HTTP Version Not Supported";
        default: return "Unknown";
    }
}

}  // namespace net

// Ordered header fields with case-insensitive names; repeated fields are kept.
class Headers {
public:
    using Field = std::pair<std::string, std::string>;

    void add(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }

    void set(std::string name, std::string value) {
        remove(name);
        add(std::move(name), std::move(value));
    }

    void remove(std::string_view name) {
        std::erase_if(fields_, [&](const Field& field) { return net::iequals(field.first, name); });
    }

    const std::string* find(std::string_view name) const {
        for (const auto& field : fields_) {
            if (net::iequals(field.first, name)) return &field.second;
        }
        return nullptr;
    }

    bool has(std::string_view name) const { return find(name) != nullptr; }

    std::string get(std::string_view name, std::string_view fallback = {}) const {
        const std::string* value = find(name);
        return value != nullptr ? *value : std::string(fallback);
    }

    // True if any `name` field lists `token` in its comma-separated value (e.g. Connection: keep-alive, Upgrade).
    bool has_token(std::string_view name, std::string_view token) const {
        for (const auto& [field_name, value] : fields_) {
            if (!net::iequals(field_name, name)) continue;
            std::string_view rest = value;
            while (!rest.empty()) {
                const auto comma = rest.find(',');
                if (net::iequals(net::trim(rest.substr(0, comma)), token)) return true;
                if (comma == std::string_view::npos) break;
                rest.remove_prefix(comma + 1);
            }
        }
        return false;
    }

    std::size_t size() const { return fields_.size(); }
    auto begin() const { return fields_.begin(); }
    auto end() const { return fields_.end(); }

private:
    std::vector<Field> fields_;
};

struct Request {
    std::string method;
    std::string target;  // as sent: path plus optional "?query"
    std::string path;    // still percent-encoded
    std::string query;   // without the '?'
    std::string version = "HTTP/1.1";
    Headers headers;
    std::string body;

    std::string header(std::string_view name) const { return headers.get(name); }

    std::string request_line() const { return method + " " + target + " " + version; }

    // First value of a form-encoded query parameter, decoded.
    std::optional<std::string> query_param(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string reason;  // empty: the standard phrase for `status`
    Headers headers;
    std::string body;

    static Response make(int status, std::string body, std::string content_type) {
        Response response;
        response.status = status;
        response.body = std::move(body);
        response.headers.set("Content-Type", std::move(content_type));
        return response;
    }
    static Response text(std::string body, int status = 200) {
        return make(status, std::move(body), "text/plain; charset=utf-8");
    }
    static Response html(std::string body, int status = 200) {
        return make(status, std::move(body), "text/html; charset=utf-8");
    }
    static Response json(std::string body, int status = 200) {
        return make(status, std::move(body), "application/json");
    }
    // Plain-text response whose body is the reason phrase (empty for 204 and 304).
    static Response with_status(int status) {
        return text(status == 204 || status == 304 ? std::string() : std::string(net::reason_phrase(status)), status);
    }

    Response& with_header(std::string name, std::string value) & {
        headers.set(std::move(name), std::move(value));
        return *this;
    }
    Response&& with_header(std::string name, std::string value) && {
        headers.set(std::move(name), std::move(value));
        return std::move(*this);
    }

    std::string header(std::string_view name) const { return headers.get(name); }
    std::string_view reason_phrase() const { return reason.empty() ? net::reason_phrase(status) : reason; }
};

}  // namespace ctp

#endif  // CTP_LIVE_SERVER_HTTP_MESSAGE_HPP
