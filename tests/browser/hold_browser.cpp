// A program that holds a browser with a loaded page, for tests/browser/test_browser_faults.py:
// it prints the browser's pid, then waits to be killed, or with --exit returns at once.
#define CTP_IMPLEMENT
#include <ctp/ctp.hpp>
#include <ctp/browser.hpp>

#include <unistd.h>  // pause

#include <cstdio>
#include <cstring>  // strcmp

int main(int argc, char** argv) {
    ctp::Browser browser;
    ctp::Page page = browser.new_page();
    page.go("data:text/html,<title>held</title>");
    std::printf("%d\n", browser.pid());
    std::fflush(stdout);
    if (argc > 1 && std::strcmp(argv[1], "--exit") == 0) return 0;
    for (;;) ::pause();
}
