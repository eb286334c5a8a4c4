#ifndef CTP_DETAIL_TEXT_ENCODING_HPP
#define CTP_DETAIL_TEXT_ENCODING_HPP

#include <cstddef>  // size_t
#include <ostream>
#include <string>
#include <string_view>

#include "../detail/optimizer_hints.hpp"
#include "utf8.hpp"

namespace ctp::detail {

inline constexpr char32_t replacement_character = 0xFFFD;

// Decodes the code point at `text[i]` and moves `i` past it. Test messages carry whatever
// bytes a test printed, so a byte that does not start a well-formed sequence (RFC 3629: no
// overlong forms, surrogates or values above U+10FFFF) decodes as U+FFFD and is skipped alone.
inline char32_t next_code_point(std::string_view text, std::size_t& i) {
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    const Utf8Lead sequence = utf8_lead(lead);
    const std::size_t length = static_cast<std::size_t>(sequence.continuation_bytes + 1);
    if (sequence.continuation_bytes < 0 || i + length > text.size()) {
        ++i;
        return replacement_character;
    }
    char32_t value = lead & (0x7Fu >> length);
    for (std::size_t k = 1; k < length; ++k) {
        const unsigned char next = byte(i + k);
        if (next < (k == 1 ? sequence.first_low : 0x80) || next > (k == 1 ? sequence.first_high : 0xBF)) {
            ++i;
            return replacement_character;
        }
        value = (value << 6) | (next & 0x3Fu);
    }
    i += length;
    return value;
}

inline void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

inline void append_hex(std::string& out, char32_t value, int digits) {
    constexpr char hex[] = "0123456789abcdef";
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out += hex[(value >> shift) & 0xF];
}

// XML 1.0 cannot carry most C0 controls or U+FFFE/U+FFFF, not even as character references,
// so they are written as visible `\xNN` text instead. `attribute` also keeps line breaks and
// tabs, which attribute normalisation would otherwise turn into spaces.
CTP_DETAIL_NOINLINE inline std::string xml_escape(std::string_view text, bool attribute = false) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = next_code_point(text, i);
        switch (c) {
            case '&': out += "&amp;"; continue;
            case '<': out += "&lt;"; continue;
            case '>': out += "&gt;"; continue;
            case '"': out += attribute ? "&quot;" : "\""; continue;
            case '\r': out += "&#13;"; continue;
            case '\n': out += attribute ? "&#10;" : "\n"; continue;
            case '\t': out += attribute ? "&#9;" : "\t"; continue;
            default: break;
        }
        if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
            out += "\\x";
            append_hex(out, c < 0x20 ? c : replacement_character, c < 0x20 ? 2 : 4);
        } else {
            append_utf8(out, c);
        }
    }
    return out;
}

// A JSON string's contents. Controls (C0, DEL, C1) and the line separators are escaped too,
// so that the text is also a valid YAML double-quoted scalar (TAP's diagnostics) and safe to
// embed in a script.
CTP_DETAIL_NOINLINE inline std::string json_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = next_code_point(text, i);
        switch (c) {
            case '"': out += "\\\""; continue;
            case '\\': out += "\\\\"; continue;
            case '\n': out += "\\n"; continue;
            case '\r': out += "\\r"; continue;
            case '\t': out += "\\t"; continue;
            default: break;
        }
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0xFEFF || c == 0xFFFE ||
            c == 0xFFFF) {
            out += "\\u";
            append_hex(out, c, 4);
        } else {
            append_utf8(out, c);
        }
    }
    return out;
}

// Text escaped as it is written to a stream, so that a report's line builds no string of its own.
struct XmlText {
    std::string_view text;
    bool attribute = false;
};

// A JSON string, quotes included.
struct JsonString {
    std::string_view text;
};

CTP_DETAIL_NOINLINE inline std::ostream& operator<<(std::ostream& out, XmlText xml) {
    return out << xml_escape(xml.text, xml.attribute);
}

CTP_DETAIL_NOINLINE inline std::ostream& operator<<(std::ostream& out, JsonString json) {
    return out << '"' << json_escape(json.text) << '"';
}

}  // namespace ctp::detail

#endif  // CTP_DETAIL_TEXT_ENCODING_HPP
