// Parameterized and typed tests, and tests registered from code. The macros register into the
// global registry, under suites only this file uses; the tests below run them through
// ctp::run and ctp::main with -k filters, or copy them into a private registry.
#define CTP_PARAMETERIZED_API
#include "testing.hpp"

#include <atomic>
#include <map>
#include <stdexcept>

namespace {

using testing::note;
using testing::take_journal;

std::vector<int> throwing_values() { throw std::runtime_error("boom"); }

std::atomic<int> class_hooks{0};

struct Accounts : ctp::TestCase {
    static void set_up_class() { class_hooks += 1; }
    static void tear_down_class() { class_hooks += 100; }
    void set_up() override { balance = 10; }
    int balance = 0;
};

template <class T>
struct Holder : ctp::TestCase {
    static inline const ctp::Decorators decorators{ctp::tags("holder")};
    static void set_up_class() { note("set_up_class"); }
    void set_up() override { held = T{}; }
    T held{1};
};

struct Tagged : ctp::TestCase {};

}  // namespace

constexpr int first_line = __LINE__ + 1;
CTP_TEST_P(ParamValues, doubles, ctp::values(1, 2, 3)) {
    note("doubles " + std::to_string(param));
    CTP_CHECK(param * 2 != 4);
}
CTP_TEST_P(ParamValues, texts, ctp::values("a", "b c")) { note(std::string("texts ") + param); }
CTP_TEST_P(ParamValues, strings, (std::vector<std::string>{"x", "y\n"})) { note("strings " + param); }
CTP_TEST_P(ParamRange, ints, ctp::range(0, 10, 3)) { note("ints " + std::to_string(param)); }
CTP_TEST_P(ParamRange, down, ctp::range(3, 0, -1)) { note("down " + std::to_string(param)); }
CTP_TEST_P(ParamRange, halves, ctp::range(0.0, 1.5, 0.5)) { note("halves " + std::to_string(param)); }
CTP_TEST_P(ParamRange, zero_step, ctp::range(0, 1, 0)) {}
CTP_TEST_P(ParamCombine, pairs, ctp::combine(ctp::values(1, 2), ctp::values(std::string("a"), std::string("b")))) {
    auto [number, text] = param;
    note("pairs " + std::to_string(number) + text);
}
CTP_TEST_P(ParamErrors, throws, throwing_values()) {}
CTP_TEST_P(ParamErrors, empty, std::vector<int>{}) {}
CTP_TEST_P(ParamDecorated, serial, ctp::values(1, 2), ctp::serial(), ctp::description("each")) {}
CTP_TEST_FP(Accounts, deposit, ctp::values(5, 20)) {
    balance += param;
    CTP_CHECK(balance < 20);
}

CTP_TEST_T(Typed, sizes, int, double, std::string, std::map<int, int>) { note(std::to_string(sizeof(TestType) > 0)); }
CTP_TEST_T(Typed, decorated, (ctp::tags("typed"), ctp::description("typed")), char, long) {}
CTP_TEST_FT(Holder, holds, int, std::string) {
    note("holds");
    CTP_CHECK(this->held == TestType{});
}

constexpr int code_line = __LINE__ + 3;
static const bool registered_from_code = [] {
    for (const std::string size : {"small", "large size"})
        ctp::register_test("FromCode", "fills " + size, [size] { note("fills " + size); });
    ctp::register_test<Accounts>(std::string("FromCode"), "with fixture",
                                 [](Accounts& accounts) { CTP_CHECK(accounts.balance == 10); });
    ctp::register_test(
        "FromCode", "decorated", [] {}, ctp::description("from code"), ctp::tags("code"));
    return true;
}();

namespace {

ctp::Result run_filtered(std::vector<std::string> filters, unsigned parallel = 0) {
    ctp::Options options;
    options.filters = std::move(filters);
    options.parallel = parallel;
    return ctp::run(options);
}

std::vector<std::string> shown_names(const ctp::Result& result) {
    std::vector<std::string> names;
    for (const ctp::TestRecord& record : result.tests) names.push_back(record.shown_name());
    return names;
}

const ctp::detail::TestInfo& info_of(const std::string& full_name) {
    for (const ctp::detail::TestInfo* info : ctp::Registry::global().tests())
        if (ctp::detail::full_name(*info) == full_name) return *info;
    throw std::runtime_error("no test " + full_name);
}

// The global tests whose full names start with `prefix`, in a private registry.
ctp::Registry registry_of(const std::string& prefix) {
    ctp::Registry registry;
    for (const ctp::detail::TestInfo* info : ctp::Registry::global().tests())
        if (ctp::detail::full_name(*info).rfind(prefix, 0) == 0) registry.add(*info);
    return registry;
}

}  // namespace

TEST_CASE("each value is a test, named with its index and shown with its printed value") {
    for (unsigned parallel : {0u, 2u}) {
        CAPTURE(parallel);
        take_journal();
        const ctp::Result result = run_filtered({"ParamValues.*", "ParamRange.*", "ParamCombine.*"}, parallel);
        CHECK(shown_names(result) == std::vector<std::string>{"ParamValues.doubles/0 [1]",
                                                              "ParamValues.doubles/1 [2]",
                                                              "ParamValues.doubles/2 [3]",
                                                              "ParamValues.texts/0 [\"a\"]",
                                                              "ParamValues.texts/1 [\"b c\"]",
                                                              "ParamValues.strings/0 [\"x\"]",
                                                              "ParamValues.strings/1 [\"y\\n\"]",
                                                              "ParamRange.ints/0 [0]",
                                                              "ParamRange.ints/1 [3]",
                                                              "ParamRange.ints/2 [6]",
                                                              "ParamRange.ints/3 [9]",
                                                              "ParamRange.down/0 [3]",
                                                              "ParamRange.down/1 [2]",
                                                              "ParamRange.down/2 [1]",
                                                              "ParamRange.halves/0 [0]",
                                                              "ParamRange.halves/1 [0.5]",
                                                              "ParamRange.halves/2 [1]",
                                                              "ParamRange.zero_step",
                                                              "ParamCombine.pairs/0 [{1, \"a\"}]",
                                                              "ParamCombine.pairs/1 [{1, \"b\"}]",
                                                              "ParamCombine.pairs/2 [{2, \"a\"}]",
                                                              "ParamCombine.pairs/3 [{2, \"b\"}]"});
        const ctp::TestRecord& doubles = testing::record(result, "ParamValues.doubles/1");
        CHECK(doubles.name == "doubles/1");
        CHECK(doubles.parameter == "2");
        CHECK(doubles.line == first_line);
        CHECK(doubles.outcome == ctp::Outcome::failed);
        CHECK(doubles.failures.at(0).message == "CTP_CHECK(param * 2 != 4) failed with 4 != 4");
        CHECK(testing::record(result, "ParamValues.doubles/0").outcome == ctp::Outcome::passed);
        std::vector<std::string> values = take_journal();
        std::sort(values.begin(), values.end());
        CHECK(values == std::vector<std::string>{"doubles 1",       "doubles 2", "doubles 3",       "down 1",
                                                 "down 2",          "down 3",    "halves 0.000000", "halves 0.500000",
                                                 "halves 1.000000", "ints 0",    "ints 3",          "ints 6",
                                                 "ints 9",          "pairs 1a",  "pairs 1b",        "pairs 2a",
                                                 "pairs 2b",        "strings x", "strings y\n",     "texts a",
                                                 "texts b c"});
        const ctp::TestRecord& zero = testing::record(result, "ParamRange.zero_step");
        CHECK(zero.outcome == ctp::Outcome::error);
        CHECK(zero.failures.at(0).message ==
              "parameters of ParamRange.zero_step threw const char*: ctp::range: the step is 0");
    }
}

TEST_CASE("parameters that throw make one error; an empty range one skipped test; the others run") {
    for (unsigned parallel : {0u, 2u}) {
        CAPTURE(parallel);
        const ctp::Result result = run_filtered({"ParamErrors.*", "ParamValues.doubles/0"}, parallel);
        CHECK(testing::names(result) ==
              std::vector<std::string>{"ParamValues.doubles/0", "ParamErrors.throws", "ParamErrors.empty"});
        const ctp::TestRecord& thrown = testing::record(result, "ParamErrors.throws");
        CHECK(thrown.outcome == ctp::Outcome::error);
        REQUIRE(thrown.failures.size() == 1);
        CHECK(thrown.failures[0].message == "parameters of ParamErrors.throws threw std::runtime_error: boom");
        CHECK(thrown.failures[0].file.find("test_parameterized.cpp") != std::string::npos);
        CHECK(thrown.parameter.empty());
        const ctp::TestRecord& empty = testing::record(result, "ParamErrors.empty");
        CHECK(empty.outcome == ctp::Outcome::skipped);
        CHECK(empty.skip_reason == "no parameters");
        CHECK(testing::record(result, "ParamValues.doubles/0").outcome == ctp::Outcome::passed);
        CHECK(result.errors == 1);
        CHECK(result.skipped == 1);
    }
}

TEST_CASE("-k matches the shown name, value included") {
    CHECK(testing::names(run_filtered({"[\"b c\"]"})) == std::vector<std::string>{"ParamValues.texts/1"});
    CHECK(testing::names(run_filtered({"ParamRange.ints/* [6]"})) == std::vector<std::string>{"ParamRange.ints/2"});
    CHECK(testing::names(run_filtered({"ParamCombine.pairs/* [{2, *"})) ==
          std::vector<std::string>{"ParamCombine.pairs/2", "ParamCombine.pairs/3"});
    ctp::Options exact;
    exact.exact = true;
    exact.filters = {"ParamValues.doubles/2 [3]"};
    CHECK(testing::names(ctp::run(exact)) == std::vector<std::string>{"ParamValues.doubles/2"});
    // The full name alone, as ctp_discover_tests gives it from --list --format json.
    exact.filters = {"ParamValues.doubles/1"};
    CHECK(testing::names(ctp::run(exact)) == std::vector<std::string>{"ParamValues.doubles/1"});
    exact.filters = {"ParamValues.doubles/1 [3]"};
    CHECK(ctp::run(exact).no_tests_matched());
}

TEST_CASE("a free case is a unit of its own; a fixture's cases share its class and its hooks") {
    const ctp::detail::TestInfo& free_case = info_of("ParamValues.doubles/0");
    CHECK(free_case.fixture == nullptr);
    CHECK(std::string(free_case.parameter) == "1");
    CHECK(info_of("ParamValues.doubles/1").data != free_case.data);
    CHECK(info_of("Accounts.deposit/0").fixture == &ctp::detail::fixture_info<Accounts>);
    CHECK(info_of("Accounts.deposit/1").fixture == &ctp::detail::fixture_info<Accounts>);
    CHECK(info_of("Accounts.deposit/1").line == first_line + 17);
    for (unsigned parallel : {0u, 2u}) {
        CAPTURE(parallel);
        class_hooks = 0;
        const ctp::Result result = run_filtered({"Accounts.deposit*"}, parallel);
        CHECK(shown_names(result) == std::vector<std::string>{"Accounts.deposit/0 [5]", "Accounts.deposit/1 [20]"});
        CHECK(testing::record(result, "Accounts.deposit/0").outcome == ctp::Outcome::passed);
        CHECK(testing::record(result, "Accounts.deposit/1").failures.at(0).message ==
              "CTP_CHECK(balance < 20) failed with 30 < 20");
        CHECK(class_hooks == 101);
    }
    const ctp::detail::Plan plan = ctp::detail::make_plan(registry_of("ParamValues.doubles"), {});
    CHECK(plan.units.size() == 3);
    CHECK(ctp::detail::make_plan(registry_of("Accounts.deposit"), {}).units.size() == 1);
}

TEST_CASE("decorators apply to every case") {
    const ctp::Result result = run_filtered({"ParamDecorated.*"}, 2);
    REQUIRE(result.tests.size() == 2);
    for (const ctp::TestRecord& record : result.tests) CHECK(record.description == "each");
    for (const char* name : {"ParamDecorated.serial/0", "ParamDecorated.serial/1"})
        CHECK(ctp::detail::serial_decorated(info_of(name)));
}

TEST_CASE("the options work on cases: shuffle, reverse, shard, repeat, retries, failfast, isolate") {
    const ctp::Registry registry = registry_of("ParamRange.ints");
    const auto listed = [&](std::initializer_list<const char*> arguments) {
        std::vector<const char*> all{"--list"};
        all.insert(all.end(), arguments.begin(), arguments.end());
        std::vector<std::string> lines;
        std::vector<const char*> argv{"tests"};
        argv.insert(argv.end(), all.begin(), all.end());
        std::ostringstream out, err;
        ctp::main(registry, static_cast<int>(argv.size()), argv.data(), out, err);
        std::istringstream text(out.str());
        for (std::string line; std::getline(text, line);) lines.push_back(line);
        return lines;
    };
    CHECK(listed({}) == std::vector<std::string>{"ParamRange.ints/0 [0] [parallel]", "ParamRange.ints/1 [3] [parallel]",
                                                 "ParamRange.ints/2 [6] [parallel]",
                                                 "ParamRange.ints/3 [9] [parallel]"});
    const auto order = [&](const ctp::Options& options) {
        const ctp::detail::Plan plan = ctp::detail::make_plan(registry, options);
        std::vector<std::string> names;
        for (const ctp::detail::Unit& unit : plan.units)
            for (std::size_t index : unit.tests) names.push_back(ctp::detail::shown_name(*plan.tests[index]));
        return names;
    };
    ctp::Options reversed;
    reversed.reverse = true;
    CHECK(order(reversed) == std::vector<std::string>{"ParamRange.ints/3 [9]", "ParamRange.ints/2 [6]",
                                                      "ParamRange.ints/1 [3]", "ParamRange.ints/0 [0]"});
    ctp::Options shuffled;
    shuffled.shuffle = 7;
    std::vector<std::string> once = order(shuffled);
    CHECK(once == order(shuffled));
    std::sort(once.begin(), once.end());
    CHECK(once == order({}));
    // The shards of the four cases, by their full names, make up all four.
    std::size_t sharded = listed({"--shard", "1/2"}).size() + listed({"--shard", "2/2"}).size();
    CHECK(sharded == 4);
    const ctp::Registry doubles = registry_of("ParamValues.doubles");
    for (const char* mode : {"--parallel=2", "--isolate"}) {
        CAPTURE(mode);
        testing::MainRun repeated = testing::run_main(doubles, {mode, "--repeat", "2", "--retries", "1", "-v"});
        CHECK(repeated.exit_code == 1);
        CHECK(repeated.out.find("ParamValues.doubles/2 [3] ... ok") != std::string::npos);
        CHECK(repeated.out.find("FAIL: ParamValues.doubles/1 [2] (--repeat run 2) (2 attempts)") != std::string::npos);
        // One worker, so that no other case is in flight when the failure stops the run.
        const char* one_worker = std::string_view(mode) == "--isolate" ? "--isolate" : "--parallel=1";
        testing::MainRun failfast = testing::run_main(doubles, {one_worker, "--failfast", "--reporter", "tap"});
        CHECK(failfast.out.find("not ok 2 - ParamValues.doubles/1 [2]") != std::string::npos);
        CHECK(failfast.out.find("ParamValues.doubles/2 [3]") == std::string::npos);
    }
}

TEST_CASE("--list json, the JSON report and JUnit carry the value") {
    const ctp::Registry registry = registry_of("ParamValues.texts");
    testing::MainRun listed = testing::run_main(registry, {"--list", "--format", "json"});
    CHECK(listed.out.find("{\"name\": \"ParamValues.texts/1\", \"parameter\": \"\\\"b c\\\"\", \"suite\": ") !=
          std::string::npos);
    const ctp::Result result = ctp::run(registry, {});
    std::ostringstream json, junit;
    ctp::write_json_report(json, result, {});
    CHECK(json.str().find(
              "\"name\": \"texts/0\", \"full_name\": \"ParamValues.texts/0\", \"parameter\": \"\\\"a\\\"\"") !=
          std::string::npos);
    ctp::write_junit_xml(junit, result, {});
    CHECK(junit.str().find("<testcase name=\"texts/1 [&quot;b c&quot;]\" classname=\"ParamValues\"") !=
          std::string::npos);
}

TEST_CASE("duplicates among cases: indices keep them apart") {
    ctp::Registry registry = registry_of("ParamValues.doubles");
    CHECK(ctp::detail::find_duplicates(registry).empty());
    registry.add(info_of("ParamValues.doubles/1"));
    const std::vector<ctp::DuplicateTest> duplicates = ctp::detail::find_duplicates(registry);
    REQUIRE(duplicates.size() == 1);
    CHECK(duplicates[0].name == "ParamValues.doubles/1");
}

TEST_CASE("each type is a test named with the type as written") {
    for (unsigned parallel : {0u, 2u}) {
        CAPTURE(parallel);
        const ctp::Result result = run_filtered({"Typed.*"}, parallel);
        CHECK(testing::names(result) == std::vector<std::string>{"Typed.sizes<int>", "Typed.sizes<double>",
                                                                 "Typed.sizes<std::string>",
                                                                 "Typed.sizes<std::map<int, int>>",
                                                                 "Typed.decorated<char>", "Typed.decorated<long>"});
        CHECK(result.passed == 6);
        for (const char* name : {"Typed.decorated<char>", "Typed.decorated<long>"}) {
            CHECK(testing::record(result, name).description == "typed");
            CHECK(testing::record(result, name).tags == std::vector<std::string_view>{"typed"});
        }
        CHECK(testing::record(result, "Typed.sizes<int>").parameter.empty());
    }
    CHECK(testing::names(run_filtered({"<std::map<int, int>>"})) ==
          std::vector<std::string>{"Typed.sizes<std::map<int, int>>"});
    CHECK(info_of("Typed.sizes<int>").fixture == nullptr);
}

TEST_CASE("a typed fixture test runs in a fresh Fixture<TestType>, a class per type") {
    CHECK(info_of("Holder.holds<int>").fixture == &ctp::detail::fixture_info<Holder<int>>);
    CHECK(info_of("Holder.holds<std::string>").fixture == &ctp::detail::fixture_info<Holder<std::string>>);
    for (unsigned parallel : {0u, 2u}) {
        CAPTURE(parallel);
        take_journal();
        const ctp::Result result = run_filtered({"Holder.*"}, parallel);
        CHECK(testing::names(result) == std::vector<std::string>{"Holder.holds<int>", "Holder.holds<std::string>"});
        CHECK(result.passed == 2);
        std::vector<std::string> events = take_journal();
        CHECK(std::count(events.begin(), events.end(), "set_up_class") == 2);
        CHECK(std::count(events.begin(), events.end(), "holds") == 2);
        CHECK(testing::record(result, "Holder.holds<std::string>").tags == std::vector<std::string_view>{"holder"});
    }
}

TEST_CASE("ctp::register_test adds tests with computed names to the global registry") {
    CHECK(info_of("FromCode.fills small").line == code_line);
    CHECK(std::string(info_of("FromCode.fills small").file).find("test_parameterized.cpp") != std::string::npos);
    for (unsigned parallel : {0u, 2u}) {
        CAPTURE(parallel);
        take_journal();
        const ctp::Result result = run_filtered({"FromCode.*"}, parallel);
        CHECK(testing::names(result) == std::vector<std::string>{"FromCode.fills small", "FromCode.fills large size",
                                                                 "FromCode.with fixture", "FromCode.decorated"});
        CHECK(result.passed == 4);
        std::vector<std::string> events = take_journal();
        std::sort(events.begin(), events.end());
        CHECK(events == std::vector<std::string>{"fills large size", "fills small"});
        CHECK(testing::record(result, "FromCode.decorated").description == "from code");
        CHECK(testing::record(result, "FromCode.decorated").tags == std::vector<std::string_view>{"code"});
    }
    CHECK(info_of("FromCode.with fixture").fixture == &ctp::detail::fixture_info<Accounts>);
}

TEST_CASE("ctp::range covers integers and floating point, half-open, either way") {
    const auto all = [](const auto& range) {
        std::vector<double> values;
        for (auto value : range) values.push_back(static_cast<double>(value));
        return values;
    };
    CHECK(all(ctp::range(0, 5)) == std::vector<double>{0, 1, 2, 3, 4});
    CHECK(all(ctp::range(0, 6, 2)) == std::vector<double>{0, 2, 4});
    CHECK(all(ctp::range(5, 5)).empty());
    CHECK(all(ctp::range(5, 0)).empty());
    CHECK(all(ctp::range(5, 0, -2)) == std::vector<double>{5, 3, 1});
    CHECK(all(ctp::range(0.0, 0.3, 0.1)) == std::vector<double>{0.0, 0.1, 0.2});
    CHECK(all(ctp::range(1.0, 0.0, -0.25)) == std::vector<double>{1.0, 0.75, 0.5, 0.25});
    CHECK(all(ctp::range(0u, 3u)) == std::vector<double>{0, 1, 2});
    CHECK(ctp::range(0, 100000).size() == 100000);
    std::vector<std::tuple<int, char>> product;
    for (const auto& item : ctp::combine(ctp::range(0, 2), std::vector<char>{'a', 'b', 'c'})) product.push_back(item);
    CHECK(product == std::vector<std::tuple<int, char>>{{0, 'a'}, {0, 'b'}, {0, 'c'}, {1, 'a'}, {1, 'b'}, {1, 'c'}});
    int count = 0;
    for (const auto& item : ctp::combine(ctp::values(1, 2), std::vector<int>{}, ctp::values(3))) {
        static_cast<void>(item);
        ++count;
    }
    CHECK(count == 0);
}
