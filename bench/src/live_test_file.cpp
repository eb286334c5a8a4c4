// A live-server test file as users write it: a fixture with one route and a test that calls
// ctp::http::get. bench/run.py compares its compile cost with five_std_headers.cpp.
#include <ctp/ctp.hpp>
#include <ctp/live_server.hpp>

struct Api : ctp::LiveServerTestCase {
    static void routes(ctp::Router& router) {
        router.get("/health", [](const ctp::Request&) { return ctp::Response::text("ok"); });
    }
};

CTP_TEST_F(Api, health) {
    const ctp::Response response = ctp::http::get(live_server_url() + "/health");
    CTP_CHECK(response.status == 200);
    CTP_CHECK(response.body == "ok");
}
