#ifndef CTP_RUNNER_HPP
#define CTP_RUNNER_HPP

#include <atomic>
#include <cstddef>  // size_t
#include <mutex>
#include <string>
#include <thread>   // jthread
#include <utility>  // exchange, move
#include <vector>

#include "detail/exception_text.hpp"
#include "detail/schedule.hpp"
#include "detail/test_run.hpp"
#include "listener.hpp"
#include "options.hpp"
#include "registry.hpp"
#include "result.hpp"

namespace ctp {

namespace detail {

// Runs `step` and turns whatever it throws into what the test reports.
// Returns whether the step completed.
template <class Step>
bool guarded(TestRun& run, const TestInfo& info, const char* stage, Step&& step) {
    try {
        step();
        return true;
    } catch (const RequireFailed&) {
    } catch (SkipRequested& skip) {
        run.skip(std::move(skip.reason));
    } catch (...) {
        run.add_failure({info.file, info.line,
                         std::string("unexpected exception in ") + stage + ": " +
                             describe_current_exception()},
                        true);
    }
    return false;
}

class Execution {
public:
    Execution(const Plan& plan, const Options& options)
        : plan_(plan), options_(options), records_(plan.tests.size()), ran_(plan.tests.size(), 0) {}

    Result run() {
        Result result;
        result.found = plan_.tests.size();
        result.seed = options_.shuffle;
        result.start = Clock::now();
        notify([&](Listener& listener) { listener.on_run_start(result); });
        if (options_.parallel == 0) {
            for (const Unit& unit : plan_.units) run_unit(unit, 0);
        } else {
            result.workers = run_parallel_phase();
            run_serial_phase();
        }
        result.end = Clock::now();
        collect(result);
        notify([&](Listener& listener) { listener.on_run_end(result); });
        return result;
    }

private:
    unsigned run_parallel_phase() {
        std::vector<const Unit*> units;
        std::size_t count = 0;
        for (const Unit& unit : plan_.units)
            if (unit.phase == Phase::parallel) units.push_back(&unit), count += unit.tests.size();
        if (units.empty()) return 0;
        notify([&](Listener& listener) { listener.on_phase_start(Phase::parallel, count); });
        const unsigned workers =
            static_cast<unsigned>(std::min<std::size_t>(options_.parallel, units.size()));
        std::atomic<std::size_t> next{0};
        {
            std::vector<std::jthread> pool;
            pool.reserve(workers);
            for (unsigned worker = 1; worker <= workers; ++worker)
                pool.emplace_back([this, &units, &next, worker] {
                    for (std::size_t i; (i = next.fetch_add(1)) < units.size();)
                        run_unit(*units[i], worker);
                });
        }
        return workers;
    }

    void run_serial_phase() {
        std::size_t count = 0;
        for (const Unit& unit : plan_.units)
            if (unit.phase == Phase::serial) count += unit.tests.size();
        if (count == 0 || stopped()) return;
        notify([&](Listener& listener) { listener.on_phase_start(Phase::serial, count); });
        for (const Unit& unit : plan_.units)
            if (unit.phase == Phase::serial) run_unit(unit, 0);
    }

    bool stopped() const noexcept { return stop_.load(std::memory_order_acquire); }

    void run_unit(const Unit& unit, unsigned worker) {
        if (stopped()) return;
        if (unit.fixture == nullptr) {
            run_test(unit.tests.front(), unit.phase, worker, nullptr);
            finished(unit.tests.front());
            return;
        }
        const TestInfo& first = *plan_.tests[unit.tests.front()];
        TestRun class_run;
        bool class_ready = false;
        {
            CurrentTestRun current(class_run);
            class_ready = guarded(class_run, first, "set_up_class", unit.fixture->set_up_class) &&
                          class_run.clean();
        }
        // Each test is announced when the next one starts, so that a failure of
        // tear_down_class is in the last test's record before anyone sees it.
        const std::size_t none = plan_.tests.size();
        std::size_t last = none, unannounced = none;
        for (std::size_t index : unit.tests) {
            if (unannounced != none) finished(std::exchange(unannounced, none));
            if (stopped()) break;
            run_test(index, unit.phase, worker, class_ready ? nullptr : &class_run);
            last = unannounced = index;
        }
        if (class_ready) {
            TestRun teardown_run;
            {
                CurrentTestRun current(teardown_run);
                guarded(teardown_run, first, "tear_down_class", unit.fixture->tear_down_class);
            }
            // With no test run (--failfast stopped the run meanwhile) there is no record to
            // carry a failure, and the run has already failed.
            if (last != none) teardown_run.finish(records_[last], true);
        }
        if (unannounced != none) finished(unannounced);
    }

    // `class_failure`, when set, is why the class hooks failed: the test does not run and
    // reports that instead.
    void run_test(std::size_t index, Phase phase, unsigned worker, const TestRun* class_failure) {
        const TestInfo& info = *plan_.tests[index];
        TestRecord& record = records_[index];
        record.suite = info.suite;
        record.name = info.name;
        record.file = info.file;
        record.line = info.line;
        record.phase = phase;
        record.worker = worker;
        record.start = Clock::now();
        if (class_failure != nullptr) {
            class_failure->finish(record, true);
        } else {
            TestRun run;
            {
                CurrentTestRun current(run);
                execute(info, run);
            }
            run.finish(record);
        }
        record.end = Clock::now();
        record.duration = record.end - record.start;
        ran_[index] = 1;
    }

    void finished(std::size_t index) {
        const TestRecord& record = records_[index];
        if (options_.failfast &&
            (record.outcome == Outcome::failed || record.outcome == Outcome::error))
            stop_.store(true, std::memory_order_release);
        notify([&](Listener& listener) { listener.on_test_end(record); });
    }

    static void execute(const TestInfo& info, TestRun& run) {
        if (info.make == nullptr) {
            guarded(run, info, "test", [&] { info.run(info, nullptr); });
            return;
        }
        TestCase* fixture = nullptr;
        if (!guarded(run, info, "fixture constructor", [&] { fixture = info.make(); })) return;
        if (guarded(run, info, "set_up", [&] { fixture->set_up(); })) {
            guarded(run, info, "test", [&] { info.run(info, fixture); });
            guarded(run, info, "tear_down", [&] { fixture->tear_down(); });
        }
        guarded(run, info, "fixture destructor", [&] { delete fixture; });
    }

    template <class Event>
    void notify(Event&& event) {
        if (options_.listener == nullptr) return;
        std::lock_guard lock(listener_mutex_);
        event(*options_.listener);
    }

    void collect(Result& result) {
        for (std::size_t i = 0; i < records_.size(); ++i) {
            if (!ran_[i]) {
                ++result.not_run;
                continue;
            }
            switch (records_[i].outcome) {
                case Outcome::passed: ++result.passed; break;
                case Outcome::failed: ++result.failed; break;
                case Outcome::error: ++result.errors; break;
                case Outcome::skipped: ++result.skipped; break;
            }
            result.tests.push_back(std::move(records_[i]));
        }
    }

    const Plan& plan_;
    const Options& options_;
    std::vector<TestRecord> records_;  // indexed like plan_.tests; each written by one thread
    std::vector<unsigned char> ran_;
    std::atomic<bool> stop_{false};
    std::mutex listener_mutex_;
};

}  // namespace detail

namespace detail {

inline Result run_plan(const Plan& plan, const Options& options) {
    return Execution(plan, options).run();
}

}  // namespace detail

inline Result run(const Registry& registry, const Options& options) {
    return detail::run_plan(detail::make_plan(registry, options), options);
}

inline Result run(const Options& options) { return run(Registry::global(), options); }

}  // namespace ctp

#endif  // CTP_RUNNER_HPP
