#ifndef CTP_REPORTERS_JUNIT_HPP
#define CTP_REPORTERS_JUNIT_HPP

#include <chrono>   // nanoseconds
#include <cstddef>  // size_t
#include <cstdint>  // uint64_t
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "../detail/index_sort.hpp"
#include "report_format.hpp"
#include "../text/text_encoding.hpp"
#include "../options.hpp"
#include "../result.hpp"
#include "../version.hpp"

namespace ctp {

namespace detail {

// The records' indices, each suite's (or fixture class's) together where its first test was,
// in discovery order.
inline std::vector<std::size_t> junit_order(const Result& result) {
    const std::vector<TestRecord>& tests = result.tests;
    // By suite name first, then by where each suite's first test is: both sorts are stable.
    std::vector<std::size_t> order = sorted_indices(
        tests.size(),
        [](const void* all, std::size_t a, std::size_t b) {
            const auto* records = static_cast<const TestRecord*>(all);
            return records[a].suite < records[b].suite;
        },
        tests.data());
    std::vector<std::size_t> first(tests.size());
    for (std::size_t k = 0; k < order.size(); ++k)
        first[order[k]] = k > 0 && tests[order[k - 1]].suite == tests[order[k]].suite ? first[order[k - 1]] : order[k];
    sort_indices(
        order,
        [](const void* first_of, std::size_t a, std::size_t b) {
            const auto* first_index = static_cast<const std::size_t*>(first_of);
            return first_index[a] < first_index[b];
        },
        first.data());
    return order;
}

inline void write_junit_testcase(std::ostream& out, const TestRecord& record) {
    // A parameterized case's value is part of its name, as in the console.
    const std::string name =
        record.parameter.empty() ? std::string(record.name) : concat({record.name, " [", record.parameter, "]"});
    out << "    <testcase name=\"" << XmlText{name, true} << "\" classname=\"" << XmlText{record.suite, true}
        << "\" time=\"" << seconds_text(record.duration) << '"';
    if (record.outcome == Outcome::passed) {
        out << "/>\n";
        return;
    }
    out << ">\n";
    if (record.outcome == Outcome::skipped) {
        out << "      <skipped message=\"" << XmlText{record.skip_reason, true} << "\"/>\n";
    } else {
        // The Ant schema allows one failure or error element: it carries every failure.
        const char* element = record.outcome == Outcome::error ? "error" : "failure";
        std::string message, text;
        if (!record.failures.empty()) {
            message = failure_line(record.failures.front());
            if (record.failures.size() > 1) append(message, {" (and ", digits(record.failures.size() - 1), " more)"});
        }
        for (const Failure& failure : record.failures) append(text, {failure_line(failure), "\n"});
        out << "      <" << element << " message=\"" << XmlText{message, true} << "\" type=\""
            << (record.outcome == Outcome::error ? "error" : "assertion") << "\">" << XmlText{text} << "</" << element
            << ">\n";
    }
    out << "    </testcase>\n";
}

}  // namespace detail

// JUnit XML valid under both the Jenkins (Surefire) and the Ant schemas: one testsuite per
// suite or fixture class, in order of their first test; attributes both schemas allow, and the
// Ant order of children (properties, testcases, system-out, system-err). Ant has no per-test
// output, so captured output and warnings go to the suite's system-out, headed by the test's
// name.
inline void write_junit_xml(std::ostream& out, const Result& result, const Options& options) {
    const detail::ShortText timestamp = detail::utc_timestamp(detail::wall_clock_start(result), false);
    const std::string host = detail::xml_escape(detail::host_name(), true);
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
    const std::vector<TestRecord>& tests = result.tests;
    const std::vector<std::size_t> order = detail::junit_order(result);
    std::size_t id = 0;
    // A suite is the run of records in `order` with its name, from `begin` to `end`.
    for (std::size_t begin = 0, end = 0; begin < order.size(); begin = end) {
        const std::string_view suite = tests[order[begin]].suite;
        while (end < order.size() && tests[order[end]].suite == suite) ++end;
        std::size_t failures = 0, errors = 0, skipped = 0;
        std::chrono::nanoseconds time{};
        std::string output;
        for (std::size_t k = begin; k < end; ++k) {
            const TestRecord& record = tests[order[k]];
            failures += record.outcome == Outcome::failed;
            errors += record.outcome == Outcome::error;
            skipped += record.outcome == Outcome::skipped;
            time += record.duration;
            if (record.output.empty() && record.warnings.empty()) continue;
            detail::append(output, {"--- ", record.full_name(), " ---\n", record.output,
                                    record.output.empty() || record.output.back() == '\n' ? "" : "\n"});
            for (const Failure& warning : record.warnings)
                detail::append(output, {warning.file, ":", detail::digits(static_cast<std::uint64_t>(warning.line)),
                                        ": warning: ", warning.message, "\n"});
        }
        const std::string name = detail::xml_escape(suite, true);
        out << "  <testsuite name=\"" << name << "\" package=\"" << name << "\" id=\"" << id++ << "\" hostname=\""
            << host << "\" timestamp=\"" << timestamp << "\" tests=\"" << end - begin << "\" failures=\"" << failures
            << "\" errors=\"" << errors << "\" skipped=\"" << skipped << "\" time=\"" << detail::seconds_text(time)
            << "\">\n";
        out << "    <properties>\n"
            << "      <property name=\"ctp.version\" value=\"" CTP_VERSION_STRING "\"/>\n";
        if (result.seed) out << "      <property name=\"ctp.seed\" value=\"" << *result.seed << "\"/>\n";
        if (options.shard)
            out << "      <property name=\"ctp.shard\" value=\"" << options.shard->index << '/' << options.shard->count
                << "\"/>\n";
        // Ant's schema has no element for a flaky test: it passes, and a property says so.
        for (std::size_t k = begin; k < end; ++k)
            if (const TestRecord& record = tests[order[k]]; record.flaky)
                out << "      <property name=\"ctp.flaky\" value=\"" << detail::XmlText{record.full_name(), true}
                    << " passed on attempt " << record.attempts << "\"/>\n";
        out << "    </properties>\n";
        for (std::size_t k = begin; k < end; ++k) detail::write_junit_testcase(out, tests[order[k]]);
        out << "    <system-out>" << detail::XmlText{output} << "</system-out>\n"
            << "    <system-err></system-err>\n"
            << "  </testsuite>\n";
    }
    out << "</testsuites>\n";
}

}  // namespace ctp

#endif  // CTP_REPORTERS_JUNIT_HPP
