#ifndef CTP_DETAIL_DURATIONS_HPP
#define CTP_DETAIL_DURATIONS_HPP

#include <algorithm>  // stable_sort
#include <chrono>     // duration
#include <cstddef>    // size_t
#include <cstdio>     // rename, remove
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>    // move, pair
#include <vector>

#include "../result.hpp"
#include "schedule.hpp"

namespace ctp::detail {

// --durations-file: how long each test took last time, one "seconds<TAB>Suite.name" line per
// test, so that the next run can start the longest units first.
using Durations = std::map<std::string, double>;

// Nothing when the file does not exist yet; a warning, and nothing, when it is not ours.
inline std::optional<Durations> load_durations(const std::string& path, std::string& warning) {
    std::ifstream file(path);
    if (!file) return std::nullopt;
    Durations durations;
    std::string line;
    for (std::size_t number = 1; std::getline(file, line); ++number) {
        const auto tab = line.find('\t');
        double seconds = -1;
        std::istringstream value(line.substr(0, tab));
        if (tab == std::string::npos || !(value >> seconds) || !value.eof() || !(seconds >= 0) ||
            tab + 1 == line.size()) {
            warning = "warning: --durations-file " + path + ": line " + std::to_string(number) +
                      " is not 'seconds<TAB>name'; the file is ignored and tests start in discovery order";
            return std::nullopt;
        }
        durations[line.substr(tab + 1)] = seconds;
    }
    return durations;
}

inline void save_durations(const std::string& path, Durations durations, const Result& result) {
    for (const TestRecord& record : result.tests)
        durations[record.full_name()] = std::chrono::duration<double>(record.duration).count();
    const std::string temporary = path + ".tmp";
    {
        std::ofstream file(temporary, std::ios::trunc);
        file.precision(6);
        for (const auto& [name, seconds] : durations) file << std::fixed << seconds << '\t' << name << '\n';
        if (!file) return;
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) std::remove(temporary.c_str());
}

// Longest processing time first: the units of the parallel phase by their expected time,
// where a test not seen before is expected to take the mean. Serial units keep their order:
// they run one at a time whatever the order.
inline void order_longest_first(Plan& plan, const Durations& durations) {
    double known = 0;
    for (const auto& [name, seconds] : durations) known += seconds;
    const double mean = durations.empty() ? 0 : known / static_cast<double>(durations.size());
    std::vector<double> expected(plan.units.size(), 0);
    for (std::size_t i = 0; i < plan.units.size(); ++i)
        for (std::size_t index : plan.units[i].tests) {
            const auto found = durations.find(full_name(*plan.tests[index]));
            expected[i] += found != durations.end() ? found->second : mean;
        }
    std::vector<std::size_t> order(plan.units.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    // Parallel units first, longest first; then the serial ones as they were.
    auto key = [&](std::size_t i) {
        const bool serial = plan.units[i].phase == Phase::serial;
        return std::pair{serial, serial ? static_cast<double>(i) : -expected[i]};
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    std::vector<Unit> sorted;
    sorted.reserve(order.size());
    for (std::size_t i : order) sorted.push_back(std::move(plan.units[i]));
    plan.units = std::move(sorted);
}

}  // namespace ctp::detail

#endif  // CTP_DETAIL_DURATIONS_HPP
