#ifndef CTP_PLAN_SHARD_HPP
#define CTP_PLAN_SHARD_HPP

#include <cstdint>  // uint64_t
#include <optional>
#include <string_view>

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

// 1-based. A test's shard depends on its own name only, so adding tests never moves another
// one. Free tests hash their full name ("suite.name"); all tests of a fixture class hash the
// class (suite) name, so a class is never split and its class hooks run in one shard.
inline unsigned shard_of(const TestInfo& info, unsigned count) noexcept {
    std::uint64_t hash = fnv1a(info.suite());
    if (info.fixture == nullptr) hash = fnv1a(info.name(), fnv1a(".", hash));
    return static_cast<unsigned>(hash % count) + 1;
}

inline bool in_shard(const TestInfo& info, const std::optional<Shard>& shard) noexcept {
    return !shard || shard->count <= 1 || shard_of(info, shard->count) == shard->index;
}

}  // namespace ctp::detail

#endif  // CTP_PLAN_SHARD_HPP
