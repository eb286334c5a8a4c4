// A process fixture's server is its program: routes() would never be served.
// expect: is its command(): remove routes() and static_root()
#define CTP_LIVE_SERVER_API  // ctp::Router
#include <ctp/ctp.hpp>

#include <string>
#include <vector>

#if defined(CTP_SNIPPET_FIXED)
struct Shop : ctp::ProcessLiveServerTestCase {
    static std::vector<std::string> command() { return {"./shop_server", "--port", "{port}"}; }
};
#else
struct Shop : ctp::ProcessLiveServerTestCase {
    static std::vector<std::string> command() { return {"./shop_server", "--port", "{port}"}; }
    static void routes(ctp::Router& router) {
        router.get("/", [](const ctp::Request&) { return ctp::Response::text(""); });
    }
};
#endif

TEST_F(Shop, lists_products) {}  // reported here
