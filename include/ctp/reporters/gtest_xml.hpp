#ifndef CTP_REPORTERS_GTEST_XML_HPP
#define CTP_REPORTERS_GTEST_XML_HPP

// --gtest_output=xml: GoogleTest 1.12's XML report, element for element and attribute for
// attribute, so that what reads GoogleTest's reads it.

#include <chrono>  // system_clock
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "../options.hpp"
#include "../result.hpp"
#include "gtest_console.hpp"
#include "gtest_suites.hpp"

namespace ctp::detail {

// GoogleTest's escaping: markup characters as entities, and in attributes the line breaks and
// tabs as character references; other control characters cannot be in XML and are dropped.
inline std::string gtest_xml_escape(std::string_view text, bool attribute) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '\'': out += attribute ? "&apos;" : "'"; break;
            case '"': out += attribute ? "&quot;" : "\""; break;
            case '\n': out += attribute ? "&#x0A;" : "\n"; break;
            case '\r': out += attribute ? "&#x0D;" : "\r"; break;
            case '\t': out += attribute ? "&#x09;" : "\t"; break;
            default:
                if (static_cast<unsigned char>(c) >= 0x20) out += c;
        }
    }
    return out;
}

// A CDATA section cannot hold "]]>": it is split around it.
inline std::string gtest_cdata(std::string_view text) {
    std::string out = "<![CDATA[";
    for (std::size_t at = 0;;) {
        const std::size_t end = text.find("]]>", at);
        if (end == std::string_view::npos) {
            out.append(text.substr(at)).append("]]>");
            return out;
        }
        out.append(text.substr(at, end - at)).append("]]>]]&gt;<![CDATA[");
        at = end + 3;
    }
}

// "file:line\nmessage", as GoogleTest words a failure in its reports.
inline std::string gtest_failure_text(const Failure& failure) {
    return concat({failure.file, ":", digits(static_cast<unsigned>(failure.line)), "\n", failure.message});
}

inline void write_gtest_xml(std::ostream& out, const Result& result, const GtestReport& report) {
    const std::vector<GtestSuite> suites = gtest_suites(result, report);
    const auto run_start = wall_clock_start(result);
    std::size_t tests = 0, failures = 0, disabled = 0;
    for (const GtestSuite& suite : suites)
        tests += suite.cases.size(), failures += suite.failures, disabled += suite.disabled;
    auto attribute = [](std::string_view text) { return gtest_xml_escape(text, true); };
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites tests=\"" << tests << "\" failures=\"" << failures
        << "\" disabled=\"" << disabled << "\" errors=\"0\" time=\"" << gtest_seconds(result.end - result.start)
        << "\" timestamp=\"" << gtest_local_timestamp(run_start) << "\" name=\"AllTests\">\n";
    for (const GtestSuite& suite : suites) {
        out << "  <testsuite name=\"" << attribute(suite.name) << "\" tests=\"" << suite.cases.size()
            << "\" failures=\"" << suite.failures << "\" disabled=\"" << suite.disabled << "\" skipped=\""
            << suite.skipped << "\" errors=\"0\" time=\"" << gtest_seconds(suite.time) << "\" timestamp=\""
            << gtest_local_timestamp(gtest_wall_time(result, run_start, suite.start)) << "\">\n";
        for (const GtestCase& test : suite.cases) {
            out << "    <testcase name=\"" << attribute(test.name()) << '"';
            if (const std::string_view value = gtest_value_param(test.parameter()); !value.empty())
                out << " value_param=\"" << attribute(value) << '"';
            if (const std::string_view type = gtest_type_param(test.parameter()); !type.empty())
                out << " type_param=\"" << attribute(type) << '"';
            out << " file=\"" << attribute(test.file()) << "\" line=\"" << test.line() << '"';
            const TestRecord* record = test.record;
            if (record == nullptr) {
                out << " status=\"notrun\" result=\"suppressed\" time=\"0\" timestamp=\"1970-01-01T00:00:00.000\" "
                       "classname=\""
                    << attribute(suite.name) << "\" />\n";
                continue;
            }
            out << " status=\"run\" result=\"" << (test.skipped() ? "skipped" : "completed") << "\" time=\""
                << gtest_seconds(record->duration) << "\" timestamp=\""
                << gtest_local_timestamp(gtest_wall_time(result, run_start, record->start)) << "\" classname=\""
                << attribute(suite.name) << '"';
            std::vector<Failure> failures = record->failures;
            if (record->outcome == Outcome::unexpected_success)
                failures.push_back({std::string(record->file), record->line, "unexpected success"});
            if (failures.empty() && !test.skipped() && record->properties.empty()) {
                out << " />\n";
                continue;
            }
            out << ">\n";
            for (const Failure& failure : failures) {
                const std::string text = gtest_failure_text(failure);
                out << "      <failure message=\"" << attribute(text) << "\" type=\"\">" << gtest_cdata(text)
                    << "</failure>\n";
            }
            if (test.skipped()) {
                const std::string text =
                    gtest_failure_text({std::string(record->file), record->line, record->skip_reason});
                out << "      <skipped message=\"" << attribute(text) << "\">" << gtest_cdata(text) << "</skipped>\n";
            }
            if (!record->properties.empty()) {
                out << "      <properties>\n";
                for (const Property& property : record->properties)
                    out << "        <property name=\"" << attribute(property.key) << "\" value=\""
                        << attribute(property.value) << "\"/>\n";
                out << "      </properties>\n";
            }
            out << "    </testcase>\n";
        }
        out << "  </testsuite>\n";
    }
    out << "</testsuites>\n";
}

}  // namespace ctp::detail

#endif  // CTP_REPORTERS_GTEST_XML_HPP
