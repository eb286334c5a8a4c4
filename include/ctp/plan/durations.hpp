#ifndef CTP_PLAN_DURATIONS_HPP
#define CTP_PLAN_DURATIONS_HPP

#include <algorithm>  // lower_bound
#include <charconv>   // from_chars, to_chars
#include <chrono>     // duration
#include <cstddef>    // size_t
#include <cstdint>    // uint64_t
#include <cstdio>     // fopen, fread, fwrite, rename, remove
#include <limits>     // numeric_limits
#include <optional>
#include <stdexcept>  // invalid_argument
#include <string>
#include <string_view>
#include <system_error>  // errc
#include <utility>       // move
#include <vector>

#include "../detail/index_sort.hpp"
#include "../result.hpp"
#include "../text/text_building.hpp"

namespace ctp::detail {

// --durations-file: how long each test took last time, one "seconds<TAB>Suite.name" line per
// test, so that the next run can start the longest units first.
struct RecordedDurations {
    std::vector<std::string> names;  // sorted, each once
    std::vector<double> seconds;     // how long names[i] took
};

// Sorts by name and keeps the last of equal names, as assigning to a map in turn would.
inline void sort_by_name(RecordedDurations& durations) {
    const std::vector<std::size_t> order = sorted_indices(
        durations.names.size(),
        [](const void* all, std::size_t a, std::size_t b) {
            const auto* names = static_cast<const std::string*>(all);
            return names[a] < names[b];
        },
        durations.names.data());
    RecordedDurations sorted;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::size_t i = order[k];
        if (k + 1 < order.size() && durations.names[i] == durations.names[order[k + 1]]) continue;
        sorted.names.push_back(std::move(durations.names[i]));
        sorted.seconds.push_back(durations.seconds[i]);
    }
    durations = std::move(sorted);
}

// What `std::istringstream(field) >> seconds` reads to the end of the field, and not
// negative: white space, a sign, a decimal number. Like that stream, and unlike strtod,
// from_chars ignores setlocale; unlike it, from_chars fails rather than give 0 for a number
// too small for a double (1e-400), which ctp never writes.
inline bool parse_seconds(std::string_view field, double& seconds) {
    const char* first = field.data();
    const char* const last = first + field.size();
    while (first != last && (*first == ' ' || ('\t' <= *first && *first <= '\r'))) ++first;
    // from_chars takes no '+'; the stream fails on "+-0" too.
    if (last - first > 1 && *first == '+' && first[1] != '-') ++first;
    const auto [stop, error] = std::from_chars(first, last, seconds);
    // NaN fails both comparisons; the upper bound keeps out infinity.
    return error == std::errc() && stop == last && seconds >= 0 && seconds <= std::numeric_limits<double>::max();
}

// Reads a durations file: 0 when it parsed, `missing_file` when it does not exist (nothing
// read), else the number of its first malformed line (and nothing read).
inline constexpr std::size_t missing_file = std::numeric_limits<std::size_t>::max();

inline std::size_t read_durations(const std::string& path, RecordedDurations& durations) {
    std::FILE* file = std::fopen(path.c_str(), "r");
    if (file == nullptr) return missing_file;
    std::string text;
    char buffer[4096];
    for (std::size_t size; (size = std::fread(buffer, 1, sizeof buffer, file)) > 0;) text.append(buffer, size);
    std::fclose(file);
    std::size_t number = 1;
    for (std::size_t start = 0; start < text.size(); ++number) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string_view line(text.data() + start, end - start);
        start = end + 1;
        const std::size_t tab = line.find('\t');
        double seconds = 0;
        if (tab == std::string_view::npos || tab + 1 == line.size() || !parse_seconds(line.substr(0, tab), seconds)) {
            durations = {};
            return number;
        }
        durations.names.push_back(std::string(line.substr(tab + 1)));  // the push_back(T&&) in use
        durations.seconds.push_back(seconds);
    }
    sort_by_name(durations);
    return 0;
}

inline std::string malformed_durations(const std::string& path, std::size_t line) {
    return concat({"--durations-file ", path, ": line ", digits(line), " is not 'seconds<TAB>name'"});
}

// False, and nothing, when the file does not exist yet; also a warning when it is not ours.
inline bool load_durations(const std::string& path, RecordedDurations& durations, std::string& warning) {
    const std::size_t bad_line = read_durations(path, durations);
    if (bad_line != 0 && bad_line != missing_file)
        warning = concat({"warning: ", malformed_durations(path, bad_line),
                          "; the file is ignored and tests start in discovery order"});
    return bad_line == 0;
}

// The durations that assign tests to shards. A malformed file is an error here, not a warning:
// a machine that ignored it would run other tests than its file-reading peers expect, and
// some tests would run twice and others never.
inline RecordedDurations shard_durations(const std::string& path) {
    RecordedDurations durations;
    const std::size_t bad_line = read_durations(path, durations);
    if (bad_line != 0 && bad_line != missing_file)
        throw std::invalid_argument(
            concat({malformed_durations(path, bad_line), "; shards are assigned by it, so it cannot be ignored"}));
    return durations;
}

// Merges this run's records into `durations` and replaces the file with the result, all or
// nothing: written to PATH.tmp, then renamed over PATH.
inline void save_durations(const std::string& path, RecordedDurations durations, const Result& result) {
    for (const TestRecord& record : result.tests) {
        const double seconds = std::chrono::duration<double>(record.duration).count();
        durations.names.push_back(record.full_name());
        durations.seconds.push_back(seconds);
    }
    sort_by_name(durations);
    const std::string temporary = concat({path, ".tmp"});
    std::FILE* file = std::fopen(temporary.c_str(), "w");
    if (file == nullptr) return;
    for (std::size_t i = 0; i < durations.names.size(); ++i) {
        char seconds[320];  // DBL_MAX with 6 decimals takes 316
        const auto written =
            std::to_chars(seconds, seconds + sizeof seconds, durations.seconds[i], std::chars_format::fixed, 6);
        std::fwrite(seconds, 1, static_cast<std::size_t>(written.ptr - seconds), file);
        std::fputc('\t', file);
        std::fwrite(durations.names[i].data(), 1, durations.names[i].size(), file);
        std::fputc('\n', file);
    }
    const bool complete = std::ferror(file) == 0;
    if (std::fclose(file) == 0 && complete && std::rename(temporary.c_str(), path.c_str()) == 0) return;
    std::remove(temporary.c_str());
}

// The recorded seconds of `name`, or `otherwise`.
inline double recorded_seconds(const RecordedDurations& durations, const std::string& name, double otherwise) {
    const auto found = std::lower_bound(durations.names.begin(), durations.names.end(), name);
    if (found == durations.names.end() || *found != name) return otherwise;
    return durations.seconds[static_cast<std::size_t>(found - durations.names.begin())];
}

// The recorded time of `name` in whole microseconds, so that sums are exact and the same on
// every machine; none if it was not recorded. Capped at 10^12 s, far beyond any test's.
inline std::optional<std::uint64_t> recorded_micros(const RecordedDurations& durations, const std::string& name) {
    const auto found = std::lower_bound(durations.names.begin(), durations.names.end(), name);
    if (found == durations.names.end() || *found != name) return std::nullopt;
    const double seconds = durations.seconds[static_cast<std::size_t>(found - durations.names.begin())];
    if (seconds >= 1e12) return std::uint64_t{1'000'000} * 1'000'000'000'000;
    // Rounded to the nearest (seconds is never negative) without <cmath> in every test file.
    return static_cast<std::uint64_t>(seconds * 1e6 + 0.5);
}

}  // namespace ctp::detail

#endif  // CTP_PLAN_DURATIONS_HPP
