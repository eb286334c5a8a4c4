// A process fixture names the program to start.
// expect: a ctp::ProcessLiveServerTestCase needs static std::vector<std::string> command()
#include <ctp/ctp.hpp>

#include <string>
#include <vector>

struct Shop : ctp::ProcessLiveServerTestCase {
#if defined(CTP_SNIPPET_FIXED)
    static std::vector<std::string> command() { return {"./shop_server", "--port", "{port}"}; }
#else
    static std::string ready_path() { return "/health"; }
#endif
};

TEST_F(Shop, lists_products) {}  // reported here
