// The WebSocket frame decoder (live_server/net/websocket_frame.hpp) over arbitrary bytes.
// The first byte picks the mode, as its low three bits (so '0' to '7' in the corpus):
//   1: decode as a server (frames must be masked)   2 and 4: max payload 125, 1000, 0
//   or 1 MiB
// The rest is the byte stream. Properties: no crash; the frames and the error do not depend
// on how the stream is cut into reads; every frame obeys RFC 6455's rules and decodes the
// same after encode_frame; close payloads and UTF-8 validation agree with their encoders.
#include <ctp/live_server/net/websocket_frame.hpp>

#include <array>
#include <cstddef>  // size_t
#include <cstdint>  // uint8_t, uint16_t
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"

namespace {

using ctp::Opcode;
using ctp::net::Frame;
using ctp::net::FrameDecoder;

struct Mode {
    bool server;
    std::size_t max_payload;
};

bool same(const Frame& a, const Frame& b) { return a.fin == b.fin && a.opcode == b.opcode && a.payload == b.payload; }

void check_close_payload(std::string_view payload) {
    const ctp::net::ClosePayload close = ctp::net::parse_close_payload(payload);
    if (payload.empty()) {
        FUZZ_CHECK(close.code == ctp::close_code::no_status && close.error == 0);
        return;
    }
    if (payload.size() == 1 || !ctp::net::is_valid_close_code(close.code)) {
        FUZZ_CHECK(close.error == ctp::close_code::protocol_error);
        return;
    }
    FUZZ_CHECK(close.error == (ctp::net::is_valid_utf8(close.reason) ? 0 : ctp::close_code::invalid_payload));
    FUZZ_CHECK(ctp::net::encode_close_payload(close.code, close.reason) == payload);
}

// The incremental validator, fed in pieces, agrees with validating the whole text.
void check_utf8(std::string_view text, fuzz::Random& random) {
    ctp::net::Utf8Validator validator;
    bool still_valid = true;
    for (const std::string_view piece : fuzz::split(text, random, 4))
        still_valid = validator.feed(piece) && still_valid;
    FUZZ_CHECK(validator.complete() == ctp::net::is_valid_utf8(text));
    FUZZ_CHECK(!validator.complete() || still_valid);
}

void check_frame(const Frame& frame, const Mode& mode, fuzz::Random& random) {
    const auto opcode = static_cast<std::uint8_t>(frame.opcode);
    FUZZ_CHECK(opcode <= 0x2 || (opcode >= 0x8 && opcode <= 0xA));
    FUZZ_CHECK(frame.payload.size() <= mode.max_payload);
    if (ctp::net::is_control(frame.opcode)) FUZZ_CHECK(frame.fin && frame.payload.size() <= 125);
    if (frame.opcode == Opcode::close) check_close_payload(frame.payload);
    if (frame.opcode == Opcode::text) check_utf8(frame.payload, random);

    // What a client (masked) or a server (unmasked) would send decodes to the same frame.
    std::optional<ctp::net::MaskKey> mask;
    if (mode.server) {
        const std::uint64_t bits = random.next();
        mask = ctp::net::MaskKey{static_cast<std::uint8_t>(bits), static_cast<std::uint8_t>(bits >> 8),
                                 static_cast<std::uint8_t>(bits >> 16), static_cast<std::uint8_t>(bits >> 24)};
    }
    FrameDecoder decoder(mode.server, mode.max_payload);
    decoder.feed(ctp::net::encode_frame(frame.opcode, frame.payload, frame.fin, mask));
    const std::optional<Frame> again = decoder.next();
    FUZZ_CHECK(again && same(*again, frame));
    FUZZ_CHECK(!decoder.next() && decoder.error() == 0);
}

struct Decoded {
    std::vector<Frame> frames;
    std::uint16_t error = 0;
};

Decoded decode(const Mode& mode, const std::vector<std::string_view>& chunks) {
    FrameDecoder decoder(mode.server, mode.max_payload);
    Decoded decoded;
    for (const std::string_view chunk : chunks) {
        decoder.feed(chunk);
        while (std::optional<Frame> frame = decoder.next()) decoded.frames.push_back(std::move(*frame));
    }
    decoded.error = decoder.error();
    return decoded;
}

bool same(const Decoded& a, const Decoded& b) {
    if (a.error != b.error || a.frames.size() != b.frames.size()) return false;
    for (std::size_t i = 0; i < a.frames.size(); ++i)
        if (!same(a.frames[i], b.frames[i])) return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    constexpr std::array<std::size_t, 4> max_payloads{125, 1000, 0, 1 << 20};
    const Mode mode{(data[0] & 1) != 0, max_payloads[(data[0] >> 1) & 3]};
    const std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);

    const Decoded whole = decode(mode, {stream});
    FUZZ_CHECK(whole.error == 0 || whole.error == ctp::close_code::protocol_error ||
               whole.error == ctp::close_code::message_too_big);
    fuzz::Random random(fuzz::hash(stream));
    for (const Frame& frame : whole.frames) check_frame(frame, mode, random);
    FUZZ_CHECK(same(decode(mode, fuzz::split(stream, random, 3)), whole));
    FUZZ_CHECK(same(decode(mode, fuzz::split(stream, random, stream.size())), whole));
    return 0;
}
