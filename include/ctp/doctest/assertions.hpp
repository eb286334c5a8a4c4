#ifndef CTP_DOCTEST_ASSERTIONS_HPP
#define CTP_DOCTEST_ASSERTIONS_HPP

// doctest's assertions on ctp's: a failure reads as ctp's, naming the macro as written
// ("CHECK_EQ(a, b) failed with 1 == 2"). Each CHECK and REQUIRE (not WARN) adds to the test's
// assertion count, as doctest counts them.

#include "../approx.hpp"
#include "../assertions.hpp"
#include "../front_end.hpp"
#include "../logging.hpp"

namespace doctest {

using Approx = ctp::Approx;

// THROWS_WITH's expectation when only part of the text matters.
class Contains {
public:
    constexpr Contains(const char* text) : text_(text) {}
    constexpr const char* text() const noexcept { return text_; }

private:
    const char* text_;
};

namespace detail {

// The comparisons of CHECK_EQ and its siblings, as ctp's decomposed expressions.
template <class L, class R>
constexpr ctp::detail::BinaryExpression<L, R> eq(const L& lhs, const R& rhs) {
    return ctp::detail::ExpressionLhs<L>{lhs} == rhs;
}
template <class L, class R>
constexpr ctp::detail::BinaryExpression<L, R> ne(const L& lhs, const R& rhs) {
    return ctp::detail::ExpressionLhs<L>{lhs} != rhs;
}
template <class L, class R>
constexpr ctp::detail::BinaryExpression<L, R> lt(const L& lhs, const R& rhs) {
    return ctp::detail::ExpressionLhs<L>{lhs} < rhs;
}
template <class L, class R>
constexpr ctp::detail::BinaryExpression<L, R> gt(const L& lhs, const R& rhs) {
    return ctp::detail::ExpressionLhs<L>{lhs} > rhs;
}
template <class L, class R>
constexpr ctp::detail::BinaryExpression<L, R> le(const L& lhs, const R& rhs) {
    return ctp::detail::ExpressionLhs<L>{lhs} <= rhs;
}
template <class L, class R>
constexpr ctp::detail::BinaryExpression<L, R> ge(const L& lhs, const R& rhs) {
    return ctp::detail::ExpressionLhs<L>{lhs} >= rhs;
}

// Out of line, in a catch block: whether the exception in flight's text (what(), a string
// thrown, or "unknown exception", as doctest translates it) is `expected`, or contains it;
// when not, the failure says what it was.
void check_exception_text(const ctp::detail::AssertionSite& site, const char* expected, bool contains);
inline void check_exception_text(const ctp::detail::AssertionSite& site, const char* expected) {
    check_exception_text(site, expected, false);
}
inline void check_exception_text(const ctp::detail::AssertionSite& site, const Contains& expected) {
    check_exception_text(site, expected.text(), true);
}
// MESSAGE, FAIL_CHECK and FAIL: `fatal` ends the test; `warning` does not fail it.
template <class... Parts>
void message(const ctp::detail::AssertionSite& site, bool warning, const Parts&... parts);
void report_message(const ctp::detail::AssertionSite& site, bool warning, ctp::detail::Printer print,
                    const void* parts);

template <class... Parts>
struct MessageParts {
    const void* parts[sizeof...(Parts) + 1];
    static void print(ctp::detail::Sink& sink, const void* object) {
        const void* const* at = static_cast<const MessageParts*>(object)->parts;
        (ctp::detail::print_message<Parts>(sink, *at++), ...);
    }
};

template <class... Parts>
void message(const ctp::detail::AssertionSite& site, bool warning, const Parts&... parts) {
    const MessageParts<Parts...> all{{static_cast<const void*>(&parts)..., nullptr}};
    report_message(site, warning, &MessageParts<Parts...>::print, &all);
}

}  // namespace detail

}  // namespace doctest

#define CTP_DOCTEST_COUNTED(...)          \
    do {                                  \
        ++::ctp::detail::assertions_made; \
        __VA_ARGS__;                      \
    } while (false)

#define CTP_DOCTEST_CHECK(macro, fatal, checker, ...) \
    CTP_DOCTEST_COUNTED(CTP_DETAIL_CHECK(macro, fatal, checker, __VA_ARGS__))

#define CTP_DOCTEST_BINARY(macro, fatal, compare, ...)                           \
    CTP_DOCTEST_COUNTED(do {                                                     \
        CTP_DETAIL_SITE(macro, #__VA_ARGS__, fatal);                             \
        ::ctp::detail::check(ctp_site, ::doctest::detail::compare(__VA_ARGS__)); \
    } while (false))

#define CTP_DOCTEST_THROWS_WITH(macro, fatal, expression, ...) \
    CTP_DOCTEST_COUNTED(                                       \
        CTP_DETAIL_THROWS_TEXT(macro, fatal, ::doctest::detail::check_exception_text, expression, __VA_ARGS__))

#define CTP_DOCTEST_THROWS_WITH_AS(macro, fatal, expression, expected, ...)                                          \
    CTP_DOCTEST_COUNTED(CTP_DETAIL_THROWS_TEXT_AS(macro, fatal, ::doctest::detail::check_exception_text, expression, \
                                                  expected, __VA_ARGS__))

#define CTP_DOCTEST_MESSAGE(macro, warning, fatal, ...)             \
    do {                                                            \
        CTP_DETAIL_SITE(macro, #__VA_ARGS__, fatal);                \
        ::doctest::detail::message(ctp_site, warning, __VA_ARGS__); \
    } while (false)

#define DOCTEST_CHECK(...) CTP_DOCTEST_CHECK("CHECK", false, check, __VA_ARGS__)
#define DOCTEST_REQUIRE(...) CTP_DOCTEST_CHECK("REQUIRE", true, check, __VA_ARGS__)
#define DOCTEST_WARN(...) CTP_DETAIL_CHECK("WARN", false, warn, __VA_ARGS__)
#define DOCTEST_CHECK_FALSE(...) CTP_DOCTEST_CHECK("CHECK_FALSE", false, check_false, __VA_ARGS__)
#define DOCTEST_REQUIRE_FALSE(...) CTP_DOCTEST_CHECK("REQUIRE_FALSE", true, check_false, __VA_ARGS__)
#define DOCTEST_WARN_FALSE(...) CTP_DETAIL_CHECK("WARN_FALSE", false, warn_false, __VA_ARGS__)
#define DOCTEST_CHECK_UNARY(...) CTP_DOCTEST_CHECK("CHECK_UNARY", false, check, __VA_ARGS__)
#define DOCTEST_REQUIRE_UNARY(...) CTP_DOCTEST_CHECK("REQUIRE_UNARY", true, check, __VA_ARGS__)
#define DOCTEST_WARN_UNARY(...) CTP_DETAIL_CHECK("WARN_UNARY", false, warn, __VA_ARGS__)
#define DOCTEST_CHECK_UNARY_FALSE(...) CTP_DOCTEST_CHECK("CHECK_UNARY_FALSE", false, check_false, __VA_ARGS__)
#define DOCTEST_REQUIRE_UNARY_FALSE(...) CTP_DOCTEST_CHECK("REQUIRE_UNARY_FALSE", true, check_false, __VA_ARGS__)
#define DOCTEST_WARN_UNARY_FALSE(...) CTP_DETAIL_CHECK("WARN_UNARY_FALSE", false, warn_false, __VA_ARGS__)

#define DOCTEST_CHECK_MESSAGE(condition, ...) \
    CTP_DOCTEST_COUNTED(CTP_DETAIL_CHECK_MESSAGE("CHECK_MESSAGE", false, check, condition, __VA_ARGS__))
#define DOCTEST_REQUIRE_MESSAGE(condition, ...) \
    CTP_DOCTEST_COUNTED(CTP_DETAIL_CHECK_MESSAGE("REQUIRE_MESSAGE", true, check, condition, __VA_ARGS__))
#define DOCTEST_WARN_MESSAGE(condition, ...) \
    CTP_DETAIL_CHECK_MESSAGE("WARN_MESSAGE", false, warn, condition, __VA_ARGS__)
#define DOCTEST_CHECK_FALSE_MESSAGE(condition, ...) \
    CTP_DOCTEST_COUNTED(CTP_DETAIL_CHECK_MESSAGE("CHECK_FALSE_MESSAGE", false, check_false, condition, __VA_ARGS__))
#define DOCTEST_REQUIRE_FALSE_MESSAGE(condition, ...) \
    CTP_DOCTEST_COUNTED(CTP_DETAIL_CHECK_MESSAGE("REQUIRE_FALSE_MESSAGE", true, check_false, condition, __VA_ARGS__))
#define DOCTEST_WARN_FALSE_MESSAGE(condition, ...) \
    CTP_DETAIL_CHECK_MESSAGE("WARN_FALSE_MESSAGE", false, warn_false, condition, __VA_ARGS__)

#define DOCTEST_CHECK_EQ(...) CTP_DOCTEST_BINARY("CHECK_EQ", false, eq, __VA_ARGS__)
#define DOCTEST_REQUIRE_EQ(...) CTP_DOCTEST_BINARY("REQUIRE_EQ", true, eq, __VA_ARGS__)
#define DOCTEST_CHECK_NE(...) CTP_DOCTEST_BINARY("CHECK_NE", false, ne, __VA_ARGS__)
#define DOCTEST_REQUIRE_NE(...) CTP_DOCTEST_BINARY("REQUIRE_NE", true, ne, __VA_ARGS__)
#define DOCTEST_CHECK_LT(...) CTP_DOCTEST_BINARY("CHECK_LT", false, lt, __VA_ARGS__)
#define DOCTEST_REQUIRE_LT(...) CTP_DOCTEST_BINARY("REQUIRE_LT", true, lt, __VA_ARGS__)
#define DOCTEST_CHECK_GT(...) CTP_DOCTEST_BINARY("CHECK_GT", false, gt, __VA_ARGS__)
#define DOCTEST_REQUIRE_GT(...) CTP_DOCTEST_BINARY("REQUIRE_GT", true, gt, __VA_ARGS__)
#define DOCTEST_CHECK_LE(...) CTP_DOCTEST_BINARY("CHECK_LE", false, le, __VA_ARGS__)
#define DOCTEST_REQUIRE_LE(...) CTP_DOCTEST_BINARY("REQUIRE_LE", true, le, __VA_ARGS__)
#define DOCTEST_CHECK_GE(...) CTP_DOCTEST_BINARY("CHECK_GE", false, ge, __VA_ARGS__)
#define DOCTEST_REQUIRE_GE(...) CTP_DOCTEST_BINARY("REQUIRE_GE", true, ge, __VA_ARGS__)
#define DOCTEST_WARN_EQ(...) CTP_DETAIL_CHECK_BINARY_WARN("WARN_EQ", eq, __VA_ARGS__)
#define DOCTEST_WARN_NE(...) CTP_DETAIL_CHECK_BINARY_WARN("WARN_NE", ne, __VA_ARGS__)
#define DOCTEST_WARN_LT(...) CTP_DETAIL_CHECK_BINARY_WARN("WARN_LT", lt, __VA_ARGS__)
#define DOCTEST_WARN_GT(...) CTP_DETAIL_CHECK_BINARY_WARN("WARN_GT", gt, __VA_ARGS__)
#define DOCTEST_WARN_LE(...) CTP_DETAIL_CHECK_BINARY_WARN("WARN_LE", le, __VA_ARGS__)
#define DOCTEST_WARN_GE(...) CTP_DETAIL_CHECK_BINARY_WARN("WARN_GE", ge, __VA_ARGS__)
#define CTP_DETAIL_CHECK_BINARY_WARN(macro, compare, ...)                       \
    do {                                                                        \
        CTP_DETAIL_SITE(macro, #__VA_ARGS__, false);                            \
        ::ctp::detail::warn(ctp_site, ::doctest::detail::compare(__VA_ARGS__)); \
    } while (false)

// WARN_THROWS and its siblings: a failed one fails the test as a CHECK does (ctp's warnings
// come from conditions only).
#define DOCTEST_CHECK_THROWS(...) CTP_DOCTEST_COUNTED(CTP_DETAIL_THROWS("CHECK_THROWS", false, __VA_ARGS__))
#define DOCTEST_REQUIRE_THROWS(...) CTP_DOCTEST_COUNTED(CTP_DETAIL_THROWS("REQUIRE_THROWS", true, __VA_ARGS__))
#define DOCTEST_WARN_THROWS(...) CTP_DETAIL_THROWS("WARN_THROWS", false, __VA_ARGS__)
#define DOCTEST_CHECK_THROWS_AS(expression, ...) \
    CTP_DOCTEST_COUNTED(CTP_DETAIL_THROWS_AS("CHECK_THROWS_AS", false, expression, __VA_ARGS__))
#define DOCTEST_REQUIRE_THROWS_AS(expression, ...) \
    CTP_DOCTEST_COUNTED(CTP_DETAIL_THROWS_AS("REQUIRE_THROWS_AS", true, expression, __VA_ARGS__))
#define DOCTEST_WARN_THROWS_AS(expression, ...) CTP_DETAIL_THROWS_AS("WARN_THROWS_AS", false, expression, __VA_ARGS__)
#define DOCTEST_CHECK_THROWS_WITH(expression, ...) \
    CTP_DOCTEST_THROWS_WITH("CHECK_THROWS_WITH", false, expression, __VA_ARGS__)
#define DOCTEST_REQUIRE_THROWS_WITH(expression, ...) \
    CTP_DOCTEST_THROWS_WITH("REQUIRE_THROWS_WITH", true, expression, __VA_ARGS__)
#define DOCTEST_WARN_THROWS_WITH(expression, ...) \
    CTP_DOCTEST_THROWS_WITH("WARN_THROWS_WITH", false, expression, __VA_ARGS__)
#define DOCTEST_CHECK_THROWS_WITH_AS(expression, expected, ...) \
    CTP_DOCTEST_THROWS_WITH_AS("CHECK_THROWS_WITH_AS", false, expression, expected, __VA_ARGS__)
#define DOCTEST_REQUIRE_THROWS_WITH_AS(expression, expected, ...) \
    CTP_DOCTEST_THROWS_WITH_AS("REQUIRE_THROWS_WITH_AS", true, expression, expected, __VA_ARGS__)
#define DOCTEST_WARN_THROWS_WITH_AS(expression, expected, ...) \
    CTP_DOCTEST_THROWS_WITH_AS("WARN_THROWS_WITH_AS", false, expression, expected, __VA_ARGS__)
#define DOCTEST_CHECK_NOTHROW(...) CTP_DOCTEST_COUNTED(CTP_DETAIL_NOTHROW("CHECK_NOTHROW", false, __VA_ARGS__))
#define DOCTEST_REQUIRE_NOTHROW(...) CTP_DOCTEST_COUNTED(CTP_DETAIL_NOTHROW("REQUIRE_NOTHROW", true, __VA_ARGS__))
#define DOCTEST_WARN_NOTHROW(...) CTP_DETAIL_NOTHROW("WARN_NOTHROW", false, __VA_ARGS__)

#define DOCTEST_INFO(...) CTP_INFO(__VA_ARGS__)
#define DOCTEST_CAPTURE(...) CTP_CAPTURE(__VA_ARGS__)
#define DOCTEST_MESSAGE(...) CTP_DOCTEST_MESSAGE("MESSAGE", true, false, __VA_ARGS__)
#define DOCTEST_FAIL_CHECK(...) CTP_DOCTEST_COUNTED(CTP_DOCTEST_MESSAGE("FAIL_CHECK", false, false, __VA_ARGS__))
#define DOCTEST_FAIL(...) CTP_DOCTEST_COUNTED(CTP_DOCTEST_MESSAGE("FAIL", false, true, __VA_ARGS__))
#define DOCTEST_ADD_MESSAGE_AT(file, line, ...) DOCTEST_MESSAGE(__VA_ARGS__)
#define DOCTEST_ADD_FAIL_CHECK_AT(file, line, ...) DOCTEST_FAIL_CHECK(__VA_ARGS__)
#define DOCTEST_ADD_FAIL_AT(file, line, ...) DOCTEST_FAIL(__VA_ARGS__)

#if !defined(DOCTEST_CONFIG_NO_SHORT_MACRO_NAMES)
#define CHECK(...) DOCTEST_CHECK(__VA_ARGS__)
#define REQUIRE(...) DOCTEST_REQUIRE(__VA_ARGS__)
#define WARN(...) DOCTEST_WARN(__VA_ARGS__)
#define CHECK_FALSE(...) DOCTEST_CHECK_FALSE(__VA_ARGS__)
#define REQUIRE_FALSE(...) DOCTEST_REQUIRE_FALSE(__VA_ARGS__)
#define WARN_FALSE(...) DOCTEST_WARN_FALSE(__VA_ARGS__)
#define CHECK_UNARY(...) DOCTEST_CHECK_UNARY(__VA_ARGS__)
#define REQUIRE_UNARY(...) DOCTEST_REQUIRE_UNARY(__VA_ARGS__)
#define WARN_UNARY(...) DOCTEST_WARN_UNARY(__VA_ARGS__)
#define CHECK_UNARY_FALSE(...) DOCTEST_CHECK_UNARY_FALSE(__VA_ARGS__)
#define REQUIRE_UNARY_FALSE(...) DOCTEST_REQUIRE_UNARY_FALSE(__VA_ARGS__)
#define WARN_UNARY_FALSE(...) DOCTEST_WARN_UNARY_FALSE(__VA_ARGS__)
#define CHECK_MESSAGE(condition, ...) DOCTEST_CHECK_MESSAGE(condition, __VA_ARGS__)
#define REQUIRE_MESSAGE(condition, ...) DOCTEST_REQUIRE_MESSAGE(condition, __VA_ARGS__)
#define WARN_MESSAGE(condition, ...) DOCTEST_WARN_MESSAGE(condition, __VA_ARGS__)
#define CHECK_FALSE_MESSAGE(condition, ...) DOCTEST_CHECK_FALSE_MESSAGE(condition, __VA_ARGS__)
#define REQUIRE_FALSE_MESSAGE(condition, ...) DOCTEST_REQUIRE_FALSE_MESSAGE(condition, __VA_ARGS__)
#define WARN_FALSE_MESSAGE(condition, ...) DOCTEST_WARN_FALSE_MESSAGE(condition, __VA_ARGS__)
#define CHECK_EQ(...) DOCTEST_CHECK_EQ(__VA_ARGS__)
#define REQUIRE_EQ(...) DOCTEST_REQUIRE_EQ(__VA_ARGS__)
#define WARN_EQ(...) DOCTEST_WARN_EQ(__VA_ARGS__)
#define CHECK_NE(...) DOCTEST_CHECK_NE(__VA_ARGS__)
#define REQUIRE_NE(...) DOCTEST_REQUIRE_NE(__VA_ARGS__)
#define WARN_NE(...) DOCTEST_WARN_NE(__VA_ARGS__)
#define CHECK_LT(...) DOCTEST_CHECK_LT(__VA_ARGS__)
#define REQUIRE_LT(...) DOCTEST_REQUIRE_LT(__VA_ARGS__)
#define WARN_LT(...) DOCTEST_WARN_LT(__VA_ARGS__)
#define CHECK_GT(...) DOCTEST_CHECK_GT(__VA_ARGS__)
#define REQUIRE_GT(...) DOCTEST_REQUIRE_GT(__VA_ARGS__)
#define WARN_GT(...) DOCTEST_WARN_GT(__VA_ARGS__)
#define CHECK_LE(...) DOCTEST_CHECK_LE(__VA_ARGS__)
#define REQUIRE_LE(...) DOCTEST_REQUIRE_LE(__VA_ARGS__)
#define WARN_LE(...) DOCTEST_WARN_LE(__VA_ARGS__)
#define CHECK_GE(...) DOCTEST_CHECK_GE(__VA_ARGS__)
#define REQUIRE_GE(...) DOCTEST_REQUIRE_GE(__VA_ARGS__)
#define WARN_GE(...) DOCTEST_WARN_GE(__VA_ARGS__)
#define CHECK_THROWS(...) DOCTEST_CHECK_THROWS(__VA_ARGS__)
#define REQUIRE_THROWS(...) DOCTEST_REQUIRE_THROWS(__VA_ARGS__)
#define WARN_THROWS(...) DOCTEST_WARN_THROWS(__VA_ARGS__)
#define CHECK_THROWS_AS(expression, ...) DOCTEST_CHECK_THROWS_AS(expression, __VA_ARGS__)
#define REQUIRE_THROWS_AS(expression, ...) DOCTEST_REQUIRE_THROWS_AS(expression, __VA_ARGS__)
#define WARN_THROWS_AS(expression, ...) DOCTEST_WARN_THROWS_AS(expression, __VA_ARGS__)
#define CHECK_THROWS_WITH(expression, ...) DOCTEST_CHECK_THROWS_WITH(expression, __VA_ARGS__)
#define REQUIRE_THROWS_WITH(expression, ...) DOCTEST_REQUIRE_THROWS_WITH(expression, __VA_ARGS__)
#define WARN_THROWS_WITH(expression, ...) DOCTEST_WARN_THROWS_WITH(expression, __VA_ARGS__)
#define CHECK_THROWS_WITH_AS(expression, expected, ...) DOCTEST_CHECK_THROWS_WITH_AS(expression, expected, __VA_ARGS__)
#define REQUIRE_THROWS_WITH_AS(expression, expected, ...) \
    DOCTEST_REQUIRE_THROWS_WITH_AS(expression, expected, __VA_ARGS__)
#define WARN_THROWS_WITH_AS(expression, expected, ...) DOCTEST_WARN_THROWS_WITH_AS(expression, expected, __VA_ARGS__)
#define CHECK_NOTHROW(...) DOCTEST_CHECK_NOTHROW(__VA_ARGS__)
#define REQUIRE_NOTHROW(...) DOCTEST_REQUIRE_NOTHROW(__VA_ARGS__)
#define WARN_NOTHROW(...) DOCTEST_WARN_NOTHROW(__VA_ARGS__)
#define INFO(...) DOCTEST_INFO(__VA_ARGS__)
#define CAPTURE(...) DOCTEST_CAPTURE(__VA_ARGS__)
#define MESSAGE(...) DOCTEST_MESSAGE(__VA_ARGS__)
#define FAIL_CHECK(...) DOCTEST_FAIL_CHECK(__VA_ARGS__)
#define FAIL(...) DOCTEST_FAIL(__VA_ARGS__)
#define ADD_MESSAGE_AT(file, line, ...) DOCTEST_ADD_MESSAGE_AT(file, line, __VA_ARGS__)
#define ADD_FAIL_CHECK_AT(file, line, ...) DOCTEST_ADD_FAIL_CHECK_AT(file, line, __VA_ARGS__)
#define ADD_FAIL_AT(file, line, ...) DOCTEST_ADD_FAIL_AT(file, line, __VA_ARGS__)
#endif  // !defined(DOCTEST_CONFIG_NO_SHORT_MACRO_NAMES)

#endif  // CTP_DOCTEST_ASSERTIONS_HPP
