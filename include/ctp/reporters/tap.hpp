#ifndef CTP_REPORTERS_TAP_HPP
#define CTP_REPORTERS_TAP_HPP

#include <chrono>   // duration
#include <cstddef>  // size_t
#include <cstdint>  // uint64_t
#include <ostream>
#include <ratio>  // milli
#include <string>
#include <string_view>

#include "report_format.hpp"
#include "../text/text_encoding.hpp"
#include "../result.hpp"

namespace ctp {

namespace detail {

// A test line's description or directive text: one line of valid UTF-8, with '#' and '\'
// escaped so that only our own "# SKIP" starts a directive.
inline std::string tap_text(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = next_code_point(text, i);
        if (c == '#' || c == '\\') out += '\\';
        // Line breaks by any definition (JavaScript's includes U+2028 and U+2029) end a line.
        if (c == '\n' || c == '\r' || c == '\t' || c == 0x85 || c == 0x2028 || c == 0x2029) out += ' ';
        else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) out += '?';
        else append_utf8(out, c);
    }
    return out;
}

// Text for a comment line: each line break starts a new comment line.
inline std::string tap_comment(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = next_code_point(text, i);
        if (c == '\n') out += "\n# ";
        else if (c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029) out += ' ';
        else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) out += '?';
        else append_utf8(out, c);
    }
    return out;
}

// A test's YAML block: its outcome, where it is, its failures and output.
inline void write_tap_details(std::ostream& out, const TestRecord& record) {
    out << "  ---\n"
        << "  outcome: " << to_string(record.outcome) << '\n';
    if (record.flaky) out << "  flaky: true\n  attempts: " << record.attempts << '\n';
    if (record.failed_only_in_parallel) out << "  failed_only_in_parallel: true\n";
    out << "  duration_ms: " << decimal_text(std::chrono::duration<double, std::milli>(record.duration).count(), 3)
        << '\n'
        << "  at:\n"
        << "    file: " << JsonString{record.file} << '\n'
        << "    line: " << record.line << '\n';
    if (!record.failures.empty()) {
        out << "  failures:\n";
        for (const Failure& failure : record.failures)
            out << "    - message: " << JsonString{failure.message} << '\n'
                << "      file: " << JsonString{failure.file} << '\n'
                << "      line: " << failure.line << '\n';
    }
    if (!record.output.empty()) out << "  output: " << JsonString{record.output} << '\n';
    out << "  ...\n";
}

}  // namespace detail

// TAP version 13 (the version `prove` accepts), tests in discovery order, each failing test
// followed by a YAML block with its failures. Strings in YAML are JSON-escaped, which makes
// them valid YAML double-quoted scalars.
inline void write_tap(std::ostream& out, const Result& result) {
    out << "TAP version 13\n";
    if (result.tests.empty()) out << "1..0 # SKIP no test selected\n";
    else out << "1.." << result.tests.size() << '\n';
    std::size_t number = 0;
    for (const TestRecord& record : result.tests) {
        const bool ok = record.outcome == Outcome::passed || record.outcome == Outcome::skipped;
        out << (ok ? "ok " : "not ok ") << ++number << " - " << detail::tap_text(record.shown_name());
        if (record.outcome == Outcome::skipped)
            out << " # SKIP" << (record.skip_reason.empty() ? "" : " ") << detail::tap_text(record.skip_reason);
        // TAP's TODO: a failing test that does not fail the run.
        if (record.outcome == Outcome::expected_failure) out << " # TODO expected failure";
        out << '\n';
        if (!ok || !record.output.empty() || record.flaky) detail::write_tap_details(out, record);
        // Comments, after the YAML block that must follow the test line.
        if (record.failed_only_in_parallel) out << "# failed only in parallel\n";
        for (const Failure& warning : record.warnings)
            out << "# warning: "
                << detail::tap_comment(
                       detail::concat({warning.file, ":", detail::digits(static_cast<std::uint64_t>(warning.line)),
                                       ": ", warning.message}))
                << '\n';
        if (!record.tags.empty()) {
            const char* separator = "# tags: ";
            for (std::string_view tag : record.tags) out << separator << detail::tap_comment(tag), separator = ", ";
            out << '\n';
        }
    }
    if (result.not_run > 0) out << "# " << result.not_run << " test(s) not run: --failfast stopped the run\n";
    out << "# passed " << result.passed << ", failed " << result.failed << ", errors " << result.errors << ", skipped "
        << result.skipped;
    if (result.expected_failures > 0) out << ", expected failures " << result.expected_failures;
    if (result.unexpected_successes > 0) out << ", unexpected successes " << result.unexpected_successes;
    out << " in " << detail::seconds_text(result.wall_time()) << "s\n";
}

}  // namespace ctp

#endif  // CTP_REPORTERS_TAP_HPP
