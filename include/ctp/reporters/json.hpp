#ifndef CTP_REPORTERS_JSON_HPP
#define CTP_REPORTERS_JSON_HPP

#include <cstddef>  // size_t
#include <ostream>
#include <string>
#include <vector>

#include "report_format.hpp"
#include "../text/text_encoding.hpp"
#include "../options.hpp"
#include "../result.hpp"
#include "../version.hpp"

namespace ctp {

namespace detail {

// Seconds since the run started, to the microsecond.
inline ShortText json_offset(const Result& result, Clock::time_point when) {
    return seconds_text(when - result.start, 6);
}

inline void write_json_phases(std::ostream& out, const Result& result) {
    out << "    \"phases\": [";
    const char* separator = "";
    for (Phase phase : {Phase::parallel, Phase::serial}) {
        std::size_t count = 0;
        Clock::time_point start{}, end{};
        for (const TestRecord& record : result.tests) {
            if (record.phase != phase) continue;
            if (count++ == 0 || record.start < start) start = record.start;
            if (record.end > end) end = record.end;
        }
        if (count == 0) continue;
        out << separator << "\n      {\"phase\": \"" << to_string(phase) << "\", \"tests\": " << count
            << ", \"start\": " << json_offset(result, start) << ", \"end\": " << json_offset(result, end) << '}';
        separator = ",";
    }
    out << (*separator ? "\n    ],\n" : "],\n");
}

template <class Texts>
void write_json_strings(std::ostream& out, const Texts& texts) {
    const char* separator = "";
    for (const auto& text : texts) out << separator << JsonString{text}, separator = ", ";
}

inline void write_json_failures(std::ostream& out, const std::vector<Failure>& failures) {
    const char* separator = "";
    for (const Failure& failure : failures) {
        out << separator << "\n       {\"file\": " << JsonString{failure.file} << ", \"line\": " << failure.line
            << ", \"message\": " << JsonString{failure.message} << '}';
        separator = ",";
    }
}

// A test's resources as a JSON array of {"name", "access"} objects, with a pool's "size".
inline void write_json_resources(std::ostream& out, const std::vector<ResourceUse>& uses) {
    out << '[';
    const char* separator = "";
    for (const ResourceUse& use : uses) {
        out << separator << "{\"name\": " << JsonString{use.name} << ", \"access\": \"" << to_string(use.access) << '"';
        if (use.access == ResourceAccess::pool) out << ", \"size\": " << use.size;
        out << '}';
        separator = ", ";
    }
    out << ']';
}

inline void write_json_test(std::ostream& out, const Result& result, const TestRecord& record) {
    out << "    {\"suite\": " << JsonString{record.suite} << ", \"name\": " << JsonString{record.name}
        << ", \"full_name\": " << JsonString{record.full_name()};
    if (!record.parameter.empty()) out << ", \"parameter\": " << JsonString{record.parameter};
    out << ",\n     \"file\": " << JsonString{record.file} << ", \"line\": " << record.line << ", \"phase\": \""
        << to_string(record.phase) << "\", \"outcome\": \"" << to_string(record.outcome)
        << "\",\n     \"start\": " << json_offset(result, record.start)
        << ", \"end\": " << json_offset(result, record.end) << ", \"duration\": " << seconds_text(record.duration, 6)
        << ", \"worker\": " << record.worker << ", \"iteration\": " << record.iteration
        << ", \"attempts\": " << record.attempts << ", \"flaky\": " << (record.flaky ? "true" : "false");
    // Only when true, so that reports of runs without --confirm-failures keep their shape.
    if (record.failed_only_in_parallel) out << ", \"failed_only_in_parallel\": true";
    // The front ends' assertions (doctest's count), only when any were made.
    if (record.assertions > 0) out << ", \"assertions\": " << record.assertions;
    out << ",\n     \"skip_reason\": " << JsonString{record.skip_reason}
        << ", \"output\": " << JsonString{record.output} << ", \"tags\": [";
    write_json_strings(out, record.tags);
    out << "], \"resources\": ";
    write_json_resources(out, record.resources);
    // Only when there is one, as the warnings below.
    if (!record.description.empty()) out << ",\n     \"description\": " << JsonString{record.description};
    out << ",\n     \"failures\": [";
    write_json_failures(out, record.failures);
    // Only when there are any, so that reports without warnings keep their shape.
    if (!record.warnings.empty()) {
        out << "],\n     \"warnings\": [";
        write_json_failures(out, record.warnings);
    }
    // A test with sub-cases: each leaf path, as a sub-result of the test.
    if (!record.subcases.empty()) {
        out << "],\n     \"subcases\": [";
        const char* separator = "";
        for (const SubcaseResult& leaf : record.subcases) {
            out << separator << "\n       {\"path\": " << JsonString{leaf.path} << ", \"outcome\": \""
                << to_string(leaf.outcome) << "\", \"failures\": " << leaf.failures
                << ", \"skip_reason\": " << JsonString{leaf.skip_reason}
                << ", \"duration\": " << seconds_text(leaf.duration, 6) << '}';
            separator = ",";
        }
    }
    // Only when there are any, as the warnings above.
    if (!record.attachments.empty()) {
        out << "],\n     \"attachments\": [";
        write_json_strings(out, record.attachments);
    }
    out << "]}";
}

}  // namespace detail

// The whole run as one JSON document, described by docs/ctp-report.schema.json. Times are
// seconds; a test's start and end are offsets from the start of the run.
inline void write_json_report(std::ostream& out, const Result& result, const Options& options) {
    out << "{\n  \"format\": \"ctp-report\",\n  \"format_version\": 1,\n"
        << "  \"ctp_version\": \"" CTP_VERSION_STRING "\",\n  \"run\": {\n"
        << "    \"timestamp\": \"" << detail::utc_timestamp(detail::wall_clock_start(result), true) << "\",\n"
        << "    \"options\": {\"parallel\": " << options.parallel << ", \"filters\": [";
    detail::write_json_strings(out, options.filters);
    out << "], \"tags\": [";
    detail::write_json_strings(out, options.tags);
    out << "], \"exclude\": [";
    detail::write_json_strings(out, options.excludes);
    out << "], \"exact\": " << (options.exact ? "true" : "false")
        << ", \"failfast\": " << (options.failfast ? "true" : "false")
        << ", \"reverse\": " << (options.reverse ? "true" : "false") << ", \"shard\": ";
    if (options.shard) out << "{\"index\": " << options.shard->index << ", \"count\": " << options.shard->count << '}';
    else out << "null";
    out << "},\n    \"seed\": ";
    if (result.seed) out << *result.seed;
    else out << "null";
    out << ",\n    \"workers\": " << result.workers
        << ",\n    \"wall_time\": " << detail::seconds_text(result.wall_time(), 6) << ",\n";
    detail::write_json_phases(out, result);
    out << "    \"counts\": {\"selected\": " << result.selected << ", \"ran\": " << result.ran()
        << ", \"passed\": " << result.passed << ", \"failed\": " << result.failed << ", \"errors\": " << result.errors
        << ", \"skipped\": " << result.skipped << ", \"expected_failures\": " << result.expected_failures
        << ", \"unexpected_successes\": " << result.unexpected_successes << ", \"not_run\": " << result.not_run
        << ", \"flaky\": " << result.flaky << ", \"unattributed\": " << result.unattributed.size()
        << (result.assertions > 0 ? ", \"assertions\": " + std::to_string(result.assertions) : std::string())
        << "},\n    \"aborted\": ";
    if (result.aborted.empty()) out << "null";
    else out << detail::JsonString{result.aborted};
    out << ",\n    \"successful\": " << (result.successful() ? "true" : "false") << "\n  },\n  \"tests\": [";
    const char* separator = "\n";
    for (const TestRecord& record : result.tests) {
        out << separator;
        detail::write_json_test(out, result, record);
        separator = ",\n";
    }
    out << (result.tests.empty() ? "],\n  \"waits\": [" : "\n  ],\n  \"waits\": [");
    // When a unit waited for a resource that another held, and the worker that then took it.
    separator = "\n";
    for (const ResourceWait& wait : result.waits) {
        out << separator << "    {\"test\": " << detail::JsonString{detail::waiting_test(result, wait)}
            << ", \"resource\": " << detail::JsonString{wait.resource} << ", \"worker\": " << wait.worker
            << ", \"start\": " << detail::json_offset(result, wait.from)
            << ", \"duration\": " << detail::seconds_text(wait.to - wait.from, 6) << '}';
        separator = ",\n";
    }
    out << (result.waits.empty() ? "]\n}\n" : "\n  ]\n}\n");
}

}  // namespace ctp

#endif  // CTP_REPORTERS_JSON_HPP
