// Helper binary for the interop scripts in this directory, which drive it with
// clients and servers nobody here wrote (curl, ab, Python, Node).
//   peer serve [STATIC_DIR]   starts a LiveServer, prints "PORT <n>", runs until stdin closes (at most 300 s)
//   peer ws-client URL        runs ctp::WebSocketClient against an echo server at URL; exit 0 = all checks passed
// Build from the repository root:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Werror -Iinclude tests/live_server/peers/peer.cpp -o /tmp/ctp_peer -pthread
#define CTP_LIVE_SERVER_IMPLEMENT  // no ctp runner here: the server compiles in this file
#include "ctp/live_server.hpp"

#include <poll.h>    // poll
#include <unistd.h>  // read

#include <chrono>     // milliseconds
#include <cstdio>     // printf, fprintf, fflush
#include <cstring>    // strcmp
#include <stdexcept>  // runtime_error
#include <string>     // string

namespace {

void routes(ctp::Router& r) {
    r.get("/health", [](const ctp::Request&) { return ctp::Response::text("ok"); });
    r.post("/echo", [](const ctp::Request& q) {
        return ctp::Response::text(q.body).with_header("X-Body-Length", std::to_string(q.body.size()));
    });
    r.put("/echo", [](const ctp::Request& q) { return ctp::Response::text(q.body); });
    r.get("/throw", [](const ctp::Request&) -> ctp::Response { throw std::runtime_error("boom"); });
    r.websocket("/ws/echo/", [](ctp::WebSocket& ws) {
        while (auto message = ws.receive()) ws.send(*message);
    });
    ctp::WebSocketRouteOptions small;
    small.max_message_size = 1024;
    r.websocket(
        "/ws/small",
        [](ctp::WebSocket& ws) {
            while (auto message = ws.receive()) ws.send(*message);
        },
        small);
    ctp::WebSocketRouteOptions chat;
    chat.subprotocols = {"chat.v2", "chat.v1"};
    r.websocket(
        "/ws/proto",
        [](ctp::WebSocket& ws) {
            ws.send(ws.subprotocol());
            while (ws.receive()) {}
        },
        chat);
    r.websocket("/ws/close/4001", [](ctp::WebSocket& ws) { ws.close(4001, "server says bye"); });
    r.websocket("/ws/fragments", [](ctp::WebSocket& ws) {
        ws.send_frame(ctp::Opcode::text, "frag", false);
        ws.send_frame(ctp::Opcode::continuation, "mented", true);
        while (ws.receive()) {}
    });
}

int serve(const char* static_dir) {
    ctp::LiveServerOptions options;
    options.max_body_bytes = 4 * 1024 * 1024;
    options.max_header_bytes = 8 * 1024;
    options.idle_timeout = std::chrono::milliseconds(3000);
    options.on_handler_error = [](const std::string& line, const std::string& message) {
        std::fprintf(stderr, "handler error: %s: %s\n", line.c_str(), message.c_str());
    };
    ctp::LiveServer server(routes, options);
    if (static_dir != nullptr) server.router().static_files("/static", static_dir);
    server.start();
    std::printf("PORT %u\n", static_cast<unsigned>(server.port()));
    std::fflush(stdout);
    pollfd input{0, POLLIN, 0};
    char byte;
    if (::poll(&input, 1, 300 * 1000) > 0) static_cast<void>(::read(0, &byte, 1));
    server.stop();
    return 0;
}

int failures = 0;

void check(bool ok, const char* what) {
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    if (!ok) ++failures;
}

int ws_client(const std::string& url) {
    ctp::WebSocketClientOptions options;
    options.read_timeout = std::chrono::milliseconds(5000);
    {
        ctp::WebSocketClient ws(url, options);
        ws.send("hello");
        const auto text = ws.receive();
        check(text && *text == "hello" && text->is_text(), "text echo");
        std::string payload(64 * 1024, '\0');
        for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>(i * 31);
        ws.send_binary(payload);
        const auto binary = ws.receive();
        check(binary && binary->binary && binary->data == payload, "64 KiB binary echo");
        const std::string mib(1024 * 1024, 'm');
        ws.send(mib);
        check(ws.receive() == mib, "1 MiB text echo");
        ws.send_frame(ctp::Opcode::text, "frag", false);
        ws.send_frame(ctp::Opcode::continuation, "men", false);
        ws.send_frame(ctp::Opcode::continuation, "ted", true);
        check(ws.receive() == "fragmented", "fragmented message echoed whole");
        ws.ping("are you there");
        ws.send("after ping");
        check(ws.receive() == "after ping" && ws.last_pong() == "are you there", "ping answered with pong");
        ws.close(4000, "client done");
        check(ws.close_code() == 4000, "close handshake with code 4000");
    }
    ctp::WebSocketClient closing(url + (url.back() == '/' ? "" : "/") + "close", options);
    check(!closing.receive() && closing.close_code() == 4001, "server-initiated close with 4001");
    return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        if (argc >= 2 && std::strcmp(argv[1], "serve") == 0) return serve(argc >= 3 ? argv[2] : nullptr);
        if (argc == 3 && std::strcmp(argv[1], "ws-client") == 0) return ws_client(argv[2]);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "error: %s\n", error.what());
        return 1;
    }
    std::fprintf(stderr, "usage: peer serve [STATIC_DIR] | peer ws-client URL\n");
    return 2;
}
