// One WebSocket connection after the opening handshake (RFC 6455): message reassembly,
// UTF-8 checks, automatic pong, and the closing handshake; the core of both ctp::WebSocket
// (server side) and ctp::WebSocketClient.
#ifndef CTP_LIVE_SERVER_NET_WEBSOCKET_CONNECTION_HPP
#define CTP_LIVE_SERVER_NET_WEBSOCKET_CONNECTION_HPP

#include "../websocket.hpp"
#include "base64.hpp"
#include "sha1.hpp"
#include "socket.hpp"
#include "utf8_validator.hpp"
#include "websocket_frame.hpp"

#include <sys/socket.h>  // shutdown

#include <atomic>       // atomic
#include <cstddef>      // size_t
#include <cstdint>      // uint8_t, uint16_t, uint32_t
#include <mutex>        // mutex, lock_guard
#include <optional>     // optional
#include <random>       // random_device, mt19937
#include <string>       // string, to_string
#include <string_view>  // string_view
#include <utility>      // move

namespace ctp::net {

inline std::string websocket_accept_key(std::string_view client_key) {
    static constexpr std::string_view guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    Sha1 hasher;
    hasher.update(client_key);
    hasher.update(guid);
    const Sha1Digest digest = hasher.finish();
    return base64_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

struct WebSocketSettings {
    bool is_client = false;
    std::size_t max_message_size = 16 * 1024 * 1024;
    Millis read_timeout = no_timeout;
    Millis write_timeout{10000};
    Millis close_timeout{2000};  // how long close() waits for the peer's close frame
    std::string description{};   // names the connection in exceptions, e.g. the URL
};

// Any thread may send while one thread receives; receive() and close() belong to that one thread.
class WebSocketConnection {
public:
    WebSocketConnection(int fd, WebSocketSettings settings, std::string initial_bytes)
        : fd_(fd),
          settings_(std::move(settings)),
          decoder_(!settings_.is_client, settings_.max_message_size),
          random_(std::random_device{}()) {
        decoder_.feed(initial_bytes);
    }

    bool send_frame(Opcode opcode, std::string_view payload, bool fin = true) {
        std::lock_guard<std::mutex> lock(write_mutex_);
        if (close_sent_) return false;
        if (opcode == Opcode::close) close_sent_ = true;
        std::optional<MaskKey> mask;
        if (settings_.is_client) {
            const std::uint32_t bits = random_();
            mask = MaskKey{static_cast<std::uint8_t>(bits), static_cast<std::uint8_t>(bits >> 8),
                           static_cast<std::uint8_t>(bits >> 16), static_cast<std::uint8_t>(bits >> 24)};
        }
        return write_all(fd_, encode_frame(opcode, payload, fin, mask), settings_.write_timeout);
    }

    // The next data message; nullopt once the connection is closed (see close_code()).
    std::optional<WebSocketMessage> receive() {
        char buffer[64 * 1024];
        while (!closed_) {
            while (auto frame = decoder_.next()) {
                if (auto message = handle(std::move(*frame))) return message;
                if (closed_) return std::nullopt;
            }
            if (decoder_.error() != 0) {
                fail(decoder_.error());
                break;
            }
            const ReadResult got = read_some(fd_, buffer, sizeof buffer, settings_.read_timeout);
            if (got.status == ReadStatus::timeout) {
                throw WebSocketError("WebSocket " + settings_.description + ": no message within " +
                                     std::to_string(settings_.read_timeout.count()) + " ms");
            }
            if (got.status == ReadStatus::closed) {
                closed_ = true;
                if (close_code_ == 0) close_code_ = close_code::abnormal;
                break;
            }
            decoder_.feed(std::string_view(buffer, got.size));
        }
        return std::nullopt;
    }

    // Starts (or completes) the closing handshake and waits, bounded, for the peer's close frame.
    void close(std::uint16_t code, std::string_view reason) {
        if (!closed_ && send_frame(Opcode::close, encode_close_payload(code, reason))) {
            if (close_code_ == 0) close_code_ = code;
            const Millis saved = settings_.read_timeout;
            settings_.read_timeout = settings_.close_timeout;
            try {
                while (receive()) {}
            } catch (const WebSocketError&) {
                // The peer never answered; the connection is torn down regardless.
            }
            settings_.read_timeout = saved;
        }
        closed_ = true;
    }

    bool is_open() const { return !closed_; }
    std::uint16_t close_code() const { return close_code_; }
    const std::string& close_reason() const { return close_reason_; }
    std::size_t pongs_received() const { return pongs_.load(); }

    std::string last_pong() const {
        std::lock_guard<std::mutex> lock(pong_mutex_);
        return last_pong_;
    }

private:
    // Always nullopt, so frame handling can `return fail(...)`.
    std::nullopt_t fail(std::uint16_t code) {
        if (close_code_ == 0) close_code_ = code;
        send_frame(Opcode::close, encode_close_payload(code, {}));
        // Half-close so the peer sees the close frame followed by EOF.
        ::shutdown(fd_, SHUT_WR);
        closed_ = true;
        return std::nullopt;
    }

    std::optional<WebSocketMessage> handle(Frame frame) {
        switch (frame.opcode) {
            case Opcode::ping: send_frame(Opcode::pong, frame.payload); return std::nullopt;
            case Opcode::pong: {
                std::lock_guard<std::mutex> lock(pong_mutex_);
                last_pong_ = std::move(frame.payload);
                ++pongs_;
                return std::nullopt;
            }
            case Opcode::close: {
                const ClosePayload parsed = parse_close_payload(frame.payload);
                if (parsed.error != 0) return fail(parsed.error);
                if (close_code_ == 0) {
                    close_code_ = parsed.code;
                    close_reason_ = parsed.reason;
                }
                const std::string echo =
                    parsed.code == close_code::no_status ? std::string() : encode_close_payload(parsed.code, {});
                send_frame(Opcode::close, echo);
                closed_ = true;
                return std::nullopt;
            }
            case Opcode::text:
            case Opcode::binary:
                if (in_message_) return fail(close_code::protocol_error);
                in_message_ = true;
                message_ = WebSocketMessage{std::string(), frame.opcode == Opcode::binary};
                utf8_.reset();
                break;
            case Opcode::continuation:
                if (!in_message_) return fail(close_code::protocol_error);
                break;
        }
        if (frame.payload.size() > settings_.max_message_size - message_.data.size()) {
            return fail(close_code::message_too_big);
        }
        if (!message_.binary && !utf8_.feed(frame.payload)) return fail(close_code::invalid_payload);
        message_.data += frame.payload;
        if (!frame.fin) return std::nullopt;
        if (!message_.binary && !utf8_.complete()) return fail(close_code::invalid_payload);
        in_message_ = false;
        return std::move(message_);
    }

    int fd_;
    WebSocketSettings settings_;
    FrameDecoder decoder_;
    std::mutex write_mutex_;
    std::mt19937 random_;  // mask keys need not be cryptographic for loopback tests
    bool close_sent_ = false;
    bool closed_ = false;
    std::uint16_t close_code_ = 0;
    std::string close_reason_;
    bool in_message_ = false;
    WebSocketMessage message_;
    Utf8Validator utf8_;
    mutable std::mutex pong_mutex_;
    std::string last_pong_;
    std::atomic<std::size_t> pongs_{0};
};

}  // namespace ctp::net

#endif  // CTP_LIVE_SERVER_NET_WEBSOCKET_CONNECTION_HPP
