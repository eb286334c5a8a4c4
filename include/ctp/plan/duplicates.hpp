#ifndef CTP_PLAN_DUPLICATES_HPP
#define CTP_PLAN_DUPLICATES_HPP

#include <cstddef>  // size_t
#include <vector>

#include "../detail/index_sort.hpp"
#include "../registry.hpp"
#include "../result.hpp"
#include "plan.hpp"

namespace ctp::detail {

// The characters of a test's full name, "suite.name", one at a time, without building it.
class FullNameChars {
public:
    explicit FullNameChars(const TestInfo& info) noexcept : at_(info.suite()), name_(info.name()) {}

    // The next character; '\0' at the end.
    unsigned char next() noexcept {
        if (*at_ != '\0') return static_cast<unsigned char>(*at_++);
        if (name_ == nullptr) return '\0';
        at_ = name_;
        name_ = nullptr;
        return '.';
    }

private:
    const char* at_;
    const char* name_;
};

// Full names in byte order: suite "a.b" with name "c" is "a.b.c", as is suite "a" with "b.c".
inline bool full_name_less(const TestInfo& a, const TestInfo& b) noexcept {
    FullNameChars left(a), right(b);
    for (;;) {
        const unsigned char x = left.next(), y = right.next();
        if (x != y || x == '\0') return x < y;
    }
}

// Tests registered under a full name that an earlier test has: a filter or a CTest test
// that names one would run both. Each later test is listed with the first of its name.
inline std::vector<DuplicateTest> find_duplicates(const Registry& registry) {
    const std::vector<const TestInfo*>& tests = registry.tests();
    // The stable sort keeps tests of one name in registration order.
    const std::vector<std::size_t> by_name = sorted_indices(
        tests.size(),
        [](const void* all, std::size_t a, std::size_t b) {
            const auto* info = static_cast<const TestInfo* const*>(all);
            return full_name_less(*info[a], *info[b]);
        },
        tests.data());
    std::vector<DuplicateTest> duplicates;
    for (std::size_t first = 0, i = 1; i < by_name.size(); ++i) {
        const TestInfo& original = *tests[by_name[first]];
        const TestInfo& again = *tests[by_name[i]];
        if (full_name_less(original, again)) {
            first = i;
            continue;
        }
        duplicates.push_back({full_name(again), original.file, original.line, again.file, again.line});
    }
    return duplicates;
}

}  // namespace ctp::detail

#endif  // CTP_PLAN_DUPLICATES_HPP
