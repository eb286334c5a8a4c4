// The GoogleTest front end's command line, console output, reports, listeners and main, over
// tests registered the way the front end registers them (GoogleTest's names, "GetParam() = 2"
// and "TypeParam = int" parameters). The golden files in gtest_cli/ are what GoogleTest 1.12.1
// prints for the same tests (gtest_cli/real.cc: see gtest_cli/README.md), with times normalised.
#define GTEST_DONT_DEFINE_FAIL 1
#include "testing.hpp"

#include <ctp/gtest.hpp>  // its out-of-line half compiles in selftest_main.cpp
#include <ctp/gtest/command_line.hpp>

#include <algorithm>  // count_if, find
#include <atomic>
#include <chrono>
#include <cstdlib>  // getenv, setenv, unsetenv
#include <cstring>  // strlen
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using ctp::detail::TestInfo;
namespace gtest = ctp::detail::gtest;

void fail(const char* file, int line, const char* message, bool fatal = false) {
    ctp::detail::report_failure(file, line, message, std::strlen(message), fatal);
}

void passes(const TestInfo&, ctp::TestCase*) {}
void alpha_fails(const TestInfo&, ctp::TestCase*) {
    fail("real.cpp", 3, "Expected equality of these values:\n  1\n  2\nnote");
}
void alpha_skips(const TestInfo&, ctp::TestCase*) { ctp::detail::report_skip("not today", 9); }
void beta_props(const TestInfo&, ctp::TestCase*) {
    ctp::detail::report_property("key", 3, "va<l>ue", 7);
    ctp::detail::report_property("n", 1, "5", 1);
}
void typed_fails(const TestInfo&, ctp::TestCase*) {
    fail("real.cpp", 13, "Expected: (sizeof(TypeParam)) < (2u), actual: 4 vs 2");
}
void even_fails(const TestInfo&, ctp::TestCase*) {
    fail("real.cpp", 8, "Expected equality of these values:\n  GetParam() % 2\n    Which is: 1\n  0");
}

TestInfo gtest_test(const char* names, unsigned offset, int line, void (*run)(const TestInfo&, ctp::TestCase*),
                    const char* parameter = nullptr) {
    return {names, "real.cpp", line, offset, nullptr, nullptr, run, nullptr, nullptr, parameter, nullptr};
}

// The tests of gtest_cli/real.cpp, as the front end registers them.
TestInfo real_tests[] = {
    gtest_test("Alpha\0Passes", 6, 2, &passes),
    gtest_test("Alpha\0Fails", 6, 3, &alpha_fails),
    gtest_test("Alpha\0Skips", 6, 4, &alpha_skips),
    gtest_test("Alpha\0DISABLED_Off", 6, 5, &passes),
    gtest_test("Beta\0Props", 5, 6, &beta_props),
    gtest_test("Ty/0\0Small", 5, 13, &typed_fails, "TypeParam = int"),
    gtest_test("Ty/1\0Small", 5, 13, &passes, "TypeParam = char"),
    gtest_test("Nums/P\0Even/0", 7, 8, &passes, "GetParam() = 2"),
    gtest_test("Nums/P\0Even/1", 7, 8, &even_fails, "GetParam() = 3"),
};

ctp::Registry real_registry() {
    ctp::Registry registry;
    for (const TestInfo& info : real_tests) registry.add(info);
    return registry;
}

// The GTEST_ variables of the environment, cleared for a test and restored after it.
class CleanEnvironment {
public:
    CleanEnvironment() {
        for (const char* name : names) {
            const char* value = std::getenv(name);
            saved_.push_back(value ? std::optional<std::string>(value) : std::nullopt);
            ::unsetenv(name);
        }
    }
    ~CleanEnvironment() {
        for (std::size_t i = 0; i < std::size(names); ++i)
            if (saved_[i]) ::setenv(names[i], saved_[i]->c_str(), 1);
            else ::unsetenv(names[i]);
    }

    static constexpr const char* names[] = {"GTEST_FILTER",      "GTEST_OUTPUT",
                                            "GTEST_SHUFFLE",     "GTEST_RANDOM_SEED",
                                            "GTEST_REPEAT",      "GTEST_FAIL_FAST",
                                            "GTEST_BRIEF",       "GTEST_COLOR",
                                            "GTEST_PRINT_TIME",  "GTEST_ALSO_RUN_DISABLED_TESTS",
                                            "GTEST_SHARD_INDEX", "GTEST_TOTAL_SHARDS",
                                            "TEST_TOTAL_SHARDS", "NO_COLOR",
                                            "XML_OUTPUT_FILE"};

private:
    std::vector<std::optional<std::string>> saved_;
};

gtest::GtestCommandLine parse(std::initializer_list<const char*> arguments) {
    std::vector<const char*> argv{"tests"};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return gtest::parse_command_line(static_cast<int>(argv.size()), argv.data());
}

std::string parse_error(std::initializer_list<const char*> arguments) {
    try {
        parse(arguments);
    } catch (const ctp::UsageError& error) {
        return error.what();
    }
    return "no error";
}

// RUN_ALL_TESTS over `registry` with these arguments, `unit`'s listeners when given.
testing::MainRun run(const ctp::Registry& registry, std::initializer_list<const char*> arguments,
                     testing::UnitTest* unit = nullptr) {
    gtest::GtestCommandLine line = parse(arguments);
    std::ostringstream out, err;
    const int code = gtest::run(registry, line, "tests", out, err, false, unit);
    return {code, out.str(), err.str()};
}

std::string golden(const std::string& name) {
    std::ifstream file(CTP_SOURCE_DIR "/tests/gtest_cli/" + name, std::ios::binary);
    REQUIRE(file);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

std::string read_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// Times are the only thing that differ from run to run.
std::string normalised(const std::string& text) {
    std::string result = std::regex_replace(text, std::regex(R"(\((\d+) ms( total)?\))"), "(0 ms$2)");
    result = std::regex_replace(result, std::regex(R"(timestamp="[^"]*")"), "timestamp=\"T\"");
    result = std::regex_replace(result, std::regex(R"( time="[^"]*")"), " time=\"0\"");
    result = std::regex_replace(result, std::regex(R"("timestamp": "[^"]*")"), "\"timestamp\": \"T\"");
    return std::regex_replace(result, std::regex(R"("time": "[^"]*")"), "\"time\": \"0s\"");
}

}  // namespace

TEST_CASE("each --gtest_ flag becomes ctp's options") {
    CleanEnvironment clean;
    gtest::GtestCommandLine line = parse({"--gtest_filter=A.*-A.b", "--gtest_repeat=3", "--gtest_fail_fast",
                                          "--gtest_brief=1", "--gtest_print_time=0", "--gtest_color=no",
                                          "--gtest_also_run_disabled_tests", "--gtest_output=xml:out/r.xml"});
    const ctp::Options& options = line.line.options;
    CHECK(line.filter == "A.*-A.b");
    CHECK(options.gtest.filter == "A.*-A.b");
    CHECK(options.repeat == 3);
    CHECK(options.failfast);
    CHECK(options.gtest.brief);
    CHECK_FALSE(options.gtest.print_time);
    CHECK(options.color == ctp::ColorMode::never);
    CHECK(line.also_run_disabled);
    CHECK(options.run_skipped);
    CHECK(options.gtest.xml == "out/r.xml");
    CHECK(options.reporter == ctp::ReporterKind::gtest);
    CHECK_FALSE(line.list);
    CHECK_FALSE(options.shuffle);

    CHECK(parse({"--gtest_shuffle", "--gtest_random_seed=42"}).line.options.shuffle == 42u);
    const auto seed = parse({"--gtest_shuffle"}).line.options.shuffle;
    REQUIRE(seed);
    CHECK((*seed >= 1 && *seed <= 99999));
    CHECK_FALSE(parse({"--gtest_random_seed=42"}).line.options.shuffle);  // a seed alone does not shuffle
    CHECK(parse({"--gtest_list_tests"}).list);
    CHECK(parse({"--gtest_color=yes"}).line.options.color == ctp::ColorMode::always);
    CHECK(parse({"--gtest_color=auto"}).line.options.color == ctp::ColorMode::automatic);
    CHECK(parse({"--gtest_output=xml"}).line.options.gtest.xml == "test_detail.xml");
    CHECK(parse({"--gtest_output=json"}).line.options.gtest.json == "test_detail.json");
    CHECK(parse({"--gtest_output=json:r.json"}).line.options.gtest.json == "r.json");
    CHECK(parse({"--gtest_output=xml:reports/"}).line.options.gtest.xml == "reports/tests.xml");
    CHECK_FALSE(parse({"--gtest_fail_fast=0"}).line.options.failfast);
    CHECK(parse({"--gtest_brief=0"}).line.options.gtest.brief == false);
    // Accepted, and without effect on a ctp run.
    const gtest::GtestCommandLine accepted =
        parse({"--gtest_break_on_failure", "--gtest_catch_exceptions=0", "--gtest_death_test_style=threadsafe",
               "--gtest_stack_trace_depth=10", "--gtest_throw_on_failure", "--gtest_print_time"});
    CHECK(accepted.line.options.gtest.print_time);
    CHECK(accepted.line.options.repeat == 1);
    // --reporter given on the command line stays.
    CHECK(parse({"--reporter", "tap", "--gtest_brief"}).line.options.reporter == ctp::ReporterKind::tap);
    CHECK(parse({"--reporter", "console"}).line.options.reporter == ctp::ReporterKind::console);
    CHECK(run(real_registry(), {"--reporter", "console", "-q"}).out.starts_with("-----"));
}

TEST_CASE("a malformed --gtest_ flag is a usage error naming it") {
    CleanEnvironment clean;
    CHECK(parse_error({"--gtest_repeat=x"}) == "--gtest_repeat: invalid count 'x' (expected a whole number from 1)");
    CHECK(parse_error({"--gtest_repeat=-1"}) == "--gtest_repeat: invalid count '-1' (expected a whole number from 1)");
    CHECK(parse_error({"--gtest_repeat"}) == "--gtest_repeat: missing value");
    CHECK(parse_error({"--gtest_random_seed=100000"}) ==
          "--gtest_random_seed: invalid seed '100000' (expected a whole number from 0 to 99999)");
    CHECK(parse_error({"--gtest_color=maybe"}) == "--gtest_color: invalid value 'maybe' (expected yes, no or auto)");
    CHECK(parse_error({"--gtest_brief=sometimes"}) == "--gtest_brief: invalid value 'sometimes' (expected 1 or 0)");
    CHECK(parse_error({"--gtest_output=yaml:r.yaml"}) ==
          "--gtest_output: invalid report 'yaml:r.yaml' (expected xml[:PATH] or json[:PATH])");
    CHECK(parse_error({"--gtest_filter"}) == "--gtest_filter: missing value");
    CHECK(parse_error({"--gtest_death_test_style=slow"}) ==
          "--gtest_death_test_style: invalid style 'slow' (expected fast or threadsafe)");
    CHECK(parse_error({"--gtest_stream_result_to=localhost:1"}) == "unknown option '--gtest_stream_result_to'");
    CHECK(parse_error({"--gtest_fliter=A.*"}) == "unknown option '--gtest_fliter'");
    // ctp's own options keep their messages.
    CHECK(parse_error({"--parallel", "0"}) ==
          "--parallel: invalid worker count '0' (expected a whole number from 1 to 4096 or 'auto')");
}

TEST_CASE("the GTEST_ variables stand for their flags, and a flag wins") {
    CleanEnvironment clean;
    ::setenv("GTEST_FILTER", "Beta.*", 1);
    ::setenv("GTEST_REPEAT", "2", 1);
    ::setenv("GTEST_SHUFFLE", "1", 1);
    ::setenv("GTEST_RANDOM_SEED", "7", 1);
    ::setenv("GTEST_FAIL_FAST", "1", 1);
    ::setenv("GTEST_BRIEF", "1", 1);
    ::setenv("GTEST_COLOR", "yes", 1);
    ::setenv("GTEST_ALSO_RUN_DISABLED_TESTS", "1", 1);
    ::setenv("GTEST_OUTPUT", "json:env.json", 1);
    ::setenv("GTEST_PRINT_TIME", "0", 1);
    gtest::GtestCommandLine line = parse({});
    const ctp::Options& options = line.line.options;
    CHECK(line.filter == "Beta.*");
    CHECK(options.repeat == 2);
    CHECK(options.shuffle == 7u);
    CHECK(options.failfast);
    CHECK(options.gtest.brief);
    CHECK_FALSE(options.gtest.print_time);
    CHECK(options.color == ctp::ColorMode::always);
    CHECK(line.also_run_disabled);
    CHECK(options.gtest.json == "env.json");

    line = parse({"--gtest_filter=Alpha.*", "--gtest_repeat=5", "--gtest_color=no", "--gtest_brief=0"});
    CHECK(line.filter == "Alpha.*");
    CHECK(line.line.options.repeat == 5);
    CHECK(line.line.options.color == ctp::ColorMode::never);
    CHECK_FALSE(line.line.options.gtest.brief);

    ::setenv("GTEST_REPEAT", "many", 1);
    CHECK(parse_error({}) == "GTEST_REPEAT: invalid count 'many' (expected a whole number from 1)");
    CHECK(parse_error({"--gtest_repeat=1"}) == "no error");
}

TEST_CASE("GoogleTest's sharding variables split the tests") {
    CleanEnvironment clean;
    ::setenv("GTEST_TOTAL_SHARDS", "2", 1);
    ::setenv("GTEST_SHARD_INDEX", "1", 1);
    const testing::MainRun second = run(real_registry(), {"--gtest_list_tests"});
    const std::string second_run = run(real_registry(), {"--gtest_brief=1"}).out;
    ::setenv("GTEST_SHARD_INDEX", "0", 1);
    const std::string first_run = run(real_registry(), {"--gtest_brief=1"}).out;
    // Each shard runs some of the 8 tests, and the two all of them once.
    std::smatch first, second_match;
    const std::regex ran(R"(\[==========\] (\d) tests? from)");
    REQUIRE(std::regex_search(first_run, first, ran));
    REQUIRE(std::regex_search(second_run, second_match, ran));
    CHECK(std::stoi(first[1]) + std::stoi(second_match[1]) == 8);
    CHECK(std::stoi(first[1]) > 0);
    CHECK(first_run.find("Note: This is test shard") == std::string::npos);  // brief
    ::setenv("GTEST_SHARD_INDEX", "2", 1);
    const testing::MainRun bad = run(real_registry(), {});
    CHECK(bad.exit_code == ctp::exit_usage);
    CHECK(bad.err == "error: GTEST_SHARD_INDEX: invalid shard index '2' (expected 0 to 1) (see tests --help)\n");
}

TEST_CASE("InitGoogleTest takes GoogleTest's flags and ctp's options out of argv, and leaves the program's") {
    CleanEnvironment clean;
    char program[] = "tests", own[] = "--check_for_leaks", filter[] = "--gtest_filter=A.*", parallel[] = "--parallel",
         two[] = "2", k[] = "-k", pattern[] = "Suite.", value[] = "value", timeout[] = "--timeout=5",
         help[] = "--gtest_brief";
    char* argv[] = {program, own, filter, parallel, two, k, pattern, value, timeout, help, nullptr};
    int argc = 10;
    testing::InitGoogleTest(&argc, argv);
    REQUIRE(argc == 3);
    CHECK(std::string(argv[0]) == "tests");
    CHECK(std::string(argv[1]) == "--check_for_leaks");
    CHECK(std::string(argv[2]) == "value");
    CHECK(argv[3] == nullptr);
    const ctp::Options& options = gtest::state().line.line.options;
    CHECK(options.parallel == 2);
    CHECK(options.filters == std::vector<std::string>{"Suite."});
    CHECK(options.timeout == 5);
    CHECK(options.gtest.brief);
    CHECK(gtest::state().line.filter == "A.*");
    gtest::state() = {};
}

TEST_CASE("--gtest_filter: positive and negative patterns over Suite.Name") {
    CHECK(gtest::filter_matches("*", "A.b"));
    CHECK(gtest::filter_matches("A.*", "A.b"));
    CHECK_FALSE(gtest::filter_matches("A.*", "AB.b"));
    CHECK(gtest::filter_matches("A.?", "A.b"));
    CHECK_FALSE(gtest::filter_matches("A.?", "A.bc"));
    CHECK(gtest::filter_matches("X.*:A.b", "A.b"));
    CHECK_FALSE(gtest::filter_matches("A.b", "A.bc"));  // no substring match without a wildcard
    CHECK_FALSE(gtest::filter_matches("*-A.*", "A.b"));
    CHECK(gtest::filter_matches("-A.*", "B.b"));  // an empty positive part is '*'
    CHECK_FALSE(gtest::filter_matches("*-X.*:A.b", "A.b"));
    CHECK(gtest::filter_matches("Nums/P.Even/*", "Nums/P.Even/1"));
}

TEST_CASE("--gtest_list_tests: GoogleTest's list, parameters as comments") {
    CleanEnvironment clean;
    const testing::MainRun listed = run(real_registry(), {"--gtest_list_tests"});
    CHECK(listed.exit_code == 0);
    CHECK(listed.out == golden("list.txt"));
    CHECK(run(real_registry(), {"--gtest_list_tests", "--gtest_filter=Nums/*"}).out ==
          "Nums/P.\n  Even/0  # GetParam() = 2\n  Even/1  # GetParam() = 3\n");
}

TEST_CASE("the console output is GoogleTest's") {
    CleanEnvironment clean;
    const testing::MainRun serial = run(real_registry(), {"--gtest_color=no"});
    CHECK(serial.exit_code == 1);
    CHECK(normalised(serial.out) == golden("console.txt"));
    CHECK(serial.err.empty());
    // With --isolate the parent prints each test's lines as its worker process reports them.
    CHECK(normalised(run(real_registry(), {"--gtest_color=no", "--isolate"}).out) == golden("console.txt"));
    CHECK(normalised(run(real_registry(), {"--gtest_brief=1"}).out) == golden("console_brief.txt"));
    CHECK(normalised(run(real_registry(), {"--gtest_filter=Alpha.*:Beta.*-*Skips", "--gtest_repeat=2"}).out) ==
          golden("console_filter_repeat.txt"));
    CHECK(normalised(run(real_registry(), {"--gtest_filter=Alpha.F*", "--gtest_color=yes"}).out) ==
          golden("console_color.txt"));
    CHECK(run(real_registry(), {"--gtest_print_time=0"}).out == golden("console_no_time.txt"));
    CHECK(run(real_registry(), {"--gtest_filter=Beta.*"}).exit_code == 0);
    const testing::MainRun none = run(real_registry(), {"--gtest_filter=Nothing"});
    CHECK(none.exit_code == 0);
    CHECK(normalised(none.out) ==
          "Note: Google Test filter = Nothing\n[==========] Running 0 tests from 0 test suites.\n"
          "[==========] 0 tests from 0 test suites ran. (0 ms total)\n[  PASSED  ] 0 tests.\n");
}

namespace {

// The lines of each test, from its RUN line to its result line.
std::vector<std::string> test_blocks(const std::string& out, bool& whole) {
    std::vector<std::string> blocks;
    whole = true;
    std::string block;
    bool inside = false;
    for (const std::string& line : testing::lines(out)) {
        const bool run = line.starts_with("[ RUN      ] ");
        const bool result =
            line.starts_with("[       OK ] ") || line.starts_with("[  FAILED  ] ") || line.starts_with("[  SKIPPED ] ");
        if (run) {
            whole = whole && !inside;
            inside = true;
            block = line + '\n';
        } else if (inside) {
            block += line + '\n';
            if (result) {
                whole = whole && line.substr(13).starts_with(block.substr(13, block.find('\n') - 13));
                blocks.push_back(block);
                inside = false;
            } else {
                whole = whole && !line.starts_with("[");
            }
        }
    }
    return blocks;
}

// Many small tests over two workers, so that their ends interleave.
ctp::Registry busy_registry() {
    ctp::Registry registry;
    for (int suite = 0; suite < 4; ++suite)
        for (int test = 0; test < 6; ++test)
            registry.add("Busy" + std::to_string(suite), "t" + std::to_string(test), [suite, test] {
                std::this_thread::sleep_for(std::chrono::microseconds(200 * ((suite + test) % 3)));
                if (test == 2) fail("busy.cpp", 10 + suite, "line one\nline two");
            });
    return registry;
}

}  // namespace

TEST_CASE("with --parallel 2 each test's lines come whole, with the same tests and summary") {
    CleanEnvironment clean;
    const testing::MainRun serial = run(busy_registry(), {"--gtest_color=no"});
    const testing::MainRun pooled = run(busy_registry(), {"--gtest_color=no", "--parallel", "2"});
    CHECK(pooled.exit_code == 1);
    bool serial_whole = false, pooled_whole = false;
    std::vector<std::string> serial_blocks = test_blocks(normalised(serial.out), serial_whole);
    std::vector<std::string> pooled_blocks = test_blocks(normalised(pooled.out), pooled_whole);
    CHECK(serial_whole);
    CHECK(pooled_whole);
    CHECK(serial_blocks.size() == 24);
    CHECK(std::multiset<std::string>(serial_blocks.begin(), serial_blocks.end()) ==
          std::multiset<std::string>(pooled_blocks.begin(), pooled_blocks.end()));
    const std::string summary = "[==========] 24 tests from 4 test suites ran. (0 ms total)\n[  PASSED  ] 20 tests.\n";
    CHECK(normalised(pooled.out).find(summary) != std::string::npos);
    CHECK(normalised(serial.out).find(summary) != std::string::npos);
    // Each suite is opened and closed once, whatever the order.
    for (int suite = 0; suite < 4; ++suite) {
        const std::string name = "Busy" + std::to_string(suite);
        const std::string opening = "[----------] 6 tests from " + name + "\n";
        const std::string closing = "[----------] 6 tests from " + name + " (0 ms total)\n";
        const std::string out = normalised(pooled.out);
        CHECK(out.find(opening) != std::string::npos);
        CHECK(out.find(opening) == out.rfind(opening));
        CHECK(out.find(closing) != std::string::npos);
    }
}

TEST_CASE("--gtest_output writes GoogleTest's XML and JSON reports") {
    CleanEnvironment clean;
    const std::string xml = "gc_gtest_report.xml", json = "gc_gtest_report.json";
    const std::string xml_flag = "--gtest_output=xml:" + xml, json_flag = "--gtest_output=json:" + json;
    CHECK(run(real_registry(), {xml_flag.c_str(), "--gtest_brief=1"}).exit_code == 1);
    CHECK(run(real_registry(), {json_flag.c_str(), "--gtest_brief=1"}).exit_code == 1);
    CHECK(normalised(read_file(xml)) == golden("report.xml"));
    CHECK(normalised(read_file(json)) == golden("report.json"));
    // No test: GoogleTest's empty reports.
    CHECK(run(real_registry(), {xml_flag.c_str(), "--gtest_filter=Nothing"}).exit_code == 0);
    CHECK(run(real_registry(), {json_flag.c_str(), "--gtest_filter=Nothing"}).exit_code == 0);
    CHECK(normalised(read_file(xml)) ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites tests=\"0\" "
          "failures=\"0\" disabled=\"0\" errors=\"0\" time=\"0\" timestamp=\"T\" "
          "name=\"AllTests\">\n</testsuites>\n");
    CHECK(read_file(json).ends_with("  \"name\": \"AllTests\",\n  \"testsuites\": [\n\n  ]\n}\n"));
    std::remove(xml.c_str());
    std::remove(json.c_str());
    const testing::MainRun unwritable = run(real_registry(), {"--gtest_output=xml:/nonexistent/dir/r.xml"});
    CHECK(unwritable.exit_code == ctp::exit_usage);
    CHECK(unwritable.err == "error: --gtest_output: cannot write '/nonexistent/dir/r.xml'\n");
}

TEST_CASE("--help starts with GoogleTest's banner, which IDE adapters look for, then lists ctp's options") {
    CleanEnvironment clean;
    for (const char* flag : {"--help", "-h", "-?", "/?"}) {
        const testing::MainRun help = run(real_registry(), {flag});
        CHECK(help.exit_code == 0);
        CHECK(
            help.out.starts_with("This program contains tests written using Google Test. You can use the\n"
                                 "following command line flags to control its behavior:\n"));
        std::smatch match;
        REQUIRE(std::regex_search(help.out, match,
                                  std::regex(R"(This program contains tests written using [\s\S]*--(\w+)list_tests)")));
        CHECK(match[1] == "gtest_");
        CHECK(help.out.find("Usage: tests [options]") != std::string::npos);
        CHECK(help.out.find("  --parallel [N|auto]") != std::string::npos);
    }
    CHECK(run(real_registry(), {"--help"}).out == golden("help.txt"));
}

TEST_CASE("ctp's tests and GoogleTest's run in one run, ctp's failures in GoogleTest's words") {
    CleanEnvironment clean;
    ctp::Registry registry = real_registry();
    registry.add(
        "Native", "checks", [] { CTP_CHECK(1 + 1 == 3); }, ctp::SourceLocation{"native.cpp", 20});
    registry.add(
        "Native", "passes", [] { CTP_CHECK(1 + 1 == 2); }, ctp::SourceLocation{"native.cpp", 30});
    const testing::MainRun mixed =
        run(registry, {"--gtest_filter=Native.*:Beta.*", "--parallel", "2", "--timeout", "60"});
    CHECK(mixed.exit_code == 1);
    CHECK(std::regex_search(
        normalised(mixed.out),
        std::regex(R"(\[ RUN      \] Native\.checks\n\S*test_gtest_cli\.cpp:\d+: Failure\n)"
                   R"(CTP_CHECK\(1 \+ 1 == 3\) failed with 2 == 3\n\[  FAILED  \] Native\.checks \(0 ms\)\n)")));
    CHECK(normalised(mixed.out).find("[==========] 3 tests from 2 test suites ran. (0 ms total)\n"
                                     "[  PASSED  ] 2 tests.\n") != std::string::npos);
}

TEST_CASE("--reporter gtest gives ctp::main GoogleTest's console output") {
    CleanEnvironment clean;
    const testing::MainRun main = testing::run_main(real_registry(), {"--reporter", "gtest", "--color", "never"});
    CHECK(main.exit_code == 1);
    // Without the front end's main, DISABLED_ tests are ctp's like any other.
    CHECK(main.out.find("[==========] Running 9 tests from 5 test suites.\n") != std::string::npos);
    CHECK(main.out.find("[  FAILED  ] Nums/P.Even/1, where GetParam() = 3 (") != std::string::npos);
    CHECK(main.out.find(" 3 FAILED TESTS\n") != std::string::npos);
    CHECK(testing::run_main(real_registry(), {"--reporter", "junit"}).err ==
          "error: --reporter: invalid reporter 'junit' (expected console, tap, gtest, github or teamcity) (see "
          "tests --help)\n");
}

namespace {

// Writes down every event, with the parts' kinds.
class Recorder final : public testing::TestEventListener {
public:
    explicit Recorder(std::vector<std::string>& events) : events_(events) {}
    void OnTestProgramStart(const testing::UnitTest&) override { events_.push_back("program start"); }
    void OnTestIterationStart(const testing::UnitTest&, int iteration) override {
        events_.push_back("iteration start " + std::to_string(iteration));
    }
    void OnEnvironmentsSetUpStart(const testing::UnitTest&) override { events_.push_back("set-up start"); }
    void OnEnvironmentsSetUpEnd(const testing::UnitTest&) override { events_.push_back("set-up end"); }
    void OnTestSuiteStart(const testing::TestSuite& suite) override {
        events_.push_back(std::string("suite start ") + suite.name());
    }
    void OnTestStart(const testing::TestInfo& test) override {
        events_.push_back(std::string("start ") + test.test_suite_name() + "." + test.name());
        CHECK(testing::UnitTest::GetInstance()->current_test_info() == &test);
    }
    void OnTestPartResult(const testing::TestPartResult& part) override {
        const char* kind = part.skipped() ? "skip" : part.fatally_failed() ? "fatal" : "nonfatal";
        events_.push_back(std::string("part ") + kind + " " + (part.file_name() ? part.file_name() : "-") + ":" +
                          std::to_string(part.line_number()) + " " + part.message());
    }
    void OnTestEnd(const testing::TestInfo& test) override {
        events_.push_back(std::string("end ") + test.name() + (test.result()->Failed() ? " failed" : "") +
                          (test.result()->Skipped() ? " skipped" : ""));
        if (std::string(test.name()) == "leaks") fail("checker.cpp", 7, "Leaked 1 unit(s) of Water!");
    }
    void OnTestSuiteEnd(const testing::TestSuite& suite) override {
        events_.push_back(std::string("suite end ") + suite.name());
    }
    void OnEnvironmentsTearDownStart(const testing::UnitTest&) override { events_.push_back("tear-down start"); }
    void OnEnvironmentsTearDownEnd(const testing::UnitTest&) override { events_.push_back("tear-down end"); }
    void OnTestIterationEnd(const testing::UnitTest&, int iteration) override {
        events_.push_back("iteration end " + std::to_string(iteration));
    }
    void OnTestProgramEnd(const testing::UnitTest& unit) override {
        events_.push_back(std::string("program end ") + (unit.Passed() ? "passed" : "failed"));
    }

private:
    std::vector<std::string>& events_;
};

struct Water : ctp::TestCase {
    Water() { testing::note("fixture made"); }
    ~Water() override { testing::note("fixture destroyed"); }
};

}  // namespace

TEST_CASE("listeners hear GoogleTest's events in order, OnTestEnd while the test can still fail") {
    CleanEnvironment clean;
    testing::UnitTest& unit = *testing::UnitTest::GetInstance();
    std::vector<std::string> events;
    auto* recorder = new Recorder(events);
    unit.listeners().Append(recorder);
    ctp::Registry registry;
    registry.add("Listeners", "fails", [] {
        fail("a.cpp", 1, "first");
        fail("a.cpp", 2, "second", true);
    });
    registry.add("Listeners", "leaks", [] {});
    registry.add("Other", "skips", [] { ctp::detail::report_skip("later", 5); });
    registry.add("Other", "DISABLED_off", [] {});
    const testing::MainRun run_ = run(registry, {"--gtest_color=no"}, &unit);
    CHECK(unit.listeners().Release(recorder) == recorder);
    delete recorder;
    CHECK(run_.exit_code == 1);
    CHECK(events == std::vector<std::string>{"program start",
                                             "iteration start 0",
                                             "set-up start",
                                             "set-up end",
                                             "suite start Listeners",
                                             "start Listeners.fails",
                                             "part nonfatal a.cpp:1 first",
                                             "part fatal a.cpp:2 second",
                                             "end fails failed",
                                             "start Listeners.leaks",
                                             "end leaks",
                                             "part nonfatal checker.cpp:7 Leaked 1 unit(s) of Water!",
                                             "suite end Listeners",
                                             "suite start Other",
                                             "start Other.skips",
                                             "part skip -:0 later",
                                             "end skips skipped",
                                             "suite end Other",
                                             "tear-down start",
                                             "tear-down end",
                                             "iteration end 0",
                                             "program end failed"});
    // The listener's failure is the test's: the console and the result say so.
    CHECK(run_.out.find("checker.cpp:7: Failure\nLeaked 1 unit(s) of Water!\n[  FAILED  ] Listeners.leaks (") !=
          std::string::npos);
    // Reflection after the run.
    CHECK(unit.total_test_suite_count() == 2);
    CHECK(unit.total_test_count() == 4);
    CHECK(unit.test_to_run_count() == 3);
    CHECK(unit.failed_test_count() == 2);
    CHECK(unit.skipped_test_count() == 1);
    CHECK(unit.successful_test_count() == 0);
    CHECK(unit.disabled_test_count() == 1);
    CHECK(unit.test_suite_to_run_count() == 2);
    CHECK(unit.failed_test_suite_count() == 1);
    CHECK(unit.Failed());
    const testing::TestSuite& suite = *unit.GetTestSuite(0);
    CHECK(std::string(suite.name()) == "Listeners");
    const testing::TestResult& failed = *suite.GetTestInfo(0)->result();
    REQUIRE(failed.total_part_count() == 2);
    CHECK(failed.GetTestPartResult(0).nonfatally_failed());
    CHECK(failed.GetTestPartResult(1).fatally_failed());
    CHECK(std::string(failed.GetTestPartResult(1).summary()) == "second");
    CHECK(failed.HasFatalFailure());
    CHECK(unit.GetTestSuite(1)->GetTestInfo(0)->result()->Skipped());
    CHECK(unit.GetTestSuite(2) == nullptr);
    CHECK(unit.current_test_info() == nullptr);
}

TEST_CASE("OnTestStart comes before the fixture is made and OnTestEnd after it is destroyed, on the test's thread") {
    CleanEnvironment clean;
    testing::UnitTest& unit = *testing::UnitTest::GetInstance();
    class Order final : public testing::EmptyTestEventListener {
    public:
        void OnTestStart(const testing::TestInfo&) override {
            start_thread() = std::this_thread::get_id();
            testing::note("start");
        }
        void OnTestEnd(const testing::TestInfo&) override {
            testing::note(std::this_thread::get_id() == start_thread() ? "end" : "end on another thread");
        }
        static std::thread::id& start_thread() {
            static thread_local std::thread::id id;
            return id;
        }
    };
    auto* order = new Order;
    unit.listeners().Append(order);
    ctp::Registry registry;
    registry.add<Water>("Water", "flows", [](Water&) {
        testing::note(std::this_thread::get_id() == Order::start_thread() ? "body" : "body on another thread");
    });
    registry.add("Water", "pours", [] {
        testing::note(std::this_thread::get_id() == Order::start_thread() ? "body" : "body on another thread");
    });
    testing::take_journal();
    for (const char* workers : {"1", "2"}) {
        const testing::MainRun run_ = run(registry, {"--parallel", workers, "--gtest_brief"}, &unit);
        CHECK(run_.exit_code == 0);
        CHECK(run_.err == "note: --parallel " + std::string(workers) +
                              " runs the tests one at a time: the program added a GoogleTest event listener, which"
                              " hears one test at a time\n");
        // Serially, in order, whatever --parallel asked for.
        CHECK(testing::take_journal() == std::vector<std::string>{"start", "fixture made", "body", "fixture destroyed",
                                                                  "end", "start", "body", "end"});
    }
    delete unit.listeners().Release(order);
}

TEST_CASE("while a GoogleTest listener is installed, --parallel runs no two tests at once; without one it does") {
    CleanEnvironment clean;
    testing::UnitTest& unit = *testing::UnitTest::GetInstance();
    static std::atomic<int> running{0}, most{0};
    ctp::Registry registry;
    for (const char* name : {"a", "b", "c", "d"})
        registry.add("Overlap", name, [] {
            const int now = ++running;
            for (int seen = most.load(); seen < now && !most.compare_exchange_weak(seen, now);) {}
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            --running;
        });
    auto* quiet = new testing::EmptyTestEventListener;
    unit.listeners().Append(quiet);
    most = 0;
    CHECK(run(registry, {"--parallel", "2", "--gtest_brief"}, &unit).exit_code == 0);
    CHECK(most == 1);
    delete unit.listeners().Release(quiet);
    // Without it, four tests of 100 ms in a pool of two overlap.
    most = 0;
    const testing::MainRun pooled = run(registry, {"--parallel", "2", "--gtest_brief"}, &unit);
    CHECK(pooled.exit_code == 0);
    CHECK(pooled.err.empty());
    CHECK(most == 2);
}

TEST_CASE("releasing the default result printer silences GoogleTest's console output; the XML generator its report") {
    CleanEnvironment clean;
    testing::UnitTest& unit = *testing::UnitTest::GetInstance();
    testing::TestEventListener* printer = unit.listeners().default_result_printer();
    testing::TestEventListener* xml = unit.listeners().default_xml_generator();
    REQUIRE(printer != nullptr);
    REQUIRE(xml != nullptr);
    std::vector<std::string> events;
    auto* recorder = new Recorder(events);
    CHECK(unit.listeners().Release(printer) == printer);
    CHECK(unit.listeners().Release(xml) == xml);
    CHECK(unit.listeners().default_result_printer() == nullptr);
    CHECK(unit.listeners().Release(printer) == nullptr);
    unit.listeners().Append(recorder);
    const testing::MainRun quiet = run(real_registry(), {"--gtest_output=xml:gc_never.xml"}, &unit);
    CHECK(quiet.exit_code == 1);
    CHECK(quiet.out.empty());
    CHECK_FALSE(std::ifstream("gc_never.xml"));
    CHECK(events.front() == "program start");
    CHECK(events.back() == "program end failed");
    CHECK(std::count_if(events.begin(), events.end(),
                        [](const std::string& event) { return event.starts_with("start "); }) == 8);
    delete unit.listeners().Release(recorder);
    // Put them back for the tests that follow.
    unit.listeners().~TestEventListeners();
    new (&unit.listeners()) testing::TestEventListeners();
    delete printer;
    delete xml;
}

TEST_CASE("ctp's Listener hears each test's start on the test's thread, before its end") {
    class Starts final : public ctp::Listener {
    public:
        bool wants_test_start() const noexcept override { return true; }
        void on_test_start(const ctp::TestRecord& record) override {
            std::lock_guard lock(mutex);
            events.push_back("start " + std::string(record.name));
            threads[std::string(record.name)] = std::this_thread::get_id();
        }
        void on_test_end(const ctp::TestRecord& record) override {
            std::lock_guard lock(mutex);
            events.push_back("end " + std::string(record.name));
        }
        std::mutex mutex;
        std::vector<std::string> events;
        std::map<std::string, std::thread::id> threads;
    };
    std::mutex mutex;
    std::map<std::string, std::thread::id> body_threads;
    ctp::Registry registry;
    for (const char* name : {"a", "b", "c", "d"})
        registry.add("S", name, [&, name] {
            std::lock_guard lock(mutex);
            body_threads[name] = std::this_thread::get_id();
        });
    Starts serial;
    ctp::Options options;
    options.listener = &serial;
    ctp::run(registry, options);
    CHECK(serial.events ==
          std::vector<std::string>{"start a", "end a", "start b", "end b", "start c", "end c", "start d", "end d"});
    CHECK(serial.threads == body_threads);
    Starts pooled;
    options = testing::parallel(2);
    options.listener = &pooled;
    ctp::run(registry, options);
    CHECK(pooled.threads == body_threads);
    for (const char* name : {"a", "b", "c", "d"}) {
        const auto start = std::find(pooled.events.begin(), pooled.events.end(), std::string("start ") + name);
        const auto end = std::find(pooled.events.begin(), pooled.events.end(), std::string("end ") + name);
        CHECK(start < end);
        CHECK(end != pooled.events.end());
    }
    // A listener that does not ask for starts gets none.
    class Ends final : public ctp::Listener {
    public:
        void on_test_start(const ctp::TestRecord&) override { ++starts; }
        int starts = 0;
    } ends;
    options.listener = &ends;
    ctp::run(registry, options);
    CHECK(ends.starts == 0);
}
