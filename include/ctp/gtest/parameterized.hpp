#ifndef CTP_GTEST_PARAMETERIZED_HPP
#define CTP_GTEST_PARAMETERIZED_HPP

// GoogleTest's value-parameterized tests: TEST_P, INSTANTIATE_TEST_SUITE_P and the generators.
// Each TEST_P and each instantiation is a static object chained to its fixture's list; the one
// of the two that comes second adds the cases, so that the tests exist whatever the order of
// the files. Each instantiation is a suite of its own (its suite hooks run for it), named
// "Prefix/Suite", its tests "Name/0" or the name generator's, as GoogleTest names them.

#include <cstddef>   // size_t
#include <iterator>  // iterator_traits
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>  // index_sequence, move
#include <vector>

#include "test.hpp"

namespace testing {

// GoogleTest's printer (the printing part defines it): the parameter's text, and the names
// PrintToStringParamName makes.
template <class T>
std::string PrintToString(const T& value);

template <class T>
struct TestParamInfo {
    TestParamInfo(const T& a_param, std::size_t an_index) : param(a_param), index(an_index) {}
    T param;
    std::size_t index;
};

struct PrintToStringParamName {
    template <class T>
    std::string operator()(const TestParamInfo<T>& info) const {
        return PrintToString(info.param);
    }
};

}  // namespace testing

namespace ctp::detail::gtest {

// The running case's parameter, per thread: tests of one fixture may run in two workers.
template <class T>
inline thread_local const T* current_parameter = nullptr;

[[noreturn]] void no_parameter();  // out of line

struct DefaultParamName {
    template <class T>
    std::string operator()(const testing::TestParamInfo<T>& info) const {
        return std::to_string(info.index);
    }
};

// The generators: each calls f(T) for its values converted to T, in GoogleTest's order.
template <class... Vs>
struct ValueList {
    std::tuple<Vs...> values;
    template <class T, class F>
    void each(F& f) const {
        std::apply([&](const Vs&... value) { (f(static_cast<T>(value)), ...); }, values);
    }
};

template <class V>
struct ValueRange {
    std::vector<V> values;
    template <class T, class F>
    void each(F& f) const {
        for (const V& value : values) f(static_cast<T>(value));
    }
};

template <class V, class Step>
struct RangeOf {
    V begin, end;
    Step step;
    template <class T, class F>
    void each(F& f) const {
        for (V value = begin; value < end; value = static_cast<V>(value + step)) f(static_cast<T>(value));
    }
};

// The right-most generator varies fastest.
template <class... Gs>
struct Product {
    std::tuple<Gs...> generators;

    template <class Tuple, std::size_t I, class F, class... Done>
    void each_from(F& f, const Done&... done) const {
        if constexpr (I == sizeof...(Gs)) {
            f(Tuple(done...));
        } else {
            auto next = [&](const std::tuple_element_t<I, Tuple>& value) {
                each_from<Tuple, I + 1>(f, done..., value);
            };
            std::get<I>(generators).template each<std::tuple_element_t<I, Tuple>>(next);
        }
    }
    template <class T, class F>
    void each(F& f) const {
        static_assert(std::tuple_size_v<T> == sizeof...(Gs), "Combine: the parameter is a tuple of one per generator");
        each_from<T, 0>(f);
    }
};

struct ParamPattern {  // one TEST_P
    const char* name;
    const char* file;
    int line;
    TestStep step;
    ParamPattern* next;
};

struct ParamInstantiation;
using AddCases = void (*)(const ParamInstantiation& instantiation, const char* suite, const ParamPattern& pattern);

struct ParamInstantiation {  // one INSTANTIATE_TEST_SUITE_P
    const char* prefix;
    const char* file;
    int line;
    FixtureInfo fixture;
    AddCases add;
    ParamInstantiation* next;
};

struct ParamSuite {
    ParamPattern* patterns;
    ParamInstantiation* instantiations;
};

// One per fixture class; constant-initialised, so any static initialiser may chain to it.
template <class Fixture>
inline ParamSuite param_suite{nullptr, nullptr};

// Out of line: chain, and add the cases of the pattern or instantiation with what is there.
bool add_pattern(ParamSuite& suite, const char* suite_name, ParamPattern& pattern) noexcept;
bool add_instantiation(ParamSuite& suite, const char* suite_name, ParamInstantiation& instantiation) noexcept;

// The cases of one pattern in one instantiation: names checked as GoogleTest does (letters,
// digits and '_'), a wrong one reported by the test that bears it. Two cases of one name are
// two tests of one full name, which ctp refuses to run, naming them.
class CaseAdder {
public:
    CaseAdder(const ParamInstantiation& instantiation, const char* suite, const ParamPattern& pattern)
        : instantiation_(instantiation),
          suite_(suite),
          pattern_(pattern) {}
    // `info` lives for the process; `data` is the case's, read by `run`.
    void add(TestInfo& info, void (*run)(const TestInfo&, TestCase*), const void* data, const std::string& name,
             const std::string& parameter);
    // In a catch block: the generator or the name generator threw.
    void add_exception();

private:
    const ParamInstantiation& instantiation_;
    const char* suite_;
    const ParamPattern& pattern_;
};

template <class T>
struct ParamCase {
    TestInfo info;
    TestStep step;
    T value;
};

template <class T>
void run_case(const TestInfo& info, TestCase*) {
    const auto& param_case = *static_cast<const ParamCase<T>*>(info.data);
    current_parameter<T> = &param_case.value;
    run_test(info, param_case.step);
    current_parameter<T> = nullptr;
}

template <class Fixture, auto generator, auto namer>
void add_cases(const ParamInstantiation& instantiation, const char* suite, const ParamPattern& pattern) {
    using T = typename Fixture::ParamType;
    CaseAdder adder(instantiation, suite, pattern);
    try {
        const auto values = generator();
        std::size_t index = 0;
        auto add = [&](T value) {
            const std::string name = namer(testing::TestParamInfo<T>(value, index++));
            const std::string parameter = "GetParam() = " + testing::PrintToString(value);
            auto* param_case = new ParamCase<T>{TestInfo{}, pattern.step, std::move(value)};
            adder.add(param_case->info, &run_case<T>, param_case, name, parameter);
        };
        values.template each<T>(add);
    } catch (...) {
        adder.add_exception();
    }
}

}  // namespace ctp::detail::gtest

namespace testing {

template <class T>
class WithParamInterface {
public:
    using ParamType = T;
    virtual ~WithParamInterface() = default;

    // The running case's parameter: in the fixture's constructor, SetUp, the body and TearDown.
    static const ParamType& GetParam() {
        const T* parameter = ::ctp::detail::gtest::current_parameter<T>;
        if (parameter == nullptr) ::ctp::detail::gtest::no_parameter();
        return *parameter;
    }
};

template <class T>
class TestWithParam : public Test, public WithParamInterface<T> {};

template <class... Ts>
::ctp::detail::gtest::ValueList<Ts...> Values(Ts... values) {
    return {{std::move(values)...}};
}

template <class Iterator>
auto ValuesIn(Iterator begin, Iterator end) {
    using V = typename std::iterator_traits<Iterator>::value_type;
    return ::ctp::detail::gtest::ValueRange<V>{std::vector<V>(begin, end)};
}

template <class T, std::size_t N>
auto ValuesIn(const T (&array)[N]) {
    return ValuesIn(array, array + N);
}

template <class Container>
auto ValuesIn(const Container& container) {
    return ValuesIn(container.begin(), container.end());
}

template <class T, class Step>
::ctp::detail::gtest::RangeOf<T, Step> Range(T begin, T end, Step step) {
    return {begin, end, step};
}

template <class T>
::ctp::detail::gtest::RangeOf<T, int> Range(T begin, T end) {
    return {begin, end, 1};
}

inline ::ctp::detail::gtest::ValueList<bool, bool> Bool() { return {{false, true}}; }

template <class... Gs>
::ctp::detail::gtest::Product<Gs...> Combine(const Gs&... generators) {
    return {{generators...}};
}

}  // namespace testing

#define CTP_GTEST_DETAIL_FIRST(first, ...) first
#define CTP_GTEST_DETAIL_SECOND(first, second, ...) second

#define TEST_P(suite, name)                                                                                       \
    static_assert(sizeof(#suite) > 1, "test suite name must not be empty");                                       \
    static_assert(sizeof(#name) > 1, "test name must not be empty");                                              \
    class suite##_##name##_Test : public suite {                                                                  \
    public:                                                                                                       \
        void TestBody();                                                                                          \
    };                                                                                                            \
    static ::ctp::detail::gtest::ParamPattern ctp_gtest_pattern_##suite##_##name{                                 \
        #name, __FILE__, __LINE__, &::ctp::detail::gtest::step<suite##_##name##_Test>, nullptr};                  \
    [[maybe_unused]] static const bool ctp_gtest_registered_##suite##_##name = ::ctp::detail::gtest::add_pattern( \
        ::ctp::detail::gtest::param_suite<suite>, #suite, ctp_gtest_pattern_##suite##_##name);                    \
    void suite##_##name##_Test::TestBody()

// The generator, then optionally a name generator: a callable taking a
// testing::TestParamInfo<ParamType> and returning std::string.
#define INSTANTIATE_TEST_SUITE_P(prefix, suite, ...)                                                                  \
    static auto ctp_gtest_generator_##prefix##_##suite() { return CTP_GTEST_DETAIL_FIRST(__VA_ARGS__, ~); }           \
    static ::std::string ctp_gtest_namer_##prefix##_##suite(const ::testing::TestParamInfo<suite::ParamType>& info) { \
        return CTP_GTEST_DETAIL_SECOND(__VA_ARGS__, ::ctp::detail::gtest::DefaultParamName(), ~)(info);               \
    }                                                                                                                 \
    static ::ctp::detail::gtest::ParamInstantiation ctp_gtest_instantiation_##prefix##_##suite{                       \
        #prefix,                                                                                                      \
        __FILE__,                                                                                                     \
        __LINE__,                                                                                                     \
        ::ctp::detail::gtest::suite_info<suite>(),                                                                    \
        &::ctp::detail::gtest::add_cases<suite, &ctp_gtest_generator_##prefix##_##suite,                              \
                                         &ctp_gtest_namer_##prefix##_##suite>,                                        \
        nullptr};                                                                                                     \
    [[maybe_unused]] static const bool ctp_gtest_instantiated_##prefix##_##suite =                                    \
        ::ctp::detail::gtest::add_instantiation(::ctp::detail::gtest::param_suite<suite>, #suite,                     \
                                                ctp_gtest_instantiation_##prefix##_##suite)

#define INSTANTIATE_TEST_CASE_P(prefix, suite, ...) INSTANTIATE_TEST_SUITE_P(prefix, suite, __VA_ARGS__)

// GoogleTest reports a TEST_P without instantiation as a test of its own; ctp does not, so
// this has nothing to allow.
#define GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(suite) static_assert(true, "")

#endif  // CTP_GTEST_PARAMETERIZED_HPP
