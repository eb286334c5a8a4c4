// The server of a ctp::ProcessLiveServerTestCase: the user's own program, started on a free
// port before set_up_class and stopped after tear_down_class. Compiled with the live server.
#ifndef CTP_DETAIL_PROCESS_LIVE_SERVER_SESSION_HPP
#define CTP_DETAIL_PROCESS_LIVE_SERVER_SESSION_HPP

#include <arpa/inet.h>   // htonl, htons, ntohs
#include <netinet/in.h>  // sockaddr_in
#include <sys/socket.h>  // socket, bind, connect, getsockname
#include <unistd.h>      // close

#include <algorithm>  // min
#include <cerrno>
#include <chrono>
#include <cstddef>  // size_t
#include <cstdio>   // snprintf
#include <cstring>  // strerror
#include <memory>   // unique_ptr
#include <mutex>
#include <stdexcept>  // runtime_error
#include <string>
#include <thread>   // sleep_for
#include <utility>  // move
#include <vector>

#include "../live_server/http_client.hpp"
#include "../result.hpp"
#include "../run/test_context.hpp"
#include "../test_info.hpp"
#include "child_process.hpp"
#include "live_server_handle.hpp"
#include "live_server_session.hpp"

namespace ctp::detail {

inline sockaddr_in loopback_address(unsigned short port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    return address;
}

// A port that was free on 127.0.0.1 a moment ago: the program binds it itself.
inline unsigned short pick_free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address = loopback_address(0);
    socklen_t size = sizeof address;
    const bool bound = fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0 &&
                       ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0;
    const int error = errno;
    if (fd >= 0) ::close(fd);
    if (!bound) throw std::runtime_error(std::string("cannot find a free port on 127.0.0.1: ") + std::strerror(error));
    return ntohs(address.sin_port);
}

inline bool accepts_connections(unsigned short port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    const sockaddr_in address = loopback_address(port);
    const bool connected = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return connected;
}

// "10", "0.5": seconds as a user wrote them.
inline std::string seconds_text(double seconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", seconds);
    return text;
}

inline std::chrono::milliseconds milliseconds_of(double seconds) {
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

class ProcessLiveServerSession final : public LiveServerHandle {
public:
    static constexpr std::size_t shown_lines = 20;

    // Throws, naming the program, its exit status and its last output, when it cannot be
    // started, ends early or is not ready in time: every test of the class is then an error.
    explicit ProcessLiveServerSession(const SessionSetup& setup)
        : port_(setup.port_ != 0 ? setup.port_ : pick_free_port()),
          stop_grace_(milliseconds_of(setup.stop_timeout_)) {
        ChildOptions options;
        const std::string port = std::to_string(port_);
        for (std::string argument : setup.command_) {
            for (std::size_t at = argument.find("{port}"); at != std::string::npos;
                 at = argument.find("{port}", at + port.size()))
                argument.replace(at, 6, port);
            if (!name_.empty()) name_ += ' ';
            name_ += argument;
            options.argv.push_back(std::move(argument));
        }
        options.environment.push_back("PORT=" + port);
        options.kept_lines = shown_lines;
        child_ = std::make_unique<ChildProcess>(std::move(options));
        wait_until_ready(setup.ready_path_, setup.start_timeout_);
    }
    ProcessLiveServerSession(const ProcessLiveServerSession&) = delete;
    ProcessLiveServerSession& operator=(const ProcessLiveServerSession&) = delete;
    ~ProcessLiveServerSession() override { stop(); }

    // Between two contexts (a test, a class hook) the program's state is checked: a death is
    // charged to the context that saw it, and a context with a failure gets its last output.
    void set_current(Context* run, const TestInfo* info) override {
        std::lock_guard lock(mutex_);
        if (run_ != nullptr) {
            // set_up_class's context is finished before this call: what it saw goes to the next.
            const bool set_up = contexts_ == 1;
            Context& charged = set_up && run != nullptr ? *run : *run_;
            const TestInfo* charged_info = set_up && run != nullptr ? info : info_;
            const bool reported = check_alive(charged, charged_info, set_up ? "set_up_class" : nullptr);
            if (!reported && run_->has_failure()) append_output(charged);
        }
        if (run != nullptr) ++contexts_;
        run_ = run;
        info_ = info;
    }

    // SIGTERM to the program's group, SIGKILL after the grace; tear_down_class's context (the
    // current one) hears of a death during it and gets the last output if it failed.
    void stop() override {
        std::lock_guard lock(mutex_);
        if (child_ == nullptr) return;
        bool reported = false;
        if (run_ != nullptr && died_during_.empty()) reported = check_alive(*run_, info_, "tear_down_class");
        child_->stop(stop_grace_);
        if (run_ != nullptr && !reported && run_->has_failure()) append_output(*run_);
        child_.reset();
        run_ = nullptr;
        info_ = nullptr;
    }

    std::vector<Failure> take_late() override { return {}; }
    std::string url() const override { return "http://127.0.0.1:" + std::to_string(port_); }
    std::string ws_url() const override { return "ws://127.0.0.1:" + std::to_string(port_); }
    unsigned short port() const override { return port_; }

private:
    void wait_until_ready(const std::string& ready_path, double timeout) {
        const auto deadline = std::chrono::steady_clock::now() + milliseconds_of(timeout);
        std::string last_answer;
        for (;;) {
            if (!child_->running()) {
                child_->stop(std::chrono::milliseconds(0));  // reads its output to the end
                throw std::runtime_error(concat({"the server '", name_, "' ", child_->exit_description(),
                                                 " before it was ready", last_output_text()}));
            }
            const auto now = std::chrono::steady_clock::now();
            if (now >= deadline) break;
            if (ready_path.empty()) {
                if (accepts_connections(port_)) return;
            } else {
                const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
                HttpOptions options;
                options.connect_timeout = std::min(left, std::chrono::milliseconds(1000));
                options.timeout = std::min(left, std::chrono::milliseconds(2000));
                try {
                    const Response response = http::get(url() + ready_path, options);
                    if (response.status >= 200 && response.status < 300) return;
                    last_answer = std::to_string(response.status);
                } catch (const HttpError&) {
                    // Not listening yet, or not answering: asked again until the deadline.
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        child_->stop(std::chrono::milliseconds(0));
        const std::string waited_for = ready_path.empty() ? "nothing accepted on port " + std::to_string(port_)
                                       : last_answer.empty()
                                           ? concat({"GET ", ready_path, " never answered"})
                                           : concat({"GET ", ready_path, " last answered ", last_answer});
        throw std::runtime_error(concat({"the server '", name_, "' was not ready after ", seconds_text(timeout), " s (",
                                         waited_for, "); it was killed", last_output_text()}));
    }

    // Adds a failure to `run` when the program has ended: "during <stage>" (a test's own
    // context when null), or, once that was reported, that it ended earlier. True if it
    // added one that carries the last output.
    bool check_alive(Context& run, const TestInfo* info, const char* stage) {
        if (child_->running()) return false;
        const std::string program = concat({"the server '", name_, "' (pid ", std::to_string(child_->pid()), ") "});
        const char* file = info != nullptr ? info->file : "";
        const int line = info != nullptr ? info->line : 0;
        if (!died_during_.empty()) {
            run.add_failure({file, line,
                             concat({program, child_->exit_description(), " earlier, during ", died_during_,
                                     "; this test ran without it"})});
            return false;
        }
        died_during_ = stage != nullptr                            ? std::string(stage)
                       : info != nullptr && *info->suite() != '\0' ? concat({info->suite(), ".", info->name()})
                       : info != nullptr                           ? std::string(info->name())
                                                                   : std::string("a test");
        child_->stop(std::chrono::milliseconds(0));  // reads its output to the end
        run.add_failure({file, line,
                         concat({program, child_->exit_description(), " during ",
                                 stage != nullptr ? stage : "this test", last_output_text()})});
        return true;
    }

    // "; its last output:\n<lines>", or "; it wrote nothing".
    std::string last_output_text() const {
        child_->collect_output();
        std::string output = child_->last_output();
        if (output.empty()) return "; it wrote nothing";
        output.pop_back();
        return "; its last output:\n" + output;
    }

    void append_output(Context& run) const {
        child_->collect_output();
        const std::string output = child_->last_output();
        std::size_t lines = 0;
        for (char c : output) lines += c == '\n';
        std::string block = concat({"--- output of '", name_, "' (pid ", std::to_string(child_->pid()), ")"});
        if (lines == 0) block += ": nothing ---\n";
        else block += concat({", last ", std::to_string(lines), lines == 1 ? " line" : " lines", " ---\n", output});
        run.append_output(block.data(), block.size());
    }

    unsigned short port_;
    std::chrono::milliseconds stop_grace_;
    std::string name_;  // the command line, as it ran
    std::unique_ptr<ChildProcess> child_;
    std::mutex mutex_;
    Context* run_ = nullptr;
    const TestInfo* info_ = nullptr;
    int contexts_ = 0;         // the first is set_up_class's
    std::string died_during_;  // where its end was seen; empty while it runs
};

}  // namespace ctp::detail

#endif  // CTP_DETAIL_PROCESS_LIVE_SERVER_SESSION_HPP
