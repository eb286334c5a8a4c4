// The JSON the browser's protocol speaks: a value tree read from one message, and quoting for
// the messages ctp writes. Compiled only with the browser.
#ifndef CTP_BROWSER_JSON_HPP
#define CTP_BROWSER_JSON_HPP

#include <cstddef>  // size_t
#include <cstdlib>  // strtod
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>  // pair, move
#include <vector>

#include "../text/text_encoding.hpp"

namespace ctp::detail {

class Json {
public:
    enum class Kind { null, boolean, number, string, array, object };

    Kind kind() const noexcept { return kind_; }
    bool is_null() const noexcept { return kind_ == Kind::null; }

    // A member of an object; a null value when there is none (or this is no object).
    const Json& operator[](std::string_view key) const {
        for (const auto& [name, value] : members_)
            if (name == key) return value;
        return null_value();
    }
    bool has(std::string_view key) const {
        for (const auto& member : members_)
            if (member.first == key) return true;
        return false;
    }
    const std::vector<Json>& items() const noexcept { return items_; }
    const std::vector<std::pair<std::string, Json>>& members() const noexcept { return members_; }

    // A string's text, a number's digits as written; empty otherwise.
    const std::string& text() const noexcept { return text_; }
    double number() const { return kind_ == Kind::number ? std::strtod(text_.c_str(), nullptr) : 0; }
    bool boolean() const noexcept { return boolean_; }

    // Compact JSON text: what JSON.stringify would write for the same value.
    std::string dump() const {
        std::string out;
        dump_to(out);
        return out;
    }

    // Throws std::runtime_error saying where the text is not JSON.
    static Json parse(std::string_view text) {
        std::size_t at = 0;
        Json value = parse_value(text, at, 0);
        skip_space(text, at);
        if (at != text.size()) fail(text, at, "text after the value");
        return value;
    }

private:
    static const Json& null_value() {
        static const Json null;
        return null;
    }

    void dump_to(std::string& out) const {
        switch (kind_) {
            case Kind::null: out += "null"; return;
            case Kind::boolean: out += boolean_ ? "true" : "false"; return;
            case Kind::number: out += text_; return;
            case Kind::string: out.append("\"").append(json_escape(text_)).append("\""); return;
            case Kind::array:
                out += '[';
                for (std::size_t i = 0; i < items_.size(); ++i) {
                    if (i > 0) out += ',';
                    items_[i].dump_to(out);
                }
                out += ']';
                return;
            case Kind::object:
                out += '{';
                for (std::size_t i = 0; i < members_.size(); ++i) {
                    if (i > 0) out += ',';
                    out.append("\"").append(json_escape(members_[i].first)).append("\":");
                    members_[i].second.dump_to(out);
                }
                out += '}';
                return;
        }
    }

    [[noreturn]] static void fail(std::string_view text, std::size_t at, const char* problem) {
        throw std::runtime_error("invalid JSON at offset " + std::to_string(at) + " of " + std::to_string(text.size()) +
                                 ": " + problem);
    }

    static void skip_space(std::string_view text, std::size_t& at) {
        while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r')) ++at;
    }

    static bool literal(std::string_view text, std::size_t& at, std::string_view word) {
        if (text.substr(at, word.size()) != word) return false;
        at += word.size();
        return true;
    }

    static Json parse_value(std::string_view text, std::size_t& at, int depth) {
        if (depth > 512) fail(text, at, "nested too deeply");
        skip_space(text, at);
        if (at >= text.size()) fail(text, at, "a value is missing");
        Json value;
        const char c = text[at];
        if (c == '{') {
            value.kind_ = Kind::object;
            ++at;
            skip_space(text, at);
            if (at < text.size() && text[at] == '}') {
                ++at;
                return value;
            }
            for (;;) {
                skip_space(text, at);
                if (at >= text.size() || text[at] != '"') fail(text, at, "a member name is missing");
                std::string name = parse_string(text, at);
                skip_space(text, at);
                if (at >= text.size() || text[at] != ':') fail(text, at, "':' is missing");
                ++at;
                value.members_.emplace_back(std::move(name), parse_value(text, at, depth + 1));
                skip_space(text, at);
                if (at < text.size() && text[at] == ',') {
                    ++at;
                    continue;
                }
                if (at < text.size() && text[at] == '}') {
                    ++at;
                    return value;
                }
                fail(text, at, "',' or '}' is missing");
            }
        }
        if (c == '[') {
            value.kind_ = Kind::array;
            ++at;
            skip_space(text, at);
            if (at < text.size() && text[at] == ']') {
                ++at;
                return value;
            }
            for (;;) {
                value.items_.push_back(parse_value(text, at, depth + 1));
                skip_space(text, at);
                if (at < text.size() && text[at] == ',') {
                    ++at;
                    continue;
                }
                if (at < text.size() && text[at] == ']') {
                    ++at;
                    return value;
                }
                fail(text, at, "',' or ']' is missing");
            }
        }
        if (c == '"') {
            value.kind_ = Kind::string;
            value.text_ = parse_string(text, at);
            return value;
        }
        if (literal(text, at, "true") || literal(text, at, "false")) {
            value.kind_ = Kind::boolean;
            value.boolean_ = text[at - 1] == 'e' && text[at - 2] == 'u';
            return value;
        }
        if (literal(text, at, "null")) return value;
        const std::size_t start = at;
        if (at < text.size() && text[at] == '-') ++at;
        const auto digits = [&] {
            const std::size_t from = at;
            while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
            return at > from;
        };
        if (!digits()) fail(text, start, "not a value");
        if (at < text.size() && text[at] == '.') {
            ++at;
            if (!digits()) fail(text, at, "digits are missing after '.'");
        }
        if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
            ++at;
            if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
            if (!digits()) fail(text, at, "digits are missing in the exponent");
        }
        value.kind_ = Kind::number;
        value.text_ = std::string(text.substr(start, at - start));
        return value;
    }

    static unsigned hex4(std::string_view text, std::size_t at) {
        if (at + 4 > text.size()) fail(text, at, "a \\u escape is cut short");
        unsigned value = 0;
        for (std::size_t i = at; i < at + 4; ++i) {
            const char c = text[i];
            value <<= 4;
            if (c >= '0' && c <= '9') value |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') value |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') value |= static_cast<unsigned>(c - 'A' + 10);
            else fail(text, i, "a \\u escape has a non-hex digit");
        }
        return value;
    }

    // At the opening quote; leaves `at` past the closing one.
    static std::string parse_string(std::string_view text, std::size_t& at) {
        std::string out;
        ++at;
        for (;;) {
            if (at >= text.size()) fail(text, at, "a string is not closed");
            const char c = text[at++];
            if (c == '"') return out;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (at >= text.size()) fail(text, at, "a string is not closed");
            switch (const char escaped = text[at++]) {
                case '"':
                case '\\':
                case '/': out += escaped; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    char32_t code = hex4(text, at);
                    at += 4;
                    // A UTF-16 surrogate pair is one code point; a lone surrogate is U+FFFD.
                    if (code >= 0xD800 && code <= 0xDBFF && text.substr(at, 2) == "\\u") {
                        const unsigned low = hex4(text, at + 2);
                        if (low >= 0xDC00 && low <= 0xDFFF) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                            at += 6;
                        }
                    }
                    if (code >= 0xD800 && code <= 0xDFFF) code = replacement_character;
                    append_utf8(out, code);
                    break;
                }
                default: fail(text, at - 1, "an unknown escape");
            }
        }
    }

    Kind kind_ = Kind::null;
    bool boolean_ = false;
    std::string text_;
    std::vector<Json> items_;
    std::vector<std::pair<std::string, Json>> members_;
};

// A JSON string literal, quotes included.
inline std::string json_quoted(std::string_view text) { return "\"" + json_escape(text) + "\""; }

}  // namespace ctp::detail

#endif  // CTP_BROWSER_JSON_HPP
