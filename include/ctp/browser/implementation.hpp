// The browser's out-of-line half: compiled once, in the file that defines CTP_MAIN or
// CTP_IMPLEMENT and includes <ctp/browser.hpp>. Chromium is driven over the DevTools Protocol
// on two pipes: it reads NUL-terminated JSON commands on its descriptor 3 and writes answers
// and events on its descriptor 4. A reader thread takes the answers to the commands waiting
// for them and keeps each page's events.
#ifndef CTP_BROWSER_IMPLEMENTATION_HPP
#define CTP_BROWSER_IMPLEMENTATION_HPP

#include "../browser.hpp"
#include "../context.hpp"
#include "../front_end.hpp"
#include "../detail/browser_session.hpp"
#include "../detail/child_process.hpp"
#include "../detail/temp_directory.hpp"
#include "../live_server/net/base64.hpp"
#include "../run/test_context.hpp"
#include "json.hpp"
#include "session.hpp"

#include <fcntl.h>   // O_CLOEXEC
#include <poll.h>    // poll
#include <signal.h>  // sigset_t, pthread_sigmask, sigtimedwait
#include <stdlib.h>  // mkdtemp, getenv
#include <unistd.h>  // pipe2, read, write, close, access

#include <algorithm>  // sort, find
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>   // fopen, fwrite
#include <cstring>  // strerror
#include <filesystem>
#include <iterator>  // size
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>  // tie
#include <utility>
#include <vector>

namespace ctp::detail {

extern const bool browser_compiled_in_the_file_with_CTP_MAIN;
const bool browser_compiled_in_the_file_with_CTP_MAIN = true;

using BrowserClock = std::chrono::steady_clock;

inline std::string milliseconds_text(std::chrono::milliseconds duration) {
    return std::to_string(duration.count()) + " ms";
}

// "; its last output:\n<lines>", or "; it wrote nothing".
inline std::string last_output_text(const std::string& output) {
    if (output.empty()) return "; it wrote nothing";
    std::string text = "; its last output:\n" + output;
    while (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
}

// A wait that timed out or an element that is missing: inside a test, a fatal failure at the
// caller's line; outside one, a BrowserError.
[[noreturn]] inline void browser_failure(const SourceLocation& where, const std::string& message) {
    if (current_context() != nullptr) {
        report_failure(where.file, static_cast<int>(where.line), message.data(), message.size(), true);
        throw RequireFailed{};
    }
    throw BrowserError(message);
}

// What one page's session reported; guarded by its connection's mutex.
struct SessionEvents {
    std::string main_frame;           // the target's id, which is also its main frame's
    std::vector<std::string> loaded;  // navigations (loader ids) whose main frame fired load
    std::vector<ConsoleMessage> console;
    std::vector<std::string> errors;
    std::string gone;  // why the session ended (a crash, a close); empty while it lives
};

class BrowserConnection {
public:
    explicit BrowserConnection(BrowserOptions options) : options_(std::move(options)) {
        executable_ = options_.executable;
        if (executable_.empty()) {
            const char* chosen = std::getenv("CTP_BROWSER");
            executable_ = chosen != nullptr && *chosen != '\0' ? chosen : "/usr/bin/chromium";
        }
        if (::access(executable_.c_str(), F_OK) != 0)
            throw BrowserError("no browser at '" + executable_ +
                               "': install Debian's package chromium, or set CTP_BROWSER to a Chromium or Chrome "
                               "executable");
        make_profile_directory();
        int commands[2], answers[2];
        if (::pipe2(commands, O_CLOEXEC) != 0) fail_start_errno("pipe2");
        if (::pipe2(answers, O_CLOEXEC) != 0) {
            const int error = errno;
            ::close(commands[0]);
            ::close(commands[1]);
            errno = error;
            fail_start_errno("pipe2");
        }
        ChildOptions child;
        child.argv = {executable_,
                      "--headless=new",
                      "--no-sandbox",
                      "--disable-gpu",
                      "--disable-quic",
                      "--no-first-run",
                      "--no-default-browser-check",
                      "--disable-background-networking",
                      "--disable-component-update",
                      "--disable-sync",
                      "--disable-extensions",
                      "--remote-debugging-pipe",
                      "--user-data-dir=" + profile_};
        for (const std::string& argument : options_.arguments) child.argv.push_back(argument);
        child.argv.push_back("about:blank");
        child.descriptors = {{commands[0], 3}, {answers[1], 4}};
        child.kept_lines = 10;                       // Chromium logs much that says little
        child.environment = {"TMPDIR=" + profile_};  // its own temporary files go with the profile
        try {
            process_ = std::make_unique<ChildProcess>(std::move(child));
        } catch (const std::runtime_error& error) {
            for (int fd : {commands[0], commands[1], answers[0], answers[1]}) ::close(fd);
            remove_profile_directory();
            throw BrowserError(error.what());
        }
        ::close(commands[0]);
        ::close(answers[1]);
        to_browser_ = commands[1];
        from_browser_ = answers[0];
        reader_ = std::thread([this] { read_messages(); });
        try {
            const Json version = call("Browser.getVersion", "{}", {}, options_.start_timeout);
            version_ = version["product"].text();
        } catch (const BrowserError&) {
            std::string message = "the browser at '" + executable_ + "' (pid " + std::to_string(process_->pid()) + ")";
            if (process_->wait_for_exit(std::chrono::milliseconds(200)))
                message += " exited before answering: " + process_->exit_description();
            else message += " did not answer within " + milliseconds_text(options_.start_timeout);
            process_->collect_output();
            close();
            throw BrowserError(message + last_output_text(process_->last_output()));
        }
    }
    BrowserConnection(const BrowserConnection&) = delete;
    BrowserConnection& operator=(const BrowserConnection&) = delete;
    ~BrowserConnection() { close(); }

    const BrowserOptions& options() const noexcept { return options_; }
    const std::string& version() const noexcept { return version_; }
    int pid() const noexcept { return process_->pid(); }

    bool running() {
        {
            std::lock_guard lock(mutex_);
            if (ended_) return false;
        }
        return process_->running();
    }

    // Ends the browser and its processes (SIGTERM, SIGKILL after a grace) and removes its
    // profile. Later commands throw. Idempotent.
    void close() {
        {
            std::lock_guard lock(mutex_);
            if (closing_ && !reader_.joinable()) return;
            closing_ = true;
        }
        if (process_) process_->stop(std::chrono::milliseconds(0));
        stop_reading_.store(true);
        if (reader_.joinable()) reader_.join();
        for (int* fd : {&to_browser_, &from_browser_})
            if (*fd >= 0) ::close(std::exchange(*fd, -1));
        remove_profile_directory();
        std::lock_guard lock(mutex_);
        ended_ = true;
        cv_.notify_all();
    }

    // Sends a command; `session` empty for the browser itself. With `awaited`, its answer is
    // kept for wait(); returns its id.
    long send(std::string_view method, std::string_view params, const std::string& session, bool awaited = true) {
        long id;
        {
            std::lock_guard lock(mutex_);
            id = next_id_++;
            if (awaited) pending_[id];
        }
        std::string message = "{\"id\":" + std::to_string(id) + ",\"method\":\"" + std::string(method) +
                              "\",\"params\":" + std::string(params);
        if (!session.empty()) message += ",\"sessionId\":\"" + session + "\"";
        message += "}";
        message.push_back('\0');
        write_message(message);
        return id;
    }

    // The command's result; throws BrowserError when it failed, its page or the browser is
    // gone, or no answer came within `timeout`.
    Json wait(long id, std::string_view method, const std::string& session, std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        std::shared_ptr<SessionEvents> events;
        if (const auto found = sessions_.find(session); !session.empty() && found != sessions_.end())
            events = found->second;
        const auto answered = [&] {
            return pending_[id].done || ended_ || (events != nullptr && !events->gone.empty());
        };
        static_cast<void>(cv_.wait_for(lock, timeout, answered));
        const auto entry = pending_.find(id);
        Json reply = std::move(entry->second.reply);
        const bool done = entry->second.done;
        pending_.erase(entry);
        if (!done) {
            if (ended_) throw BrowserError(end_message_);
            if (events != nullptr && !events->gone.empty()) throw BrowserError(events->gone);
            throw BrowserError("the browser did not answer " + std::string(method) + " within " +
                               milliseconds_text(timeout));
        }
        const Json& error = reply["error"];
        if (!error.is_null()) throw BrowserError(std::string(method) + " failed: " + error["message"].text());
        return Json(reply["result"]);
    }

    // Waits for commands sent together; when one fails, the answers of the rest are not kept.
    void wait_all(const std::vector<std::pair<long, std::string_view>>& sent, const std::string& session,
                  std::chrono::milliseconds timeout) {
        std::size_t next = 0;
        try {
            for (; next < sent.size(); ++next) wait(sent[next].first, sent[next].second, session, timeout);
        } catch (...) {
            std::lock_guard lock(mutex_);
            for (++next; next < sent.size(); ++next) pending_.erase(sent[next].first);
            throw;
        }
    }

    Json call(std::string_view method, std::string_view params, const std::string& session,
              std::chrono::milliseconds timeout) {
        return wait(send(method, params, session), method, session, timeout);
    }
    Json call(std::string_view method, std::string_view params, const std::string& session = {}) {
        return call(method, params, session, options_.command_timeout);
    }

    std::shared_ptr<SessionEvents> add_session(const std::string& session, const std::string& target) {
        auto events = std::make_shared<SessionEvents>();
        events->main_frame = target;
        std::lock_guard lock(mutex_);
        sessions_[session] = events;
        return events;
    }

    void remove_session(const std::string& session) {
        std::lock_guard lock(mutex_);
        sessions_.erase(session);
    }

    // Waits until `done` (called with the lock held) holds; false at the deadline. Throws when
    // the browser or the session ends first.
    template <class Predicate>
    bool wait_for_event(const SessionEvents& events, BrowserClock::time_point deadline, Predicate done) {
        std::unique_lock lock(mutex_);
        static_cast<void>(cv_.wait_until(lock, deadline, [&] { return done() || ended_ || !events.gone.empty(); }));
        if (done()) return true;
        if (ended_) throw BrowserError(end_message_);
        if (!events.gone.empty()) throw BrowserError(events.gone);
        return false;
    }

    template <class Reader>
    auto read_events(const SessionEvents& events, Reader reader) {
        std::lock_guard lock(mutex_);
        return reader(events);
    }

    bool closed() {
        std::lock_guard lock(mutex_);
        return closing_ || ended_;
    }

    // Throws how the browser ended, once it has.
    void require_running() {
        std::lock_guard lock(mutex_);
        if (ended_) throw BrowserError(end_message_);
        if (closing_) throw BrowserError("the browser was closed");
    }

private:
    struct Pending {
        bool done = false;
        Json reply;
    };

    [[noreturn]] void fail_start_errno(const char* call) {
        const int error = errno;
        remove_profile_directory();
        throw BrowserError("cannot start the browser at '" + executable_ + "': " + call + ": " + std::strerror(error));
    }

    void make_profile_directory() {
        std::string pattern = temp_directory() + "/ctp-browser-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr) {
            const int error = errno;
            throw BrowserError("cannot make a profile directory for the browser (" + pattern +
                               "): " + std::strerror(error));
        }
        profile_ = pattern;
    }

    void remove_profile_directory() {
        if (profile_.empty()) return;
        std::error_code ignored;
        std::filesystem::remove_all(profile_, ignored);
        profile_.clear();
    }

    SessionEvents* find_session(const std::string& session) {
        const auto found = sessions_.find(session);
        return found == sessions_.end() ? nullptr : found->second.get();
    }

    // A write to a browser that has died must not kill ctp with SIGPIPE: the signal is blocked
    // on this thread for the write and a pending one is taken back. The reader then sees the
    // end of the pipe and says how the browser ended.
    void write_message(const std::string& message) {
        std::lock_guard lock(write_mutex_);
        if (to_browser_ < 0) return;
        sigset_t pipe_signal, previous;
        sigemptyset(&pipe_signal);
        sigaddset(&pipe_signal, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous);
        std::size_t written = 0;
        bool broken = false;
        while (written < message.size()) {
            const ssize_t count = ::write(to_browser_, message.data() + written, message.size() - written);
            if (count < 0 && errno == EINTR) continue;
            if (count <= 0) {
                broken = errno == EPIPE;
                break;
            }
            written += static_cast<std::size_t>(count);
        }
        if (broken && !sigismember(&previous, SIGPIPE)) {
            const timespec no_wait{0, 0};
            while (sigtimedwait(&pipe_signal, nullptr, &no_wait) == SIGPIPE) {}
        }
        pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    }

    void read_messages() {
        std::string buffer;
        std::size_t scanned = 0;
        char chunk[65536];
        for (;;) {
            pollfd entry{from_browser_, POLLIN, 0};
            const int ready = ::poll(&entry, 1, 50);
            if (ready == 0) {
                if (stop_reading_.load()) break;
                continue;
            }
            if (ready < 0 && errno == EINTR) continue;
            const ssize_t got = ::read(from_browser_, chunk, sizeof chunk);
            if (got < 0 && errno == EINTR) continue;
            if (got <= 0) break;
            buffer.append(chunk, static_cast<std::size_t>(got));
            std::size_t start = 0;
            for (std::size_t end; (end = buffer.find('\0', scanned)) != std::string::npos; scanned = start) {
                dispatch(std::string_view(buffer).substr(start, end - start));
                start = end + 1;
            }
            buffer.erase(0, start);
            scanned = buffer.size();
        }
        std::string message;
        bool closing;
        {
            std::lock_guard lock(mutex_);
            closing = closing_;
        }
        if (closing) {
            message = "the browser was closed";
        } else {
            process_->wait_for_exit(std::chrono::milliseconds(1000));
            process_->collect_output();
            message = "the browser (pid " + std::to_string(process_->pid()) +
                      ") died: " + process_->exit_description() + last_output_text(process_->last_output());
        }
        std::lock_guard lock(mutex_);
        end_message_ = std::move(message);
        ended_ = true;
        cv_.notify_all();
    }

    void dispatch(std::string_view text) {
        Json message;
        try {
            message = Json::parse(text);
        } catch (const std::runtime_error&) {
            return;  // not the protocol's: nothing waits for it
        }
        if (message.has("id")) {
            const long id = static_cast<long>(message["id"].number());
            std::lock_guard lock(mutex_);
            const auto waiting = pending_.find(id);
            if (waiting == pending_.end()) return;
            waiting->second.reply = std::move(message);
            waiting->second.done = true;
            cv_.notify_all();
            return;
        }
        const std::string& method = message["method"].text();
        const Json& params = message["params"];
        std::lock_guard lock(mutex_);
        if (method == "Target.detachedFromTarget") {
            if (SessionEvents* events = find_session(params["sessionId"].text()); events && events->gone.empty())
                events->gone = "the page was closed";
            cv_.notify_all();
            return;
        }
        SessionEvents* events = find_session(message["sessionId"].text());
        if (events == nullptr) return;
        if (method == "Page.lifecycleEvent") {
            if (params["name"].text() == "load" && params["frameId"].text() == events->main_frame)
                events->loaded.push_back(params["loaderId"].text());
        } else if (method == "Runtime.consoleAPICalled") {
            events->console.push_back({params["type"].text(), console_text(params["args"])});
        } else if (method == "Runtime.exceptionThrown") {
            events->errors.push_back(exception_text(params["exceptionDetails"]));
        } else if (method == "Inspector.targetCrashed") {
            events->gone = "the page crashed (its renderer process ended)";
        } else {
            return;
        }
        cv_.notify_all();
    }

    // As the console shows a call's arguments: strings as they are, the rest as values.
    static std::string console_text(const Json& arguments) {
        std::string text;
        for (const Json& argument : arguments.items()) {
            if (!text.empty()) text += ' ';
            text += remote_object_text(argument);
        }
        return text;
    }

public:
    // A protocol RemoteObject as text: a string itself, a value as JSON, else its description.
    static std::string remote_object_text(const Json& object) {
        const Json& value = object["value"];
        if (object["type"].text() == "undefined") return "undefined";
        if (object.has("unserializableValue")) return object["unserializableValue"].text();
        if (value.kind() == Json::Kind::string) return value.text();
        if (object.has("value") &&
            (object["type"].text() != "object" || object["subtype"].text() == "null" || !object.has("description")))
            return value.dump();
        if (object.has("description")) return object["description"].text();
        return value.dump();
    }

    // "Error: boom\n    at f (http://...)": the exception's description holds its stack.
    static std::string exception_text(const Json& details) {
        const Json& exception = details["exception"];
        if (exception.has("description")) return exception["description"].text();
        if (exception.has("value")) return details["text"].text() + " " + remote_object_text(exception);
        return details["text"].text();
    }

private:
    BrowserOptions options_;
    std::string executable_;
    std::string profile_;
    std::string version_;
    std::unique_ptr<ChildProcess> process_;
    int to_browser_ = -1;
    int from_browser_ = -1;
    std::thread reader_;
    std::atomic<bool> stop_reading_{false};
    std::mutex write_mutex_;
    std::mutex mutex_;  // what follows
    std::condition_variable cv_;
    long next_id_ = 1;
    std::map<long, Pending> pending_;
    std::map<std::string, std::shared_ptr<SessionEvents>> sessions_;
    bool closing_ = false;
    bool ended_ = false;
    std::string end_message_;
};

// One page: its target, its browser context and its session. Closed with its context when
// the last Page or Element handle goes.
class PageState {
public:
    PageState(std::shared_ptr<BrowserConnection> browser, int width, int height) : browser_(std::move(browser)) {
        context_ =
            browser_->call("Target.createBrowserContext", "{\"disposeOnDetach\":true}")["browserContextId"].text();
        try {
            target_ =
                browser_
                    ->call("Target.createTarget",
                           "{\"url\":\"about:blank\",\"browserContextId\":" + json_quoted(context_) + "}")["targetId"]
                    .text();
            session_ = browser_
                           ->call("Target.attachToTarget",
                                  "{\"targetId\":" + json_quoted(target_) + ",\"flatten\":true}")["sessionId"]
                           .text();
            events_ = browser_->add_session(session_, target_);
            // Sent together, answered in order.
            const std::pair<const char*, std::string> commands[] = {
                {"Page.enable", "{}"},
                {"Page.setLifecycleEventsEnabled", "{\"enabled\":true}"},
                {"Runtime.enable", "{}"},
                {"Inspector.enable", "{}"},
                {"Emulation.setFocusEmulationEnabled", "{\"enabled\":true}"},
                {"Emulation.setDeviceMetricsOverride", metrics(width, height)},
            };
            std::vector<std::pair<long, std::string_view>> sent;
            for (const auto& [method, params] : commands)
                sent.emplace_back(browser_->send(method, params, session_), method);
            browser_->wait_all(sent, session_, command_timeout());
        } catch (...) {
            dispose();
            throw;
        }
    }
    PageState(const PageState&) = delete;
    PageState& operator=(const PageState&) = delete;
    ~PageState() { dispose(); }

    std::chrono::milliseconds command_timeout() const { return browser_->options().command_timeout; }

    Json call(std::string_view method, std::string_view params) { return browser_->call(method, params, session_); }
    long send(std::string_view method, std::string_view params) { return browser_->send(method, params, session_); }
    void wait_all(const std::vector<std::pair<long, std::string_view>>& sent) {
        browser_->wait_all(sent, session_, command_timeout());
    }

    static std::string metrics(int width, int height) {
        return "{\"width\":" + std::to_string(width) + ",\"height\":" + std::to_string(height) +
               ",\"deviceScaleFactor\":1,\"mobile\":false}";
    }

    // Runtime.evaluate's answer; a thrown exception is a BrowserError naming `what`.
    Json evaluate(const std::string& expression, bool by_value, std::string_view what) {
        const Json answer = call("Runtime.evaluate", "{\"expression\":" + json_quoted(expression) +
                                                         ",\"returnByValue\":" + (by_value ? "true" : "false") +
                                                         ",\"awaitPromise\":true,\"userGesture\":true}");
        if (answer.has("exceptionDetails"))
            throw BrowserError(std::string(what) + " threw " + first_line(exception_of(answer)));
        return Json(answer["result"]);
    }

    // The value of `function` called on an element, with JSON `arguments`.
    Json call_on(const Element& element, std::string_view function, const std::string& arguments = "[]") {
        Json answer;
        try {
            answer = call("Runtime.callFunctionOn",
                          "{\"objectId\":" + json_quoted(element.object_id_) + ",\"functionDeclaration\":" +
                              json_quoted("function(...a){if(!this.isConnected)throw new Error('ctp:gone');return(" +
                                          std::string(function) + ").apply(this,a)}") +
                              ",\"arguments\":" + arguments + ",\"returnByValue\":true,\"awaitPromise\":true}");
        } catch (const BrowserError& error) {
            // Its page navigated: the node's world is gone.
            const std::string_view text = error.what();
            if (text.find("Could not find object") != std::string_view::npos ||
                text.find("Cannot find context") != std::string_view::npos)
                throw BrowserError(gone_message(element));
            throw;
        }
        if (answer.has("exceptionDetails")) {
            const std::string text = exception_of(answer);
            if (text.starts_with("Error: ctp:gone")) throw BrowserError(gone_message(element));
            throw BrowserError("the element '" + element.selector_ + "' threw " + first_line(text));
        }
        return Json(answer["result"]["value"]);
    }

    static std::string gone_message(const Element& element) {
        return "the element '" + element.selector_ + "' is no longer in the page";
    }

    static std::string exception_of(const Json& answer) {
        return BrowserConnection::exception_text(answer["exceptionDetails"]);
    }

    static std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

    // "http://127.0.0.1:PORT/ "Todo" body text: "..."": what a failure shows of the page.
    std::string description() {
        try {
            const Json shown = evaluate("[location.href, document.title, document.body ? document.body.innerText : '']",
                                        true, "reading the page")["value"];
            return shown.items().at(0).text() + " " + json_quoted(shown.items().at(1).text()) +
                   " body text: " + json_quoted(shortened(shown.items().at(2).text(), 500));
        } catch (const std::exception& error) {
            return std::string("(unreadable: ") + error.what() + ")";
        }
    }

    // At most `limit` bytes, cut at a character's start, "..." marking the cut.
    static std::string shortened(const std::string& text, std::size_t limit) {
        if (text.size() <= limit) return text;
        std::size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        return text.substr(0, cut) + "...";
    }

    // Waits for a load of the main frame by a navigation not in `before`.
    bool wait_for_load(const std::vector<std::string>& before, const std::string& loader,
                       BrowserClock::time_point deadline) {
        return browser_->wait_for_event(*events_, deadline, [&] {
            for (const std::string& loaded : events_->loaded) {
                if (!loader.empty() ? loaded == loader
                                    : std::find(before.begin(), before.end(), loaded) == before.end())
                    return true;
            }
            return false;
        });
    }

    std::vector<std::string> loaded() {
        return browser_->read_events(*events_, [](const SessionEvents& events) { return events.loaded; });
    }

    std::vector<ConsoleMessage> console() const {
        return browser_->read_events(*events_, [](const SessionEvents& events) { return events.console; });
    }
    std::vector<std::string> errors() const {
        return browser_->read_events(*events_, [](const SessionEvents& events) { return events.errors; });
    }

    const std::string& context() const noexcept { return context_; }
    std::shared_ptr<BrowserConnection>& browser() noexcept { return browser_; }

    std::atomic<bool> allow_errors{false};

private:
    // Its context goes with its pages; nothing waits for the answer.
    void dispose() {
        if (!session_.empty()) browser_->remove_session(session_);
        if (!context_.empty() && !browser_->closed())
            browser_->send("Target.disposeBrowserContext", "{\"browserContextId\":" + json_quoted(context_) + "}", {},
                           false);
    }

    std::shared_ptr<BrowserConnection> browser_;
    std::string context_;
    std::string target_;
    std::string session_;
    std::shared_ptr<SessionEvents> events_;
};

}  // namespace ctp::detail

namespace ctp {

// ---- Browser ----

Browser::Browser(BrowserOptions options)
    : connection_(std::make_shared<detail::BrowserConnection>(std::move(options))) {}

Browser::~Browser() { connection_->close(); }

Page Browser::new_page() {
    connection_->require_running();
    return Page(
        std::make_shared<detail::PageState>(connection_, connection_->options().width, connection_->options().height));
}

bool Browser::running() const { return connection_->running(); }
int Browser::pid() const { return connection_->pid(); }
std::string Browser::version() { return connection_->version(); }
const BrowserOptions& Browser::options() const { return connection_->options(); }

// ---- Page ----

void Page::go(const std::string& url, SourceLocation where) {
    const auto deadline = detail::BrowserClock::now() + state_->command_timeout();
    const detail::Json answer = state_->call("Page.navigate", "{\"url\":" + detail::json_quoted(url) + "}");
    if (answer.has("errorText"))
        detail::browser_failure(where, "cannot load " + url + ": " + answer["errorText"].text());
    const std::string& loader = answer["loaderId"].text();
    if (loader.empty()) return;  // within the document (a fragment): no load follows
    if (!state_->wait_for_load({}, loader, deadline))
        detail::browser_failure(where, "timed out after " + detail::milliseconds_text(state_->command_timeout()) +
                                           " waiting for " + url + " to load; the page: " + state_->description());
}

void Page::reload(SourceLocation where) {
    const auto deadline = detail::BrowserClock::now() + state_->command_timeout();
    const std::vector<std::string> before = state_->loaded();
    state_->call("Page.reload", "{}");
    if (!state_->wait_for_load(before, {}, deadline))
        detail::browser_failure(where, "timed out after " + detail::milliseconds_text(state_->command_timeout()) +
                                           " waiting for the page to reload; the page: " + state_->description());
}

namespace {

std::string query_expression(const std::string& css) {
    return "document.querySelector(" + detail::json_quoted(css) + ")";
}

}  // namespace

Element Page::find(const std::string& css, SourceLocation where) {
    const detail::Json found = state_->evaluate(query_expression(css), false, "finding '" + css + "'");
    if (!found.has("objectId"))
        detail::browser_failure(where, "no element matches '" + css + "'; the page: " + state_->description());
    return Element(state_, found["objectId"].text(), css);
}

std::vector<Element> Page::find_all(const std::string& css) {
    const detail::Json list = state_->evaluate(
        "Array.from(document.querySelectorAll(" + detail::json_quoted(css) + "))", false, "finding '" + css + "'");
    const detail::Json properties =
        state_->call("Runtime.getProperties",
                     "{\"objectId\":" + detail::json_quoted(list["objectId"].text()) + ",\"ownProperties\":true}");
    std::vector<std::pair<long, std::string>> indexed;
    for (const detail::Json& property : properties["result"].items()) {
        const std::string& name = property["name"].text();
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
        indexed.emplace_back(std::stol(name), property["value"]["objectId"].text());
    }
    std::sort(indexed.begin(), indexed.end());
    std::vector<Element> elements;
    for (auto& [index, object_id] : indexed) elements.push_back(Element(state_, std::move(object_id), css));
    return elements;
}

Element Page::wait_for(const std::string& css, std::chrono::milliseconds timeout, SourceLocation where) {
    const auto deadline = detail::BrowserClock::now() + timeout;
    for (;;) {
        const detail::Json found = state_->evaluate(query_expression(css), false, "finding '" + css + "'");
        if (found.has("objectId")) return Element(state_, found["objectId"].text(), css);
        if (detail::BrowserClock::now() >= deadline) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    detail::browser_failure(where, "timed out after " + detail::milliseconds_text(timeout) + " waiting for '" + css +
                                       "' to appear; the page: " + state_->description());
}

Element Page::wait_for_text(const std::string& css, std::string_view text, std::chrono::milliseconds timeout,
                            SourceLocation where) {
    const auto deadline = detail::BrowserClock::now() + timeout;
    const std::string probe = "(() => { const e = " + query_expression(css) + "; return e && [e, e.innerText]; })()";
    std::string last;
    bool present = false;
    for (;;) {
        const detail::Json found = state_->evaluate(probe, false, "finding '" + css + "'");
        if (found.has("objectId")) {
            const detail::Json properties =
                state_->call("Runtime.getProperties", "{\"objectId\":" + detail::json_quoted(found["objectId"].text()) +
                                                          ",\"ownProperties\":true}");
            std::string element_id;
            for (const detail::Json& property : properties["result"].items()) {
                if (property["name"].text() == "0") element_id = property["value"]["objectId"].text();
                if (property["name"].text() == "1") last = property["value"]["value"].text();
            }
            present = true;
            if (last.find(text) != std::string::npos) return Element(state_, element_id, css);
        } else {
            present = false;
        }
        if (detail::BrowserClock::now() >= deadline) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    detail::browser_failure(
        where, "timed out after " + detail::milliseconds_text(timeout) + " waiting for '" + css + "' to contain " +
                   detail::json_quoted(text) + "; " +
                   (present ? "it contains " + detail::json_quoted(last) : "no element matches it") +
                   "; the page: " + state_->description());
}

void Page::wait_until(const std::string& js_predicate, std::chrono::milliseconds timeout, SourceLocation where) {
    const auto deadline = detail::BrowserClock::now() + timeout;
    // [holds, what it gave]: an exception counts as not yet, and is shown if it lasts.
    const std::string probe = "(async () => { try { const v = await (" + js_predicate +
                              "\n); let t; try { t = JSON.stringify(v); } catch (e) {} "
                              "return [!!v, 'is ' + (t === undefined ? String(v) : t)]; } "
                              "catch (e) { return [false, 'throws ' + String(e)]; } })()";
    std::string last;
    for (;;) {
        const detail::Json answer = state_->evaluate(probe, true, "the predicate");
        const detail::Json& value = answer["value"];
        if (value.items().size() == 2 && value.items()[0].boolean()) return;
        if (value.items().size() == 2) last = value.items()[1].text();
        if (detail::BrowserClock::now() >= deadline) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    detail::browser_failure(where, "timed out after " + detail::milliseconds_text(timeout) + " waiting until " +
                                       js_predicate + "; it " + last + "; the page: " + state_->description());
}

std::string Page::evaluate(const std::string& js) {
    return detail::BrowserConnection::remote_object_text(state_->evaluate(js, true, "`" + js + "`"));
}

void Page::screenshot(const std::string& png_path) {
    const detail::Json shot = state_->call("Page.captureScreenshot", "{\"format\":\"png\"}");
    const std::optional<std::string> png = net::base64_decode(shot["data"].text());
    if (!png) throw BrowserError("the browser's screenshot is not base64");
    std::FILE* file = std::fopen(png_path.c_str(), "wb");
    if (file == nullptr) {
        const int error = errno;
        throw BrowserError("cannot write the screenshot to '" + png_path + "': " + std::strerror(error));
    }
    const bool written = std::fwrite(png->data(), 1, png->size(), file) == png->size();
    const int error = errno;
    if (std::fclose(file) != 0 || !written)
        throw BrowserError("cannot write the screenshot to '" + png_path + "': " + std::strerror(error));
}

std::string Page::content() { return evaluate("document.documentElement.outerHTML"); }
std::string Page::url() { return evaluate("location.href"); }
std::string Page::title() { return evaluate("document.title"); }

void Page::set_viewport(int width, int height) {
    state_->call("Emulation.setDeviceMetricsOverride", detail::PageState::metrics(width, height));
}

std::vector<Cookie> Page::cookies() {
    const detail::Json answer = state_->browser()->call(
        "Storage.getCookies", "{\"browserContextId\":" + detail::json_quoted(state_->context()) + "}");
    std::vector<Cookie> cookies;
    for (const detail::Json& item : answer["cookies"].items()) {
        Cookie cookie;
        cookie.name = item["name"].text();
        cookie.value = item["value"].text();
        cookie.domain = item["domain"].text();
        cookie.path = item["path"].text();
        cookie.secure = item["secure"].boolean();
        cookie.http_only = item["httpOnly"].boolean();
        cookie.expires = item["session"].boolean() ? -1 : item["expires"].number();
        cookies.push_back(std::move(cookie));
    }
    std::sort(cookies.begin(), cookies.end(), [](const Cookie& a, const Cookie& b) {
        return std::tie(a.name, a.domain, a.path) < std::tie(b.name, b.domain, b.path);
    });
    return cookies;
}

void Page::set_cookie(const Cookie& cookie) {
    std::string item =
        "{\"name\":" + detail::json_quoted(cookie.name) + ",\"value\":" + detail::json_quoted(cookie.value) +
        ",\"path\":" + detail::json_quoted(cookie.path) + ",\"secure\":" + (cookie.secure ? "true" : "false") +
        ",\"httpOnly\":" + (cookie.http_only ? "true" : "false");
    // Without a domain it is the page's own host's.
    if (cookie.domain.empty()) item += ",\"url\":" + detail::json_quoted(url());
    else item += ",\"domain\":" + detail::json_quoted(cookie.domain);
    if (cookie.expires >= 0) item += ",\"expires\":" + std::to_string(cookie.expires);
    item += "}";
    state_->browser()->call("Storage.setCookies", "{\"cookies\":[" + item + "],\"browserContextId\":" +
                                                      detail::json_quoted(state_->context()) + "}");
}

void Page::clear_cookies() {
    state_->browser()->call("Storage.clearCookies",
                            "{\"browserContextId\":" + detail::json_quoted(state_->context()) + "}");
}

std::vector<ConsoleMessage> Page::console() const { return state_->console(); }
std::vector<std::string> Page::javascript_errors() const { return state_->errors(); }
void Page::allow_javascript_errors(bool allow) { state_->allow_errors.store(allow); }
bool Page::javascript_errors_allowed() const { return state_->allow_errors.load(); }

// ---- Element ----

void Element::click(SourceLocation where) {
    const detail::Json centre = page_->call_on(*this,
                                               "function() { this.scrollIntoView({block: 'center', inline: 'center'}); "
                                               "const r = this.getBoundingClientRect(); "
                                               "if (r.width === 0 && r.height === 0) { this.click(); return null; } "
                                               "return [r.left + r.width / 2, r.top + r.height / 2]; }");
    static_cast<void>(where);
    if (centre.items().size() != 2) return;  // no box: clicked through the DOM
    const std::string at = ",\"x\":" + centre.items()[0].dump() + ",\"y\":" + centre.items()[1].dump();
    const std::string press = ",\"button\":\"left\",\"buttons\":1,\"clickCount\":1";
    const std::string_view method = "Input.dispatchMouseEvent";
    page_->wait_all({
        {page_->send(method, "{\"type\":\"mouseMoved\"" + at + "}"), method},
        {page_->send(method, "{\"type\":\"mousePressed\"" + at + press + "}"), method},
        {page_->send(method,
                     "{\"type\":\"mouseReleased\"" + at + ",\"button\":\"left\",\"buttons\":0,\"clickCount\":1}"),
         method},
    });
}

void Element::type(std::string_view text, SourceLocation where) {
    const detail::Json focused =
        page_->call_on(*this,
                       "function() { this.focus(); "
                       "if (typeof this.value === 'string') { const n = this.value.length; "
                       "try { this.setSelectionRange(n, n); } catch (e) {} } "
                       "return document.activeElement === this || this.contains(document.activeElement); }");
    if (!focused.boolean())
        detail::browser_failure(where, "cannot type into '" + selector_ + "': it does not take the keyboard focus");
    // Printable ASCII and Enter as key presses (so keydown and keypress handlers see them),
    // anything else inserted as text.
    std::vector<std::pair<long, std::string_view>> sent;
    const auto send = [&](std::string_view method, const std::string& params) {
        sent.emplace_back(page_->send(method, params), method);
    };
    std::string other;
    const auto flush_other = [&] {
        if (other.empty()) return;
        send("Input.insertText", "{\"text\":" + detail::json_quoted(other) + "}");
        other.clear();
    };
    for (char c : text) {
        if (c == '\n') {
            flush_other();
            const std::string key = ",\"key\":\"Enter\",\"code\":\"Enter\",\"windowsVirtualKeyCode\":13";
            send("Input.dispatchKeyEvent", "{\"type\":\"keyDown\"" + key + ",\"text\":\"\\r\"}");
            send("Input.dispatchKeyEvent", "{\"type\":\"keyUp\"" + key + "}");
        } else if (c >= 0x20 && c < 0x7F) {
            flush_other();
            const std::string character = detail::json_quoted(std::string(1, c));
            send("Input.dispatchKeyEvent",
                 "{\"type\":\"keyDown\",\"key\":" + character + ",\"text\":" + character + "}");
            send("Input.dispatchKeyEvent", "{\"type\":\"keyUp\",\"key\":" + character + "}");
        } else {
            other += c;
        }
    }
    flush_other();
    page_->wait_all(sent);
}

void Element::clear(SourceLocation where) {
    static_cast<void>(where);
    page_->call_on(*this,
                   "function() { this.focus(); "
                   "if (this.isContentEditable) this.textContent = ''; "
                   "else { const d = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(this), 'value'); "
                   "if (d && d.set) d.set.call(this, ''); else this.value = ''; } "
                   "this.dispatchEvent(new Event('input', {bubbles: true})); "
                   "this.dispatchEvent(new Event('change', {bubbles: true})); }");
}

std::string Element::text() const { return page_->call_on(*this, "function() { return this.innerText; }").text(); }

std::string Element::value() const {
    return page_->call_on(*this, "function() { return typeof this.value === 'string' ? this.value : ''; }").text();
}

std::optional<std::string> Element::attribute(std::string_view name) const {
    const detail::Json value = page_->call_on(*this, "function(name) { return this.getAttribute(name); }",
                                              "[{\"value\":" + detail::json_quoted(name) + "}]");
    if (value.is_null()) return std::nullopt;
    return value.text();
}

bool Element::visible() const {
    return page_
        ->call_on(*this,
                  "function() { const s = getComputedStyle(this); "
                  "if (s.visibility === 'hidden' || s.display === 'none') return false; "
                  "const r = this.getBoundingClientRect(); return r.width > 0 && r.height > 0; }")
        .boolean();
}

}  // namespace ctp

#endif  // CTP_BROWSER_IMPLEMENTATION_HPP
