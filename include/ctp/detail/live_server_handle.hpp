#ifndef CTP_DETAIL_LIVE_SERVER_HANDLE_HPP
#define CTP_DETAIL_LIVE_SERVER_HANDLE_HPP

#include <string>
#include <vector>

#include "../result.hpp"
#include "../test_info.hpp"
#include "../run/test_context.hpp"

namespace ctp::detail {

class BrowserSession;

// The server of a live-server class while its tests run. The runner knows it only through
// this interface and a factory that <ctp/live_server.hpp> registers, so a program whose
// files never include that header does not compile a server.
class LiveServerHandle {
public:
    virtual ~LiveServerHandle() = default;
    // Where a route handler's failure goes: the running test, or the class's hooks; null
    // between tests, when failures wait for take_late().
    virtual void set_current(Context* run, const TestInfo* info) = 0;
    // Joins the server's threads and frees its port.
    virtual void stop() = 0;
    virtual std::vector<Failure> take_late() = 0;
    virtual std::string url() const = 0;
    virtual std::string ws_url() const = 0;
    virtual unsigned short port() const = 0;
    // A ctp::BrowserTestCase class's browser; null for other classes.
    virtual BrowserSession* browser_session() { return nullptr; }
};

// The caller owns the server it returns (a plain pointer: <memory> is not in the file with the main).
using LiveServerFactory = LiveServerHandle* (*)(const FixtureInfo& fixture);

inline LiveServerFactory& live_server_factory() noexcept {
    static LiveServerFactory factory = nullptr;
    return factory;
}

// The server of the live-server class that is running; such classes run one at a time.
inline LiveServerHandle*& active_live_server() noexcept {
    static LiveServerHandle* server = nullptr;
    return server;
}

}  // namespace ctp::detail

#endif  // CTP_DETAIL_LIVE_SERVER_HANDLE_HPP
