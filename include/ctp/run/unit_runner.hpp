#ifndef CTP_RUN_UNIT_RUNNER_HPP
#define CTP_RUN_UNIT_RUNNER_HPP

#include <cstddef>  // size_t
#include <memory>   // unique_ptr
#include <span>
#include <string>
#include <utility>  // exchange, move
#include <vector>

#include "../context.hpp"
#include "../detail/live_server_handle.hpp"
#include "../front_end.hpp"
#include "../plan/decorations.hpp"
#include "../plan/plan.hpp"
#include "../plan/resources.hpp"
#include "../result.hpp"
#include "../test_info.hpp"
#include "../text/exception_text.hpp"
#include "../text/text_building.hpp"
#include "run_place.hpp"
#include "test_context.hpp"

namespace ctp::detail {

// What the scopes of CTP_INFO and CTP_CAPTURE that the latest exception left had in context
// (run/context_lines.hpp); empty when none, and empty again once taken.
std::string take_unwound_context();

// Turns the exception in flight, thrown by one step of a test (`stage`: "set_up", "test"...),
// into what the test reports; call only inside a catch block.
inline void report_step_exception(Context& run, const TestInfo& info, const char* stage) {
    const std::string context = take_unwound_context();
    try {
        throw;
    } catch (const RequireFailed&) {
    } catch (SkipRequested& skip) {
        run.skip(std::move(skip.reason));
    } catch (...) {
        run.add_failure({info.file, info.line,
                         concat({"unexpected exception in ", stage, ": ", describe_current_exception(), context})},
                        true);
    }
}

// Runs one step of a test and returns whether it completed.
template <class Step>
bool run_step(Context& run, const TestInfo& info, const char* stage, Step&& step) {
    try {
        step();
        return true;
    } catch (...) {
        report_step_exception(run, info, stage);
        return false;
    }
}

// One entry of a test: its fixture's construction, set_up, the body, tear_down and
// destruction, each step guarded. Returns whether the test is to be entered again, for its
// next sub-case.
inline bool run_entry(const TestInfo& info, Context& run) {
    run.begin_entry();
    if (info.make == nullptr) {
        const bool returned = run_step(run, info, "test", [&] { info.run(info, nullptr); });
        return run.end_entry(true, !returned);
    }
    std::unique_ptr<TestCase> fixture;
    bool ran = false, returned = false;
    if (run_step(run, info, "fixture constructor", [&] { fixture.reset(info.make()); })) {
        if (run_step(run, info, "set_up", [&] { fixture->set_up(); })) {
            ran = true;
            returned = run_step(run, info, "test", [&] { info.run(info, fixture.get()); });
            run_step(run, info, "tear_down", [&] { fixture->tear_down(); });
        }
        run_step(run, info, "fixture destructor", [&] { fixture.reset(); });
    }
    return run.end_entry(ran, ran && !returned);
}

// One attempt at a test: an entry per leaf path of its sub-cases, or just one.
inline void run_lifecycle(const TestInfo& info, Context& run) {
    run.set_test(info.suite(), info.name());
    while (run_entry(info, run)) {}
}

// One attempt after another until one does not fail, or `retries` reruns are used up.
// The failures of every attempt stay in the record; a test that passes on a rerun is flaky.
inline void run_attempts(const TestInfo& info, TestRecord& record, unsigned retries, LiveServerHandle* live_server) {
    for (unsigned attempt = 1;; ++attempt) {
        Context run;
        run.set_attempt(attempt);
        take_unwound_context();  // what an exception caught inside an earlier test left
        if (live_server != nullptr) live_server->set_current(&run, &info);
        const std::size_t assertions_before = assertions_made;
        {
            ContextScope scope{TestContext(run)};
            const TestEvents* events = test_events;
            if (events != nullptr) run_step(run, info, "a listener's test start", [&] { events->start(info); });
            run_lifecycle(info, run);
            if (events != nullptr) run_step(run, info, "a listener's test end", [&] { events->end(info); });
        }
        record.assertions += assertions_made - assertions_before;
        if (live_server != nullptr) live_server->set_current(nullptr, nullptr);
        // The outcome is this attempt's; failures and output add up over the attempts.
        record.outcome = Outcome::passed;
        record.skip_reason.clear();
        run.finish(record);
        record.attempts = attempt;
        const bool bad = record.outcome == Outcome::failed || record.outcome == Outcome::error;
        if (!bad || attempt > retries) {
            record.flaky = !bad && attempt > 1;
            return;
        }
    }
}

// The reruns a failed test gets: its own ctp::retries, else --retries; none for a test that
// may fail, since a rerun would not change what its failure means.
inline unsigned retries_for(const TestInfo& info, unsigned retries) {
    const Expectation expectation = expectation_of(info);
    if (expectation == Expectation::failure || expectation == Expectation::either) return 0;
    const int own = retries_of(info);
    return own >= 0 ? static_cast<unsigned>(own) : retries;
}

// What ctp::expected_failure() and ctp::may_fail() make of a finished test's outcome; its
// failures stay in the record.
inline void apply_expectation(const TestInfo& info, TestRecord& record) {
    const Expectation expectation = expectation_of(info);
    if (expectation != Expectation::failure && expectation != Expectation::either) return;
    if (record.outcome == Outcome::failed || record.outcome == Outcome::error)
        record.outcome = Outcome::expected_failure;
    else if (record.outcome == Outcome::passed && expectation == Expectation::failure)
        record.outcome = Outcome::unexpected_success;
}

// The reason of a test decorated ctp::skip(...) that is not to run; null for one that runs.
inline const char* skip_reason(const TestInfo& info, bool run_skipped) {
    return run_skipped ? nullptr : skip_reason_of(info);
}

// What a unit's class and tests declare, merged: empty (and no allocation) for most units.
inline std::vector<ResourceUse> declared_resources(const Plan& plan, std::span<const std::size_t> tests) {
    std::vector<ResourceUse> uses;
    for (std::size_t index : tests)
        if (declares_resources(*plan.tests[index], false))
            for (ResourceUse& use : resources_of(*plan.tests[index], false)) add_use(uses, std::move(use));
    return uses;
}

// What runs a unit needs from whoever schedules it: the thread pool, or an isolated worker.
class UnitHost {
public:
    virtual bool stopped() const noexcept = 0;
    // The record that test `index` reports into, with its names filled in; the test is
    // running from now on.
    virtual TestRecord& begin_test(std::size_t index) = 0;
    // The record is complete, though tear_down_class may still add to it through record().
    virtual void end_test(std::size_t index) = 0;
    virtual TestRecord& record(std::size_t index) = 0;
    // The record is final.
    virtual void announce(std::size_t index) = 0;

protected:
    ~UnitHost() = default;
};

// `skipped`: the reason of a ctp::skip that applies, or null.
inline void run_test(const TestInfo& info, UnitHost& host, std::size_t index, const Context* class_failure,
                     unsigned retries, const char* skipped, LiveServerHandle* live_server) {
    TestRecord& record = host.begin_test(index);
    record.start = Clock::now();
    if (skipped != nullptr) {
        record.outcome = Outcome::skipped;
        record.skip_reason = skipped;
    } else if (class_failure != nullptr) {
        class_failure->finish(record, true);
    } else {
        run_attempts(info, record, retries_for(info, retries), live_server);
        apply_expectation(info, record);
    }
    record.end = Clock::now();
    record.duration = record.end - record.start;
    host.end_test(index);
}

// Runs `tests` (indices into plan.tests, all of `fixture` or a single free test), with the
// class hooks around them; a class whose tests are all skipped gets no class hooks.
inline void run_unit(const Plan& plan, const FixtureInfo* fixture, std::span<std::size_t> tests, UnitHost& host,
                     unsigned retries, bool run_skipped) {
    if (tests.empty() || host.stopped()) return;
    bool all_skipped = true;
    for (std::size_t index : tests) all_skipped = all_skipped && skip_reason(*plan.tests[index], run_skipped);
    if (fixture == nullptr || all_skipped) {
        for (std::size_t index : tests) {
            if (host.stopped() && index != tests.front()) break;
            const TestInfo& info = *plan.tests[index];
            run_test(info, host, index, nullptr, retries, skip_reason(info, run_skipped), nullptr);
            host.announce(index);
        }
        return;
    }
    const TestInfo& first = *plan.tests[tests[0]];
    Context class_run;
    bool class_ready = false;
    std::unique_ptr<LiveServerHandle> live_server;
    // A live-server class in the pool finds its server through its worker's place; in the
    // serial phase, where one runs at a time, through the process-wide pointer.
    RunPlace* place = current_place();
    LiveServerHandle*& active = place != nullptr && place->in_pool ? place->live_server : active_live_server();
    {
        ContextScope scope{TestContext(class_run)};
        class_ready = fixture->configure_live_server == nullptr || live_server_factory() == nullptr ||
                      run_step(class_run, first, "the live server's start", [&] {
                          live_server.reset(live_server_factory()(*fixture));
                          live_server->set_current(&class_run, &first);
                          active = live_server.get();
                      });
        class_ready =
            class_ready && run_step(class_run, first, "set_up_class", fixture->set_up_class) && class_run.clean();
    }
    LiveServerHandle* server = live_server.get();
    // Each test is announced when the next one starts, so that a failure of
    // tear_down_class is in the last test's record before anyone sees it.
    const std::size_t none = plan.tests.size();
    std::size_t last = none, unannounced = none;
    for (std::size_t index : tests) {
        if (unannounced != none) host.announce(std::exchange(unannounced, none));
        // Once the class is set up its first test runs, even if the run is stopping.
        if (host.stopped() && last != none) break;
        const TestInfo& info = *plan.tests[index];
        run_test(info, host, index, class_ready ? nullptr : &class_run, retries, skip_reason(info, run_skipped),
                 server);
        last = unannounced = index;
    }
    Context teardown_run;
    if (server != nullptr) server->set_current(&teardown_run, &first);
    if (class_ready) {
        ContextScope scope{TestContext(teardown_run)};
        run_step(teardown_run, first, "tear_down_class", fixture->tear_down_class);
    }
    if (server != nullptr) {
        active = nullptr;
        server->stop();
        for (Failure& failure : server->take_late()) teardown_run.add_failure(std::move(failure));
    }
    teardown_run.finish(host.record(last), true);
    if (unannounced != none) host.announce(unannounced);
}

}  // namespace ctp::detail

#endif  // CTP_RUN_UNIT_RUNNER_HPP
