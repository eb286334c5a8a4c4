// A small server program, the kind a team tests with ctp::ProcessLiveServerTestCase
// (examples/14_process_server.cpp): a todo list over HTTP, and a WebSocket that announces
// each new todo to everyone connected. It uses ctp::LiveServer only as its HTTP library.
//   todo_server --port 8080     (or PORT=8080 todo_server)
#define CTP_LIVE_SERVER_IMPLEMENT
#include <ctp/live_server.hpp>

#include <signal.h>  // sigwait, pthread_sigmask

#include <cstdio>   // printf, fprintf
#include <cstdlib>  // getenv, strtoul
#include <cstring>  // strcmp
#include <mutex>
#include <string>
#include <vector>

namespace {

class Todos {
public:
    void add(const std::string& text) {
        std::lock_guard lock(mutex_);
        todos_.push_back(text);
        for (ctp::WebSocket* listener : listeners_) listener->send("added: " + text);
    }
    std::string json() {
        std::lock_guard lock(mutex_);
        std::string list = "[";
        for (const std::string& todo : todos_) {
            if (list.size() > 1) list += ", ";
            list += '"';
            for (char c : todo) {
                if (c == '"' || c == '\\') list += '\\';
                list += c;
            }
            list += '"';
        }
        return list + "]";
    }
    void listen(ctp::WebSocket& listener) {
        std::lock_guard lock(mutex_);
        listeners_.push_back(&listener);
    }
    void forget(ctp::WebSocket& listener) {
        std::lock_guard lock(mutex_);
        std::erase(listeners_, &listener);
    }

private:
    std::mutex mutex_;
    std::vector<std::string> todos_;
    std::vector<ctp::WebSocket*> listeners_;
};

unsigned long port_from(int argc, char** argv) {
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--port") == 0) return std::strtoul(argv[i + 1], nullptr, 10);
    const char* port = std::getenv("PORT");
    return port != nullptr ? std::strtoul(port, nullptr, 10) : 0;
}

}  // namespace

int main(int argc, char** argv) {
    const unsigned long port = port_from(argc, argv);
    if (port == 0 || port > 65535) {
        std::fprintf(stderr, "usage: todo_server --port N (or PORT=N in the environment)\n");
        return 2;
    }
    // SIGTERM and SIGINT are awaited below; blocked first, so the server's threads inherit that.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    Todos todos;
    ctp::LiveServerOptions options;
    options.port = static_cast<std::uint16_t>(port);
    ctp::LiveServer server(std::move(options));
    server.router().get("/health", [](const ctp::Request&) { return ctp::Response::text("ok"); });
    server.router().get("/todos", [&](const ctp::Request&) { return ctp::Response::json(todos.json()); });
    server.router().post("/todos", [&](const ctp::Request& request) {
        if (request.body.empty()) return ctp::Response::text("a todo needs a text", 400);
        todos.add(request.body);
        return ctp::Response::text("added", 201);
    });
    server.router().websocket("/ws/todos", [&](ctp::WebSocket& ws) {
        todos.listen(ws);
        ws.send("listening");
        while (auto message = ws.receive()) ws.send("echo: " + message->data);
        todos.forget(ws);
    });
    server.start();
    std::printf("todo_server listening on %s\n", server.url().c_str());
    std::fflush(stdout);

    int signal = 0;
    sigwait(&stop_signals, &signal);
    std::printf("todo_server stopping\n");
    server.stop();
    return 0;
}
