#ifndef CTP_RUN_RUN_PLACE_HPP
#define CTP_RUN_RUN_PLACE_HPP

#include <vector>

#include "../result.hpp"

namespace ctp::detail {

class LiveServerHandle;

// Where the running unit runs, for what a test may ask about it: ctp::worker_index(),
// ctp::worker_count(), and whether ctp::ScopedEnv may change the process's state.
struct RunPlace {
    unsigned worker = 0;                             // 1..workers
    unsigned workers = 0;                            // the pool's workers; 1 without --parallel
    bool in_pool = false;                            // other units may run at the same time
    const std::vector<ResourceUse>* held = nullptr;  // the unit's resources; null: none
    LiveServerHandle* live_server = nullptr;         // its class's server, for a live-server unit
};

// The place of the unit that this thread runs; null outside the runner's threads.
inline RunPlace*& current_place() noexcept {
    thread_local RunPlace* place = nullptr;
    return place;
}

// Makes `place` this thread's while it lives, and none again after.
class PlaceScope {
public:
    explicit PlaceScope(RunPlace& place) noexcept { current_place() = &place; }
    PlaceScope(const PlaceScope&) = delete;
    PlaceScope& operator=(const PlaceScope&) = delete;
    ~PlaceScope() { current_place() = nullptr; }
};

// Whether `place` lets a test change what every thread of the process shares: outside the
// pool always, in it only while the unit holds `name` exclusively.
inline bool holds_exclusively(const RunPlace* place, const char* name) {
    if (place == nullptr || !place->in_pool) return true;
    if (place->held == nullptr) return false;
    for (const ResourceUse& use : *place->held)
        if (use.name == name) return use.access == ResourceAccess::exclusive;
    return false;
}

}  // namespace ctp::detail

#endif  // CTP_RUN_RUN_PLACE_HPP
