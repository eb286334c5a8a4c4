// What shows the resources that tests declare: the records, --list (text and JSON), the JSON
// report with the run's waits, the timeline and the Chrome trace.
#include "testing.hpp"

#include <chrono>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

ctp::Registry suites(std::initializer_list<std::string_view> names) {
    ctp::Registry registry;
    for (const ctp::detail::TestInfo* info : ctp::Registry::global().tests())
        for (std::string_view name : names)
            if (info->suite() == name) registry.add(*info);
    return registry;
}

struct VisDatabase : ctp::TestCase {
    static inline const ctp::Decorators decorators{ctp::tags("db"), ctp::exclusive("db")};
};

// Listed only: it is never run.
struct VisLive : ctp::LiveServerTestCase {
    static constexpr unsigned short port = 8081;
};

std::vector<std::string> described(const std::vector<ctp::ResourceUse>& uses) {
    std::vector<std::string> shown;
    for (const ctp::ResourceUse& use : uses) shown.push_back(ctp::detail::describe_use(use));
    return shown;
}

}  // namespace

CTP_TEST_F(VisDatabase, migrates, ctp::pool("browser", 2)) { CTP_CHECK(true); }
CTP_TEST_F(VisDatabase, reads, ctp::shared("db")) { CTP_CHECK(true); }
CTP_TEST(VisFree, plain) { CTP_CHECK(true); }
CTP_TEST(VisFree, reader, ctp::shared("db"), ctp::exclusive(ctp::env)) { CTP_CHECK(true); }
CTP_TEST_F(VisLive, serves) { CTP_CHECK(true); }

namespace {

// Two tests; the second waited 0.12s for db and was taken by worker 2, which ran nothing
// before: its lane is there for the wait.
ctp::Result waited_result() {
    using namespace std::chrono_literals;
    ctp::Result result;
    result.start = ctp::Clock::now();
    result.workers = 2;
    for (const char* name : {"first", "second"}) {
        ctp::TestRecord record;
        record.suite = "Vis";
        record.name = name;
        record.file = "vis.cpp";
        record.line = 1;
        record.worker = 1;
        record.start = result.start + (record.name == "first" ? 0ms : 130ms);
        record.duration = 120ms;
        record.end = record.start + record.duration;
        ++result.passed;
        result.tests.push_back(record);
    }
    result.tests[0].resources = {{"db", ctp::ResourceAccess::exclusive, 0}, {"browser", ctp::ResourceAccess::pool, 2}};
    result.tests[1].resources = {{"db", ctp::ResourceAccess::shared, 0}};
    result.tests[1].parameter = "3";
    result.waits.push_back({1, "db", 2, result.start + 10ms, result.start + 130ms});
    result.selected = 2;
    result.end = result.start + 250ms;
    return result;
}

}  // namespace

TEST_CASE("a record holds its class's resources, then its own, each name once") {
    const ctp::Registry registry = suites({"VisDatabase", "VisFree"});
    std::vector<ctp::Options> modes{ctp::Options{}, testing::parallel(2)};
#if defined(CTP_DETAIL_HAS_ISOLATE)
    modes.push_back(testing::parallel(2));
    modes.back().isolate = true;
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)
    for (const ctp::Options& options : modes) {
        CAPTURE(options.parallel);
        CAPTURE(options.isolate);
        const ctp::Result result = ctp::run(registry, options);
        REQUIRE(result.tests.size() == 4);
        CHECK(described(testing::record(result, "VisDatabase.migrates").resources) ==
              std::vector<std::string>{"exclusive(db)", "pool(browser, 2)"});
        // A class's exclusive hold wins over its test's shared one.
        CHECK(described(testing::record(result, "VisDatabase.reads").resources) ==
              std::vector<std::string>{"exclusive(db)"});
        CHECK(testing::record(result, "VisFree.plain").resources.empty());
        CHECK(described(testing::record(result, "VisFree.reader").resources) ==
              std::vector<std::string>{"shared(db)", "exclusive(env)"});
    }
}

TEST_CASE("--list shows a test's resources after its tags, and a fixed port with --live-in-pool") {
    const ctp::Registry registry = suites({"VisDatabase", "VisFree", "VisLive"});
    testing::MainRun run = testing::run_main(registry, {"--list"});
    CHECK(run.exit_code == ctp::exit_success);
    CHECK(run.out ==
          "VisDatabase.migrates [parallel] tags: db resources: exclusive(db), pool(browser, 2)\n"
          "VisDatabase.reads [parallel] tags: db resources: exclusive(db)\n"
          "VisFree.plain [parallel]\n"
          "VisFree.reader [parallel] resources: shared(db), exclusive(env)\n"
          "VisLive.serves [serial]\n");
    run = testing::run_main(registry, {"--list", "--live-in-pool", "-k", "VisLive"});
    CHECK(run.out == "VisLive.serves [parallel] resources: exclusive(port:8081)\n");
}

TEST_CASE("--list --format json gives each test's resources, a pool with its size") {
    const ctp::Registry registry = suites({"VisDatabase", "VisFree", "VisLive"});
    testing::MainRun run = testing::run_main(registry, {"--list", "--format", "json"});
    const std::vector<std::string> lines = testing::lines(run.out);
    REQUIRE(lines.size() == 7);
    CHECK(
        lines[1].ends_with("\"tags\": [\"db\"], \"resources\": [{\"name\": \"db\", \"access\": \"exclusive\"}, "
                           "{\"name\": \"browser\", \"access\": \"pool\", \"size\": 2}]},"));
    CHECK(lines[3].ends_with("\"tags\": [], \"resources\": []},"));
    CHECK(
        lines[4].ends_with("\"resources\": [{\"name\": \"db\", \"access\": \"shared\"}, "
                           "{\"name\": \"env\", \"access\": \"exclusive\"}]},"));
    CHECK(lines[5].ends_with("\"phase\": \"serial\", \"fixture\": true, \"tags\": [], \"resources\": []}"));
    run = testing::run_main(registry, {"--list", "--format", "json", "--live-in-pool", "-k", "VisLive"});
    CHECK(run.out.find("\"phase\": \"parallel\", \"fixture\": true, \"tags\": [], \"resources\": [{\"name\": "
                       "\"port:8081\", \"access\": \"exclusive\"}]}\n") != std::string::npos);
}

TEST_CASE("the JSON report carries each test's resources and the run's waits") {
    const ctp::Result result = waited_result();
    std::ostringstream json;
    ctp::write_json_report(json, result, {});
    const std::string text = json.str();
    CHECK(text.find("\"tags\": [], \"resources\": [{\"name\": \"db\", \"access\": \"exclusive\"}, {\"name\": "
                    "\"browser\", \"access\": \"pool\", \"size\": 2}],\n     \"failures\"") != std::string::npos);
    CHECK(text.find("\"tags\": [], \"resources\": [{\"name\": \"db\", \"access\": \"shared\"}],\n") !=
          std::string::npos);
    CHECK(
        text.ends_with("\n  ],\n  \"waits\": [\n    {\"test\": \"Vis.second [3]\", \"resource\": \"db\", "
                       "\"worker\": 2, \"start\": 0.010000, \"duration\": 0.120000}\n  ]\n}\n"));

    ctp::Result quiet = waited_result();
    quiet.waits.clear();
    quiet.tests[0].resources.clear();
    std::ostringstream plain;
    ctp::write_json_report(plain, quiet, {});
    CHECK(plain.str().find("\"tags\": [], \"resources\": [],\n") != std::string::npos);
    CHECK(plain.str().ends_with("\n  ],\n  \"waits\": []\n}\n"));

    // A run with no tests keeps both arrays.
    ctp::Result empty;
    empty.start = empty.end = ctp::Clock::now();
    std::ostringstream none;
    ctp::write_json_report(none, empty, {});
    CHECK(none.str().ends_with("\"tests\": [],\n  \"waits\": []\n}\n"));
}

TEST_CASE("the timeline draws a wait in the lane of the worker that took the unit, and nothing without waits") {
    const ctp::Result result = waited_result();
    std::ostringstream page;
    ctp::write_timeline(page, result);
    const std::string text = page.str();
    // Rows: worker 1 (y 24), worker 2 (y 50); the strip at the bottom of worker 2's row, from
    // 0.010s to 0.130s of 0.250s on a 900-pixel plot after a 110-pixel label.
    CHECK(text.find("<text x=\"4\" y=\"66.9\">worker 2</text>") != std::string::npos);
    CHECK(text.find("<rect x=\"146\" y=\"67\" width=\"432\" height=\"6\" fill=\"url(#wait)\" stroke=\"#757575\" "
                    "stroke-width=\"0.5\"><title>Vis.second [3] waited for db, 0.120s</title></rect>\n") !=
          std::string::npos);
    CHECK(text.find("<pattern id=\"wait\"") != std::string::npos);
    CHECK(text.find("</svg> waited for a resource</span>") != std::string::npos);

    ctp::Result quiet = waited_result();
    quiet.waits.clear();
    std::ostringstream plain;
    ctp::write_timeline(plain, quiet);
    CHECK(plain.str().find("wait") == std::string::npos);
    CHECK(plain.str().find("worker 2") == std::string::npos);
}

TEST_CASE("the trace shows a wait as an async slice on the thread of the worker that took the unit") {
    const ctp::Result result = waited_result();
    std::ostringstream trace;
    ctp::write_trace(trace, result);
    const std::string text = trace.str();
    CHECK(text.find("{\"name\": \"thread_name\", \"ph\": \"M\", \"pid\": 1, \"tid\": 2, \"args\": {\"name\": "
                    "\"worker 2\"}}") != std::string::npos);
    CHECK(
        text.ends_with(",\n  {\"name\": \"wait: db\", \"cat\": \"wait\", \"ph\": \"b\", \"id\": 1, \"pid\": 1, "
                       "\"tid\": 2, \"ts\": 10000.000, \"cname\": \"grey\", \"args\": {\"test\": \"Vis.second [3]\", "
                       "\"worker\": 2}},\n  {\"name\": \"wait: db\", \"cat\": \"wait\", \"ph\": \"e\", \"id\": 1, "
                       "\"pid\": 1, \"tid\": 2, \"ts\": 130000.000}\n]}\n"));

    ctp::Result quiet = waited_result();
    quiet.waits.clear();
    std::ostringstream plain;
    ctp::write_trace(plain, quiet);
    CHECK(plain.str().find("wait") == std::string::npos);
    CHECK(plain.str().find("\"tid\": 2") == std::string::npos);
}
