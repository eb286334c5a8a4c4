// Maps (method, path) to HTTP handlers, WebSocket handlers and static-file mounts.
#ifndef CTP_LIVE_SERVER_ROUTER_HPP
#define CTP_LIVE_SERVER_ROUTER_HPP

#include "http_message.hpp"
#include "static_files.hpp"

#include <cstddef>      // size_t
#include <filesystem>   // path
#include <functional>   // function
#include <string>       // string
#include <string_view>  // string_view
#include <utility>      // move
#include <vector>       // vector

namespace ctp {

class WebSocket;

using HttpHandler = std::function<Response(const Request&)>;
using WebSocketHandler = std::function<void(WebSocket&)>;

struct WebSocketRouteOptions {
    std::vector<std::string> subprotocols;  // in order of server preference
    std::size_t max_message_size = 16 * 1024 * 1024;
};

struct WebSocketRoute {
    std::string path;
    WebSocketHandler handler;
    WebSocketRouteOptions options;
};

class Router {
public:
    struct Match {
        int status = 404;  // 200 when `http` or `websocket` is set, else 404 or 405
        const HttpHandler* http = nullptr;
        const WebSocketRoute* websocket = nullptr;
        std::string allow;  // for 405
    };

    Router& route(std::string method, std::string path, HttpHandler handler) {
        routes_.push_back({std::move(method), std::move(path), std::move(handler)});
        return *this;
    }
    Router& get(std::string path, HttpHandler handler) { return route("GET", std::move(path), std::move(handler)); }
    Router& post(std::string path, HttpHandler handler) { return route("POST", std::move(path), std::move(handler)); }
    Router& put(std::string path, HttpHandler handler) { return route("PUT", std::move(path), std::move(handler)); }
    Router& patch(std::string path, HttpHandler handler) { return route("PATCH", std::move(path), std::move(handler)); }
    Router& del(std::string path, HttpHandler handler) { return route("DELETE", std::move(path), std::move(handler)); }

    Router& websocket(std::string path, WebSocketHandler handler, WebSocketRouteOptions options = {}) {
        websockets_.push_back({std::move(path), std::move(handler), std::move(options)});
        return *this;
    }

    // Serves files under `root` for GET/HEAD requests whose path starts with `prefix`;
    // explicit routes take precedence, then the longest matching prefix.
    Router& static_files(std::string prefix, std::filesystem::path root) {
        if (prefix.empty() || prefix.back() != '/') prefix += '/';
        const std::size_t strip = prefix.size() - 1;
        HttpHandler handler = [root = std::move(root), strip](const Request& request) {
            return serve_static_file(root, std::string_view(request.path).substr(strip));
        };
        mounts_.push_back({"GET", std::move(prefix), std::move(handler)});
        return *this;
    }

    Match match(std::string_view method, std::string_view path) const {
        Match result;
        const HttpHandler* get_handler = nullptr;
        for (const auto& entry : routes_) {
            if (entry.path != path) continue;
            if (entry.method == method) {
                result.status = 200;
                result.http = &entry.handler;
                return result;
            }
            if (entry.method == "GET") get_handler = &entry.handler;
            add_allowed(result.allow, entry.method);
        }
        for (const auto& entry : websockets_) {
            if (entry.path != path) continue;
            if (method == "GET") {
                result.status = 200;
                result.websocket = &entry;
                return result;
            }
            add_allowed(result.allow, "GET");
        }
        if (method == "HEAD" && get_handler != nullptr) {
            result.status = 200;
            result.http = get_handler;
            return result;
        }
        if (!result.allow.empty()) {
            if (result.allow.find("GET") != std::string::npos) add_allowed(result.allow, "HEAD");
            result.status = 405;
            return result;
        }
        const Entry* mount = nullptr;
        for (const auto& entry : mounts_) {
            const bool prefix_match = path.starts_with(entry.path) || path == std::string_view(entry.path).substr(0, entry.path.size() - 1);
            if (prefix_match && (mount == nullptr || entry.path.size() > mount->path.size())) mount = &entry;
        }
        if (mount != nullptr) {
            if (method == "GET" || method == "HEAD") {
                result.status = 200;
                result.http = &mount->handler;
            } else {
                result.status = 405;
                result.allow = "GET, HEAD";
            }
        }
        return result;
    }

private:
    struct Entry {
        std::string method;
        std::string path;
        HttpHandler handler;
    };

    static void add_allowed(std::string& allow, std::string_view method) {
        std::string_view rest = allow;
        while (!rest.empty()) {
            const auto comma = rest.find(", ");
            if (rest.substr(0, comma) == method) return;
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 2);
        }
        if (!allow.empty()) allow += ", ";
        allow += method;
    }

    std::vector<Entry> routes_;
    std::vector<WebSocketRoute> websockets_;
    std::vector<Entry> mounts_;
};

}  // namespace ctp

#endif  // CTP_LIVE_SERVER_ROUTER_HPP
