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

}  // namespace ctp::detail

#endif  // CTP_RUN_RUN_PLACE_HPP
