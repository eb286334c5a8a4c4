// Reports, sharding and the new command-line flags, through the public API. The formats are
// also checked by the tools that consume them (check_reports.py).
#include "../testing.hpp"

#include <algorithm>
#include <set>
#include <sstream>
#include <string>

namespace {

struct Pool : ctp::TestCase {};
struct Live : ctp::LiveServerTestCase {};

ctp::Registry mixed_suite() {
    ctp::Registry registry;
    registry.add("Math", "adds", [] { CTP_CHECK(1 + 1 == 2); });
    registry.add("Math", "fails", [] { CTP_FAIL("<b> & \"q\" \x01 \xff"); });
    registry.add("Math", "skips", [] { CTP_SKIP("later # maybe"); });
    registry.add<Pool>("Pool", "first", [](Pool&) {});
    registry.add<Pool>("Pool", "second", [](Pool&) {});
    registry.add<Live>("Live", "serves", [](Live&) {});
    for (int i = 0; i < 20; ++i) registry.add("Many", "t" + std::to_string(i), [] {});
    return registry;
}

template <class Write>
std::string written(Write write) {
    std::ostringstream out;
    write(out);
    return out.str();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("xml_escape keeps any text well-formed") {
    using ctp::detail::xml_escape;
    CHECK(xml_escape("a<b>&\"c\"") == "a&lt;b&gt;&amp;\"c\"");
    CHECK(xml_escape("\"\n\t", true) == "&quot;&#10;&#9;");
    CHECK(xml_escape("\x01\x1b") == "\\x01\\x1b");
    CHECK(xml_escape("caf\xc3\xa9") == "caf\xc3\xa9");
    CHECK(xml_escape("\xff\xc3") == "\xef\xbf\xbd\xef\xbf\xbd");                  // invalid UTF-8: U+FFFD
    CHECK(xml_escape("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // a surrogate
    CHECK(xml_escape("\xef\xbf\xbf") == "\\xfffd");                               // U+FFFF is not XML
}

TEST_CASE("json_escape gives valid JSON strings, also valid in YAML") {
    using ctp::detail::json_escape;
    CHECK(json_escape("\"\\\n") == "\\\"\\\\\\n");
    CHECK(json_escape("\x01\x7f") == "\\u0001\\u007f");
    CHECK(json_escape("\xc2\x85 \xe2\x80\xa8") == "\\u0085 \\u2028");
    CHECK(json_escape("\xf0\x9f\x98\x80\xf4\x90\x80\x80") ==
          "\xf0\x9f\x98\x80\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

TEST_CASE("shards: fixed by FNV-1a of the name, whole classes, every test exactly once") {
    CHECK(ctp::detail::fnv1a("") == 0xcbf29ce484222325u);
    CHECK(ctp::detail::fnv1a("a") == 0xaf63dc4c8601ec8cu);
    const ctp::Registry registry = mixed_suite();
    const std::size_t all = ctp::run(registry, {}).tests.size();
    std::multiset<std::string> seen;
    std::set<unsigned> pool_shards;
    for (unsigned index = 1; index <= 4; ++index) {
        ctp::Options options = testing::parallel(2);
        options.shard = ctp::Shard{index, 4};
        const ctp::Result result = ctp::run(registry, options);
        for (const ctp::TestRecord& test : result.tests) {
            seen.insert(test.full_name());
            if (test.suite == "Pool") pool_shards.insert(index);
            if (test.suite == "Live") CHECK(test.phase == ctp::Phase::serial);
        }
    }
    CHECK(seen.size() == all);
    CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == all);
    CHECK(pool_shards.size() == 1);

    // Adding tests moves no other test.
    ctp::Registry bigger = mixed_suite();
    bigger.add("Zed", "new", [] {});
    ctp::Options options;
    options.shard = ctp::Shard{2, 4};
    std::vector<std::string> before = testing::names(ctp::run(registry, options));
    std::vector<std::string> after = testing::names(ctp::run(bigger, options));
    after.erase(std::remove(after.begin(), after.end(), "Zed.new"), after.end());
    CHECK(before == after);
}

TEST_CASE("bad --shard values are usage errors naming the argument") {
    const ctp::Registry registry = mixed_suite();
    for (const char* bad : {"0/3", "4/3", "x", "1/0", "3", "1/3/5", "-1/3"}) {
        CAPTURE(bad);
        const testing::MainRun run = testing::run_main(registry, {"--shard", bad});
        CHECK(run.exit_code == 2);
        CHECK(testing::lines(run.err).size() == 1);
        CHECK(contains(run.err, "--shard"));
    }
    CHECK(testing::run_main(registry, {"--shard", "3/3", "-q"}).exit_code != 2);
}

TEST_CASE("an empty shard runs nothing and is not a 'no test matches' error") {
    ctp::Registry registry;
    registry.add("Only", "one", [] {});
    const std::string other = ctp::detail::shard_of(*registry.tests().front(), 2) == 1 ? "2/2" : "1/2";
    const testing::MainRun run = testing::run_main(registry, {"--shard", other.c_str(), "-k", "Only"});
    CHECK(run.exit_code == 0);
    CHECK(contains(run.out, "Ran 0 tests"));
}

TEST_CASE("--exact makes a plain -k pattern match whole names only") {
    ctp::Registry registry;
    registry.add("Math", "add", [] {});
    registry.add("Math", "add_more", [] {});
    registry.add("OtherMath", "add", [] {});
    ctp::Options options;
    options.filters = {"Math.add"};
    CHECK(ctp::run(registry, options).tests.size() == 3);
    options.exact = true;
    CHECK(testing::names(ctp::run(registry, options)) == std::vector<std::string>{"Math.add"});
    options.filters = {"Math.*"};
    CHECK(ctp::run(registry, options).tests.size() == 2);
}

TEST_CASE("--list --format json gives each test's name, suite, file, line and phase") {
    const testing::MainRun run = testing::run_main(mixed_suite(), {"--list", "--format", "json", "-k", "Live"});
    CHECK(run.exit_code == 0);
    CHECK(contains(run.out, "{\"name\": \"Live.serves\", \"suite\": \"Live\", \"file\": \""));
    CHECK(contains(run.out, "\"phase\": \"serial\", \"fixture\": true, \"tags\": [], \"resources\": []}"));
    CHECK(testing::run_main(mixed_suite(), {"--list", "--format", "xml"}).exit_code == 2);
}

TEST_CASE("JUnit XML: a suite per class, Ant's attributes and order, escaped text") {
    ctp::Options options;
    options.shard = ctp::Shard{1, 1};
    const ctp::Result result = ctp::run(mixed_suite(), options);
    const std::string xml = written([&](std::ostream& out) { ctp::write_junit_xml(out, result, options); });
    CHECK(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"));
    CHECK(contains(xml, "<testsuite name=\"Math\" package=\"Math\" id=\"0\" hostname=\""));
    CHECK(contains(xml, "tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\""));
    CHECK(contains(xml, "<property name=\"ctp.shard\" value=\"1/1\"/>"));
    CHECK(contains(xml, "&lt;b&gt; &amp; &quot;q&quot; \\x01 \xef\xbf\xbd"));
    CHECK(contains(xml, "<skipped message=\"later # maybe\"/>"));
    CHECK(contains(xml, "<testsuite name=\"Live\" package=\"Live\" id=\"2\""));
    CHECK(xml.find("<properties>") < xml.find("<testcase"));
    CHECK(xml.find("</testcase>") < xml.find("<system-out>"));
}

TEST_CASE("JUnit XML: a suite's tests stay together, where its first test was, in discovery order") {
    ctp::Registry registry;
    for (const char* suite : {"B", "A", "B", "C", "A", "B"})
        registry.add(suite, "t" + std::to_string(registry.size()), [] {});
    const ctp::Options options;
    const ctp::Result result = ctp::run(registry, options);
    const std::string xml = written([&](std::ostream& out) { ctp::write_junit_xml(out, result, options); });
    std::vector<std::string> order;
    for (std::size_t at = xml.find("<testcase name=\""); at != std::string::npos;
         at = xml.find("<testcase name=\"", at + 1)) {
        const std::size_t name = at + std::string("<testcase name=\"").size();
        const std::size_t suite = xml.find("classname=\"", name) + std::string("classname=\"").size();
        order.push_back(xml.substr(suite, 1) + "." + xml.substr(name, xml.find('"', name) - name));
    }
    CHECK(order == std::vector<std::string>{"B.t0", "B.t2", "B.t5", "A.t1", "A.t4", "C.t3"});
    CHECK(xml.find("<testsuite name=\"B\"") < xml.find("<testsuite name=\"A\""));
    CHECK(xml.find("<testsuite name=\"A\"") < xml.find("<testsuite name=\"C\""));
}

TEST_CASE("captured output goes to the suite's system-out and the JSON report") {
    ctp::Result result = ctp::run(mixed_suite(), {});
    result.tests.front().output = "hello <world>\n";
    const std::string xml = written([&](std::ostream& out) { ctp::write_junit_xml(out, result, {}); });
    CHECK(contains(xml, "<system-out>--- Math.adds ---\nhello &lt;world&gt;\n</system-out>"));
    const std::string json = written([&](std::ostream& out) { ctp::write_json_report(out, result, {}); });
    CHECK(contains(json, "\"output\": \"hello <world>\\n\""));
}

TEST_CASE("TAP version 13: plan, discovery order, SKIP directive, YAML diagnostics") {
    const testing::MainRun run =
        testing::run_main(mixed_suite(), {"--reporter", "tap", "--parallel", "2", "-k", "Math"});
    CHECK(run.exit_code == 1);
    const std::vector<std::string> lines = testing::lines(run.out);
    REQUIRE(lines.size() > 5);
    CHECK(lines[0] == "TAP version 13");
    CHECK(lines[1] == "1..3");
    CHECK(lines[2] == "ok 1 - Math.adds");
    CHECK(lines[3] == "not ok 2 - Math.fails");
    CHECK(contains(run.out, "ok 3 - Math.skips # SKIP later \\# maybe\n"));
    CHECK(contains(run.out, "    - message: \"CTP_FAIL: <b> & \\\"q\\\" \\u0001 \xef\xbf\xbd\"\n"));
    CHECK_FALSE(contains(run.out, "Ran 3 tests"));
}

TEST_CASE("JSON report and trace describe the run and every test") {
    ctp::Options options = testing::parallel(2);
    options.shuffle = 5;
    const ctp::Result result = ctp::run(mixed_suite(), options);
    const std::string json = written([&](std::ostream& out) { ctp::write_json_report(out, result, options); });
    CHECK(contains(json, "\"format\": \"ctp-report\""));
    CHECK(contains(json, "\"seed\": 5"));
    CHECK(contains(json, "{\"phase\": \"serial\", \"tests\": 1"));
    CHECK(contains(json, "\"full_name\": \"Live.serves\""));
    const std::string trace = written([&](std::ostream& out) { ctp::write_trace(out, result); });
    CHECK(contains(trace, "\"args\": {\"name\": \"serial phase\"}"));
    CHECK(contains(trace, "\"name\": \"Live.serves\", \"cat\": \"passed\", \"ph\": \"X\""));
    const std::string page = written([&](std::ostream& out) { ctp::write_timeline(out, result); });
    CHECK(page.starts_with("<!DOCTYPE html>"));
    CHECK_FALSE(contains(page, "<script"));
    CHECK(contains(page, "<svg"));
}

TEST_CASE("--durations lists the slowest tests after the summary; colour only when asked") {
    const ctp::Registry registry = mixed_suite();
    const testing::MainRun plain = testing::run_main(registry, {"--durations", "2", "-k", "Pool"});
    const std::vector<std::string> lines = testing::lines(plain.out);
    REQUIRE(lines.size() >= 4);
    CHECK(lines[lines.size() - 5] == "OK");
    CHECK(lines[lines.size() - 2].starts_with("  "));
    CHECK(contains(plain.out, "\nSlowest 2 tests:\n"));
    CHECK_FALSE(contains(plain.out, "\033["));
    const testing::MainRun colour = testing::run_main(registry, {"--color", "always", "-k", "Math"});
    CHECK(contains(colour.out, "\033[31mFAILED\033[0m"));
    CHECK_FALSE(contains(testing::run_main(registry, {"--color", "auto", "-k", "Math"}).out, "\033["));
    CHECK(testing::run_main(registry, {"--color", "sometimes"}).exit_code == 2);
    CHECK(testing::run_main(registry, {"--durations", "many"}).exit_code == 2);
    CHECK(testing::run_main(registry, {"--reporter", "xml"}).exit_code == 2);
}

TEST_CASE("a report file that cannot be written stops the run with exit 2") {
    const testing::MainRun run = testing::run_main(mixed_suite(), {"--junit-xml", "/nonexistent-dir/report.xml"});
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "--junit-xml"));
    CHECK(run.out.empty());
}
