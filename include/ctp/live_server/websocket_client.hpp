// ctp::WebSocketClient: opening handshake as a client (RFC 6455 section 4.1),
// then the shared connection core with masked frames and bounded waits.
#ifndef CTP_LIVE_SERVER_WEBSOCKET_CLIENT_HPP
#define CTP_LIVE_SERVER_WEBSOCKET_CLIENT_HPP

#include "base64.hpp"
#include "http_message.hpp"
#include "http_parser.hpp"
#include "socket.hpp"
#include "url.hpp"
#include "websocket.hpp"

#include <chrono>       // milliseconds, steady_clock
#include <cstddef>      // size_t
#include <cstdint>      // uint16_t
#include <exception>    // exception
#include <memory>       // unique_ptr, make_unique
#include <optional>     // optional
#include <random>       // random_device
#include <string>       // string, to_string
#include <string_view>  // string_view
#include <vector>       // vector

namespace ctp {

struct WebSocketClientOptions {
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds read_timeout{10000};  // handshake and each receive(); exceeded: WebSocketError
    std::chrono::milliseconds write_timeout{10000};
    std::vector<std::string> subprotocols;  // offered in Sec-WebSocket-Protocol
    Headers headers;                        // extra handshake headers (e.g. Origin, Cookie)
    std::size_t max_message_size = 64 * 1024 * 1024;
};

class WebSocketClient {
public:
    explicit WebSocketClient(const std::string& url, WebSocketClientOptions options = {}) : url_(url) {
        detail::Url parts;
        try {
            parts = detail::parse_url(url);
        } catch (const std::exception& error) {
            throw WebSocketError(url + ": " + error.what());
        }
        if (parts.scheme != "ws") throw WebSocketError(url + ": only ws:// is supported");
        try {
            socket_ = detail::connect_tcp(parts.host, parts.port, options.connect_timeout);
        } catch (const std::exception& error) {
            throw WebSocketError(url + ": " + error.what());
        }
        std::string leftover = handshake(parts, options);
        detail::WebSocketSettings settings;
        settings.is_client = true;
        settings.max_message_size = options.max_message_size;
        settings.read_timeout = options.read_timeout;
        settings.write_timeout = options.write_timeout;
        settings.description = url;
        connection_ = std::make_unique<detail::WebSocketConnection>(socket_.fd(), std::move(settings), std::move(leftover));
    }

    WebSocketClient(const WebSocketClient&) = delete;
    WebSocketClient& operator=(const WebSocketClient&) = delete;

    ~WebSocketClient() {
        try {
            connection_->close(close_code::normal, {});
        } catch (...) {
            // Destructors must not throw; the socket is closed either way.
        }
    }

    // Sends throw WebSocketError when the connection is closed or the peer stopped reading.
    void send(std::string_view text) { send_frame(Opcode::text, text, true); }
    void send_binary(std::string_view data) { send_frame(Opcode::binary, data, true); }
    void send(const WebSocketMessage& message) { send_frame(message.binary ? Opcode::binary : Opcode::text, message.data, true); }
    void ping(std::string_view payload = {}) { send_frame(Opcode::ping, payload, true); }
    // Raw frame, for testing fragmentation and protocol errors against a server.
    void send_frame(Opcode opcode, std::string_view payload, bool fin) {
        if (!connection_->send_frame(opcode, payload, fin)) throw WebSocketError(url_ + ": send failed (connection closed)");
    }

    // nullopt once the server closed (see close_code()); throws WebSocketError on timeout.
    std::optional<WebSocketMessage> receive() { return connection_->receive(); }

    void close(std::uint16_t code = close_code::normal, std::string_view reason = {}) { connection_->close(code, reason); }

    bool is_open() const { return connection_->is_open(); }
    std::uint16_t close_code() const { return connection_->close_code(); }
    const std::string& close_reason() const { return connection_->close_reason(); }
    std::string last_pong() const { return connection_->last_pong(); }
    std::size_t pongs_received() const { return connection_->pongs_received(); }
    const std::string& subprotocol() const { return subprotocol_; }

private:
    // Returns bytes that arrived after the 101 response (early frames).
    std::string handshake(const detail::Url& parts, const WebSocketClientOptions& options) {
        std::random_device random;
        std::string nonce;
        for (int i = 0; i < 16; ++i) nonce += static_cast<char>(random() & 0xFF);
        const std::string key = detail::base64_encode(nonce);

        std::string wire = "GET " + parts.target + " HTTP/1.1\r\nHost: " + parts.host + ":" + std::to_string(parts.port) +
                           "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key +
                           "\r\nSec-WebSocket-Version: 13\r\n";
        if (!options.subprotocols.empty()) {
            std::string list;
            for (const auto& protocol : options.subprotocols) list += (list.empty() ? "" : ", ") + protocol;
            wire += "Sec-WebSocket-Protocol: " + list + "\r\n";
        }
        for (const auto& [name, value] : options.headers) wire += name + ": " + value + "\r\n";
        wire += "\r\n";
        if (!detail::write_all(socket_.fd(), wire, options.write_timeout)) throw WebSocketError(url_ + ": could not send handshake");

        detail::HttpParser parser(detail::HttpParser::Kind::response);
        char buffer[4096];
        using Clock = std::chrono::steady_clock;
        const auto deadline = Clock::now() + options.read_timeout;
        while (parser.status() == detail::HttpParser::Status::need_more) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            const detail::ReadResult got = left.count() > 0 ? detail::read_some(socket_.fd(), buffer, sizeof buffer, left)
                                                            : detail::ReadResult{detail::ReadStatus::timeout, 0};
            if (got.status == detail::ReadStatus::timeout) throw WebSocketError(url_ + ": handshake timed out");
            if (got.status == detail::ReadStatus::closed) {
                parser.finish();
                break;
            }
            parser.feed(std::string_view(buffer, got.size));
        }
        if (parser.status() != detail::HttpParser::Status::complete) throw WebSocketError(url_ + ": malformed handshake response");
        std::string leftover = parser.take_leftover();
        const Response response = parser.take_response();
        if (response.status != 101) {
            throw WebSocketError(url_ + ": handshake rejected with " + std::to_string(response.status) + " " + response.body);
        }
        if (!response.headers.has_token("Upgrade", "websocket") || !response.headers.has_token("Connection", "upgrade") ||
            response.header("Sec-WebSocket-Accept") != detail::websocket_accept_key(key)) {
            throw WebSocketError(url_ + ": invalid handshake response");
        }
        subprotocol_ = response.header("Sec-WebSocket-Protocol");
        bool offered = subprotocol_.empty();
        for (const auto& protocol : options.subprotocols) offered = offered || protocol == subprotocol_;
        if (!offered) throw WebSocketError(url_ + ": server chose a subprotocol that was not offered: " + subprotocol_);
        return leftover;
    }

    std::string url_;
    detail::Socket socket_;
    std::unique_ptr<detail::WebSocketConnection> connection_;
    std::string subprotocol_;
};

}  // namespace ctp

#endif  // CTP_LIVE_SERVER_WEBSOCKET_CLIENT_HPP
