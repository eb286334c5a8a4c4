#ifndef CTP_PLAN_RESOURCES_HPP
#define CTP_PLAN_RESOURCES_HPP

#include <cstddef>  // size_t
#include <string>
#include <string_view>
#include <utility>  // exchange, move
#include <vector>

#include "../registry.hpp"
#include "../result.hpp"
#include "../text/text_building.hpp"
#include "decorations.hpp"

namespace ctp::detail {

// Whether a live-server class runs in the pool: asked for by --live-in-pool or ctp::in_pool(),
// and not moved back by ctp::serial().
inline bool live_in_pool(const TestInfo& info, bool live_in_pool_option) {
    if (info.fixture == nullptr || info.fixture->configure_live_server == nullptr) return false;
    const bool asked = live_in_pool_option ||
                       (info.fixture->decorations != nullptr && info.fixture->decorations->in_pool) ||
                       (info.decorations != nullptr && info.decorations->in_pool);
    return asked && !serial_decorated(info);
}

// Adds `use` to `uses`, where a name held exclusively by one declaration is held exclusively.
inline void add_use(std::vector<ResourceUse>& uses, ResourceUse use) {
    for (ResourceUse& known : uses) {
        if (known.name != use.name) continue;
        if (use.access == ResourceAccess::exclusive ||
            (use.access == ResourceAccess::pool && known.access == ResourceAccess::shared)) {
            known.access = use.access;
            known.size = use.size;
        }
        return;
    }
    uses.push_back(std::move(use));
}

inline void add_claims(std::vector<ResourceUse>& uses, const ResourceClaim* claim) {
    if (claim == nullptr) return;
    add_claims(uses, claim->next);  // chained last first
    add_use(uses, {claim->name, claim->access, claim->size});
}

// What a test holds while it runs: its class's declarations, its own, and, for a live-server
// class in the pool with a fixed port, that port.
inline std::vector<ResourceUse> resources_of(const TestInfo& info, bool live_in_pool_option) {
    std::vector<ResourceUse> uses;
    if (info.fixture != nullptr && info.fixture->decorations != nullptr)
        add_claims(uses, info.fixture->decorations->resources);
    if (info.decorations != nullptr) add_claims(uses, info.decorations->resources);
    if (info.fixture != nullptr && info.fixture->port != nullptr && live_in_pool(info, live_in_pool_option))
        if (const unsigned short port = info.fixture->port(); port != 0)
            add_use(uses, {concat({"port:", digits(port)}), ResourceAccess::exclusive, 0});
    return uses;
}

// Whether a test declares anything, cheaply: most tests have no decorations at all.
inline bool declares_resources(const TestInfo& info, bool live_in_pool_option) {
    return (info.decorations != nullptr && info.decorations->resources != nullptr) ||
           (info.fixture != nullptr && info.fixture->decorations != nullptr &&
            info.fixture->decorations->resources != nullptr) ||
           (info.fixture != nullptr && info.fixture->port != nullptr && live_in_pool(info, live_in_pool_option));
}

// "ctp::pool(\"browser\", 2)", as the user wrote it.
inline std::string describe_claim(const ResourceClaim& claim) {
    const char* name = claim.name != nullptr ? claim.name : "";
    switch (claim.access) {
        case ResourceAccess::exclusive: return concat({"ctp::exclusive(\"", name, "\")"});
        case ResourceAccess::shared: return concat({"ctp::shared(\"", name, "\")"});
        case ResourceAccess::pool: return concat({"ctp::pool(\"", name, "\", ", digits(claim.size), ")"});
    }
    return {};
}

// "exclusive(db)", "shared(db)", "pool(browser, 2)": how --list and the reports show one.
inline std::string describe_use(const ResourceUse& use) {
    switch (use.access) {
        case ResourceAccess::exclusive: return concat({"exclusive(", use.name, ")"});
        case ResourceAccess::shared: return concat({"shared(", use.name, ")"});
        case ResourceAccess::pool: return concat({"pool(", use.name, ", ", digits(use.size), ")"});
    }
    return {};
}

// Declarations that cannot be scheduled, over every registered test whatever is selected:
// an empty name, a pool of size 0, one pool name with two sizes. One message each, naming
// where (a class's decorators by its first test).
inline std::vector<std::string> resource_errors(const Registry& registry) {
    struct Seen {
        const ResourceClaim* claim;
        std::string place;
    };
    std::vector<Seen> pools;
    std::vector<std::string> errors;
    std::vector<const Decorations*> checked;  // classes' decorations, each checked once
    const Decorations* last = nullptr;        // the cases of one parameterized test share theirs
    const auto check = [&](const ResourceClaim* claim, const std::string& place) {
        for (; claim != nullptr; claim = claim->next) {
            if (claim->name == nullptr || *claim->name == '\0') {
                errors.push_back(concat({"an empty resource name in ", describe_claim(*claim), " at ", place}));
                continue;
            }
            if (claim->access != ResourceAccess::pool) continue;
            if (claim->size == 0) {
                errors.push_back(concat({describe_claim(*claim), " at ", place, ": a pool holds at least 1"}));
                continue;
            }
            bool known = false;
            for (const Seen& seen : pools) {
                if (std::string_view(seen.claim->name) != claim->name) continue;
                known = true;
                if (seen.claim->size != claim->size)
                    errors.push_back(concat({"pool \"", claim->name, "\" has two sizes: ", describe_claim(*seen.claim),
                                             " at ", seen.place, " and ", describe_claim(*claim), " at ", place}));
                break;
            }
            if (!known) pools.push_back({claim, place});
        }
    };
    for (const TestInfo* info : registry.tests()) {
        const auto where = [info] { return concat({info->file, ":", digits(static_cast<unsigned>(info->line))}); };
        if (info->fixture != nullptr && info->fixture->decorations != nullptr) {
            const Decorations* decorations = info->fixture->decorations;
            bool seen = decorations->resources == nullptr;
            for (const Decorations* done : checked) seen = seen || done == decorations;
            if (!seen) {
                checked.push_back(decorations);
                check(decorations->resources, concat({"the decorators of class ", info->suite(), " (", where(), ")"}));
            }
        }
        if (info->decorations != nullptr && info->decorations->resources != nullptr &&
            std::exchange(last, info->decorations) != info->decorations)
            check(info->decorations->resources,
                  concat({info->suite(), *info->suite() != '\0' ? "." : "", info->name(), " (", where(), ")"}));
    }
    return errors;
}

}  // namespace ctp::detail

#endif  // CTP_PLAN_RESOURCES_HPP
