// The macros register into the global registry; these tests run that registry through
// ctp::run with a -k filter on suites that only this file uses.
#include "testing.hpp"

#include <atomic>

namespace {

std::atomic<int> macro_hooks{0};

struct MacroFixture : ctp::TestCase {
    static void set_up_class() { macro_hooks += 100; }
    static void tear_down_class() { macro_hooks += 1000; }
    void set_up() override { value = 41; }
    int value = 0;
};

struct MacroLive : ctp::ChannelsLiveServerTestCase {};

}  // namespace

constexpr int first_line = __LINE__ + 1;
CTP_TEST(RegistryMacros, free_passes) { CTP_CHECK(2 + 2 == 4); }
CTP_TEST(RegistryMacros, free_fails) { CTP_CHECK(2 + 2 == 5); }
CTP_TEST_F(MacroFixture, uses_set_up) { CTP_REQUIRE(++value == 42); }
CTP_TEST_F(MacroFixture, second) { CTP_CHECK(value == 41); }
CTP_TEST_F(MacroLive, runs_serially) { CTP_SKIP("nothing to serve"); }

TEST_CASE("CTP_TEST and CTP_TEST_F register in discovery order with names, files and lines") {
    std::vector<std::string> found;
    for (const ctp::detail::TestInfo* info : ctp::Registry::global().tests())
        if (std::string(info->file).find("test_registry.cpp") != std::string::npos)
            found.push_back(std::string(info->suite()) + "." + info->name() + ":" + std::to_string(info->line));
    auto at = [](const char* name, int offset) { return name + (":" + std::to_string(first_line + offset)); };
    CHECK(found == std::vector<std::string>{at("RegistryMacros.free_passes", 0), at("RegistryMacros.free_fails", 1),
                                            at("MacroFixture.uses_set_up", 2), at("MacroFixture.second", 3),
                                            at("MacroLive.runs_serially", 4)});
}

TEST_CASE("the global registry runs like a private one") {
    ctp::Options options;
    options.parallel = 2;
    options.filters = {"RegistryMacros.*", "MacroFixture.*", "MacroLive.*"};
    const ctp::Result result = ctp::run(options);
    CHECK(testing::names(result) == std::vector<std::string>{"RegistryMacros.free_passes", "RegistryMacros.free_fails",
                                                             "MacroFixture.uses_set_up", "MacroFixture.second",
                                                             "MacroLive.runs_serially"});
    CHECK(testing::record(result, "RegistryMacros.free_fails").failures.at(0).message ==
          "CTP_CHECK(2 + 2 == 5) failed with 4 == 5");
    CHECK(testing::record(result, "MacroFixture.uses_set_up").outcome == ctp::Outcome::passed);
    CHECK(testing::record(result, "MacroFixture.second").outcome == ctp::Outcome::passed);
    const auto& live = testing::record(result, "MacroLive.runs_serially");
    CHECK(live.phase == ctp::Phase::serial);
    CHECK(live.outcome == ctp::Outcome::skipped);
    CHECK(macro_hooks == 1100);
    CHECK(result.failed == 1);
}

TEST_CASE("a private registry keeps the order of add and the caller's source location") {
    ctp::Registry registry;
    const int line = __LINE__ + 1;
    registry.add("B", "first", [] {});
    registry.add("A", "second", [] {});
    REQUIRE(registry.size() == 2);
    CHECK(std::string(registry.tests()[0]->suite()) == "B");
    CHECK(registry.tests()[0]->line == line);
    CHECK(std::string(registry.tests()[1]->file).find("test_registry.cpp") != std::string::npos);
    ctp::Registry moved = std::move(registry);
    CHECK(testing::names(ctp::run(moved, {})) == std::vector<std::string>{"B.first", "A.second"});
}

TEST_CASE("a Result's records keep their names after the private registry is gone") {
    const ctp::Result result = [] {
        ctp::Registry registry;
        std::string suite = "Temporary";
        registry.add(suite, std::string(40, 'n'), [] {});
        suite.assign(suite.size(), 'x');
        return ctp::run(registry, {});
    }();
    REQUIRE(result.tests.size() == 1);
    CHECK(result.tests[0].suite == "Temporary");
    CHECK(result.tests[0].name == std::string(40, 'n'));
    CHECK(result.tests[0].file.ends_with("test_registry.cpp"));
}

TEST_CASE("tests registered under one full name twice refuse the run and name both places") {
    ctp::Registry registry;
    int bodies = 0;
    const int line = __LINE__ + 1;
    registry.add("Dup", "same", [&] { ++bodies; });
    registry.add("Dup", "other", [&] { ++bodies; });
    registry.add("Dup", "same", [&] { ++bodies; });
    registry.add("Dup.x", "y", [&] { ++bodies; });
    registry.add("Dup", "x.y", [&] { ++bodies; });
    const ctp::Result result = ctp::run(registry, {});
    CHECK(bodies == 0);
    CHECK(result.ran() == 0);
    CHECK_FALSE(result.successful());
    CHECK_FALSE(result.no_tests_matched());
    REQUIRE(result.duplicates.size() == 2);
    CHECK(result.duplicates[0].name == "Dup.same");
    CHECK(result.duplicates[0].first_file.ends_with("test_registry.cpp"));
    CHECK(result.duplicates[0].first_line == line);
    CHECK(result.duplicates[0].file == result.duplicates[0].first_file);
    CHECK(result.duplicates[0].line == line + 2);
    CHECK(result.duplicates[1].name == "Dup.x.y");
    CHECK(result.duplicates[1].first_line == line + 3);
    CHECK(result.duplicates[1].line == line + 4);

    const std::string file = result.duplicates[0].file;
    auto at = [&](int offset) { return file + ":" + std::to_string(line + offset); };
    for (const char* command : {"-q", "--list"}) {
        const testing::MainRun run = testing::run_main(registry, {command});
        CHECK(run.exit_code == ctp::exit_usage);
        CHECK(run.out.empty());
        CHECK(run.err == "error: two tests are named Dup.same: " + at(0) + " and " + at(2) + "\n" +
                             "error: two tests are named Dup.x.y: " + at(3) + " and " + at(4) + "\n");
    }
    // Even a filter that selects neither of them: each CTest test would run both bodies.
    CHECK(testing::run_main(registry, {"-k", "Dup.other"}).exit_code == ctp::exit_usage);
    CHECK(bodies == 0);
}

TEST_CASE("one name in different suites, or a suite's name in another test's, is no duplicate") {
    ctp::Registry registry;
    registry.add("A", "same", [] {});
    registry.add("B", "same", [] {});
    registry.add("A.same", "more", [] {});
    registry.add("A", "sam", [] {});
    const ctp::Result result = ctp::run(registry, {});
    CHECK(result.duplicates.empty());
    CHECK(result.ran() == 4);
    CHECK(result.successful());
}
