// SHA-1 (FIPS 180-4). Only used to compute Sec-WebSocket-Accept; not for security.
#ifndef CTP_LIVE_SERVER_NET_SHA1_HPP
#define CTP_LIVE_SERVER_NET_SHA1_HPP

#include <array>        // array
#include <cstddef>      // size_t
#include <cstdint>      // uint8_t, uint32_t, uint64_t
#include <string>       // string
#include <string_view>  // string_view

namespace ctp::net {

using Sha1Digest = std::array<std::uint8_t, 20>;

class Sha1 {
public:
    void update(std::string_view data) {
        for (const char c : data) {
            block_[block_size_++] = static_cast<std::uint8_t>(c);
            if (block_size_ == block_.size()) {
                process_block();
                block_size_ = 0;
            }
        }
        total_bytes_ += data.size();
    }

    Sha1Digest finish() {
        const std::uint64_t bit_length = total_bytes_ * 8;
        update(std::string_view("\x80", 1));
        while (block_size_ != 56) update(std::string_view("\0", 1));
        for (int shift = 56; shift >= 0; shift -= 8) {
            block_[block_size_++] = static_cast<std::uint8_t>(bit_length >> shift);
        }
        process_block();
        Sha1Digest digest{};
        for (std::size_t i = 0; i < 5; ++i) {
            for (std::size_t j = 0; j < 4; ++j) {
                digest[i * 4 + j] = static_cast<std::uint8_t>(state_[i] >> (24 - 8 * j));
            }
        }
        return digest;
    }

private:
    static std::uint32_t rotl(std::uint32_t value, int bits) { return (value << bits) | (value >> (32 - bits)); }

    void process_block() {
        std::array<std::uint32_t, 80> w{};
        for (std::size_t i = 0; i < 16; ++i) {
            w[i] = (std::uint32_t{block_[i * 4]} << 24) | (std::uint32_t{block_[i * 4 + 1]} << 16) |
                   (std::uint32_t{block_[i * 4 + 2]} << 8) | std::uint32_t{block_[i * 4 + 3]};
        }
        for (std::size_t i = 16; i < 80; ++i) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);

        std::uint32_t a = state_[0], b = state_[1], c = state_[2], d = state_[3], e = state_[4];
        for (std::size_t i = 0; i < 80; ++i) {
            std::uint32_t f = 0;
            std::uint32_t k = 0;
            if (i < 20) {
                f = (b & c) | (~b & d);
                k = 0x5A827999;
            } else if (i < 40) {
                f = b ^ c ^ d;
                k = 0x6ED9EBA1;
            } else if (i < 60) {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8F1BBCDC;
            } else {
                f = b ^ c ^ d;
                k = 0xCA62C1D6;
            }
            const std::uint32_t next = rotl(a, 5) + f + e + k + w[i];
            e = d;
            d = c;
            c = rotl(b, 30);
            b = a;
            a = next;
        }
        state_[0] += a;
        state_[1] += b;
        state_[2] += c;
        state_[3] += d;
        state_[4] += e;
    }

    std::array<std::uint32_t, 5> state_{0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    std::array<std::uint8_t, 64> block_{};
    std::size_t block_size_ = 0;
    std::uint64_t total_bytes_ = 0;
};

inline Sha1Digest sha1(std::string_view data) {
    Sha1 hasher;
    hasher.update(data);
    return hasher.finish();
}

inline std::string to_hex(const Sha1Digest& digest) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    for (const std::uint8_t byte : digest) {
        hex += digits[byte >> 4];
        hex += digits[byte & 0xF];
    }
    return hex;
}

}  // namespace ctp::net

#endif  // CTP_LIVE_SERVER_NET_SHA1_HPP
