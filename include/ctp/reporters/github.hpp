#ifndef CTP_REPORTERS_GITHUB_HPP
#define CTP_REPORTERS_GITHUB_HPP

#include <cstddef>  // size_t
#include <ostream>
#include <string>
#include <string_view>

#include "../text/text_building.hpp"
#include "../text/text_encoding.hpp"
#include "../result.hpp"
#include "report_format.hpp"

namespace ctp {

namespace detail {

// A workflow command's message (`property` false) or property value, as the runner reads
// them back: '%', CR and LF percent-encoded, and in a property ':' and ',' too, which
// would end it. Invalid UTF-8 becomes U+FFFD.
inline std::string github_escape(std::string_view text, bool property) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = next_code_point(text, i);
        if (c == '%') out += "%25";
        else if (c == '\r') out += "%0D";
        else if (c == '\n') out += "%0A";
        else if (property && c == ':') out += "%3A";
        else if (property && c == ',') out += "%2C";
        else append_utf8(out, c);
    }
    return out;
}

// GitHub annotates only files of the repository, named from its root.
inline std::string_view github_path(std::string_view file, std::string_view workspace) {
    while (!workspace.empty() && workspace.back() == '/') workspace.remove_suffix(1);
    if (!workspace.empty() && file.size() > workspace.size() + 1 && file.substr(0, workspace.size()) == workspace &&
        file[workspace.size()] == '/')
        return file.substr(workspace.size() + 1);
    return file;
}

inline void write_github_command(std::ostream& out, const char* kind, std::string_view file, int line,
                                 std::string_view title, std::string_view message, std::string_view workspace) {
    out << "::" << kind << " file=" << github_escape(github_path(file, workspace), true) << ",line=" << line
        << ",title=" << github_escape(title, true) << "::" << github_escape(message, false) << '\n';
}

// A Markdown table cell: one line, with what Markdown would read as markup escaped, at most
// `limit` code points (a step's summary may hold 1 MiB).
inline std::string markdown_cell(std::string_view text, std::size_t limit = 200) {
    std::string out;
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++count) {
        if (count == limit) {
            out += "\xE2\x80\xA6";  // …
            break;
        }
        const char32_t c = next_code_point(text, i);
        if (c == '\n' || c == '\r' || c == '\t') out += ' ';
        else if (c == '<') out += "&lt;";
        else if (c == '&') out += "&amp;";
        else if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7F) out += '?';
        else append_utf8(out, c);
    }
    return out;
}

inline constexpr std::string_view unexpected_success_text =
    "unexpected success: the test passed, but is decorated ctp::expected_failure()";

inline std::string_view first_line(std::string_view text) { return text.substr(0, text.find('\n')); }

}  // namespace detail

// GitHub Actions workflow commands for the run, after it: an error annotation for each failure
// of a failed test (its title the test's name), a warning for each CTP_WARN and each flaky
// test. Skipped tests get none: a step shows only the first few annotations of each kind.
// Paths under `workspace` ($GITHUB_WORKSPACE) are made relative to it.
inline void write_github_annotations(std::ostream& out, const Result& result, std::string_view workspace) {
    using detail::write_github_command;
    for (const TestRecord& record : result.tests) {
        const std::string name = record.shown_name();
        const bool failed = record.outcome == Outcome::failed || record.outcome == Outcome::error;
        if (failed)
            for (const Failure& failure : record.failures)
                write_github_command(out, "error", failure.file, failure.line, name, failure.message, workspace);
        if (record.outcome == Outcome::unexpected_success)
            write_github_command(out, "error", record.file, record.line, name, detail::unexpected_success_text,
                                 workspace);
        for (const Failure& warning : record.warnings)
            write_github_command(out, "warning", warning.file, warning.line, name, warning.message, workspace);
        if (record.flaky)
            write_github_command(
                out, "warning", record.file, record.line, name,
                detail::concat({"flaky: failed, then passed on attempt ", detail::digits(record.attempts)}), workspace);
    }
    for (const Failure& failure : result.unattributed)
        write_github_command(out, "error", failure.file, failure.line, "assertion outside any test", failure.message,
                             workspace);
    if (!result.aborted.empty()) out << "::error title=ctp::" << detail::github_escape(result.aborted, false) << '\n';
}

// A Markdown job summary (GITHUB_STEP_SUMMARY): the counts, then the failed tests, at most
// `max_failures` rows of them.
inline void write_github_summary(std::ostream& out, const Result& result, std::string_view workspace,
                                 std::size_t max_failures = 50) {
    out << "### ctp: " << (result.successful() ? "OK" : "FAILED") << "\n\n"
        << "| Passed | Failed | Errors | Skipped | Flaky | Time |\n"
        << "|---:|---:|---:|---:|---:|---:|\n"
        << "| " << result.passed << " | " << result.failed + result.unexpected_successes << " | " << result.errors
        << " | " << result.skipped << " | " << result.flaky << " | " << detail::seconds_text(result.wall_time())
        << "s |\n";
    if (!result.aborted.empty()) out << "\nAborted: " << detail::markdown_cell(result.aborted) << '\n';
    std::size_t rows = 0, left_out = 0;
    for (const TestRecord& record : result.tests) {
        const bool failed = record.outcome == Outcome::failed || record.outcome == Outcome::error ||
                            record.outcome == Outcome::unexpected_success;
        if (!failed) continue;
        if (rows == max_failures) {
            ++left_out;
            continue;
        }
        if (rows++ == 0) out << "\n| Test | Where | Message |\n|---|---|---|\n";
        // An unexpected success, or an error without a message, is at the test's own line.
        const bool with_failure = !record.failures.empty() && record.outcome != Outcome::unexpected_success;
        const std::string_view file = with_failure ? record.failures.front().file : record.file;
        const int line = with_failure ? record.failures.front().line : record.line;
        const std::string_view message = with_failure ? detail::first_line(record.failures.front().message)
                                         : record.outcome == Outcome::unexpected_success
                                             ? detail::unexpected_success_text
                                             : std::string_view(to_string(record.outcome));
        out << "| " << detail::markdown_cell(record.shown_name()) << " | "
            << detail::markdown_cell(detail::github_path(file, workspace)) << ':' << line << " | "
            << detail::markdown_cell(message) << " |\n";
    }
    if (left_out > 0) out << "\n" << left_out << " more failed test(s) not shown.\n";
}

}  // namespace ctp

#endif  // CTP_REPORTERS_GITHUB_HPP
