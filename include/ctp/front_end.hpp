#ifndef CTP_FRONT_END_HPP
#define CTP_FRONT_END_HPP

// What the GoogleTest and doctest front ends (<ctp/gtest.hpp>, <ctp/doctest.hpp>) need of the
// runner beyond ctp's own assertions: GoogleTest's fatal assertions return from the current
// function instead of throwing, and its tests ask about their own state. Out of line in
// implementation.hpp.

#include <cstddef>  // size_t

namespace ctp::detail {

// Assertions the front ends made on this thread, passing or not (doctest reports the count).
// The runner reads it on the test's thread, around each test: a thread the test starts
// counts for no one.
inline thread_local std::size_t assertions_made = 0;

// A failure of the running test, with the lines of the INFO-like scopes around it; it does not
// throw. `fatal` makes test_has_fatal_failure() true. Outside any test it fails the run as
// ctp's own assertions do.
void report_failure(const char* file, int line, const char* message, std::size_t size, bool fatal);
// The running test is reported skipped with `reason` once it returns, unless it failed.
void report_skip(const char* reason, std::size_t size);
// A success the running test reports (GoogleTest's SUCCEED): only its listeners hear of it.
void report_success(const char* file, int line);
// A key and value kept with the running test's record (GoogleTest's RecordProperty).
void report_property(const char* key, std::size_t key_size, const char* value, std::size_t value_size);

struct TestInfo;

enum class PartKind : unsigned char { failure, fatal_failure, skip, success };

// What a front end's event listeners hear from inside a test (GoogleTest's OnTestStart,
// OnTestPartResult, OnTestEnd): on the test's thread and in its context, so that what they
// assert counts for the test. `start` comes before the fixture is made, `end` after it is
// destroyed, `part` as each failure or skip is recorded. Set before the run; null (and free)
// without such listeners.
struct TestEvents {
    void (*start)(const TestInfo& info);
    void (*part)(PartKind kind, const char* file, int line, const char* message, std::size_t size);
    void (*end)(const TestInfo& info);
};
inline const TestEvents* test_events = nullptr;

// The running test's state so far; false outside any test.
bool test_has_failure() noexcept;
bool test_has_fatal_failure() noexcept;
bool test_is_skipped() noexcept;

}  // namespace ctp::detail

#endif  // CTP_FRONT_END_HPP
