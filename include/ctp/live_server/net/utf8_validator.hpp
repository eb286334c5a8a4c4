// Incremental UTF-8 validation (RFC 3629): WebSocket text may be split across
// fragments at any byte, and invalid input must be detected as early as possible.
#ifndef CTP_LIVE_SERVER_NET_UTF8_VALIDATOR_HPP
#define CTP_LIVE_SERVER_NET_UTF8_VALIDATOR_HPP

#include <cstdint>      // uint8_t
#include <string_view>  // string_view

#include "../../text/utf8.hpp"

namespace ctp::net {

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
        const detail::Utf8Lead lead = detail::utf8_lead(byte);
        if (lead.continuation_bytes < 0) {
            failed_ = true;
            return;
        }
        if (lead.continuation_bytes > 0) expect(lead.continuation_bytes, lead.first_low, lead.first_high);
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

}  // namespace ctp::net

#endif  // CTP_LIVE_SERVER_NET_UTF8_VALIDATOR_HPP
