#ifndef CTP_REPORTERS_GTEST_JSON_HPP
#define CTP_REPORTERS_GTEST_JSON_HPP

// --gtest_output=json: GoogleTest 1.12's JSON report, member for member.

#include <chrono>  // system_clock
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "../options.hpp"
#include "../result.hpp"
#include "gtest_console.hpp"
#include "gtest_suites.hpp"
#include "gtest_xml.hpp"
#include "report_format.hpp"

namespace ctp::detail {

// A JSON string, quotes included, escaped as GoogleTest does ('/' too).
inline std::string gtest_json_string(std::string_view text) {
    constexpr char hex[] = "0123456789abcdef";
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '/': out += "\\/"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out.append("\\u00").append(1, hex[(c >> 4) & 0xF]).append(1, hex[c & 0xF]);
                } else {
                    out += c;
                }
        }
    }
    return out += '"';
}

inline void write_gtest_json(std::ostream& out, const Result& result, const GtestReport& report) {
    const std::vector<GtestSuite> suites = gtest_suites(result, report);
    const auto run_start = wall_clock_start(result);
    std::size_t tests = 0, failures = 0, disabled = 0;
    for (const GtestSuite& suite : suites)
        tests += suite.cases.size(), failures += suite.failures, disabled += suite.disabled;
    auto stamp = [&](Clock::time_point at) { return utc_timestamp(gtest_wall_time(result, run_start, at), true); };
    out << "{\n  \"tests\": " << tests << ",\n  \"failures\": " << failures << ",\n  \"disabled\": " << disabled
        << ",\n  \"errors\": 0,\n  \"timestamp\": \"" << utc_timestamp(run_start, true) << "\",\n  \"time\": \""
        << gtest_seconds(result.end - result.start) << "s\",\n  \"name\": \"AllTests\",\n  \"testsuites\": [\n";
    const char* suite_separator = "";
    for (const GtestSuite& suite : suites) {
        out << suite_separator << "    {\n      \"name\": " << gtest_json_string(suite.name)
            << ",\n      \"tests\": " << suite.cases.size() << ",\n      \"failures\": " << suite.failures
            << ",\n      \"disabled\": " << suite.disabled << ",\n      \"errors\": 0,\n      \"timestamp\": \""
            << stamp(suite.start) << "\",\n      \"time\": \"" << gtest_seconds(suite.time)
            << "s\",\n      \"testsuite\": [";
        suite_separator = ",\n";
        const char* case_separator = "\n";
        for (const GtestCase& test : suite.cases) {
            out << case_separator << "        {\n          \"name\": " << gtest_json_string(test.name());
            case_separator = ",\n";
            if (const std::string_view value = gtest_value_param(test.parameter()); !value.empty())
                out << ",\n          \"value_param\": " << gtest_json_string(value);
            if (const std::string_view type = gtest_type_param(test.parameter()); !type.empty())
                out << ",\n          \"type_param\": " << gtest_json_string(type);
            out << ",\n          \"file\": " << gtest_json_string(test.file())
                << ",\n          \"line\": " << test.line();
            const TestRecord* record = test.record;
            if (record == nullptr) {
                out << ",\n          \"status\": \"NOTRUN\",\n          \"result\": \"SUPPRESSED\",\n          "
                       "\"timestamp\": \"1970-01-01T00:00:00Z\",\n          \"time\": \"0s\",\n          "
                       "\"classname\": "
                    << gtest_json_string(suite.name) << "\n        }";
                continue;
            }
            out << ",\n          \"status\": \"RUN\",\n          \"result\": \""
                << (test.skipped() ? "SKIPPED" : "COMPLETED") << "\",\n          \"timestamp\": \""
                << stamp(record->start) << "\",\n          \"time\": \"" << gtest_seconds(record->duration)
                << "s\",\n          \"classname\": " << gtest_json_string(suite.name);
            for (const Property& property : record->properties)
                out << ",\n          " << gtest_json_string(property.key) << ": " << gtest_json_string(property.value);
            std::vector<Failure> failures = record->failures;
            if (record->outcome == Outcome::unexpected_success)
                failures.push_back({std::string(record->file), record->line, "unexpected success"});
            if (!failures.empty()) {
                out << ",\n          \"failures\": [";
                const char* separator = "\n";
                for (const Failure& failure : failures) {
                    out << separator << "            {\n              \"failure\": "
                        << gtest_json_string(gtest_failure_text(failure))
                        << ",\n              \"type\": \"\"\n            }";
                    separator = ",\n";
                }
                out << "\n          ]";
            }
            out << "\n        }";
        }
        out << "\n      ]\n    }";
    }
    out << "\n  ]\n}\n";
}

}  // namespace ctp::detail

#endif  // CTP_REPORTERS_GTEST_JSON_HPP
