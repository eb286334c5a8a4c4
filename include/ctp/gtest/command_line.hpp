#ifndef CTP_GTEST_COMMAND_LINE_HPP
#define CTP_GTEST_COMMAND_LINE_HPP

// The GoogleTest front end's reading of the command line, for RUN_ALL_TESTS and the
// self-tests; out of line in command_line_implementation.hpp.

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "../cli.hpp"
#include "../registry.hpp"
#include "events.hpp"

namespace ctp::detail::gtest {

struct GtestCommandLine {
    CommandLine line;  // ctp's options, the --gtest_ flags translated into them
    bool help = false;
    bool list = false;
    bool also_run_disabled = false;
    bool shuffle = false;
    unsigned random_seed = 0;
    std::string filter = "*";
    std::vector<bool> consumed;  // per argv entry: a flag of GoogleTest's or an option of ctp's
};

// What InitGoogleTest read, for RUN_ALL_TESTS.
struct State {
    bool initialized = false;
    std::string program = "tests";
    GtestCommandLine line;
};

// Reads GoogleTest's flags and variables and ctp's options; a malformed one throws UsageError.
GtestCommandLine parse_command_line(int argc, const char* const* argv);
// Whether --gtest_filter's value selects the full name `name`.
bool filter_matches(std::string_view filter, std::string_view name);
// RUN_ALL_TESTS over `registry`, with `unit`'s listeners when it is given.
int run(const Registry& registry, GtestCommandLine& line, std::string_view program, std::ostream& out,
        std::ostream& err, bool terminal, testing::UnitTest* unit);
State& state();

}  // namespace ctp::detail::gtest

#endif  // CTP_GTEST_COMMAND_LINE_HPP
