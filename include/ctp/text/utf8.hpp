#ifndef CTP_TEXT_UTF8_HPP
#define CTP_TEXT_UTF8_HPP

namespace ctp::detail {

// What a lead byte promises under RFC 3629: how many continuation bytes follow, and the range
// the first of them must lie in (the rest lie in 80..BF). The narrowed ranges after E0, ED, F0
// and F4 reject overlong forms, UTF-16 surrogates and code points above U+10FFFF; a byte that
// cannot start a sequence gives -1. The one table behind both the reporters' decoding and
// the live server's WebSocket text validation.
struct Utf8Lead {
    int continuation_bytes;
    unsigned char first_low;
    unsigned char first_high;
};

constexpr Utf8Lead utf8_lead(unsigned char byte) noexcept {
    if (byte < 0x80) return {0, 0x80, 0xBF};
    if (byte >= 0xC2 && byte <= 0xDF) return {1, 0x80, 0xBF};
    if (byte == 0xE0) return {2, 0xA0, 0xBF};
    if (byte == 0xED) return {2, 0x80, 0x9F};
    if (byte >= 0xE1 && byte <= 0xEF) return {2, 0x80, 0xBF};
    if (byte == 0xF0) return {3, 0x90, 0xBF};
    if (byte >= 0xF1 && byte <= 0xF3) return {3, 0x80, 0xBF};
    if (byte == 0xF4) return {3, 0x80, 0x8F};
    return {-1, 0, 0};
}

}  // namespace ctp::detail

#endif  // CTP_TEXT_UTF8_HPP
