#ifndef CTP_RUN_TEST_CONTEXT_HPP
#define CTP_RUN_TEST_CONTEXT_HPP

#include <cstddef>  // size_t
#include <mutex>
#include <string>
#include <utility>  // move
#include <vector>

#include "../result.hpp"

namespace ctp::detail {

// Thrown to end a test after a fatal assertion. Not a std::exception, so that a test's own
// `catch (const std::exception&)` lets it through.
struct RequireFailed {};

struct SkipRequested {
    std::string reason;
};

// What one test (or one class hook) has reported so far: the state behind a ctp::TestContext.
// Assertions reach it through the running thread's context, installed by a ctp::ContextScope;
// the lock is only taken to record something.
class Context {
public:
    void add_failure(Failure failure, bool is_error = false) {
        std::lock_guard lock(mutex_);
        failures_.push_back(std::move(failure));
        error_ = error_ || is_error;
    }

    // A failed CTP_WARN: reported, and the test still passes.
    void add_warning(Failure warning) {
        std::lock_guard lock(mutex_);
        warnings_.push_back(std::move(warning));
    }

    void skip(std::string reason) {
        std::lock_guard lock(mutex_);
        skipped_ = true;
        skip_reason_ = std::move(reason);
    }

    void append_output(const char* text, std::size_t size) {
        std::lock_guard lock(mutex_);
        output_.append(text, size);
    }

    bool clean() const {
        std::lock_guard lock(mutex_);
        return failures_.empty() && !skipped_;
    }

    // Adds what was reported to `record`; an outcome only ever gets worse
    // (passed < skipped < failed < error), so class hooks can add to a test's own result.
    // `as_error` makes assertion failures count as errors (they happened outside the test).
    void finish(TestRecord& record, bool as_error = false) const {
        std::lock_guard lock(mutex_);
        // One at a time: vector's range insert would be compiled for this one call.
        for (const Failure& failure : failures_) record.failures.push_back(Failure(failure));
        for (const Failure& warning : warnings_) record.warnings.push_back(Failure(warning));
        Outcome outcome = Outcome::passed;
        if (error_ || (as_error && !failures_.empty())) outcome = Outcome::error;
        else if (!failures_.empty()) outcome = Outcome::failed;
        else if (skipped_) outcome = Outcome::skipped;
        if (rank(outcome) > rank(record.outcome)) record.outcome = outcome;
        if (skipped_ && record.skip_reason.empty()) record.skip_reason = skip_reason_;
        record.output += output_;
    }

private:
    static int rank(Outcome outcome) noexcept {
        switch (outcome) {
            case Outcome::passed: return 0;
            case Outcome::skipped:
            case Outcome::expected_failure: return 1;
            case Outcome::failed:
            case Outcome::unexpected_success: return 2;
            case Outcome::error: return 3;
        }
        return 3;
    }

    mutable std::mutex mutex_;
    std::vector<Failure> failures_;
    std::vector<Failure> warnings_;
    std::string skip_reason_;
    std::string output_;
    bool error_ = false;
    bool skipped_ = false;
};

// The context that the calling thread's assertions count for; null outside any test.
inline Context*& context_of_this_thread() noexcept {
    thread_local Context* context = nullptr;
    return context;
}

}  // namespace ctp::detail

#endif  // CTP_RUN_TEST_CONTEXT_HPP
