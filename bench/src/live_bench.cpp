// Live-server throughput on loopback, run by bench/run.py (section 6).
// Prints one JSON object: start+stop times of ctp::LiveServer, HTTP requests/s (keep-alive on
// one connection with a minimal client, and one connection per request with ctp::http) and
// WebSocket echo round-trips/s with ctp::WebSocketClient. Every loop is bounded by a count and
// a deadline; every socket wait by a timeout.
//   g++ -std=c++20 -O2 -I include bench/src/live_bench.cpp -pthread && ./a.out [seconds]
#define CTP_LIVE_SERVER_IMPLEMENT  // no ctp runner here: the server compiles in this file
#include <ctp/live_server.hpp>

#include <netinet/in.h>   // sockaddr_in
#include <netinet/tcp.h>  // TCP_NODELAY
#include <arpa/inet.h>    // htons, inet_pton
#include <poll.h>         // poll
#include <sys/socket.h>   // socket, connect, send, recv
#include <unistd.h>       // close

#include <algorithm>  // sort
#include <chrono>     // steady_clock
#include <cstdio>     // printf
#include <cstdlib>    // atof
#include <cstring>    // strstr
#include <stdexcept>  // runtime_error
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

void routes(ctp::Router& router) {
    router.get("/ping", [](const ctp::Request&) { return ctp::Response::text("pong"); });
    router.websocket("/echo", [](ctp::WebSocket& ws) {
        while (auto message = ws.receive()) ws.send(*message);
    });
}

// A keep-alive HTTP/1.1 client that knows just enough to read Content-Length responses.
class KeepAliveClient {
public:
    explicit KeepAliveClient(std::uint16_t port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd_ < 0) throw std::runtime_error("socket");
        int one = 1;
        ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
            throw std::runtime_error("connect");
    }
    KeepAliveClient(const KeepAliveClient&) = delete;
    KeepAliveClient& operator=(const KeepAliveClient&) = delete;
    ~KeepAliveClient() { ::close(fd_); }

    // Sends one GET and reads its whole response; throws on a timeout (2 s) or a closed socket.
    void get(const std::string& wire) {
        if (::send(fd_, wire.data(), wire.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(wire.size()))
            throw std::runtime_error("send");
        buffer_.clear();
        std::size_t need = std::string::npos;
        while (buffer_.size() < need) {
            pollfd ready{fd_, POLLIN, 0};
            if (::poll(&ready, 1, 2000) != 1) throw std::runtime_error("response timed out");
            char chunk[4096];
            const ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
            if (got <= 0) throw std::runtime_error("connection closed");
            buffer_.append(chunk, static_cast<std::size_t>(got));
            if (need == std::string::npos) {
                const std::size_t end = buffer_.find("\r\n\r\n");
                if (end == std::string::npos) continue;
                const char* length = strcasestr(buffer_.c_str(), "content-length:");
                if (length == nullptr) throw std::runtime_error("no content-length");
                need = end + 4 + static_cast<std::size_t>(std::atol(length + 15));
            }
        }
    }

private:
    int fd_ = -1;
    std::string buffer_;
};

template <class Step>
double rate(double budget, long max_count, Step&& step) {
    const Clock::time_point start = Clock::now();
    long count = 0;
    while (count < max_count && (count % 64 != 0 || seconds_since(start) < budget)) {
        step();
        ++count;
    }
    return static_cast<double>(count) / seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
    const double budget = argc > 1 ? std::atof(argv[1]) : 1.0;  // seconds per throughput loop
    std::vector<double> start_stop_us;
    for (int i = 0; i < 100; ++i) {
        const Clock::time_point start = Clock::now();
        ctp::LiveServer server(routes);
        server.start();
        server.stop();
        start_stop_us.push_back(seconds_since(start) * 1e6);
    }
    std::sort(start_stop_us.begin(), start_stop_us.end());

    ctp::LiveServer server(routes);
    server.start();
    // First request after start: what a test's first call waits for.
    const Clock::time_point first = Clock::now();
    ctp::http::get(server.url() + "/ping");
    const double first_request_us = seconds_since(first) * 1e6;

    const std::string wire = "GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    double keep_alive = 0;
    {
        KeepAliveClient client(server.port());
        keep_alive = rate(budget, 200000, [&] { client.get(wire); });
    }
    const std::string url = server.url() + "/ping";
    const double per_connection = rate(budget, 50000, [&] {
        if (ctp::http::get(url).status != 200) throw std::runtime_error("bad status");
    });
    double echo = 0;
    {
        ctp::WebSocketClient client(server.ws_url() + "/echo");
        echo = rate(budget, 200000, [&] {
            client.send("x");
            if (!client.receive()) throw std::runtime_error("closed");
        });
    }
    server.stop();
    std::printf(
        "{\"start_stop_us_median\": %.1f, \"start_stop_us_p90\": %.1f, "
        "\"first_request_us\": %.1f, \"http_keepalive_rps\": %.0f, "
        "\"http_new_connection_rps\": %.0f, \"ws_echo_rps\": %.0f}\n",
        start_stop_us[start_stop_us.size() / 2], start_stop_us[start_stop_us.size() * 9 / 10], first_request_us,
        keep_alive, per_connection, echo);
}
