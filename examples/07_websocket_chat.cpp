// WebSockets: a chat room behind ctp::ChannelsLiveServerTestCase, driven by several
// ctp::WebSocketClient connections at once.
#define CTP_MAIN
#include <ctp/ctp.hpp>
#include <ctp/live_server.hpp>  // ctp::Router, ctp::http, ctp::WebSocketClient, and the servers

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

// Every message goes to everyone in the room. Each connection's handler runs on its own
// server thread; sending to a WebSocket from another thread is allowed.
class Room {
public:
    void join(ctp::WebSocket& member) {
        std::lock_guard lock(mutex_);
        members_.push_back(&member);
    }
    void leave(ctp::WebSocket& member) {
        std::lock_guard lock(mutex_);
        std::erase(members_, &member);
    }
    void broadcast(const std::string& text) {
        std::lock_guard lock(mutex_);
        for (ctp::WebSocket* member : members_) member->send(text);
    }

private:
    std::mutex mutex_;
    std::vector<ctp::WebSocket*> members_;
};

struct Chat : ctp::ChannelsLiveServerTestCase {
    static inline Room room;

    static void routes(ctp::Router& r) {
        r.websocket("/ws/chat/", [](ctp::WebSocket& ws) {
            const std::string name = ws.request().query_param("name").value_or("anonymous");
            room.join(ws);
            ws.send("welcome " + name);  // sent after joining: a client that read it gets everything
            while (auto message = ws.receive()) room.broadcast(name + ": " + message->data);
            room.leave(ws);
        });
    }
};

CTP_TEST_F(Chat, greets_by_name) {
    ctp::WebSocketClient ws(live_server_ws_url() + "/ws/chat/?name=ada");
    CTP_CHECK(ws.receive() == "welcome ada");
}

CTP_TEST_F(Chat, broadcasts_to_everyone) {
    ctp::WebSocketClient ada(live_server_ws_url() + "/ws/chat/?name=ada");
    ctp::WebSocketClient bob(live_server_ws_url() + "/ws/chat/?name=bob");
    CTP_REQUIRE(ada.receive() == "welcome ada");
    CTP_REQUIRE(bob.receive() == "welcome bob");
    ada.send("hi all");
    CTP_CHECK(ada.receive() == "ada: hi all");
    CTP_CHECK(bob.receive() == "ada: hi all");
}

CTP_TEST_F(Chat, closes_cleanly) {
    ctp::WebSocketClient ws(live_server_ws_url() + "/ws/chat/?name=cy");
    CTP_REQUIRE(ws.receive() == "welcome cy");
    ws.close();
    CTP_CHECK(ws.close_code() == ctp::close_code::normal);
    CTP_CHECK_FALSE(ws.is_open());
}

// $ ./07_websocket_chat --parallel 2 -v
// Found 3 test(s).
// Running 3 WebSocket/Selenium tests serially...
// Chat.greets_by_name ... ok (0.001s)
// Chat.broadcasts_to_everyone ... ok (0.001s)
// Chat.closes_cleanly ... ok (0.001s)
// ----------------------------------------------------------------------
// Ran 3 tests in 0.003s
//
// OK
