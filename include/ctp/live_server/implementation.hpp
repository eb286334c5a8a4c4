// The out-of-line half of the live-server API, compiled once per program: in the file that
// defines CTP_MAIN or CTP_IMPLEMENT and includes <ctp/live_server.hpp>, or in one file that
// defines CTP_LIVE_SERVER_IMPLEMENT (a program without ctp's runner). The server's threads,
// sockets, parsers and the WebSocket core are here and in net/, not in the test files.
#ifndef CTP_LIVE_SERVER_IMPLEMENTATION_HPP
#define CTP_LIVE_SERVER_IMPLEMENTATION_HPP

#include "../detail/live_server_session.hpp"
#include "../detail/process_live_server_session.hpp"
#include "http_client.hpp"
#include "http_message.hpp"
#include "router.hpp"
#include "server.hpp"
#include "websocket.hpp"
#include "net/acceptor.hpp"
#include "net/base64.hpp"
#include "net/http_parser.hpp"
#include "net/socket.hpp"
#include "net/static_files.hpp"
#include "net/url.hpp"
#include "net/websocket_connection.hpp"

#include <algorithm>    // max
#include <chrono>       // milliseconds, steady_clock
#include <cstddef>      // size_t
#include <exception>    // exception
#include <optional>     // optional
#include <random>       // random_device
#include <stdexcept>    // logic_error
#include <string>       // string, to_string
#include <string_view>  // string_view
#include <utility>      // move

namespace ctp {

namespace net {

// A file that includes <ctp/live_server.hpp> refers to this; an undefined reference to it
// means that no file of the program compiled this header.
extern const bool live_server_compiled_in_the_file_with_CTP_MAIN;
const bool live_server_compiled_in_the_file_with_CTP_MAIN = true;

// The fixtures' servers, for the runner: the factory it calls for each live-server class.
[[maybe_unused]] const bool live_server_factory_registered = [] {
    detail::live_server_factory() = [](const detail::FixtureInfo& fixture) -> detail::LiveServerHandle* {
        detail::SessionSetup setup = detail::LiveServerSession::configured(fixture);
        if (setup.process_) return new detail::ProcessLiveServerSession(setup);
        return new detail::LiveServerSession(std::move(setup));
    };
    return true;
}();

inline void add_allowed(std::string& allow, std::string_view method) {
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

// The client's connection and what its handshake settled.
class WebSocketClientState {
public:
    WebSocketClientState(const std::string& url, const WebSocketClientOptions& options) : url_(url) {
        Url parts;
        try {
            parts = parse_url(url);
        } catch (const std::exception& error) {
            throw WebSocketError(url + ": " + error.what());
        }
        if (parts.scheme != "ws") throw WebSocketError(url + ": only ws:// is supported");
        try {
            socket_ = connect_tcp(parts.host, parts.port, options.connect_timeout);
        } catch (const std::exception& error) {
            throw WebSocketError(url + ": " + error.what());
        }
        std::string leftover = handshake(parts, options);
        WebSocketSettings settings;
        settings.is_client = true;
        settings.max_message_size = options.max_message_size;
        settings.read_timeout = options.read_timeout;
        settings.write_timeout = options.write_timeout;
        settings.description = url;
        connection_.emplace(socket_.fd(), std::move(settings), std::move(leftover));
    }

    WebSocketConnection& connection() { return *connection_; }
    const std::string& subprotocol() const { return subprotocol_; }

private:
    // Returns bytes that arrived after the 101 response (early frames).
    std::string handshake(const Url& parts, const WebSocketClientOptions& options) {
        std::random_device random;
        std::string nonce;
        for (int i = 0; i < 16; ++i) nonce += static_cast<char>(random() & 0xFF);
        const std::string key = base64_encode(nonce);

        std::string wire = "GET " + parts.target + " HTTP/1.1\r\nHost: " + parts.host + ":" +
                           std::to_string(parts.port) +
                           "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key +
                           "\r\nSec-WebSocket-Version: 13\r\n";
        if (!options.subprotocols.empty()) {
            std::string list;
            for (const auto& protocol : options.subprotocols) list += (list.empty() ? "" : ", ") + protocol;
            wire += "Sec-WebSocket-Protocol: " + list + "\r\n";
        }
        for (const auto& [name, value] : options.headers) wire += name + ": " + value + "\r\n";
        wire += "\r\n";
        if (!write_all(socket_.fd(), wire, options.write_timeout))
            throw WebSocketError(url_ + ": could not send handshake");

        HttpParser parser(HttpParser::Kind::response);
        char buffer[4096];
        using Clock = std::chrono::steady_clock;
        const auto deadline = Clock::now() + options.read_timeout;
        while (parser.status() == HttpParser::Status::need_more) {
            const auto left = std::chrono::duration_cast<Millis>(deadline - Clock::now());
            const ReadResult got = left.count() > 0 ? read_some(socket_.fd(), buffer, sizeof buffer, left)
                                                    : ReadResult{ReadStatus::timeout, 0};
            if (got.status == ReadStatus::timeout) throw WebSocketError(url_ + ": handshake timed out");
            if (got.status == ReadStatus::closed) {
                parser.finish();
                break;
            }
            parser.feed(std::string_view(buffer, got.size));
        }
        if (parser.status() != HttpParser::Status::complete)
            throw WebSocketError(url_ + ": malformed handshake response");
        std::string leftover = parser.take_leftover();
        const Response response = parser.take_response();
        if (response.status != 101) {
            throw WebSocketError(url_ + ": handshake rejected with " + std::to_string(response.status) + " " +
                                 response.body);
        }
        if (!response.headers.has_token("Upgrade", "websocket") ||
            !response.headers.has_token("Connection", "upgrade") ||
            response.header("Sec-WebSocket-Accept") != websocket_accept_key(key)) {
            throw WebSocketError(url_ + ": invalid handshake response");
        }
        subprotocol_ = response.header("Sec-WebSocket-Protocol");
        bool offered = subprotocol_.empty();
        for (const auto& protocol : options.subprotocols) offered = offered || protocol == subprotocol_;
        if (!offered) throw WebSocketError(url_ + ": server chose a subprotocol that was not offered: " + subprotocol_);
        return leftover;
    }

    std::string url_;
    Socket socket_;
    std::optional<WebSocketConnection> connection_;
    std::string subprotocol_;
};

}  // namespace net

std::optional<std::string> Request::query_param(std::string_view name) const {
    std::string_view rest = query;
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        const auto eq = pair.find('=');
        const auto key = net::percent_decode(pair.substr(0, eq), true);
        if (key && *key == name) {
            return eq == std::string_view::npos ? std::string() : net::percent_decode(pair.substr(eq + 1), true);
        }
        if (amp == std::string_view::npos) break;
        rest.remove_prefix(amp + 1);
    }
    return std::nullopt;
}

Router& Router::route(std::string method, std::string path, HttpHandler handler) {
    routes_.push_back({std::move(method), std::move(path), std::move(handler)});
    return *this;
}

Router& Router::websocket(std::string path, WebSocketHandler handler, WebSocketRouteOptions options) {
    websockets_.push_back({std::move(path), std::move(handler), std::move(options)});
    return *this;
}

Router& Router::static_files(std::string prefix, std::string root) {
    if (prefix.empty() || prefix.back() != '/') prefix += '/';
    const std::size_t strip = prefix.size() - 1;
    HttpHandler handler = [root = std::filesystem::path(std::move(root)), strip](const Request& request) {
        if (request.path.size() == strip) {
            return Response::with_status(301).with_header("Location",
                                                          net::with_query(request.path + "/", request.query));
        }
        return net::serve_static_file(root, std::string_view(request.path).substr(strip), request.query);
    };
    mounts_.push_back({"GET", std::move(prefix), std::move(handler)});
    return *this;
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
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
        net::add_allowed(result.allow, entry.method);
    }
    for (const auto& entry : websockets_) {
        if (entry.path != path) continue;
        if (method == "GET") {
            result.status = 200;
            result.websocket = &entry;
            return result;
        }
        net::add_allowed(result.allow, "GET");
    }
    if (method == "HEAD" && get_handler != nullptr) {
        result.status = 200;
        result.http = get_handler;
        return result;
    }
    if (!result.allow.empty()) {
        if (result.allow.find("GET") != std::string::npos) net::add_allowed(result.allow, "HEAD");
        result.status = 405;
        return result;
    }
    const Entry* mount = nullptr;
    for (const auto& entry : mounts_) {
        const bool prefix_match =
            path.starts_with(entry.path) || path == std::string_view(entry.path).substr(0, entry.path.size() - 1);
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

namespace net {

using HttpClock = std::chrono::steady_clock;

inline Url parse_http_url(const std::string& what, const std::string& url) {
    Url parts;
    try {
        parts = parse_url(url);
    } catch (const std::exception& error) {
        throw HttpError(what + ": " + error.what());
    }
    if (parts.scheme != "http") throw HttpError(what + ": only http:// is supported");
    return parts;
}

// Without `keep_alive`, asks the server to close after the response (unless the caller set Connection).
inline std::string request_wire(const std::string& method, const Url& parts, const std::string& body,
                                const HttpOptions& options, bool keep_alive) {
    std::string wire = method + " " + parts.target + " HTTP/1.1\r\n";
    const bool default_port = parts.port == 80;
    const std::string host = parts.host.find(':') != std::string::npos ? "[" + parts.host + "]" : parts.host;
    if (!options.headers.has("Host"))
        wire += "Host: " + host + (default_port ? "" : ":" + std::to_string(parts.port)) + "\r\n";
    if (!keep_alive && !options.headers.has("Connection")) wire += "Connection: close\r\n";
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        wire += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    for (const auto& [name, value] : options.headers) {
        if (!iequals(name, "Content-Length")) wire += name + ": " + value + "\r\n";
    }
    wire += "\r\n" + body;
    return wire;
}

inline HttpOptions with_text_type(const HttpOptions& options) {
    if (options.headers.has("Content-Type")) return options;
    HttpOptions with_type = options;
    with_type.headers.add("Content-Type", "text/plain; charset=utf-8");
    return with_type;
}

inline Socket connect_http(const std::string& what, const Url& parts, const HttpOptions& options) {
    try {
        return connect_tcp(parts.host, parts.port, options.connect_timeout);
    } catch (const std::exception& error) {
        throw HttpError(what + ": " + error.what());
    }
}

// Closes after every response was read whole: a reset instead of a FIN, so that neither side
// keeps the connection in TIME_WAIT (thousands of them slow down every later connect()).
inline void close_without_time_wait(Socket& socket) {
    const linger reset{1, 0};
    ::setsockopt(socket.fd(), SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    socket.close();
}

struct HttpExchange {
    Response response;
    bool reusable = false;  // complete, delimited by its framing, and the server keeps the connection
};

// Sends `wire` and reads one response by `deadline`. Returns nothing when the connection turned
// out closed before any byte of the response (a keep-alive connection the server dropped while
// idle), so that the caller may send again on a new one; other failures throw HttpError.
inline std::optional<HttpExchange> exchange(int fd, const std::string& what, const std::string& method,
                                            const std::string& wire, const HttpOptions& options,
                                            HttpClock::time_point deadline) {
    const auto left = [&] { return std::chrono::duration_cast<Millis>(deadline - HttpClock::now()); };
    const std::string within = " within " + std::to_string(options.timeout.count()) + " ms";
    if (!write_all(fd, wire, std::max(left(), Millis(0)))) {
        if (left().count() > 0) return std::nullopt;
        throw HttpError(what + ": could not send the request" + within);
    }
    HttpParser parser(HttpParser::Kind::response, {64 * 1024, 200, options.max_response_bytes});
    parser.set_head_request(method == "HEAD");
    bool received = false;
    bool closed = false;
    char buffer[64 * 1024];
    while (parser.status() == HttpParser::Status::need_more) {
        const ReadResult got =
            left().count() > 0 ? read_some(fd, buffer, sizeof buffer, left()) : ReadResult{ReadStatus::timeout, 0};
        if (got.status == ReadStatus::timeout) throw HttpError(what + ": no complete response" + within);
        if (got.status == ReadStatus::closed) {
            if (!received) return std::nullopt;
            closed = true;
            if (parser.finish() == HttpParser::Status::error) {
                throw HttpError(what + ": connection closed before a complete response");
            }
            break;
        }
        received = true;
        parser.feed(std::string_view(buffer, got.size));
    }
    if (parser.status() == HttpParser::Status::error) {
        throw HttpError(what + ": malformed response: " + parser.error_message());
    }
    const bool extra = !parser.take_leftover().empty();
    const bool old_version = parser.version() == "HTTP/1.0";
    HttpExchange result{parser.take_response(), false};
    const auto& headers = result.response.headers;
    const bool server_keeps =
        old_version ? headers.has_token("Connection", "keep-alive") : !headers.has_token("Connection", "close");
    result.reusable = !closed && !extra && server_keeps;
    return result;
}

}  // namespace net

namespace http {

Response request(const std::string& method, const std::string& url, const std::string& body,
                 const HttpOptions& options) {
    const std::string what = method + " " + url;
    const net::Url parts = net::parse_http_url(what, url);
    const std::string wire = net::request_wire(method, parts, body, options, false);
    const auto deadline = net::HttpClock::now() + options.timeout;
    net::Socket socket = net::connect_http(what, parts, options);
    auto result = net::exchange(socket.fd(), what, method, wire, options, deadline);
    if (!result) throw HttpError(what + ": connection closed before a complete response");
    net::close_without_time_wait(socket);
    return std::move(result->response);
}

Response get(const std::string& url, const HttpOptions& options) { return request("GET", url, {}, options); }

Response post(const std::string& url, const std::string& body, const HttpOptions& options) {
    return request("POST", url, body, net::with_text_type(options));
}

Session::Session(std::string base_url) : base_url_(std::move(base_url)) {
    while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

Session::Session(Session&& other) noexcept
    : base_url_(std::move(other.base_url_)),
      origin_(std::move(other.origin_)),
      fd_(std::exchange(other.fd_, -1)),
      connections_opened_(other.connections_opened_) {}

Session& Session::operator=(Session&& other) noexcept {
    if (this != &other) {
        close();
        base_url_ = std::move(other.base_url_);
        origin_ = std::move(other.origin_);
        fd_ = std::exchange(other.fd_, -1);
        connections_opened_ = other.connections_opened_;
    }
    return *this;
}

Session::~Session() { close(); }

void Session::close() {
    net::Socket socket(std::exchange(fd_, -1));
    if (socket.valid()) net::close_without_time_wait(socket);
    origin_.clear();
}

Response Session::request(const std::string& method, const std::string& url_or_path, const std::string& body,
                          const HttpOptions& options) {
    const bool is_path = url_or_path.starts_with('/');
    const std::string url = is_path ? base_url_ + url_or_path : url_or_path;
    const std::string what = method + " " + url;
    if (is_path && base_url_.empty()) throw HttpError(what + ": a path needs a Session built with a base URL");
    const net::Url parts = net::parse_http_url(what, url);
    const std::string origin = parts.host + ":" + std::to_string(parts.port);
    if (origin != origin_) close();
    const std::string wire = net::request_wire(method, parts, body, options, true);
    const auto deadline = net::HttpClock::now() + options.timeout;
    const bool idempotent = method != "POST" && method != "PATCH";
    for (int attempt = 0;; ++attempt) {
        // An idle connection that is readable was closed (or spoke out of turn): start afresh.
        const bool reused = fd_ >= 0 && !net::wait_for(fd_, POLLIN, net::Millis(0));
        if (!reused) {
            close();
            fd_ = net::connect_http(what, parts, options).release();
            origin_ = origin;
            ++connections_opened_;
        }
        std::optional<net::HttpExchange> result;
        try {
            result = net::exchange(fd_, what, method, wire, options, deadline);
        } catch (...) {
            close();
            throw;
        }
        if (!result) {
            close();
            if (reused && idempotent && attempt == 0) continue;
            throw HttpError(what + ": connection closed before a complete response");
        }
        if (!result->reusable) close();
        return std::move(result->response);
    }
}

Response Session::get(const std::string& url_or_path, const HttpOptions& options) {
    return request("GET", url_or_path, {}, options);
}

Response Session::post(const std::string& url_or_path, const std::string& body, const HttpOptions& options) {
    return request("POST", url_or_path, body, net::with_text_type(options));
}

}  // namespace http

std::optional<WebSocketMessage> WebSocket::receive() { return connection_.receive(); }
bool WebSocket::send(std::string_view text) { return connection_.send_frame(Opcode::text, text); }
bool WebSocket::send_binary(std::string_view data) { return connection_.send_frame(Opcode::binary, data); }
bool WebSocket::send(const WebSocketMessage& message) {
    return connection_.send_frame(message.binary ? Opcode::binary : Opcode::text, message.data);
}
bool WebSocket::ping(std::string_view payload) { return connection_.send_frame(Opcode::ping, payload); }
bool WebSocket::send_frame(Opcode opcode, std::string_view payload, bool fin) {
    return connection_.send_frame(opcode, payload, fin);
}
void WebSocket::close(std::uint16_t code, std::string_view reason) { connection_.close(code, reason); }
bool WebSocket::is_open() const { return connection_.is_open(); }
std::uint16_t WebSocket::close_code() const { return connection_.close_code(); }
const std::string& WebSocket::close_reason() const { return connection_.close_reason(); }
std::string WebSocket::last_pong() const { return connection_.last_pong(); }

WebSocketClient::WebSocketClient(const std::string& url, const WebSocketClientOptions& options)
    : state_(new net::WebSocketClientState(url, options)) {}

WebSocketClient::~WebSocketClient() {
    try {
        state_->connection().close(close_code::normal, {});
    } catch (...) {
        // Destructors must not throw; the socket is closed either way.
    }
    delete state_;
}

bool WebSocketClient::send(std::string_view text) { return send_frame(Opcode::text, text, true); }
bool WebSocketClient::send_binary(std::string_view data) { return send_frame(Opcode::binary, data, true); }
bool WebSocketClient::send(const WebSocketMessage& message) {
    return send_frame(message.binary ? Opcode::binary : Opcode::text, message.data, true);
}
bool WebSocketClient::ping(std::string_view payload) { return send_frame(Opcode::ping, payload, true); }
bool WebSocketClient::send_frame(Opcode opcode, std::string_view payload, bool fin) {
    return state_->connection().send_frame(opcode, payload, fin);
}
std::optional<WebSocketMessage> WebSocketClient::receive() { return state_->connection().receive(); }
void WebSocketClient::close(std::uint16_t code, std::string_view reason) { state_->connection().close(code, reason); }
bool WebSocketClient::is_open() const { return state_->connection().is_open(); }
std::uint16_t WebSocketClient::close_code() const { return state_->connection().close_code(); }
const std::string& WebSocketClient::close_reason() const { return state_->connection().close_reason(); }
std::string WebSocketClient::last_pong() const { return state_->connection().last_pong(); }
std::size_t WebSocketClient::pongs_received() const { return state_->connection().pongs_received(); }
const std::string& WebSocketClient::subprotocol() const { return state_->subprotocol(); }

LiveServer::LiveServer() = default;
LiveServer::LiveServer(LiveServerOptions options) : options_(std::move(options)) {}
LiveServer::LiveServer(const std::function<void(Router&)>& register_routes, LiveServerOptions options)
    : options_(std::move(options)) {
    register_routes(router_);
}
LiveServer::~LiveServer() { stop(); }

void LiveServer::set_static_root(std::string root, std::string prefix) {
    router_.static_files(std::move(prefix), std::move(root));
}

void LiveServer::on_handler_error(HandlerErrorHook hook) { options_.on_handler_error = std::move(hook); }

void LiveServer::start() {
    if (acceptor_ != nullptr) throw std::logic_error("LiveServer already started");
    acceptor_ = new net::Acceptor(router_, options_);
    port_ = acceptor_->port();
}

void LiveServer::stop() {
    delete acceptor_;
    acceptor_ = nullptr;
}

std::string LiveServer::url() const { return "http://127.0.0.1:" + std::to_string(port_); }
std::string LiveServer::ws_url() const { return "ws://127.0.0.1:" + std::to_string(port_); }

std::size_t LiveServer::open_connections() const { return acceptor_ != nullptr ? acceptor_->open_connections() : 0; }

}  // namespace ctp

#endif  // CTP_LIVE_SERVER_IMPLEMENTATION_HPP
