#ifndef CTP_RESULT_HPP
#define CTP_RESULT_HPP

#include <chrono>   // steady_clock, nanoseconds
#include <cstddef>  // size_t
#include <cstdint>  // uint64_t
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "decorators.hpp"

namespace ctp {

enum class Phase : unsigned char { parallel, serial };
// expected_failure and unexpected_success are the outcomes of tests decorated
// ctp::expected_failure() or ctp::may_fail(); new outcomes go last (--isolate sends them as numbers).
enum class Outcome : unsigned char { passed, failed, error, skipped, expected_failure, unexpected_success };

const char* to_string(Phase phase) noexcept;
const char* to_string(Outcome outcome) noexcept;
const char* to_string(ResourceAccess access) noexcept;

struct Failure {
    std::string file;
    int line = 0;
    std::string message;
};

using Clock = std::chrono::steady_clock;

// One leaf path of a test's sub-cases: one entry of the test's body, in its last attempt.
struct SubcaseResult {
    std::string path;  // the sub-cases' names from the top, "empty cart / with coupon"
    Outcome outcome = Outcome::passed;
    std::size_t first_failure = 0;  // its failures are the record's [first_failure, + failures)
    std::size_t failures = 0;
    std::string skip_reason;
    std::chrono::nanoseconds duration{};
};

// A resource as a test holds it: ctp::exclusive("db") is {"db", exclusive, 0}.
struct ResourceUse {
    std::string name;
    ResourceAccess access = ResourceAccess::shared;
    unsigned size = 0;  // a pool's size; 0 otherwise
};

// A unit that waited for a resource: from when a free worker first passed it over (`resource`
// was held) until a worker took it. `test` is the position in Result::tests of its first test.
struct ResourceWait {
    std::size_t test = 0;
    std::string resource;
    unsigned worker = 0;  // the worker that took it
    Clock::time_point from;
    Clock::time_point to;
};

// Two tests registered under one full name: a filter, or a CTest test that names one of
// them, would run both.
// A key and value a test recorded (GoogleTest's RecordProperty).
struct Property {
    std::string key;
    std::string value;
};

struct DuplicateTest {
    std::string name;  // the full name, "suite.name"
    std::string first_file;
    int first_line = 0;
    std::string file;  // the later registration
    int line = 0;
};

struct TestRecord {
    // Views of the test's registration, which lasts as long as the process: a record costs
    // no allocation for them.
    std::string_view suite;
    std::string_view name;
    std::string_view file;
    int line = 0;
    std::string_view parameter;          // a parameterized case's printed value ("3" of Suite.name/2 [3])
    std::string_view description;        // ctp::description's text
    std::vector<std::string_view> tags;  // its class's, then its own
    std::vector<ResourceUse> resources;  // what it holds while its unit runs (its class's too)
    Phase phase = Phase::parallel;
    Outcome outcome = Outcome::passed;
    bool flaky = false;                    // failed, then passed on a retry
    bool failed_only_in_parallel = false;  // with --confirm-failures: passed when run alone
    unsigned worker = 0;                   // 0: the serial phase (or no --parallel); 1..N: the parallel
                                           // phase's workers, 1 being the calling thread
    unsigned attempts = 1;                 // more than 1 with --retries
    unsigned iteration = 1;                // which --repeat run this record is from
    std::vector<Failure> failures;         // assertion failures and escaped exceptions, in order
    std::vector<Failure> warnings;         // failed CTP_WARNs, in order: they do not fail the test
    std::string skip_reason;
    Clock::time_point start;
    Clock::time_point end;
    std::chrono::nanoseconds duration{};
    std::string output;                   // what the test wrote, when captured
    std::size_t assertions = 0;           // the front ends' assertions, passing or not, over its attempts
    std::vector<Property> properties;     // in the order recorded
    std::vector<SubcaseResult> subcases;  // its leaf paths, in the order they ran; empty without
    // Absolute paths of the files kept with it (ctp::attach; a failed browser test's page), in order.
    std::vector<std::string> attachments;

    // "suite.name"; a test without a suite (doctest's) is "name".
    std::string full_name() const {
        return suite.empty() ? std::string(name) : std::string(suite).append(".").append(name);
    }
    // With a parameterized case's value: "Suite.name/2 [3]".
    std::string shown_name() const {
        std::string shown = full_name();
        if (!parameter.empty()) shown.append(" [").append(parameter).append("]");
        return shown;
    }
};

struct Result {
    std::vector<TestRecord> tests;  // discovery order, whatever the execution order
    std::size_t selected = 0;       // tests selected to run (times --repeat)
    std::size_t passed = 0;
    std::size_t failed = 0;
    std::size_t errors = 0;
    std::size_t skipped = 0;
    std::size_t expected_failures = 0;     // failed as its decorator expected: does not fail the run
    std::size_t unexpected_successes = 0;  // passed despite ctp::expected_failure(): fails the run
    std::size_t not_run = 0;               // left out by --failfast, or by an aborted run
    std::size_t flaky = 0;                 // passed only on a retry; counted in `passed` too
    std::size_t assertions = 0;            // the records' assertions, added up
    std::vector<Failure> unattributed;     // assertions made outside any test's context
    std::string aborted;                   // why the run ended early (a crash, a timeout); empty if not
    int abort_code = 0;                    // ctp::main's exit code for the abort
    std::vector<std::string> warnings;     // problems that did not stop the run
    std::vector<ResourceWait> waits;       // units that waited for a resource, as they were taken
    // Refusals: with either, no test ran and no listener was called.
    std::vector<DuplicateTest> duplicates;       // full names registered twice
    std::vector<std::string> unmatched_filters;  // the filters, when they match no test
    std::vector<std::string> unmatched_tags;     // the --tag expressions, when they match no test
    std::vector<std::string> resource_errors;    // resource declarations that cannot be scheduled
    unsigned workers = 0;                        // pool threads started; 0 when run serially
    std::optional<std::uint64_t> seed;
    Clock::time_point start;
    Clock::time_point end;

    std::size_t ran() const noexcept { return tests.size(); }  // the records, as `tests`
    std::chrono::nanoseconds wall_time() const noexcept { return end - start; }
    // The filters select no registered test, in any shard. An empty shard, or no tests
    // without filters, is not this: such a run is successful with nothing run.
    bool no_tests_matched() const noexcept { return !unmatched_filters.empty() || !unmatched_tags.empty(); }
    bool successful() const noexcept {
        return failed == 0 && errors == 0 && unexpected_successes == 0 && unattributed.empty() && aborted.empty() &&
               duplicates.empty() && resource_errors.empty() && !no_tests_matched();
    }
};

inline const char* to_string(Phase phase) noexcept { return phase == Phase::serial ? "serial" : "parallel"; }

inline const char* to_string(Outcome outcome) noexcept {
    switch (outcome) {
        case Outcome::passed: return "passed";
        case Outcome::failed: return "failed";
        case Outcome::error: return "error";
        case Outcome::skipped: return "skipped";
        case Outcome::expected_failure: return "expected_failure";
        case Outcome::unexpected_success: return "unexpected_success";
    }
    return "unknown";
}

// As --list --format json and the JSON report name it.
inline const char* to_string(ResourceAccess access) noexcept {
    switch (access) {
        case ResourceAccess::shared: return "shared";
        case ResourceAccess::exclusive: return "exclusive";
        case ResourceAccess::pool: return "pool";
    }
    return "unknown";
}

}  // namespace ctp

#endif  // CTP_RESULT_HPP
