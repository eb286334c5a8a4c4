#ifndef CTP_DETAIL_BROWSER_SESSION_HPP
#define CTP_DETAIL_BROWSER_SESSION_HPP

#include "../test_info.hpp"
#include "../run/test_context.hpp"

namespace ctp::detail {

// A ctp::BrowserTestCase class's browser, owned by its live-server session, which forwards
// the test changes to it. Made through a factory that <ctp/browser.hpp> registers, so a
// program without browser tests compiles no browser.
class BrowserSession {
public:
    virtual ~BrowserSession() = default;
    // `run` is starting (a test, or a class hook); null: it ended. A test's page is made at
    // its first page(); when the test ends its failures get a screenshot and the DOM, the
    // page's JavaScript errors fail it, and the page closes.
    virtual void set_current(Context* run, const TestInfo* info) = 0;
    virtual Page& page() = 0;
    virtual Browser& browser() = 0;
};

// `options` is FixtureInfo's reader of the fixture's browser_options(), or null.
using BrowserSessionFactory = BrowserSession* (*)(void (*options)(void* into));

inline BrowserSessionFactory& browser_session_factory() noexcept {
    static BrowserSessionFactory factory = nullptr;
    return factory;
}

}  // namespace ctp::detail

#endif  // CTP_DETAIL_BROWSER_SESSION_HPP
