// Incremental UTF-8 validation (RFC 3629): WebSocket text may be split across
// fragments at any byte, and invalid input must be detected as early as possible.
#ifndef CTP_LIVE_SERVER_UTF8_HPP
#define CTP_LIVE_SERVER_UTF8_HPP

#include <cstdint>      // uint8_t
#include <string_view>  // string_view

namespace ctp::detail {

class Utf8Validator {
public:
    // Returns false once any byte so far cannot start or continue a valid sequence.
    bool feed(std::string_view data) {
        for (const char c : data) {
            if (failed_) return false;
            step(static_cast<std::uint8_t>(c));
        }
        return !failed_;
    }

    // True when everything fed so far is valid and no sequence is left unfinished.
    bool complete() const { return !failed_ && pending_ == 0; }

    void reset() { *this = Utf8Validator{}; }

private:
    void expect(int count, std::uint8_t low, std::uint8_t high) {
        pending_ = count;
        low_ = low;
        high_ = high;
    }

    void step(std::uint8_t byte) {
        if (pending_ > 0) {
            if (byte < low_ || byte > high_) {
                failed_ = true;
                return;
            }
            --pending_;
            low_ = 0x80;
            high_ = 0xBF;
            return;
        }
        // The narrowed ranges after E0/ED/F0/F4 reject overlong forms, UTF-16
        // surrogates and code points above U+10FFFF.
        if (byte < 0x80) return;
        if (byte >= 0xC2 && byte <= 0xDF) return expect(1, 0x80, 0xBF);
        if (byte == 0xE0) return expect(2, 0xA0, 0xBF);
        if (byte == 0xED) return expect(2, 0x80, 0x9F);
        if (byte >= 0xE1 && byte <= 0xEF) return expect(2, 0x80, 0xBF);
        if (byte == 0xF0) return expect(3, 0x90, 0xBF);
        if (byte >= 0xF1 && byte <= 0xF3) return expect(3, 0x80, 0xBF);
        if (byte == 0xF4) return expect(3, 0x80, 0x8F);
        failed_ = true;
    }

    int pending_ = 0;
    std::uint8_t low_ = 0x80;
    std::uint8_t high_ = 0xBF;
    bool failed_ = false;
};

inline bool is_valid_utf8(std::string_view text) {
    Utf8Validator validator;
    validator.feed(text);
    return validator.complete();
}

}  // namespace ctp::detail

#endif  // CTP_LIVE_SERVER_UTF8_HPP
