// WebSocket server and client tests over loopback (build: see main.cpp).
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>     // milliseconds
#include <future>     // promise
#include <stdexcept>  // runtime_error
#include <string>     // string

using namespace ctp;
using namespace std::chrono_literals;

namespace {

void routes(Router& r) {
    r.websocket("/ws/echo/", [](WebSocket& ws) {
        while (auto message = ws.receive()) ws.send(*message);
    });
    WebSocketRouteOptions small;
    small.max_message_size = 1024;
    r.websocket(
        "/ws/small",
        [](WebSocket& ws) {
            while (auto message = ws.receive()) ws.send(*message);
        },
        small);
    WebSocketRouteOptions chat;
    chat.subprotocols = {"chat.v2", "chat.v1"};
    r.websocket(
        "/ws/proto", [](WebSocket& ws) { ws.send("protocol=" + ws.subprotocol()); }, chat);
    r.websocket("/ws/server-closes", [](WebSocket& ws) {
        ws.send("bye");
        ws.close(4001, "done here");
    });
    r.websocket("/ws/fragments", [](WebSocket& ws) {
        ws.send_frame(Opcode::text, "frag", false);
        ws.ping("mid");  // control frames may be interleaved
        ws.send_frame(Opcode::continuation, "mented", true);
        ws.receive();
    });
    r.websocket("/ws/throws", [](WebSocket&) { throw std::runtime_error("ws boom"); });
    r.websocket("/ws/query", [](WebSocket& ws) { ws.send(ws.request().query_param("name").value_or("?")); });
}

struct Server {
    LiveServer server{routes};
    std::vector<std::string> errors;
    std::mutex mutex;
    Server() {
        server.on_handler_error([this](const std::string& line, const std::string& message) {
            std::lock_guard<std::mutex> lock(mutex);
            errors.push_back(line + ": " + message);
        });
        server.start();
    }
    std::string url(const std::string& path) { return server.ws_url() + path; }
};

}  // namespace

TEST_CASE("echo text and binary at every length encoding") {
    Server s;
    WebSocketClient ws(s.url("/ws/echo/"));
    ws.send("hello");
    const auto reply = ws.receive();
    REQUIRE(reply);
    CHECK(reply == "hello");
    CHECK(*reply == std::string("hello"));
    CHECK(reply->is_text());
    for (const std::size_t size : {0UL, 125UL, 126UL, 65535UL, 65536UL, 1UL << 20}) {
        CAPTURE(size);
        std::string payload(size, '\0');
        for (std::size_t i = 0; i < size; ++i) payload[i] = static_cast<char>(i % 251);
        ws.send_binary(payload);
        const auto echoed = ws.receive();
        REQUIRE(echoed);
        CHECK(echoed->binary);
        CHECK(echoed->data == payload);
    }
    ws.close();
    CHECK(ws.close_code() == 1000);
}

TEST_CASE("fragmentation, interleaved ping, pong") {
    Server s;
    WebSocketClient ws(s.url("/ws/echo/"));
    ws.send_frame(Opcode::text, "He", false);
    ws.ping("in between");
    ws.send_frame(Opcode::continuation, "ll", false);
    ws.send_frame(Opcode::continuation, "o", true);
    CHECK(ws.receive() == "Hello");
    CHECK(ws.last_pong() == "in between");
    ws.send_frame(Opcode::text, "\xce", false);  // code point split across fragments
    ws.send_frame(Opcode::continuation, "\xba", true);
    CHECK(ws.receive() == "\xce\xba");

    WebSocketClient fragments(s.url("/ws/fragments"));
    CHECK(fragments.receive() == "fragmented");
}

TEST_CASE("protocol violations close with the right code") {
    Server s;
    struct Case {
        const char* name;
        std::function<void(WebSocketClient&)> act;
        std::uint16_t code;
    };
    const Case cases[] = {
        {"invalid UTF-8", [](WebSocketClient& ws) { ws.send("\xc0\xaf"); }, 1007},
        {"invalid UTF-8 across fragments",
         [](WebSocketClient& ws) {
             ws.send_frame(Opcode::text, "ok\xce", false);
             ws.send_frame(Opcode::continuation, "A", true);
         },
         1007},
        {"truncated UTF-8 at message end", [](WebSocketClient& ws) { ws.send("\xe2\x82"); }, 1007},
        {"continuation without start", [](WebSocketClient& ws) { ws.send_frame(Opcode::continuation, "x", true); },
         1002},
        {"new message inside a fragmented one",
         [](WebSocketClient& ws) {
             ws.send_frame(Opcode::text, "a", false);
             ws.send_frame(Opcode::text, "b", true);
         },
         1002},
        {"reserved opcode", [](WebSocketClient& ws) { ws.send_frame(static_cast<Opcode>(3), "x", true); }, 1002},
        {"fragmented control frame", [](WebSocketClient& ws) { ws.send_frame(Opcode::ping, "x", false); }, 1002},
        {"close with invalid code", [](WebSocketClient& ws) { ws.send_frame(Opcode::close, "\x03\xed", true); }, 1002},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        WebSocketClient ws(s.url("/ws/echo/"));
        c.act(ws);
        CHECK_FALSE(ws.receive());
        CHECK(ws.close_code() == c.code);
    }
    WebSocketClient big(s.url("/ws/small"));
    big.send(std::string(1024, 'x'));
    CHECK(big.receive() == std::string(1024, 'x'));
    big.send_frame(Opcode::text, std::string(600, 'x'), false);
    big.send_frame(Opcode::continuation, std::string(600, 'x'), true);
    CHECK_FALSE(big.receive());
    CHECK(big.close_code() == 1009);
}

TEST_CASE("unmasked client frames are rejected with 1002") {
    Server s;
    net::Socket raw = test::connect_to(s.server.port());
    net::write_all(raw.fd(),
                   "GET /ws/echo/ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n" +
                       net::encode_frame(Opcode::text, "unmasked"),
                   1000ms);
    const std::string reply = test::read_until_close(raw.fd());
    CHECK(reply.find("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n") != std::string::npos);
    CHECK(reply.substr(reply.find("\r\n\r\n") + 4) == std::string("\x88\x02\x03\xea", 4));
}

TEST_CASE("handshake errors") {
    Server s;
    const std::string base = "GET /ws/echo/ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
    CHECK(test::status_of(test::raw_exchange(s.server.port(),
                                             base + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")) == 426);
    CHECK(test::status_of(test::raw_exchange(s.server.port(), base + "Sec-WebSocket-Version: 13\r\n\r\n")) == 400);
    CHECK(test::status_of(test::raw_exchange(
              s.server.port(), base + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: c2hvcnQ=\r\n\r\n")) == 400);
    CHECK_THROWS_AS(WebSocketClient(s.url("/not-there")), WebSocketError);
}

TEST_CASE("close handshake, subprotocols, handler errors, query strings") {
    Server s;
    WebSocketClient closing(s.url("/ws/server-closes"));
    CHECK(closing.receive() == "bye");
    CHECK_FALSE(closing.receive());
    CHECK(closing.close_code() == 4001);
    CHECK(closing.close_reason() == "done here");
    CHECK_FALSE(closing.send("too late"));  // the peer closed: a send says so, it does not throw
    CHECK_FALSE(closing.send_binary("too late"));
    CHECK_FALSE(closing.ping());

    WebSocketClientOptions offer;
    offer.subprotocols = {"chat.v1", "chat.v2"};
    WebSocketClient chat(s.url("/ws/proto"), offer);
    CHECK(chat.subprotocol() == "chat.v2");  // server preference wins
    CHECK(chat.receive() == "protocol=chat.v2");
    WebSocketClient plain(s.url("/ws/proto"));
    CHECK(plain.subprotocol().empty());
    CHECK(plain.receive() == "protocol=");

    WebSocketClient failing(s.url("/ws/throws"));
    CHECK_FALSE(failing.receive());
    CHECK(failing.close_code() == 1011);
    WebSocketClient query(s.url("/ws/query?name=a%20b"));
    CHECK(query.receive() == "a b");
    s.server.stop();
    REQUIRE(s.errors.size() == 1);
    CHECK(s.errors[0] == "GET /ws/throws HTTP/1.1: ws boom");
}

TEST_CASE("sends return false once either side has closed") {
    Server s;
    WebSocketClient ws(s.url("/ws/echo/"));
    CHECK(ws.send("hello"));
    CHECK(ws.receive() == "hello");
    ws.close();
    CHECK_FALSE(ws.is_open());
    CHECK_FALSE(ws.send("after close"));
    CHECK_FALSE(ws.send_binary("after close"));

    std::promise<bool> sent_after_peer_left;
    LiveServer server([&](Router& r) {
        r.websocket("/ws/outlives", [&](WebSocket& peer) {
            while (peer.receive()) {}
            sent_after_peer_left.set_value(peer.send("anyone?"));
        });
    });
    server.start();
    {
        WebSocketClient leaving(server.ws_url() + "/ws/outlives");
        leaving.close();
    }
    CHECK_FALSE(sent_after_peer_left.get_future().get());
    server.stop();
}

TEST_CASE("client receive times out instead of hanging") {
    Server s;
    WebSocketClientOptions options;
    options.read_timeout = 150ms;
    WebSocketClient ws(s.url("/ws/echo/"), options);
    try {
        ws.receive();
        FAIL("expected a timeout");
    } catch (const WebSocketError& error) {
        CHECK(std::string(error.what()).find("/ws/echo/") != std::string::npos);
    }
}
