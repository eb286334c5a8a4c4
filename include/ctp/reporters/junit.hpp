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

// Which of a record's testcases: the whole test, a leaf path's index, or the failures outside
// every path. Each is written straight from the record: a vector of cases cost much to compile.
constexpr std::size_t junit_whole = static_cast<std::size_t>(-1);
constexpr std::size_t junit_others = static_cast<std::size_t>(-2);

// Whether the record's i-th failure is testcase `which`'s.
inline bool junit_failure_of(const TestRecord& record, std::size_t which, std::size_t i) {
    if (which == junit_whole) return true;
    if (which != junit_others)
        return i >= record.subcases[which].first_failure &&
               i < record.subcases[which].first_failure + record.subcases[which].failures;
    // Earlier attempts' failures precede the first path's.
    if (i < record.subcases.front().first_failure) return false;
    for (const SubcaseResult& leaf : record.subcases)
        if (i >= leaf.first_failure && i < leaf.first_failure + leaf.failures) return false;
    return true;
}

// The suite's testsuite attributes count its testcases.
struct JunitCounts {
    std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
};

// One <testcase>, counted, and written unless `out` is null.
inline void write_junit_testcase(std::ostream* out, JunitCounts& counts, std::string_view suite, std::string_view name,
                                 const TestRecord& record, std::size_t which) {
    Outcome outcome = record.outcome;
    std::string_view skip_reason = record.skip_reason;
    std::chrono::nanoseconds duration = record.duration;
    if (which == junit_others) {
        skip_reason = {};
        for (const SubcaseResult& leaf : record.subcases) duration -= leaf.duration;
        if (duration.count() < 0) duration = duration.zero();
    } else if (which != junit_whole) {
        const SubcaseResult& leaf = record.subcases[which];
        outcome = leaf.outcome;
        skip_reason = leaf.skip_reason;
        duration = leaf.duration;
    }
    const Failure* first = nullptr;
    std::size_t failures = 0;
    for (std::size_t i = 0; i < record.failures.size(); ++i)
        if (junit_failure_of(record, which, i) && failures++ == 0) first = &record.failures[i];
    if (which == junit_others && failures == 0) return;
    ++counts.tests;
    counts.failures += outcome == Outcome::failed || outcome == Outcome::unexpected_success;
    counts.errors += outcome == Outcome::error;
    counts.skipped += outcome == Outcome::skipped || outcome == Outcome::expected_failure;
    if (out == nullptr) return;
    // A test without a suite (doctest's) is classed by its file, as doctest's JUnit reporter does.
    *out << "    <testcase name=\"" << XmlText{name, true} << "\" classname=\""
         << XmlText{suite.empty() ? record.file : suite, true} << "\" time=\"" << seconds_text(duration) << '"';
    if (outcome == Outcome::passed) {
        *out << "/>\n";
        return;
    }
    *out << ">\n";
    std::string text;
    for (std::size_t i = 0; i < record.failures.size(); ++i)
        if (junit_failure_of(record, which, i)) append(text, {failure_line(record.failures[i]), "\n"});
    if (outcome == Outcome::skipped) {
        *out << "      <skipped message=\"" << XmlText{skip_reason, true} << "\"/>\n";
    } else if (outcome == Outcome::expected_failure) {
        // Neither schema has an expected failure: it is reported as skipped (it does not fail
        // the run), with the failures it had.
        *out << "      <skipped message=\"expected failure\">" << XmlText{text} << "</skipped>\n";
    } else if (outcome == Outcome::unexpected_success) {
        *out << "      <failure message=\"unexpected success\" type=\"unexpected success\">"
             << "the test passed, but is decorated ctp::expected_failure()</failure>\n";
    } else {
        // The Ant schema allows one failure or error element: it carries every failure.
        const char* element = outcome == Outcome::error ? "error" : "failure";
        std::string message;
        if (first != nullptr) {
            message = failure_line(*first);
            if (failures > 1) append(message, {" (and ", digits(failures - 1), " more)"});
        }
        *out << "      <" << element << " message=\"" << XmlText{message, true} << "\" type=\""
             << (record.failed_only_in_parallel ? "failed only in parallel"
                 : outcome == Outcome::error    ? "error"
                                                : "assertion")
             << "\">" << XmlText{text} << "</" << element << ">\n";
    }
    *out << "    </testcase>\n";
}

// A test with sub-cases is a testcase per leaf path, "name / path", as JUnit consumers show
// no sub-results; its failures outside every path (tear_down_class's...) make one more,
// named as the test. An expected failure or unexpected success is the test's as a whole.
// Each is counted, and written unless `out` is null.
inline void write_junit_testcases(std::ostream* out, JunitCounts& counts, std::string_view suite,
                                  const TestRecord& record) {
    // A parameterized case's value is part of its name, as in the console.
    const std::string name =
        record.parameter.empty() ? std::string(record.name) : concat({record.name, " [", record.parameter, "]"});
    if (record.subcases.empty() || record.outcome == Outcome::expected_failure ||
        record.outcome == Outcome::unexpected_success) {
        write_junit_testcase(out, counts, suite, name, record, junit_whole);
        return;
    }
    for (std::size_t k = 0; k < record.subcases.size(); ++k)
        write_junit_testcase(out, counts, suite, concat({name, " / ", record.subcases[k].path}), record, k);
    if (record.outcome == Outcome::failed || record.outcome == Outcome::error)
        write_junit_testcase(out, counts, suite, name, record, junit_others);
}

}  // namespace detail

// JUnit XML valid under both the Jenkins (Surefire) and the Ant schemas: one testsuite per
// suite or fixture class, in order of their first test; attributes both schemas allow, and the
// Ant order of children (properties, testcases, system-out, system-err). Ant has no per-test
// output, so captured output, warnings and attached files go to the suite's system-out, headed
// by the test's name; each file is a line "[[ATTACHMENT|/absolute/path]]" (the convention of
// Jenkins' JUnit Attachments plugin). The same goes for a test's tags, each tagged test's a "ctp.tags" property of its
// suite ("Suite.name: db, slow").
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
        detail::JunitCounts counts;
        std::chrono::nanoseconds time{};
        std::string output;
        for (std::size_t k = begin; k < end; ++k) {
            const TestRecord& record = tests[order[k]];
            detail::write_junit_testcases(nullptr, counts, suite, record);
            time += record.duration;
            if (record.output.empty() && record.warnings.empty() && record.attachments.empty()) continue;
            detail::append(output, {"--- ", record.full_name(), " ---\n", record.output,
                                    record.output.empty() || record.output.back() == '\n' ? "" : "\n"});
            for (const Failure& warning : record.warnings)
                detail::append(output, {warning.file, ":", detail::digits(static_cast<std::uint64_t>(warning.line)),
                                        ": warning: ", warning.message, "\n"});
            for (const std::string& path : record.attachments) detail::append(output, {"[[ATTACHMENT|", path, "]]\n"});
        }
        const std::string name = detail::xml_escape(suite, true);
        out << "  <testsuite name=\"" << name << "\" package=\"" << name << "\" id=\"" << id++ << "\" hostname=\""
            << host << "\" timestamp=\"" << timestamp << "\" tests=\"" << counts.tests << "\" failures=\""
            << counts.failures << "\" errors=\"" << counts.errors << "\" skipped=\"" << counts.skipped << "\" time=\""
            << detail::seconds_text(time) << "\">\n";
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
        // Neither schema allows properties in a testcase: a test's tags are its suite's, by name.
        for (std::size_t k = begin; k < end; ++k)
            if (const TestRecord& record = tests[order[k]]; !record.tags.empty()) {
                out << "      <property name=\"ctp.tags\" value=\"" << detail::XmlText{record.full_name(), true} << ':';
                const char* separator = " ";
                for (std::string_view tag : record.tags)
                    out << separator << detail::XmlText{tag, true}, separator = ", ";
                out << "\"/>\n";
            }
        // Nor a test's description: a property of its suite, headed by the test's name.
        for (std::size_t k = begin; k < end; ++k)
            if (const TestRecord& record = tests[order[k]]; !record.description.empty())
                out << "      <property name=\"ctp.description\" value=\""
                    << detail::XmlText{detail::concat({record.full_name(), ": ", record.description}), true}
                    << "\"/>\n";
        out << "    </properties>\n";
        for (std::size_t k = begin; k < end; ++k) detail::write_junit_testcases(&out, counts, suite, tests[order[k]]);
        out << "    <system-out>" << detail::XmlText{output} << "</system-out>\n"
            << "    <system-err></system-err>\n"
            << "  </testsuite>\n";
    }
    out << "</testsuites>\n";
}

}  // namespace ctp

#endif  // CTP_REPORTERS_JUNIT_HPP
