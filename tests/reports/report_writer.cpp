// Writes every report for a hand-made ctp::Result that a real run cannot produce yet
// (captured output, hostile bytes everywhere, several workers and a serial phase, waits):
//   report_writer JUNIT JSON TRACE TIMELINE TAP
#define CTP_NO_SHORT_NAMES
#define CTP_IMPLEMENT
#include <ctp/ctp.hpp>

#include <chrono>
#include <deque>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>  // move

namespace {

// A record's suite, name and file view text that outlives it; a deque never moves its strings.
std::string_view kept(std::string text) {
    static std::deque<std::string> texts;
    return texts.emplace_back(std::move(text));
}

ctp::Result hostile_result() {
    using namespace std::chrono_literals;
    const std::string hostile =
        "<a href=\"x\">&amp;</a> 'q' \x01\x02\x0b\x7f \xc2\x85 \xe2\x80\xa8 "
        "\xff\xc3( \xed\xa0\x80 \xef\xbf\xbf caf\xc3\xa9 # \\ ]]>";
    ctp::Result result;
    result.start = ctp::Clock::now();
    result.seed = 18446744073709551615u;
    result.workers = 2;
    const ctp::Outcome outcomes[] = {ctp::Outcome::passed, ctp::Outcome::failed, ctp::Outcome::error,
                                     ctp::Outcome::skipped};
    for (int i = 0; i < 8; ++i) {
        ctp::TestRecord record;
        record.suite = kept(i % 2 ? "Suite " + hostile : "Plain");
        record.name = kept("test_" + std::to_string(i) + (i == 5 ? hostile : ""));
        record.file = kept("tests/" + hostile + ".cpp");
        record.line = 10 + i;
        record.phase = i >= 6 ? ctp::Phase::serial : ctp::Phase::parallel;
        record.worker = i >= 6 ? 0u : static_cast<unsigned>(1 + i % 2);
        record.outcome = outcomes[i % 4];
        if (record.outcome == ctp::Outcome::failed || record.outcome == ctp::Outcome::error) {
            record.failures.push_back({std::string(record.file), record.line, "first " + hostile});
            record.failures.push_back({std::string(record.file), record.line + 1, "second\nline"});
        }
        if (record.outcome == ctp::Outcome::skipped) record.skip_reason = "why " + hostile;
        if (i % 3 != 1)
            record.warnings.push_back({std::string(record.file), record.line, "warned " + hostile + "\nline"});
        if (i % 3 == 0) record.output = "printed " + hostile + "\n";
        record.start = result.start + std::chrono::milliseconds(i * 3);
        record.duration = std::chrono::microseconds(2500 + i * 1001);
        record.end = record.start + record.duration;
        switch (record.outcome) {
            case ctp::Outcome::passed: ++result.passed; break;
            case ctp::Outcome::failed: ++result.failed; break;
            case ctp::Outcome::error: ++result.errors; break;
            case ctp::Outcome::skipped: ++result.skipped; break;
            case ctp::Outcome::expected_failure:
            case ctp::Outcome::unexpected_success: break;  // not among the loop's
        }
        result.tests.push_back(record);
    }
    // A decorated test's outcomes: a failure that was expected, with a description, and a pass
    // that was not.
    for (const ctp::Outcome outcome : {ctp::Outcome::expected_failure, ctp::Outcome::unexpected_success}) {
        ctp::TestRecord record = result.tests[0];
        record.name = kept(std::string(ctp::to_string(outcome)));
        record.outcome = outcome;
        record.warnings.clear();
        record.output.clear();
        if (outcome == ctp::Outcome::expected_failure) {
            record.failures.push_back({std::string(record.file), record.line, "expected " + hostile});
            record.description = kept("described " + hostile);
            ++result.expected_failures;
        } else {
            ++result.unexpected_successes;
        }
        result.tests.push_back(record);
    }
    // Resources, and a wait for one, on worker 2 (test 3's).
    result.tests[1].resources = {{"db " + hostile, ctp::ResourceAccess::exclusive, 0},
                                 {"browser", ctp::ResourceAccess::pool, 2}};
    result.tests[3].resources = {{"db " + hostile, ctp::ResourceAccess::shared, 0}};
    result.waits.push_back({3, "db " + hostile, 2, result.start + 1ms, result.start + 9ms});
    result.selected = result.tests.size();
    result.end = result.start + 40ms;
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 6) return 2;
    const ctp::Result result = hostile_result();
    ctp::Options options;
    options.parallel = 2;
    options.filters = {"a \"quoted\" \x01 filter"};
    options.shard = ctp::Shard{2, 3};
    std::ofstream junit(argv[1], std::ios::binary), json(argv[2], std::ios::binary), trace(argv[3], std::ios::binary),
        timeline(argv[4], std::ios::binary), tap(argv[5], std::ios::binary);
    ctp::write_junit_xml(junit, result, options);
    ctp::write_json_report(json, result, options);
    ctp::write_trace(trace, result);
    ctp::write_timeline(timeline, result);
    ctp::write_tap(tap, result);
    return junit && json && trace && timeline && tap ? 0 : 1;
}
