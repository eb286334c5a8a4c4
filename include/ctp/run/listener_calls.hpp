#ifndef CTP_RUN_LISTENER_CALLS_HPP
#define CTP_RUN_LISTENER_CALLS_HPP

#include <chrono>   // milliseconds
#include <cstddef>  // size_t
#include <mutex>
#include <thread>   // this_thread
#include <vector>

#include "../listener.hpp"
#include "../result.hpp"

namespace ctp::detail {

// The run's calls to its listener, one at a time whichever thread makes them.
class ListenerCalls {
public:
    // Finished tests that a worker has yet to tell the listener about.
    struct Pending {
        bool batching = false;  // the worker runs a claim of tiny units
        std::vector<const TestRecord*> records;
    };

    explicit ListenerCalls(Listener* listener) noexcept : listener_(listener) {}

    template <class Event>
    void notify(Event&& event) {
        if (listener_ == nullptr) return;
        std::lock_guard lock(mutex_);
        event(*listener_);
    }

    // Workers running tiny units would queue for the lock at every test, each wait a sleep
    // in the kernel: while batching, one that finds it taken tells this test with a later one.
    void test_ended(const TestRecord& record, Pending& pending) {
        if (listener_ == nullptr) return;
        if (!pending.batching) {
            notify([&](Listener& listener) { listener.on_test_end(record); });
            return;
        }
        std::unique_lock lock(mutex_, std::try_to_lock);
        if (!lock) {
            pending.records.push_back(&record);
            return;
        }
        tell(pending);
        listener_->on_test_end(record);
    }

    // Tells what a worker's claim left pending.
    void flush(Pending& pending) {
        if (pending.records.empty()) return;
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
        } catch (...) {
        }
    }

private:
    // With the lock held.
    void tell(Pending& pending) {
        for (const TestRecord* record : pending.records) listener_->on_test_end(*record);
        pending.records.clear();
    }

    Listener* listener_;
    std::mutex mutex_;
};

}  // namespace ctp::detail

#endif  // CTP_RUN_LISTENER_CALLS_HPP
