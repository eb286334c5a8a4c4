#ifndef CTP_CONSOLE_REPORTER_HPP
#define CTP_CONSOLE_REPORTER_HPP

#include <chrono>   // duration
#include <cstddef>  // size_t
#include <cstdio>   // snprintf
#include <ostream>
#include <string>
#include <utility>  // pair

#include "listener.hpp"
#include "result.hpp"

namespace ctp {

// The console output of ctp::main, in the shape of Python unittest's.
class ConsoleReporter : public Listener {
public:
    ConsoleReporter(std::ostream& out, int verbosity) : out_(out), verbosity_(verbosity) {}

    void on_run_start(const Result& result) override {
        if (verbosity_ < 1) return;
        out_ << "Found " << result.found << " test(s).\n";
        if (result.seed) out_ << "Shuffled with seed " << *result.seed << " (--shuffle " << *result.seed << ").\n";
        out_.flush();
    }

    void on_phase_start(Phase phase, std::size_t count) override {
        if (verbosity_ < 1) return;
        if (phase == Phase::parallel)
            out_ << "Running " << count << " regular " << tests(count) << " in parallel...\n";
        else
            out_ << "Running " << count << " WebSocket/Selenium " << tests(count) << " serially...\n";
        out_.flush();
    }

    void on_test_end(const TestRecord& record) override {
        if (verbosity_ < 2) return;
        out_ << record.full_name() << " ... ";
        switch (record.outcome) {
            case Outcome::passed: out_ << "ok"; break;
            case Outcome::failed: out_ << "FAIL"; break;
            case Outcome::error: out_ << "ERROR"; break;
            case Outcome::skipped: out_ << "skipped '" << record.skip_reason << "'"; break;
        }
        out_ << " (" << seconds(record.duration) << "s)\n";
        out_.flush();
    }

    void on_run_end(const Result& result) override {
        if (verbosity_ >= 1) {
            for (const TestRecord& record : result.tests) print_failures(record);
        } else if (result.seed) {
            out_ << "Shuffled with seed " << *result.seed << " (--shuffle " << *result.seed << ").\n";
        }
        if (result.not_run > 0)
            out_ << "Not run: " << result.not_run << ' ' << tests(result.not_run)
                 << " (--failfast stopped the run).\n";
        out_ << rule('-') << "Ran " << result.ran() << ' ' << tests(result.ran()) << " in "
             << seconds(result.wall_time()) << "s\n\n";
        if (result.successful()) {
            out_ << "OK";
            if (result.skipped > 0) out_ << " (skipped=" << result.skipped << ')';
        } else {
            out_ << "FAILED (";
            const char* separator = "";
            for (auto [label, count] : {std::pair{"failures", result.failed},
                                        std::pair{"errors", result.errors},
                                        std::pair{"skipped", result.skipped}}) {
                if (count == 0) continue;
                out_ << separator << label << '=' << count;
                separator = ", ";
            }
            out_ << ')';
        }
        out_ << std::endl;
    }

private:
    static const char* tests(std::size_t count) { return count == 1 ? "test" : "tests"; }

    static std::string rule(char c) { return std::string(70, c) + '\n'; }

    static std::string seconds(std::chrono::nanoseconds duration) {
        char text[32];
        std::snprintf(text, sizeof text, "%.3f", std::chrono::duration<double>(duration).count());
        return text;
    }

    void print_failures(const TestRecord& record) {
        if (record.outcome != Outcome::failed && record.outcome != Outcome::error) return;
        out_ << rule('=') << (record.outcome == Outcome::error ? "ERROR: " : "FAIL: ")
             << record.full_name() << '\n'
             << rule('-');
        for (const Failure& failure : record.failures)
            out_ << failure.file << ':' << failure.line << ": error: " << failure.message << '\n';
        out_ << '\n';
    }

    std::ostream& out_;
    int verbosity_;
};

}  // namespace ctp

#endif  // CTP_CONSOLE_REPORTER_HPP
