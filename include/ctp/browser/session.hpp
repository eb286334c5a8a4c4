// A ctp::BrowserTestCase class's browser as the runner drives it: a page per test, and what a
// test's end makes of it (JavaScript errors, a failed test's screenshot and DOM). Compiled
// with the browser's implementation.
#ifndef CTP_BROWSER_SESSION_HPP
#define CTP_BROWSER_SESSION_HPP

#include <exception>   // exception
#include <filesystem>  // create_directories
#include <fstream>     // ofstream
#include <mutex>
#include <optional>
#include <stdexcept>  // logic_error
#include <string>
#include <utility>  // move

#include "../browser.hpp"
#include "../detail/browser_session.hpp"
#include "../detail/live_server_handle.hpp"
#include "../run/artifacts.hpp"
#include "../run/run_place.hpp"
#include "../run/test_context.hpp"
#include "../text/text_building.hpp"

namespace ctp::detail {

// The test's full name as a file name, "TodoApp.adds_an_item", with ".repeat-N" and
// ".attempt-N" when N > 1: characters other than letters, digits, '.', '-' and '_' become '_'.
inline std::string artifact_name(const TestInfo& info, unsigned iteration, unsigned attempt) {
    std::string name = *info.suite() != '\0' ? concat({info.suite(), ".", info.name()}) : std::string(info.name());
    for (char& c : name) {
        const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                          c == '-' || c == '_';
        if (!safe) c = '_';
    }
    if (iteration > 1) append(name, {".repeat-", digits(iteration)});
    if (attempt > 1) append(name, {".attempt-", digits(attempt)});
    return name;
}

class BrowserTestSession final : public BrowserSession {
public:
    // Starts the browser: a BrowserError (no browser installed...) is the class's error.
    explicit BrowserTestSession(void (*read_options)(void* into)) {
        if (read_options != nullptr) read_options(&options_);
        browser_.emplace(options_);
    }
    BrowserTestSession(const BrowserTestSession&) = delete;
    BrowserTestSession& operator=(const BrowserTestSession&) = delete;
    ~BrowserTestSession() override { set_current(nullptr, nullptr); }

    void set_current(Context* run, const TestInfo* info) override {
        std::lock_guard lock(mutex_);
        end_run();
        run_ = run;
        info_ = info;
        // A browser that crashed in an earlier test is replaced before the next one, on the
        // runner's thread (the one that outlives the browser); should that fail, the test's
        // page() says why.
        if (run_ != nullptr && (!browser_ || !browser_->running())) {
            try {
                start_browser();
            } catch (const std::exception& error) {
                restart_error_ = error.what();
            }
        }
    }

    Page& page() override {
        std::lock_guard lock(mutex_);
        if (run_ == nullptr)
            throw std::logic_error("ctp::BrowserTestCase::page() works only while a test or class hook runs");
        if (!page_) page_.emplace(running_browser().new_page());
        return *page_;
    }

    Browser& browser() override {
        std::lock_guard lock(mutex_);
        return running_browser();
    }

private:
    void start_browser() {
        browser_.reset();
        browser_.emplace(options_);
    }

    // Not restarted here: a test that crashed its browser keeps running into the crash.
    Browser& running_browser() {
        if (!browser_) throw BrowserError(restart_error_);
        return *browser_;
    }

    // The run's page, if it made one: its JavaScript errors fail the run, a run that failed
    // keeps a screenshot and the DOM, and the page closes.
    void end_run() {
        if (!page_) return;
        Page page = std::move(*page_);
        page_.reset();
        if (run_ == nullptr || info_ == nullptr) return;
        const bool crashed = !browser_ || !browser_->running();
        // A crash that the test did not run into (it made no call after) still errs the test.
        if (crashed && !run_->has_failure())
            run_->add_failure({info_->file, info_->line, "the browser stopped running during the test"}, true);
        if (!page.javascript_errors_allowed())
            for (const std::string& error : page.javascript_errors())
                run_->add_failure({info_->file, info_->line, "JavaScript error on the page: " + error});
        if (run_->has_failure() && !crashed) save_artifacts(page);
    }

    void save_artifacts(Page& page) {
        const std::string base = concat(
            {artifact_place().directory, "/", artifact_name(*info_, artifact_place().iteration, run_->attempt())});
        try {
            std::filesystem::create_directories(artifact_place().directory);
            page.screenshot(base + ".png");
            run_->add_attachment(base + ".png");
            const std::string html = page.content();
            std::ofstream file(base + ".html", std::ios::binary | std::ios::trunc);
            file << html;
            file.close();
            if (!file) throw std::runtime_error("cannot write " + base + ".html");
            run_->add_attachment(base + ".html");
        } catch (const std::exception& error) {
            run_->add_warning(
                {info_->file, info_->line, concat({"could not keep the page of the failed test: ", error.what()})});
        }
    }

    std::mutex mutex_;  // page() may come from a thread that the test started
    BrowserOptions options_;
    std::optional<Browser> browser_;
    std::optional<Page> page_;  // the running test's, from its first page()
    std::string restart_error_;
    Context* run_ = nullptr;
    const TestInfo* info_ = nullptr;
};

// The session of the running test's class, found as live_server_url() finds its server.
inline BrowserSession& running_browser_session(const char* what) {
    const RunPlace* place = place_of_this_test();
    LiveServerHandle* server =
        place != nullptr && place->live_server != nullptr ? place->live_server : active_live_server();
    if (BrowserSession* session = server != nullptr ? server->browser_session() : nullptr) return *session;
    throw std::logic_error(concat({"no browser: ctp::BrowserTestCase::", what,
                                   "() works only in the tests and class hooks of a ctp::BrowserTestCase fixture"}));
}

[[maybe_unused]] inline const bool browser_session_factory_registered = [] {
    browser_session_factory() = [](void (*options)(void* into)) -> BrowserSession* {
        return new BrowserTestSession(options);
    };
    return true;
}();

}  // namespace ctp::detail

namespace ctp {

Page& BrowserTestCase::page() { return detail::running_browser_session("page").page(); }
Browser& BrowserTestCase::browser() { return detail::running_browser_session("browser").browser(); }

}  // namespace ctp

#endif  // CTP_BROWSER_SESSION_HPP
