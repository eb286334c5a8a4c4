#ifndef CTP_OPTIONS_HPP
#define CTP_OPTIONS_HPP

#include <cstdint>  // uint64_t
#include <optional>
#include <string>
#include <vector>

namespace ctp {

class Listener;

struct Options {
    unsigned parallel = 0;                  // worker threads; 0 runs everything serially
    std::vector<std::string> filters;       // -k: a test runs if any matches its full name
    bool failfast = false;
    std::optional<std::uint64_t> shuffle;   // the seed, when shuffling
    bool reverse = false;
    int verbosity = 1;
    Listener* listener = nullptr;           // progress events; nothing is printed without one
};

}  // namespace ctp

#endif  // CTP_OPTIONS_HPP
