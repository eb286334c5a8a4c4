#ifndef CTP_REPORTERS_TEAMCITY_HPP
#define CTP_REPORTERS_TEAMCITY_HPP

#include <chrono>   // duration_cast, milliseconds
#include <cstddef>  // size_t
#include <cstdint>  // uint64_t
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "../text/text_building.hpp"
#include "../text/text_encoding.hpp"
#include "../listener.hpp"
#include "../result.hpp"
#include "report_format.hpp"

namespace ctp {

namespace detail {

// A service message's value: '|' escapes the quote, the brackets, itself and line breaks;
// other controls and the Unicode line separators go as |0xNNNN, so that a message stays one
// line. Invalid UTF-8 becomes U+FFFD.
inline std::string teamcity_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = next_code_point(text, i);
        if (c == '|' || c == '\'' || c == '[' || c == ']') {
            out += '|';
            out += static_cast<char>(c);
        } else if (c == '\n') out += "|n";
        else if (c == '\r') out += "|r";
        else if ((c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029) {
            out += "|0x";
            append_hex(out, c, 4);
        } else append_utf8(out, c);
    }
    return out;
}

}  // namespace detail

// TeamCity service messages, one block per test as it ends (the runner tells one test at a
// time, so a block is never split). In a parallel run each message names its worker as
// `flowId`, and each worker's flow opens and closes its own suites.
class TeamcityReporter final : public Listener {
public:
    TeamcityReporter(std::ostream& out, bool flows) : out_(out), flows_(flows) {}

    void on_test_end(const TestRecord& record) override {
        const std::size_t flow = flows_ ? record.worker : 0;
        if (flow >= suites_.size()) suites_.resize(flow + 1);
        std::string& suite = suites_[flow];
        if (suite != record.suite) {
            if (!suite.empty()) message("testSuiteFinished", flow, {"name", suite});
            suite = record.suite;
            if (!suite.empty()) message("testSuiteStarted", flow, {"name", suite});
        }
        const std::string name = record.shown_name();
        message("testStarted", flow, {"name", name}, {"captureStandardOutput", "false"});
        if (!record.output.empty()) message("testStdOut", flow, {"name", name}, {"out", record.output});
        std::string notes;
        for (const Failure& warning : record.warnings)
            detail::append(notes,
                           {notes.empty() ? "" : "\n", warning.file, ":",
                            detail::digits(static_cast<unsigned>(warning.line)), ": warning: ", warning.message});
        if (record.flaky)
            detail::append(notes, {notes.empty() ? "" : "\n", "flaky: failed, then passed on attempt ",
                                   detail::digits(record.attempts)});
        if (!notes.empty()) message("testStdErr", flow, {"name", name}, {"out", notes});
        switch (record.outcome) {
            case Outcome::failed:
            case Outcome::error: {
                std::string details;
                for (const Failure& failure : record.failures)
                    detail::append(details, {details.empty() ? "" : "\n", detail::failure_line(failure)});
                const std::string_view first = record.failures.empty() ? std::string_view(to_string(record.outcome))
                                                                       : record.failures.front().message;
                message("testFailed", flow, {"name", name}, {"message", first}, {"details", details});
                break;
            }
            case Outcome::unexpected_success:
                message("testFailed", flow, {"name", name},
                        {"message", "unexpected success: the test passed, but is decorated ctp::expected_failure()"},
                        {"details",
                         detail::concat({record.file, ":", detail::digits(static_cast<unsigned>(record.line))})});
                break;
            case Outcome::skipped: message("testIgnored", flow, {"name", name}, {"message", record.skip_reason}); break;
            case Outcome::passed:
            case Outcome::expected_failure: break;
        }
        const auto milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(record.duration).count();
        message("testFinished", flow, {"name", name},
                {"duration", detail::digits(static_cast<std::uint64_t>(milliseconds < 0 ? 0 : milliseconds))});
        out_.flush();
    }

    void on_run_end(const Result& result) override {
        for (std::size_t flow = 0; flow < suites_.size(); ++flow)
            if (!suites_[flow].empty()) message("testSuiteFinished", flow, {"name", suites_[flow]});
        suites_.clear();
        for (const Failure& failure : result.unattributed)
            message("message", 0,
                    {"text", detail::concat({"assertion outside any test: ", detail::failure_line(failure)})},
                    {"status", "ERROR"});
        if (!result.aborted.empty()) message("message", 0, {"text", result.aborted}, {"status", "ERROR"});
        out_.flush();
    }

private:
    struct Attribute {
        std::string_view name;
        std::string_view value;
    };

    void message(const char* kind, std::size_t flow, Attribute first, Attribute second = {}, Attribute third = {}) {
        out_ << "##teamcity[" << kind;
        for (const Attribute& attribute : {first, second, third})
            if (!attribute.name.empty())
                out_ << ' ' << attribute.name << "='" << detail::teamcity_escape(attribute.value) << '\'';
        if (flows_) out_ << " flowId='" << flow << '\'';
        out_ << "]\n";
    }

    std::ostream& out_;
    bool flows_;
    std::vector<std::string> suites_;  // the suite open in each flow; empty: none
};

}  // namespace ctp

#endif  // CTP_REPORTERS_TEAMCITY_HPP
