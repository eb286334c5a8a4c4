#ifndef CTP_REPORTERS_TRACE_HPP
#define CTP_REPORTERS_TRACE_HPP

#include <cstddef>  // size_t
#include <ostream>
#include <string>

#include "report_format.hpp"
#include "report_lanes.hpp"
#include "../text/text_encoding.hpp"
#include "../result.hpp"

namespace ctp {

namespace detail {

// Colour names that trace viewers (chrome://tracing, Perfetto) know.
inline const char* trace_color(Outcome outcome) noexcept {
    switch (outcome) {
        case Outcome::passed: return "good";
        case Outcome::failed: return "bad";
        case Outcome::error: return "terrible";
        case Outcome::skipped: return "grey";
        case Outcome::expected_failure: return "olive";
        case Outcome::unexpected_success: return "bad";
    }
    return "generic_work";
}

}  // namespace detail

// Chrome's Trace Event format: one thread lane per worker and one for the serial phase, each
// test a complete ("X") slice named after it, timed in microseconds from the start of the run.
inline void write_trace(std::ostream& out, const Result& result) {
    const detail::Lanes lanes = detail::make_lanes(result);
    out << "{\"displayTimeUnit\": \"ms\", \"traceEvents\": [\n"
        << "  {\"name\": \"process_name\", \"ph\": \"M\", \"pid\": 1, \"tid\": 0, "
           "\"args\": {\"name\": \"ctp tests\"}}";
    for (std::size_t lane = 0; lane < lanes.names.size(); ++lane) {
        if (lanes.names[lane].empty()) continue;
        out << ",\n  {\"name\": \"thread_name\", \"ph\": \"M\", \"pid\": 1, \"tid\": " << lane
            << ", \"args\": {\"name\": \"" << lanes.names[lane] << "\"}}"
            << ",\n  {\"name\": \"thread_sort_index\", \"ph\": \"M\", \"pid\": 1, \"tid\": " << lane
            << ", \"args\": {\"sort_index\": " << lane << "}}";
    }
    for (const TestRecord& record : result.tests) {
        out << ",\n  {\"name\": " << detail::JsonString{record.full_name()} << ", \"cat\": \""
            << to_string(record.outcome) << "\", \"ph\": \"X\", \"pid\": 1, \"tid\": " << detail::lane_of(lanes, record)
            << ", \"ts\": " << detail::microseconds_text(record.start - result.start)
            << ", \"dur\": " << detail::microseconds_text(record.duration) << ", \"cname\": \""
            << detail::trace_color(record.outcome) << "\", \"args\": {\"outcome\": \"" << to_string(record.outcome)
            << "\", \"phase\": \"" << to_string(record.phase) << "\", \"worker\": " << record.worker
            << ", \"file\": " << detail::JsonString{record.file} << ", \"line\": " << record.line;
        if (!record.failures.empty()) out << ", \"failure\": " << detail::JsonString{record.failures.front().message};
        if (!record.skip_reason.empty()) out << ", \"skip_reason\": " << detail::JsonString{record.skip_reason};
        out << "}}";
    }
    // A wait overlaps what its worker ran meanwhile, and other waits, so it is an async slice
    // ("b"/"e"): complete slices on one thread must nest, and Perfetto drops those that do not.
    for (std::size_t i = 0; i < result.waits.size(); ++i) {
        const ResourceWait& wait = result.waits[i];
        const std::string label = "wait: " + wait.resource;
        const detail::JsonString name{label};
        out << ",\n  {\"name\": " << name << ", \"cat\": \"wait\", \"ph\": \"b\", \"id\": " << i + 1
            << ", \"pid\": 1, \"tid\": " << detail::lane_of(wait)
            << ", \"ts\": " << detail::microseconds_text(wait.from - result.start) << ", \"cname\": \"grey\", "
            << "\"args\": {\"test\": " << detail::JsonString{detail::waiting_test(result, wait)}
            << ", \"worker\": " << wait.worker << "}}"
            << ",\n  {\"name\": " << name << ", \"cat\": \"wait\", \"ph\": \"e\", \"id\": " << i + 1
            << ", \"pid\": 1, \"tid\": " << detail::lane_of(wait)
            << ", \"ts\": " << detail::microseconds_text(wait.to - result.start) << '}';
    }
    out << "\n]}\n";
}

}  // namespace ctp

#endif  // CTP_REPORTERS_TRACE_HPP
