#ifndef CTP_RUN_CLOCK_HPP
#define CTP_RUN_CLOCK_HPP

#include <chrono>   // duration_cast, nanoseconds
#include <cstdint>  // int64_t
#include <cstdio>   // snprintf

#include "../plan/decorations.hpp"
#include "../result.hpp"
#include "../test_info.hpp"
#include "../text/text_building.hpp"

namespace ctp::detail {

// Clock time as one number, which an atomic can hold.
inline std::int64_t now_ns() noexcept {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

// A test's time limit in seconds, 0 for none: its own ctp::timeout, else its class's, else its
// fixture's timeout_seconds, else --timeout. ctp::timeout(0) lifts every limit.
inline double time_limit(const TestInfo& info, double timeout) noexcept {
    if (const double decorated = timeout_of(info); decorated >= 0) return decorated;
    if (info.fixture != nullptr && info.fixture->timeout_seconds > 0) return info.fixture->timeout_seconds;
    return timeout;
}

// How long a test that started at `started_ns` has run, in seconds, if that is past its
// `limit`; 0 while it is within it, or has none.
inline double overtime(double limit, std::int64_t started_ns) noexcept {
    if (limit <= 0) return 0;
    const double ran = static_cast<double>(now_ns() - started_ns) / 1e9;
    return ran > limit ? ran : 0;
}

// "1.234s (limit 1s)"
inline ShortText describe_overtime(double ran, double limit) noexcept {
    ShortText text;
    const int size = std::snprintf(text.data(), ShortText::capacity, "%.3fs (limit %gs)", ran, limit);
    text.resize(size > 0 ? static_cast<std::size_t>(size) : 0);
    return text;
}

}  // namespace ctp::detail

#endif  // CTP_RUN_CLOCK_HPP
