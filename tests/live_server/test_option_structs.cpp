// The option structs as the README writes them, with designated initializers that name only
// some members: this file is built with -Wall -Wextra -Werror, where a member without a
// default member initializer would warn "missing initializer for member".
#include "test_support.hpp"

#include <ctp/options.hpp>

#include <doctest/doctest.h>

#include <chrono>  // seconds, milliseconds
#include <string>  // string

using namespace ctp;

TEST_CASE("option structs take the README's designated initializers and keep their defaults") {
    LiveServer server(
        [](Router& r) {
            r.websocket("/ws/chat/", [](WebSocket& ws) { ws.send(ws.subprotocol()); },
                        {.subprotocols = {"chat.v1"}, .max_message_size = 1 << 20});
            r.get("/ok", [](const Request&) { return Response::text("ok"); });
        },
        {.idle_timeout = std::chrono::milliseconds(2000)});
    CHECK(server.options().port == 0);
    CHECK(server.options().max_connections == 64);
    server.start();

    const Response response = http::get(server.url() + "/ok", {.timeout = std::chrono::seconds(2)});
    CHECK(response.body == "ok");

    WebSocketClient ws(server.ws_url() + "/ws/chat/", {.read_timeout = std::chrono::seconds(2)});
    CHECK(ws.subprotocol().empty());
    WebSocketClient chat(server.ws_url() + "/ws/chat/", {.subprotocols = {"chat.v1"}});
    CHECK(chat.receive() == "chat.v1");

    const WebSocketClientOptions defaults{.write_timeout = std::chrono::seconds(1)};
    CHECK(defaults.read_timeout == std::chrono::seconds(10));
    CHECK(defaults.max_message_size == 64u * 1024 * 1024);
    const HttpOptions http_defaults{.connect_timeout = std::chrono::seconds(1)};
    CHECK(http_defaults.timeout == std::chrono::seconds(10));
    const ctp::Options run{.parallel = 2, .failfast = true};
    CHECK(run.repeat == 1);
    CHECK(run.filters.empty());
}
