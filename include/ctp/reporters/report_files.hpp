#ifndef CTP_REPORTERS_REPORT_FILES_HPP
#define CTP_REPORTERS_REPORT_FILES_HPP

#include <cstddef>  // size_t
#include <fstream>  // ofstream
#include <ostream>
#include <string>

#include <cstdlib>  // getenv

#include "../text/text_building.hpp"
#include "../listener.hpp"
#include "../options.hpp"
#include "../result.hpp"
#include "github.hpp"
#include "gtest_json.hpp"
#include "gtest_xml.hpp"
#include "json.hpp"
#include "junit.hpp"
#include "tap.hpp"
#include "timeline.hpp"
#include "trace.hpp"

namespace ctp::detail {

// The reporters that ctp::main's options ask for, as one listener: passes events on to the
// console report, if any, and writes TAP and the report files at the end, also when a crash
// or a timeout ends the run early.
class ReportWriter final : public Listener {
public:
    // `also`: told of every event after the console (a front end's event listeners).
    ReportWriter(Listener* console, std::ostream& out, const Options& options, Listener* also = nullptr)
        : console_(console),
          also_(also),
          out_(out),
          options_(options) {}

    // Opens the report files before the run, so that a path that cannot be written stops it
    // before any test has run. Returns the error message, empty if all went well.
    std::string open(const char* junit_source) {
        const struct {
            std::ofstream* file;
            const std::string* path;
            const char* source;
        } reports[] = {{&junit_, &options_.junit_xml, junit_source},
                       {&json_, &options_.json_report, "--json"},
                       {&trace_, &options_.trace, "--trace"},
                       {&timeline_, &options_.timeline, "--timeline"},
                       {&gtest_xml_, &options_.gtest.xml, "--gtest_output"},
                       {&gtest_json_, &options_.gtest.json, "--gtest_output"}};
        for (const auto& report : reports) {
            if (report.path->empty()) continue;
            report.file->open(*report.path, std::ios::binary | std::ios::trunc);
            if (!*report.file) return concat({report.source, ": cannot write '", *report.path, "'"});
        }
        if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY");
            options_.reporter == ReporterKind::github && summary != nullptr && *summary != '\0') {
            github_summary_.open(summary, std::ios::binary | std::ios::app);
            if (!github_summary_) return concat({"GITHUB_STEP_SUMMARY: cannot write '", summary, "'"});
        }
        return {};
    }

    void on_run_start(const Result& result) override {
        if (console_ != nullptr) console_->on_run_start(result);
        if (also_ != nullptr) also_->on_run_start(result);
    }
    void on_phase_start(Phase phase, std::size_t count) override {
        if (console_ != nullptr) console_->on_phase_start(phase, count);
        if (also_ != nullptr) also_->on_phase_start(phase, count);
    }
    bool wants_test_start() const noexcept override {
        return (console_ != nullptr && console_->wants_test_start()) || (also_ != nullptr && also_->wants_test_start());
    }
    void on_test_start(const TestRecord& record) override {
        if (console_ != nullptr) console_->on_test_start(record);
        if (also_ != nullptr) also_->on_test_start(record);
    }
    void on_test_end(const TestRecord& record) override {
        if (console_ != nullptr) console_->on_test_end(record);
        if (also_ != nullptr) also_->on_test_end(record);
    }
    void on_run_end(const Result& result) override {
        if (console_ != nullptr) console_->on_run_end(result);
        if (also_ != nullptr) also_->on_run_end(result);
        if (options_.reporter == ReporterKind::tap) write_tap(out_, result);
        const char* workspace = std::getenv("GITHUB_WORKSPACE");
        if (options_.reporter == ReporterKind::github)
            write_github_annotations(out_, result, workspace != nullptr ? workspace : "");
        // A crash ends the process without unwinding: everything goes out now.
        out_.flush();
        if (junit_.is_open()) write_junit_xml(junit_, result, options_);
        if (json_.is_open()) write_json_report(json_, result, options_);
        if (trace_.is_open()) write_trace(trace_, result);
        if (timeline_.is_open()) write_timeline(timeline_, result);
        if (gtest_xml_.is_open()) write_gtest_xml(gtest_xml_, result, options_.gtest);
        if (gtest_json_.is_open()) write_gtest_json(gtest_json_, result, options_.gtest);
        if (github_summary_.is_open())
            write_github_summary(github_summary_, result, workspace != nullptr ? workspace : "");
        for (std::ofstream* file : {&junit_, &json_, &trace_, &timeline_, &gtest_xml_, &gtest_json_, &github_summary_})
            file->flush();
    }

private:
    Listener* console_;
    Listener* also_;
    std::ostream& out_;
    const Options& options_;
    std::ofstream junit_, json_, trace_, timeline_, gtest_xml_, gtest_json_, github_summary_;
};

}  // namespace ctp::detail

#endif  // CTP_REPORTERS_REPORT_FILES_HPP
