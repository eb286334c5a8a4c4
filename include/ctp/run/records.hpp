#ifndef CTP_RUN_RECORDS_HPP
#define CTP_RUN_RECORDS_HPP

#include <atomic>
#include <cstddef>  // size_t
#include <memory>   // unique_ptr, make_unique
#include <string>
#include <utility>  // move
#include <vector>

#include "../options.hpp"
#include "../plan/plan.hpp"
#include "../result.hpp"

namespace ctp::detail {

// The Result's opening, before any test has run: what was selected, how it is ordered, when
// the run began.
inline Result result_header(const Plan& plan, const Options& options, std::size_t iterations, Clock::time_point start) {
    Result result;
    result.selected = plan.tests.size() * iterations;
    result.seed = options.shuffle;
    result.start = start;
    return result;
}

// Ends a record whose test could not finish (its process crashed, or the run was aborted):
// an error with `message` at the test's place.
inline void mark_interrupted(TestRecord& record, const TestInfo& info, std::string message) {
    record.end = Clock::now();
    record.duration = record.end - record.start;
    record.outcome = Outcome::error;
    record.failures.push_back({info.file, info.line, std::move(message)});
}

// One record per test and --repeat iteration, and whether its test has not started yet, is
// running or is done. Records are indexed by position: iteration * tests + index in the plan.
class RunRecords {
public:
    enum class State : unsigned char { not_started, running, done };

    RunRecords(const Plan& plan, std::size_t iterations)
        : plan_(plan),
          records_(plan.tests.size() * iterations),
          states_(std::make_unique<std::atomic<State>[]>(records_.size())) {}

    std::size_t size() const noexcept { return records_.size(); }
    TestRecord& operator[](std::size_t at) noexcept { return records_[at]; }
    const TestInfo& info(std::size_t at) const noexcept { return *plan_.tests[at % plan_.tests.size()]; }

    State state(std::size_t at) const noexcept { return states_[at].load(std::memory_order_acquire); }
    void set_state(std::size_t at, State state) noexcept { states_[at].store(state, std::memory_order_release); }

    // Marks the records still running as errors: the culprit's with `message`, the others'
    // as stopped by `reason`. Only for an abort: the tests' threads may still be writing.
    void interrupt_running(std::size_t culprit, const std::string& message, const std::string& reason) {
        for (std::size_t at = 0; at < records_.size(); ++at) {
            if (state(at) != State::running) continue;
            mark_interrupted(
                records_[at], info(at),
                at == culprit ? message : concat({"still running when the run was aborted by another test: ", reason}));
            set_state(at, State::done);
        }
    }

    // Counts the finished records into `result` and hands them over: moved, or copied when
    // the run is being aborted while other threads may still touch them.
    void collect(Result& result, bool aborting) {
        std::size_t kept = 0;
        for (std::size_t at = 0; at < records_.size(); ++at) {
            if (state(at) != State::done) {
                ++result.not_run;
                continue;
            }
            TestRecord& record = records_[at];
            switch (record.outcome) {
                case Outcome::passed: ++result.passed; break;
                case Outcome::failed: ++result.failed; break;
                case Outcome::error: ++result.errors; break;
                case Outcome::skipped: ++result.skipped; break;
                case Outcome::expected_failure: ++result.expected_failures; break;
                case Outcome::unexpected_success: ++result.unexpected_successes; break;
            }
            if (record.flaky) ++result.flaky;
            result.assertions += record.assertions;
            if (aborting) result.tests.push_back(record);
            else if (kept++ != at) records_[kept - 1] = std::move(record);
        }
        if (!aborting) {
            records_.resize(kept);
            result.tests = std::move(records_);
        }
    }

private:
    const Plan& plan_;
    std::vector<TestRecord> records_;
    std::unique_ptr<std::atomic<State>[]> states_;  // one per record
};

}  // namespace ctp::detail

#endif  // CTP_RUN_RECORDS_HPP
