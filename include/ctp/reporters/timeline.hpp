#ifndef CTP_REPORTERS_TIMELINE_HPP
#define CTP_REPORTERS_TIMELINE_HPP

#include <chrono>   // duration, nanoseconds
#include <cstddef>  // size_t
#include <ostream>
#include <string>
#include <vector>

#include "report_format.hpp"
#include "report_lanes.hpp"
#include "../text/text_encoding.hpp"
#include "../result.hpp"

namespace ctp {

namespace detail {

inline const char* timeline_fill(Outcome outcome) noexcept {
    switch (outcome) {
        case Outcome::passed: return "#4caf50";
        case Outcome::failed: return "#e53935";
        case Outcome::error: return "#8e24aa";
        case Outcome::skipped: return "#9e9e9e";
        case Outcome::expected_failure: return "#c0ca33";
        case Outcome::unexpected_success: return "#ff7043";
    }
    return "#000000";
}

inline std::string timeline_tooltip(const TestRecord& record) {
    std::string text =
        concat({record.full_name(), " - ", to_string(record.outcome), ", ", seconds_text(record.duration), "s"});
    for (const Failure& failure : record.failures) append(text, {"\n", failure_line(failure)});
    if (!record.skip_reason.empty()) append(text, {"\nskipped: ", record.skip_reason});
    return text;
}

}  // namespace detail

// The trace as one self-contained HTML page: an inline SVG with a row per lane (tooltips are
// SVG titles, so no script is needed) and a table of every test in discovery order.
inline void write_timeline(std::ostream& out, const Result& result) {
    using detail::XmlText;
    constexpr double label_width = 110, plot_width = 900, row = 26, axis = 24;
    const detail::Lanes lanes = detail::make_lanes(result);
    std::chrono::nanoseconds span = result.wall_time();
    for (const TestRecord& record : result.tests)
        if (record.end - result.start > span) span = record.end - result.start;
    const double seconds = span > std::chrono::microseconds(1) ? std::chrono::duration<double>(span).count() : 1e-6;
    const auto x = [&](std::chrono::nanoseconds offset) {
        return label_width + plot_width * std::chrono::duration<double>(offset).count() / seconds;
    };
    std::size_t rows = 0;
    std::vector<std::size_t> row_of(lanes.names.size());
    for (std::size_t lane = 0; lane < lanes.names.size(); ++lane)
        if (!lanes.names[lane].empty()) row_of[lane] = rows++;
    const double height = axis + row * static_cast<double>(rows) + 4;

    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<title>ctp timeline</title>\n<style>\n"
        << "body { font-family: sans-serif; margin: 1.5em; }\n"
        << "table { border-collapse: collapse; font-size: 0.9em; }\n"
        << "td, th { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; }\n"
        << "svg text { font-size: 12px; }\n"
        << ".legend span { display: inline-block; margin-right: 1em; }\n"
        << "</style>\n</head>\n<body>\n<h1>ctp timeline</h1>\n<p>" << result.ran() << " tests in "
        << detail::seconds_text(result.wall_time()) << "s, started "
        << detail::utc_timestamp(detail::wall_clock_start(result), true) << ": " << result.passed << " passed, "
        << result.failed << " failed, " << result.errors << " errors, " << result.skipped << " skipped";
    if (result.expected_failures > 0) out << ", " << result.expected_failures << " expected failures";
    if (result.unexpected_successes > 0) out << ", " << result.unexpected_successes << " unexpected successes";
    if (result.seed) out << ", shuffled with seed " << *result.seed;
    out << ".</p>\n<p class=\"legend\">";
    for (Outcome outcome : {Outcome::passed, Outcome::failed, Outcome::error, Outcome::skipped,
                            Outcome::expected_failure, Outcome::unexpected_success})
        out << "<span><svg width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" fill=\""
            << detail::timeline_fill(outcome) << "\"/></svg> " << to_string(outcome) << "</span>";
    // Waits only when there are any, so that pages of runs without them stay as they were. The
    // hatching defined here fills the waits in the plot too.
    if (!result.waits.empty())
        out << "<span><svg width=\"12\" height=\"12\"><defs><pattern id=\"wait\" width=\"6\" height=\"6\" "
               "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" "
               "fill=\"#eeeeee\"/><rect width=\"2\" height=\"6\" fill=\"#9e9e9e\"/></pattern></defs><rect "
               "width=\"12\" height=\"12\" fill=\"url(#wait)\"/></svg> waited for a resource</span>";
    out << "</p>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << label_width + plot_width + 20 << "\" height=\""
        << height << "\">\n";
    for (int tick = 0; tick <= 4; ++tick) {
        const double at = label_width + plot_width * tick / 4;
        out << "<line x1=\"" << at << "\" y1=\"" << axis - 6 << "\" x2=\"" << at << "\" y2=\"" << height
            << "\" stroke=\"#ddd\"/><text x=\"" << at << "\" y=\"" << axis - 10 << "\" text-anchor=\"middle\">"
            << detail::decimal_text(seconds * tick / 4, 3) << "s</text>\n";
    }
    for (std::size_t lane = 0; lane < lanes.names.size(); ++lane) {
        if (lanes.names[lane].empty()) continue;
        out << "<text x=\"4\" y=\"" << axis + row * static_cast<double>(row_of[lane]) + row * 0.65 << "\">"
            << XmlText{lanes.names[lane]} << "</text>\n";
    }
    for (const TestRecord& record : result.tests) {
        const double left = x(record.start - result.start);
        const double right = x(record.end - result.start);
        const double width = right - left > 1.0 ? right - left : 1.0;
        out << "<rect x=\"" << left << "\" y=\""
            << axis + row * static_cast<double>(row_of[detail::lane_of(lanes, record)]) + 3 << "\" width=\"" << width
            << "\" height=\"" << row - 6 << "\" fill=\"" << detail::timeline_fill(record.outcome)
            << "\" stroke=\"#fff\" stroke-width=\"0.5\"><title>" << XmlText{detail::timeline_tooltip(record)}
            << "</title></rect>\n";
    }
    // A strip along the bottom of the lane of the worker that took the unit, over what that
    // worker ran meanwhile.
    for (const ResourceWait& wait : result.waits) {
        const double left = x(wait.from - result.start);
        const double right = x(wait.to - result.start);
        out << "<rect x=\"" << left << "\" y=\""
            << axis + row * static_cast<double>(row_of[detail::lane_of(wait)]) + row - 9 << "\" width=\""
            << (right - left > 1.0 ? right - left : 1.0)
            << "\" height=\"6\" fill=\"url(#wait)\" stroke=\"#757575\" stroke-width=\"0.5\"><title>"
            << XmlText{detail::describe_wait(result, wait)} << "</title></rect>\n";
    }
    out << "</svg>\n<table>\n<tr><th>test</th><th>outcome</th><th>phase</th><th>lane</th>"
        << "<th>start (s)</th><th>duration (s)</th><th>details</th></tr>\n";
    for (const TestRecord& record : result.tests) {
        std::string details = record.skip_reason;
        for (const Failure& failure : record.failures)
            detail::append(details, {details.empty() ? "" : "\n", detail::failure_line(failure)});
        out << "<tr><td>" << XmlText{record.full_name()} << "</td><td>" << to_string(record.outcome) << "</td><td>"
            << to_string(record.phase) << "</td><td>" << XmlText{lanes.names[detail::lane_of(lanes, record)]}
            << "</td><td>" << detail::seconds_text(record.start - result.start) << "</td><td>"
            << detail::seconds_text(record.duration) << "</td><td><pre>" << XmlText{details} << "</pre></td></tr>\n";
    }
    out << "</table>\n</body>\n</html>\n";
}

}  // namespace ctp

#endif  // CTP_REPORTERS_TIMELINE_HPP
