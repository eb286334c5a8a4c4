// Everything that happens on one accepted connection: reading requests with
// timeouts, dispatching them, writing each response in one write, keep-alive,
// and handing over to a WebSocket handler after an upgrade.
#ifndef CTP_LIVE_SERVER_NET_SERVER_CONNECTION_HPP
#define CTP_LIVE_SERVER_NET_SERVER_CONNECTION_HPP

#include "../http_message.hpp"
#include "../router.hpp"
#include "../server.hpp"
#include "../websocket.hpp"
#include "base64.hpp"
#include "http_parser.hpp"
#include "socket.hpp"
#include "websocket_connection.hpp"

#include <sys/socket.h>  // shutdown

#include <algorithm>    // max
#include <atomic>       // atomic
#include <chrono>       // steady_clock, milliseconds
#include <cstdio>       // fprintf, stderr
#include <exception>    // exception
#include <optional>     // optional
#include <string>       // string, to_string
#include <string_view>  // string_view
#include <utility>      // move

namespace ctp::net {

inline bool has_no_body(int status) { return status < 200 || status == 204 || status == 304; }

inline std::string serialize_response(const Response& response, bool head_request, bool keep_alive) {
    std::string out =
        "HTTP/1.1 " + std::to_string(response.status) + " " + std::string(response.reason_phrase()) + "\r\n";
    for (const auto& [name, value] : response.headers) {
        // Framing headers are computed here so they can never disagree with the body.
        if (iequals(name, "Content-Length") || iequals(name, "Connection") || iequals(name, "Transfer-Encoding"))
            continue;
        out += name + ": " + value + "\r\n";
    }
    const bool bodyless = has_no_body(response.status);
    if (!bodyless) {
        if (!response.headers.has("Content-Type")) out += "Content-Type: text/plain; charset=utf-8\r\n";
        out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    }
    out += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    if (!bodyless && !head_request) out += response.body;
    return out;
}

class ServerConnection {
public:
    ServerConnection(int fd, const Router& router, const LiveServerOptions& options, const std::atomic<bool>& stopping)
        : fd_(fd),
          router_(router),
          options_(options),
          stopping_(stopping),
          parser_(HttpParser::Kind::request, ParserLimits{options.max_header_bytes, 100, options.max_body_bytes}) {}

    void run() {
        while (!stopping_ && read_request()) {
            if (parser_.status() == HttpParser::Status::error) {
                const int status = parser_.error_status();
                Response response =
                    Response::text(std::string(reason_phrase(status)) + ": " + parser_.error_message() + "\n", status);
                finish(response, false, false);
                return;
            }
            Request request = parser_.take_request();
            const Router::Match match = router_.match(request.method, request.path);
            if (match.websocket != nullptr && request.headers.has_token("Upgrade", "websocket")) {
                run_websocket(std::move(request), *match.websocket);
                return;
            }
            const Response response = dispatch(request, match);
            const bool keep_alive = wants_keep_alive(request, response) && !stopping_;
            if (!finish(response, request.method == "HEAD", keep_alive) || !keep_alive) return;
            parser_.next_message();
        }
    }

private:
    using Clock = std::chrono::steady_clock;

    // False when the connection should just be dropped: peer gone, idle, or server stopping.
    bool read_request() {
        bool continue_sent = false;
        std::optional<Clock::time_point> deadline;
        char buffer[16 * 1024];
        while (parser_.status() == HttpParser::Status::need_more) {
            if (stopping_) return false;
            if (parser_.expects_continue() && !continue_sent) {
                // curl waits for this before sending large bodies.
                if (!write_all(fd_, "HTTP/1.1 100 Continue\r\n\r\n", options_.write_timeout)) return false;
                continue_sent = true;
            }
            Millis timeout = options_.idle_timeout;
            if (parser_.has_partial_message()) {
                if (!deadline) deadline = Clock::now() + options_.request_timeout;
                timeout = std::max(Millis(0), std::chrono::duration_cast<Millis>(*deadline - Clock::now()));
            }
            const ReadResult got = read_some(fd_, buffer, sizeof buffer, timeout);
            if (got.status == ReadStatus::closed) return false;
            if (got.status == ReadStatus::timeout) {
                if (deadline) finish(Response::with_status(408), false, false);
                return false;
            }
            parser_.feed(std::string_view(buffer, got.size));
        }
        return true;
    }

    static bool wants_keep_alive(const Request& request, const Response& response) {
        if (response.headers.has_token("Connection", "close")) return false;
        if (request.version == "HTTP/1.0") return request.headers.has_token("Connection", "keep-alive");
        return !request.headers.has_token("Connection", "close");
    }

    // Writes the response; when not keeping the connection, closes it gracefully.
    bool finish(const Response& response, bool head_request, bool keep_alive) {
        const bool written =
            write_all(fd_, serialize_response(response, head_request, keep_alive), options_.write_timeout);
        if (!keep_alive) linger();
        return written;
    }

    // Half-close, then drain: closing with unread input sends a reset that can destroy
    // the response before the client read it. Draining for up to a second also lets a
    // client still sending a rejected (e.g. 413) body finish and then read the answer.
    void linger() {
        ::shutdown(fd_, SHUT_WR);
        char buffer[64 * 1024];
        const auto deadline = Clock::now() + Millis(1000);
        for (int reads = 0; reads < 4096; ++reads) {
            const auto left = std::chrono::duration_cast<Millis>(deadline - Clock::now());
            if (left.count() <= 0 || read_some(fd_, buffer, sizeof buffer, left).status != ReadStatus::data) return;
        }
    }

    void report(const std::string& request_line, const std::string& message) const {
        if (!options_.on_handler_error) {
            std::fprintf(stderr, "ctp live server: %s: %s\n", request_line.c_str(), message.c_str());
            return;
        }
        try {
            options_.on_handler_error(request_line, message);
        } catch (...) {
            // A failing hook must not take the server down with it.
        }
    }

    template <typename Function>
    bool guarded(const Request& request, Function&& function) const {
        try {
            function();
            return true;
        } catch (const std::exception& error) {
            report(request.request_line(), error.what());
        } catch (...) {
            report(request.request_line(), "unknown exception (not derived from std::exception)");
        }
        return false;
    }

    Response dispatch(const Request& request, const Router::Match& match) const {
        if (match.status == 405) return Response::with_status(405).with_header("Allow", match.allow);
        if (match.websocket != nullptr) return Response::with_status(426).with_header("Upgrade", "websocket");
        if (match.http == nullptr) return Response::with_status(404);
        Response response;
        if (!guarded(request, [&] { response = (*match.http)(request); })) return Response::with_status(500);
        return response;
    }

    static std::string choose_subprotocol(const Request& request, const WebSocketRouteOptions& options) {
        for (const auto& supported : options.subprotocols) {
            if (request.headers.has_token("Sec-WebSocket-Protocol", supported)) return supported;
        }
        return {};
    }

    void run_websocket(Request request, const WebSocketRoute& route) {
        const std::string key = request.header("Sec-WebSocket-Key");
        const auto decoded_key = base64_decode(key);
        if (request.header("Sec-WebSocket-Version") != "13") {
            finish(Response::with_status(426).with_header("Sec-WebSocket-Version", "13"), false, false);
            return;
        }
        if (request.version != "HTTP/1.1" || !request.headers.has_token("Connection", "upgrade") || !decoded_key ||
            decoded_key->size() != 16 || !request.body.empty()) {
            finish(Response::text("Bad Request: invalid WebSocket handshake\n", 400), false, false);
            return;
        }
        const std::string subprotocol = choose_subprotocol(request, route.options);
        std::string handshake =
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Accept: " +
            websocket_accept_key(key) + "\r\n";
        if (!subprotocol.empty()) handshake += "Sec-WebSocket-Protocol: " + subprotocol + "\r\n";
        handshake += "\r\n";
        if (!write_all(fd_, handshake, options_.write_timeout)) return;

        const std::string request_line = request.request_line();
        WebSocketSettings settings;
        settings.max_message_size = route.options.max_message_size;
        settings.write_timeout = options_.write_timeout;
        settings.description = request_line;
        WebSocketConnection connection(fd_, std::move(settings), parser_.take_leftover());
        WebSocket socket(connection, std::move(request), subprotocol);
        if (!guarded(socket.request(), [&] { route.handler(socket); })) {
            socket.close(close_code::internal_error, "handler error");
        } else {
            socket.close(close_code::normal, {});
        }
        linger();
    }

    int fd_;
    const Router& router_;
    const LiveServerOptions& options_;
    const std::atomic<bool>& stopping_;
    HttpParser parser_;
};

}  // namespace ctp::net

#endif  // CTP_LIVE_SERVER_NET_SERVER_CONNECTION_HPP
