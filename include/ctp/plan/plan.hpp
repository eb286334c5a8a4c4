#ifndef CTP_PLAN_PLAN_HPP
#define CTP_PLAN_PLAN_HPP

#include <algorithm>  // reverse
#include <cstddef>    // size_t
#include <cstdint>    // uint64_t, uintptr_t
#include <optional>
#include <span>
#include <string>
#include <utility>  // swap
#include <vector>

#include "../options.hpp"
#include "../registry.hpp"
#include "../result.hpp"
#include "../detail/index_sort.hpp"
#include "../text/text_building.hpp"
#include "decorations.hpp"
#include "durations.hpp"
#include "filter.hpp"
#include "resources.hpp"
#include "shard.hpp"

namespace ctp::detail {

// What one worker runs without interruption: all tests of a fixture class (so its class
// hooks run once, in one thread), or one free test. Tests are indices into Plan::tests.
struct Unit {
    const FixtureInfo* fixture = nullptr;
    Phase phase = Phase::parallel;
    std::span<std::size_t> tests;  // a slice of Plan::order
};

// The selected tests and the order to run them in. One flat index array instead of a vector
// per unit: with 100,000 free tests that is 100,000 allocations fewer. Move-only, since the
// units' slices point into `order`.
struct Plan {
    std::vector<const TestInfo*> tests;  // selected, in discovery order
    std::vector<std::size_t> order;      // the units' tests, unit after unit
    std::vector<Unit> units;             // in execution order

    Plan() = default;
    Plan(Plan&&) noexcept = default;
    Plan& operator=(Plan&&) noexcept = default;
    Plan(const Plan&) = delete;
    Plan& operator=(const Plan&) = delete;
};

inline std::string full_name(const TestInfo& info) {
    return *info.suite() == '\0' ? std::string(info.name()) : concat({info.suite(), ".", info.name()});
}

// The full name and, for a parameterized case, its value: "Suite.name/2 [3]". What --list
// and the reports show, and what -k and --exclude match.
inline std::string shown_name(const TestInfo& info) {
    std::string name = full_name(info);
    if (info.parameter != nullptr) append(name, {" [", info.parameter, "]"});
    return name;
}

// Whether -k patterns select a test: by its shown name, or with --exact also by its full name
// alone, the name that ctp_discover_tests reads from --list --format json.
inline bool selected_test(const std::vector<std::string>& patterns, const TestInfo& info, bool exact) {
    if (selected(patterns, shown_name(info), exact)) return true;
    return exact && info.parameter != nullptr && selected(patterns, full_name(info), true);
}

// A test's own phase: serial for a SerialTestCase's test or a ctp::serial() one (its class's
// decorators count), unless it is a live-server class's that runs in the pool (--live-in-pool,
// ctp::in_pool()). Its unit's phase is serial if any of the unit's tests' is: see unit_phases().
inline Phase phase_of(const TestInfo& info, bool live_in_pool_option) noexcept {
    if (serial_decorated(info)) return Phase::serial;
    return info.fixture != nullptr && info.fixture->serial && !live_in_pool(info, live_in_pool_option)
               ? Phase::serial
               : Phase::parallel;
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

// Fisher-Yates, drawing without modulo bias: the same order from a seed everywhere, which
// std::shuffle does not promise.
template <class T>
void shuffle(std::span<T> items, SplitMix64& engine) {
    for (std::size_t i = items.size(); i > 1; --i) {
        const std::uint64_t bound = i;
        const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
        std::uint64_t draw = engine();
        while (draw >= limit) draw = engine();
        std::swap(items[i - 1], items[static_cast<std::size_t>(draw % bound)]);
    }
}

// Whether -k (by name) and --tag (`tags`, options.tags parsed) select `info`, and, with
// `excluding`, --exclude does not remove it.
inline bool selected(const TestInfo& info, const Options& options, const TagExpression& tags, bool excluding = true) {
    if (!tags.empty() && !tags.matches(tags_of(info))) return false;
    if (!options.filters.empty() && !selected_test(options.filters, info, options.exact)) return false;
    return !excluding || options.excludes.empty() || !selected_test(options.excludes, info, options.exact);
}

// Whether -k and --tag select any registered test at all, whichever shard it is in and
// whatever --exclude removes: an empty shard is not an error, patterns that match nothing
// are.
inline bool filters_match(const Registry& registry, const Options& options) {
    if (options.filters.empty() && options.tags.empty()) return true;
    const TagExpression tags = parse_tag_expressions(options.tags);
    for (const TestInfo* info : registry.tests())
        if (selected(*info, options, tags, false)) return true;
    return false;
}

// Each test's unit leader: itself for a free test, its class's first test otherwise.
// A stable sort of the fixture tests by class puts a class's tests side by side, the first
// in front.
inline std::vector<std::size_t> class_leaders(const std::vector<const TestInfo*>& tests) {
    std::vector<std::size_t> leader(tests.size());
    std::vector<std::size_t> by_class;
    for (std::size_t i = 0; i < tests.size(); ++i) {
        leader[i] = i;
        if (tests[i]->fixture != nullptr) by_class.push_back(i);
    }
    sort_indices(
        by_class,
        [](const void* all, std::size_t a, std::size_t b) {
            const auto* info = static_cast<const TestInfo* const*>(all);
            return reinterpret_cast<std::uintptr_t>(info[a]->fixture) <
                   reinterpret_cast<std::uintptr_t>(info[b]->fixture);
        },
        tests.data());
    for (std::size_t k = 1; k < by_class.size(); ++k)
        if (tests[by_class[k - 1]]->fixture == tests[by_class[k]]->fixture)
            leader[by_class[k]] = leader[by_class[k - 1]];
    return leader;
}

// Keeps the tests of options.shard: by recorded durations (longest_first_shards) where
// --durations-file has them, by name (shard_of) for the others and without the file.
inline void keep_shard(std::vector<const TestInfo*>& tests, const Options& options) {
    if (!options.shard || options.shard->count <= 1) return;
    const Shard shard = *options.shard;
    RecordedDurations durations;
    if (!options.durations_file.empty()) durations = shard_durations(options.durations_file);
    std::vector<std::size_t> unit_of;
    std::vector<TimedUnit> units;
    if (!durations.names.empty()) {
        unit_of = class_leaders(tests);
        for (std::size_t i = 0; i < tests.size(); ++i) {
            if (unit_of[i] == i) {
                unit_of[i] = units.size();
                units.push_back(TimedUnit{});
            } else {
                unit_of[i] = unit_of[unit_of[i]];
            }
            TimedUnit& unit = units[unit_of[i]];
            std::string name = full_name(*tests[i]);
            if (const std::optional<std::uint64_t> micros = recorded_micros(durations, name)) {
                unit.micros = saturating_add(unit.micros, *micros);
                if (!unit.recorded || name < unit.key) unit.key = std::move(name);
                unit.recorded = true;
            }
        }
    }
    const std::vector<unsigned> assigned = longest_first_shards(units, shard.count);
    std::size_t kept = 0;
    for (std::size_t i = 0; i < tests.size(); ++i) {
        const unsigned part =
            units.empty() || assigned[unit_of[i]] == 0 ? shard_of(*tests[i], shard.count) : assigned[unit_of[i]];
        if (part == shard.index) tests[kept++] = tests[i];
    }
    tests.resize(kept);
}

// What each unit holds (resources_of its tests, merged), indexed as Plan::units; empty when no
// selected test declares anything, as in most runs.
inline std::vector<std::vector<ResourceUse>> unit_resources(const Plan& plan, bool live_in_pool_option) {
    bool any = false;
    for (const TestInfo* info : plan.tests) any = any || declares_resources(*info, live_in_pool_option);
    if (!any) return {};
    std::vector<std::vector<ResourceUse>> held(plan.units.size());
    for (std::size_t unit = 0; unit < plan.units.size(); ++unit)
        for (std::size_t index : plan.units[unit].tests)
            for (ResourceUse& use : resources_of(*plan.tests[index], live_in_pool_option))
                add_use(held[unit], std::move(use));
    return held;
}

// Each test's phase, as its unit runs it, indexed as Plan::tests.
inline std::vector<Phase> unit_phases(const Plan& plan) {
    std::vector<Phase> phase(plan.tests.size(), Phase::parallel);
    for (const Unit& unit : plan.units)
        for (std::size_t index : unit.tests) phase[index] = unit.phase;
    return phase;
}

// Throws std::invalid_argument when a sharded run's --durations-file is malformed.
inline Plan make_plan(const Registry& registry, const Options& options) {
    Plan plan;
    const TagExpression tags = parse_tag_expressions(options.tags);
    for (const TestInfo* info : registry.tests())
        if (selected(*info, options, tags)) plan.tests.push_back(info);
    keep_shard(plan.tests, options);
    // Units in the order of their first tests; `slot` is first a unit's size, then where its
    // next test goes in `order`.
    std::vector<std::size_t> unit_of = class_leaders(plan.tests);
    std::vector<std::size_t> slot;
    for (std::size_t i = 0; i < plan.tests.size(); ++i) {
        if (unit_of[i] == i) {
            const std::size_t empty = 0;  // an lvalue, for the push_back(const T&) in use
            unit_of[i] = slot.size();
            slot.push_back(empty);
        } else {
            unit_of[i] = unit_of[unit_of[i]];
        }
        ++slot[unit_of[i]];
    }
    plan.order.resize(plan.tests.size());
    plan.units.resize(slot.size());
    std::size_t next = 0;
    for (std::size_t i = 0; i < plan.tests.size(); ++i) {
        Unit& unit = plan.units[unit_of[i]];
        if (unit.tests.data() == nullptr) {
            unit = Unit{plan.tests[i]->fixture,
                        phase_of(*plan.tests[i], options.live_in_pool),
                        {plan.order.data() + next, slot[unit_of[i]]}};
            next += slot[unit_of[i]];
            slot[unit_of[i]] = 0;
        }
        unit.tests[slot[unit_of[i]]++] = i;
        // One ctp::serial() test takes its whole class to the serial phase.
        if (phase_of(*plan.tests[i], options.live_in_pool) == Phase::serial) unit.phase = Phase::serial;
    }
    if (options.shuffle) {
        SplitMix64 engine(*options.shuffle);
        shuffle(std::span(plan.units), engine);
        for (Unit& unit : plan.units) shuffle(unit.tests, engine);
    }
    if (options.reverse) {
        // Through pointers, so that the vector's and span's iterator operations are not
        // compiled for it.
        std::reverse(plan.units.data(), plan.units.data() + plan.units.size());
        for (Unit& unit : plan.units) std::reverse(unit.tests.data(), unit.tests.data() + unit.tests.size());
    }
    return plan;
}

// Longest processing time first: the units of the parallel phase by their expected time,
// where a test not seen before is expected to take the mean. Serial units keep their order:
// they run one at a time whatever the order.
inline void order_longest_first(Plan& plan, const RecordedDurations& durations) {
    double known = 0;
    for (std::size_t i = 0; i < durations.seconds.size(); ++i) known += durations.seconds[i];
    const double mean = durations.names.empty() ? 0 : known / static_cast<double>(durations.names.size());
    // Sorted by key: minus the expected time for a parallel unit, so the longest first, and 1
    // for a serial one, after all those. The sort is stable: ties keep their order.
    // Built with the push_back(const double&) that RecordedDurations uses.
    std::vector<double> keys;
    for (const Unit& unit : plan.units) {
        double key = 1;
        if (unit.phase != Phase::serial) {
            double expected = 0;
            for (std::size_t index : unit.tests)
                expected += recorded_seconds(durations, full_name(*plan.tests[index]), mean);
            key = -expected;
        }
        keys.push_back(key);
    }
    const std::vector<std::size_t> order = sorted_indices(
        keys.size(),
        [](const void* all, std::size_t a, std::size_t b) {
            const auto* key = static_cast<const double*>(all);
            return key[a] < key[b];
        },
        keys.data());
    // resize, as make_plan does, rather than a push_back compiled for this one loop.
    std::vector<Unit> sorted;
    sorted.resize(order.size());
    for (std::size_t k = 0; k < order.size(); ++k) sorted[k] = plan.units[order[k]];
    plan.units = std::move(sorted);
}

}  // namespace ctp::detail

#endif  // CTP_PLAN_PLAN_HPP
