#ifndef CTP_GTEST_TYPED_HPP
#define CTP_GTEST_TYPED_HPP

// GoogleTest's typed tests (TYPED_TEST_SUITE + TYPED_TEST) and type-parameterized tests
// (TYPED_TEST_SUITE_P, TYPED_TEST_P, REGISTER_TYPED_TEST_SUITE_P,
// INSTANTIATE_TYPED_TEST_SUITE_P). Each type makes a suite of its own, "Suite/0" or
// "Prefix/Suite/0" (or the name generator's), whose TestInfo::parameter is
// "TypeParam = <the type as GoogleTest prints it>".

#include <cstddef>  // size_t
#include <string>
#include <typeinfo>
#include <utility>  // index_sequence

#include "test.hpp"

namespace testing {

template <class... Ts>
struct Types {};

}  // namespace testing

namespace ctp::detail::gtest {

// Out of line: the type's name demangled, as GoogleTest prints it.
std::string type_name(const std::type_info& type);

// A typed test for one type: suite "[prefix/]suite/part". `prefix` may be null.
void add_typed_test(const char* prefix, const char* suite, const std::string& part, const char* name, const char* file,
                    int line, const FixtureInfo* fixture, void (*run)(const TestInfo&, TestCase*),
                    const std::string& type);

// A single type stands for a list of one, as in GoogleTest.
template <class T>
struct TypeList {
    using type = testing::Types<T>;
};
template <class... Ts>
struct TypeList<testing::Types<Ts...>> {
    using type = testing::Types<Ts...>;
};
template <class T>
using type_list_t = typename TypeList<T>::type;

struct DefaultTypeNames {
    template <class T>
    static std::string GetName(int index) {
        return std::to_string(index);
    }
};

template <class... Names>
struct TypeNames {
    using type = DefaultTypeNames;
};
template <class Names>
struct TypeNames<Names> {
    using type = Names;
};
template <class... Names>
using type_names_t = typename TypeNames<Names...>::type;

// One per typed suite ("Suite/I"), even when two of its types are the same.
template <class Fixture, std::size_t I>
inline constexpr FixtureInfo typed_fixture_info = suite_info<Fixture>();

template <template <class> class Test, class Names, class... Ts, std::size_t... Is>
bool register_typed(const char* suite, const char* name, const char* file, int line, testing::Types<Ts...>*,
                    std::index_sequence<Is...>) {
    (add_typed_test(nullptr, suite, Names::template GetName<Ts>(static_cast<int>(Is)), name, file, line,
                    &typed_fixture_info<typename Test<Ts>::TestFixture, Is>, &run<Test<Ts>>, type_name(typeid(Ts))),
     ...);
    return true;
}

template <template <class> class Test, class Types, class Names>
bool register_typed(const char* suite, const char* name, const char* file, int line) {
    return
        []<class... Ts>(testing::Types<Ts...>* types, const char* suite, const char* name, const char* file, int line) {
            return register_typed<Test, Names>(suite, name, file, line, types, std::index_sequence_for<Ts...>());
        }(static_cast<Types*>(nullptr), suite, name, file, line);
}

// Type-parameterized suites: the TYPED_TEST_Ps defined, then the names registered.
struct TypedName {
    const char* name;
    const char* file;
    int line;
    TypedName* next;
};

struct TypedSuite {
    const char* suite;
    TypedName* defined;
    const char* registered;  // REGISTER_TYPED_TEST_SUITE_P's list as written: "A, B, C"
};

// Out of line.
bool define_typed(TypedSuite& suite, TypedName& name) noexcept;
// Checks the list against the tests defined; a mistake is reported by a test of its own,
// "Suite.REGISTER_TYPED_TEST_SUITE_P", that fails naming it.
bool register_typed_names(TypedSuite& suite, const char* names, const char* file, int line);
// The index-th registered test of `suite`, with its place; null for a name listed before.
const TypedName* registered_test(const TypedSuite& suite, std::size_t index);

template <template <class> class... Tests>
struct Templates {};

template <class T, template <class> class... Tests>
struct FirstFixture;
template <class T, template <class> class First, template <class> class... Rest>
struct FirstFixture<T, First, Rest...> {
    using type = typename First<T>::TestFixture;
};

template <class Names, template <class> class... Tests, class... Ts, std::size_t... Is>
bool instantiate_typed(const TypedSuite& suite, const char* prefix, Templates<Tests...>*, testing::Types<Ts...>*,
                       std::index_sequence<Is...>) {
    auto add_type = [&]<class T>(T*, std::size_t index) {
        const auto* fixture = new FixtureInfo(suite_info<typename FirstFixture<T, Tests...>::type>());
        const std::string part = Names::template GetName<T>(static_cast<int>(index));
        const std::string type = type_name(typeid(T));
        std::size_t test = 0;
        auto add_test = [&](void (*run)(const TestInfo&, TestCase*)) {
            if (const TypedName* name = registered_test(suite, test++))
                add_typed_test(prefix, suite.suite, part, name->name, name->file, name->line, fixture, run, type);
        };
        (add_test(&run<Tests<T>>), ...);
    };
    (add_type(static_cast<Ts*>(nullptr), Is), ...);
    return true;
}

template <class Tests, class Types, class Names>
bool instantiate_typed(const TypedSuite& suite, const char* prefix) {
    return []<class... Ts>(testing::Types<Ts...>* types, const TypedSuite& suite, const char* prefix) {
        return instantiate_typed<Names>(suite, prefix, static_cast<Tests*>(nullptr), types,
                                        std::index_sequence_for<Ts...>());
    }(static_cast<Types*>(nullptr), suite, prefix);
}

}  // namespace ctp::detail::gtest

// The types, then optionally a class whose `template <class T> static std::string
// GetName(int index)` names each type's suite.
#define TYPED_TEST_SUITE(suite, types, ...)                                   \
    using ctp_gtest_types_##suite = ::ctp::detail::gtest::type_list_t<types>; \
    using ctp_gtest_type_names_##suite = ::ctp::detail::gtest::type_names_t<__VA_ARGS__>

#define TYPED_TEST_CASE(suite, types, ...) TYPED_TEST_SUITE(suite, types, __VA_ARGS__)

#define CTP_GTEST_DETAIL_TYPED_CLASS(suite, class_name) \
    template <class gtest_TypeParam_>                   \
    class class_name : public suite<gtest_TypeParam_> { \
    public:                                             \
        using TestFixture = suite<gtest_TypeParam_>;    \
        using TypeParam = gtest_TypeParam_;             \
        void TestBody();                                \
    }

#define TYPED_TEST(suite, name)                                                                                \
    static_assert(sizeof(#suite) > 1, "test suite name must not be empty");                                    \
    static_assert(sizeof(#name) > 1, "test name must not be empty");                                           \
    CTP_GTEST_DETAIL_TYPED_CLASS(suite, suite##_##name##_Test);                                                \
    [[maybe_unused]] static const bool ctp_gtest_registered_##suite##_##name =                                 \
        ::ctp::detail::gtest::register_typed<suite##_##name##_Test, ctp_gtest_types_##suite,                   \
                                             ctp_gtest_type_names_##suite>(#suite, #name, __FILE__, __LINE__); \
    template <class gtest_TypeParam_>                                                                          \
    void suite##_##name##_Test<gtest_TypeParam_>::TestBody()

#define TYPED_TEST_SUITE_P(suite) \
    static ::ctp::detail::gtest::TypedSuite ctp_gtest_typed_suite_##suite { #suite, nullptr, nullptr }

#define TYPED_TEST_CASE_P(suite) TYPED_TEST_SUITE_P(suite)

// Its class lives in a namespace of the suite's, where REGISTER_TYPED_TEST_SUITE_P lists it.
#define TYPED_TEST_P(suite, name)                                                                         \
    namespace ctp_gtest_suite_##suite {                                                                   \
        CTP_GTEST_DETAIL_TYPED_CLASS(suite, name);                                                        \
        static ::ctp::detail::gtest::TypedName ctp_gtest_name_##name{#name, __FILE__, __LINE__, nullptr}; \
        [[maybe_unused]] static const bool ctp_gtest_defined_##name =                                     \
            ::ctp::detail::gtest::define_typed(ctp_gtest_typed_suite_##suite, ctp_gtest_name_##name);     \
    }                                                                                                     \
    template <class gtest_TypeParam_>                                                                     \
    void ctp_gtest_suite_##suite::name<gtest_TypeParam_>::TestBody()

#define REGISTER_TYPED_TEST_SUITE_P(suite, ...)                               \
    namespace ctp_gtest_suite_##suite {                                       \
        using ctp_gtest_tests = ::ctp::detail::gtest::Templates<__VA_ARGS__>; \
    }                                                                         \
    [[maybe_unused]] static const bool ctp_gtest_registered_##suite =         \
        ::ctp::detail::gtest::register_typed_names(ctp_gtest_typed_suite_##suite, #__VA_ARGS__, __FILE__, __LINE__)

#define REGISTER_TYPED_TEST_CASE_P(suite, ...) REGISTER_TYPED_TEST_SUITE_P(suite, __VA_ARGS__)

#define INSTANTIATE_TYPED_TEST_SUITE_P(prefix, suite, types, ...)                                       \
    static_assert(sizeof(#prefix) > 1, "INSTANTIATE_TYPED_TEST_SUITE_P: the prefix must not be empty"); \
    [[maybe_unused]] static const bool ctp_gtest_instantiated_##prefix##_##suite =                      \
        ::ctp::detail::gtest::instantiate_typed<ctp_gtest_suite_##suite::ctp_gtest_tests,               \
                                                ::ctp::detail::gtest::type_list_t<types>,               \
                                                ::ctp::detail::gtest::type_names_t<__VA_ARGS__>>(       \
            ctp_gtest_typed_suite_##suite, #prefix)

#define INSTANTIATE_TYPED_TEST_CASE_P(prefix, suite, types, ...) \
    INSTANTIATE_TYPED_TEST_SUITE_P(prefix, suite, types, __VA_ARGS__)

#endif  // CTP_GTEST_TYPED_HPP
