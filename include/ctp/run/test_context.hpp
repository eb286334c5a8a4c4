#ifndef CTP_RUN_TEST_CONTEXT_HPP
#define CTP_RUN_TEST_CONTEXT_HPP

#include <cstddef>  // size_t
#include <mutex>
#include <string>
#include <string_view>
#include <utility>  // exchange, move
#include <vector>

#include "../result.hpp"
#include "../text/text_building.hpp"
#include "run_place.hpp"
#include "subcase_tracker.hpp"

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
        entry_error_ = entry_error_ || is_error;
    }

    // A failed CTP_WARN: reported, and the test still passes.
    void add_warning(Failure warning) {
        std::lock_guard lock(mutex_);
        warnings_.push_back(std::move(warning));
    }

    // A failure that does not throw (GoogleTest's fatal assertions return instead).
    void mark_fatal() {
        std::lock_guard lock(mutex_);
        fatal_ = true;
    }

    void add_property(Property property) {
        std::lock_guard lock(mutex_);
        properties_.push_back(std::move(property));
    }

    // A file kept with the test's record, as an absolute path.
    void add_attachment(std::string path) {
        std::lock_guard lock(mutex_);
        attachments_.push_back(std::move(path));
    }

    // Which attempt of the test this is (--retries), from 1.
    void set_attempt(unsigned attempt) noexcept { attempt_ = attempt; }
    unsigned attempt() const noexcept { return attempt_; }

    bool has_failure() const {
        std::lock_guard lock(mutex_);
        return !failures_.empty();
    }

    bool has_fatal_failure() const {
        std::lock_guard lock(mutex_);
        return fatal_;
    }

    bool is_skipped() const {
        std::lock_guard lock(mutex_);
        return skipped_;
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

    // The test whose body this context runs, named in what its sub-cases report.
    void set_test(const char* suite, const char* name) {
        suite_ = suite;
        name_ = name;
    }

    // One entry of the body: once for a test without sub-cases, once per leaf path with.
    void begin_entry() {
        subcases_.begin_entry();
        in_entry_ = true;
        std::lock_guard lock(mutex_);
        entry_failures_ = failures_.size();
        entry_warnings_ = warnings_.size();
        entry_error_ = false;
        entry_start_ = Clock::now();
    }

    // Returns whether the body is to be entered again. `ran`: the body ran; `threw`: an
    // exception ended it.
    bool end_entry(bool ran, bool threw) {
        in_entry_ = false;
        subcases_.end_entry(ran, threw);
        if (!subcases_.in_subcase()) return !subcases_.done();
        const std::string path = subcases_.entry_path();
        std::lock_guard lock(mutex_);
        // The failures of this entry say which path they are from.
        if (failures_.size() > entry_failures_ || warnings_.size() > entry_warnings_) {
            const std::string line = concat({"\n  sub-case: ", suite_, *suite_ != '\0' ? "." : "", name_, " / ", path});
            for (std::size_t i = entry_failures_; i < failures_.size(); ++i) failures_[i].message += line;
            for (std::size_t i = entry_warnings_; i < warnings_.size(); ++i) warnings_[i].message += line;
        }
        // A SKIP in an entry that entered a sub-case skips that path only.
        const bool skipped = std::exchange(skipped_, false);
        if (subcases_.at_leaf()) {
            SubcaseResult leaf{path,
                               Outcome::passed,
                               entry_failures_,
                               failures_.size() - entry_failures_,
                               skipped ? std::exchange(skip_reason_, {}) : std::string(),
                               Clock::now() - entry_start_};
            if (leaf.failures > 0) leaf.outcome = entry_error_ ? Outcome::error : Outcome::failed;
            else if (skipped) leaf.outcome = Outcome::skipped;
            subcase_results_.push_back(std::move(leaf));
        }
        return !subcases_.done();
    }

    // CTP_SUBCASE's way in: whether to run the sub-case's body.
    bool enter_subcase(std::string_view name, const char* file, int line, int exceptions) {
        if (!in_entry_) {
            add_failure({file, line,
                         concat({"sub-case \"", name, "\" outside a test's body (in a class hook?): it does not run"})},
                        true);
            return false;
        }
        switch (subcases_.enter(name, exceptions)) {
            case SubcaseTracker::Step::enter: return true;
            case SubcaseTracker::Step::pass: return false;
            case SubcaseTracker::Step::duplicate: break;
        }
        const std::string path = subcases_.current_path();
        add_failure({file, line,
                     concat({"sub-case \"", name, "\" appears twice in ", suite_, *suite_ != '\0' ? "." : "", name_,
                             path.empty() ? "" : " / ", path})},
                    true);
        return false;
    }

    void leave_subcase(int exceptions) { subcases_.leave(exceptions); }

    // Where the test runs, as the thread that opened this context saw it: the threads the
    // test starts with its context see the same.
    const RunPlace* place() const noexcept { return place_; }

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
        // A test whose every path was skipped is skipped.
        const SubcaseResult* skipped_path = nullptr;
        for (const SubcaseResult& path : subcase_results_) {
            if (path.outcome != Outcome::skipped) {
                skipped_path = nullptr;
                break;
            }
            if (skipped_path == nullptr) skipped_path = &path;
        }
        const bool skipped = skipped_ || skipped_path != nullptr;
        Outcome outcome = Outcome::passed;
        if (error_ || (as_error && !failures_.empty())) outcome = Outcome::error;
        else if (!failures_.empty()) outcome = Outcome::failed;
        else if (skipped) outcome = Outcome::skipped;
        if (rank(outcome) > rank(record.outcome)) record.outcome = outcome;
        if (skipped && record.skip_reason.empty())
            record.skip_reason = skipped_ ? skip_reason_ : skipped_path->skip_reason;
        if (!subcase_results_.empty()) {
            // The paths of the last attempt, pointing at its failures, which follow the earlier ones'.
            const std::size_t base = record.failures.size() - failures_.size();
            record.subcases.clear();
            for (const SubcaseResult& path : subcase_results_) {
                record.subcases.push_back(SubcaseResult(path));  // as the failures above
                record.subcases.back().first_failure += base;
            }
        }
        record.output += output_;
        for (const Property& property : properties_) record.properties.push_back(Property(property));
        for (const std::string& path : attachments_) record.attachments.push_back(path);
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
    const RunPlace* place_ = current_place();
    SubcaseTracker subcases_;  // only the test's own thread enters sub-cases
    std::vector<SubcaseResult> subcase_results_;
    const char* suite_ = "";
    const char* name_ = "";
    std::size_t entry_failures_ = 0;  // where this entry's failures and warnings start
    std::size_t entry_warnings_ = 0;
    bool entry_error_ = false;
    bool in_entry_ = false;  // class hooks have contexts too, without entries
    Clock::time_point entry_start_;
    std::vector<Failure> failures_;
    std::vector<Failure> warnings_;
    std::string skip_reason_;
    std::string output_;
    std::vector<Property> properties_;
    std::vector<std::string> attachments_;
    unsigned attempt_ = 1;
    bool error_ = false;
    bool skipped_ = false;
    bool fatal_ = false;
};

// The context that the calling thread's assertions count for; null outside any test.
inline Context*& context_of_this_thread() noexcept {
    thread_local Context* context = nullptr;
    return context;
}

// Where the calling thread's test runs: its context's place, else the thread's own; null
// outside the runner.
inline const RunPlace* place_of_this_test() noexcept {
    const Context* context = context_of_this_thread();
    return context != nullptr && context->place() != nullptr ? context->place() : current_place();
}

}  // namespace ctp::detail

#endif  // CTP_RUN_TEST_CONTEXT_HPP
