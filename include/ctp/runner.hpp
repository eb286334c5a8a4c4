#ifndef CTP_RUNNER_HPP
#define CTP_RUNNER_HPP

#include <atomic>
#include <chrono>     // milliseconds, nanoseconds
#include <cstddef>    // size_t
#include <cstdint>    // int64_t
#include <cstdio>     // fflush
#include <cstdlib>    // _Exit
#include <mutex>
#include <optional>
#include <string>
#include <thread>     // jthread, this_thread
#include <utility>    // move
#include <vector>

#include "detail/durations.hpp"
#include "detail/fatal_errors.hpp"
#include "detail/isolated_phase.hpp"
#include "detail/optimizer_hints.hpp"
#include "detail/text_building.hpp"
#include "exit_code.hpp"
#include "detail/output_capture.hpp"
#include "detail/schedule.hpp"
#include "detail/test_run.hpp"
#include "detail/unit_runner.hpp"
#include "listener.hpp"
#include "options.hpp"
#include "registry.hpp"
#include "result.hpp"

namespace ctp {

namespace detail {

class Execution;

// The run that assertions made outside any test's context are reported to.
inline std::atomic<Execution*>& active_execution() noexcept {
    static std::atomic<Execution*> execution{nullptr};
    return execution;
}

inline std::int64_t now_ns() noexcept {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

// Runs a plan in the calling thread and, in the parallel phase, N - 1 std::jthreads beside
// it, in one or two phases.
class Execution final : public UnitHost {
public:
    Execution(const Plan& plan, const Options& options)
        : plan_(plan),
          options_(options),
          iterations_(options.repeat > 1 ? options.repeat : 1),
          records_(plan.tests.size() * iterations_),
          states_(records_.size()),
          slots_((options.parallel > 1 ? options.parallel : 1) + 1),
          watched_(needs_watchdog()) {}

    Result run() {
        Result result;
        result.selected = plan_.tests.size() * iterations_;
        result.seed = options_.shuffle;
        result.start = start_ = Clock::now();
        result.warnings = warnings_;
        active_execution() = this;
        {
            // Isolated workers capture their own descriptors and are watched by this process.
            std::optional<OutputCapture> capture;
            if (options_.capture != CaptureMode::none && !isolated()) capture.emplace(options_.capture == CaptureMode::tee);
            FatalErrorGuard fatal_errors(&on_fatal_error, this);
            std::jthread watchdog;
            if (watched_ && !isolated()) watchdog = std::jthread(thread_main, this, 0u);
            notify([&](Listener& listener) { listener.on_run_start(result); });
            for (iteration_ = 0; iteration_ < iterations_ && !stopped(); ++iteration_) {
                if (options_.parallel == 0) {
                    run_in_order();
                } else {
                    result.workers = run_parallel_phase();
                    run_serial_phase();
                }
            }
        }
        result.end = Clock::now();
        collect(result, false);
        active_execution() = nullptr;
        notify([&](Listener& listener) { listener.on_run_end(result); });
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
        record.phase = options_.parallel == 0 ? phase_of(info) : current_phase_;
        record.worker = worker_;
        record.iteration = iteration_ + 1;
        Slot& slot = slots_[worker_];
        if (watched_) slot.started.store(now_ns(), std::memory_order_relaxed);
        slot.test.store(at, std::memory_order_release);
        states_[at].store(running, std::memory_order_release);
        return record;
    }

    void end_test(std::size_t index) override {
        const std::size_t at = position(index);
        states_[at].store(done, std::memory_order_release);
        slots_[worker_].test.store(idle, std::memory_order_release);
    }

    TestRecord& record(std::size_t index) override { return records_[position(index)]; }

    void announce(std::size_t index) override {
        const std::size_t at = position(index);
        const TestRecord& record = records_[at];
        if (options_.failfast && (record.outcome == Outcome::failed || record.outcome == Outcome::error))
            stop_.store(true, std::memory_order_release);
        if (options_.listener == nullptr) return;
        Slot& slot = slots_[worker_];
        if (!slot.batching) {
            notify([&](Listener& listener) { listener.on_test_end(record); });
            return;
        }
        // Workers running tiny units would queue for the lock at every test, each wait a
        // sleep in the kernel: one that finds it taken tells this test with a later one.
        std::unique_lock lock(listener_mutex_, std::try_to_lock);
        if (!lock) {
            slot.unannounced.push_back(at);
            return;
        }
        tell_unannounced(slot);
        options_.listener->on_test_end(record);
    }

private:
    static constexpr unsigned char not_started = 0, running = 1, done = 2;
    static constexpr std::size_t idle = static_cast<std::size_t>(-1);

    // A fixed-size array of value-initialised items, owned like a std::unique_ptr<T[]> but
    // without <memory>, and cheaper to compile than a std::vector type of its own.
    template <class T>
    struct OwnedArray {
        explicit OwnedArray(std::size_t count) : items(new T[count]()), size(count) {}
        OwnedArray(const OwnedArray&) = delete;
        OwnedArray& operator=(const OwnedArray&) = delete;
        ~OwnedArray() { delete[] items; }
        T& operator[](std::size_t i) const noexcept { return items[i]; }

        T* const items;
        const std::size_t size;
    };

    // What one thread is running, for the watchdog and the fault handler.
    // A cache line each: two workers' slots side by side would be written by both at every test.
    struct alignas(64) Slot {
        std::atomic<std::size_t> test{idle};
        std::atomic<std::int64_t> started{0};
        // Only this thread's: whether it runs a claim of tiny units, whose finished tests
        // may wait in `unannounced` (records_ positions) until the claim ends.
        bool batching = false;
        std::vector<std::size_t> unannounced;
    };

    // Every thread of the run starts here, worker 0 being the watchdog: each distinct callable
    // given to std::jthread compiles its own start-up code in the file with the main.
    static void thread_main(std::stop_token stop, Execution* self, unsigned worker) {
        if (worker == 0) {
            self->watch(stop);
            return;
        }
        AlternateStack stack;
        self->work(worker);
    }

    // With the listener lock held.
    void tell_unannounced(Slot& slot) {
        for (std::size_t at : slot.unannounced) options_.listener->on_test_end(records_[at]);
        slot.unannounced.clear();
    }

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
        run_unit(plan_, plan_.units[unit].fixture, plan_.units[unit].tests, *this, options_.retries);
    }

    unsigned run_parallel_phase() {
        std::size_t count = 0;
        const std::vector<std::size_t> units = units_of(Phase::parallel, count);
        if (units.empty() || stopped()) return 0;
        current_phase_ = Phase::parallel;
        notify([&](Listener& listener) { listener.on_phase_start(Phase::parallel, count); });
        const unsigned workers = options_.parallel < units.size() ? options_.parallel : static_cast<unsigned>(units.size());
        if (isolated()) {
            run_isolated(units, workers);
            return workers;
        }
        parallel_units_ = &units;
        next_unit_.store(0, std::memory_order_relaxed);
        // The calling thread is worker 1: starting a thread can take a millisecond on a busy
        // machine, and the caller would only wait. It already has the signal stack.
        std::vector<std::jthread> pool(workers - 1);
        for (unsigned worker = 2; worker <= workers; ++worker) pool[worker - 2] = std::jthread(thread_main, this, worker);
        work(1);
        return workers;
    }

    // A worker of the parallel phase: claims units of parallel_units_ until none is left.
    void work(unsigned worker) {
        const std::vector<std::size_t>& units = *parallel_units_;
        worker_ = worker;
        // A long unit is claimed alone, so the longest-first order holds. Units of a few
        // microseconds are claimed several at once, about 50 us worth: one at a time, the
        // workers' turns on `next_unit_` and on neighbouring records would cost more than the units.
        constexpr std::int64_t claim_ns = 50'000;
        Slot& slot = slots_[worker];
        std::size_t claim = 1;
        for (std::size_t first; (first = next_unit_.fetch_add(claim, std::memory_order_relaxed)) < units.size();) {
            const std::size_t last = first + claim < units.size() ? first + claim : units.size();
            const std::int64_t began = now_ns();
            slot.batching = claim > 1;
            for (std::size_t i = first; i < last; ++i) run_here(units[i]);
            if (!slot.unannounced.empty()) notify([&](Listener&) { tell_unannounced(slot); });
            const std::int64_t each = (now_ns() - began) / static_cast<std::int64_t>(last - first);
            const auto wanted = static_cast<std::size_t>(claim_ns / (each > 0 ? each : 1));
            // Between 1 and twice the last claim, so one stretch of short units does not claim the rest.
            claim = wanted < 1 ? 1 : wanted > 2 * claim ? 2 * claim : wanted;
        }
        worker_ = 0;
    }

    void run_serial_phase() {
        std::size_t count = 0;
        const std::vector<std::size_t> units = units_of(Phase::serial, count);
        if (units.empty() || stopped()) return;
        current_phase_ = Phase::serial;
        notify([&](Listener& listener) { listener.on_phase_start(Phase::serial, count); });
        run_one_by_one(units);
    }

    // Without --parallel: every unit in discovery order, with no phase split.
    void run_in_order() {
        std::size_t count = 0;
        run_one_by_one(units_of(Phase::parallel, count));
    }

    void run_one_by_one(const std::vector<std::size_t>& units) {
        if (isolated()) {
            run_isolated(units, 1);
            return;
        }
        for (std::size_t unit : units) run_here(unit);
    }

    bool isolated() const noexcept {
#if defined(CTP_DETAIL_HAS_ISOLATE)
        return options_.isolate;
#else
        return false;
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)
    }

    void run_isolated([[maybe_unused]] const std::vector<std::size_t>& units, [[maybe_unused]] unsigned workers) {
#if defined(CTP_DETAIL_HAS_ISOLATE)
        IsolatedPhase(
            plan_, *this, options_.retries, options_.capture != CaptureMode::none, options_.capture == CaptureMode::tee,
            [](const void* self, std::size_t index) { return static_cast<const Execution*>(self)->limit_for(index); },
            this)
            .run(units, workers);
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)
    }

    double limit_for(std::size_t at) const noexcept {
        const TestInfo& info = *plan_.tests[at % plan_.tests.size()];
        if (info.fixture != nullptr && info.fixture->timeout_seconds > 0) return info.fixture->timeout_seconds;
        return options_.timeout;
    }

    bool needs_watchdog() const noexcept {
        if (options_.timeout > 0) return true;
        for (const TestInfo* info : plan_.tests)
            if (info->fixture != nullptr && info->fixture->timeout_seconds > 0) return true;
        return false;
    }

    // A thread cannot be killed: a test past its time ends the run, keeping every result.
    void watch(std::stop_token stop) {
        while (!stop.stop_requested()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            for (std::size_t i = 0; i < slots_.size; ++i) {
                const std::size_t at = slots_[i].test.load(std::memory_order_acquire);
                if (at == idle) continue;
                const double limit = limit_for(at);
                const double ran = static_cast<double>(now_ns() - slots_[i].started.load(std::memory_order_relaxed)) / 1e9;
                if (limit <= 0 || ran <= limit) continue;
                char seconds[64];
                std::snprintf(seconds, sizeof seconds, "%.3fs (limit %gs)", ran, limit);
                abort_run(concat({"timeout: ", full_name(*plan_.tests[at % plan_.tests.size()]), " ran for ", seconds}),
                          exit_timeout, at, concat({"timed out after ", seconds}));
            }
        }
    }

    CTP_DETAIL_COLD static void on_fatal_error(const std::string& what, void* context) {
        auto* self = static_cast<Execution*>(context);
        const std::size_t at = self->slots_[self->worker_].test.load(std::memory_order_acquire);
        const std::string culprit = at == idle ? "" : full_name(*self->plan_.tests[at % self->plan_.tests.size()]);
        self->abort_run(concat({what, culprit.empty() ? "" : " in ", culprit}), exit_crash, at, what);
    }

    // Reports what finished, marks what was running as errors, and ends the process.
    [[noreturn]] CTP_DETAIL_COLD void abort_run(const std::string& reason, int code, std::size_t culprit, const std::string& message) {
        static std::atomic<bool> aborting{false};
        if (aborting.exchange(true)) {
            for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));  // the first abort exits
        }
        stop_.store(true, std::memory_order_release);
        Result result;
        result.selected = plan_.tests.size() * iterations_;
        result.seed = options_.shuffle;
        result.start = start_;
        result.end = Clock::now();
        result.workers = options_.parallel < plan_.units.size() ? options_.parallel : static_cast<unsigned>(plan_.units.size());
        result.aborted = reason;
        result.abort_code = code;
        for (std::size_t at = 0; at < records_.size(); ++at) {
            if (states_[at].load(std::memory_order_acquire) != running) continue;
            TestRecord& record = records_[at];
            record.end = result.end;
            record.duration = record.end - record.start;
            record.outcome = Outcome::error;
            const TestInfo& info = *plan_.tests[at % plan_.tests.size()];
            record.failures.push_back({info.file, info.line,
                                       at == culprit ? message
                                                     : concat({"still running when the run was aborted by another test: ", reason})});
            states_[at].store(done, std::memory_order_release);
        }
        collect(result, true);
        // The fault may have struck while a listener held the lock: wait a little, then go on.
        std::unique_lock lock(listener_mutex_, std::defer_lock);
        for (int i = 0; i < 200 && !lock.try_lock(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (options_.listener != nullptr) {
            try {
                options_.listener->on_run_end(result);
            } catch (...) {
            }
        }
        std::fflush(nullptr);
        std::_Exit(code);
    }

    template <class Event>
    void notify(Event&& event) {
        if (options_.listener == nullptr) return;
        std::lock_guard lock(listener_mutex_);
        event(*options_.listener);
    }

    // Counts the records and hands them over; they are moved, not copied, unless the run
    // is being aborted while other threads may still touch them.
    void collect(Result& result, bool aborting) {
        std::size_t kept = 0;
        for (std::size_t at = 0; at < records_.size(); ++at) {
            if (states_[at].load(std::memory_order_acquire) != done) {
                ++result.not_run;
                continue;
            }
            TestRecord& record = records_[at];
            switch (record.outcome) {
                case Outcome::passed: ++result.passed; break;
                case Outcome::failed: ++result.failed; break;
                case Outcome::error: ++result.errors; break;
                case Outcome::skipped: ++result.skipped; break;
            }
            if (record.flaky) ++result.flaky;
            if (aborting) result.tests.push_back(record);
            else if (kept++ != at) records_[kept - 1] = std::move(record);
        }
        if (aborting) {
            std::unique_lock lock(unattributed_mutex_, std::try_to_lock);
            if (lock)
                for (const Failure& failure : unattributed_) result.unattributed.push_back(Failure(failure));
        } else {
            records_.resize(kept);
            result.tests = std::move(records_);
            std::lock_guard lock(unattributed_mutex_);
            result.unattributed = std::move(unattributed_);
        }
    }

    const Plan& plan_;
    const Options& options_;
    const std::size_t iterations_;
    std::size_t iteration_ = 0;
    Phase current_phase_ = Phase::parallel;
    Clock::time_point start_;
    std::vector<TestRecord> records_;  // per iteration, indexed like plan_.tests
    OwnedArray<std::atomic<unsigned char>> states_;  // per record: not_started, running, done
    OwnedArray<Slot> slots_;           // indexed by worker number, as TestRecord::worker
    const bool watched_;               // a time limit applies to some test
    std::atomic<bool> stop_{false};
    const std::vector<std::size_t>* parallel_units_ = nullptr;  // the units work() claims
    std::atomic<std::size_t> next_unit_{0};                     // the first unclaimed one
    std::mutex listener_mutex_;
    std::mutex unattributed_mutex_;
    std::vector<Failure> unattributed_;
    std::vector<std::string> warnings_;

    static inline thread_local unsigned worker_ = 0;
};

inline Result run_plan(Plan plan, const Options& options) {
    if (options.durations_file.empty()) return Execution(plan, options).run();
    std::string warning;
    Durations durations;
    const bool loaded = load_durations(options.durations_file, durations, warning);
    // An order asked for on the command line wins over the recorded durations.
    if (loaded && options.parallel > 0 && !options.shuffle && !options.reverse)
        order_longest_first(plan, durations);
    Execution execution(plan, options);
    if (!warning.empty()) execution.warn(std::move(warning));
    Result result = execution.run();
    save_durations(options.durations_file, std::move(durations), result);
    return result;
}

}  // namespace detail

inline Result run(const Registry& registry, const Options& options) {
    return detail::run_plan(detail::make_plan(registry, options), options);
}

inline Result run(const Options& options) { return run(Registry::global(), options); }

}  // namespace ctp

#endif  // CTP_RUNNER_HPP
