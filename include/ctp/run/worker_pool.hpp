#ifndef CTP_RUN_WORKER_POOL_HPP
#define CTP_RUN_WORKER_POOL_HPP

#include <atomic>
#include <cstddef>  // size_t
#include <cstdint>  // int64_t
#include <thread>   // jthread
#include <vector>

#include "fatal_errors.hpp"

namespace ctp::detail {

// Units of the parallel phase that workers claim in turn, from the front.
class UnitClaims {
public:
    // Units [first, last); `size` is how many the worker claims next.
    struct Claim {
        std::size_t first = 0;
        std::size_t last = 0;
        std::size_t size = 1;
    };

    explicit UnitClaims(std::size_t count) noexcept : count_(count) {}

    // The worker's next claim; false when no unit is left.
    bool next(Claim& claim) noexcept {
        claim.first = next_.fetch_add(claim.size, std::memory_order_relaxed);
        if (claim.first >= count_) return false;
        claim.last = claim.first + claim.size < count_ ? claim.first + claim.size : count_;
        return true;
    }

    // A long unit is claimed alone, so the longest-first order holds. Units of a few
    // microseconds are claimed several at once, about 50 us worth: one at a time, the
    // workers' turns on `next_` and on neighbouring records would cost more than the units.
    static void took(Claim& claim, std::int64_t nanoseconds) noexcept {
        constexpr std::int64_t claim_ns = 50'000;
        const std::int64_t each = nanoseconds / static_cast<std::int64_t>(claim.last - claim.first);
        const auto wanted = static_cast<std::size_t>(claim_ns / (each > 0 ? each : 1));
        // Between 1 and twice the last claim, so one stretch of short units does not claim the rest.
        claim.size = wanted < 1 ? 1 : wanted > 2 * claim.size ? 2 * claim.size : wanted;
    }

private:
    const std::size_t count_;
    std::atomic<std::size_t> next_{0};
};

// Runs `work(worker)` for workers 1..`workers` at once and waits for them all. The calling
// thread is worker 1: starting a thread can take a millisecond on a busy machine, and the
// caller would only wait. It already has the signal stack; each new thread gets its own.
template <class Work>
void run_workers(unsigned workers, Work&& work) {
    std::vector<std::jthread> pool(workers > 1 ? workers - 1 : 0);
    for (unsigned worker = 2; worker <= workers; ++worker)
        pool[worker - 2] = std::jthread([&work, worker] {
            AlternateStack stack;
            work(worker);
        });
    work(1u);
}

}  // namespace ctp::detail

#endif  // CTP_RUN_WORKER_POOL_HPP
