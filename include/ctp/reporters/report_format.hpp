#ifndef CTP_REPORTERS_REPORT_FORMAT_HPP
#define CTP_REPORTERS_REPORT_FORMAT_HPP

#include <chrono>  // duration, nanoseconds, system_clock
#include <ratio>   // micro
#include <cstdio>  // snprintf
#include <ctime>   // gmtime_r, time_t, tm
#include <string>

#include "../result.hpp"
#include "../detail/optimizer_hints.hpp"
#include "../text/text_building.hpp"

#if __has_include(<unistd.h>)
#include <unistd.h>  // gethostname
#define CTP_DETAIL_HAS_UNISTD 1
#endif  // __has_include(<unistd.h>)

namespace ctp::detail {

// A fixed number of decimals and a '.' whatever the locale's decimal point.
CTP_DETAIL_NOINLINE inline ShortText decimal_text(double value, int decimals) {
    ShortText text;
    text.resize(static_cast<std::size_t>(
        std::snprintf(text.data(), ShortText::capacity, "%.*f", decimals, value < 0 ? 0.0 : value)));
    for (char* c = text.data(); *c != '\0'; ++c)
        if (*c == ',') *c = '.';
    return text;
}

inline ShortText seconds_text(std::chrono::nanoseconds duration, int decimals = 3) {
    return decimal_text(std::chrono::duration<double>(duration).count(), decimals);
}

inline ShortText microseconds_text(std::chrono::nanoseconds duration) {
    return decimal_text(std::chrono::duration<double, std::micro>(duration).count(), 3);
}

// The wall-clock time at which `result`'s run started (Result keeps steady_clock times).
inline std::chrono::system_clock::time_point wall_clock_start(const Result& result) {
    const auto elapsed = Clock::now() - result.start;
    return std::chrono::system_clock::now() - std::chrono::duration_cast<std::chrono::system_clock::duration>(elapsed);
}

// ISO 8601 in UTC to the second, e.g. 2024-05-01T12:00:00, with `zone` a trailing 'Z'.
CTP_DETAIL_NOINLINE inline ShortText utc_timestamp(std::chrono::system_clock::time_point when, bool zone) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
    std::tm utc{};
#if defined(_WIN32)
    gmtime_s(&utc, &seconds);
#else
    gmtime_r(&seconds, &utc);
#endif               // defined(_WIN32)
    ShortText text;  // room for any int
    text.resize(static_cast<std::size_t>(
        std::snprintf(text.data(), ShortText::capacity, "%04d-%02d-%02dT%02d:%02d:%02d%s", utc.tm_year + 1900,
                      utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, zone ? "Z" : "")));
    return text;
}

// "file:line: message", as the reports print a failure.
inline std::string failure_line(const Failure& failure) {
    return concat({failure.file, ":", digits(static_cast<unsigned>(failure.line)), ": ", failure.message});
}

// The shown name of the first test of a unit that waited ("Suite.name/2 [3]").
inline std::string waiting_test(const Result& result, const ResourceWait& wait) {
    return wait.test < result.tests.size() ? result.tests[wait.test].shown_name() : std::string();
}

inline std::string host_name() {
#if defined(CTP_DETAIL_HAS_UNISTD)
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) == 0 && name[0] != '\0') return name;
#endif  // defined(CTP_DETAIL_HAS_UNISTD)
    return "localhost";
}

}  // namespace ctp::detail

#endif  // CTP_REPORTERS_REPORT_FORMAT_HPP
