// A program with its own main: CTP_IMPLEMENT instead of CTP_MAIN, then ctp::run for a
// Result to inspect, or ctp::main for the command line and the console report.
#define CTP_IMPLEMENT
#include <ctp/ctp.hpp>

#include <cstdio>

CTP_TEST(Config, parses) { CTP_CHECK(2 * 21 == 42); }
CTP_TEST(Config, skips_on_ci) { CTP_SKIP("needs a developer machine"); }

int main() {
    ctp::Options options;
    options.parallel = 2;                          // as --parallel 2
    options.filters = {"Config."};                 // as -k Config.
    const ctp::Result result = ctp::run(options);  // prints nothing

    for (const ctp::TestRecord& test : result.tests)
        std::printf("%s: %s\n", test.full_name().c_str(), ctp::to_string(test.outcome));
    std::printf("%zu passed, %zu failed\n", result.passed, result.failed + result.errors);
    return result.successful() ? 0 : 1;
}

// $ ./04_embedded_main
// Config.parses: passed
// Config.skips_on_ci: skipped
// 1 passed, 0 failed
