#ifndef CTP_RUN_ISOLATION_WIRE_HPP
#define CTP_RUN_ISOLATION_WIRE_HPP

#include <cerrno>     // errno, EINTR
#include <chrono>     // nanoseconds
#include <cstddef>    // size_t
#include <cstdint>    // uint64_t, int64_t
#include <cstring>    // memcpy
#include <stdexcept>  // runtime_error
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>  // read, write

#include "../../result.hpp"

namespace ctp::detail {

// What an isolated worker process and the runner say over their pipes. The runner sends a
// job: its test count, then the tests' indices in the plan, each a u64. A worker answers in
// frames: the size of what follows (a u64), a Message, and the message's payload.
//
// Payloads are built of lengths, then bytes, so that they may hold any bytes at all. The
// put_ functions append to a message; the take_ ones consume the front of what is left of
// one, and throw if it is cut short. Signed numbers travel as their two's complement.

enum class Message : char {
    started = 'S',        // a test began: its index
    ended = 'R',          // a test's record, complete but for tear_down_class: index, record
    announced = 'F',      // a test's final record: index, record
    last_words = 'T',     // why the worker is about to abort: text
    crash_context = 'C',  // the crashing thread's CTP_INFO lines, before it dies: text
    job_done = 'D',       // the job's tests all ran; nothing follows
};

inline void put_u64(std::string& out, std::uint64_t value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

inline void put_text(std::string& out, std::string_view value) {
    put_u64(out, value.size());
    out += value;
}

inline void put_failures(std::string& out, const std::vector<Failure>& failures) {
    put_u64(out, failures.size());
    for (const Failure& failure : failures) {
        put_text(out, failure.file);
        put_u64(out, static_cast<std::uint64_t>(failure.line));
        put_text(out, failure.message);
    }
}

inline void put_record(std::string& out, const TestRecord& record) {
    put_u64(out, static_cast<std::uint64_t>(record.outcome));
    put_failures(out, record.failures);
    put_failures(out, record.warnings);
    put_text(out, record.skip_reason);
    put_text(out, record.output);
    put_u64(out, static_cast<std::uint64_t>(record.start.time_since_epoch().count()));
    put_u64(out, static_cast<std::uint64_t>(record.end.time_since_epoch().count()));
    put_u64(out, record.attempts);
    put_u64(out, record.flaky ? 1 : 0);
    put_u64(out, record.assertions);
    put_u64(out, record.properties.size());
    for (const Property& property : record.properties) {
        put_text(out, property.key);
        put_text(out, property.value);
    }
    put_u64(out, record.subcases.size());
    for (const SubcaseResult& leaf : record.subcases) {
        put_text(out, leaf.path);
        put_u64(out, static_cast<std::uint64_t>(leaf.outcome));
        put_u64(out, leaf.first_failure);
        put_u64(out, leaf.failures);
        put_text(out, leaf.skip_reason);
        put_u64(out, static_cast<std::uint64_t>(leaf.duration.count()));
    }
    put_u64(out, record.attachments.size());
    for (const std::string& path : record.attachments) put_text(out, path);
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

inline void take_failures(std::string_view& in, std::vector<Failure>& failures) {
    failures.clear();
    // A braced list is evaluated in order: file, line, message.
    for (std::uint64_t count = take_u64(in); count > 0; --count)
        failures.push_back({take_text(in), static_cast<int>(take_u64(in)), take_text(in)});
}

inline Outcome take_outcome(std::string_view& in) {
    const std::uint64_t outcome = take_u64(in);
    if (outcome > static_cast<std::uint64_t>(Outcome::unexpected_success)) throw std::runtime_error("bad outcome");
    return static_cast<Outcome>(outcome);
}

// Fills what a worker sends; names, phase and worker are the runner's own.
inline void take_record(std::string_view& in, TestRecord& record) {
    record.outcome = take_outcome(in);
    take_failures(in, record.failures);
    take_failures(in, record.warnings);
    record.skip_reason = take_text(in);
    record.output = take_text(in);
    record.start = Clock::time_point(Clock::duration(static_cast<std::int64_t>(take_u64(in))));
    record.end = Clock::time_point(Clock::duration(static_cast<std::int64_t>(take_u64(in))));
    record.duration = record.end - record.start;
    record.attempts = static_cast<unsigned>(take_u64(in));
    record.flaky = take_u64(in) != 0;
    record.assertions = static_cast<std::size_t>(take_u64(in));
    record.properties.clear();
    for (std::uint64_t count = take_u64(in); count > 0; --count) {
        record.properties.push_back(Property());
        record.properties.back().key = take_text(in);
        record.properties.back().value = take_text(in);
    }
    record.subcases.clear();
    for (std::uint64_t count = take_u64(in); count > 0; --count) {
        // push_back as elsewhere: emplace_back would be compiled for this one call.
        record.subcases.push_back(SubcaseResult());
        SubcaseResult& leaf = record.subcases.back();
        leaf.path = take_text(in);
        leaf.outcome = take_outcome(in);
        leaf.first_failure = static_cast<std::size_t>(take_u64(in));
        leaf.failures = static_cast<std::size_t>(take_u64(in));
        leaf.skip_reason = take_text(in);
        leaf.duration = std::chrono::nanoseconds(static_cast<std::int64_t>(take_u64(in)));
    }
    record.attachments.clear();
    for (std::uint64_t count = take_u64(in); count > 0; --count) record.attachments.push_back(take_text(in));
}

inline void write_all(int fd, std::string_view bytes) {
    for (std::size_t done = 0; done < bytes.size();) {
        const ssize_t wrote = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) return;
        done += static_cast<std::size_t>(wrote);
    }
}

inline bool read_all(int fd, char* data, std::size_t size) {
    for (std::size_t done = 0; done < size;) {
        const ssize_t got = ::read(fd, data + done, size - done);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        done += static_cast<std::size_t>(got);
    }
    return true;
}

inline void send_frame(int fd, Message kind, std::string_view payload = {}) {
    std::string frame;
    put_u64(frame, payload.size() + 1);
    frame += static_cast<char>(kind);
    frame += payload;
    write_all(fd, frame);
}

// Takes the first whole frame off the front of `pending` into `kind` and `payload`; false,
// with `pending` unchanged, while it is incomplete. A frame without even a kind is skipped.
inline bool take_frame(std::string_view& pending, Message& kind, std::string_view& payload) {
    for (;;) {
        std::uint64_t size = 0;
        if (pending.size() < sizeof size) return false;
        std::memcpy(&size, pending.data(), sizeof size);
        if (pending.size() - sizeof size < size) return false;
        const std::string_view frame = pending.substr(sizeof size, static_cast<std::size_t>(size));
        pending = pending.substr(sizeof size + frame.size());
        if (frame.empty()) continue;
        kind = static_cast<Message>(frame[0]);
        payload = frame.substr(1);
        return true;
    }
}

}  // namespace ctp::detail

#endif  // CTP_RUN_ISOLATION_WIRE_HPP
