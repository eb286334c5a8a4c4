// The GoogleTest front end's test shapes: TEST, TEST_F, TEST_P, the typed tests and
// testing::Test's hooks, named, ordered and run as GoogleTest 1.12.1 does (the expected texts
// below are its own --gtest_list_tests output for the same declarations). The macros register
// into the global list under suites only this file uses; the tests copy them into private
// registries. The single-header build, which has no front ends, leaves this file out.
#define GTEST_DONT_DEFINE_FAIL 1
#include "testing.hpp"

#include <ctp/gtest.hpp>

#include <algorithm>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

namespace {

void journal(const std::string& event) { testing::note(event); }

void fail_fatally() { ctp::detail::report_failure(__FILE__, __LINE__, "fatal", 5, true); }
void fail() { ctp::detail::report_failure(__FILE__, __LINE__, "nonfatal", 8, false); }
void skip() { ctp::detail::report_skip("why", 3); }

std::vector<int> throwing_values() { throw std::runtime_error("no values"); }

}  // namespace

// ---- Names and order. The same declarations, compiled with GoogleTest 1.12.1, list as
// expected_list says.
TEST(ShapeFree, first) {}

class ShapeFixture : public ::testing::Test {
protected:
    int value = 7;
};

class ShapeSecret {
    FRIEND_TEST(ShapeFixture, reads_member);
    int secret = 7;
};

TEST_F(ShapeFixture, reads_member) {
    if (value != ShapeSecret().secret) fail();
}

TEST(ShapeFree, DISABLED_later) {}
TEST(DISABLED_ShapeOff, any) {}

class ShapeParam : public ::testing::TestWithParam<int> {};

TEST_P(ShapeParam, one) {}
INSTANTIATE_TEST_SUITE_P(Small, ShapeParam, ::testing::Values(1, 2));
TEST_P(ShapeParam, two) {}
INSTANTIATE_TEST_SUITE_P(, ShapeParam, ::testing::Range(10, 16, 5));
INSTANTIATE_TEST_SUITE_P(Named, ShapeParam, ::testing::ValuesIn(std::vector<int>{3, 4}),
                         [](const ::testing::TestParamInfo<int>& info) {
                             return "n" + std::to_string(info.param) + "_" + std::to_string(info.index);
                         });
INSTANTIATE_TEST_SUITE_P(Printed, ShapeParam, ::testing::Values(5), ::testing::PrintToStringParamName());

class ShapeTuple : public ::testing::TestWithParam<std::tuple<bool, int>> {};

TEST_P(ShapeTuple, combined) {}
INSTANTIATE_TEST_SUITE_P(All, ShapeTuple, ::testing::Combine(::testing::Bool(), ::testing::Values(1, 10)));

class ShapeText : public ::testing::TestWithParam<std::string> {};

TEST_P(ShapeText, text) {}
const std::string shape_texts[] = {"a", "b c"};
INSTANTIATE_TEST_SUITE_P(Texts, ShapeText, ::testing::ValuesIn(shape_texts));

struct ShapeBytes {
    int first;
    int second;
};

class ShapeObject : public ::testing::TestWithParam<ShapeBytes> {};

TEST_P(ShapeObject, bytes) {}
INSTANTIATE_TEST_SUITE_P(Objects, ShapeObject, ::testing::Values(ShapeBytes{1, 258}));

TEST(ShapeLate, after_parameterized) {}

template <class T>
class ShapeTyped : public ::testing::Test {
protected:
    T held{};
};

using ShapeTypes = ::testing::Types<int, std::string>;
TYPED_TEST_SUITE(ShapeTyped, ShapeTypes);

TYPED_TEST(ShapeTyped, holds) {
    const TypeParam copy = this->held;
    if (!(copy == TypeParam{})) fail();
    if (!std::is_same_v<TestFixture, ShapeTyped<TypeParam>>) fail();
}
TYPED_TEST(ShapeTyped, second) {}

struct ShapeTypeNames {
    template <class T>
    static std::string GetName(int index) {
        return std::is_same_v<T, int> ? "Int" : "Other" + std::to_string(index);
    }
};

template <class T>
class ShapeNamed : public ::testing::Test {};

TYPED_TEST_SUITE(ShapeNamed, ShapeTypes, ShapeTypeNames);
TYPED_TEST(ShapeNamed, named) {}

template <class T>
class ShapePattern : public ::testing::Test {};

TYPED_TEST_SUITE_P(ShapePattern);
TYPED_TEST_P(ShapePattern, alpha) {}
TYPED_TEST_P(ShapePattern, beta) {}
REGISTER_TYPED_TEST_SUITE_P(ShapePattern, beta, alpha);
INSTANTIATE_TYPED_TEST_SUITE_P(Ints, ShapePattern, int);
INSTANTIATE_TYPED_TEST_SUITE_P(Pair, ShapePattern, ShapeTypes, ShapeTypeNames);

namespace shape_space {
namespace {
class ShapeHidden : public ::testing::Test {};
TEST_F(ShapeHidden, in_anonymous_namespace) {}
}  // namespace
}  // namespace shape_space
// ---- end of the names and order

// ---- Hooks. Each suite is run alone; the journals are GoogleTest 1.12.1's for the same code.
class HooksBase : public ::testing::Test {
protected:
    HooksBase() { journal("constructor"); }
    ~HooksBase() override { journal("destructor"); }
    static void SetUpTestSuite() { journal("SetUpTestSuite"); }
    static void TearDownTestSuite() { journal("TearDownTestSuite"); }
    void SetUp() override { journal("SetUp"); }
    void TearDown() override { journal("TearDown"); }
};

class HooksPass : public HooksBase {};
TEST_F(HooksPass, first) { journal("first"); }
TEST_F(HooksPass, second) { journal("second"); }

class HooksSetUpFails : public HooksBase {
    void SetUp() override {
        HooksBase::SetUp();
        fail_fatally();
    }
};
TEST_F(HooksSetUpFails, body) { journal("body"); }

class HooksSetUpSkips : public HooksBase {
    void SetUp() override {
        HooksBase::SetUp();
        skip();
    }
};
TEST_F(HooksSetUpSkips, body) { journal("body"); }

class HooksSetUpThrows : public HooksBase {
    void SetUp() override {
        HooksBase::SetUp();
        throw std::runtime_error("boom");
    }
};
TEST_F(HooksSetUpThrows, body) { journal("body"); }

class HooksSetUpFailsNonFatally : public HooksBase {
    void SetUp() override {
        HooksBase::SetUp();
        fail();
    }
};
TEST_F(HooksSetUpFailsNonFatally, body) { journal("body"); }

class HooksBody : public HooksBase {};
TEST_F(HooksBody, fails) {
    fail_fatally();
    journal("fails");
}
TEST_F(HooksBody, throws) {
    journal("throws");
    throw 42;
}

class HooksTearDownThrows : public HooksBase {
    void TearDown() override {
        HooksBase::TearDown();
        throw std::logic_error("late");
    }
};
TEST_F(HooksTearDownThrows, body) { journal("body"); }

class HooksConstructorFails : public HooksBase {
protected:
    HooksConstructorFails() { fail_fatally(); }
};
TEST_F(HooksConstructorFails, body) { journal("body"); }

class HooksLegacy : public ::testing::Test {
protected:
    static void SetUpTestCase() { journal("SetUpTestCase"); }
    static void TearDownTestCase() { journal("TearDownTestCase"); }
};
TEST_F(HooksLegacy, body) { journal("body"); }

class HooksSuiteFails : public HooksBase {
protected:
    static void SetUpTestSuite() {
        journal("SetUpTestSuite");
        fail_fatally();
    }
};
TEST_F(HooksSuiteFails, body) { journal("body"); }

class HooksParam : public ::testing::TestWithParam<int> {
protected:
    HooksParam() : seen(GetParam()) {}
    static void SetUpTestSuite() { journal("SetUpTestSuite"); }
    int seen;
};
TEST_P(HooksParam, body) { journal("body " + std::to_string(seen) + " " + std::to_string(GetParam())); }
INSTANTIATE_TEST_SUITE_P(A, HooksParam, ::testing::Values(1, 2));
INSTANTIATE_TEST_SUITE_P(B, HooksParam, ::testing::Values(3));

TEST(HooksState, reports) {
    journal(std::string("start ") + (HasFailure() ? "failed" : "clean"));
    fail();
    journal(std::string(HasFailure() ? "failed" : "clean") + (HasFatalFailure() ? " fatally" : "") +
            (HasNonfatalFailure() ? " nonfatally" : ""));
    fail_fatally();
    journal(std::string(HasFatalFailure() ? "fatally" : "not fatally"));
    RecordProperty("key", "value");
    RecordProperty("count", 42);
}

TEST(HooksState, skips) {
    skip();
    journal(IsSkipped() ? "skipped" : "running");
}
// ---- end of the hooks

// ---- Mistakes, reported by a test of their own.
class ErrorsParam : public ::testing::TestWithParam<double> {};
TEST_P(ErrorsParam, named) {}
INSTANTIATE_TEST_SUITE_P(Invalid, ErrorsParam, ::testing::Values(1.5), ::testing::PrintToStringParamName());
INSTANTIATE_TEST_SUITE_P(Throws, ErrorsParam, ::testing::ValuesIn(throwing_values()));

// Two cases of one name are not declared here: ctp's duplicate check would stop every run of
// the global registry, which other self-tests make.

template <class T>
class ErrorsTyped : public ::testing::Test {};
TYPED_TEST_SUITE_P(ErrorsTyped);
TYPED_TEST_P(ErrorsTyped, listed) {}
TYPED_TEST_P(ErrorsTyped, forgotten) {}
REGISTER_TYPED_TEST_SUITE_P(ErrorsTyped, listed, listed);
INSTANTIATE_TYPED_TEST_SUITE_P(Ints, ErrorsTyped, int);
// ---- end of the mistakes

namespace {

// The global tests whose suites `selected` picks, in order.
template <class Selected>
ctp::Registry gtest_tests_where(Selected selected) {
    ctp::Registry registry;
    for (const ctp::detail::TestInfo* info = ctp::detail::global_tests().head; info != nullptr; info = info->next)
        if (selected(std::string_view(info->suite()))) registry.add(*info);
    return registry;
}

// The suites starting with `prefix`, also after a '/' or DISABLED_.
ctp::Registry gtest_tests(std::string_view prefix) {
    return gtest_tests_where([&](std::string_view suite) {
        return suite.starts_with(prefix) || suite.find("/" + std::string(prefix)) != std::string_view::npos ||
               suite.starts_with("DISABLED_" + std::string(prefix));
    });
}

// The suites of one fixture: `name`, "Prefix/name", "name/0", "Prefix/name/0".
ctp::Registry suite_tests(std::string_view name) {
    return gtest_tests_where([&](std::string_view suite) {
        const std::string own(name);
        return suite == name || suite.ends_with("/" + own) || suite.starts_with(own + "/") ||
               suite.find("/" + own + "/") != std::string_view::npos;
    });
}

// The registry in --gtest_list_tests' format: a suite's line carries a typed test's
// parameter, a test's line a value-parameterized test's.
std::string gtest_list(const ctp::Registry& registry) {
    std::string list, suite;
    for (const ctp::detail::TestInfo* info : registry.tests()) {
        const std::string_view parameter = info->parameter != nullptr ? info->parameter : "";
        const bool typed = parameter.starts_with("TypeParam = ");
        if (info->suite() != suite) {
            suite = info->suite();
            list += suite + ".";
            if (typed) list += "  # " + std::string(parameter);
            list += "\n";
        }
        list += "  " + std::string(info->name());
        if (!parameter.empty() && !typed) list += "  # " + std::string(parameter);
        list += "\n";
    }
    return list;
}

const char* const expected_list =
    "ShapeFree.\n"
    "  first\n"
    "  DISABLED_later\n"
    "ShapeFixture.\n"
    "  reads_member\n"
    "DISABLED_ShapeOff.\n"
    "  any\n"
    "ShapeLate.\n"
    "  after_parameterized\n"
    "ShapeTyped/0.  # TypeParam = int\n"
    "  holds\n"
    "  second\n"
    "ShapeTyped/1.  # TypeParam = std::basic_string<char, std::char_traits<char>, std::allocator<char> >\n"
    "  holds\n"
    "  second\n"
    "ShapeNamed/Int.  # TypeParam = int\n"
    "  named\n"
    "ShapeNamed/Other1.  # TypeParam = std::basic_string<char, std::char_traits<char>, std::allocator<char> >\n"
    "  named\n"
    "Ints/ShapePattern/0.  # TypeParam = int\n"
    "  beta\n"
    "  alpha\n"
    "Pair/ShapePattern/Int.  # TypeParam = int\n"
    "  beta\n"
    "  alpha\n"
    "Pair/ShapePattern/Other1.  # TypeParam = std::basic_string<char, std::char_traits<char>, std::allocator<char> >\n"
    "  beta\n"
    "  alpha\n"
    "ShapeHidden.\n"
    "  in_anonymous_namespace\n"
    "Small/ShapeParam.\n"
    "  one/0  # GetParam() = 1\n"
    "  one/1  # GetParam() = 2\n"
    "  two/0  # GetParam() = 1\n"
    "  two/1  # GetParam() = 2\n"
    "ShapeParam.\n"
    "  one/0  # GetParam() = 10\n"
    "  one/1  # GetParam() = 15\n"
    "  two/0  # GetParam() = 10\n"
    "  two/1  # GetParam() = 15\n"
    "Named/ShapeParam.\n"
    "  one/n3_0  # GetParam() = 3\n"
    "  one/n4_1  # GetParam() = 4\n"
    "  two/n3_0  # GetParam() = 3\n"
    "  two/n4_1  # GetParam() = 4\n"
    "Printed/ShapeParam.\n"
    "  one/5  # GetParam() = 5\n"
    "  two/5  # GetParam() = 5\n"
    "All/ShapeTuple.\n"
    "  combined/0  # GetParam() = (false, 1)\n"
    "  combined/1  # GetParam() = (false, 10)\n"
    "  combined/2  # GetParam() = (true, 1)\n"
    "  combined/3  # GetParam() = (true, 10)\n"
    "Texts/ShapeText.\n"
    "  text/0  # GetParam() = \"a\"\n"
    "  text/1  # GetParam() = \"b c\"\n"
    "Objects/ShapeObject.\n"
    "  bytes/0  # GetParam() = 8-byte object <01-00 00-00 02-01 00-00>\n";

// The journal of running one fixture's suites, and the result.
std::pair<std::vector<std::string>, ctp::Result> run_suites(std::string_view prefix, const ctp::Options& options = {}) {
    testing::take_journal();
    ctp::Result result = ctp::run(suite_tests(prefix), options);
    return {testing::take_journal(), std::move(result)};
}

using Journal = std::vector<std::string>;

}  // namespace

TEST_CASE("GoogleTest shapes are named, ordered and parameterized as GoogleTest lists them") {
    CHECK(gtest_list(gtest_tests("Shape")) == expected_list);
}

// Serially, on two threads, and in forked workers (where the platform has them).
std::vector<ctp::Options> every_mode() {
    std::vector<ctp::Options> modes{ctp::Options{}, testing::parallel(2)};
#if defined(CTP_DETAIL_HAS_ISOLATE)
    modes.push_back(testing::parallel(2));
    modes.back().isolate = true;
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)
    return modes;
}

TEST_CASE("GoogleTest shapes run serially, in parallel and isolated with the same outcomes") {
    for (const ctp::Options& options : every_mode()) {
        CAPTURE(options.parallel);
        CAPTURE(options.isolate);
        const ctp::Result result = ctp::run(gtest_tests("Shape"), options);
        CHECK(result.tests.size() == 39);
        CHECK(result.passed == 37);
        CHECK(result.failed == 0);
        CHECK(result.skipped == 2);
        CHECK(testing::record(result, "ShapeFree.DISABLED_later").skip_reason == "disabled");
        CHECK(testing::record(result, "DISABLED_ShapeOff.any").skip_reason == "disabled");
        CHECK(testing::record(result, "ShapeTyped/1.holds").outcome == ctp::Outcome::passed);
        CHECK(testing::record(result, "ShapeTyped/1.holds").parameter ==
              "TypeParam = std::basic_string<char, std::char_traits<char>, std::allocator<char> >");
        CHECK(testing::record(result, "All/ShapeTuple.combined/2").parameter == "GetParam() = (true, 1)");

        const ctp::Result hooks = ctp::run(gtest_tests("Hooks"), options);
        CHECK(hooks.passed == 6);
        CHECK(hooks.failed == 8);
        CHECK(hooks.skipped == 2);
        CHECK(testing::record(hooks, "HooksSetUpThrows.body").failures.at(0).message ==
              "C++ exception with description \"boom\" thrown in SetUp().");
        CHECK(testing::record(hooks, "HooksState.reports").properties.size() == 2);
    }
}

TEST_CASE("DISABLED_ tests are skipped as disabled, and run with --run-skipped") {
    CHECK(ctp::detail::gtest::is_disabled("DISABLED_Suite", "name"));
    CHECK(ctp::detail::gtest::is_disabled("Suite", "DISABLED_name"));
    CHECK(ctp::detail::gtest::is_disabled("Prefix/DISABLED_Suite", "name/0"));
    CHECK_FALSE(ctp::detail::gtest::is_disabled("Suite_DISABLED_", "name"));
    CHECK_FALSE(ctp::detail::gtest::is_disabled("Suite", "name_DISABLED_x"));
    ctp::Options options;
    options.run_skipped = true;
    const ctp::Result result = ctp::run(gtest_tests("Shape"), options);
    CHECK(result.passed == 39);
}

TEST_CASE("SetUp and TearDown wrap each test; the suite hooks run once around the suite") {
    const auto [journal, result] = run_suites("HooksPass");
    CHECK(journal == Journal{"SetUpTestSuite", "constructor", "SetUp", "first", "TearDown", "destructor", "constructor",
                             "SetUp", "second", "TearDown", "destructor", "TearDownTestSuite"});
    CHECK(result.passed == 2);
}

TEST_CASE("a fatal failure, a skip or an exception in SetUp skips the body; TearDown runs") {
    const Journal without_body{"SetUpTestSuite", "constructor", "SetUp", "TearDown", "destructor", "TearDownTestSuite"};
    {
        const auto [journal, result] = run_suites("HooksSetUpFails");
        CHECK(journal == without_body);
        CHECK(testing::record(result, "HooksSetUpFails.body").outcome == ctp::Outcome::failed);
    }
    {
        const auto [journal, result] = run_suites("HooksSetUpSkips");
        CHECK(journal == without_body);
        CHECK(testing::record(result, "HooksSetUpSkips.body").outcome == ctp::Outcome::skipped);
        CHECK(testing::record(result, "HooksSetUpSkips.body").skip_reason == "why");
    }
    {
        const auto [journal, result] = run_suites("HooksSetUpThrows");
        CHECK(journal == without_body);
        const ctp::TestRecord& record = testing::record(result, "HooksSetUpThrows.body");
        CHECK(record.outcome == ctp::Outcome::failed);
        REQUIRE(record.failures.size() == 1);
        CHECK(record.failures[0].message == "C++ exception with description \"boom\" thrown in SetUp().");
    }
    {
        const auto [journal, result] = run_suites("HooksSetUpFailsNonFatally");
        CHECK(journal ==
              Journal{"SetUpTestSuite", "constructor", "SetUp", "body", "TearDown", "destructor", "TearDownTestSuite"});
        CHECK(testing::record(result, "HooksSetUpFailsNonFatally.body").outcome == ctp::Outcome::failed);
    }
}

TEST_CASE("a fatal failure in the constructor leaves out SetUp, the body and TearDown") {
    const auto [journal, result] = run_suites("HooksConstructorFails");
    CHECK(journal == Journal{"SetUpTestSuite", "constructor", "destructor", "TearDownTestSuite"});
    CHECK(testing::record(result, "HooksConstructorFails.body").outcome == ctp::Outcome::failed);
}

TEST_CASE("TearDown runs after a failing or throwing body; a throwing TearDown fails the test") {
    {
        const auto [journal, result] = run_suites("HooksBody");
        CHECK(journal == Journal{"SetUpTestSuite", "constructor", "SetUp", "fails", "TearDown", "destructor",
                                 "constructor", "SetUp", "throws", "TearDown", "destructor", "TearDownTestSuite"});
        const ctp::TestRecord& thrown = testing::record(result, "HooksBody.throws");
        CHECK(thrown.outcome == ctp::Outcome::failed);
        REQUIRE(thrown.failures.size() == 1);
        CHECK(thrown.failures[0].message == "Unknown C++ exception thrown in the test body.");
    }
    {
        const auto [journal, result] = run_suites("HooksTearDownThrows");
        CHECK(journal ==
              Journal{"SetUpTestSuite", "constructor", "SetUp", "body", "TearDown", "destructor", "TearDownTestSuite"});
        const ctp::TestRecord& record = testing::record(result, "HooksTearDownThrows.body");
        REQUIRE(record.failures.size() == 1);
        CHECK(record.failures[0].message == "C++ exception with description \"late\" thrown in TearDown().");
    }
}

TEST_CASE("the legacy SetUpTestCase and TearDownTestCase are the suite hooks too") {
    const auto [journal, result] = run_suites("HooksLegacy");
    CHECK(journal == Journal{"SetUpTestCase", "body", "TearDownTestCase"});
}

TEST_CASE("a failing SetUpTestSuite: the tests do not run, TearDownTestSuite does") {
    const auto [journal, result] = run_suites("HooksSuiteFails");
    CHECK(journal == Journal{"SetUpTestSuite", "TearDownTestSuite"});
    CHECK(testing::record(result, "HooksSuiteFails.body").outcome != ctp::Outcome::passed);
}

TEST_CASE("each instantiation is a suite of its own; GetParam() works in the constructor") {
    for (unsigned workers : {0u, 2u}) {
        CAPTURE(workers);
        auto [journal, result] = run_suites("HooksParam", testing::parallel(workers));
        // Two suites may run at once: each one's events keep their order.
        std::vector<std::string> sorted = journal;
        std::sort(sorted.begin(), sorted.end());
        CHECK(sorted == Journal{"SetUpTestSuite", "SetUpTestSuite", "body 1 1", "body 2 2", "body 3 3"});
        CHECK(result.passed == 3);
        if (workers == 0)
            CHECK(journal == Journal{"SetUpTestSuite", "body 1 1", "body 2 2", "SetUpTestSuite", "body 3 3"});
    }
}

TEST_CASE("a test's state, properties and skip") {
    const auto [journal, result] = run_suites("HooksState");
    CHECK(journal == Journal{"start clean", "failed nonfatally", "fatally", "skipped"});
    const ctp::TestRecord& reports = testing::record(result, "HooksState.reports");
    CHECK(reports.outcome == ctp::Outcome::failed);
    REQUIRE(reports.properties.size() == 2);
    CHECK(reports.properties[0].key == "key");
    CHECK(reports.properties[0].value == "value");
    CHECK(reports.properties[1].key == "count");
    CHECK(reports.properties[1].value == "42");
    CHECK(testing::record(result, "HooksState.skips").outcome == ctp::Outcome::skipped);
}

TEST_CASE("mistaken names and lists are reported by failing tests that name them") {
    const auto [journal, result] = run_suites("ErrorsTyped");
    const std::string file = __FILE__;
    CHECK(testing::names(result) ==
          std::vector<std::string>{"ErrorsTyped.REGISTER_TYPED_TEST_SUITE_P", "Ints/ErrorsTyped/0.listed"});
    const ctp::TestRecord& listing = testing::record(result, "ErrorsTyped.REGISTER_TYPED_TEST_SUITE_P");
    REQUIRE(listing.failures.size() == 1);
    const std::string& message = listing.failures[0].message;
    CHECK(
        message.starts_with("REGISTER_TYPED_TEST_SUITE_P(ErrorsTyped, listed, listed):\n"
                            "  listed is listed more than once\n"
                            "  TYPED_TEST_P(ErrorsTyped, forgotten) at "));
    CHECK(message.find(file) != std::string::npos);
    CHECK(message.ends_with(" is not listed"));

    const ctp::Result param_result = run_suites("ErrorsParam").second;
    CHECK(testing::names(param_result) ==
          std::vector<std::string>{"Invalid/ErrorsParam.named/1.5", "Throws/ErrorsParam.named"});
    CHECK(param_result.failed == 2);
    const auto message_of = [&](const char* name) {
        return testing::record(param_result, name).failures.at(0).message;
    };
    CHECK(message_of("Invalid/ErrorsParam.named/1.5")
              .starts_with("the parameterized test name '1.5' made by INSTANTIATE_TEST_SUITE_P(Invalid, "
                           "ErrorsParam, ...) at "));
    CHECK(
        message_of("Invalid/ErrorsParam.named/1.5").ends_with(" is invalid: a name has only letters, digits and '_'"));
    CHECK(testing::record(param_result, "Invalid/ErrorsParam.named/1.5").parameter == "GetParam() = 1.5");
    CHECK(message_of("Throws/ErrorsParam.named") ==
          "the generator of INSTANTIATE_TEST_SUITE_P(Throws, ErrorsParam, ...) threw std::runtime_error: no values");
}

namespace {

bool environments_active = false;
bool environment_fails = false;

class JournaledEnvironment : public ::testing::Environment {
public:
    explicit JournaledEnvironment(std::string name) : name_(std::move(name)) {}
    void SetUp() override {
        if (!environments_active) return;
        journal(name_ + " SetUp");
        if (environment_fails && name_ == "first") fail_fatally();
    }
    void TearDown() override {
        if (environments_active) journal(name_ + " TearDown");
    }

private:
    std::string name_;
};

::testing::Environment* const first_environment =
    ::testing::AddGlobalTestEnvironment(new JournaledEnvironment("first"));
::testing::Environment* const second_environment =
    ::testing::AddGlobalTestEnvironment(new JournaledEnvironment("second"));

}  // namespace

TEST_CASE("environments are set up in the order added and torn down in reverse") {
    CHECK(first_environment != second_environment);
    environments_active = true;
    testing::take_journal();
    ctp::TestRecord record;
    CHECK(ctp::detail::gtest::set_up_environments(record));
    ctp::detail::gtest::tear_down_environments(record);
    CHECK(testing::take_journal() == Journal{"first SetUp", "second SetUp", "second TearDown", "first TearDown"});
    CHECK(record.failures.empty());

    environment_fails = true;
    ctp::TestRecord failed;
    CHECK_FALSE(ctp::detail::gtest::set_up_environments(failed));
    CHECK(testing::take_journal() == Journal{"first SetUp", "second SetUp"});
    REQUIRE(failed.failures.size() == 1);
    CHECK(failed.failures[0].message == "fatal");
    environment_fails = false;
    environments_active = false;
}
