#ifndef CTP_MAIN_HPP
#define CTP_MAIN_HPP

#include <iostream>  // cout, cerr
#include <ostream>
#include <string_view>

#include "cli.hpp"
#include "console_reporter.hpp"
#include "registry.hpp"
#include "runner.hpp"
#include "version.hpp"

namespace ctp {

enum ExitCode : int {
    exit_success = 0,    // every test passed or was skipped
    exit_failure = 1,    // a test failed or had an error
    exit_usage = 2,      // the command line was wrong; nothing ran
    exit_no_tests = 5,   // -k patterns matched no test; nothing ran
};

// Parses the command line, runs the selected tests of `registry`, prints the report to
// `out` (and usage errors to `err`) and returns the process's exit code.
inline int main(const Registry& registry, int argc, const char* const* argv, std::ostream& out,
                std::ostream& err) {
    const std::string_view program = argc > 0 && argv[0] != nullptr ? argv[0] : "tests";
    CommandLine line;
    try {
        line = parse_command_line(argc, argv);
    } catch (const UsageError& error) {
        err << "error: " << error.what() << " (see " << program << " --help)" << std::endl;
        return exit_usage;
    }
    switch (line.command) {
        case Command::help: out << help_text(program); return exit_success;
        case Command::version: out << "ctp " CTP_VERSION_STRING "\n"; return exit_success;
        case Command::list:
        case Command::run: break;
    }
    Options& options = line.options;
    const detail::Plan plan = detail::make_plan(registry, options);
    if (plan.tests.empty() && !options.filters.empty()) {
        err << "error: no test matches";
        for (const std::string& pattern : options.filters) err << " -k '" << pattern << '\'';
        err << std::endl;
        return exit_no_tests;
    }
    if (line.command == Command::list) {
        for (const detail::TestInfo* info : plan.tests)
            out << detail::full_name(*info) << " [" << to_string(detail::phase_of(*info)) << "]\n";
        return exit_success;
    }
    ConsoleReporter console(out, options.verbosity);
    options.listener = &console;
    return detail::run_plan(plan, options).successful() ? exit_success : exit_failure;
}

inline int main(int argc, const char* const* argv) {
    return main(Registry::global(), argc, argv, std::cout, std::cerr);
}

}  // namespace ctp

#endif  // CTP_MAIN_HPP
