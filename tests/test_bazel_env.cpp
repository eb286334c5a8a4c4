// Bazel's test protocol as ctp honours it: TESTBRIDGE_TEST_ONLY (--test_filter),
// TEST_PREMATURE_EXIT_FILE, TEST_UNDECLARED_OUTPUTS_DIR and TEST_TMPDIR. The sharding
// variables and XML_OUTPUT_FILE are checked in tests/reports/check_reports.py.
#include "testing.hpp"

#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>  // getpid, readlink

namespace {

ctp::Registry named_suite() {
    ctp::Registry registry;
    for (const char* suite : {"Math", "Text"})
        for (const char* name : {"adds", "adds_more", "joins"})
            registry.add(suite, name, [suite, name] { testing::note(std::string(suite) + "." + name); });
    return registry;
}

std::vector<std::string> ran_with_filter(const char* filter, std::initializer_list<const char*> arguments = {}) {
    const ctp::ScopedEnv bridge("TESTBRIDGE_TEST_ONLY", filter);
    testing::take_journal();
    const testing::MainRun run = testing::run_main(named_suite(), arguments);
    CHECK(run.exit_code == ctp::exit_success);
    return testing::take_journal();
}

// A directory of its own under the system's temporary directory, removed at the end.
struct Scratch {
    explicit Scratch(const std::string& name)
        : path(std::filesystem::temp_directory_path() / ("ctp-bazel-env-" + std::to_string(::getpid()) + "-" + name)) {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~Scratch() { std::filesystem::remove_all(path); }
    std::filesystem::path path;
};

}  // namespace

TEST_CASE("TESTBRIDGE_TEST_ONLY selects tests with GoogleTest's filter syntax") {
    using names = std::vector<std::string>;
    CHECK(ran_with_filter("Math.adds") == names{"Math.adds"});
    CHECK(ran_with_filter("Math.adds:Text.*") == names{"Math.adds", "Text.adds", "Text.adds_more", "Text.joins"});
    CHECK(ran_with_filter("*.adds*-Text.*") == names{"Math.adds", "Math.adds_more"});
    CHECK(ran_with_filter("-*.adds*:Math.joins") == names{"Text.joins"});
    CHECK(ran_with_filter("Math.a?ds") == names{"Math.adds"});
    CHECK(ran_with_filter("") ==
          names{"Math.adds", "Math.adds_more", "Math.joins", "Text.adds", "Text.adds_more", "Text.joins"});
}

TEST_CASE("a selection on the command line wins over TESTBRIDGE_TEST_ONLY") {
    using names = std::vector<std::string>;
    CHECK(ran_with_filter("Text.joins", {"-k", "Math.adds"}) == names{"Math.adds", "Math.adds_more"});
    CHECK(ran_with_filter("Text.joins", {"--exclude", "Math"}) == names{"Text.adds", "Text.adds_more", "Text.joins"});
}

TEST_CASE("TESTBRIDGE_TEST_ONLY that matches nothing is the usual no-match error") {
    const ctp::ScopedEnv bridge("TESTBRIDGE_TEST_ONLY", "Nothing.here");
    const testing::MainRun run = testing::run_main(named_suite(), {});
    CHECK(run.exit_code == ctp::exit_no_tests);
    CHECK(run.err == "error: no test matches -k 'Nothing.here'\n");
}

TEST_CASE("TEST_PREMATURE_EXIT_FILE exists while the tests run and goes when the run ends") {
    const Scratch scratch("premature");
    const std::string marker = (scratch.path / "premature_exit").string();
    const ctp::ScopedEnv premature("TEST_PREMATURE_EXIT_FILE", marker);
    for (const bool fails : {false, true}) {
        CAPTURE(fails);
        bool existed = false;
        ctp::Registry registry;
        registry.add("Run", "looks", [&] {
            existed = std::filesystem::exists(marker);
            CTP_CHECK(!fails);
        });
        const testing::MainRun run = testing::run_main(registry, {});
        CHECK(run.exit_code == (fails ? ctp::exit_failure : ctp::exit_success));
        CHECK(existed);
        CHECK_FALSE(std::filesystem::exists(marker));
    }
    ctp::Registry registry;
    registry.add("Run", "looks", [] {});
    CHECK(testing::run_main(registry, {"--list"}).exit_code == ctp::exit_success);
    CHECK_FALSE(std::filesystem::exists(marker));
}

TEST_CASE("under TEST_UNDECLARED_OUTPUTS_DIR relative report paths resolve there, absolute ones stay") {
    const Scratch outputs("outputs"), elsewhere("elsewhere");
    const ctp::ScopedEnv directory("TEST_UNDECLARED_OUTPUTS_DIR", outputs.path.string());
    ctp::Registry registry;
    registry.add("Run", "passes", [] {});
    const std::string absolute = (elsewhere.path / "trace.json").string();
    const testing::MainRun run = testing::run_main(registry, {"--trace", "trace.json", "--timeline", "timeline.html",
                                                              "--json", "sub.json", "--junit-xml", "junit.xml"});
    CHECK(run.exit_code == ctp::exit_success);
    for (const char* name : {"trace.json", "timeline.html", "sub.json", "junit.xml"}) {
        CAPTURE(name);
        CHECK(std::filesystem::file_size(outputs.path / name) > 0);
    }
    CHECK(testing::run_main(registry, {"--trace", absolute.c_str()}).exit_code == ctp::exit_success);
    CHECK(std::filesystem::file_size(absolute) > 0);
    CHECK_FALSE(std::filesystem::exists(outputs.path / absolute.substr(1)));
}

TEST_CASE("temporary files go to TEST_TMPDIR, else TMPDIR, else /tmp") {
    {
        const ctp::ScopedEnv test_tmpdir("TEST_TMPDIR", "/bazel/tmp");
        const ctp::ScopedEnv tmpdir("TMPDIR", "/other/tmp");
        CHECK(ctp::detail::temp_directory() == "/bazel/tmp");
    }
    {
        const ctp::ScopedEnv test_tmpdir("TEST_TMPDIR", "");
        const ctp::ScopedEnv tmpdir("TMPDIR", "/other/tmp");
        CHECK(ctp::detail::temp_directory() == "/other/tmp");
    }
    const ctp::ScopedEnv test_tmpdir("TEST_TMPDIR", nullptr);
    const ctp::ScopedEnv tmpdir("TMPDIR", nullptr);
    CHECK(ctp::detail::temp_directory() == "/tmp");
}

TEST_CASE("with --isolate a test's output is captured in a file under TEST_TMPDIR") {
    const Scratch scratch("tmpdir");
    const std::string prefix = (scratch.path / "ctp-output-").string();
    const ctp::ScopedEnv test_tmpdir("TEST_TMPDIR", scratch.path.string());
    ctp::Registry registry;
    registry.add("Isolated", "writes", [prefix] {
        char target[4096] = {};
        const ssize_t size = ::readlink("/proc/self/fd/1", target, sizeof target - 1);
        CTP_REQUIRE(size > 0);
        const std::string path(target, static_cast<std::size_t>(size));
        CTP_CHECK(path.rfind(prefix, 0) == 0);
        CTP_CHECK(path.find(" (deleted)") != std::string::npos);
    });
    const testing::MainRun run = testing::run_main(registry, {"--isolate", "--buffer"});
    CHECK(run.exit_code == ctp::exit_success);
    CHECK(std::filesystem::is_empty(scratch.path));
}
