// Times ctp::Browser: from constructing a Browser to its first page loaded (a new Browser each
// time), and a find + click + find + read round trip on a loaded page; medians of 20.
//   g++ -std=c++20 -O2 -Iinclude tests/browser/measure_browser.cpp -o measure_browser -pthread
#define CTP_IMPLEMENT
#define CTP_LIVE_SERVER_API
#include <ctp/ctp.hpp>
#include <ctp/browser.hpp>

#include <algorithm>  // sort
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double milliseconds(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

}  // namespace

int main() {
    ctp::LiveServer server([](ctp::Router& r) {
        r.get("/", [](const ctp::Request&) {
            return ctp::Response::html(
                "<title>Counter</title><button id=b onclick=\"o.textContent = 'clicked ' + (++n)\">B</button>"
                "<p id=o>none</p><script>let n = 0; const o = document.getElementById('o');</script>");
        });
    });
    server.start();
    std::vector<double> starts, round_trips, pages;
    for (int i = 0; i < 20; ++i) {
        const auto start = Clock::now();
        ctp::Browser browser;
        ctp::Page page = browser.new_page();
        page.go(server.url() + "/");
        starts.push_back(milliseconds(start, Clock::now()));
        if (i > 0) continue;
        for (int j = 0; j < 20; ++j) {
            const auto before = Clock::now();
            page.find("#b").click();
            const std::string text = page.find("#o").text();
            round_trips.push_back(milliseconds(before, Clock::now()));
            if (text != "clicked " + std::to_string(j + 1)) return 1;
        }
        for (int j = 0; j < 20; ++j) {
            const auto before = Clock::now();
            ctp::Page other = browser.new_page();
            other.go(server.url() + "/");
            pages.push_back(milliseconds(before, Clock::now()));
        }
    }
    std::printf("browser start to first page loaded: %.1f ms\n", median(starts));
    std::printf("new page (own browser context) loaded: %.1f ms\n", median(pages));
    std::printf("find + click + find + read: %.2f ms\n", median(round_trips));
}
