#ifndef CTP_PLAN_SHARD_HPP
#define CTP_PLAN_SHARD_HPP

#include <cstddef>  // size_t
#include <cstdint>  // uint64_t
#include <limits>   // numeric_limits
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../detail/index_sort.hpp"
#include "../options.hpp"
#include "../test_info.hpp"

namespace ctp::detail {

inline constexpr std::uint64_t fnv1a_basis = 0xcbf29ce484222325u;

// 64-bit FNV-1a, continuing from `hash`: fixed by its definition, unlike std::hash, so a test
// lands in the same shard on every platform, compiler and run.
inline std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = fnv1a_basis) noexcept {
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3u;
    }
    return hash;
}

// 1-based, for tests without recorded durations. A test's shard depends on its own name only,
// so adding tests never moves another one. Free tests hash their full name ("suite.name"); all tests of a fixture class hash the
// class (suite) name, so a class is never split and its class hooks run in one shard.
inline unsigned shard_of(const TestInfo& info, unsigned count) noexcept {
    std::uint64_t hash = fnv1a(info.suite());
    if (info.fixture == nullptr) hash = fnv1a(info.name(), fnv1a(".", hash));
    return static_cast<unsigned>(hash % count) + 1;
}

inline std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) noexcept {
    return b < std::numeric_limits<std::uint64_t>::max() - a ? a + b : std::numeric_limits<std::uint64_t>::max();
}

// A unit of work (a fixture class, or a free test) as sharding by recorded durations sees it.
struct TimedUnit {
    bool recorded = false;     // some test of it has a recorded duration
    std::uint64_t micros = 0;  // the sum of its tests' recorded durations
    std::string key;           // the least full name of its recorded tests: breaks ties
};

// Longest processing time first: the recorded units, longest first (equal times by key, never
// by discovery order or address), each to the shard with the least time so far (the lowest
// index of equal ones). Integer sums make every machine compute the same. Returns each unit's
// 1-based shard; 0 for an unrecorded unit, which goes by shard_of instead, so that a new test
// moves no other one.
inline std::vector<unsigned> longest_first_shards(const std::vector<TimedUnit>& units, unsigned count) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < units.size(); ++i)
        if (units[i].recorded) order.push_back(i);
    sort_indices(
        order,
        [](const void* all, std::size_t a, std::size_t b) {
            const auto* unit = static_cast<const TimedUnit*>(all);
            if (unit[a].micros != unit[b].micros) return unit[a].micros > unit[b].micros;
            return unit[a].key < unit[b].key;
        },
        units.data());
    // The k-th unit placed finds an empty shard among the first k, so shards past the number
    // of units would never be chosen.
    std::vector<std::uint64_t> load(order.size() < count ? order.size() : count, 0);
    std::vector<unsigned> shard(units.size(), 0);
    for (const std::size_t unit : order) {
        std::size_t least = 0;
        for (std::size_t k = 1; k < load.size(); ++k)
            if (load[k] < load[least]) least = k;
        shard[unit] = static_cast<unsigned>(least) + 1;
        load[least] = saturating_add(load[least], units[unit].micros);
    }
    return shard;
}

}  // namespace ctp::detail

#endif  // CTP_PLAN_SHARD_HPP
