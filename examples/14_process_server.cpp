// The team's own server under test: ctp::ProcessLiveServerTestCase starts the program
// (examples/servers/todo_server.cpp) on a free port before the class, waits until its
// /health answers, and stops it after; the tests talk to it over HTTP and WebSocket.
#define CTP_MAIN
#include <ctp/ctp.hpp>
#include <ctp/live_server.hpp>  // ctp::http, ctp::WebSocketClient

#include <filesystem>
#include <string>
#include <vector>

struct TodoServer : ctp::ProcessLiveServerTestCase {
    // "{port}" becomes the port ctp picked; the program also finds it in $PORT.
    static std::vector<std::string> command() {
        const auto here = std::filesystem::read_symlink("/proc/self/exe").parent_path();  // built beside it
        return {(here / "todo_server").string(), "--port", "{port}"};
    }
    static std::string ready_path() { return "/health"; }  // default: the port accepts a connection
};

CTP_TEST_F(TodoServer, starts_empty) { CTP_CHECK(ctp::http::get(live_server_url() + "/todos").body == "[]"); }

CTP_TEST_F(TodoServer, adds_a_todo) {
    CTP_CHECK(ctp::http::post(live_server_url() + "/todos", "buy milk").status == 201);
    CTP_CHECK(ctp::http::get(live_server_url() + "/todos").body == R"(["buy milk"])");
}

CTP_TEST_F(TodoServer, refuses_an_empty_todo) {
    const ctp::Response response = ctp::http::post(live_server_url() + "/todos", "");
    CTP_CHECK(response.status == 400);
    CTP_CHECK(response.body == "a todo needs a text");
}

CTP_TEST_F(TodoServer, announces_new_todos_over_websocket) {
    ctp::WebSocketClient ws(live_server_ws_url() + "/ws/todos");
    CTP_REQUIRE(ws.receive() == "listening");
    CTP_REQUIRE(ctp::http::post(live_server_url() + "/todos", "call bob").status == 201);
    CTP_CHECK(ws.receive() == "added: call bob");
    ws.send("ping");
    CTP_CHECK(ws.receive() == "echo: ping");
}

// $ ./14_process_server --parallel 2 -v
// Found 4 test(s).
// Running 4 WebSocket/Selenium tests serially...
// TodoServer.starts_empty ... ok (0.000s)
// TodoServer.adds_a_todo ... ok (0.000s)
// TodoServer.refuses_an_empty_todo ... ok (0.000s)
// TodoServer.announces_new_todos_over_websocket ... ok (0.001s)
// ----------------------------------------------------------------------
// Ran 4 tests in 0.069s
//
// OK
