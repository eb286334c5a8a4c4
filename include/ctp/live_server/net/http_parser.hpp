// Incremental HTTP/1.x message parser: bytes in, Request/Response out. It never
// touches a socket, so it can be driven byte by byte by tests and fuzzers.
#ifndef CTP_LIVE_SERVER_NET_HTTP_PARSER_HPP
#define CTP_LIVE_SERVER_NET_HTTP_PARSER_HPP

#include "../http_message.hpp"
#include "url.hpp"

#include <algorithm>    // min
#include <cstddef>      // size_t
#include <cstdint>      // uint64_t
#include <string>       // string
#include <string_view>  // string_view
#include <utility>      // exchange, move

namespace ctp::net {

struct ParserLimits {
    std::size_t max_header_bytes = 16 * 1024;  // start line + header fields (and chunked trailers)
    std::size_t max_header_count = 100;
    std::size_t max_body_bytes = 16 * 1024 * 1024;
};

inline bool is_token_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F) return false;
    return std::string_view("\"(),/:;<=>?@[\\]{}").find(c) == std::string_view::npos;
}

inline bool is_token(std::string_view text) {
    if (text.empty()) return false;
    for (const char c : text) {
        if (!is_token_char(c)) return false;
    }
    return true;
}

class HttpParser {
public:
    enum class Kind { request, response };
    enum class Status { need_more, complete, error };

    explicit HttpParser(Kind kind, ParserLimits limits = {}) : kind_(kind), limits_(limits) {}

    Status feed(std::string_view data) {
        buffer_.append(data);
        return parse();
    }

    // The peer closed: completes a response delimited by connection close, otherwise an error.
    Status finish() {
        if (state_ == State::until_close) {
            state_ = State::complete;
        } else if (state_ != State::complete && state_ != State::error) {
            fail(400, "connection closed mid-message");
        }
        return status();
    }

    Status status() const {
        if (state_ == State::complete) return Status::complete;
        return state_ == State::error ? Status::error : Status::need_more;
    }

    // Status code a server should answer a broken request with (400, 413, 431, 501, 505).
    int error_status() const { return error_status_; }
    const std::string& error_message() const { return error_message_; }

    bool headers_complete() const { return state_ != State::head && state_ != State::error; }
    bool has_partial_message() const { return !buffer_.empty() || state_ != State::head; }
    const Headers& headers() const { return headers_; }
    const std::string& version() const { return version_; }

    bool expects_continue() const {
        return kind_ == Kind::request && headers_complete() && state_ != State::complete && version_ == "HTTP/1.1" &&
               iequals(headers_.get("Expect"), "100-continue");
    }

    // For responses: whether the request was HEAD, which makes the response bodyless.
    void set_head_request(bool head) { head_request_ = head; }

    Request take_request() {
        Request request;
        request.method = std::move(method_);
        request.target = target_;
        const auto question = target_.find('?');
        request.path = target_.substr(0, question);
        if (question != std::string::npos) request.query = target_.substr(question + 1);
        request.version = std::move(version_);
        request.headers = std::move(headers_);
        request.body = std::move(body_);
        return request;
    }

    Response take_response() {
        Response response;
        response.status = status_code_;
        response.reason = std::move(reason_);
        response.headers = std::move(headers_);
        response.body = std::move(body_);
        return response;
    }

    // Starts on the next message, keeping any bytes already received for it (pipelining).
    Status next_message() {
        const bool head = head_request_;
        std::string rest = std::move(buffer_);
        *this = HttpParser(kind_, limits_);
        head_request_ = head;
        return feed(rest);
    }

    // Bytes received past the end of the completed message (e.g. the first WebSocket frames).
    std::string take_leftover() { return std::exchange(buffer_, std::string()); }

private:
    enum class State { head, fixed_body, chunk_size, chunk_data, trailers, until_close, complete, error };

    // Always false, so parsing steps can `return fail(...)`.
    bool fail(int status, std::string message) {
        state_ = State::error;
        error_status_ = status;
        error_message_ = std::move(message);
        return false;
    }

    // Next line (without CR LF) if a whole one has arrived within `limit` bytes.
    bool next_line(std::string_view& line, std::size_t limit, int too_long_status) {
        const auto newline = buffer_.find('\n', pos_);
        if (newline == std::string::npos) {
            if (buffer_.size() - pos_ > limit) fail(too_long_status, "line too long");
            return false;
        }
        // The same limit whether the line came in one read or in several.
        if (newline - pos_ > limit) {
            fail(too_long_status, "line too long");
            return false;
        }
        line = std::string_view(buffer_).substr(pos_, newline - pos_);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        pos_ = newline + 1;
        return true;
    }

    Status parse() {
        while (state_ != State::complete && state_ != State::error) {
            if (!step()) break;
        }
        buffer_.erase(0, pos_);
        pos_ = 0;
        return status();
    }

    // One unit of progress; false when more bytes are needed.
    bool step() {
        std::string_view line;
        switch (state_) {
            case State::head: {
                const std::size_t limit = limits_.max_header_bytes - std::min(head_bytes_, limits_.max_header_bytes);
                if (!start_line_seen_ && kind_ == Kind::request && starts_with_garbage(limit)) {
                    return fail(400, "not an HTTP request");
                }
                const std::size_t before = pos_;
                if (!next_line(line, limit, 431)) return false;
                head_bytes_ += pos_ - before;
                if (head_bytes_ > limits_.max_header_bytes) return fail(431, "header section too large");
                return parse_head_line(line);
            }
            case State::fixed_body: {
                const std::size_t take = std::min<std::size_t>(remaining_, buffer_.size() - pos_);
                body_.append(buffer_, pos_, take);
                pos_ += take;
                remaining_ -= take;
                if (remaining_ == 0) state_ = State::complete;
                return take > 0 || state_ == State::complete;
            }
            case State::chunk_size:
                if (!next_line(line, 1024, 400)) return false;
                return parse_chunk_size(line);
            case State::chunk_data: {
                if (remaining_ > 0) {
                    const std::size_t take = std::min<std::size_t>(remaining_, buffer_.size() - pos_);
                    body_.append(buffer_, pos_, take);
                    pos_ += take;
                    remaining_ -= take;
                    if (remaining_ > 0) return false;
                }
                if (!next_line(line, 2, 400)) return false;
                if (!line.empty()) return fail(400, "chunk data not followed by CRLF");
                state_ = State::chunk_size;
                return true;
            }
            case State::trailers: {
                const std::size_t before = pos_;
                if (!next_line(line, limits_.max_header_bytes, 431)) return false;
                head_bytes_ += pos_ - before;
                if (head_bytes_ > limits_.max_header_bytes) return fail(431, "trailer section too large");
                if (line.empty()) state_ = State::complete;
                return true;
            }
            case State::until_close: {
                body_.append(buffer_, pos_);
                pos_ = buffer_.size();
                if (body_.size() > limits_.max_body_bytes) fail(413, "body too large");
                return false;
            }
            case State::complete:
            case State::error: return false;
        }
        return false;
    }

    // Rejects e.g. a TLS ClientHello at once instead of waiting for a line that never comes.
    // Only within the bytes the head may still take, so that the verdict does not depend on
    // how far past them the bytes had arrived.
    bool starts_with_garbage(std::size_t limit) const {
        const auto first = buffer_.find_first_not_of("\r\n", pos_);
        return first != std::string::npos && first - pos_ <= limit && !is_token_char(buffer_[first]);
    }

    bool parse_head_line(std::string_view line) {
        if (!start_line_seen_) {
            // Tolerate blank lines before a request (RFC 9112 section 2.2).
            if (line.empty() && kind_ == Kind::request) return true;
            start_line_seen_ = true;
            return kind_ == Kind::request ? parse_request_line(line) : parse_status_line(line);
        }
        if (line.empty()) return headers_done();
        if (line.front() == ' ' || line.front() == '\t') return fail(400, "obsolete header line folding");
        const auto colon = line.find(':');
        if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) {
            return fail(400, "malformed header field");
        }
        const std::string_view value = trim(line.substr(colon + 1));
        for (const char c : value) {
            const auto u = static_cast<unsigned char>(c);
            if ((u < 0x20 && c != '\t') || u == 0x7F) return fail(400, "control character in header value");
        }
        if (headers_.size() >= limits_.max_header_count) return fail(431, "too many header fields");
        headers_.add(std::string(line.substr(0, colon)), std::string(value));
        return true;
    }

    bool parse_version(std::string_view version) {
        if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' || version[5] < '0' ||
            version[5] > '9' || version[7] < '0' || version[7] > '9') {
            return fail(400, "malformed HTTP version");
        }
        if (version[5] != '1') return fail(505, "unsupported HTTP version");
        version_ = version[7] == '0' ? "HTTP/1.0" : "HTTP/1.1";
        return true;
    }

    bool parse_request_line(std::string_view line) {
        const auto first = line.find(' ');
        const auto last = line.rfind(' ');
        if (first == std::string_view::npos || first == last) return fail(400, "malformed request line");
        const std::string_view method = line.substr(0, first);
        const std::string_view target = line.substr(first + 1, last - first - 1);
        if (!is_token(method)) return fail(400, "malformed method");
        if (target.empty() || (target.front() != '/' && target != "*")) return fail(400, "malformed request target");
        for (const char c : target) {
            const auto u = static_cast<unsigned char>(c);
            if (u <= 0x20 || u >= 0x7F) return fail(400, "invalid character in request target");
        }
        method_ = std::string(method);
        target_ = std::string(target);
        return parse_version(line.substr(last + 1));
    }

    bool parse_status_line(std::string_view line) {
        if (line.size() < 12 || line[8] != ' ' || (line.size() > 12 && line[12] != ' ')) {
            return fail(400, "malformed status line");
        }
        if (!parse_version(line.substr(0, 8))) return false;
        status_code_ = 0;
        for (const char c : line.substr(9, 3)) {
            if (c < '0' || c > '9') return fail(400, "malformed status code");
            status_code_ = status_code_ * 10 + (c - '0');
        }
        reason_ = line.size() > 13 ? std::string(line.substr(13)) : std::string();
        return true;
    }

    bool headers_done() {
        if (kind_ == Kind::response && status_code_ == 101) {  // the connection now speaks another protocol
            state_ = State::complete;
            return true;
        }
        if (kind_ == Kind::response && status_code_ >= 100 && status_code_ < 200) {
            // Interim response (e.g. 100 Continue): skip it and parse the final one.
            headers_ = Headers();
            start_line_seen_ = false;
            head_bytes_ = 0;
            return true;
        }
        if (kind_ == Kind::request && version_ == "HTTP/1.1") {
            int hosts = 0;
            for (const auto& field : headers_) hosts += iequals(field.first, "Host") ? 1 : 0;
            if (hosts != 1) return fail(400, "HTTP/1.1 request needs exactly one Host field");
        }
        const bool has_length = headers_.has("Content-Length");
        if (headers_.has("Transfer-Encoding")) {
            if (has_length) return fail(400, "both Transfer-Encoding and Content-Length");
            std::string codings;
            for (const auto& [name, value] : headers_) {
                if (iequals(name, "Transfer-Encoding")) codings += (codings.empty() ? "" : ",") + value;
            }
            if (!iequals(trim(codings), "chunked")) return fail(501, "unsupported transfer coding");
            state_ = State::chunk_size;
            return true;
        }
        const bool bodyless = kind_ == Kind::response && (head_request_ || status_code_ == 204 || status_code_ == 304);
        if (bodyless) {
            state_ = State::complete;
            return true;
        }
        if (has_length) return parse_content_length();
        state_ = kind_ == Kind::request ? State::complete : State::until_close;
        return true;
    }

    bool parse_content_length() {
        // Repeated or list-valued Content-Length is only acceptable when all values agree.
        std::string agreed;
        for (const auto& [name, value] : headers_) {
            if (!iequals(name, "Content-Length")) continue;
            std::string_view rest = value;
            while (true) {
                const auto comma = rest.find(',');
                const std::string_view item = trim(rest.substr(0, comma));
                if (item.empty() || item.find_first_not_of("0123456789") != std::string_view::npos) {
                    return fail(400, "malformed Content-Length");
                }
                if (!agreed.empty() && agreed != item) return fail(400, "conflicting Content-Length");
                agreed = std::string(item);
                if (comma == std::string_view::npos) break;
                rest.remove_prefix(comma + 1);
            }
        }
        const auto digits = agreed.find_first_not_of('0');
        const std::string_view significant =
            digits == std::string::npos ? "0" : std::string_view(agreed).substr(digits);
        if (significant.size() > 18) return fail(413, "body too large");
        remaining_ = std::stoull(std::string(significant));
        if (remaining_ > limits_.max_body_bytes) return fail(413, "body too large");
        state_ = remaining_ == 0 ? State::complete : State::fixed_body;
        return true;
    }

    bool parse_chunk_size(std::string_view line) {
        const auto end = line.find_first_of("; \t");
        const std::string_view hex = line.substr(0, end);
        if (hex.empty()) return fail(400, "malformed chunk size");
        std::uint64_t size = 0;
        for (const char c : hex) {
            const int digit = hex_value(c);
            if (digit < 0) return fail(400, "malformed chunk size");
            if (size > (limits_.max_body_bytes >> 4)) return fail(413, "body too large");
            size = size * 16 + static_cast<std::uint64_t>(digit);
        }
        if (size > limits_.max_body_bytes - body_.size()) return fail(413, "body too large");
        remaining_ = size;
        state_ = size == 0 ? State::trailers : State::chunk_data;
        return true;
    }

    Kind kind_;
    ParserLimits limits_;
    State state_ = State::head;
    std::string buffer_;
    std::size_t pos_ = 0;
    std::size_t head_bytes_ = 0;
    bool start_line_seen_ = false;
    bool head_request_ = false;
    std::string method_;
    std::string target_;
    std::string version_;
    int status_code_ = 0;
    std::string reason_;
    Headers headers_;
    std::string body_;
    std::uint64_t remaining_ = 0;
    int error_status_ = 0;
    std::string error_message_;
};

}  // namespace ctp::net

#endif  // CTP_LIVE_SERVER_NET_HTTP_PARSER_HPP
