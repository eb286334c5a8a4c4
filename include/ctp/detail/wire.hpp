#ifndef CTP_DETAIL_WIRE_HPP
#define CTP_DETAIL_WIRE_HPP

#include <chrono>     // nanoseconds
#include <cstddef>    // size_t
#include <cstdint>    // uint64_t, int64_t
#include <cstring>    // memcpy
#include <stdexcept>  // runtime_error
#include <string>
#include <utility>    // move

#include "../result.hpp"

namespace ctp::detail {

// Test records between an isolated worker process and the runner: lengths, then bytes, so
// that a message may hold any bytes at all.
class WireWriter {
public:
    void u64(std::uint64_t value) { bytes_.append(reinterpret_cast<const char*>(&value), sizeof value); }
    void i64(std::int64_t value) { u64(static_cast<std::uint64_t>(value)); }
    void text(const std::string& value) {
        u64(value.size());
        bytes_ += value;
    }
    void record(const TestRecord& record) {
        u64(static_cast<std::uint64_t>(record.outcome));
        u64(record.failures.size());
        for (const Failure& failure : record.failures) {
            text(failure.file);
            i64(failure.line);
            text(failure.message);
        }
        text(record.skip_reason);
        text(record.output);
        i64(record.start.time_since_epoch().count());
        i64(record.end.time_since_epoch().count());
        u64(record.attempts);
        u64(record.flaky ? 1 : 0);
    }
    const std::string& bytes() const noexcept { return bytes_; }

private:
    std::string bytes_;
};

class WireReader {
public:
    WireReader(const char* data, std::size_t size) : data_(data), size_(size) {}

    std::uint64_t u64() {
        std::uint64_t value;
        need(sizeof value);
        std::memcpy(&value, data_ + at_, sizeof value);
        at_ += sizeof value;
        return value;
    }
    std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
    std::string text() {
        const std::uint64_t size = u64();
        need(size);
        std::string value(data_ + at_, static_cast<std::size_t>(size));
        at_ += static_cast<std::size_t>(size);
        return value;
    }
    // Fills what a worker sends; names, phase and worker are the runner's own.
    void record(TestRecord& record) {
        const std::uint64_t outcome = u64();
        if (outcome > static_cast<std::uint64_t>(Outcome::skipped)) throw std::runtime_error("bad outcome");
        record.outcome = static_cast<Outcome>(outcome);
        record.failures.clear();
        for (std::uint64_t count = u64(); count > 0; --count) {
            Failure failure;
            failure.file = text();
            failure.line = static_cast<int>(i64());
            failure.message = text();
            record.failures.push_back(std::move(failure));
        }
        record.skip_reason = text();
        record.output = text();
        record.start = Clock::time_point(Clock::duration(i64()));
        record.end = Clock::time_point(Clock::duration(i64()));
        record.duration = record.end - record.start;
        record.attempts = static_cast<unsigned>(u64());
        record.flaky = u64() != 0;
    }

private:
    void need(std::uint64_t size) const {
        if (size > size_ - at_) throw std::runtime_error("truncated message");
    }

    const char* data_;
    std::size_t size_;
    std::size_t at_ = 0;
};

}  // namespace ctp::detail

#endif  // CTP_DETAIL_WIRE_HPP
