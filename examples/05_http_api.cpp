// An HTTP API under test: ctp::LiveServerTestCase starts a real server on 127.0.0.1 for the
// class, with the routes the fixture declares, and the tests call it with ctp::http.
#define CTP_MAIN
#include <ctp/ctp.hpp>
#include <ctp/live_server.hpp>  // ctp::Router, ctp::http, ctp::WebSocketClient, and the servers

#include <mutex>
#include <string>
#include <utility>
#include <vector>

// The application: a list of notes. Handlers run on the server's connection threads.
class Notes {
public:
    void add(std::string text) {
        std::lock_guard lock(mutex_);
        notes_.push_back(std::move(text));
    }
    std::string joined() const {
        std::lock_guard lock(mutex_);
        std::string all;
        for (const std::string& note : notes_) all += note + "\n";
        return all;
    }
    void clear() {
        std::lock_guard lock(mutex_);
        notes_.clear();
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> notes_;
};

struct NotesApi : ctp::LiveServerTestCase {
    static inline Notes notes;

    // Called once, before the server starts.
    static void routes(ctp::Router& r) {
        r.get("/notes", [](const ctp::Request&) { return ctp::Response::text(notes.joined()); });
        r.post("/notes", [](const ctp::Request& request) {
            if (request.body.empty()) return ctp::Response::text("empty note", 422);
            notes.add(request.body);
            return ctp::Response::text("created", 201);
        });
    }

    void set_up() override { notes.clear(); }  // the server lives for the class, not the test
};

CTP_TEST_F(NotesApi, starts_empty) {
    ctp::Response res = ctp::http::get(live_server_url() + "/notes");
    CTP_CHECK(res.status == 200);
    CTP_CHECK(res.body == "");
}

CTP_TEST_F(NotesApi, stores_what_is_posted) {
    CTP_CHECK(ctp::http::post(live_server_url() + "/notes", "milk").status == 201);
    CTP_CHECK(ctp::http::post(live_server_url() + "/notes", "eggs").status == 201);
    CTP_CHECK(ctp::http::get(live_server_url() + "/notes").body == "milk\neggs\n");
}

CTP_TEST_F(NotesApi, rejects_bad_requests) {
    CTP_CHECK(ctp::http::post(live_server_url() + "/notes", "").status == 422);
    CTP_CHECK(ctp::http::get(live_server_url() + "/nowhere").status == 404);
    ctp::Response res = ctp::http::request("DELETE", live_server_url() + "/notes");
    CTP_CHECK(res.status == 405);
    CTP_CHECK(res.header("Allow") == "GET, POST, HEAD");
}

// $ ./05_http_api --parallel 2 -v
// Found 3 test(s).
// Running 3 WebSocket/Selenium tests serially...
// NotesApi.starts_empty ... ok (0.000s)
// NotesApi.stores_what_is_posted ... ok (0.001s)
// NotesApi.rejects_bad_requests ... ok (0.000s)
// ----------------------------------------------------------------------
// Ran 3 tests in 0.002s
//
// OK
