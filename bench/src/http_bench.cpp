// HTTP client and server rates on loopback, run by bench/run.py (section http).
//   http_bench serve             start a ctp::LiveServer with GET /ping, print its port, serve until stdin closes
//   http_bench get URL SECONDS   ctp::http::get in a loop, a new connection per request
//   http_bench session URL SECONDS   the same through one ctp::http::Session
// The client modes print one JSON object: {"requests": N, "seconds": S}. Every loop is bounded
// by its deadline; every request by ctp::http's timeouts.
//   g++ -std=c++20 -O2 -I include bench/src/http_bench.cpp -pthread
#define CTP_LIVE_SERVER_IMPLEMENT  // no ctp runner here: the server compiles in this file
#include <ctp/live_server.hpp>

#include <unistd.h>  // read

#include <chrono>   // steady_clock
#include <cstdio>   // printf
#include <cstdlib>  // atof
#include <cstring>  // strcmp
#include <string>

namespace {

using Clock = std::chrono::steady_clock;

template <typename Get>
int client_loop(double seconds, Get&& get) {
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::duration<double>(seconds);
    long requests = 0;
    while (Clock::now() < deadline) {
        if (get().body != "pong") return 1;
        ++requests;
    }
    const double took = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("{\"requests\": %ld, \"seconds\": %.6f}\n", requests, took);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        if (argc == 2 && std::strcmp(argv[1], "serve") == 0) {
            ctp::LiveServerOptions options;
            options.max_connections = 256;
            ctp::LiveServer server(
                [](ctp::Router& router) {
                    router.get("/ping", [](const ctp::Request&) { return ctp::Response::text("pong"); });
                },
                options);
            server.start();
            std::printf("%s\n", server.url().c_str());
            std::fflush(stdout);
            char byte;
            while (::read(0, &byte, 1) > 0) {}
            return 0;
        }
        if (argc == 4 && std::strcmp(argv[1], "get") == 0) {
            const std::string url = argv[2];
            return client_loop(std::atof(argv[3]), [&] { return ctp::http::get(url); });
        }
        if (argc == 4 && std::strcmp(argv[1], "session") == 0) {
            ctp::http::Session session;
            const std::string url = argv[2];
            return client_loop(std::atof(argv[3]), [&] { return session.get(url); });
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "http_bench: %s\n", error.what());
        return 1;
    }
    std::fprintf(stderr, "usage: http_bench serve | get URL SECONDS | session URL SECONDS\n");
    return 2;
}
