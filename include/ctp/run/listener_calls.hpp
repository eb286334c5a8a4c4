#ifndef CTP_RUN_LISTENER_CALLS_HPP
#define CTP_RUN_LISTENER_CALLS_HPP

#include <chrono>   // milliseconds
#include <cstddef>  // size_t
#include <mutex>
#include <thread>  // this_thread
#include <vector>

#include "../listener.hpp"
#include "../result.hpp"
#include "records.hpp"

namespace ctp::detail {

// The run's calls to its listener, one at a time whichever thread makes them.
// The pending lists hold positions in `records`, a std::vector<std::size_t> type that the file
// with the main compiles anyway.
class ListenerCalls {
public:
    // Finished tests that a worker has yet to tell the listener about.
    struct Pending {
        bool batching = false;  // the worker runs a claim of tiny units
        std::vector<std::size_t> positions;
    };

    ListenerCalls(Listener* listener, RunRecords& records) noexcept
        : listener_(listener),
          records_(records),
          starts_(listener != nullptr && listener->wants_test_start()) {}

    template <class Event>
    void notify(Event&& event) {
        if (listener_ == nullptr) return;
        std::lock_guard lock(mutex_);
        event(*listener_);
    }

    // Workers running tiny units would queue for the lock at every test, each wait a sleep
    // in the kernel: while batching, one that finds it taken tells this test with a later one.
    void test_ended(std::size_t at, Pending& pending) {
        if (listener_ == nullptr) return;
        const TestRecord& record = records_[at];
        if (!pending.batching) {
            notify([&](Listener& listener) { listener.on_test_end(record); });
            return;
        }
        std::unique_lock lock(mutex_, std::try_to_lock);
        if (!lock) {
            pending.positions.push_back(at);
            return;
        }
        tell(pending);
        listener_->on_test_end(record);
    }

    // A test's start comes after the ends its worker left pending, so that the listener sees
    // each thread's tests one after the other.
    void test_started(std::size_t at, Pending& pending) {
        if (!starts_) return;
        notify([&](Listener& listener) {
            tell(pending);
            listener.on_test_start(records_[at]);
        });
    }

    // Tells what a worker's claim left pending.
    void flush(Pending& pending) {
        if (pending.positions.empty()) return;
        notify([&](Listener&) { tell(pending); });
    }

    // For an abort: the fault may have struck while a listener held the lock, so it waits a
    // little, then goes on; a listener that throws is ignored.
    void run_ended_anyway(const Result& result) noexcept {
        std::unique_lock lock(mutex_, std::defer_lock);
        for (int i = 0; i < 200 && !lock.try_lock(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (listener_ == nullptr) return;
        try {
            listener_->on_run_end(result);
        } catch (...) {}
    }

private:
    // With the lock held.
    void tell(Pending& pending) {
        for (std::size_t at : pending.positions) listener_->on_test_end(records_[at]);
        pending.positions.clear();
    }

    Listener* listener_;
    RunRecords& records_;
    const bool starts_;  // the listener wants on_test_start
    std::mutex mutex_;
};

}  // namespace ctp::detail

#endif  // CTP_RUN_LISTENER_CALLS_HPP
