#ifndef CTP_CLI_ENVIRONMENT_HPP
#define CTP_CLI_ENVIRONMENT_HPP

// What the environment adds to the command line: CTP_TEST_THREADS for --parallel, and the
// sharding and report variables of Bazel and GoogleTest.

#include <cstdlib>  // getenv
#include <fstream>  // ofstream
#include <optional>
#include <string>
#include <string_view>
#include <thread>  // thread::hardware_concurrency

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

// Fills in what the command line left to the environment: the shard (touching Bazel's status
// file to show that the program shards) and XML_OUTPUT_FILE as the JUnit report. Returns
// where the JUnit path came from, for error messages. Bad variables are usage errors.
inline const char* apply_environment(Options& options) {
    std::string status_file;
    if (!options.shard) options.shard = environment_shard(status_file);
    if (!status_file.empty()) std::ofstream(status_file, std::ios::app);
    if (const char* xml = std::getenv("XML_OUTPUT_FILE"); options.junit_xml.empty() && xml != nullptr && *xml != '\0') {
        options.junit_xml = xml;
        return "XML_OUTPUT_FILE";
    }
    return "--junit-xml";
}

}  // namespace ctp::detail

#endif  // CTP_CLI_ENVIRONMENT_HPP
