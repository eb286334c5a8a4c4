#ifndef CTP_GTEST_TEST_HPP
#define CTP_GTEST_TEST_HPP

// GoogleTest's testing::Test, TEST, TEST_F and testing::Environment on ctp's runner. A test
// runs GoogleTest's way: the fixture is made, SetUp runs, the body runs unless SetUp failed
// fatally or skipped, TearDown runs whatever happened, then the fixture is destroyed; an
// exception at any step is a fatal failure named as GoogleTest names it. The fixture's
// SetUpTestSuite/TearDownTestSuite are ctp's class hooks. Out-of-line half:
// test_implementation.hpp.

#include <string>
#include <string_view>

#include "../decorators.hpp"
#include "../fixture.hpp"
#include "../front_end.hpp"
#include "../test_info.hpp"

namespace ctp {
struct TestRecord;
}  // namespace ctp

namespace testing {
class Test;
}  // namespace testing

namespace ctp::detail::gtest {

// One generated test class: made when `test` is null, else its body run on `test`.
using TestStep = testing::Test* (*)(testing::Test* test);

// Out of line. One test, GoogleTest's way (the file and line of what it reports are `info`'s).
void run_test(const TestInfo& info, TestStep step);
// Chains `info` to the global tests in GoogleTest's order: after the last test of its suite,
// a new suite after the others, value-parameterized suites after all the rest.
bool enlist(TestInfo& info) noexcept;
// GoogleTest's rule: a suite or test name starting with DISABLED_, or with a part after a
// '/' that does (Prefix/DISABLED_Suite). Such a test is skipped with the reason "disabled"
// unless --run-skipped (--gtest_also_run_disabled_tests).
bool is_disabled(std::string_view suite, std::string_view name) noexcept;
// For the program's main, around the run: every testing::Environment's SetUp in the order
// added, their failures into `record`. False after a fatal failure or a skip there, when
// GoogleTest runs no test (the environments are torn down all the same).
bool set_up_environments(TestRecord& record);
// Their TearDown in the reverse order, failures into `record`.
void tear_down_environments(TestRecord& record);
// A class hook of GoogleTest's: `hook` guarded, an exception reported as thrown in `where`;
// returns whether the hook left no failure.
bool run_suite_hook(void (*hook)(), const char* where);

constexpr bool disabled_part(const char* text) {
    constexpr char prefix[] = "DISABLED_";
    for (bool at_start = true; *text != '\0'; ++text) {
        if (at_start) {
            unsigned i = 0;
            while (prefix[i] != '\0' && text[i] == prefix[i]) ++i;
            if (prefix[i] == '\0') return true;
        }
        at_start = *text == '/';
    }
    return false;
}

inline constexpr Decorations disabled_decorations{.skip = "disabled"};

constexpr const Decorations* decorations_for(const char* suite, const char* name) {
    return disabled_part(suite) || disabled_part(name) ? &disabled_decorations : nullptr;
}

template <class T>
testing::Test* step(testing::Test* test);

template <class T>
void run(const TestInfo& info, TestCase*) {
    run_test(info, &step<T>);
}

// The hooks are reached from a class derived from the fixture, so that they may be protected.
// Only one of the two names is declared by a fixture; testing::Test's other one does nothing.
template <class Fixture>
struct SuiteHooks : Fixture {
    static void set_up_suite() {
        Fixture::SetUpTestSuite();
        Fixture::SetUpTestCase();
    }
    static void tear_down_suite() {
        Fixture::TearDownTestSuite();
        Fixture::TearDownTestCase();
    }
    // GoogleTest runs TearDownTestSuite after a failed SetUpTestSuite; ctp's runner does not.
    static void set_up_class() {
        if (!run_suite_hook(&set_up_suite, "SetUpTestSuite()")) run_suite_hook(&tear_down_suite, "TearDownTestSuite()");
    }
    static void tear_down_class() { run_suite_hook(&tear_down_suite, "TearDownTestSuite()"); }
};

template <class Fixture>
constexpr FixtureInfo suite_info() {
    return {&SuiteHooks<Fixture>::set_up_class,
            &SuiteHooks<Fixture>::tear_down_class,
            is_serial_fixture_v<Fixture>,
            0,
            nullptr,
            nullptr,
            nullptr};
}

// One per fixture class: its tests are one unit of ctp's, its suite hooks run once.
template <class Fixture>
inline constexpr FixtureInfo fixture_info = suite_info<Fixture>();

struct Access;

}  // namespace ctp::detail::gtest

namespace testing {

class Test : public ::ctp::TestCase {
public:
    ~Test() override;

    // A fixture hides these with its own (public or protected); the legacy *TestCase names too.
    static void SetUpTestSuite() {}
    static void TearDownTestSuite() {}
    static void SetUpTestCase() {}
    static void TearDownTestCase() {}

    // The running test's state so far.
    static bool HasFatalFailure() { return ::ctp::detail::test_has_fatal_failure(); }
    static bool HasNonfatalFailure() {
        return ::ctp::detail::test_has_failure() && !::ctp::detail::test_has_fatal_failure();
    }
    static bool HasFailure() { return ::ctp::detail::test_has_failure(); }
    static bool IsSkipped() { return ::ctp::detail::test_is_skipped(); }

    // Kept in the running test's record (the XML and JSON reports' properties).
    static void RecordProperty(const std::string& key, const std::string& value);
    static void RecordProperty(const std::string& key, int value);

protected:
    Test() = default;
    virtual void SetUp() {}
    virtual void TearDown() {}

private:
    friend struct ::ctp::detail::gtest::Access;
    // A GoogleTest fixture used with CTP_TEST_F or ctp::register_test gets its hooks there too.
    void set_up() override;
    void tear_down() override;
};

// Set up before the first test and torn down after the last, in the order added (torn down in
// reverse).
class Environment {
public:
    virtual ~Environment();
    virtual void SetUp() {}
    virtual void TearDown() {}
};

// Takes ownership; returns `environment`.
Environment* AddGlobalTestEnvironment(Environment* environment);

}  // namespace testing

namespace ctp::detail::gtest {

template <class T>
testing::Test* step(testing::Test* test) {
    if (test == nullptr) return new T();
    static_cast<T*>(test)->TestBody();
    return nullptr;
}

}  // namespace ctp::detail::gtest

// The test class GoogleTest would declare (FRIEND_TEST names it), its registration and the
// start of its body.
#define CTP_GTEST_DETAIL_TEST(suite, name, parent, fixture)                    \
    static_assert(sizeof(#suite) > 1, "test suite name must not be empty");    \
    static_assert(sizeof(#name) > 1, "test name must not be empty");           \
    class suite##_##name##_Test : public parent {                              \
    public:                                                                    \
        void TestBody();                                                       \
    };                                                                         \
    static ::ctp::detail::TestInfo ctp_gtest_info_##suite##_##name{            \
        #suite "\0" #name,                                                     \
        __FILE__,                                                              \
        __LINE__,                                                              \
        sizeof(#suite),                                                        \
        fixture,                                                               \
        nullptr,                                                               \
        &::ctp::detail::gtest::run<suite##_##name##_Test>,                     \
        nullptr,                                                               \
        ::ctp::detail::gtest::decorations_for(#suite, #name),                  \
        nullptr,                                                               \
        nullptr};                                                              \
    [[maybe_unused]] static const bool ctp_gtest_registered_##suite##_##name = \
        ::ctp::detail::gtest::enlist(ctp_gtest_info_##suite##_##name);         \
    void suite##_##name##_Test::TestBody()

#define GTEST_TEST(suite, name) CTP_GTEST_DETAIL_TEST(suite, name, ::testing::Test, nullptr)

#if !GTEST_DONT_DEFINE_TEST
#define TEST(suite, name) GTEST_TEST(suite, name)
#endif  // !GTEST_DONT_DEFINE_TEST

#define GTEST_TEST_F(fixture, name)                                       \
    static_assert(::std::is_base_of_v<::testing::Test, fixture>,          \
                  "TEST_F: " #fixture " must derive from testing::Test"); \
    CTP_GTEST_DETAIL_TEST(fixture, name, fixture, &::ctp::detail::gtest::fixture_info<fixture>)

#if !GTEST_DONT_DEFINE_TEST_F
#define TEST_F(fixture, name) GTEST_TEST_F(fixture, name)
#endif  // !GTEST_DONT_DEFINE_TEST_F

// What <gtest/gtest_prod.h> gives production code: the test's class as a friend.
#define FRIEND_TEST(suite, name) friend class suite##_##name##_Test

#endif  // CTP_GTEST_TEST_HPP
