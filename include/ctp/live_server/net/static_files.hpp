// Serving a directory tree over HTTP without ever escaping it: every request is
// decoded, split into plain segments, resolved with symlinks followed, and the
// result must still lie inside the canonical root.
#ifndef CTP_LIVE_SERVER_NET_STATIC_FILES_HPP
#define CTP_LIVE_SERVER_NET_STATIC_FILES_HPP

#include "../http_message.hpp"
#include "url.hpp"

#include <algorithm>     // mismatch
#include <filesystem>    // path, canonical, is_directory, is_regular_file
#include <fstream>       // ifstream
#include <iterator>      // istreambuf_iterator
#include <string>        // string
#include <string_view>   // string_view
#include <system_error>  // error_code

namespace ctp::net {

inline std::string content_type_for(const std::filesystem::path& file) {
    std::string extension = file.extension().string();
    for (char& c : extension) c = ascii_lower(c);
    if (extension == ".html" || extension == ".htm") return "text/html; charset=utf-8";
    if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
    if (extension == ".css") return "text/css; charset=utf-8";
    if (extension == ".json" || extension == ".map") return "application/json";
    if (extension == ".txt") return "text/plain; charset=utf-8";
    if (extension == ".svg") return "image/svg+xml";
    if (extension == ".png") return "image/png";
    if (extension == ".jpg" || extension == ".jpeg") return "image/jpeg";
    if (extension == ".gif") return "image/gif";
    if (extension == ".ico") return "image/x-icon";
    if (extension == ".wasm") return "application/wasm";
    if (extension == ".xml") return "application/xml";
    if (extension == ".woff2") return "font/woff2";
    return "application/octet-stream";
}

inline bool is_within(const std::filesystem::path& root, const std::filesystem::path& candidate) {
    // Component-wise, so "/srv/root2" is not taken to be inside "/srv/root".
    return std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end()).first == root.end();
}

// Canonical form of `candidate` if it exists and does not leave `root` (itself canonical).
inline std::filesystem::path resolve_inside(const std::filesystem::path& root, const std::filesystem::path& candidate) {
    std::error_code error;
    std::filesystem::path resolved = std::filesystem::canonical(candidate, error);
    if (error || !is_within(root, resolved)) return {};
    return resolved;
}

inline std::string with_query(std::string location, std::string_view query) {
    if (!query.empty()) location.append("?").append(query);
    return location;
}

// `url_path` is the still percent-encoded request path relative to the mount point, e.g.
// "/css/site.css"; `query` (without '?') is kept in a redirect.
inline Response serve_static_file(const std::filesystem::path& root, std::string_view url_path,
                                  std::string_view query = {}) {
    const auto decoded = percent_decode(url_path);
    if (!decoded || decoded->find('\0') != std::string::npos) return Response::with_status(400);

    std::error_code error;
    const std::filesystem::path canonical_root = std::filesystem::canonical(root, error);
    if (error) return Response::with_status(404);

    std::filesystem::path candidate = canonical_root;
    std::string_view rest = *decoded;
    while (!rest.empty()) {
        const auto slash = rest.find('/');
        const std::string_view segment = rest.substr(0, slash);
        if (segment == ".." || segment.find('\\') != std::string_view::npos) return Response::with_status(404);
        if (!segment.empty() && segment != ".") candidate /= std::string(segment);
        if (slash == std::string_view::npos) break;
        rest.remove_prefix(slash + 1);
    }

    std::filesystem::path resolved = resolve_inside(canonical_root, candidate);
    if (resolved.empty()) return Response::with_status(404);
    if (std::filesystem::is_directory(resolved, error)) {
        if (!url_path.empty() && url_path.back() != '/') {
            // Relative links in the index page only work from a URL ending in '/'.
            const std::string last = std::string(url_path.substr(url_path.rfind('/') + 1));
            return Response::with_status(301).with_header("Location", with_query(last + "/", query));
        }
        candidate = resolved / "index.html";
        resolved = resolve_inside(canonical_root, candidate);
        if (resolved.empty()) return Response::with_status(404);
    }
    if (!std::filesystem::is_regular_file(resolved, error)) return Response::with_status(404);

    std::ifstream file(resolved, std::ios::binary);
    if (!file) return Response::with_status(404);
    std::string content((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    return Response::make(200, std::move(content), content_type_for(candidate));
}

}  // namespace ctp::net

#endif  // CTP_LIVE_SERVER_NET_STATIC_FILES_HPP
