#ifndef CTP_RUN_EXECUTION_HPP
#define CTP_RUN_EXECUTION_HPP

#include <atomic>
#include <cstddef>  // size_t
#include <cstdint>  // int64_t
#include <memory>   // unique_ptr, make_unique
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <utility>  // move
#include <vector>

#include "../exit_code.hpp"
#include "../listener.hpp"
#include "../options.hpp"
#include "../plan/durations.hpp"
#include "../plan/plan.hpp"
#include "../result.hpp"
#include "../text/text_building.hpp"
#include "abort.hpp"
#include "artifacts.hpp"
#include "clock.hpp"
#include "fatal_errors.hpp"
#include "isolation/forked_worker_pool.hpp"
#include "listener_calls.hpp"
#include "output_capture.hpp"
#include "records.hpp"
#include "resource_scheduler.hpp"
#include "run_place.hpp"
#include "unit_runner.hpp"
#include "watchdog.hpp"
#include "worker_pool.hpp"

namespace ctp::detail {

class Execution;

// The run that assertions made outside any test's context are reported to.
inline std::atomic<Execution*>& active_execution() noexcept {
    static std::atomic<Execution*> execution{nullptr};
    return execution;
}

// Runs a plan in one or two phases: in the calling thread, with N - 1 more threads in the
// parallel phase, or in forked worker processes with --isolate.
class Execution final : public UnitHost {
public:
    Execution(const Plan& plan, const Options& options)
        : plan_(plan),
          options_(options),
          iterations_(options.repeat > 1 ? options.repeat : 1),
          records_(plan, iterations_),
          phases_(unit_phases(plan)),
          unit_resources_(unit_resources(plan, options.live_in_pool)),
          slot_count_((options.parallel > 1 ? options.parallel : 1) + 1),
          slots_(std::make_unique<Slot[]>(slot_count_)),
          listener_(options.listener, records_),
          watched_(needs_watchdog()) {}

    Result run() {
        start_ = Clock::now();
        Result result = result_header(plan_, options_, iterations_, start_);
        // Copied into a new vector and moved: vector's copy assignment would be compiled for
        // these few calls only.
        result.warnings = std::vector<std::string>(warnings_);
        active_execution() = this;
        artifact_place().directory = artifact_directory(options_);
        {
            // Isolated workers capture their own descriptors and are watched by this process.
            std::optional<OutputCapture> capture;
            if (options_.capture != CaptureMode::none && !isolated())
                capture.emplace(options_.capture == CaptureMode::tee);
            FatalErrorGuard fatal_errors(&on_fatal_error, this);
            Watchdog watchdog;
            if (watched_ && !isolated()) watchdog = Watchdog([this] { check_time(); });
            listener_.notify([&](Listener& listener) { listener.on_run_start(result); });
            for (iteration_ = 0; iteration_ < iterations_ && !stopped(); ++iteration_) {
                artifact_place().iteration = static_cast<unsigned>(iteration_ + 1);
                if (options_.parallel == 0) {
                    run_in_order();
                } else {
                    result.workers = run_parallel_phase();
                    confirm_failures();
                    run_serial_phase();
                }
            }
        }
        result.end = Clock::now();
        result.waits = index_waits();
        records_.collect(result, false);
        {
            std::lock_guard lock(unattributed_mutex_);
            result.unattributed = std::move(unattributed_);
        }
        active_execution() = nullptr;
        listener_.notify([&](Listener& listener) { listener.on_run_end(result); });
        return result;
    }

    // Said before the run starts, in the result's warnings.
    void warn(std::string warning) { warnings_.push_back(std::move(warning)); }

    void add_unattributed(Failure failure) {
        std::lock_guard lock(unattributed_mutex_);
        unattributed_.push_back(std::move(failure));
    }

    bool stopped() const noexcept override { return stop_.load(std::memory_order_acquire); }

    TestRecord& begin_test(std::size_t index) override {
        const std::size_t at = position(index);
        TestRecord& record = records_[at];
        const TestInfo& info = *plan_.tests[index];
        record.suite = info.suite();
        record.name = info.name();
        record.file = info.file;
        record.line = info.line;
        if (info.parameter != nullptr) record.parameter = info.parameter;
        if (const char* description = description_of(info)) record.description = description;
        if (info.decorations != nullptr || (info.fixture != nullptr && info.fixture->decorations != nullptr))
            record.tags = tags_of(info);
        if (declares_resources(info, options_.live_in_pool))
            record.resources = resources_of(info, options_.live_in_pool);
        record.phase = options_.parallel == 0 ? phases_[index] : current_phase_;
        record.worker = worker_;
        record.iteration = static_cast<unsigned>(iteration_ + 1);
        Slot& slot = slots_[worker_];
        if (watched_) slot.started.store(now_ns(), std::memory_order_relaxed);
        slot.test.store(at, std::memory_order_release);
        records_.set_state(at, RunRecords::State::running);
        listener_.test_started(at, slot.pending);
        return record;
    }

    void end_test(std::size_t index) override {
        records_.set_state(position(index), RunRecords::State::done);
        slots_[worker_].test.store(idle, std::memory_order_release);
    }

    TestRecord& record(std::size_t index) override { return records_[position(index)]; }

    void announce(std::size_t index) override {
        const std::size_t at = position(index);
        const Outcome outcome = records_[at].outcome;
        if (options_.failfast &&
            (outcome == Outcome::failed || outcome == Outcome::error || outcome == Outcome::unexpected_success))
            stop_.store(true, std::memory_order_release);
        listener_.test_ended(at, slots_[worker_].pending);
    }

private:
    static constexpr std::size_t idle = static_cast<std::size_t>(-1);

    // What one thread is running, for the watchdog and the fault handler. A cache line each:
    // two workers' slots side by side would be written by both at every test.
    struct alignas(64) Slot {
        std::atomic<std::size_t> test{idle};  // a position in records_
        std::atomic<std::int64_t> started{0};
        ListenerCalls::Pending pending;  // only this thread's
        RunPlace place;                  // what its tests see of where they run
    };

    std::size_t position(std::size_t index) const noexcept { return iteration_ * plan_.tests.size() + index; }

    // The plan's units of `phase` (all of them without --parallel), as indices into
    // plan_.units; adds their tests to `count`.
    std::vector<std::size_t> units_of(Phase phase, std::size_t& count) const {
        std::vector<std::size_t> units;
        for (std::size_t i = 0; i < plan_.units.size(); ++i)
            if (options_.parallel == 0 || plan_.units[i].phase == phase)
                units.push_back(i), count += plan_.units[i].tests.size();
        return units;
    }

    void run_here(std::size_t unit) {
        RunPlace& place = slots_[worker_].place;
        place.held = unit_resources_.empty() || unit_resources_[unit].empty() ? nullptr : &unit_resources_[unit];
        run_unit(plan_, plan_.units[unit].fixture, plan_.units[unit].tests, *this, options_.retries,
                 options_.run_skipped);
        place.held = nullptr;
    }

    // The pool's workers, as ctp::worker_count() says in every test of the run: --parallel's,
    // at most one per unit of the parallel phase; 1 without a pool.
    unsigned pool_size() const noexcept {
        unsigned units = 0;
        for (const Unit& unit : plan_.units) units += unit.phase == Phase::parallel ? 1 : 0;
        const unsigned size = options_.parallel < units ? options_.parallel : units;
        return size > 0 ? size : 1;
    }

    unsigned run_parallel_phase() {
        std::size_t count = 0;
        const std::vector<std::size_t> units = units_of(Phase::parallel, count);
        if (units.empty() || stopped()) return 0;
        current_phase_ = Phase::parallel;
        listener_.notify([&](Listener& listener) { listener.on_phase_start(Phase::parallel, count); });
        const unsigned workers = pool_size();
        for (unsigned worker = 1; worker <= workers; ++worker) slots_[worker].place = {worker, workers, true};
        // Units that declare resources are handed out one at a time by a scheduler that keeps
        // their holders apart; the others are claimed from a counter.
        std::unique_ptr<ResourceScheduler> scheduler;
        if (holds_resources(units)) scheduler = std::make_unique<ResourceScheduler>(plan_, units, unit_resources_);
        if (isolated()) {
            run_isolated(units, workers, true, scheduler.get());
        } else {
            UnitClaims claims(units.size());
            // One lambda for both ways: each run_workers instantiation compiles a std::jthread.
            run_workers(workers, [&](unsigned worker) { work(worker, units, claims, scheduler.get()); });
        }
        if (scheduler != nullptr)
            for (ResourceWait& wait : scheduler->take_waits()) {
                wait.test = position(plan_.units[units[wait.test]].tests.front());
                waits_.push_back(std::move(wait));
            }
        return workers;
    }

    bool holds_resources(const std::vector<std::size_t>& units) const noexcept {
        if (unit_resources_.empty()) return false;
        for (std::size_t unit : units)
            if (!unit_resources_[unit].empty()) return true;
        return false;
    }

    // The waits with their tests' positions turned into indices in Result::tests, which
    // leaves out the records of tests that did not run.
    std::vector<ResourceWait> index_waits() {
        if (waits_.empty()) return {};
        std::vector<std::size_t> index(records_.size());
        for (std::size_t at = 0, kept = 0; at < records_.size(); ++at) {
            index[at] = kept;
            if (records_.state(at) == RunRecords::State::done) ++kept;
        }
        for (ResourceWait& wait : waits_) wait.test = index[wait.test];
        return std::move(waits_);
    }

    // A worker of the parallel phase: takes units until none is left.
    void work(unsigned worker, const std::vector<std::size_t>& units, UnitClaims& claims,
              ResourceScheduler* scheduler) {
        worker_ = worker;
        Slot& slot = slots_[worker];
        const PlaceScope place(slot.place);
        if (scheduler != nullptr) {
            slot.pending.batching = false;
            for (std::size_t at; scheduler->take(at, worker, stop_);) {
                run_here(units[at]);
                listener_.flush(slot.pending);
                scheduler->release(at);  // wakes the waiting workers, also to see a failfast stop
            }
        } else {
            for (UnitClaims::Claim claim; claims.next(claim);) {
                const std::int64_t began = now_ns();
                slot.pending.batching = claim.last - claim.first > 1;
                for (std::size_t i = claim.first; i < claim.last; ++i) run_here(units[i]);
                listener_.flush(slot.pending);
                UnitClaims::took(claim, now_ns() - began);
            }
        }
        worker_ = 0;
    }

    // Where --confirm-failures reruns report: records of their own, so that the pool's stay
    // as they were, and no listener hears of them. Its tests are those of the rerun's plan.
    class Rerun final : public UnitHost {
    public:
        Rerun(Execution& execution, const std::vector<std::size_t>& pool_index)
            : execution_(execution),
              pool_index_(pool_index),
              records_(pool_index.size()) {}

        bool stopped() const noexcept override { return execution_.stopped(); }

        TestRecord& begin_test(std::size_t index) override {
            // The watchdog and the fault handler name the test by its pool record.
            Slot& slot = execution_.slots_[worker_];
            if (execution_.watched_) slot.started.store(now_ns(), std::memory_order_relaxed);
            slot.test.store(execution_.position(pool_index_[index]), std::memory_order_release);
            return records_[index];
        }

        void end_test(std::size_t) override { execution_.slots_[worker_].test.store(idle, std::memory_order_release); }
        TestRecord& record(std::size_t index) override { return records_[index]; }
        void announce(std::size_t) override {}

        // A rerun that needed a retry of the test's own ctp::retries failed alone too.
        bool passed(std::size_t index) const noexcept {
            return records_[index].outcome == Outcome::passed && !records_[index].flaky;
        }

    private:
        Execution& execution_;
        const std::vector<std::size_t>& pool_index_;
        std::vector<TestRecord> records_;
    };

    // --confirm-failures: each test that failed or had an error in the pool runs again alone,
    // between the class hooks of its unit (around only its unit's failed tests) and without
    // --retries. One that passes keeps its outcome and is marked failed only in parallel.
    void confirm_failures() {
        if (!options_.confirm_failures || stopped()) return;
        Plan rerun;
        std::vector<std::size_t> pool_index;  // rerun.tests[i] is plan_.tests[pool_index[i]]
        std::vector<std::size_t> ends;        // where each rerun unit's tests end in rerun.order
        std::vector<const FixtureInfo*> fixtures;
        for (const Unit& unit : plan_.units) {
            if (unit.phase != Phase::parallel) continue;
            const std::size_t before = pool_index.size();
            for (std::size_t index : unit.tests) {
                const std::size_t at = position(index);
                const Outcome outcome = records_[at].outcome;
                if (records_.state(at) == RunRecords::State::done &&
                    (outcome == Outcome::failed || outcome == Outcome::error))
                    pool_index.push_back(index);
            }
            if (pool_index.size() == before) continue;
            fixtures.push_back(unit.fixture);
            ends.push_back(pool_index.size());
        }
        if (pool_index.empty()) return;
        for (std::size_t i = 0; i < pool_index.size(); ++i) {
            rerun.tests.push_back(plan_.tests[pool_index[i]]);
            rerun.order.push_back(i);
        }
        std::vector<std::size_t> units;
        for (std::size_t u = 0, begin = 0; u < ends.size(); begin = ends[u++]) {
            rerun.units.push_back(
                {fixtures[u], Phase::parallel, std::span(rerun.order).subspan(begin, ends[u] - begin)});
            units.push_back(u);
        }
        Rerun host(*this, pool_index);
        if (isolated()) {
#if defined(CTP_DETAIL_HAS_ISOLATE)
            ForkedWorkerPool(rerun, host, 0, options_.run_skipped, options_.capture != CaptureMode::none,
                             options_.capture == CaptureMode::tee, options_.timeout)
                .run(units, 1, {0, pool_size(), false});
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)
        } else {
            // Worker 1 of the pool's, as in the serial phase; nothing else runs.
            RunPlace place{.worker = 1, .workers = pool_size()};
            RunPlace* const outer = std::exchange(current_place(), &place);
            for (const Unit& unit : rerun.units)
                run_unit(rerun, unit.fixture, unit.tests, host, 0, options_.run_skipped);
            current_place() = outer;
        }
        for (std::size_t i = 0; i < pool_index.size(); ++i)
            if (host.passed(i)) records_[position(pool_index[i])].failed_only_in_parallel = true;
    }

    void run_serial_phase() {
        std::size_t count = 0;
        const std::vector<std::size_t> units = units_of(Phase::serial, count);
        if (units.empty() || stopped()) return;
        current_phase_ = Phase::serial;
        listener_.notify([&](Listener& listener) { listener.on_phase_start(Phase::serial, count); });
        run_one_by_one(units);
    }

    // Without --parallel: every unit in discovery order, with no phase split.
    void run_in_order() {
        std::size_t count = 0;
        run_one_by_one(units_of(Phase::parallel, count));
    }

    void run_one_by_one(const std::vector<std::size_t>& units) {
        if (isolated()) {
            run_isolated(units, 1, false);
            return;
        }
        slots_[0].place = {1, pool_size(), false};
        const PlaceScope place(slots_[0].place);
        for (std::size_t unit : units) run_here(unit);
    }

    bool isolated() const noexcept {
#if defined(CTP_DETAIL_HAS_ISOLATE)
        return options_.isolate;
#else
        return false;
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)
    }

    // `in_pool`: the parallel phase's workers; else one worker, for the serial phase or a run
    // without --parallel. With a `scheduler`, units that hold resources.
    void run_isolated([[maybe_unused]] const std::vector<std::size_t>& units, [[maybe_unused]] unsigned workers,
                      [[maybe_unused]] bool in_pool, [[maybe_unused]] ResourceScheduler* scheduler = nullptr) {
#if defined(CTP_DETAIL_HAS_ISOLATE)
        ForkedWorkerPool(plan_, *this, options_.retries, options_.run_skipped, options_.capture != CaptureMode::none,
                         options_.capture == CaptureMode::tee, options_.timeout)
            .run(units, workers, {0, pool_size(), in_pool}, scheduler);
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)
    }

    bool needs_watchdog() const noexcept {
        for (const TestInfo* info : plan_.tests)
            if (time_limit(*info, options_.timeout) > 0) return true;
        return false;
    }

    // The watchdog's round: a thread cannot be killed, so a test past its time ends the run,
    // keeping every result.
    void check_time() {
        for (std::size_t i = 0; i < slot_count_; ++i) {
            Slot& slot = slots_[i];
            const std::size_t at = slot.test.load(std::memory_order_acquire);
            if (at == idle) continue;
            const double limit = time_limit(records_.info(at), options_.timeout);
            const double ran = overtime(limit, slot.started.load(std::memory_order_relaxed));
            if (ran == 0) continue;
            const ShortText seconds = describe_overtime(ran, limit);
            abort(concat({"timeout: ", full_name(records_.info(at)), " ran for ", seconds}), exit_timeout, at,
                  concat({"timed out after ", seconds}));
        }
    }

    static void on_fatal_error(const std::string& what, void* context) {
        auto* self = static_cast<Execution*>(context);
        const std::size_t at = self->slots_[worker_].test.load(std::memory_order_acquire);
        const std::string culprit = at == idle ? "" : full_name(self->records_.info(at));
        self->abort(concat({what, culprit.empty() ? "" : " in ", culprit}), exit_crash, at,
                    concat({what, thread_context_lines()}));
    }

    [[noreturn]] void abort(std::string reason, int code, std::size_t culprit, const std::string& message) {
        stop_.store(true, std::memory_order_release);
        Result result = result_header(plan_, options_, iterations_, start_);
        result.workers =
            options_.parallel < plan_.units.size() ? options_.parallel : static_cast<unsigned>(plan_.units.size());
        if (std::unique_lock lock(unattributed_mutex_, std::try_to_lock); lock)
            result.unattributed = std::vector<Failure>(unattributed_);
        abort_run(records_, listener_, std::move(result), std::move(reason), code, culprit, message);
    }

    const Plan& plan_;
    const Options& options_;
    const std::size_t iterations_;
    std::size_t iteration_ = 0;
    Phase current_phase_ = Phase::parallel;
    Clock::time_point start_;
    RunRecords records_;
    const std::vector<Phase> phases_;                             // each test's unit's, as the plan's tests
    const std::vector<std::vector<ResourceUse>> unit_resources_;  // as the plan's units; empty if none
    std::vector<ResourceWait> waits_;                             // `test` a position in records_ until the run ends
    const std::size_t slot_count_;
    std::unique_ptr<Slot[]> slots_;  // indexed by worker number, as TestRecord::worker
    ListenerCalls listener_;
    const bool watched_;  // a time limit applies to some test
    std::atomic<bool> stop_{false};
    std::mutex unattributed_mutex_;
    std::vector<Failure> unattributed_;
    std::vector<std::string> warnings_;

    static inline thread_local unsigned worker_ = 0;
};

// Runs a plan, ordering it by the recorded durations of --durations-file if there are any,
// and records this run's unless it is sharded.
inline Result run_plan(Plan plan, const Options& options) {
    if (options.durations_file.empty()) return Execution(plan, options).run();
    std::string warning;
    RecordedDurations durations;
    const bool loaded = load_durations(options.durations_file, durations, warning);
    // An order asked for on the command line wins over the recorded durations.
    if (loaded && options.parallel > 0 && !options.shuffle && !options.reverse) order_longest_first(plan, durations);
    Execution execution(plan, options);
    if (!warning.empty()) execution.warn(std::move(warning));
    Result result = execution.run();
    // A sharded run only reads the file: shards often share it, and one that rewrote it could
    // move tests between the shards that have not yet read it.
    if (!options.shard || options.shard->count <= 1)
        save_durations(options.durations_file, std::move(durations), result);
    return result;
}

}  // namespace ctp::detail

#endif  // CTP_RUN_EXECUTION_HPP
