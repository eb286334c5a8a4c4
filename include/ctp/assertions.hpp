#ifndef CTP_ASSERTIONS_HPP
#define CTP_ASSERTIONS_HPP

#include "value_printer.hpp"

namespace ctp::detail {

struct AssertionSite {
    const char* macro;
    const char* expression;
    const char* file;
    int line;
    bool fatal;
};

using Printer = void (*)(Sink& sink, const void* object);

// Out of line and only reached on failure, so a passing assertion costs a comparison.
// Records the failure against the current test; a fatal one then ends the test.
void assertion_failed(const AssertionSite& site, Printer print, const void* expression);
// The same for CTP_WARN: recorded as a warning, which does not fail the test.
void warning_failed(const AssertionSite& site, Printer print, const void* expression);
void throws_failed(const AssertionSite& site, const char* problem, bool describe_exception);
[[noreturn]] void fail_test(const AssertionSite& site, Printer print, const void* message);
[[noreturn]] void skip_test(const AssertionSite& site, Printer print, const void* reason);

// Messages of CTP_FAIL and CTP_SKIP: text as it is, anything else as a value.
template <class T>
void print_message(Sink& sink, const void* object) {
    const T& message = *static_cast<const T*>(object);
    if constexpr (std::is_convertible_v<const T&, const char*>) {
        const char* text = message;
        write_text(sink, text != nullptr ? text : "");
    } else if constexpr (CharSequence<T>) {
        sink.write(message.data(), message.size());
    } else {
        print_value(sink, message);
    }
}

// The operands' types are the user's: comparisons keep C++'s own rules, warnings included
// in the user's code, not here.
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wfloat-equal"
#endif  // defined(__GNUC__)

// The sizes when they differ, and the first index where the elements differ. An unordered
// container's order says nothing, so only its size is compared.
template <class L, class R>
void print_range_difference(Sink& sink, const L& lhs, const R& rhs) {
    std::size_t index = 0, lhs_size = 0, rhs_size = 0;
    for (const auto& element : lhs) static_cast<void>(element), ++lhs_size;
    for (const auto& element : rhs) static_cast<void>(element), ++rhs_size;
    auto l = lhs.begin();
    auto r = rhs.begin();
    while (index < lhs_size && index < rhs_size && static_cast<bool>(*l == *r)) ++l, ++r, ++index;
    if (!write_range_difference(
            sink, index, lhs_size, rhs_size, !requires { lhs.bucket_count(); }))
        return;
    index < lhs_size ? print_value(sink, *l) : write_text(sink, "(end)");
    write_text(sink, " vs ");
    index < rhs_size ? print_value(sink, *r) : write_text(sink, "(end)");
}

// Extra lines saying where two texts or two ranges differ.
template <class L, class R>
void print_difference(Sink& sink, const L& lhs, const R& rhs) {
    if constexpr (TextOperand<L> && TextOperand<R>) {
        const TextView l = text_view(lhs), r = text_view(rhs);
        if (l.data != nullptr && r.data != nullptr) write_text_difference(sink, l.data, l.size, r.data, r.size);
    } else if constexpr (
        Range<L> && Range<R> && requires { *lhs.begin() == *rhs.begin(); } && !requires { lhs.lexically_normal(); } &&
        !requires { requires CodeUnit<std::remove_cvref_t<decltype(*lhs.begin())>>; }) {
        // Not paths, nor texts of other character types: their first line says enough.
        print_range_difference(sink, lhs, rhs);
    }
}

template <class L, class R>
struct BinaryExpression {
    const L& lhs;
    const char* op;
    const R& rhs;
    bool result;

    constexpr bool passed() const noexcept { return result; }

    static void print(Sink& sink, const void* object) {
        const auto& self = *static_cast<const BinaryExpression*>(object);
        print_value(sink, self.lhs);
        write_text(sink, " ");
        write_text(sink, self.op);
        write_text(sink, " ");
        print_value(sink, self.rhs);
        // Whatever the outcome: CHECK_FALSE(a != b) fails on two values that differ too.
        if constexpr (!std::is_arithmetic_v<L>)
            if (self.op[0] == '=' || self.op[0] == '!') print_difference(sink, self.lhs, self.rhs);
    }

    // `CHECK(a == b && c)` parses as `(decomposed a == b) && c`. Returning itself leaves the
    // static_assert as the only error, and the compiler names the user's line with it.
    template <class Other>
    const BinaryExpression& operator&&(const Other&) const {
        static_assert(sizeof(Other) == 0,
                      "CTP_CHECK(a == b && c) cannot be decomposed: write CTP_CHECK((a == b && c)) "
                      "(the same for CHECK, REQUIRE and the _FALSE forms), or one assertion per "
                      "operand");
        return *this;
    }
    template <class Other>
    const BinaryExpression& operator||(const Other&) const {
        static_assert(sizeof(Other) == 0,
                      "CTP_CHECK(a == b || c) cannot be decomposed: write CTP_CHECK((a == b || c)) "
                      "(the same for CHECK, REQUIRE and the _FALSE forms)");
        return *this;
    }
};

// `p == 0` and `p == NULL` reach the decomposer as a pointer and an integer: in the user's
// code that integer could only be a null pointer constant.
template <class Pointer, class Integer>
concept NullConstant = std::is_pointer_v<Pointer> && std::is_integral_v<Integer>;

template <class L>
struct ExpressionLhs {
    const L& lhs;

    // Only a lone operand is converted to bool: one that is compared need not be convertible.
    constexpr bool passed() const { return static_cast<bool>(lhs); }

    static void print(Sink& sink, const void* object) {
        const auto& self = *static_cast<const ExpressionLhs*>(object);
        if constexpr (!std::is_same_v<L, bool>) print_value(sink, self.lhs);
    }

    template <class R>
    constexpr BinaryExpression<L, R> operator==(const R& rhs) const {
        if constexpr (NullConstant<L, R> || NullConstant<R, L>) return {lhs, "==", rhs, !lhs && !rhs};
        else return {lhs, "==", rhs, static_cast<bool>(lhs == rhs)};
    }
    template <class R>
    constexpr BinaryExpression<L, R> operator!=(const R& rhs) const {
        if constexpr (NullConstant<L, R> || NullConstant<R, L>) return {lhs, "!=", rhs, lhs || rhs};
        else return {lhs, "!=", rhs, static_cast<bool>(lhs != rhs)};
    }
    template <class R>
    constexpr BinaryExpression<L, R> operator<(const R& rhs) const {
        return {lhs, "<", rhs, static_cast<bool>(lhs < rhs)};
    }
    template <class R>
    constexpr BinaryExpression<L, R> operator<=(const R& rhs) const {
        return {lhs, "<=", rhs, static_cast<bool>(lhs <= rhs)};
    }
    template <class R>
    constexpr BinaryExpression<L, R> operator>(const R& rhs) const {
        return {lhs, ">", rhs, static_cast<bool>(lhs > rhs)};
    }
    template <class R>
    constexpr BinaryExpression<L, R> operator>=(const R& rhs) const {
        return {lhs, ">=", rhs, static_cast<bool>(lhs >= rhs)};
    }
    // `CHECK(a && b)` parses as `(decomposed a) && b`; see BinaryExpression's.
    template <class R>
    const ExpressionLhs& operator&&(const R&) const {
        static_assert(sizeof(R) == 0,
                      "CTP_CHECK(a && b) cannot be decomposed: write CTP_CHECK((a && b)) (the same "
                      "for CHECK, REQUIRE and the _FALSE forms), or one assertion per operand");
        return *this;
    }
    template <class R>
    const ExpressionLhs& operator||(const R&) const {
        static_assert(sizeof(R) == 0,
                      "CTP_CHECK(a || b) cannot be decomposed: write CTP_CHECK((a || b)) (the same "
                      "for CHECK, REQUIRE and the _FALSE forms)");
        return *this;
    }
};

#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif  // defined(__GNUC__)

struct Decomposer {
    template <class L>
    constexpr ExpressionLhs<L> operator<=(const L& lhs) const {
        return ExpressionLhs<L>{lhs};
    }
};

template <class Expression>
inline void check(const AssertionSite& site, const Expression& expression) {
    if (!expression.passed()) [[unlikely]]
        assertion_failed(site, &Expression::print, &expression);
}

template <class Expression>
inline void check_false(const AssertionSite& site, const Expression& expression) {
    if (expression.passed()) [[unlikely]]
        assertion_failed(site, &Expression::print, &expression);
}

template <class Expression>
inline void warn(const AssertionSite& site, const Expression& expression) {
    if (!expression.passed()) [[unlikely]]
        warning_failed(site, &Expression::print, &expression);
}

template <class Expression>
inline void warn_false(const AssertionSite& site, const Expression& expression) {
    if (expression.passed()) [[unlikely]]
        warning_failed(site, &Expression::print, &expression);
}

}  // namespace ctp::detail

#if defined(__GNUC__)
#define CTP_DETAIL_SUPPRESS_PARENTHESES \
    _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wparentheses\"")
#define CTP_DETAIL_RESTORE_WARNINGS _Pragma("GCC diagnostic pop")
#else
#define CTP_DETAIL_SUPPRESS_PARENTHESES
#define CTP_DETAIL_RESTORE_WARNINGS
#endif  // defined(__GNUC__)

#define CTP_DETAIL_SITE(macro, expression, fatal) \
    static constexpr ::ctp::detail::AssertionSite ctp_site { macro, expression, __FILE__, __LINE__, fatal }

#define CTP_DETAIL_CHECK(macro, fatal, checker, ...)                                  \
    do {                                                                              \
        CTP_DETAIL_SITE(macro, #__VA_ARGS__, fatal);                                  \
        CTP_DETAIL_SUPPRESS_PARENTHESES                                               \
        ::ctp::detail::checker(ctp_site, ::ctp::detail::Decomposer() <= __VA_ARGS__); \
        CTP_DETAIL_RESTORE_WARNINGS                                                   \
    } while (false)

#define CTP_DETAIL_THROWS_AS(macro, fatal, expression, ...)                             \
    do {                                                                                \
        CTP_DETAIL_SITE(macro, #expression ", " #__VA_ARGS__, fatal);                   \
        bool ctp_threw = false;                                                         \
        try {                                                                           \
            static_cast<void>(expression);                                              \
        } catch (const ::std::remove_cvref_t<__VA_ARGS__>&) {                           \
            ctp_threw = true;                                                           \
        } catch (...) {                                                                 \
            ctp_threw = true;                                                           \
            ::ctp::detail::throws_failed(ctp_site, "threw another type", true);         \
        }                                                                               \
        if (!ctp_threw) ::ctp::detail::throws_failed(ctp_site, "threw nothing", false); \
    } while (false)

#define CTP_DETAIL_THROWS(macro, fatal, ...)                                            \
    do {                                                                                \
        CTP_DETAIL_SITE(macro, #__VA_ARGS__, fatal);                                    \
        bool ctp_threw = false;                                                         \
        try {                                                                           \
            static_cast<void>(__VA_ARGS__);                                             \
        } catch (...) {                                                                 \
            ctp_threw = true;                                                           \
        }                                                                               \
        if (!ctp_threw) ::ctp::detail::throws_failed(ctp_site, "threw nothing", false); \
    } while (false)

#define CTP_DETAIL_NOTHROW(macro, fatal, ...)                      \
    do {                                                           \
        CTP_DETAIL_SITE(macro, #__VA_ARGS__, fatal);               \
        try {                                                      \
            static_cast<void>(__VA_ARGS__);                        \
        } catch (...) {                                            \
            ::ctp::detail::throws_failed(ctp_site, "threw", true); \
        }                                                          \
    } while (false)

// The exception-text checks of matchers.hpp and the doctest front end: `check` reads the
// thrown object's text inside its handler, where it can still be read.
#define CTP_DETAIL_THROWS_TEXT(macro, fatal, check, expression, ...)                    \
    do {                                                                                \
        CTP_DETAIL_SITE(macro, #expression ", " #__VA_ARGS__, fatal);                   \
        bool ctp_threw = false;                                                         \
        try {                                                                           \
            static_cast<void>(expression);                                              \
        } catch (...) {                                                                 \
            ctp_threw = true;                                                           \
            check(ctp_site, __VA_ARGS__);                                               \
        }                                                                               \
        if (!ctp_threw) ::ctp::detail::throws_failed(ctp_site, "threw nothing", false); \
    } while (false)

#define CTP_DETAIL_THROWS_TEXT_AS(macro, fatal, check, expression, expected, ...)       \
    do {                                                                                \
        CTP_DETAIL_SITE(macro, #expression ", " #expected ", " #__VA_ARGS__, fatal);    \
        bool ctp_threw = false;                                                         \
        try {                                                                           \
            static_cast<void>(expression);                                              \
        } catch (const ::std::remove_cvref_t<__VA_ARGS__>&) {                           \
            ctp_threw = true;                                                           \
            check(ctp_site, expected);                                                  \
        } catch (...) {                                                                 \
            ctp_threw = true;                                                           \
            ::ctp::detail::throws_failed(ctp_site, "threw another type", true);         \
        }                                                                               \
        if (!ctp_threw) ::ctp::detail::throws_failed(ctp_site, "threw nothing", false); \
    } while (false)

#define CTP_DETAIL_MESSAGE(handler, macro, ...)                                                                       \
    do {                                                                                                              \
        CTP_DETAIL_SITE(macro, #__VA_ARGS__, true);                                                                   \
        const auto& ctp_message = __VA_ARGS__;                                                                        \
        ::ctp::detail::handler(ctp_site, &::ctp::detail::print_message<::std::remove_cvref_t<decltype(ctp_message)>>, \
                               &ctp_message);                                                                         \
    } while (false)

#define CTP_CHECK(...) CTP_DETAIL_CHECK("CTP_CHECK", false, check, __VA_ARGS__)
#define CTP_REQUIRE(...) CTP_DETAIL_CHECK("CTP_REQUIRE", true, check, __VA_ARGS__)
#define CTP_CHECK_FALSE(...) CTP_DETAIL_CHECK("CTP_CHECK_FALSE", false, check_false, __VA_ARGS__)
#define CTP_REQUIRE_FALSE(...) CTP_DETAIL_CHECK("CTP_REQUIRE_FALSE", true, check_false, __VA_ARGS__)
#define CTP_CHECK_THROWS(...) CTP_DETAIL_THROWS("CTP_CHECK_THROWS", false, __VA_ARGS__)
#define CTP_REQUIRE_THROWS(...) CTP_DETAIL_THROWS("CTP_REQUIRE_THROWS", true, __VA_ARGS__)
#define CTP_CHECK_THROWS_AS(expression, ...) CTP_DETAIL_THROWS_AS("CTP_CHECK_THROWS_AS", false, expression, __VA_ARGS__)
#define CTP_REQUIRE_THROWS_AS(expression, ...) \
    CTP_DETAIL_THROWS_AS("CTP_REQUIRE_THROWS_AS", true, expression, __VA_ARGS__)
#define CTP_CHECK_NOTHROW(...) CTP_DETAIL_NOTHROW("CTP_CHECK_NOTHROW", false, __VA_ARGS__)
#define CTP_REQUIRE_NOTHROW(...) CTP_DETAIL_NOTHROW("CTP_REQUIRE_NOTHROW", true, __VA_ARGS__)
#define CTP_FAIL(...) CTP_DETAIL_MESSAGE(fail_test, "CTP_FAIL", __VA_ARGS__)
#define CTP_SKIP(...) CTP_DETAIL_MESSAGE(skip_test, "CTP_SKIP", __VA_ARGS__)

// Approximate numbers, matchers and exception text are in headers of their own, which only the
// files that use them pay for. Until one of them is included, its macros stop the build with
// a message naming it.
namespace ctp {
class Approx;  // defined in <ctp/approx.hpp>: include it to use ctp::Approx
}  // namespace ctp

#define CTP_DETAIL_NEEDS(macro, header) static_assert(false, macro " needs #include " header)
#define CTP_DETAIL_NEAR(macro, ...) CTP_DETAIL_NEEDS(macro, "<ctp/approx.hpp>")
#define CTP_DETAIL_THAT(macro, ...) CTP_DETAIL_NEEDS(macro, "<ctp/matchers.hpp>")
#define CTP_DETAIL_THROWS_WITH(macro, ...) CTP_DETAIL_NEEDS(macro, "<ctp/matchers.hpp>")
#define CTP_DETAIL_THROWS_WITH_AS(macro, ...) CTP_DETAIL_NEEDS(macro, "<ctp/matchers.hpp>")
#define CTP_DETAIL_THROWS_MATCHES(macro, ...) CTP_DETAIL_NEEDS(macro, "<ctp/matchers.hpp>")

#define CTP_CHECK_NEAR(lhs, rhs, ...) CTP_DETAIL_NEAR("CTP_CHECK_NEAR", false, lhs, rhs, __VA_ARGS__)
#define CTP_REQUIRE_NEAR(lhs, rhs, ...) CTP_DETAIL_NEAR("CTP_REQUIRE_NEAR", true, lhs, rhs, __VA_ARGS__)
#define CTP_CHECK_THAT(value, ...) CTP_DETAIL_THAT("CTP_CHECK_THAT", false, value, __VA_ARGS__)
#define CTP_REQUIRE_THAT(value, ...) CTP_DETAIL_THAT("CTP_REQUIRE_THAT", true, value, __VA_ARGS__)
#define CTP_CHECK_THROWS_WITH(expression, ...) \
    CTP_DETAIL_THROWS_WITH("CTP_CHECK_THROWS_WITH", false, expression, __VA_ARGS__)
#define CTP_REQUIRE_THROWS_WITH(expression, ...) \
    CTP_DETAIL_THROWS_WITH("CTP_REQUIRE_THROWS_WITH", true, expression, __VA_ARGS__)
#define CTP_CHECK_THROWS_WITH_AS(expression, expected, ...) \
    CTP_DETAIL_THROWS_WITH_AS("CTP_CHECK_THROWS_WITH_AS", false, expression, expected, __VA_ARGS__)
#define CTP_REQUIRE_THROWS_WITH_AS(expression, expected, ...) \
    CTP_DETAIL_THROWS_WITH_AS("CTP_REQUIRE_THROWS_WITH_AS", true, expression, expected, __VA_ARGS__)
#define CTP_CHECK_THROWS_MATCHES(expression, type, ...) \
    CTP_DETAIL_THROWS_MATCHES("CTP_CHECK_THROWS_MATCHES", false, expression, type, __VA_ARGS__)
#define CTP_REQUIRE_THROWS_MATCHES(expression, type, ...) \
    CTP_DETAIL_THROWS_MATCHES("CTP_REQUIRE_THROWS_MATCHES", true, expression, type, __VA_ARGS__)

#endif  // CTP_ASSERTIONS_HPP
