#ifndef CTP_CLI_HELP_HPP
#define CTP_CLI_HELP_HPP

#include <cstddef>  // size_t
#include <string>
#include <string_view>

#include "../text/text_building.hpp"
#include "option_table.hpp"

namespace ctp {

namespace detail {

// --help's left column for `option`: "-h, --help", "--shard I/N", or the table's own words.
inline std::string option_usage(const CommandLineOption& option) {
    if (!option.usage.empty()) return std::string(option.usage);
    std::string usage;
    if (!option.short_name.empty()) append(usage, {option.short_name, ", "});
    append(usage, {option.name, option.value.empty() ? "" : " ", option.value});
    return usage;
}

// The options as --help lists them: descriptions start in column 24, or two spaces after a
// longer left column; their further lines are indented to column 24.
inline std::string option_list() {
    constexpr std::size_t column = 23;
    std::string text;
    for (const CommandLineOption& option : command_line_options) {
        const std::string usage = option_usage(option);
        append(text, {"  ", usage});
        text.append(usage.size() + 4 <= column ? column - 2 - usage.size() : 2, ' ');
        for (const char c : option.help) {
            text += c;
            if (c == '\n') text.append(column, ' ');
        }
        text += '\n';
    }
    return text;
}

}  // namespace detail

inline std::string help_text(std::string_view program) {
    return detail::concat({"Usage: ", program, R"( [options]

Runs the program's ctp tests. Without --parallel every test runs serially, in
discovery order. With it, regular tests run in a pool of threads, then the
tests of serial fixtures (ctp::LiveServerTestCase and its kind) one at a time.

Options:
)",
                           detail::option_list(), R"(
Sharding also follows Bazel (TEST_TOTAL_SHARDS, TEST_SHARD_INDEX,
TEST_SHARD_STATUS_FILE) and GoogleTest (GTEST_TOTAL_SHARDS, GTEST_SHARD_INDEX)
when --shard is not given. Under Bazel, XML_OUTPUT_FILE receives the JUnit
report, TESTBRIDGE_TEST_ONLY (--test_filter, GoogleTest's filter syntax)
selects the tests when no -k, --tag or --exclude does, relative report paths
resolve in TEST_UNDECLARED_OUTPUTS_DIR, TEST_PREMATURE_EXIT_FILE exists while
the tests run, and temporary files go to TEST_TMPDIR.

Exit codes: 0 all passed, 1 a test failed or had an error, 2 bad command
line (or shard variables, or a report file that cannot be written), 3 a test
crashed the process (fatal signal or std::terminate), 4 a test ran past
--timeout, 5 no test matches the -k patterns.
)"});
}

}  // namespace ctp

#endif  // CTP_CLI_HELP_HPP
