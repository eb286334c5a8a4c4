#ifndef CTP_DETAIL_LIVE_SERVER_SESSION_HPP
#define CTP_DETAIL_LIVE_SERVER_SESSION_HPP

#include <memory>  // unique_ptr
#include <mutex>
#include <stdexcept>  // logic_error
#include <string>
#include <utility>  // exchange, move
#include <vector>

#include "../live_server/router.hpp"
#include "../live_server/server.hpp"
#include "../result.hpp"
#include "../test_info.hpp"
#include "../run/test_context.hpp"
#include "browser_session.hpp"
#include "live_server_handle.hpp"

namespace ctp::detail {

class SessionSetup final : public LiveServerSetup {
public:
    Router& router() override { return router_; }
    void static_root(const char* directory) override { static_roots_.emplace_back(directory); }
    void port(unsigned short port) override { port_ = port; }
    void command_argument(const char* argument) override { command_.emplace_back(argument); }
    void ready_path(const char* path) override { ready_path_ = path; }
    void start_timeout(double seconds) override { start_timeout_ = seconds; }
    void browser(void (*options)(void* into)) override {
        browser_ = true;
        browser_options_ = options;
    }

    Router router_;
    std::vector<std::string> static_roots_;
    unsigned short port_ = 0;
    std::vector<std::string> command_;
    std::string ready_path_;
    double start_timeout_ = 10;
    bool browser_ = false;
    void (*browser_options_)(void* into) = nullptr;
};

// One class's server: started before set_up_class, stopped (threads joined, port freed)
// after tear_down_class. A route handler that throws fails the test that is running.
class LiveServerSession final : public LiveServerHandle {
public:
    explicit LiveServerSession(const FixtureInfo& fixture) {
        SessionSetup setup;
        fixture.configure_live_server(setup);
        LiveServerOptions options;
        options.port = setup.port_;
        server_ = std::make_unique<LiveServer>(std::move(options));
        server_->router() = std::move(setup.router_);
        for (const std::string& root : setup.static_roots_) server_->set_static_root(root);
        server_->on_handler_error(
            [this](const std::string& request_line, const std::string& message) { report(request_line, message); });
        server_->start();
        // After the server, so that the browser's first page may already load from it.
        if (setup.browser_) {
            if (browser_session_factory() == nullptr)
                throw std::logic_error(
                    "no browser: a ctp::BrowserTestCase needs <ctp/browser.hpp> included in the file that defines "
                    "CTP_MAIN (or CTP_IMPLEMENT)");
            browser_.reset(browser_session_factory()(setup.browser_options_));
        }
    }
    LiveServerSession(const LiveServerSession&) = delete;
    LiveServerSession& operator=(const LiveServerSession&) = delete;
    ~LiveServerSession() override { stop(); }

    void stop() override {
        set_current(nullptr, nullptr);
        browser_.reset();
        server_->stop();
    }

    void set_current(Context* run, const TestInfo* info) override {
        {
            std::lock_guard lock(mutex_);
            run_ = run;
            info_ = info;
        }
        if (browser_ != nullptr) browser_->set_current(run, info);
    }

    BrowserSession* browser_session() override { return browser_.get(); }

    std::string url() const override { return server_->url(); }
    std::string ws_url() const override { return server_->ws_url(); }
    unsigned short port() const override { return server_->port(); }

    std::vector<Failure> take_late() override {
        std::lock_guard lock(mutex_);
        return std::exchange(late_, {});
    }

private:
    void report(const std::string& request_line, const std::string& message) {
        std::lock_guard lock(mutex_);
        Failure failure{info_ != nullptr ? info_->file : "", info_ != nullptr ? info_->line : 0,
                        "live server: the handler of '" + request_line + "' threw: " + message};
        if (run_ != nullptr) run_->add_failure(std::move(failure));
        else late_.push_back(std::move(failure));
    }

    std::unique_ptr<LiveServer> server_;
    std::unique_ptr<BrowserSession> browser_;  // after the server: it goes first
    std::mutex mutex_;
    Context* run_ = nullptr;
    const TestInfo* info_ = nullptr;
    std::vector<Failure> late_;
};

}  // namespace ctp::detail

#endif  // CTP_DETAIL_LIVE_SERVER_SESSION_HPP
