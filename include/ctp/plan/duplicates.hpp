#ifndef CTP_PLAN_DUPLICATES_HPP
#define CTP_PLAN_DUPLICATES_HPP

#include <algorithm>  // stable_sort
#include <cstddef>    // size_t
#include <cstring>    // strcmp
#include <vector>

#include "../registry.hpp"
#include "../result.hpp"
#include "plan.hpp"

namespace ctp::detail {

// Tests registered under a full name that an earlier test has: a filter or a CTest test
// that names one would run both. Each later test is listed with the first of its name.
inline std::vector<DuplicateTest> find_duplicates(const Registry& registry) {
    const std::vector<const TestInfo*>& tests = registry.tests();
    std::vector<const TestInfo*> by_name(tests);
    // "suite\0name" compares suite first, then name; the stable sort keeps registration order.
    const auto before = [](const TestInfo* a, const TestInfo* b) {
        const int suite = std::strcmp(a->suite(), b->suite());
        return suite != 0 ? suite < 0 : std::strcmp(a->name(), b->name()) < 0;
    };
    std::stable_sort(by_name.begin(), by_name.end(), before);
    std::vector<DuplicateTest> duplicates;
    for (std::size_t first = 0, i = 1; i < by_name.size(); ++i) {
        if (before(by_name[first], by_name[i])) {
            first = i;
            continue;
        }
        const TestInfo& original = *by_name[first];
        const TestInfo& again = *by_name[i];
        duplicates.push_back({full_name(again), original.file, original.line, again.file, again.line});
    }
    return duplicates;
}

}  // namespace ctp::detail

#endif  // CTP_PLAN_DUPLICATES_HPP
