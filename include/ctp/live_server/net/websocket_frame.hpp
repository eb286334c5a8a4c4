// RFC 6455 section 5 framing: a pure encoder and an incremental decoder that
// reports protocol violations as the close code the connection must end with.
#ifndef CTP_LIVE_SERVER_NET_WEBSOCKET_FRAME_HPP
#define CTP_LIVE_SERVER_NET_WEBSOCKET_FRAME_HPP

#include "../websocket.hpp"
#include "utf8_validator.hpp"

#include <array>        // array
#include <cstddef>      // size_t
#include <cstdint>      // uint8_t, uint16_t, uint64_t
#include <optional>     // optional
#include <string>       // string
#include <string_view>  // string_view

namespace ctp::net {

struct Frame {
    bool fin = true;
    Opcode opcode = Opcode::text;
    std::string payload;  // already unmasked
};

using MaskKey = std::array<std::uint8_t, 4>;

inline bool is_control(Opcode opcode) { return (static_cast<std::uint8_t>(opcode) & 0x8) != 0; }

// Codes that may appear in a close frame on the wire (RFC 6455 section 7.4).
inline bool is_valid_close_code(std::uint16_t code) {
    if (code >= 3000 && code <= 4999) return true;
    return code >= 1000 && code <= 1014 && code != 1004 && code != close_code::no_status &&
           code != close_code::abnormal;
}

// Client frames carry a mask key (RFC 6455 section 5.3); server frames pass nullopt.
inline std::string encode_frame(Opcode opcode, std::string_view payload, bool fin = true,
                                const std::optional<MaskKey>& mask = std::nullopt) {
    std::string out;
    out.reserve(payload.size() + 14);
    out += static_cast<char>((fin ? 0x80 : 0x00) | static_cast<std::uint8_t>(opcode));
    const char mask_bit = mask ? static_cast<char>(0x80) : 0;
    const std::uint64_t size = payload.size();
    if (size < 126) {
        out += static_cast<char>(mask_bit | static_cast<char>(size));
    } else if (size <= 0xFFFF) {
        out += static_cast<char>(mask_bit | 126);
        out += static_cast<char>(size >> 8);
        out += static_cast<char>(size & 0xFF);
    } else {
        out += static_cast<char>(mask_bit | 127);
        for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((size >> shift) & 0xFF);
    }
    if (!mask) {
        out.append(payload);
        return out;
    }
    for (const std::uint8_t byte : *mask) out += static_cast<char>(byte);
    for (std::size_t i = 0; i < payload.size(); ++i)
        out += static_cast<char>(payload[i] ^ static_cast<char>((*mask)[i % 4]));
    return out;
}

inline std::string encode_close_payload(std::uint16_t code, std::string_view reason) {
    std::string payload;
    payload += static_cast<char>(code >> 8);
    payload += static_cast<char>(code & 0xFF);
    payload.append(reason.substr(0, 123));  // control payloads are capped at 125 bytes
    return payload;
}

struct ClosePayload {
    std::uint16_t code = close_code::no_status;
    std::string reason;
    std::uint16_t error = 0;  // close code to fail with if the payload itself is invalid
};

inline ClosePayload parse_close_payload(std::string_view payload) {
    ClosePayload result;
    if (payload.empty()) return result;
    if (payload.size() == 1) {
        result.error = close_code::protocol_error;
        return result;
    }
    result.code = static_cast<std::uint16_t>((static_cast<std::uint8_t>(payload[0]) << 8) |
                                             static_cast<std::uint8_t>(payload[1]));
    result.reason = std::string(payload.substr(2));
    if (!is_valid_close_code(result.code)) result.error = close_code::protocol_error;
    else if (!is_valid_utf8(result.reason)) result.error = close_code::invalid_payload;
    return result;
}

class FrameDecoder {
public:
    // A server requires masked frames, a client forbids them; `max_payload` bounds memory per frame.
    FrameDecoder(bool require_masked, std::size_t max_payload)
        : require_masked_(require_masked),
          max_payload_(max_payload) {}

    void feed(std::string_view data) {
        if (pos_ > 0 && pos_ >= buffer_.size() / 2) {
            buffer_.erase(0, pos_);
            pos_ = 0;
        }
        buffer_.append(data);
    }

    // The next complete frame, or nullopt when more bytes are needed or error() is set.
    std::optional<Frame> next() {
        if (error_ != 0) return std::nullopt;
        const std::string_view data = std::string_view(buffer_).substr(pos_);
        if (data.size() < 2) return std::nullopt;
        const auto byte0 = static_cast<std::uint8_t>(data[0]);
        const auto byte1 = static_cast<std::uint8_t>(data[1]);
        Frame frame;
        frame.fin = (byte0 & 0x80) != 0;
        frame.opcode = static_cast<Opcode>(byte0 & 0x0F);
        const bool masked = (byte1 & 0x80) != 0;
        const std::uint8_t opcode = byte0 & 0x0F;
        const bool known_opcode = opcode <= 0x2 || (opcode >= 0x8 && opcode <= 0xA);
        // No extensions are negotiated, so any RSV bit is a violation.
        if ((byte0 & 0x70) != 0 || !known_opcode || masked != require_masked_) return fail(close_code::protocol_error);

        std::uint64_t size = byte1 & 0x7F;
        std::size_t header = 2;
        if (is_control(frame.opcode) && (!frame.fin || size > 125)) return fail(close_code::protocol_error);
        if (size == 126 || size == 127) {
            const std::size_t extra = size == 126 ? 2 : 8;
            if (data.size() < header + extra) return std::nullopt;
            size = 0;
            for (std::size_t i = 0; i < extra; ++i) size = (size << 8) | static_cast<std::uint8_t>(data[header + i]);
            header += extra;
            if ((size >> 63) != 0) return fail(close_code::protocol_error);
        }
        if (size > max_payload_) return fail(close_code::message_too_big);
        MaskKey key{};
        if (masked) {
            if (data.size() < header + 4) return std::nullopt;
            for (std::size_t i = 0; i < 4; ++i) key[i] = static_cast<std::uint8_t>(data[header + i]);
            header += 4;
        }
        if (data.size() - header < size) return std::nullopt;
        frame.payload.assign(data.substr(header, static_cast<std::size_t>(size)));
        if (masked) {
            for (std::size_t i = 0; i < frame.payload.size(); ++i) frame.payload[i] ^= static_cast<char>(key[i % 4]);
        }
        pos_ += header + static_cast<std::size_t>(size);
        return frame;
    }

    std::uint16_t error() const { return error_; }

private:
    std::optional<Frame> fail(std::uint16_t code) {
        error_ = code;
        return std::nullopt;
    }

    bool require_masked_;
    std::size_t max_payload_;
    std::string buffer_;
    std::size_t pos_ = 0;
    std::uint16_t error_ = 0;
};

}  // namespace ctp::net

#endif  // CTP_LIVE_SERVER_NET_WEBSOCKET_FRAME_HPP
