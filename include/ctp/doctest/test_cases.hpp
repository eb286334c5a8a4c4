#ifndef CTP_DOCTEST_TEST_CASES_HPP
#define CTP_DOCTEST_TEST_CASES_HPP

// doctest's test cases, suites, decorators, templates and subcases, registered as ctp tests.
// Names are computed at start-up ("name * decorators" is an expression), so each test is
// registered by an out-of-line call (doctest/implementation.hpp) from a static initialiser.

#include <cstddef>  // size_t

#include "../logging.hpp"  // ContextEntry, innermost_context
#include "../value_printer.hpp"

namespace doctest {

namespace detail {

// What a TEST_SUITE's or a test case's decorators say; a test case starts from its suite's.
struct TestSuite {
    const char* m_test_suite = "";
    const char* m_description = nullptr;
    bool m_skip = false;
    bool m_no_breaks = false;
    bool m_no_output = false;
    bool m_may_fail = false;
    bool m_should_fail = false;
    bool m_serial = false;
    int m_expected_failures = 0;
    double m_timeout = 0;

    TestSuite& operator*(const char* name) {
        m_test_suite = name;
        return *this;
    }
    template <class Decorator>
    TestSuite& operator*(const Decorator& decorator) {
        decorator.fill(*this);
        return *this;
    }
};

using funcType = void (*)();

struct TestCase : TestSuite {
    funcType m_test;
    const char* m_file;
    int m_line;
    const char* m_name = "";
    const char* m_type = nullptr;  // a template's type as __PRETTY_FUNCTION__ prints it
    int m_template_id = -1;

    TestCase(funcType test, const char* file, int line, const TestSuite& suite, const char* type = nullptr,
             int template_id = -1)
        : TestSuite(suite),
          m_test(test),
          m_file(file),
          m_line(line),
          m_type(type),
          m_template_id(template_id) {}

    TestCase& operator*(const char* name) {
        m_name = name;
        return *this;
    }
    template <class Decorator>
    TestCase& operator*(const Decorator& decorator) {
        decorator.fill(static_cast<TestSuite&>(*this));
        return *this;
    }
};

// Out of line: registers the test with ctp (the global registry) and doctest's own list.
int regTest(const TestCase& test_case);
// TEST_SUITE_BEGIN/END: the suite of the test cases that follow in the file.
int setTestSuite(const TestSuite& suite);

// A type's name as doctest prints it in a template test's name: what the compiler's
// __PRETTY_FUNCTION__ says after "T = ".
template <class T>
const char* type_name() {
    return __PRETTY_FUNCTION__;
}

template <class... Types, class Get>
int register_types(TestCase test_case, Get get) {
    int index = 0;
    ((test_case.m_test = get.template operator()<Types>(), test_case.m_type = type_name<Types>(),
      test_case.m_template_id = index++, regTest(test_case)),
     ...);
    return 0;
}

// Out of line: doctest's traversal of subcases (each entry of the body goes down one new
// path; a subcase met again by a loop in the same path is entered again).
bool enter_subcase(const char* name, std::size_t size, const char* file, int line);
void leave_subcase();
// The subcase at `depth` (from 1) for a failure's context lines: "subcase: name".
void print_subcase(ctp::detail::Sink& sink, unsigned depth);
unsigned subcase_depth() noexcept;

class Subcase : ctp::detail::ContextEntry {
public:
    template <class Name>
    Subcase(const Name& name, const char* file, int line)
        : ContextEntry{&print, ctp::detail::innermost_context, false},
          entered_(enter(name, file, line)),
          depth_(subcase_depth()) {
        if (entered_) ctp::detail::innermost_context = this;
    }
    Subcase(const Subcase&) = delete;
    Subcase& operator=(const Subcase&) = delete;
    ~Subcase() {
        if (!entered_) return;
        ctp::detail::innermost_context = outer;
        if (ctp::detail::exception_in_flight()) [[unlikely]]
            ctp::detail::keep_unwound_context(*this);
        leave_subcase();
    }
    explicit operator bool() const noexcept { return entered_; }

private:
    template <class Name>
    static bool enter(const Name& name, const char* file, int line) {
        if constexpr (requires { name.c_str(); }) {
            return enter_subcase(name.c_str(), ctp::detail::text_length(name.c_str()), file, line);
        } else {
            const char* text = name;
            return enter_subcase(text, text != nullptr ? ctp::detail::text_length(text) : 0, file, line);
        }
    }
    static void print(ctp::detail::Sink& sink, const ContextEntry& entry) {
        print_subcase(sink, static_cast<const Subcase&>(entry).depth_);
    }

    bool entered_;
    unsigned depth_;
};

}  // namespace detail

// Decorators, written after a name with `*`: TEST_CASE("parses" * doctest::skip()).
#define CTP_DOCTEST_DECORATOR(name, type, field, default_value)                    \
    struct name {                                                                  \
        type value;                                                                \
        constexpr name(type in = default_value) : value(in) {}                     \
        void fill(detail::TestSuite& decorated) const { decorated.field = value; } \
    }
CTP_DOCTEST_DECORATOR(test_suite, const char*, m_test_suite, "");
CTP_DOCTEST_DECORATOR(description, const char*, m_description, "");
CTP_DOCTEST_DECORATOR(skip, bool, m_skip, true);
CTP_DOCTEST_DECORATOR(no_breaks, bool, m_no_breaks, true);
CTP_DOCTEST_DECORATOR(no_output, bool, m_no_output, true);
CTP_DOCTEST_DECORATOR(timeout, double, m_timeout, 0);
CTP_DOCTEST_DECORATOR(may_fail, bool, m_may_fail, true);
CTP_DOCTEST_DECORATOR(should_fail, bool, m_should_fail, true);
CTP_DOCTEST_DECORATOR(expected_failures, int, m_expected_failures, 0);
// ctp's own: the test runs in the serial phase, out of --parallel's pool (ctp::serial()).
// Applied to a TEST_SUITE, it keeps the whole suite out of the pool.
CTP_DOCTEST_DECORATOR(serial, bool, m_serial, true);
#undef CTP_DOCTEST_DECORATOR

}  // namespace doctest

// The suite of test cases outside any TEST_SUITE block: TEST_SUITE_BEGIN's, or none.
namespace doctest_detail_test_suite_ns {
doctest::detail::TestSuite& getCurrentTestSuite();
}  // namespace doctest_detail_test_suite_ns

#define CTP_DOCTEST_CAT_(a, b) a##b
#define CTP_DOCTEST_CAT(a, b) CTP_DOCTEST_CAT_(a, b)
#define CTP_DOCTEST_ID(prefix) CTP_DOCTEST_CAT(prefix, __COUNTER__)

#define CTP_DOCTEST_REGISTER(function, ...)                                                                \
    [[maybe_unused]] static const int CTP_DOCTEST_CAT(function, _registered) = ::doctest::detail::regTest( \
        ::doctest::detail::TestCase(&function, __FILE__, __LINE__,                                         \
                                    doctest_detail_test_suite_ns::getCurrentTestSuite()) __VA_OPT__(*) __VA_ARGS__)

#define CTP_DOCTEST_TEST_CASE(function, ...)     \
    static void function();                      \
    CTP_DOCTEST_REGISTER(function, __VA_ARGS__); \
    static void function()

#define CTP_DOCTEST_FIXTURE(fixture, derived, function, ...) \
    namespace {                                              \
    struct derived : fixture {                               \
        void doctest_body();                                 \
    };                                                       \
    }                                                        \
    static void function() {                                 \
        derived object;                                      \
        object.doctest_body();                               \
    }                                                        \
    CTP_DOCTEST_REGISTER(function, __VA_ARGS__);             \
    void derived::doctest_body()

#define CTP_DOCTEST_TEMPLATE_DEFINE(decorators, T, id, body)                                                        \
    template <typename T>                                                                                           \
    static void body();                                                                                             \
    template <class... Types>                                                                                       \
    static int id(const char* file, int line) {                                                                     \
        return ::doctest::detail::register_types<Types...>(                                                         \
            ::doctest::detail::TestCase(nullptr, file, line, doctest_detail_test_suite_ns::getCurrentTestSuite()) * \
                decorators,                                                                                         \
            []<class Type>() -> ::doctest::detail::funcType { return &body<Type>; });                               \
    }                                                                                                               \
    template <typename T>                                                                                           \
    static void body()

#define CTP_DOCTEST_TEMPLATE(decorators, T, id, ...)                                                          \
    template <class... Types>                                                                                 \
    static int id(const char* file, int line);                                                                \
    [[maybe_unused]] static const int CTP_DOCTEST_CAT(id, _registered) = id<__VA_ARGS__>(__FILE__, __LINE__); \
    CTP_DOCTEST_TEMPLATE_DEFINE(decorators, T, id, CTP_DOCTEST_CAT(id, _body))

#define CTP_DOCTEST_SUITE(decorators, name)                                                  \
    namespace name {                                                                         \
    namespace doctest_detail_test_suite_ns {                                                 \
    [[maybe_unused]] static doctest::detail::TestSuite& getCurrentTestSuite() {              \
        static doctest::detail::TestSuite suite = doctest::detail::TestSuite() * decorators; \
        return suite;                                                                        \
    }                                                                                        \
    }                                                                                        \
    }                                                                                        \
    namespace name

#define DOCTEST_TEST_CASE(...) CTP_DOCTEST_TEST_CASE(CTP_DOCTEST_ID(doctest_test_), __VA_ARGS__)
#define DOCTEST_TEST_CASE_CLASS(...) CTP_DOCTEST_TEST_CASE(CTP_DOCTEST_ID(doctest_test_), __VA_ARGS__)
#define DOCTEST_TEST_CASE_FIXTURE(fixture, ...) \
    CTP_DOCTEST_FIXTURE(fixture, CTP_DOCTEST_ID(doctest_fixture_), CTP_DOCTEST_ID(doctest_test_), __VA_ARGS__)
#define DOCTEST_TEST_CASE_TEMPLATE(decorators, T, ...) \
    CTP_DOCTEST_TEMPLATE(decorators, T, CTP_DOCTEST_ID(doctest_template_), __VA_ARGS__)
#define DOCTEST_TEST_CASE_TEMPLATE_DEFINE(decorators, T, id) \
    CTP_DOCTEST_TEMPLATE_DEFINE(decorators, T, id, CTP_DOCTEST_CAT(id, _body))
#define DOCTEST_TEST_CASE_TEMPLATE_INVOKE(id, ...)                                     \
    [[maybe_unused]] static const int CTP_DOCTEST_CAT(id, CTP_DOCTEST_ID(_invoked_)) = \
        id<__VA_ARGS__>(__FILE__, __LINE__)
#define DOCTEST_TEST_SUITE(decorators) CTP_DOCTEST_SUITE(decorators, CTP_DOCTEST_ID(doctest_suite_))
#define DOCTEST_TEST_SUITE_BEGIN(decorators)                                          \
    [[maybe_unused]] static const int CTP_DOCTEST_ID(doctest_suite_begin_) =          \
        ::doctest::detail::setTestSuite(::doctest::detail::TestSuite() * decorators); \
    static_assert(true, "")
#define DOCTEST_TEST_SUITE_END                                                \
    [[maybe_unused]] static const int CTP_DOCTEST_ID(doctest_suite_end_) =    \
        ::doctest::detail::setTestSuite(::doctest::detail::TestSuite() * ""); \
    using CTP_DOCTEST_ID(doctest_semicolon_) = int
#define DOCTEST_SUBCASE(name) \
    if (const ::doctest::detail::Subcase CTP_DOCTEST_ID(doctest_subcase_){name, __FILE__, __LINE__})
#define DOCTEST_SCENARIO(name) DOCTEST_TEST_CASE("  Scenario: " name)
#define DOCTEST_SCENARIO_CLASS(name) DOCTEST_TEST_CASE_CLASS("  Scenario: " name)
#define DOCTEST_SCENARIO_TEMPLATE(name, T, ...) DOCTEST_TEST_CASE_TEMPLATE("  Scenario: " name, T, __VA_ARGS__)
#define DOCTEST_SCENARIO_TEMPLATE_DEFINE(name, T, id) DOCTEST_TEST_CASE_TEMPLATE_DEFINE("  Scenario: " name, T, id)
#define DOCTEST_GIVEN(name) DOCTEST_SUBCASE("   Given: " name)
#define DOCTEST_WHEN(name) DOCTEST_SUBCASE("    When: " name)
#define DOCTEST_AND_WHEN(name) DOCTEST_SUBCASE("And when: " name)
#define DOCTEST_THEN(name) DOCTEST_SUBCASE("    Then: " name)
#define DOCTEST_AND_THEN(name) DOCTEST_SUBCASE("     And: " name)

#if !defined(DOCTEST_CONFIG_NO_SHORT_MACRO_NAMES)
#define TEST_CASE(...) DOCTEST_TEST_CASE(__VA_ARGS__)
#define TEST_CASE_CLASS(...) DOCTEST_TEST_CASE_CLASS(__VA_ARGS__)
#define TEST_CASE_FIXTURE(fixture, ...) DOCTEST_TEST_CASE_FIXTURE(fixture, __VA_ARGS__)
#define TEST_CASE_TEMPLATE(decorators, T, ...) DOCTEST_TEST_CASE_TEMPLATE(decorators, T, __VA_ARGS__)
#define TEST_CASE_TEMPLATE_DEFINE(decorators, T, id) DOCTEST_TEST_CASE_TEMPLATE_DEFINE(decorators, T, id)
#define TEST_CASE_TEMPLATE_INVOKE(id, ...) DOCTEST_TEST_CASE_TEMPLATE_INVOKE(id, __VA_ARGS__)
#define TEST_SUITE(decorators) DOCTEST_TEST_SUITE(decorators)
#define TEST_SUITE_BEGIN(decorators) DOCTEST_TEST_SUITE_BEGIN(decorators)
#define TEST_SUITE_END DOCTEST_TEST_SUITE_END
#define SUBCASE(name) DOCTEST_SUBCASE(name)
#define SCENARIO(name) DOCTEST_SCENARIO(name)
#define SCENARIO_CLASS(name) DOCTEST_SCENARIO_CLASS(name)
#define SCENARIO_TEMPLATE(name, T, ...) DOCTEST_SCENARIO_TEMPLATE(name, T, __VA_ARGS__)
#define SCENARIO_TEMPLATE_DEFINE(name, T, id) DOCTEST_SCENARIO_TEMPLATE_DEFINE(name, T, id)
#define GIVEN(name) DOCTEST_GIVEN(name)
#define WHEN(name) DOCTEST_WHEN(name)
#define AND_WHEN(name) DOCTEST_AND_WHEN(name)
#define THEN(name) DOCTEST_THEN(name)
#define AND_THEN(name) DOCTEST_AND_THEN(name)
#endif  // !defined(DOCTEST_CONFIG_NO_SHORT_MACRO_NAMES)

#endif  // CTP_DOCTEST_TEST_CASES_HPP
