#ifndef CTP_MAIN_HPP
#define CTP_MAIN_HPP

#include <cstdlib>   // getenv
#include <fstream>   // ofstream
#include <iostream>  // cout, cerr
#include <ostream>
#include <string>
#include <string_view>
#include <utility>   // move

#include "cli.hpp"
#include "console_reporter.hpp"
#include "detail/optimizer_hints.hpp"
#include "text/text_building.hpp"
#include "exit_code.hpp"
#include "text/text_encoding.hpp"
#include "registry.hpp"
#include "reporters/json.hpp"
#include "reporters/junit.hpp"
#include "reporters/tap.hpp"
#include "reporters/timeline.hpp"
#include "reporters/trace.hpp"
#include "runner.hpp"
#include "version.hpp"

#if __has_include(<unistd.h>)
#include <unistd.h>  // isatty
#define CTP_DETAIL_HAS_ISATTY 1
#endif  // __has_include(<unistd.h>)

namespace ctp {

namespace detail {

// Colour only reaches a terminal, and NO_COLOR (https://no-color.org) turns it off unless
// the command line insists.
inline bool use_color(ColorMode mode, const std::ostream& out) {
    if (mode != ColorMode::automatic) return mode == ColorMode::always;
    if (const char* no_color = std::getenv("NO_COLOR"); no_color != nullptr && *no_color != '\0')
        return false;
#if defined(CTP_DETAIL_HAS_ISATTY)
    return &out == &std::cout && isatty(STDOUT_FILENO) == 1;
#else
    return false;
#endif  // defined(CTP_DETAIL_HAS_ISATTY)
}

// Passes events on to the console report, if any, and writes the report files at the end,
// also when a crash or a timeout ends the run early.
class ReportWriter final : public Listener {
public:
    ReportWriter(Listener* console, std::ostream& out, const Options& options)
        : console_(console), out_(out), options_(options) {}

    // Opens the report files before the run, so that a path that cannot be written stops it
    // before any test has run. Returns the error message, empty if all went well.
    CTP_DETAIL_COLD std::string open(const char* junit_source) {
        const struct {
            std::ofstream* file;
            const std::string* path;
            const char* source;
        } reports[] = {{&junit_, &options_.junit_xml, junit_source},
                       {&json_, &options_.json_report, "--json"},
                       {&trace_, &options_.trace, "--trace"},
                       {&timeline_, &options_.timeline, "--timeline"}};
        for (const auto& report : reports) {
            if (report.path->empty()) continue;
            report.file->open(*report.path, std::ios::binary | std::ios::trunc);
            if (!*report.file) return concat({report.source, ": cannot write '", *report.path, "'"});
        }
        return {};
    }

    void on_run_start(const Result& result) override {
        if (console_ != nullptr) console_->on_run_start(result);
    }
    void on_phase_start(Phase phase, std::size_t count) override {
        if (console_ != nullptr) console_->on_phase_start(phase, count);
    }
    void on_test_end(const TestRecord& record) override {
        if (console_ != nullptr) console_->on_test_end(record);
    }
    void on_run_end(const Result& result) override {
        if (console_ != nullptr) console_->on_run_end(result);
        if (options_.reporter == ReporterKind::tap) write_tap(out_, result);
        if (junit_.is_open()) write_junit_xml(junit_, result, options_);
        if (json_.is_open()) write_json_report(json_, result, options_);
        if (trace_.is_open()) write_trace(trace_, result);
        if (timeline_.is_open()) write_timeline(timeline_, result);
        for (std::ofstream* file : {&junit_, &json_, &trace_, &timeline_}) file->flush();
    }

private:
    Listener* console_;
    std::ostream& out_;
    const Options& options_;
    std::ofstream junit_, json_, trace_, timeline_;
};

CTP_DETAIL_COLD inline void write_list_json(std::ostream& out, const Plan& plan) {
    out << "{\"tests\": [";
    const char* separator = "\n";
    for (const TestInfo* info : plan.tests) {
        out << separator << "  {\"name\": " << JsonString{full_name(*info)}
            << ", \"suite\": " << JsonString{info->suite()} << ", \"file\": " << JsonString{info->file}
            << ", \"line\": " << info->line << ", \"phase\": \"" << to_string(phase_of(*info))
            << "\", \"fixture\": " << (info->fixture != nullptr ? "true" : "false") << '}';
        separator = ",\n";
    }
    out << (plan.tests.empty() ? "]}\n" : "\n]}\n");
}

}  // namespace detail

// Parses the command line, runs the selected tests of `registry`, prints the report to
// `out` (and usage errors to `err`) and returns the process's exit code.
CTP_DETAIL_COLD inline int main(const Registry& registry, int argc, const char* const* argv, std::ostream& out,
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
    const char* junit_source = "--junit-xml";
    try {
        std::string status_file;
        if (!options.shard) options.shard = detail::environment_shard(status_file);
        // Bazel asks a test to touch this file to show that it shards.
        if (!status_file.empty()) std::ofstream(status_file, std::ios::app);
        if (const char* xml = std::getenv("XML_OUTPUT_FILE");
            options.junit_xml.empty() && xml != nullptr && *xml != '\0') {
            options.junit_xml = xml;
            junit_source = "XML_OUTPUT_FILE";
        }
    } catch (const UsageError& error) {
        err << "error: " << error.what() << " (see " << program << " --help)" << std::endl;
        return exit_usage;
    }
    if (const std::vector<DuplicateTest> duplicates = detail::find_duplicates(registry); !duplicates.empty()) {
        for (const DuplicateTest& duplicate : duplicates)
            err << "error: two tests are named " << duplicate.name << ": " << duplicate.first_file << ':'
                << duplicate.first_line << " and " << duplicate.file << ':' << duplicate.line << '\n';
        err << std::flush;
        return exit_usage;
    }
    detail::Plan plan = detail::make_plan(registry, options);
    if (plan.tests.empty() && !detail::filters_match(registry, options)) {
        err << "error: no test matches";
        for (const std::string& pattern : options.filters) err << " -k '" << pattern << '\'';
        err << std::endl;
        return exit_no_tests;
    }
    if (line.command == Command::list) {
        if (line.list_format == ListFormat::json) {
            detail::write_list_json(out, plan);
            return exit_success;
        }
        for (const detail::TestInfo* info : plan.tests)
            out << detail::full_name(*info) << " [" << to_string(detail::phase_of(*info)) << "]\n";
        return exit_success;
    }
    ConsoleReporter console(out, options.verbosity, detail::use_color(options.color, out),
                            options.durations);
    detail::ReportWriter reports(options.reporter == ReporterKind::console ? &console : nullptr, out, options);
    if (const std::string error = reports.open(junit_source); !error.empty()) {
        err << "error: " << error << std::endl;
        return exit_usage;
    }
    options.listener = &reports;
    options.capture = options.capture || !options.junit_xml.empty() || !options.json_report.empty();
    const Result result = detail::run_plan(std::move(plan), options);
    return result.successful() ? exit_success : exit_failure;
}

inline int main(int argc, const char* const* argv) {
    return main(Registry::global(), argc, argv, std::cout, std::cerr);
}

}  // namespace ctp

#endif  // CTP_MAIN_HPP
