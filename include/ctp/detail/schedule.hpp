#ifndef CTP_DETAIL_SCHEDULE_HPP
#define CTP_DETAIL_SCHEDULE_HPP

#include <algorithm>  // reverse
#include <cstddef>    // size_t
#include <cstdint>    // uint64_t
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>    // swap
#include <vector>

#include "../options.hpp"
#include "../registry.hpp"
#include "../result.hpp"
#include "filter.hpp"
#include "shard.hpp"

namespace ctp::detail {

// What one worker runs without interruption: all tests of a fixture class (so its class
// hooks run once, in one thread), or one free test. Tests are indices into Plan::tests.
struct Unit {
    const ClassInfo* fixture = nullptr;
    Phase phase = Phase::parallel;
    std::vector<std::size_t> tests;
};

struct Plan {
    std::vector<const TestInfo*> tests;  // selected, in discovery order
    std::vector<Unit> units;             // in execution order
};

inline std::string full_name(const TestInfo& info) {
    return std::string(info.suite) + "." + info.name;
}

inline Phase phase_of(const TestInfo& info) noexcept {
    return info.fixture != nullptr && info.fixture->serial ? Phase::serial : Phase::parallel;
}

// SplitMix64: a fixed, tiny generator, so that a seed gives the same order with every
// compiler and standard library (std::shuffle's does not), without <random>.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) noexcept : state_(seed) {}
    std::uint64_t operator()() noexcept {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15u);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
        return z ^ (z >> 31);
    }

private:
    std::uint64_t state_;
};

// Fisher-Yates, drawing without modulo bias.
template <class T>
void shuffle(std::vector<T>& items, SplitMix64& engine) {
    for (std::size_t i = items.size(); i > 1; --i) {
        const std::uint64_t bound = i;
        const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
        std::uint64_t draw = engine();
        while (draw >= limit) draw = engine();
        std::swap(items[i - 1], items[static_cast<std::size_t>(draw % bound)]);
    }
}

// With `exact`, a pattern without wildcards must be the whole name rather than part of it
// (how ctp_discover_tests selects one test).
inline bool selected(const std::vector<std::string>& patterns, std::string_view name, bool exact) {
    if (!exact) return selected(patterns, name);
    for (const std::string& pattern : patterns)
        if (pattern.find_first_of("*?") == std::string::npos ? pattern == name : glob_match(pattern, name))
            return true;
    return patterns.empty();
}

inline Plan make_plan(const Registry& registry, const Options& options) {
    Plan plan;
    std::unordered_map<const ClassInfo*, std::size_t> unit_of_class;
    for (const TestInfo* info : registry.tests()) {
        if (!options.filters.empty() && !selected(options.filters, full_name(*info), options.exact)) continue;
        if (!in_shard(*info, options.shard)) continue;
        const std::size_t index = plan.tests.size();
        plan.tests.push_back(info);
        if (info->fixture != nullptr) {
            auto [found, added] = unit_of_class.try_emplace(info->fixture, plan.units.size());
            if (!added) {
                plan.units[found->second].tests.push_back(index);
                continue;
            }
        }
        plan.units.push_back(Unit{info->fixture, phase_of(*info), {index}});
    }
    if (options.shuffle) {
        SplitMix64 engine(*options.shuffle);
        shuffle(plan.units, engine);
        for (Unit& unit : plan.units) shuffle(unit.tests, engine);
    }
    if (options.reverse) {
        std::reverse(plan.units.begin(), plan.units.end());
        for (Unit& unit : plan.units) std::reverse(unit.tests.begin(), unit.tests.end());
    }
    return plan;
}

}  // namespace ctp::detail

#endif  // CTP_DETAIL_SCHEDULE_HPP
