#ifndef CTP_DETAIL_LIVE_SERVER_SESSION_HPP
#define CTP_DETAIL_LIVE_SERVER_SESSION_HPP

#include <memory>     // unique_ptr
#include <mutex>
#include <stdexcept>  // logic_error
#include <string>
#include <utility>    // exchange, move
#include <vector>

#include "../live_server.hpp"
#include "../result.hpp"
#include "../test_info.hpp"
#include "test_run.hpp"
#include "unit_runner.hpp"

namespace ctp::detail {

struct LiveServerSetup {
    Router router;
    std::vector<std::string> static_roots;
    unsigned short port = 0;
};

// The server of the live-server class that is running; live-server classes run one at a time.
inline LiveServer*& active_live_server() noexcept {
    static LiveServer* server = nullptr;
    return server;
}

inline LiveServer& require_live_server() {
    if (LiveServer* server = active_live_server()) return *server;
    throw std::logic_error("no live server: live_server_url() and its kind work only in the tests "
                           "and hooks of a ctp::LiveServerTestCase fixture");
}

// One class's server: started before set_up_class, stopped (threads joined, port freed)
// after tear_down_class. A route handler that throws fails the test that is running.
class LiveServerSession final : public LiveServerHandle {
public:
    explicit LiveServerSession(const ClassInfo& fixture) {
        LiveServerSetup setup;
        fixture.configure_live_server(setup);
        LiveServerOptions options;
        options.port = setup.port;
        server_ = std::make_unique<LiveServer>(std::move(options));
        server_->router() = std::move(setup.router);
        for (const std::string& root : setup.static_roots) server_->set_static_root(root);
        server_->on_handler_error([this](const std::string& request_line, const std::string& message) {
            report(request_line, message);
        });
        server_->start();
        active_live_server() = server_.get();
    }
    LiveServerSession(const LiveServerSession&) = delete;
    LiveServerSession& operator=(const LiveServerSession&) = delete;
    ~LiveServerSession() override { stop(); }

    void stop() override {
        active_live_server() = nullptr;
        server_->stop();
        set_current(nullptr, nullptr);
    }

    void set_current(TestRun* run, const TestInfo* info) override {
        std::lock_guard lock(mutex_);
        run_ = run;
        info_ = info;
    }

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
    std::mutex mutex_;
    TestRun* run_ = nullptr;
    const TestInfo* info_ = nullptr;
    std::vector<Failure> late_;
};

}  // namespace ctp::detail

#endif  // CTP_DETAIL_LIVE_SERVER_SESSION_HPP
