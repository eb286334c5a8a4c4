#ifndef CTP_DETAIL_WIRE_HPP
#define CTP_DETAIL_WIRE_HPP

#include <chrono>       // nanoseconds
#include <cstddef>      // size_t
#include <cstdint>      // uint64_t, int64_t
#include <cstring>      // memcpy
#include <stdexcept>    // runtime_error
#include <string>
#include <string_view>

#include "../result.hpp"

namespace ctp::detail {

// Test records between an isolated worker process and the runner: lengths, then bytes, so
// that a message may hold any bytes at all. The put_ functions append to a message; the
// take_ ones consume the front of what is left of one, and throw if it is cut short. They
// are plain functions on std::string and std::string_view, whose code the program has
// anyway. Signed numbers travel as their two's complement.

inline void put_u64(std::string& out, std::uint64_t value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

inline void put_text(std::string& out, const std::string& value) {
    put_u64(out, value.size());
    out += value;
}

inline void put_record(std::string& out, const TestRecord& record) {
    put_u64(out, static_cast<std::uint64_t>(record.outcome));
    put_u64(out, record.failures.size());
    for (const Failure& failure : record.failures) {
        put_text(out, failure.file);
        put_u64(out, static_cast<std::uint64_t>(failure.line));
        put_text(out, failure.message);
    }
    put_text(out, record.skip_reason);
    put_text(out, record.output);
    put_u64(out, static_cast<std::uint64_t>(record.start.time_since_epoch().count()));
    put_u64(out, static_cast<std::uint64_t>(record.end.time_since_epoch().count()));
    put_u64(out, record.attempts);
    put_u64(out, record.flaky ? 1 : 0);
}

inline std::uint64_t take_u64(std::string_view& in) {
    std::uint64_t value;
    if (in.size() < sizeof value) throw std::runtime_error("truncated message");
    std::memcpy(&value, in.data(), sizeof value);
    in = in.substr(sizeof value);
    return value;
}

inline std::string take_text(std::string_view& in) {
    const std::uint64_t size = take_u64(in);
    if (size > in.size()) throw std::runtime_error("truncated message");
    std::string value(in.data(), static_cast<std::size_t>(size));
    in = in.substr(static_cast<std::size_t>(size));
    return value;
}

// Fills what a worker sends; names, phase and worker are the runner's own.
inline void take_record(std::string_view& in, TestRecord& record) {
    const std::uint64_t outcome = take_u64(in);
    if (outcome > static_cast<std::uint64_t>(Outcome::skipped)) throw std::runtime_error("bad outcome");
    record.outcome = static_cast<Outcome>(outcome);
    record.failures.clear();
    // A braced list is evaluated in order: file, line, message.
    for (std::uint64_t count = take_u64(in); count > 0; --count)
        record.failures.push_back({take_text(in), static_cast<int>(take_u64(in)), take_text(in)});
    record.skip_reason = take_text(in);
    record.output = take_text(in);
    record.start = Clock::time_point(Clock::duration(static_cast<std::int64_t>(take_u64(in))));
    record.end = Clock::time_point(Clock::duration(static_cast<std::int64_t>(take_u64(in))));
    record.duration = record.end - record.start;
    record.attempts = static_cast<unsigned>(take_u64(in));
    record.flaky = take_u64(in) != 0;
}

}  // namespace ctp::detail

#endif  // CTP_DETAIL_WIRE_HPP
