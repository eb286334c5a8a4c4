#ifndef CTP_TYPED_HPP
#define CTP_TYPED_HPP

// Typed tests: one test per type of a list, each named "name<type>" with the type as written
// in the macro (the same text on every compiler, unlike __PRETTY_FUNCTION__'s).

#include "test_info.hpp"

namespace ctp::detail {

// Out of line (implementation.hpp): names `info` "name<type>" after `shape`, with the
// `index`-th of the types as written in `types` ("int, std::map<int, int>"), and chains it to
// the global tests.
void add_typed(TestInfo& info, const TestInfo& shape, const char* types, unsigned index);

template <class Test>
TestInfo& typed_info(const TestInfo& shape) {
    auto* info = new TestInfo(shape);
    Test::ctp_fill(*info);
    return *info;
}

// `Test<T>::ctp_fill` sets the fields of type T's test that differ from `shape`'s.
template <template <class> class Test, class... Types>
bool register_types(const TestInfo& shape, const char* types) {
    unsigned index = 0;
    (add_typed(typed_info<Test<Types>>(shape), shape, types, index++), ...);
    return true;
}

}  // namespace ctp::detail

// Whether the first argument is in parentheses (decorators) rather than a type: no type
// starts with "(".
#define CTP_DETAIL_SECOND(a, b, ...) b
#define CTP_DETAIL_PAREN_PROBE(...) ~, 1,
#define CTP_DETAIL_IS_PAREN_(...) CTP_DETAIL_SECOND(__VA_ARGS__, 0, )
#define CTP_DETAIL_IS_PAREN(x) CTP_DETAIL_IS_PAREN_(CTP_DETAIL_PAREN_PROBE x)
#define CTP_DETAIL_FIRST(a, ...) a
#define CTP_DETAIL_UNPAREN(...) __VA_ARGS__
#define CTP_DETAIL_STRING(...) #__VA_ARGS__

// (decorators), types...  or  types...: calls `macro(suite, name, id, decorations, types...)`,
// `decorations` pointing to the static object that keeps the decorators, or null.
#define CTP_DETAIL_TYPED(macro, suite, name, id, ...)                                        \
    CTP_DETAIL_CAT(CTP_DETAIL_TYPED_, CTP_DETAIL_IS_PAREN(CTP_DETAIL_FIRST(__VA_ARGS__, ~))) \
    (macro, suite, name, id, __VA_ARGS__)
#define CTP_DETAIL_TYPED_0(macro, suite, name, id, ...) macro(suite, name, id, nullptr, __VA_ARGS__)
#define CTP_DETAIL_TYPED_1(macro, suite, name, id, decorators, ...)                                \
    static const ::ctp::Decorators CTP_DETAIL_CAT(id, _decorators){CTP_DETAIL_UNPAREN decorators}; \
    macro(suite, name, id, CTP_DETAIL_CAT(id, _decorators).decorations(), __VA_ARGS__)

#define CTP_DETAIL_TEST_T(suite, name, id, decorations, ...)                                                          \
    namespace {                                                                                                       \
    template <class TestType>                                                                                         \
    struct id {                                                                                                       \
        static void ctp_run(const ::ctp::detail::TestInfo&, ::ctp::TestCase*);                                        \
        static void ctp_fill(::ctp::detail::TestInfo& info) { info.run = &ctp_run; }                                  \
    };                                                                                                                \
    }                                                                                                                 \
    [[maybe_unused]] static const bool CTP_DETAIL_CAT(id, _registered) =                                              \
        ::ctp::detail::register_types<id, __VA_ARGS__>(                                                               \
            ::ctp::detail::TestInfo{#suite "\0" #name, __FILE__, __LINE__, sizeof(#suite), nullptr, nullptr, nullptr, \
                                    nullptr, decorations, nullptr, nullptr},                                          \
            CTP_DETAIL_STRING(__VA_ARGS__));                                                                          \
    template <class TestType>                                                                                         \
    void id<TestType>::ctp_run(const ::ctp::detail::TestInfo&, ::ctp::TestCase*)

#define CTP_DETAIL_TEST_FT(fixture_template, name, id, decorations, ...)                                         \
    namespace {                                                                                                  \
    template <class TestType>                                                                                    \
    struct id final : fixture_template<TestType> {                                                               \
        static_assert(::std::is_base_of_v<::ctp::TestCase, fixture_template<TestType>>,                          \
                      "CTP_TEST_FT: " #fixture_template "<TestType> must derive from ctp::TestCase");            \
        void ctp_body();                                                                                         \
        static void ctp_fill(::ctp::detail::TestInfo& info) {                                                    \
            info.fixture = &::ctp::detail::fixture_info<fixture_template<TestType>>;                             \
            info.make = &::ctp::detail::make_fixture<id>;                                                        \
            info.run = &::ctp::detail::run_fixture_test<id>;                                                     \
        }                                                                                                        \
    };                                                                                                           \
    }                                                                                                            \
    [[maybe_unused]] static const bool CTP_DETAIL_CAT(id, _registered) =                                         \
        ::ctp::detail::register_types<id, __VA_ARGS__>(                                                          \
            ::ctp::detail::TestInfo{#fixture_template "\0" #name, __FILE__, __LINE__, sizeof(#fixture_template), \
                                    nullptr, nullptr, nullptr, nullptr, decorations, nullptr, nullptr},          \
            CTP_DETAIL_STRING(__VA_ARGS__));                                                                     \
    template <class TestType>                                                                                    \
    void id<TestType>::ctp_body()

// One test per type, "suite.name<int>", "suite.name<std::string>"..., the body seeing the type
// as TestType:
//   CTP_TEST_T(Codec, round_trip, int, double, std::string) { TestType value{}; ... }
// Decorators, for every type's test, go in parentheses before the types:
//   CTP_TEST_T(Codec, round_trip, (ctp::tags("codec"), ctp::timeout(1)), int, double)
#define CTP_TEST_T(suite, name, ...) \
    CTP_DETAIL_TYPED(CTP_DETAIL_TEST_T, suite, name, CTP_DETAIL_CAT(ctp_test_, __COUNTER__), __VA_ARGS__)

// The same in a fresh Fixture<TestType>, a class template deriving from ctp::TestCase; the
// body reaches its members through `this->`. Each Fixture<T> is a class of its own: its class
// hooks and `decorators` are per type.
#define CTP_TEST_FT(fixture, name, ...) \
    CTP_DETAIL_TYPED(CTP_DETAIL_TEST_FT, fixture, name, CTP_DETAIL_CAT(ctp_test_, __COUNTER__), __VA_ARGS__)

// Stand-ins until <ctp/parameterized.hpp> is included: they stop the build naming it.
#define CTP_TEST_P(suite, name, ...)                           \
    CTP_DETAIL_NEEDS("CTP_TEST_P", "<ctp/parameterized.hpp>"); \
    [[maybe_unused]] static void CTP_DETAIL_CAT(ctp_test_, __COUNTER__)([[maybe_unused]] const int& param)
#define CTP_TEST_FP(fixture, name, ...)                         \
    CTP_DETAIL_NEEDS("CTP_TEST_FP", "<ctp/parameterized.hpp>"); \
    [[maybe_unused]] static void CTP_DETAIL_CAT(ctp_test_, __COUNTER__)([[maybe_unused]] const int& param)

#endif  // CTP_TYPED_HPP
