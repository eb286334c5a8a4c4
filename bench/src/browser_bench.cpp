// ctp::Browser's side of bench/run.py's browser section; Selenium's side is in run.py, against
// the same page from the same server.
//   browser_bench start URL     one browser start to the page loaded: {"start_ms": ...}
//   browser_bench clicks URL N  N rounds of find #go, click it, read #out (which the click
//                               sets to the number of clicks): {"click_us_median": ...}
// Exit 1 with a message when the browser fails or the page does not answer as expected.
#define CTP_IMPLEMENT  // no test runner here: the browser compiles in this file
#include <ctp/ctp.hpp>
#include <ctp/browser.hpp>

#include <algorithm>  // sort
#include <chrono>     // steady_clock
#include <cstdio>     // printf, fprintf
#include <cstdlib>    // atoi
#include <exception>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double micros_since(Clock::time_point start) {
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

int start(const std::string& url) {
    const auto begin = Clock::now();
    ctp::Browser browser;
    ctp::Page page = browser.new_page();
    page.go(url);
    const double ms = micros_since(begin) / 1000;
    std::printf("{\"start_ms\": %.3f}\n", ms);
    return 0;
}

int clicks(const std::string& url, int rounds) {
    ctp::Browser browser;
    ctp::Page page = browser.new_page();
    page.go(url);
    std::vector<double> times;
    for (int i = 1; i <= rounds; ++i) {
        const auto begin = Clock::now();
        page.find("#go").click();
        const std::string text = page.find("#out").text();
        times.push_back(micros_since(begin));
        if (text != std::to_string(i)) {
            std::fprintf(stderr, "click %d: #out shows '%s'\n", i, text.c_str());
            return 1;
        }
    }
    std::sort(times.begin(), times.end());
    std::printf("{\"click_us_median\": %.1f}\n", times[times.size() / 2]);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 2 ? argv[1] : "";
    try {
        if (mode == "start" && argc == 3) return start(argv[2]);
        if (mode == "clicks" && argc == 4 && std::atoi(argv[3]) > 0) return clicks(argv[2], std::atoi(argv[3]));
    } catch (const std::exception& error) {
        std::fprintf(stderr, "browser_bench: %s\n", error.what());
        return 1;
    }
    std::fprintf(stderr, "usage: browser_bench start URL | browser_bench clicks URL N\n");
    return 2;
}
