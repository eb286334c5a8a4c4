#include "testing.hpp"

#include <cstdio>  // tmpfile, fileno, fread
#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <iostream>  // cout, cerr
#include <set>
#include <sstream>
#include <thread>  // this_thread::yield

#include <unistd.h>  // dup, dup2

namespace {

struct Live : ctp::LiveServerTestCase {};

ctp::Registry small_suite() {
    ctp::Registry registry;
    registry.add("Math", "adds", [] { CTP_CHECK(1 + 1 == 2); });
    registry.add("Math", "skips", [] { CTP_SKIP("not today"); });
    registry.add<Live>("Live", "serves", [](Live&) {});
    return registry;
}

ctp::Registry failing_suite() {
    ctp::Registry registry = small_suite();
    registry.add("Math", "fails", [] {
        int balance = 3;
        CTP_CHECK(balance == 0);
    });
    registry.add("Math", "throws", [] { throw 3.5; });
    return registry;
}

}  // namespace

TEST_CASE("a bad command line prints one line naming the argument, runs nothing, exits 2") {
    struct Case {
        std::vector<const char*> arguments;
        std::string message;
    };
    const std::vector<Case> cases{
        {{"--parallel", "0"}, "--parallel: invalid worker count '0'"},
        {{"--parallel", "-3"}, "--parallel: invalid worker count '-3'"},
        {{"--parallel", "x"}, "--parallel: invalid worker count 'x'"},
        {{"--parallel=9999999"}, "--parallel: invalid worker count '9999999'"},
        {{"--shuffle", "x"}, "--shuffle: invalid seed 'x'"},
        {{"--shuffle", "-1"}, "--shuffle: invalid seed '-1'"},
        // Counts past 32 bits, which a narrowing without a range check would wrap to 0 or 1.
        {{"--retries", "4294967296"}, "--retries: invalid count '4294967296'"},
        {{"--repeat", "4294967297"}, "--repeat: invalid count '4294967297'"},
        {{"--shard", "1/4294967297"}, "--shard: invalid shard '1/4294967297'"},
        {{"--frobnicate"}, "unknown option '--frobnicate'"},
        {{"stray"}, "unexpected argument 'stray'"},
        {{"-k"}, "-k: missing value"},
        {{"--verbosity"}, "--verbosity: missing value"},
        {{"--verbosity", "3"}, "--verbosity: invalid level '3'"},
        {{"--failfast=yes"}, "--failfast: takes no value, got 'yes'"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.message);
        bool ran = false;
        ctp::Registry registry;
        registry.add("Any", "test", [&] { ran = true; });
        std::vector<const char*> argv{"tests"};
        argv.insert(argv.end(), c.arguments.begin(), c.arguments.end());
        std::ostringstream out, err;
        CHECK(ctp::main(registry, static_cast<int>(argv.size()), argv.data(), out, err) == ctp::exit_usage);
        CHECK_FALSE(ran);
        CHECK(out.str().empty());
        const auto lines = testing::lines(err.str());
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].find("error: " + c.message) == 0);
        CHECK(lines[0].find("--help") != std::string::npos);
    }
}

TEST_CASE("--parallel accepts N, auto and a bare flag, taking CTP_TEST_THREADS when set") {
    auto workers = [](std::vector<const char*> arguments) {
        arguments.insert(arguments.begin(), "tests");
        return ctp::parse_command_line(static_cast<int>(arguments.size()), arguments.data()).options.parallel;
    };
    CHECK(workers({}) == 0);
    CHECK(workers({"--parallel", "3"}) == 3);
    CHECK(workers({"--parallel=5"}) == 5);
    ::setenv("CTP_TEST_THREADS", "6", 1);
    CHECK(workers({"--parallel"}) == 6);
    CHECK(workers({"--parallel", "auto"}) == 6);
    CHECK(workers({"--parallel", "-k", "x"}) == 6);
    ::setenv("CTP_TEST_THREADS", "zero", 1);
    CHECK_THROWS_WITH_AS(workers({"--parallel"}), doctest::Contains("CTP_TEST_THREADS: invalid worker count 'zero'"),
                         ctp::UsageError);
    ::unsetenv("CTP_TEST_THREADS");
    CHECK(workers({"--parallel"}) >= 1);
}

TEST_CASE("the other options land in ctp::Options") {
    const char* argv[] = {"tests", "-k", "Math", "-k", "*.b?", "--failfast", "--shuffle", "7", "--reverse", "-v"};
    const ctp::CommandLine line = ctp::parse_command_line(10, argv);
    CHECK(line.command == ctp::Command::run);
    CHECK(line.options.filters == std::vector<std::string>{"Math", "*.b?"});
    CHECK(line.options.failfast);
    CHECK(line.options.shuffle == std::optional<std::uint64_t>{7});
    CHECK(line.options.reverse);
    CHECK(line.options.verbosity == 2);
    const char* bare_shuffle[] = {"tests", "--shuffle", "--verbosity", "0"};
    const ctp::CommandLine random = ctp::parse_command_line(4, bare_shuffle);
    CHECK(random.options.shuffle.has_value());
    CHECK(random.options.verbosity == 0);
}

TEST_CASE("in --parallel mode the output starts with the count and a line per non-empty phase") {
    auto run = testing::run_main(small_suite(), {"--parallel", "4"});
    CHECK(run.exit_code == ctp::exit_success);
    auto lines = testing::lines(run.out);
    REQUIRE(lines.size() >= 3);
    CHECK(lines[0] == "Found 3 test(s).");
    CHECK(lines[1] == "Running 2 regular tests in parallel...");
    CHECK(lines[2] == "Running 1 WebSocket/Selenium test serially...");
    CHECK(lines.back() == "OK (skipped=1)");
    CHECK(lines[lines.size() - 3].find("Ran 3 tests in ") == 0);

    run = testing::run_main(small_suite(), {"--parallel", "4", "-k", "Live"});
    lines = testing::lines(run.out);
    CHECK(lines.at(0) == "Found 1 test(s).");
    CHECK(lines.at(1) == "Running 1 WebSocket/Selenium test serially...");

    run = testing::run_main(small_suite(), {});
    lines = testing::lines(run.out);
    CHECK(lines.at(0) == "Found 3 test(s).");
    CHECK(run.out.find("Running") == std::string::npos);
}

TEST_CASE("failures are listed in discovery order with file:line lines, then the unittest summary") {
    const auto run = testing::run_main(failing_suite(), {"--parallel", "2", "--reverse"});
    CHECK(run.exit_code == ctp::exit_failure);
    const auto fail = run.out.find("FAIL: Math.fails\n");
    const auto error = run.out.find("ERROR: Math.throws\n");
    REQUIRE(fail != std::string::npos);
    REQUIRE(error != std::string::npos);
    CHECK(fail < error);
    CHECK(run.out.find("test_cli.cpp:") != std::string::npos);
    CHECK(run.out.find(": error: CTP_CHECK(balance == 0) failed with 3 == 0\n") != std::string::npos);
    CHECK(run.out.find(": error: unexpected exception in test: an exception of type double\n") != std::string::npos);
    const auto lines = testing::lines(run.out);
    CHECK(lines.back() == "FAILED (failures=1, errors=1, skipped=1)");
    CHECK(lines[lines.size() - 3].find("Ran 5 tests in ") == 0);
}

TEST_CASE("the summary names only the non-zero counts") {
    ctp::Registry registry;
    registry.add("A", "fails", [] { CTP_FAIL("no"); });
    CHECK(testing::lines(testing::run_main(registry, {}).out).back() == "FAILED (failures=1)");
    registry.add("A", "throws", [] { throw std::runtime_error("x"); });
    CHECK(testing::lines(testing::run_main(registry, {}).out).back() == "FAILED (failures=1, errors=1)");
    ctp::Registry passing;
    passing.add("A", "passes", [] {});
    CHECK(testing::lines(testing::run_main(passing, {}).out).back() == "OK");
}

TEST_CASE("verbosity: 0 prints the summary only, 2 a line per test with its duration") {
    auto quiet = testing::run_main(failing_suite(), {"-q"});
    auto lines = testing::lines(quiet.out);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == std::string(70, '-'));
    CHECK(lines[1].find("Ran 5 tests in ") == 0);
    CHECK(lines[3] == "FAILED (failures=1, errors=1, skipped=1)");

    auto verbose = testing::run_main(failing_suite(), {"--verbosity", "2"});
    lines = testing::lines(verbose.out);
    REQUIRE(lines.size() > 6);
    CHECK(lines[1].find("Math.adds ... ok (") == 0);
    CHECK(lines[2].find("Math.skips ... skipped 'not today' (") == 0);
    CHECK(lines[3].find("Live.serves ... ok (") == 0);
    CHECK(lines[4].find("Math.fails ... FAIL (") == 0);
    CHECK(lines[5].find("Math.throws ... ERROR (") == 0);
    CHECK(lines[5].back() == ')');
}

TEST_CASE("--shuffle prints its seed; the seed reproduces the order") {
    auto first = testing::run_main(small_suite(), {"--shuffle", "1234", "-v"});
    const auto lines = testing::lines(first.out);
    CHECK(lines.at(1) == "Shuffled with seed 1234 (--shuffle 1234).");
    CHECK(testing::run_main(small_suite(), {"--shuffle", "1234", "-v"}).out.substr(0, 200).size() > 0);
    auto order = [](const std::string& out) {
        std::vector<std::string> names;
        for (const std::string& line : testing::lines(out))
            if (line.find(" ... ") != std::string::npos) names.push_back(line.substr(0, line.find(" ... ")));
        return names;
    };
    CHECK(order(first.out) == order(testing::run_main(small_suite(), {"--shuffle", "1234", "-v"}).out));
    auto random = testing::run_main(small_suite(), {"--shuffle"});
    CHECK(testing::lines(random.out).at(1).find("Shuffled with seed ") == 0);
    auto quiet = testing::run_main(small_suite(), {"--shuffle", "5", "-q"});
    CHECK(quiet.out.find("Shuffled with seed 5 (--shuffle 5).") == 0);
}

TEST_CASE("--failfast says how many tests were not run") {
    ctp::Registry registry;
    registry.add("A", "fails", [] { CTP_CHECK(false); });
    registry.add("A", "b", [] {});
    registry.add("A", "c", [] {});
    const auto run = testing::run_main(registry, {"--failfast"});
    CHECK(run.exit_code == ctp::exit_failure);
    CHECK(run.out.find("Not run: 2 tests (--failfast stopped the run).\n") != std::string::npos);
    CHECK(run.out.find("Ran 1 test in ") != std::string::npos);
}

TEST_CASE("exit codes: 0 passed, 1 failed, 5 when -k matches nothing") {
    CHECK(testing::run_main(small_suite(), {}).exit_code == 0);
    CHECK(testing::run_main(failing_suite(), {}).exit_code == 1);
    CHECK(testing::run_main(failing_suite(), {"-k", "adds"}).exit_code == 0);
    const auto none = testing::run_main(small_suite(), {"-k", "nothing", "-k", "Nope.*"});
    CHECK(none.exit_code == ctp::exit_no_tests);
    CHECK(none.exit_code == 5);
    CHECK(none.out.empty());
    CHECK(none.err == "error: no test matches -k 'nothing' -k 'Nope.*'\n");
    CHECK(testing::run_main(ctp::Registry{}, {}).exit_code == 0);
}

TEST_CASE("the options for misbehaving tests are parsed, and their bad values are usage errors") {
    const char* argv[] = {"tests", "--timeout", "2.5", "--retries", "2", "--repeat", "4", "--buffer", "--isolate"};
    const ctp::Options options = ctp::parse_command_line(9, argv).options;
    CHECK(options.timeout == 2.5);
    CHECK(options.retries == 2);
    CHECK(options.repeat == 4);
    CHECK(options.capture == ctp::CaptureMode::buffer);
    CHECK(options.isolate);
    ctp::Registry registry;
    for (auto arguments : {std::initializer_list<const char*>{"--timeout", "0"},
                           {"--timeout", "x"},
                           {"--timeout", "inf"},
                           {"--timeout", "nan"},
                           {"--timeout", "1e999"},
                           {"--repeat", "0"},
                           {"--retries", "-1"},
                           {"--buffer=1"}}) {
        const auto run = testing::run_main(registry, arguments);
        CHECK(run.exit_code == ctp::exit_usage);
        CHECK(testing::lines(run.err).size() == 1);
    }
}

TEST_CASE("--list prints each selected test with its phase and runs nothing") {
    bool ran = false;
    ctp::Registry registry = small_suite();
    registry.add("Math", "records", [&] { ran = true; });
    const auto run = testing::run_main(registry, {"--list"});
    CHECK(run.exit_code == 0);
    CHECK_FALSE(ran);
    CHECK(run.out == "Math.adds [parallel]\nMath.skips [parallel]\nLive.serves [serial]\nMath.records [parallel]\n");
    CHECK(testing::run_main(registry, {"--list", "-k", "Live"}).out == "Live.serves [serial]\n");
}

TEST_CASE("--help and --version print and exit 0") {
    const auto help = testing::run_main(small_suite(), {"--help"});
    CHECK(help.exit_code == 0);
    for (const char* flag : {"--parallel", "-k PATTERN", "--failfast", "--shuffle", "--reverse", "--list",
                             "--verbosity", "--version", "CTP_TEST_THREADS"})
        CHECK(help.out.find(flag) != std::string::npos);
    const auto version = testing::run_main(small_suite(), {"--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out == "ctp " CTP_VERSION_STRING "\n");
}

namespace {

// What was written to a temporary file's descriptor, for ctp's streams over descriptors.
class DescriptorFile {
public:
    DescriptorFile() : file_(std::tmpfile()) { REQUIRE(file_ != nullptr); }
    DescriptorFile(const DescriptorFile&) = delete;
    DescriptorFile& operator=(const DescriptorFile&) = delete;
    ~DescriptorFile() { std::fclose(file_); }

    int descriptor() const { return fileno(file_); }

    std::string text() const {
        std::string all;
        std::rewind(file_);
        char chunk[4096];
        for (std::size_t got; (got = std::fread(chunk, 1, sizeof chunk, file_)) > 0;) all.append(chunk, got);
        return all;
    }

private:
    std::FILE* file_;
};

}  // namespace

TEST_CASE("ctp::main's own output never reaches a test that points std::cout elsewhere") {
    // A test checks a program's output by swapping std::cout's buffer while other tests finish
    // on the other worker and the console reports them at verbosity 2.
    ctp::Registry registry;
    std::string seen, expected;
    registry.add("Redirect", "swaps_cout", [&] {
        std::stringstream captured;
        std::streambuf* original = std::cout.rdbuf(captured.rdbuf());
        for (int i = 0; i < 300; ++i) {
            std::cout << "line " << i << '\n';
            std::this_thread::yield();
        }
        std::cout.rdbuf(original);
        seen = captured.str();
    });
    for (int i = 0; i < 300; ++i) expected += "line " + std::to_string(i) + "\n";
    for (int i = 0; i < 200; ++i) registry.add("Other", "test_" + std::to_string(i), [] { std::this_thread::yield(); });
    DescriptorFile file;
    ctp::detail::DescriptorStream out(file.descriptor()), err(file.descriptor());
    const char* argv[] = {"tests", "--parallel", "2", "-v"};
    CHECK(ctp::main(registry, 4, argv, out, err) == ctp::exit_success);
    CHECK(seen == expected);
    const std::string report = file.text();
    CHECK(report.find("Redirect.swaps_cout ... ok") != std::string::npos);
    for (int i = 0; i < 200; ++i)
        CHECK(report.find("Other.test_" + std::to_string(i) + " ... ok") != std::string::npos);
    CHECK(report.find("line 0") == std::string::npos);
}

TEST_CASE("an assertion outside any test is reported on descriptor 2, not through std::cerr") {
    DescriptorFile file;
    std::ostringstream redirected;
    std::streambuf* original = std::cerr.rdbuf(redirected.rdbuf());
    const int saved = ::dup(2);
    REQUIRE(saved >= 0);
    ::dup2(file.descriptor(), 2);
    const int line = __LINE__ + 1;
    CTP_CHECK(1 + 1 == 3);
    ::dup2(saved, 2);
    ::close(saved);
    std::cerr.rdbuf(original);
    CHECK(redirected.str().empty());
    CHECK(file.text() == std::string(__FILE__) + ":" + std::to_string(line) +
                             ": error: CTP_CHECK(1 + 1 == 3) failed with 2 == 3 (an assertion outside any test)\n");
}

TEST_CASE("a descriptor stream keeps what it gets until flushed, and passes long writes straight on") {
    DescriptorFile file;
    ctp::detail::DescriptorStream out(file.descriptor());
    out << "held";
    CHECK(file.text().empty());
    out.flush();
    CHECK(file.text() == "held");
    const std::string long_text(10000, 'x');
    out << "a" << long_text;
    CHECK(file.text() == "helda" + long_text);
    out << 'b' << std::flush;
    CHECK(file.text() == "helda" + long_text + "b");
}

TEST_CASE("every option in the command-line table parses, shows in --help and is in the README's option tables") {
    std::set<std::string> table;
    const std::string help = ctp::help_text("tests");
    for (const ctp::detail::CommandLineOption& option : ctp::detail::command_line_options) {
        CAPTURE(option.name);
        for (std::string_view name : {option.name, option.short_name}) {
            if (name.empty()) continue;
            table.emplace(name);
            CHECK(help.find("  " + ctp::detail::option_usage(option)) != std::string::npos);
            // Known to the parser: whatever it says of a missing value, it is no unknown option.
            const std::string argument(name);
            const char* argv[] = {"tests", argument.c_str()};
            try {
                (void)ctp::parse_command_line(2, argv);
            } catch (const ctp::UsageError& error) {
                CHECK(std::string(error.what()).find("unknown option") == std::string::npos);
            }
        }
    }
    // The names in the first column of README.md's tables headed "| option |".
    std::ifstream readme(CTP_SOURCE_DIR "/README.md");
    REQUIRE(readme);
    std::set<std::string> documented;
    bool in_option_table = false;
    for (std::string line; std::getline(readme, line);) {
        if (!line.starts_with("|")) {
            in_option_table = false;
            continue;
        }
        if (line.starts_with("| option |")) {
            in_option_table = true;
            continue;
        }
        if (!in_option_table) continue;
        const std::string first_cell = line.substr(1, line.find(" |", 1));
        for (std::size_t open = first_cell.find('`'); open != std::string::npos;
             open = first_cell.find('`', open + 1)) {
            const std::size_t close = first_cell.find('`', open + 1);
            if (close == std::string::npos) break;
            const std::string code = first_cell.substr(open + 1, close - open - 1);
            if (code.starts_with("-")) documented.insert(code.substr(0, code.find(' ')));
            open = close;
        }
    }
    CHECK(documented == table);
    for (const std::string& name : table) CHECK_MESSAGE(documented.count(name) == 1, name << " is not in README.md");
    for (const std::string& name : documented) CHECK_MESSAGE(table.count(name) == 1, name << " is in README.md only");
}
