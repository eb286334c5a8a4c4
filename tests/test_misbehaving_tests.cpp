// When tests misbehave: output capture, retries, repeats, recorded durations.
#include "testing.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <thread>

#include <unistd.h>  // getpid

TEST_CASE("--buffer gives each test its own output, even when tests run at the same time") {
    ctp::Registry registry;
    for (int i = 0; i < 16; ++i)
        registry.add("Noisy", "t" + std::to_string(i), [i] {
            for (int line = 0; line < 20; ++line) {
                std::cout << "test " << i << " line " << line << '\n';
                std::this_thread::yield();
            }
            std::cerr << "err " << i << '\n';
            std::clog << "log " << i << '\n';
        });
    ctp::Options options = testing::parallel(4);
    options.capture = ctp::CaptureMode::buffer;
    const ctp::Result result = ctp::run(registry, options);
    REQUIRE(result.tests.size() == 16);
    for (int i = 0; i < 16; ++i) {
        std::string expected;
        for (int line = 0; line < 20; ++line)
            expected += "test " + std::to_string(i) + " line " + std::to_string(line) + "\n";
        expected += "err " + std::to_string(i) + "\nlog " + std::to_string(i) + "\n";
        CHECK(result.tests[static_cast<std::size_t>(i)].output == expected);
    }
}

TEST_CASE("without capture, output is not recorded") {
    ctp::Registry registry;
    registry.add("Quiet", "writes", [] { std::clog << ""; });
    CHECK(ctp::run(registry, {}).tests.at(0).output.empty());
}

TEST_CASE("the console shows captured output only for tests that failed") {
    ctp::Registry registry;
    registry.add("Out", "passes", [] { std::cout << "passing noise\n"; });
    registry.add("Out", "fails", [] {
        std::cout << "failing noise";
        CTP_CHECK(false);
    });
    const auto run = testing::run_main(registry, {"--buffer"});
    CHECK(run.out.find("passing noise") == std::string::npos);
    CHECK(run.out.find("---- captured output ----\nfailing noise\n") != std::string::npos);
}

TEST_CASE("--retries reruns a failed test; one that then passes is flaky and does not fail the run") {
    std::atomic<int> flaky_calls{0}, broken_calls{0};
    ctp::Registry registry;
    registry.add("Retry", "flaky", [&] { CTP_CHECK(++flaky_calls >= 3); });
    registry.add("Retry", "broken", [&] {
        ++broken_calls;
        throw std::runtime_error("always");
    });
    registry.add("Retry", "fine", [] {});
    ctp::Options options;
    options.retries = 3;
    ctp::Result result = ctp::run(registry, options);
    const auto& flaky = testing::record(result, "Retry.flaky");
    CHECK(flaky.outcome == ctp::Outcome::passed);
    CHECK(flaky.flaky);
    CHECK(flaky.attempts == 3);
    CHECK(flaky.failures.size() == 2);
    const auto& broken = testing::record(result, "Retry.broken");
    CHECK(broken.outcome == ctp::Outcome::error);
    CHECK(broken.attempts == 4);
    CHECK(broken_calls == 4);
    CHECK(testing::record(result, "Retry.fine").attempts == 1);
    CHECK(result.flaky == 1);
    CHECK(result.errors == 1);

    ctp::Registry only_flaky;
    std::atomic<int> calls{0};
    only_flaky.add("Retry", "flaky", [&] { CTP_CHECK(++calls % 2 == 0); });
    const auto run = testing::run_main(only_flaky, {"--retries", "1", "-v"});
    CHECK(run.exit_code == ctp::exit_success);
    CHECK(run.out.find("Retry.flaky ... ok (flaky: passed on attempt 2)") != std::string::npos);
    CHECK(testing::lines(run.out).back() == "OK (flaky=1)");
}

namespace {

struct Hooks : ctp::TestCase {
    static inline int set_ups = 0;
    static void set_up_class() { ++set_ups; }
};

}  // namespace

TEST_CASE("--repeat runs the selection N times, each record marked with its run") {
    std::atomic<int> calls{0};
    ctp::Registry registry;
    registry.add("Repeat", "counts", [&] { ++calls; });
    registry.add<Hooks>("Hooks", "a", [](Hooks&) {});
    ctp::Options options = testing::parallel(2);
    options.repeat = 3;
    const ctp::Result result = ctp::run(registry, options);
    CHECK(calls == 3);
    CHECK(Hooks::set_ups == 3);
    CHECK(result.selected == 6);
    CHECK(result.passed == 6);
    REQUIRE(result.tests.size() == 6);
    CHECK(result.tests[0].iteration == 1);
    CHECK(result.tests[5].iteration == 3);
}

TEST_CASE("a flaky test is marked in the JSON, JUnit and TAP reports") {
    std::atomic<int> calls{0};
    ctp::Registry registry;
    registry.add("Retry", "flaky", [&] { CTP_CHECK(++calls == 2); });
    ctp::Options options;
    options.retries = 2;
    const ctp::Result result = ctp::run(registry, options);
    std::ostringstream json, junit, tap;
    ctp::write_json_report(json, result, options);
    ctp::write_junit_xml(junit, result, options);
    ctp::write_tap(tap, result);
    CHECK(json.str().find("\"attempts\": 2, \"flaky\": true") != std::string::npos);
    CHECK(json.str().find("\"flaky\": 1, \"unattributed\": 0") != std::string::npos);
    CHECK(junit.str().find("<property name=\"ctp.flaky\" value=\"Retry.flaky passed on attempt 2\"/>") !=
          std::string::npos);
    CHECK(tap.str().find("ok 1 - Retry.flaky\n  ---\n  outcome: passed\n  flaky: true\n  attempts: 2\n") !=
          std::string::npos);
}

namespace {

struct Long : ctp::TestCase {};

std::string temporary_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("ctp_selftest_" + std::to_string(::getpid()) + "_" + name))
        .string();
}

}  // namespace

TEST_CASE("--durations-file: recorded durations start the longest unit first; a bad file falls back") {
    std::vector<std::string> order;
    std::mutex order_mutex;
    auto note = [&](std::string name) {
        std::lock_guard lock(order_mutex);
        order.push_back(std::move(name));
    };
    ctp::Registry registry;
    for (int i = 0; i < 4; ++i)
        registry.add("Short", "t" + std::to_string(i), [&, i] { note("Short.t" + std::to_string(i)); });
    for (int i = 0; i < 3; ++i)
        registry.add<Long>("Long", "t" + std::to_string(i), [&, i](Long&) { note("Long.t" + std::to_string(i)); });
    const std::string path = temporary_path("durations.tsv");
    std::remove(path.c_str());
    ctp::Options options = testing::parallel(1);
    options.durations_file = path;

    ctp::run(registry, options);  // no file yet: discovery order, and the file is written
    CHECK(order.front() == "Short.t0");
    std::ifstream written(path);
    std::string text((std::istreambuf_iterator<char>(written)), {});
    CHECK(std::count(text.begin(), text.end(), '\n') == 7);
    CHECK(text.find("\tLong.t2\n") != std::string::npos);

    {
        std::ofstream durations(path, std::ios::trunc);
        durations << "0.010000\tShort.t0\n0.010000\tShort.t1\n2.000000\tLong.t0\n";
    }
    order.clear();
    ctp::Result result = ctp::run(registry, options);
    // Unrecorded tests are expected to take the mean (0.67 s here), so they come before the short ones.
    CHECK(order ==
          std::vector<std::string>{"Long.t0", "Long.t1", "Long.t2", "Short.t2", "Short.t3", "Short.t0", "Short.t1"});
    CHECK(testing::names(result).front() == "Short.t0");  // records stay in discovery order
    CHECK(result.warnings.empty());

    {
        std::ofstream durations(path, std::ios::trunc);
        durations << "0.5\tShort.t0\nnot a duration\n";
    }
    order.clear();
    result = ctp::run(registry, options);
    CHECK(order.front() == "Short.t0");
    REQUIRE(result.warnings.size() == 1);
    CHECK(result.warnings[0].find("line 2 is not 'seconds<TAB>name'") != std::string::npos);

    for (const char* seconds : {"inf", "nan", "-1", "1e999"}) {
        {
            std::ofstream durations(path, std::ios::trunc);
            durations << "0.5\tShort.t0\n" << seconds << "\tLong.t0\n";
        }
        CAPTURE(seconds);
        order.clear();
        result = ctp::run(registry, options);
        CHECK(order.front() == "Short.t0");
        REQUIRE(result.warnings.size() == 1);
        CHECK(result.warnings[0].find("line 2 is not 'seconds<TAB>name'") != std::string::npos);
    }
    std::remove(path.c_str());
}
