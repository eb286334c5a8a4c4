#ifndef CTP_REPORTERS_GTEST_SUITES_HPP
#define CTP_REPORTERS_GTEST_SUITES_HPP

// What GoogleTest's XML and JSON reports share: the run's tests grouped by suite, with the
// disabled tests that did not run, and GoogleTest's way of writing times.

#include <chrono>   // duration_cast, milliseconds, system_clock
#include <cstddef>  // size_t
#include <cstdio>   // snprintf
#include <ctime>    // localtime_r, time_t, tm
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "../options.hpp"
#include "../result.hpp"
#include "../test_info.hpp"
#include "report_format.hpp"

namespace ctp::detail {

struct GtestCase {
    const TestRecord* record;  // null for a disabled test, which did not run
    const TestInfo* disabled;  // null for a test that ran
    std::string_view name() const { return record ? record->name : std::string_view(disabled->name()); }
    std::string_view parameter() const {
        if (record != nullptr) return record->parameter;
        return disabled->parameter ? std::string_view(disabled->parameter) : std::string_view();
    }
    std::string_view file() const { return record ? record->file : std::string_view(disabled->file); }
    int line() const { return record ? record->line : disabled->line; }
    bool failed() const {
        return record != nullptr && (record->outcome == Outcome::failed || record->outcome == Outcome::error ||
                                     record->outcome == Outcome::unexpected_success);
    }
    bool skipped() const { return record != nullptr && record->outcome == Outcome::skipped; }
};

struct GtestSuite {
    std::string_view name;
    std::vector<GtestCase> cases;
    std::size_t failures = 0, disabled = 0, skipped = 0;
    std::chrono::nanoseconds time{};
    Clock::time_point start{};
};

// The last --repeat iteration's records (GoogleTest's report is the last iteration's), and the
// disabled tests, by suite in order of first appearance.
inline std::vector<GtestSuite> gtest_suites(const Result& result, const GtestReport& report) {
    unsigned last = 1;
    for (const TestRecord& record : result.tests) last = record.iteration > last ? record.iteration : last;
    std::vector<GtestSuite> suites;
    std::unordered_map<std::string_view, std::size_t> index;
    auto suite_of = [&](std::string_view name) -> GtestSuite& {
        auto [at, added] = index.try_emplace(name, suites.size());
        if (added) suites.emplace_back().name = name;
        return suites[at->second];
    };
    for (const TestRecord& record : result.tests) {
        if (record.iteration != last) continue;
        GtestSuite& suite = suite_of(record.suite);
        if (suite.cases.empty() || record.start < suite.start) suite.start = record.start;
        suite.cases.push_back({&record, nullptr});
        suite.failures += suite.cases.back().failed() ? 1 : 0;
        suite.skipped += suite.cases.back().skipped() ? 1 : 0;
        suite.time += record.duration;
    }
    for (const TestInfo* info : report.disabled) {
        GtestSuite& suite = suite_of(info->suite());
        if (suite.cases.empty()) suite.start = result.start;
        suite.cases.push_back({nullptr, info});
        ++suite.disabled;
    }
    return suites;
}

// GoogleTest's seconds: the whole milliseconds, printed as a double ("0", "0.015", "1.5").
inline std::string gtest_seconds(std::chrono::nanoseconds duration) {
    const auto milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(duration).count();
    char text[32];
    const int size = std::snprintf(text, sizeof text, "%g", static_cast<double>(milliseconds) * 1e-3);
    std::string seconds(text, static_cast<std::size_t>(size));
    for (char& c : seconds)
        if (c == ',') c = '.';
    return seconds;
}

// When `at` was on the wall clock, from the run's steady clock.
inline std::chrono::system_clock::time_point gtest_wall_time(const Result& result,
                                                             std::chrono::system_clock::time_point run_start,
                                                             Clock::time_point at) {
    return run_start + std::chrono::duration_cast<std::chrono::system_clock::duration>(at - result.start);
}

// The XML report's timestamps: local time to the millisecond, "2024-05-01T12:00:00.123".
inline std::string gtest_local_timestamp(std::chrono::system_clock::time_point when) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
    const auto milliseconds =
        std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count() % 1000;
    std::tm local{};
#if defined(_WIN32)
    localtime_s(&local, &seconds);
#else
    localtime_r(&seconds, &local);
#endif  // defined(_WIN32)
    char text[64];
    const int size = std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03d", local.tm_year + 1900,
                                   local.tm_mon + 1, local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec,
                                   static_cast<int>(milliseconds < 0 ? 0 : milliseconds));
    return std::string(text, static_cast<std::size_t>(size));
}

}  // namespace ctp::detail

#endif  // CTP_REPORTERS_GTEST_SUITES_HPP
