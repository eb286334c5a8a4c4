// Maps (method, path) to HTTP handlers, WebSocket handlers and static-file mounts.
#ifndef CTP_LIVE_SERVER_ROUTER_HPP
#define CTP_LIVE_SERVER_ROUTER_HPP

#include "http_message.hpp"

#include <cstddef>      // size_t
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
    std::vector<std::string> subprotocols{};  // in order of server preference
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

    Router& route(std::string method, std::string path, HttpHandler handler);
    Router& get(std::string path, HttpHandler handler) { return route("GET", std::move(path), std::move(handler)); }
    Router& post(std::string path, HttpHandler handler) { return route("POST", std::move(path), std::move(handler)); }
    Router& put(std::string path, HttpHandler handler) { return route("PUT", std::move(path), std::move(handler)); }
    Router& patch(std::string path, HttpHandler handler) { return route("PATCH", std::move(path), std::move(handler)); }
    Router& del(std::string path, HttpHandler handler) { return route("DELETE", std::move(path), std::move(handler)); }

    Router& websocket(std::string path, WebSocketHandler handler, WebSocketRouteOptions options = {});

    // Serves the directory `root` for GET/HEAD requests whose path starts with `prefix`;
    // explicit routes take precedence, then the longest matching prefix. The prefix without
    // its trailing slash redirects (301) to it, so that relative links resolve under it.
    Router& static_files(std::string prefix, std::string root);

    Match match(std::string_view method, std::string_view path) const;

private:
    struct Entry {
        std::string method;
        std::string path;
        HttpHandler handler;
    };

    std::vector<Entry> routes_;
    std::vector<WebSocketRoute> websockets_;
    std::vector<Entry> mounts_;
};

}  // namespace ctp

#endif  // CTP_LIVE_SERVER_ROUTER_HPP
