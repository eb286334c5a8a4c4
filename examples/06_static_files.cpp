// Static files: ctp::StaticLiveServerTestCase serves a directory, here examples/static/
// next to this file, with content types by extension and index.html for a directory.
#define CTP_MAIN
#include <ctp/ctp.hpp>
#include <ctp/live_server.hpp>  // ctp::Router, ctp::http, ctp::WebSocketClient, and the servers

#include <filesystem>
#include <string>

struct Site : ctp::StaticLiveServerTestCase {
    // Next to this source file. CMake compiles with absolute paths; meson's are relative to
    // its build directory, where meson test runs the program.
    static std::filesystem::path static_root() { return std::filesystem::path(__FILE__).parent_path() / "static"; }
};

CTP_TEST_F(Site, serves_the_index_page) {
    ctp::Response res = ctp::http::get(live_server_url() + "/");
    CTP_REQUIRE(res.status == 200);
    CTP_CHECK(res.header("Content-Type") == "text/html; charset=utf-8");
    CTP_CHECK(res.body.find("<h1 id=\"title\">Served by ctp</h1>") != std::string::npos);
}

CTP_TEST_F(Site, types_assets_by_extension) {
    CTP_CHECK(ctp::http::get(live_server_url() + "/style.css").header("Content-Type") == "text/css; charset=utf-8");
    CTP_CHECK(ctp::http::get(live_server_url() + "/app.js").header("Content-Type") == "text/javascript; charset=utf-8");
}

CTP_TEST_F(Site, stays_inside_its_root) {
    CTP_CHECK(ctp::http::get(live_server_url() + "/missing.png").status == 404);
    CTP_CHECK(ctp::http::get(live_server_url() + "/%2e%2e/06_static_files.cpp").status == 404);
    CTP_CHECK(ctp::http::post(live_server_url() + "/index.html", "x").status == 405);
}

// $ ./06_static_files --parallel 2 -v
// Found 3 test(s).
// Running 3 WebSocket/Selenium tests serially...
// Site.serves_the_index_page ... ok (0.001s)
// Site.types_assets_by_extension ... ok (0.001s)
// Site.stays_inside_its_root ... ok (0.001s)
// ----------------------------------------------------------------------
// Ran 3 tests in 0.003s
//
// OK
