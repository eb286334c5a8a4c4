#ifndef CTP_CLI_ENVIRONMENT_HPP
#define CTP_CLI_ENVIRONMENT_HPP

// What the environment adds to the command line: CTP_TEST_THREADS for --parallel, and the
// variables of Bazel's test protocol (sharding, the test filter, where reports and the
// premature-exit marker go) and GoogleTest's sharding.

#include <cstdio>   // remove
#include <cstdlib>  // getenv
#include <fstream>  // ofstream
#include <optional>
#include <string>
#include <string_view>
#include <thread>  // thread::hardware_concurrency
#include <vector>

#include "../text/text_building.hpp"
#include "../options.hpp"
#include "arguments.hpp"

namespace ctp::detail {

// Up to what a machine could plausibly use; beyond it is a typo.
inline constexpr unsigned max_workers = 4096;

inline unsigned parse_workers(std::string_view text, std::string_view source) {
    unsigned workers = 0;
    if (!parse_number(text, workers) || workers < 1 || workers > max_workers)
        usage_error({source, ": invalid worker count '", text, "' (expected a whole number from 1 to ",
                     digits(max_workers), " or 'auto')"});
    return workers;
}

inline unsigned auto_workers() {
    if (const char* configured = std::getenv("CTP_TEST_THREADS")) return parse_workers(configured, "CTP_TEST_THREADS");
    const unsigned hardware = std::thread::hardware_concurrency();
    return hardware > 0 ? hardware : 1;
}

// The shard that a test runner protocol asks for through the environment, if any: Bazel's
// TEST_TOTAL_SHARDS and TEST_SHARD_INDEX, else GoogleTest's GTEST_ ones (both indices are
// 0-based). Returns the Bazel variables' status file to touch in `status_file`.
inline std::optional<Shard> environment_shard(std::string& status_file) {
    for (const char* prefix : {"TEST_", "GTEST_"}) {
        const std::string total_name = concat({prefix, "TOTAL_SHARDS"});
        const std::string index_name = concat({prefix, "SHARD_INDEX"});
        const char* total = std::getenv(total_name.c_str());
        const char* index = std::getenv(index_name.c_str());
        if (total == nullptr || *total == '\0') continue;
        Shard shard;
        if (!parse_number(std::string_view(total), shard.count) || shard.count < 1)
            usage_error({total_name, ": invalid shard count '", total, "'"});
        unsigned zero_based = 0;
        if (index == nullptr || !parse_number(std::string_view(index), zero_based) || zero_based >= shard.count)
            invalid_value(index_name, "shard index", index ? index : "", concat({"0 to ", digits(shard.count - 1)}));
        shard.index = zero_based + 1;
        if (const char* status = std::getenv("TEST_SHARD_STATUS_FILE"); status && *prefix == 'T') status_file = status;
        return shard;
    }
    return std::nullopt;
}

// Bazel's --test_filter, as TESTBRIDGE_TEST_ONLY, in GoogleTest's syntax (what Bazel's C++
// users know from --gtest_filter): patterns with '*' and '?' over the full name, ':' between
// them, and after a '-' the ones that exclude. A pattern without wildcards is a whole name.
inline void apply_test_filter(std::string_view filter, Options& options) {
    const std::size_t dash = filter.find('-');
    const auto add = [](std::string_view patterns, std::vector<std::string>& to) {
        for (std::size_t start = 0; start <= patterns.size();) {
            std::size_t end = patterns.find(':', start);
            if (end == std::string_view::npos) end = patterns.size();
            if (end > start) to.emplace_back(patterns.substr(start, end - start));
            start = end + 1;
        }
    };
    add(filter.substr(0, dash), options.filters);
    if (dash != std::string_view::npos) add(filter.substr(dash + 1), options.excludes);
    options.exact = true;
}

// Bazel's TEST_PREMATURE_EXIT_FILE: there while the tests run, so that a run that ends the
// process before ctp reports (exit() in a test, a crash) fails even with exit code 0.
class PrematureExitMarker {
public:
    PrematureExitMarker() {
        const char* path = std::getenv("TEST_PREMATURE_EXIT_FILE");
        if (path == nullptr || *path == '\0') return;
        path_ = path;
        std::ofstream(path_, std::ios::app);
    }

    void run_ended() const {
        if (!path_.empty()) std::remove(path_.c_str());
    }

private:
    std::string path_;
};

// Fills in what the command line left to the environment: the shard (touching Bazel's status
// file to show that the program shards), TESTBRIDGE_TEST_ONLY as the selection when the
// command line makes none, XML_OUTPUT_FILE as the JUnit report, and, under
// TEST_UNDECLARED_OUTPUTS_DIR, the command line's relative report paths resolved there (Bazel
// keeps that directory's files as the test's outputs). Returns where the JUnit path came
// from, for error messages. Bad variables are usage errors.
inline const char* apply_environment(Options& options) {
    std::string status_file;
    if (!options.shard) options.shard = environment_shard(status_file);
    if (!status_file.empty()) std::ofstream(status_file, std::ios::app);
    if (const char* filter = std::getenv("TESTBRIDGE_TEST_ONLY"); filter != nullptr && *filter != '\0' &&
                                                                  options.filters.empty() && options.tags.empty() &&
                                                                  options.excludes.empty())
        apply_test_filter(filter, options);
    if (const char* outputs = std::getenv("TEST_UNDECLARED_OUTPUTS_DIR"); outputs != nullptr && *outputs != '\0')
        for (std::string* path : {&options.junit_xml, &options.json_report, &options.trace, &options.timeline})
            if (!path->empty() && path->front() != '/') *path = concat({outputs, "/", *path});
    if (const char* xml = std::getenv("XML_OUTPUT_FILE"); options.junit_xml.empty() && xml != nullptr && *xml != '\0') {
        options.junit_xml = xml;
        return "XML_OUTPUT_FILE";
    }
    return "--junit-xml";
}

}  // namespace ctp::detail

#endif  // CTP_CLI_ENVIRONMENT_HPP
