#ifndef CTP_RUN_CHILD_GROUPS_HPP
#define CTP_RUN_CHILD_GROUPS_HPP

#include <array>
#include <atomic>
#include <cstddef>  // size_t

#if __has_include(<unistd.h>)
#include <signal.h>  // kill
#define CTP_DETAIL_CHILD_GROUPS 1
#endif  // __has_include(<unistd.h>)

namespace ctp::detail {

// The process groups of the programs ctp started (browsers, servers under test). A crash or
// a timeout ends ctp with _Exit, and a parent-death signal reaches only a group's leader, so
// the paths that end the process kill the whole groups first. Lock-free: a fault handler
// reads it.
inline std::array<std::atomic<int>, 32>& child_groups() noexcept {
    static std::array<std::atomic<int>, 32> groups{};
    return groups;
}

// False when every slot is taken: the group then relies on the parent-death signal alone.
inline bool remember_child_group(int group) noexcept {
    for (std::atomic<int>& slot : child_groups()) {
        int empty = 0;
        if (slot.compare_exchange_strong(empty, group)) return true;
    }
    return false;
}

inline void forget_child_group(int group) noexcept {
    for (std::atomic<int>& slot : child_groups()) {
        int expected = group;
        if (slot.compare_exchange_strong(expected, 0)) return;
    }
}

// Async-signal-safe.
inline void kill_child_groups() noexcept {
#if defined(CTP_DETAIL_CHILD_GROUPS)
    for (std::atomic<int>& slot : child_groups())
        if (const int group = slot.exchange(0); group > 0) ::kill(-group, SIGKILL);
#endif  // defined(CTP_DETAIL_CHILD_GROUPS)
}

}  // namespace ctp::detail

#endif  // CTP_RUN_CHILD_GROUPS_HPP
