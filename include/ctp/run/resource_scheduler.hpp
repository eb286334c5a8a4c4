#ifndef CTP_RUN_RESOURCE_SCHEDULER_HPP
#define CTP_RUN_RESOURCE_SCHEDULER_HPP

#include <atomic>
#include <condition_variable>
#include <cstddef>  // size_t
#include <mutex>
#include <string>
#include <vector>

#include "../detail/index_sort.hpp"
#include "../plan/plan.hpp"
#include "../result.hpp"

namespace ctp::detail {

// Hands the units of the parallel phase to workers so that no two holders of a resource meet
// as their declarations forbid. A worker takes the first unit, in order, whose resources are
// all free, and acquires them all at once (so no deadlock); a unit passed over keeps its place
// at the front. A worker waits only when no pending unit can start. Units are positions
// 0..n-1 in the order given.
class ResourceScheduler {
public:
    // `units`: indices into the plan's units, which hold `held[unit]`. The order puts units on
    // the most loaded resources first (work: their test counts), so the longest chain of units
    // that exclude each other starts at once; otherwise the given order stays.
    ResourceScheduler(const Plan& plan, const std::vector<std::size_t>& units,
                      const std::vector<std::vector<ResourceUse>>& held)
        : offsets_(units.size() + 1),
          units_(units.size()) {
        for (std::size_t unit = 0; unit < units.size(); ++unit) {
            offsets_[unit] = needs_.size();
            for (const ResourceUse& use : held[units[unit]]) needs_.push_back({id_of(use), use.access});
        }
        offsets_[units.size()] = needs_.size();
        // Each resource's load: the work that must pass through it one holder (or pool slot) at
        // a time; a unit's key is its most loaded resource's.
        std::vector<double> load(resources_.size() + units.size(), 0.0);
        double* key = load.data() + resources_.size();
        for (int pass = 0; pass < 2; ++pass)
            for (std::size_t unit = 0; unit < units.size(); ++unit)
                for (std::size_t k = offsets_[unit]; k < offsets_[unit + 1]; ++k) {
                    const Need& need = needs_[k];
                    if (pass == 1) {
                        key[unit] = key[unit] > load[need.id] ? key[unit] : load[need.id];
                        continue;
                    }
                    const auto work = static_cast<double>(plan.units[units[unit]].tests.size());
                    const unsigned capacity = resources_[need.id].capacity;
                    if (need.access == ResourceAccess::exclusive) load[need.id] += work;
                    else if (capacity > 0) load[need.id] += work / static_cast<double>(capacity);
                }
        order_ = sorted_indices(
            units.size(),
            [](const void* keys, std::size_t a, std::size_t b) {
                return static_cast<const double*>(keys)[a] > static_cast<const double*>(keys)[b];
            },
            key);
    }

    // The next unit for worker `worker` (a thread), waiting while units are pending and none
    // can start; false when none is left or the run stops.
    bool take(std::size_t& unit, unsigned worker, const std::atomic<bool>& stop) {
        std::unique_lock lock(mutex_);
        for (;;) {
            if (stop.load(std::memory_order_acquire)) return false;
            if (try_take_locked(unit, worker)) return true;
            // try_take_locked moved head_ past the units taken meanwhile: maybe none is left.
            if (head_ == order_.size()) return false;
            ++waiting_;
            ready_.wait(lock);
            --waiting_;
        }
    }

    // The same without waiting, for the single-threaded --isolate pool.
    bool try_take(std::size_t& unit, unsigned worker) {
        std::lock_guard lock(mutex_);
        return head_ < order_.size() && try_take_locked(unit, worker);
    }

    void release(std::size_t unit) {
        {
            std::lock_guard lock(mutex_);
            for (std::size_t k = offsets_[unit]; k < offsets_[unit + 1]; ++k) {
                Resource& resource = resources_[needs_[k].id];
                if (needs_[k].access == ResourceAccess::exclusive) resource.exclusive = false;
                else --resource.holders;
            }
            if (waiting_ == 0) return;
        }
        ready_.notify_all();
    }

    // A taken unit goes back to its place, to be taken again (the rest of an isolated
    // worker's unit after a crash); its resources are released.
    void put_back(std::size_t unit) {
        release(unit);
        std::lock_guard lock(mutex_);
        for (std::size_t i = 0; i < order_.size(); ++i)
            if (order_[i] == unit) {
                units_[unit].taken = false;
                if (i < head_) head_ = i;
                break;
            }
    }

    bool pending() {
        std::lock_guard lock(mutex_);
        return head_ < order_.size();
    }

    // The units that waited, each once, with the unit's position as `test`.
    std::vector<ResourceWait> take_waits() {
        std::lock_guard lock(mutex_);
        return std::move(waits_);
    }

private:
    struct Need {
        std::size_t id;
        ResourceAccess access;
    };
    struct Resource {
        std::string name;
        unsigned capacity = 0;  // a pool's size; 0: shared holders are not counted against any
        unsigned holders = 0;   // shared and pool holders
        bool exclusive = false;
    };
    // A unit's state; one array of these, rather than one per field, keeps the file with the
    // main from compiling a vector for each.
    struct UnitState {
        bool taken = false;
        std::size_t blocker = 0;    // the resource it first waited for
        Clock::time_point since{};  // when a free worker first passed it over; zero if never
    };

    std::size_t id_of(const ResourceUse& use) {
        std::size_t id = 0;
        while (id < resources_.size() && resources_[id].name != use.name) ++id;
        if (id == resources_.size()) resources_.push_back({use.name});
        if (use.access == ResourceAccess::pool) resources_[id].capacity = use.size;
        return id;
    }

    // The first blocked resource of `unit`, or resources_.size() when all are free.
    std::size_t blocked_by(std::size_t unit) const {
        for (std::size_t k = offsets_[unit]; k < offsets_[unit + 1]; ++k) {
            const Resource& resource = resources_[needs_[k].id];
            const bool free =
                needs_[k].access == ResourceAccess::exclusive
                    ? !resource.exclusive && resource.holders == 0
                    : !resource.exclusive && (resource.capacity == 0 || resource.holders < resource.capacity);
            if (!free) return needs_[k].id;
        }
        return resources_.size();
    }

    bool try_take_locked(std::size_t& unit, unsigned worker) {
        while (head_ < order_.size() && units_[order_[head_]].taken) ++head_;
        for (std::size_t i = head_; i < order_.size(); ++i) {
            const std::size_t candidate = order_[i];
            UnitState& state = units_[candidate];
            if (state.taken) continue;
            const std::size_t blocker = blocked_by(candidate);
            if (blocker != resources_.size()) {
                if (state.since == Clock::time_point{}) state = {false, blocker, Clock::now()};
                continue;
            }
            for (std::size_t k = offsets_[candidate]; k < offsets_[candidate + 1]; ++k) {
                Resource& resource = resources_[needs_[k].id];
                if (needs_[k].access == ResourceAccess::exclusive) resource.exclusive = true;
                else ++resource.holders;
            }
            if (state.since != Clock::time_point{})
                waits_.push_back({candidate, resources_[state.blocker].name, worker, state.since, Clock::now()});
            state = {true, 0, {}};
            unit = candidate;
            return true;
        }
        return false;
    }

    std::mutex mutex_;
    std::condition_variable ready_;
    std::vector<Resource> resources_;
    std::vector<Need> needs_;           // the units' needs, unit after unit
    std::vector<std::size_t> offsets_;  // unit i's needs are needs_[offsets_[i], offsets_[i + 1])
    std::vector<UnitState> units_;
    std::vector<std::size_t> order_;  // the units, in the order they are offered
    std::vector<ResourceWait> waits_;
    std::size_t head_ = 0;  // order_[head_] is the first unit not taken
    unsigned waiting_ = 0;
};

}  // namespace ctp::detail

#endif  // CTP_RUN_RESOURCE_SCHEDULER_HPP
