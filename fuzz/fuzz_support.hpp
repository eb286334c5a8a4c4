// Shared by the fuzz targets. A broken property aborts, which libFuzzer (and the replay
// binary) report as a crash with the input that caused it.
#ifndef CTP_FUZZ_FUZZ_SUPPORT_HPP
#define CTP_FUZZ_FUZZ_SUPPORT_HPP

#include <cstddef>  // size_t
#include <cstdint>  // uint64_t
#include <cstdio>   // fprintf
#include <cstdlib>  // abort
#include <string_view>
#include <vector>

#define FUZZ_CHECK(condition) ((condition) ? void() : ::fuzz::fail(#condition, __FILE__, __LINE__))

namespace fuzz {

[[noreturn]] inline void fail(const char* condition, const char* file, int line) {
    std::fprintf(stderr, "%s:%d: property failed: %s\n", file, line, condition);
    std::abort();
}

// FNV-1a: the split points derive from the input, so a reproducer replays the same splits.
inline std::uint64_t hash(std::string_view data) {
    std::uint64_t value = 0xcbf29ce484222325ULL;
    for (const char c : data) value = (value ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    return value;
}

// splitmix64: small and good enough for choosing chunk sizes.
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t bound) { return static_cast<std::size_t>(next() % bound); }

private:
    std::uint64_t state_;
};

// `data` cut into chunks of 1 to `max_chunk` bytes, as a peer's writes might arrive.
inline std::vector<std::string_view> split(std::string_view data, Random& random, std::size_t max_chunk) {
    std::vector<std::string_view> chunks;
    while (!data.empty()) {
        const std::size_t size = 1 + random.below(max_chunk);
        chunks.push_back(data.substr(0, size));
        data.remove_prefix(chunks.back().size());
    }
    return chunks;
}

}  // namespace fuzz

#endif  // CTP_FUZZ_FUZZ_SUPPORT_HPP
