#ifndef CTP_PARAMETERIZED_HPP
#define CTP_PARAMETERIZED_HPP

// Value-parameterized tests: CTP_TEST_P and CTP_TEST_FP, and the ranges they take,
// ctp::values, ctp::range and ctp::combine. A header of its own, since std::tuple costs each
// file that includes it; without it, CTP_TEST_P stops the build naming this header.

#include <cstddef>      // size_t
#include <tuple>        // tuple, apply
#include <type_traits>  // common_type_t, decay_t, is_integral_v, remove_cvref_t

#include "registration.hpp"

namespace ctp {

namespace detail {

template <class T, std::size_t N>
struct Values {
    T items[N];
    constexpr const T* begin() const noexcept { return items; }
    constexpr const T* end() const noexcept { return items + N; }
};

// first, first + step, ... up to `last`, excluded; each value computed from its index, so
// that floating-point steps do not accumulate rounding errors.
template <class T>
class NumberRange {
public:
    class Iterator {
    public:
        constexpr Iterator(const NumberRange* range, std::size_t index) noexcept : range_(range), index_(index) {}
        constexpr T operator*() const noexcept {
            return static_cast<T>(range_->first_ + static_cast<T>(index_) * range_->step_);
        }
        constexpr Iterator& operator++() noexcept {
            ++index_;
            return *this;
        }
        constexpr bool operator!=(const Iterator& other) const noexcept { return index_ != other.index_; }

    private:
        const NumberRange* range_;
        std::size_t index_;
    };

    constexpr NumberRange(T first, T last, T step) : first_(first), step_(step), size_(0) {
        if (!(step > T(0) || step < T(0))) throw "ctp::range: the step is 0";
        if constexpr (std::is_integral_v<T>) {
            if (step > T(0) && first < last) size_ = static_cast<std::size_t>((last - first - 1) / step) + 1;
            if (step < T(0) && first > last) size_ = static_cast<std::size_t>((first - last - 1) / -step) + 1;
        } else {
            while (step > T(0) ? first + static_cast<T>(size_) * step < last
                               : first + static_cast<T>(size_) * step > last)
                ++size_;
        }
    }
    constexpr Iterator begin() const noexcept { return {this, 0}; }
    constexpr Iterator end() const noexcept { return {this, size_}; }
    constexpr std::size_t size() const noexcept { return size_; }

private:
    T first_;
    T step_;
    std::size_t size_;
};

template <class Range>
using range_element_t = std::remove_cvref_t<decltype(*std::declval<const Range&>().begin())>;

// The cartesian product of ranges, as tuples, the last range varying fastest. The ranges'
// values are copied once.
template <class... Ranges>
class Product {
public:
    using Tuple = std::tuple<range_element_t<Ranges>...>;

    explicit Product(const Ranges&... ranges) {
        std::size_t size = 1;
        ((size *= count(ranges)), ...);
        items_ = size == 0 ? nullptr : new Tuple[size];
        size_ = size;
        std::size_t stride = size;
        fill<0>(stride, ranges...);
    }
    Product(const Product&) = delete;
    Product& operator=(const Product&) = delete;
    ~Product() { delete[] items_; }

    const Tuple* begin() const noexcept { return items_; }
    const Tuple* end() const noexcept { return items_ + size_; }

private:
    template <class R>
    static std::size_t count(const R& range) {
        std::size_t n = 0;
        for (auto&& element : range) static_cast<void>(element), ++n;
        return n;
    }

    // Range I repeats each of its values `stride / its size` times, in blocks of `stride`.
    template <std::size_t I, class R, class... Rest>
    void fill(std::size_t stride, const R& range, const Rest&... rest) {
        const std::size_t n = count(range);
        if (n == 0) return;
        const std::size_t repeat = stride / n;
        for (std::size_t block = 0; block < size_; block += stride) {
            std::size_t at = block;
            for (auto&& element : range)
                for (std::size_t k = 0; k < repeat; ++k) std::get<I>(items_[at++]) = element;
        }
        if constexpr (sizeof...(Rest) > 0) fill<I + 1>(repeat, rest...);
    }

    Tuple* items_ = nullptr;
    std::size_t size_ = 0;
};

template <class Param>
struct Case {
    TestInfo info;
    Param value;
};

template <class Param>
void print_parameter(Sink& sink, const void* value) {
    print_value(sink, *static_cast<const Param*>(value));
}

template <class Range>
concept ParameterRange = requires(const Range& range) {
    range.begin() != range.end();
};

// Evaluates the parameters (`make()`) and registers a test for each, or the one test that
// says why there is none.
template <class Param, class Make>
bool register_cases(const TestInfo& shape, Make make) {
    unsigned long count = 0;
    try {
        auto&& range = make();
        for (auto&& element : range) {
            auto* test = new Case<Param>{shape, Param(element)};
            test->info.data = &test->value;
            add_case(test->info, shape, count++, &print_parameter<Param>, &test->value);
        }
    } catch (...) {
        add_parameters_error(shape);
        return true;
    }
    if (count == 0) add_no_parameters(shape);
    return true;
}

}  // namespace detail

// The parameters as written: ctp::values(1, 2, 3), ctp::values("a", "b").
template <class... Ts>
constexpr detail::Values<std::common_type_t<std::decay_t<const Ts&>...>, sizeof...(Ts)> values(const Ts&... items) {
    static_assert(sizeof...(Ts) > 0, "ctp::values needs at least one value");
    return {{static_cast<std::common_type_t<std::decay_t<const Ts&>...>>(items)...}};
}

// first, first + step, ... while below `last` (above it for a negative step), as Python's
// range; for integers and floating-point numbers.
template <class T, class U, class S = T>
constexpr detail::NumberRange<std::common_type_t<T, U, S>> range(T first, U last, S step = S(1)) {
    using V = std::common_type_t<T, U, S>;
    return {static_cast<V>(first), static_cast<V>(last), static_cast<V>(step)};
}

// Every combination of the ranges' values, as std::tuple (auto [x, y] = param;).
template <class... Ranges>
detail::Product<Ranges...> combine(const Ranges&... ranges) {
    static_assert(sizeof...(Ranges) > 0, "ctp::combine needs at least one range");
    return detail::Product<Ranges...>(ranges...);
}

}  // namespace ctp

#define CTP_DETAIL_PARAM_TYPE(range_expression)                                                                 \
    static_assert(::ctp::detail::ParameterRange<::std::remove_cvref_t<decltype(range_expression)>>,             \
                  "the parameters must be a range, with begin() and end(): ctp::values(...), ctp::range(...), " \
                  "ctp::combine(...), a container");                                                            \
    using Param = ::ctp::detail::range_element_t<::std::remove_cvref_t<decltype(range_expression)>>

#define CTP_DETAIL_TEST_P(suite, name, id, range_expression, ...)                                                      \
    namespace {                                                                                                        \
    struct id {                                                                                                        \
        CTP_DETAIL_PARAM_TYPE(range_expression);                                                                       \
        static void ctp_body(const Param& param);                                                                      \
        static void ctp_run(const ::ctp::detail::TestInfo& info, ::ctp::TestCase*) {                                   \
            ctp_body(*static_cast<const Param*>(info.data));                                                           \
        }                                                                                                              \
    };                                                                                                                 \
    }                                                                                                                  \
    CTP_DETAIL_DECORATORS(id, __VA_ARGS__)                                                                             \
    [[maybe_unused]] static const bool CTP_DETAIL_CAT(id, _registered) = ::ctp::detail::register_cases<id::Param>(     \
        ::ctp::detail::TestInfo{#suite "\0" #name, __FILE__, __LINE__, sizeof(#suite), nullptr, nullptr, &id::ctp_run, \
                                nullptr, CTP_DETAIL_DECORATIONS(id, __VA_ARGS__), nullptr, nullptr},                   \
        []() -> decltype(auto) { return range_expression; });                                                          \
    void id::ctp_body([[maybe_unused]] const id::Param& param)

#define CTP_DETAIL_TEST_FP(fixture, name, id, range_expression, ...)                                                   \
    static_assert(::std::is_base_of_v<::ctp::TestCase, fixture>,                                                       \
                  "CTP_TEST_FP: " #fixture " must derive from ctp::TestCase");                                         \
    namespace {                                                                                                        \
    struct id final : fixture {                                                                                        \
        CTP_DETAIL_PARAM_TYPE(range_expression);                                                                       \
        void ctp_body(const Param& param);                                                                             \
        static void ctp_run(const ::ctp::detail::TestInfo& info, ::ctp::TestCase* fixture_object) {                    \
            static_cast<id*>(fixture_object)->ctp_body(*static_cast<const Param*>(info.data));                         \
        }                                                                                                              \
    };                                                                                                                 \
    }                                                                                                                  \
    CTP_DETAIL_DECORATORS(id, __VA_ARGS__)                                                                             \
    [[maybe_unused]] static const bool CTP_DETAIL_CAT(id, _registered) = ::ctp::detail::register_cases<id::Param>(     \
        ::ctp::detail::TestInfo{#fixture "\0" #name, __FILE__, __LINE__, sizeof(#fixture),                             \
                                &::ctp::detail::fixture_info<fixture>, &::ctp::detail::make_fixture<id>, &id::ctp_run, \
                                nullptr, CTP_DETAIL_DECORATIONS(id, __VA_ARGS__), nullptr, nullptr},                   \
        []() -> decltype(auto) { return range_expression; });                                                          \
    void id::ctp_body([[maybe_unused]] const id::Param& param)

// One test per value of `range_expression` (evaluated once, at start-up), "suite.name/0",
// "suite.name/1"..., shown with the value: "suite.name/1 [2]". The body sees it as `param`, a
// const reference. An expression with commas outside parentheses (std::vector<int>{1, 2})
// goes in parentheses. Decorators may follow.
#undef CTP_TEST_P
#define CTP_TEST_P(suite, name, range_expression, ...) \
    CTP_DETAIL_TEST_P(suite, name, CTP_DETAIL_CAT(ctp_test_, __COUNTER__), range_expression __VA_OPT__(, ) __VA_ARGS__)

// The same in a fresh `fixture` object per case; the cases share the class's hooks.
#undef CTP_TEST_FP
#define CTP_TEST_FP(fixture, name, range_expression, ...)                     \
    CTP_DETAIL_TEST_FP(fixture, name, CTP_DETAIL_CAT(ctp_test_, __COUNTER__), \
                       range_expression __VA_OPT__(, ) __VA_ARGS__)

#endif  // CTP_PARAMETERIZED_HPP
