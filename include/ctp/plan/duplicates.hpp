#ifndef CTP_PLAN_DUPLICATES_HPP
#define CTP_PLAN_DUPLICATES_HPP

#include <cstddef>  // size_t
#include <cstdint>  // uint64_t
#include <vector>

#include "../detail/index_sort.hpp"
#include "../registry.hpp"
#include "../result.hpp"
#include "plan.hpp"
#include "shard.hpp"

namespace ctp::detail {

// The characters of a test's full name, "suite.name" (or "name" without a suite), one at a
// time, without building it.
class FullNameChars {
public:
    explicit FullNameChars(const TestInfo& info) noexcept
        : at_(*info.suite() != '\0' ? info.suite() : info.name()),
          name_(*info.suite() != '\0' ? info.name() : nullptr) {}

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

// Whether two tests have one full name: suite "a.b" with name "c" is "a.b.c", as is suite
// "a" with name "b.c".
inline bool same_full_name(const TestInfo& a, const TestInfo& b) noexcept {
    FullNameChars left(a), right(b);
    for (;;) {
        const unsigned char x = left.next(), y = right.next();
        if (x != y) return false;
        if (x == '\0') return true;
    }
}

// FNV-1a of the full name, as shard.hpp hashes names, without building it.
inline std::uint64_t full_name_hash(const TestInfo& info) noexcept {
    std::uint64_t hash = fnv1a_basis;
    FullNameChars chars(info);
    for (unsigned char c; (c = chars.next()) != '\0';) hash = (hash ^ c) * 0x100000001b3u;
    return hash;
}

// Tests registered under a full name that an earlier test has: a filter or a CTest test
// that names one would run both. Each later test is listed with the first of its name.
// Tests are sorted by the hash of their names, cheap to compare, and only tests with equal
// hashes have their names compared; the list follows the order of registration. Two tests
// that `may_share_name` both accepts are no duplicates (doctest allows them).
inline std::vector<DuplicateTest> find_duplicates(const Registry& registry,
                                                  bool (*may_share_name)(const TestInfo&) = nullptr) {
    const std::vector<const TestInfo*>& tests = registry.tests();
    std::vector<std::uint64_t> hashes(tests.size());
    for (std::size_t i = 0; i < tests.size(); ++i) hashes[i] = full_name_hash(*tests[i]);
    // The stable sort keeps tests of one hash in registration order.
    const std::vector<std::size_t> by_hash = sorted_indices(
        tests.size(),
        [](const void* all, std::size_t a, std::size_t b) {
            const auto* hash = static_cast<const std::uint64_t*>(all);
            return hash[a] < hash[b];
        },
        hashes.data());
    // For each test registered under an earlier test's name, 1 + that test's index.
    std::vector<std::size_t> earlier(tests.size());
    for (std::size_t run = 0, end = 0; run < by_hash.size(); run = end) {
        while (end < by_hash.size() && hashes[by_hash[end]] == hashes[by_hash[run]]) ++end;
        for (std::size_t i = run + 1; i < end; ++i)
            for (std::size_t j = run; j < i; ++j)
                if (earlier[by_hash[j]] == 0 && same_full_name(*tests[by_hash[j]], *tests[by_hash[i]]) &&
                    !(may_share_name != nullptr && may_share_name(*tests[by_hash[j]]) &&
                      may_share_name(*tests[by_hash[i]]))) {
                    earlier[by_hash[i]] = by_hash[j] + 1;
                    break;
                }
    }
    std::vector<DuplicateTest> duplicates;
    for (std::size_t i = 0; i < tests.size(); ++i) {
        if (earlier[i] == 0) continue;
        const TestInfo& original = *tests[earlier[i] - 1];
        const TestInfo& again = *tests[i];
        duplicates.push_back({full_name(again), original.file, original.line, again.file, again.line});
    }
    return duplicates;
}

}  // namespace ctp::detail

#endif  // CTP_PLAN_DUPLICATES_HPP
