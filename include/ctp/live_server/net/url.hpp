// URL pieces shared by the clients (split "scheme://host:port/target") and the
// server (percent-decoding of paths and query strings).
#ifndef CTP_LIVE_SERVER_NET_URL_HPP
#define CTP_LIVE_SERVER_NET_URL_HPP

#include <cstddef>      // size_t
#include <cstdint>      // uint16_t
#include <optional>     // optional
#include <stdexcept>    // invalid_argument
#include <string>       // string, stoul
#include <string_view>  // string_view

namespace ctp::net {

struct Url {
    std::string scheme;
    std::string host;
    std::uint16_t port = 0;
    std::string target;  // path plus query, always starting with '/'
};

inline Url parse_url(std::string_view url) {
    Url parts;
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) throw std::invalid_argument("not an absolute URL: " + std::string(url));
    parts.scheme = std::string(url.substr(0, scheme_end));
    std::string_view rest = url.substr(scheme_end + 3);
    const auto path_start = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, path_start);
    parts.target = path_start == std::string_view::npos ? "/" : std::string(rest.substr(path_start));
    if (const auto hash = parts.target.find('#'); hash != std::string::npos) parts.target.resize(hash);
    if (parts.target.empty() || parts.target[0] != '/') parts.target.insert(0, "/");

    const bool secure = parts.scheme == "https" || parts.scheme == "wss";
    if (!secure && parts.scheme != "http" && parts.scheme != "ws") {
        throw std::invalid_argument("unsupported URL scheme in " + std::string(url));
    }
    std::uint16_t port = secure ? 443 : 80;
    std::string_view host = authority;
    if (!authority.empty() && authority.front() == '[') {  // [IPv6]:port
        const auto close = authority.find(']');
        if (close == std::string_view::npos) throw std::invalid_argument("bad host in " + std::string(url));
        host = authority.substr(1, close - 1);
        authority.remove_prefix(close + 1);
        if (!authority.empty() && authority.front() != ':')
            throw std::invalid_argument("bad host in " + std::string(url));
    } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        authority.remove_prefix(colon);
    } else {
        authority = {};
    }
    if (!authority.empty()) {  // ":port"
        const std::string digits(authority.substr(1));
        if (digits.empty() || digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos ||
            std::stoul(digits) > 65535) {
            throw std::invalid_argument("bad port in " + std::string(url));
        }
        port = static_cast<std::uint16_t>(std::stoul(digits));
    }
    if (host.empty()) throw std::invalid_argument("missing host in " + std::string(url));
    parts.host = std::string(host);
    parts.port = port;
    return parts;
}

inline int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// nullopt on a malformed escape; `plus_as_space` is for form-encoded query strings.
inline std::optional<std::string> percent_decode(std::string_view text, bool plus_as_space = false) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            const int high = hex_value(text[i + 1]);
            const int low = hex_value(text[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else if (plus_as_space && text[i] == '+') {
            out += ' ';
        } else {
            out += text[i];
        }
    }
    return out;
}

}  // namespace ctp::net

#endif  // CTP_LIVE_SERVER_NET_URL_HPP
