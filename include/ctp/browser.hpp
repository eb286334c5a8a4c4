// ctp::Browser: headless Chromium driven over the DevTools Protocol on a pipe, and the pages
// and elements tests use; ctp::BrowserTestCase's browser. Only declarations: the browser
// compiles once, in the file that defines CTP_MAIN or CTP_IMPLEMENT (it includes this header
// too).
#ifndef CTP_BROWSER_HPP
#define CTP_BROWSER_HPP

#include "fixture.hpp"
#include "registration.hpp"  // SourceLocation: std::source_location needs a newer clang

#include <chrono>       // milliseconds
#include <memory>       // shared_ptr
#include <optional>     // optional
#include <stdexcept>    // runtime_error
#include <string>       // string
#include <string_view>  // string_view
#include <vector>       // vector

namespace ctp {

namespace detail {
class BrowserConnection;
class PageState;
}  // namespace detail

// The browser cannot start, crashed, or a protocol command failed; outside a test also a
// wait that timed out or an element that was not found.
class BrowserError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct BrowserOptions {
    std::string executable;              // empty: $CTP_BROWSER, else /usr/bin/chromium
    std::vector<std::string> arguments;  // added after ctp's own (headless, no sandbox, ...)
    std::chrono::milliseconds start_timeout{30000};
    std::chrono::milliseconds command_timeout{30000};  // one protocol command and its answer
    int width = 1280;                                  // each new page's viewport
    int height = 720;
};

struct Cookie {
    std::string name;
    std::string value;
    std::string domain;  // empty: the page's host
    std::string path = "/";
    bool secure = false;
    bool http_only = false;
    double expires = -1;  // seconds since the epoch; -1: a session cookie
};

struct ConsoleMessage {
    std::string level;  // "log", "info", "warning", "error", "debug"
    std::string text;
};

inline constexpr std::chrono::milliseconds default_wait{5000};

class Page;

// A node found by a CSS selector. It refers to the node itself, so a later change of the page
// that removes the node makes its use fail.
class Element {
public:
    void click(SourceLocation where = SourceLocation::current());
    void type(std::string_view text, SourceLocation where = SourceLocation::current());
    void clear(SourceLocation where = SourceLocation::current());
    std::string text() const;   // as rendered (innerText)
    std::string value() const;  // a form control's current value
    std::optional<std::string> attribute(std::string_view name) const;
    bool visible() const;
    const std::string& selector() const { return selector_; }

private:
    friend class Page;
    friend class detail::PageState;
    Element(std::shared_ptr<detail::PageState> page, std::string object_id, std::string selector)
        : page_(std::move(page)),
          object_id_(std::move(object_id)),
          selector_(std::move(selector)) {}
    std::shared_ptr<detail::PageState> page_;
    std::string object_id_;
    std::string selector_;
};

// A tab in a browser context of its own: its own cookies, storage and cache. Closed (with its
// context) when the last Page or Element referring to it goes.
class Page {
public:
    // Waits for the load event.
    void go(const std::string& url, SourceLocation where = SourceLocation::current());
    void reload(SourceLocation where = SourceLocation::current());

    // The first match; a fatal failure of the test when there is none.
    Element find(const std::string& css, SourceLocation where = SourceLocation::current());
    std::vector<Element> find_all(const std::string& css);

    // Every wait is bounded; a timeout is a fatal failure naming what was awaited and what the
    // page showed.
    Element wait_for(const std::string& css, std::chrono::milliseconds timeout = default_wait,
                     SourceLocation where = SourceLocation::current());
    Element wait_for_text(const std::string& css, std::string_view text,
                          std::chrono::milliseconds timeout = default_wait,
                          SourceLocation where = SourceLocation::current());
    void wait_until(const std::string& js_predicate, std::chrono::milliseconds timeout = default_wait,
                    SourceLocation where = SourceLocation::current());

    // The value of a JavaScript expression (awaited if a promise): a string as itself,
    // anything else as JSON; a thrown exception is a BrowserError.
    std::string evaluate(const std::string& js);

    void screenshot(const std::string& png_path);
    std::string content();  // the DOM as HTML
    std::string url();
    std::string title();
    void set_viewport(int width, int height);

    std::vector<Cookie> cookies();
    void set_cookie(const Cookie& cookie);
    void clear_cookies();

    std::vector<ConsoleMessage> console() const;  // in the order logged
    // Uncaught JavaScript exceptions, each "message\n<stack>". In a ctp::BrowserTestCase each
    // fails the test unless allow_javascript_errors() was called.
    std::vector<std::string> javascript_errors() const;
    void allow_javascript_errors(bool allow = true);
    bool javascript_errors_allowed() const;

private:
    friend class Browser;
    friend class detail::PageState;
    explicit Page(std::shared_ptr<detail::PageState> state) : state_(std::move(state)) {}
    std::shared_ptr<detail::PageState> state_;
};

// One Chromium process. It ends with the Browser, and with ctp, even when ctp is killed.
class Browser {
public:
    // Starts Chromium; throws BrowserError naming the executable and what to install.
    explicit Browser(BrowserOptions options = {});
    Browser(const Browser&) = delete;
    Browser& operator=(const Browser&) = delete;
    ~Browser();

    Page new_page();
    bool running() const;
    int pid() const;
    std::string version();  // e.g. "Chrome/156.0.8078.73"
    const BrowserOptions& options() const;

private:
    std::shared_ptr<detail::BrowserConnection> connection_;
};

namespace detail {
// Defined by browser/implementation.hpp. Referring to it here turns "no file compiled the
// browser" into a link error that names the fix.
extern const bool browser_compiled_in_the_file_with_CTP_MAIN;
inline const bool browser_linked = browser_compiled_in_the_file_with_CTP_MAIN;
}  // namespace detail

}  // namespace ctp

#if defined(CTP_MAIN) || defined(CTP_IMPLEMENT)
#include "browser/implementation.hpp"
#endif  // defined(CTP_MAIN) || defined(CTP_IMPLEMENT)

#endif  // CTP_BROWSER_HPP
