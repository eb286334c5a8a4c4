#ifndef CTP_REPORTERS_CONSOLE_HPP
#define CTP_REPORTERS_CONSOLE_HPP

#include <cstddef>  // size_t
#include <ostream>
#include <string>
#include <vector>

#include "../detail/index_sort.hpp"
#include "../text/text_building.hpp"
#include "../listener.hpp"
#include "../result.hpp"
#include "report_format.hpp"

namespace ctp {

// The console output of ctp::main, in the shape of Python unittest's.
class ConsoleReporter : public Listener {
public:
    ConsoleReporter(std::ostream& out, int verbosity) : out_(out), verbosity_(verbosity) {}

    // `color`: outcomes in ANSI colours; `slowest`: list that many slowest tests at the end.
    ConsoleReporter(std::ostream& out, int verbosity, bool color, std::size_t slowest)
        : out_(out),
          verbosity_(verbosity),
          color_(color),
          slowest_(slowest) {}

    void on_run_start(const Result& result) override {
        for (const std::string& warning : result.warnings) out_ << warning << '\n';
        if (verbosity_ < 1) return;
        out_ << "Found " << result.selected << " test(s).\n";
        if (result.seed) out_ << "Shuffled with seed " << *result.seed << " (--shuffle " << *result.seed << ").\n";
        out_.flush();
    }

    void on_phase_start(Phase phase, std::size_t count) override {
        if (verbosity_ < 1) return;
        if (phase == Phase::parallel) out_ << "Running " << count << " regular " << tests(count) << " in parallel...\n";
        else out_ << "Running " << count << " WebSocket/Selenium " << tests(count) << " serially...\n";
        out_.flush();
    }

    void on_test_end(const TestRecord& record) override {
        if (verbosity_ < 2) return;
        out_ << record.shown_name() << " ... ";
        switch (record.outcome) {
            case Outcome::passed:
                out_ << paint(green, record.flaky ? detail::concat({"ok (flaky: passed on attempt ",
                                                                    detail::digits(record.attempts), ")"})
                                                  : "ok");
                break;
            case Outcome::failed: out_ << paint(red, "FAIL"); break;
            case Outcome::error: out_ << paint(red, "ERROR"); break;
            case Outcome::skipped: out_ << paint(yellow, detail::concat({"skipped '", record.skip_reason, "'"})); break;
            case Outcome::expected_failure: out_ << paint(yellow, "expected failure"); break;
            case Outcome::unexpected_success: out_ << paint(red, "unexpected success"); break;
        }
        out_ << " (" << detail::seconds_text(record.duration) << "s)";
        // On the same line, which a pool's reports never split.
        if (!record.description.empty()) out_ << " -- " << record.description;
        out_ << '\n';
        out_.flush();
    }

    void on_run_end(const Result& result) override {
        if (verbosity_ >= 1) {
            for (const TestRecord& record : result.tests) print_failures(record);
        } else if (result.seed) {
            out_ << "Shuffled with seed " << *result.seed << " (--shuffle " << *result.seed << ").\n";
        }
        if (!result.unattributed.empty()) {
            out_ << rule('=') << paint(red, "ERROR: ") << "assertions outside any test\n" << rule('-');
            for (const Failure& failure : result.unattributed)
                out_ << failure.file << ':' << failure.line << ": error: " << failure.message << '\n';
            out_ << '\n';
        }
        if (!result.aborted.empty()) out_ << paint(red, "Aborted: ") << result.aborted << '\n';
        if (result.not_run > 0)
            out_ << "Not run: " << result.not_run << ' ' << tests(result.not_run)
                 << (result.aborted.empty() ? " (--failfast stopped the run).\n" : " (the run was aborted).\n");
        out_ << rule('-') << "Ran " << result.ran() << ' ' << tests(result.ran()) << " in "
             << detail::seconds_text(result.wall_time()) << "s\n\n";
        std::size_t warnings = 0, failed_only_in_parallel = 0;
        for (const TestRecord& record : result.tests) {
            warnings += record.warnings.size();
            failed_only_in_parallel += record.failed_only_in_parallel;
        }
        const bool successful = result.successful();
        out_ << (successful ? paint(green, "OK") : paint(red, "FAILED"));
        const char* separator = " (";
        // A plain array: pairs in an initializer list cost much to compile.
        struct Count {
            const char* label;
            std::size_t count;
        };
        const Count counts[] = {{"failures", result.failed},
                                {"errors", result.errors},
                                {"skipped", result.skipped},
                                {"expected failures", result.expected_failures},
                                {"unexpected successes", result.unexpected_successes},
                                {"flaky", result.flaky},
                                {"failed only in parallel", failed_only_in_parallel},
                                {"warnings", warnings},
                                {"unattributed", result.unattributed.size()}};
        for (const auto& [label, count] : counts) {
            if (count == 0) continue;
            out_ << separator << label << '=' << count;
            separator = ", ";
        }
        if (*separator == ',') out_ << ')';
        else if (!successful) out_ << " ()";
        out_ << '\n';
        print_slowest(result);
        out_ << std::flush;
    }

private:
    static const char* tests(std::size_t count) { return count == 1 ? "test" : "tests"; }

    static std::string rule(char c) { return std::string(70, c) + '\n'; }

    static constexpr const char* green = "\033[32m";
    static constexpr const char* red = "\033[31m";
    static constexpr const char* yellow = "\033[33m";

    std::string paint(const char* color, std::string_view text) const {
        return color_ ? detail::concat({color, text, "\033[0m"}) : std::string(text);
    }

    void print_slowest(const Result& result) {
        if (slowest_ == 0 || result.tests.empty()) return;
        std::vector<std::size_t> slowest = detail::sorted_indices(
            result.tests.size(),
            [](const void* all, std::size_t a, std::size_t b) {
                const auto* records = static_cast<const TestRecord*>(all);
                return records[a].duration > records[b].duration;
            },
            result.tests.data());
        if (slowest.size() > slowest_) slowest.resize(slowest_);
        out_ << "\nSlowest " << slowest.size() << ' ' << tests(slowest.size()) << ":\n";
        for (std::size_t i : slowest)
            out_ << "  " << detail::seconds_text(result.tests[i].duration) << "s " << result.tests[i].shown_name()
                 << '\n';
    }

    static const char* heading(Outcome outcome) {
        switch (outcome) {
            case Outcome::failed: return "FAIL: ";
            case Outcome::error: return "ERROR: ";
            case Outcome::expected_failure: return "EXPECTED FAILURE: ";
            case Outcome::unexpected_success: return "UNEXPECTED SUCCESS: ";
            case Outcome::passed:
            case Outcome::skipped: break;
        }
        return "WARNING: ";
    }

    // A block for a test that failed, expectedly or not, or passed unexpectedly; a test that
    // did none of these has one only for its warnings.
    void print_failures(const TestRecord& record) {
        const bool failed = record.outcome == Outcome::failed || record.outcome == Outcome::error ||
                            record.outcome == Outcome::unexpected_success;
        const bool expected = record.outcome == Outcome::expected_failure;
        if (!failed && !expected && record.warnings.empty()) return;
        out_ << rule('=') << paint(failed ? red : yellow, heading(record.outcome)) << record.shown_name();
        if (record.iteration > 1) out_ << " (--repeat run " << record.iteration << ')';
        if (record.attempts > 1) out_ << " (" << record.attempts << " attempts)";
        out_ << '\n' << rule('-');
        if (record.outcome == Outcome::unexpected_success)
            out_ << record.file << ':' << record.line
                 << ": error: unexpected success: the test passed, but is decorated ctp::expected_failure()\n";
        // An expected failure's failures are notes: they do not fail the run.
        for (const Failure& failure : record.failures)
            out_ << failure.file << ':' << failure.line << (expected ? ": note: " : ": error: ") << failure.message
                 << '\n';
        for (const Failure& warning : record.warnings)
            out_ << warning.file << ':' << warning.line << ": warning: " << warning.message << '\n';
        for (const std::string& path : record.attachments) out_ << "attachment: " << path << '\n';
        if (!record.output.empty()) {
            out_ << "---- captured output ----\n" << record.output;
            if (record.output.back() != '\n') out_ << '\n';
        }
        if (record.failed_only_in_parallel)
            out_ << paint(red, "FAILED ONLY IN PARALLEL: ") << record.shown_name()
                 << " (passed when run alone: a race with another test, in the test or in the code it tests)\n";
        out_ << '\n';
    }

    std::ostream& out_;
    int verbosity_;
    bool color_ = false;
    std::size_t slowest_ = 0;
};

}  // namespace ctp

#endif  // CTP_REPORTERS_CONSOLE_HPP
