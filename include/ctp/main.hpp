#ifndef CTP_MAIN_HPP
#define CTP_MAIN_HPP

#include <cstdlib>   // getenv
#include <iostream>  // cout
#include <optional>
#include <ostream>
#include <stdexcept>  // invalid_argument
#include <string>
#include <string_view>
#include <utility>  // move
#include <vector>

#include "cli.hpp"
#include "exit_code.hpp"
#include "registry.hpp"
#include "reporters/console.hpp"
#include "reporters/descriptor_stream.hpp"
#include "reporters/gtest_console.hpp"
#include "reporters/list.hpp"
#include "reporters/report_files.hpp"
#include "reporters/teamcity.hpp"
#include "runner.hpp"
#include "version.hpp"

namespace ctp {

namespace detail {

// Colour only reaches a terminal, and NO_COLOR (https://no-color.org) turns it off unless
// the command line insists.
inline bool use_color(ColorMode mode, bool terminal) {
    if (mode != ColorMode::automatic) return mode == ColorMode::always;
    if (const char* no_color = std::getenv("NO_COLOR"); no_color != nullptr && *no_color != '\0') return false;
    return terminal;
}

// A CI server's own reporter when the output goes to its log and the command line chose none:
// under GitHub Actions the console with annotations, under TeamCity its service messages.
inline void choose_ci_reporter(Options& options, bool terminal) {
    if (options.reporter_given || options.reporter != ReporterKind::console || terminal) return;
    if (const char* actions = std::getenv("GITHUB_ACTIONS"); actions != nullptr && std::string_view(actions) == "true")
        options.reporter = ReporterKind::github;
    else if (const char* teamcity = std::getenv("TEAMCITY_VERSION"); teamcity != nullptr && *teamcity != '\0')
        options.reporter = ReporterKind::teamcity;
}

// What a front end's own main changes in ctp::main's run (doctest's: its tests may share a
// name, as doctest allows, and its summary lines follow ctp's).
struct MainHooks {
    bool (*may_share_name)(const TestInfo& info);                // both tests of a shared name must say so
    void (*after_run)(std::ostream& out, const Result& result);  // null: nothing
};

inline int run_command_line(const Registry& registry, CommandLine& line, const char* junit_source, std::ostream& out,
                            std::ostream& err, bool terminal, Listener* also = nullptr,
                            const MainHooks* hooks = nullptr);

// ctp::main, told whether `out` is a terminal (for --color auto).
inline int run_main(const Registry& registry, int argc, const char* const* argv, std::ostream& out, std::ostream& err,
                    bool terminal, const MainHooks* hooks = nullptr) {
    const std::string_view program = argc > 0 && argv[0] != nullptr ? argv[0] : "tests";
    CommandLine line;
    const char* junit_source = nullptr;
    try {
        line = parse_command_line(argc, argv);
        if (line.command == Command::run || line.command == Command::list || line.command == Command::list_tags)
            junit_source = apply_environment(line.options);
        choose_ci_reporter(line.options, terminal);
    } catch (const UsageError& error) {
        err << "error: " << error.what() << " (see " << program << " --help)" << std::endl;
        return exit_usage;
    }
    switch (line.command) {
        case Command::help: out << help_text(program) << std::flush; return exit_success;
        case Command::version: out << "ctp " CTP_VERSION_STRING "\n" << std::flush; return exit_success;
        case Command::list:
        case Command::list_tags:
        case Command::run: break;
    }
    return run_command_line(registry, line, junit_source, out, err, terminal, nullptr, hooks);
}

// What ctp::main does once the command line is read (a front end reads its own); `also` is
// told of the run's events after the console.
inline int run_command_line(const Registry& registry, CommandLine& line, const char* junit_source, std::ostream& out,
                            std::ostream& err, bool terminal, Listener* also, const MainHooks* hooks) {
    Options& options = line.options;
    if (const std::vector<DuplicateTest> duplicates =
            find_duplicates(registry, hooks != nullptr ? hooks->may_share_name : nullptr);
        !duplicates.empty()) {
        for (const DuplicateTest& duplicate : duplicates)
            err << "error: two tests are named " << duplicate.name << ": " << duplicate.first_file << ':'
                << duplicate.first_line << " and " << duplicate.file << ':' << duplicate.line << '\n';
        err << std::flush;
        return exit_usage;
    }
    if (const std::vector<std::string> errors = resource_errors(registry); !errors.empty()) {
        for (const std::string& error : errors) err << "error: " << error << '\n';
        err << std::flush;
        return exit_usage;
    }
    Plan plan;
    try {
        plan = make_plan(registry, options);
    } catch (const std::invalid_argument& error) {  // a sharded run's malformed --durations-file
        err << "error: " << error.what() << std::endl;
        return exit_usage;
    }
    if (plan.tests.empty() && !filters_match(registry, options)) {
        err << "error: no test matches";
        for (const std::string& pattern : options.filters) err << " -k '" << pattern << '\'';
        for (const std::string& expression : options.tags) err << " --tag '" << expression << '\'';
        err << std::endl;
        return exit_no_tests;
    }
    if (line.command == Command::list || line.command == Command::list_tags) {
        if (line.command == Command::list_tags) write_tag_list(out, plan, line.list_format == ListFormat::json);
        else if (line.list_format == ListFormat::json) write_list_json(out, plan, options.live_in_pool);
        else write_list_text(out, plan, options.live_in_pool);
        out.flush();
        return exit_success;
    }
    ConsoleReporter console(out, options.verbosity, use_color(options.color, terminal), options.slowest);
    std::optional<GtestConsoleReporter> gtest_console;
    TeamcityReporter teamcity(out, options.parallel > 0);
    Listener* shown =
        options.reporter == ReporterKind::console || options.reporter == ReporterKind::github ? &console : nullptr;
    if (options.reporter == ReporterKind::gtest && options.gtest.printer)
        shown = &gtest_console.emplace(out, plan, options, use_color(options.color, terminal));
    if (options.reporter == ReporterKind::teamcity) shown = &teamcity;
    ReportWriter reports(shown, out, options, also);
    if (const std::string error = reports.open(junit_source); !error.empty()) {
        err << "error: " << error << std::endl;
        return exit_usage;
    }
    options.listener = &reports;
    if (options.capture == CaptureMode::none && (!options.junit_xml.empty() || !options.json_report.empty()))
        options.capture = CaptureMode::tee;
    const PrematureExitMarker premature_exit;
    const Result result = run_plan(std::move(plan), options);
    premature_exit.run_ended();
    if (hooks != nullptr && hooks->after_run != nullptr) hooks->after_run(out, result);
    return result.successful() ? exit_success : exit_failure;
}

}  // namespace detail

// Parses the command line, runs the selected tests of `registry`, prints the report to
// `out` (and usage errors to `err`) and returns the process's exit code.
inline int main(const Registry& registry, int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    return detail::run_main(registry, argc, argv, out, err, &out == &std::cout && detail::is_terminal(1));
}

// The same on the process's standard output and error, written to descriptors 1 and 2
// directly: a test may point std::cout and std::cerr elsewhere while others run.
inline int main(int argc, const char* const* argv) {
    detail::DescriptorStream out(1), err(2);
    return detail::run_main(Registry::global(), argc, argv, out, err, detail::is_terminal(1));
}

}  // namespace ctp

#endif  // CTP_MAIN_HPP
