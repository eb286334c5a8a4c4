// WebSocket (RFC 6455) for tests: messages, close codes, the server side a route's handler
// gets (ctp::WebSocket) and the client (ctp::WebSocketClient). Both share one connection
// core, compiled once with the server (net/websocket_connection.hpp).
#ifndef CTP_LIVE_SERVER_WEBSOCKET_HPP
#define CTP_LIVE_SERVER_WEBSOCKET_HPP

#include "http_message.hpp"

#include <chrono>       // milliseconds
#include <cstddef>      // size_t
#include <cstdint>      // uint8_t, uint16_t
#include <optional>     // optional
#include <stdexcept>    // runtime_error
#include <string>       // string
#include <string_view>  // string_view
#include <utility>      // move
#include <vector>       // vector

namespace ctp {

namespace net {
class WebSocketConnection;
class WebSocketClientState;
class ServerConnection;
}  // namespace net

enum class Opcode : std::uint8_t { continuation = 0x0, text = 0x1, binary = 0x2, close = 0x8, ping = 0x9, pong = 0xA };

namespace close_code {
inline constexpr std::uint16_t normal = 1000;
inline constexpr std::uint16_t going_away = 1001;
inline constexpr std::uint16_t protocol_error = 1002;
inline constexpr std::uint16_t unsupported_data = 1003;
inline constexpr std::uint16_t no_status = 1005;  // never sent: the peer's close frame had no code
inline constexpr std::uint16_t abnormal = 1006;   // never sent: the connection dropped without a close frame
inline constexpr std::uint16_t invalid_payload = 1007;
inline constexpr std::uint16_t policy_violation = 1008;
inline constexpr std::uint16_t message_too_big = 1009;
inline constexpr std::uint16_t internal_error = 1011;
}  // namespace close_code

struct WebSocketMessage {
    std::string data;
    bool binary = false;

    bool is_text() const { return !binary; }
    bool operator==(const WebSocketMessage&) const = default;
    friend bool operator==(const WebSocketMessage& message, std::string_view text) { return message.data == text; }
};

// A failed handshake, a malformed URL, or no message within the read timeout.
class WebSocketError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// On both sides, a send returns false once the connection is closing or the peer is gone
// (or stopped reading for the write timeout). A peer may leave at any moment, and a server
// broadcasting to a room meets that routinely, so a failed send is an outcome to check, not
// an exception; what the test expects to receive next shows it either way.

// Server side of an accepted WebSocket, handed to the route's handler.
class WebSocket {
public:
    WebSocket(const WebSocket&) = delete;
    WebSocket& operator=(const WebSocket&) = delete;

    // The next data message; nullopt once the connection is closed (see close_code()).
    std::optional<WebSocketMessage> receive();

    bool send(std::string_view text);
    bool send_binary(std::string_view data);
    bool send(const WebSocketMessage& message);
    bool ping(std::string_view payload = {});
    // A raw frame, for testing how peers handle fragmentation and protocol errors.
    bool send_frame(Opcode opcode, std::string_view payload, bool fin);

    void close(std::uint16_t code = close_code::normal, std::string_view reason = {});

    bool is_open() const;
    // The code that ended the connection: the peer's, ours when we failed it, 1006 if it just
    // dropped; 0 while open.
    std::uint16_t close_code() const;
    const std::string& close_reason() const;
    std::string last_pong() const;
    const Request& request() const { return request_; }  // the upgrade request, with its query
    const std::string& subprotocol() const { return subprotocol_; }

private:
    friend class net::ServerConnection;
    WebSocket(net::WebSocketConnection& connection, Request request, std::string subprotocol)
        : connection_(connection),
          request_(std::move(request)),
          subprotocol_(std::move(subprotocol)) {}

    net::WebSocketConnection& connection_;
    Request request_;
    std::string subprotocol_;
};

struct WebSocketClientOptions {
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds read_timeout{10000};  // handshake and each receive(); exceeded: WebSocketError
    std::chrono::milliseconds write_timeout{10000};
    std::vector<std::string> subprotocols{};  // offered in Sec-WebSocket-Protocol
    Headers headers{};                        // extra handshake headers (e.g. Origin, Cookie)
    std::size_t max_message_size = 64 * 1024 * 1024;
};

// Connects and completes the handshake in its constructor (ws:// only; WebSocketError when
// that fails); the destructor closes the connection.
class WebSocketClient {
public:
    explicit WebSocketClient(const std::string& url, const WebSocketClientOptions& options = {});
    WebSocketClient(const WebSocketClient&) = delete;
    WebSocketClient& operator=(const WebSocketClient&) = delete;
    ~WebSocketClient();

    bool send(std::string_view text);
    bool send_binary(std::string_view data);
    bool send(const WebSocketMessage& message);
    bool ping(std::string_view payload = {});
    // A raw frame, for testing fragmentation and protocol errors against a server.
    bool send_frame(Opcode opcode, std::string_view payload, bool fin);

    // nullopt once the server closed (see close_code()); throws WebSocketError on timeout.
    std::optional<WebSocketMessage> receive();

    void close(std::uint16_t code = close_code::normal, std::string_view reason = {});

    bool is_open() const;
    std::uint16_t close_code() const;
    const std::string& close_reason() const;
    std::string last_pong() const;
    std::size_t pongs_received() const;
    const std::string& subprotocol() const;

private:
    net::WebSocketClientState* state_;  // owned; a plain pointer keeps <memory> out of test files
};

}  // namespace ctp

#endif  // CTP_LIVE_SERVER_WEBSOCKET_HPP
