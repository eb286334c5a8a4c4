#ifndef CTP_GTEST_ASSERTIONS_HPP
#define CTP_GTEST_ASSERTIONS_HPP

// GoogleTest's assertions: EXPECT_* record a failure and go on, ASSERT_* record it and return
// from the current function, each followed by an optional `<< message` that is evaluated only
// on failure. A passing assertion costs its comparison; what a failure says is built out of
// line, in assertions_implementation.hpp.

#include <cstddef>  // size_t
#include <ostream>
#include <string>
#include <type_traits>

#include "../front_end.hpp"
#include "printing.hpp"

namespace ctp::detail::gtest {

struct TraceAccess;
struct MessageAccess;

// Out of line: wide text as UTF-8, "(null)" for a null pointer.
void append_wide(std::ostream& os, const wchar_t* text);

// What `<<` writes into a GoogleTest message: null pointers as (null), wide text as UTF-8,
// bool as true or false, anything else as the stream writes it.
template <class T>
void stream_value(std::ostream& os, const T& value) {
    if constexpr (std::is_pointer_v<T>) {
        if constexpr (std::is_same_v<std::remove_cv_t<std::remove_pointer_t<T>>, wchar_t>) append_wide(os, value);
        else if (value == nullptr) os << "(null)";
        else os << value;
    } else if constexpr (std::is_array_v<T> && std::is_same_v<std::remove_cv_t<std::remove_extent_t<T>>, wchar_t>) {
        append_wide(os, value);
    } else if constexpr (requires {
                             requires std::is_same_v<typename T::value_type, wchar_t>;
                             value.c_str();
                         }) {
        append_wide(os, value.c_str());
    } else if constexpr (std::is_same_v<T, bool>) {
        os << (value ? "true" : "false");
    } else {
        os << value;
    }
}

}  // namespace ctp::detail::gtest

namespace testing {

// A text built with <<, as GoogleTest's: pointers print as (null) when null, wide text as
// UTF-8, doubles with 17 significant digits.
class Message {
public:
    Message();
    Message(const Message& other);
    explicit Message(const char* text);
    Message& operator=(const Message&) = delete;
    ~Message();

    template <class T>
    Message& operator<<(const T& value) {
        ::ctp::detail::gtest::stream_value(*stream_, value);
        return *this;
    }
    // std::endl and the other manipulators.
    Message& operator<<(std::ostream& (*manipulator)(std::ostream&)) {
        *stream_ << manipulator;
        return *this;
    }

    std::string GetString() const;

private:
    std::ostream* stream_;  // a std::stringstream, made out of line
    friend struct ::ctp::detail::gtest::MessageAccess;
};

inline std::ostream& operator<<(std::ostream& os, const Message& message) { return os << message.GetString(); }

// Whether an assertion held, and a message saying why.
class AssertionResult {
public:
    AssertionResult(const AssertionResult& other)
        : success_(other.success_),
          message_(other.message_ != nullptr ? new std::string(*other.message_) : nullptr) {}
    AssertionResult& operator=(AssertionResult other) noexcept {
        std::swap(success_, other.success_);
        std::swap(message_, other.message_);
        return *this;
    }
    // Anything convertible to bool, explicitly or not (a pointer, a smart pointer, an int).
    template <class T>
    requires(!std::is_convertible_v<const T&, AssertionResult>) explicit AssertionResult(const T& success)
        : success_(success) {}
    ~AssertionResult() { delete message_; }

    explicit operator bool() const noexcept { return success_; }
    AssertionResult operator!() const;
    const char* message() const noexcept { return message_ != nullptr ? message_->c_str() : ""; }
    const char* failure_message() const noexcept { return message(); }

    template <class T>
    AssertionResult& operator<<(const T& value) {
        append(Message() << value);
        return *this;
    }
    AssertionResult& operator<<(std::ostream& (*manipulator)(std::ostream&)) {
        append(Message() << manipulator);
        return *this;
    }

private:
    void append(const Message& message);

    bool success_;
    std::string* message_ = nullptr;  // null while empty, so that success costs no allocation
};

AssertionResult AssertionSuccess();
AssertionResult AssertionFailure();
AssertionResult AssertionFailure(const Message& message);

// SCOPED_TRACE's scope: failures inside it end with its file, line and message.
class ScopedTrace {
public:
    template <class T>
    ScopedTrace(const char* file, int line, const T& message) : ScopedTrace(file, line, Message() << message, 0) {}
    ScopedTrace(const ScopedTrace&) = delete;
    ScopedTrace& operator=(const ScopedTrace&) = delete;
    ~ScopedTrace();

private:
    ScopedTrace(const char* file, int line, const Message& message, int);

    const char* file_;
    int line_;
    std::string message_;
    const ScopedTrace* outer_;
    friend struct ::ctp::detail::gtest::TraceAccess;
};

}  // namespace testing

namespace ctp::detail::gtest {

using ::testing::AssertionResult;

// The matchers explain themselves into a Message's stream.
struct MessageAccess {
    static std::ostream& stream(::testing::Message& message) { return *message.stream_; }
};

// What a check found: null when it held, else GoogleTest's explanation, which the Report that
// records it deletes. A pointer, and Pending trivially destructible: a passing assertion is a
// call and a comparison, with no cleanup code, which is most of what an assertion costs to
// compile.
using CheckOutcome = std::string*;

// Out of line: an explanation as an CheckOutcome; a user's formatter's AssertionResult as one.
CheckOutcome failed(const std::string& explanation);
CheckOutcome outcome(const AssertionResult& result);

// The user's `<< message` after a failed assertion, with Message's rules, in a stream made out
// of line that the Report deletes.
class Pending {
public:
    Pending();

    template <class T>
    Pending& operator<<(const T& value) {
        stream_value(*stream, value);
        return *this;
    }
    Pending& operator<<(std::ostream& (*manipulator)(std::ostream&)) {
        *stream << manipulator;
        return *this;
    }

    std::ostream* stream;
};

// A failed assertion: where, the macro as written, and what GoogleTest explains (`fixed`, or
// `explanation`, which it deletes). Assigning the user's message records it (GoogleTest's
// idiom: `return Report{...} = Pending() << ...;` is a void expression, so ASSERT_* return
// from a void function only).
struct Report {
    const char* file;
    int line;
    const char* macro;  // "EXPECT_EQ(a, b)", or null for GTEST_SKIP
    const char* fixed;
    std::string* explanation;
    bool fatal;

    void operator=(const Pending& message) const;
};

// Out of line: the failure texts.
CheckOutcome eq_failure(const char* lhs_text, const char* rhs_text, Printer lhs_printer, const void* lhs,
                        Printer rhs_printer, const void* rhs);
CheckOutcome comparison_failure(const char* lhs_text, const char* rhs_text, const char* op, Printer lhs_printer,
                                const void* lhs, Printer rhs_printer, const void* rhs);
CheckOutcome boolean_failure(const char* text, const char* message, bool expected);
CheckOutcome strings(const char* lhs_text, const char* rhs_text, const char* lhs, const char* rhs, bool equal,
                     bool ignoring_case);
CheckOutcome strings(const char* lhs_text, const char* rhs_text, const wchar_t* lhs, const wchar_t* rhs, bool equal,
                     bool ignoring_case);
CheckOutcome floats(const char* lhs_text, const char* rhs_text, float lhs, float rhs);
CheckOutcome floats(const char* lhs_text, const char* rhs_text, double lhs, double rhs);
CheckOutcome near(const char* lhs_text, const char* rhs_text, const char* error_text, double lhs, double rhs,
                  double error);
// "IsEven(a) evaluates to false, where\na evaluates to 3"; texts and printers alternate.
CheckOutcome predicate_failure(const char* predicate_text, std::size_t count, const char* const* texts,
                               const Printer* printers, const void* const* values);
// `type` is null for ANY_THROW, "" for NO_THROW; `threw` says whether an exception is in
// flight (one of another type). Success for the outcome the macro expects.
CheckOutcome throw_failure(const char* statement, const char* type, bool threw);

// A pointer and an integer (nullptr, NULL or 0 in the user's code) compare as null pointers.
template <class A, class B>
constexpr bool null_literal = (std::is_integral_v<A> || std::is_null_pointer_v<A>)&&std::is_pointer_v<B>;

// The operands' types are the user's: GoogleTest compares them as they are, without warnings
// of signedness or float equality reaching a -Werror build.
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wfloat-equal"
#pragma GCC diagnostic ignored "-Wzero-as-null-pointer-constant"
#endif  // defined(__GNUC__)

template <class A, class B>
CheckOutcome eq(const char* lhs_text, const char* rhs_text, const A& lhs, const B& rhs) {
    if constexpr (null_literal<A, B>) {
        return eq(lhs_text, rhs_text, static_cast<B>(nullptr), rhs);
    } else if constexpr (null_literal<B, A>) {
        return eq(lhs_text, rhs_text, lhs, static_cast<A>(nullptr));
    } else {
        if (lhs == rhs) return {};
        return eq_failure(lhs_text, rhs_text, &print_erased<A>, &lhs, &print_erased<B>, &rhs);
    }
}

enum class Op { ne, lt, le, gt, ge, eq };

template <Op op, class A, class B>
CheckOutcome compare(const char* lhs_text, const char* rhs_text, const A& lhs, const B& rhs) {
    if constexpr (op == Op::ne && null_literal<A, B>) {
        if (rhs != nullptr) return {};
    } else if constexpr (op == Op::ne && null_literal<B, A>) {
        if (lhs != nullptr) return {};
    } else if constexpr (op == Op::ne) {
        if (lhs != rhs) return {};
    } else if constexpr (op == Op::lt) {
        if (lhs < rhs) return {};
    } else if constexpr (op == Op::le) {
        if (lhs <= rhs) return {};
    } else if constexpr (op == Op::gt) {
        if (lhs > rhs) return {};
    } else {
        if (lhs >= rhs) return {};
    }
    constexpr const char* names[] = {"!=", "<", "<=", ">", ">="};
    return comparison_failure(lhs_text, rhs_text, names[static_cast<int>(op)], &print_erased<A>, &lhs, &print_erased<B>,
                              &rhs);
}

#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif  // defined(__GNUC__)

template <class T>
CheckOutcome boolean(const T& condition, const char* text, bool expected) {
    if (static_cast<bool>(condition) == expected) return {};
    if constexpr (std::is_same_v<T, AssertionResult>) return boolean_failure(text, condition.message(), expected);
    else return boolean_failure(text, "", expected);
}

template <class Predicate, class... A>
CheckOutcome check_predicate(const char* predicate_text, const char* const (&texts)[sizeof...(A)],
                             const Predicate& predicate, const A&... values) {
    if (predicate(values...)) return {};
    const Printer printers[] = {&print_erased<A>...};
    const void* const pointers[] = {&values...};
    return predicate_failure(predicate_text, sizeof...(A), texts, printers, pointers);
}

}  // namespace ctp::detail::gtest

// GoogleTest's `if ... else` chains must not capture a user's `else`: the `switch` does.
#define CTP_DETAIL_GTEST_BLOCKER \
    switch (0)                   \
    case 0:                      \
    default:

#define CTP_DETAIL_GTEST_REPORT(macro, explanation, fatal) \
    ::ctp::detail::gtest::Report{__FILE__, __LINE__, macro, "", explanation, fatal} = ::ctp::detail::gtest::Pending()
#define CTP_DETAIL_GTEST_ON_FAILURE_0(macro, explanation) CTP_DETAIL_GTEST_REPORT(macro, explanation, false)
#define CTP_DETAIL_GTEST_ON_FAILURE_1(macro, explanation) return CTP_DETAIL_GTEST_REPORT(macro, explanation, true)

// The condition is an CheckOutcome; `fatal` is 0 or 1.
#define CTP_DETAIL_GTEST_ASSERT(macro, fatal, ...)                                                                    \
    CTP_DETAIL_GTEST_BLOCKER                                                                                          \
    if (const ::ctp::detail::gtest::CheckOutcome ctp_gtest_failure = (++::ctp::detail::assertions_made, __VA_ARGS__); \
        ctp_gtest_failure == nullptr)                                                                                 \
        ;                                                                                                             \
    else CTP_DETAIL_GTEST_ON_FAILURE_##fatal(macro, ctp_gtest_failure)

// The expression texts after macro expansion, as GoogleTest shows them (NULL as __null).
#define CTP_DETAIL_GTEST_FORMAT1(macro, fatal, format, a) \
    CTP_DETAIL_GTEST_ASSERT(macro, fatal, ::ctp::detail::gtest::outcome(format(#a, a)))
#define CTP_DETAIL_GTEST_FORMAT2(macro, fatal, format, a, b) \
    CTP_DETAIL_GTEST_ASSERT(macro, fatal, ::ctp::detail::gtest::outcome(format(#a, #b, a, b)))
#define CTP_DETAIL_GTEST_FORMAT3(macro, fatal, format, a, b, c) \
    CTP_DETAIL_GTEST_ASSERT(macro, fatal, ::ctp::detail::gtest::outcome(format(#a, #b, #c, a, b, c)))
#define CTP_DETAIL_GTEST_FORMAT4(macro, fatal, format, a, b, c, d) \
    CTP_DETAIL_GTEST_ASSERT(macro, fatal, ::ctp::detail::gtest::outcome(format(#a, #b, #c, #d, a, b, c, d)))
#define CTP_DETAIL_GTEST_FORMAT5(macro, fatal, format, a, b, c, d, e) \
    CTP_DETAIL_GTEST_ASSERT(macro, fatal, ::ctp::detail::gtest::outcome(format(#a, #b, #c, #d, #e, a, b, c, d, e)))

// The condition may hold commas; its text is shown after macro expansion, as GoogleTest's.
#define CTP_DETAIL_GTEST_BOOLEAN(macro, fatal, expected, ...) \
    CTP_DETAIL_GTEST_ASSERT(macro, fatal, ::ctp::detail::gtest::boolean((__VA_ARGS__), #__VA_ARGS__, expected))
#define CTP_DETAIL_GTEST_EQ(macro, fatal, a, b) \
    CTP_DETAIL_GTEST_ASSERT(macro, fatal, ::ctp::detail::gtest::eq(#a, #b, a, b))
#define CTP_DETAIL_GTEST_OP(macro, fatal, op, a, b) \
    CTP_DETAIL_GTEST_ASSERT(macro, fatal, ::ctp::detail::gtest::compare<::ctp::detail::gtest::Op::op>(#a, #b, a, b))
#define CTP_DETAIL_GTEST_STR(macro, fatal, equal, ignoring_case, a, b) \
    CTP_DETAIL_GTEST_ASSERT(macro, fatal, ::ctp::detail::gtest::strings(#a, #b, a, b, equal, ignoring_case))
#define CTP_DETAIL_GTEST_FLOAT(macro, fatal, type, a, b) \
    CTP_DETAIL_GTEST_ASSERT(macro, fatal,                \
                            ::ctp::detail::gtest::floats(#a, #b, static_cast<type>(a), static_cast<type>(b)))
#define CTP_DETAIL_GTEST_NEAR(macro, fatal, a, b, error) \
    CTP_DETAIL_GTEST_ASSERT(macro, fatal, ::ctp::detail::gtest::near(#a, #b, #error, a, b, error))

#define CTP_DETAIL_GTEST_PRED(macro, fatal, pred, ...) \
    CTP_DETAIL_GTEST_ASSERT(                           \
        macro, fatal,                                  \
        ::ctp::detail::gtest::check_predicate(#pred, {CTP_DETAIL_GTEST_TEXTS(__VA_ARGS__)}, pred, __VA_ARGS__))
#define CTP_DETAIL_GTEST_TEXTS(...) CTP_DETAIL_GTEST_TEXTS_N(__VA_ARGS__, 5, 4, 3, 2, 1)(__VA_ARGS__)
#define CTP_DETAIL_GTEST_TEXTS_N(a, b, c, d, e, n, ...) CTP_DETAIL_GTEST_TEXTS_##n
#define CTP_DETAIL_GTEST_TEXTS_1(a) #a
#define CTP_DETAIL_GTEST_TEXTS_2(a, b) #a, #b
#define CTP_DETAIL_GTEST_TEXTS_3(a, b, c) #a, #b, #c
#define CTP_DETAIL_GTEST_TEXTS_4(a, b, c, d) #a, #b, #c, #d
#define CTP_DETAIL_GTEST_TEXTS_5(a, b, c, d, e) #a, #b, #c, #d, #e

// The statement runs in a lambda of the condition: it may be a block, and the exception it
// throws is described while it is in flight.
#define CTP_DETAIL_GTEST_TRY(macro, fatal, statement, type, ...)                                        \
    CTP_DETAIL_GTEST_ASSERT(macro, fatal, [&]() -> ::ctp::detail::gtest::CheckOutcome {                 \
        try {                                                                                           \
            statement;                                                                                  \
        }                                                                                               \
        __VA_ARGS__ catch (...) { return ::ctp::detail::gtest::throw_failure(#statement, type, true); } \
        return ::ctp::detail::gtest::throw_failure(#statement, type, false);                            \
    }())
#define CTP_DETAIL_GTEST_THROWS(macro, fatal, statement, ...) \
    CTP_DETAIL_GTEST_TRY(                                     \
        macro, fatal, statement, #__VA_ARGS__, catch (const __VA_ARGS__&) { return {}; })
#define CTP_DETAIL_GTEST_ANY_THROW(macro, fatal, statement) CTP_DETAIL_GTEST_TRY(macro, fatal, statement, nullptr, )
#define CTP_DETAIL_GTEST_NO_THROW(macro, fatal, statement) CTP_DETAIL_GTEST_TRY(macro, fatal, statement, "", )

#define EXPECT_TRUE(...) CTP_DETAIL_GTEST_BOOLEAN("EXPECT_TRUE(" #__VA_ARGS__ ")", 0, true, __VA_ARGS__)
#define ASSERT_TRUE(...) CTP_DETAIL_GTEST_BOOLEAN("ASSERT_TRUE(" #__VA_ARGS__ ")", 1, true, __VA_ARGS__)
#define EXPECT_FALSE(...) CTP_DETAIL_GTEST_BOOLEAN("EXPECT_FALSE(" #__VA_ARGS__ ")", 0, false, __VA_ARGS__)
#define ASSERT_FALSE(...) CTP_DETAIL_GTEST_BOOLEAN("ASSERT_FALSE(" #__VA_ARGS__ ")", 1, false, __VA_ARGS__)

#define EXPECT_EQ(a, b) CTP_DETAIL_GTEST_EQ("EXPECT_EQ(" #a ", " #b ")", 0, a, b)
#define ASSERT_EQ(a, b) CTP_DETAIL_GTEST_EQ("ASSERT_EQ(" #a ", " #b ")", 1, a, b)
#define EXPECT_NE(a, b) CTP_DETAIL_GTEST_OP("EXPECT_NE(" #a ", " #b ")", 0, ne, a, b)
#define ASSERT_NE(a, b) CTP_DETAIL_GTEST_OP("ASSERT_NE(" #a ", " #b ")", 1, ne, a, b)
#define EXPECT_LT(a, b) CTP_DETAIL_GTEST_OP("EXPECT_LT(" #a ", " #b ")", 0, lt, a, b)
#define ASSERT_LT(a, b) CTP_DETAIL_GTEST_OP("ASSERT_LT(" #a ", " #b ")", 1, lt, a, b)
#define EXPECT_LE(a, b) CTP_DETAIL_GTEST_OP("EXPECT_LE(" #a ", " #b ")", 0, le, a, b)
#define ASSERT_LE(a, b) CTP_DETAIL_GTEST_OP("ASSERT_LE(" #a ", " #b ")", 1, le, a, b)
#define EXPECT_GT(a, b) CTP_DETAIL_GTEST_OP("EXPECT_GT(" #a ", " #b ")", 0, gt, a, b)
#define ASSERT_GT(a, b) CTP_DETAIL_GTEST_OP("ASSERT_GT(" #a ", " #b ")", 1, gt, a, b)
#define EXPECT_GE(a, b) CTP_DETAIL_GTEST_OP("EXPECT_GE(" #a ", " #b ")", 0, ge, a, b)
#define ASSERT_GE(a, b) CTP_DETAIL_GTEST_OP("ASSERT_GE(" #a ", " #b ")", 1, ge, a, b)

#define EXPECT_STREQ(a, b) CTP_DETAIL_GTEST_STR("EXPECT_STREQ(" #a ", " #b ")", 0, true, false, a, b)
#define ASSERT_STREQ(a, b) CTP_DETAIL_GTEST_STR("ASSERT_STREQ(" #a ", " #b ")", 1, true, false, a, b)
#define EXPECT_STRNE(a, b) CTP_DETAIL_GTEST_STR("EXPECT_STRNE(" #a ", " #b ")", 0, false, false, a, b)
#define ASSERT_STRNE(a, b) CTP_DETAIL_GTEST_STR("ASSERT_STRNE(" #a ", " #b ")", 1, false, false, a, b)
#define EXPECT_STRCASEEQ(a, b) CTP_DETAIL_GTEST_STR("EXPECT_STRCASEEQ(" #a ", " #b ")", 0, true, true, a, b)
#define ASSERT_STRCASEEQ(a, b) CTP_DETAIL_GTEST_STR("ASSERT_STRCASEEQ(" #a ", " #b ")", 1, true, true, a, b)
#define EXPECT_STRCASENE(a, b) CTP_DETAIL_GTEST_STR("EXPECT_STRCASENE(" #a ", " #b ")", 0, false, true, a, b)
#define ASSERT_STRCASENE(a, b) CTP_DETAIL_GTEST_STR("ASSERT_STRCASENE(" #a ", " #b ")", 1, false, true, a, b)

#define EXPECT_FLOAT_EQ(a, b) CTP_DETAIL_GTEST_FLOAT("EXPECT_FLOAT_EQ(" #a ", " #b ")", 0, float, a, b)
#define ASSERT_FLOAT_EQ(a, b) CTP_DETAIL_GTEST_FLOAT("ASSERT_FLOAT_EQ(" #a ", " #b ")", 1, float, a, b)
#define EXPECT_DOUBLE_EQ(a, b) CTP_DETAIL_GTEST_FLOAT("EXPECT_DOUBLE_EQ(" #a ", " #b ")", 0, double, a, b)
#define ASSERT_DOUBLE_EQ(a, b) CTP_DETAIL_GTEST_FLOAT("ASSERT_DOUBLE_EQ(" #a ", " #b ")", 1, double, a, b)
#define EXPECT_NEAR(a, b, error) CTP_DETAIL_GTEST_NEAR("EXPECT_NEAR(" #a ", " #b ", " #error ")", 0, a, b, error)
#define ASSERT_NEAR(a, b, error) CTP_DETAIL_GTEST_NEAR("ASSERT_NEAR(" #a ", " #b ", " #error ")", 1, a, b, error)

#define EXPECT_THROW(statement, ...) \
    CTP_DETAIL_GTEST_THROWS("EXPECT_THROW(" #statement ", " #__VA_ARGS__ ")", 0, statement, __VA_ARGS__)
#define ASSERT_THROW(statement, ...) \
    CTP_DETAIL_GTEST_THROWS("ASSERT_THROW(" #statement ", " #__VA_ARGS__ ")", 1, statement, __VA_ARGS__)
#define EXPECT_ANY_THROW(...) CTP_DETAIL_GTEST_ANY_THROW("EXPECT_ANY_THROW(" #__VA_ARGS__ ")", 0, __VA_ARGS__)
#define ASSERT_ANY_THROW(...) CTP_DETAIL_GTEST_ANY_THROW("ASSERT_ANY_THROW(" #__VA_ARGS__ ")", 1, __VA_ARGS__)
#define EXPECT_NO_THROW(...) CTP_DETAIL_GTEST_NO_THROW("EXPECT_NO_THROW(" #__VA_ARGS__ ")", 0, __VA_ARGS__)
#define ASSERT_NO_THROW(...) CTP_DETAIL_GTEST_NO_THROW("ASSERT_NO_THROW(" #__VA_ARGS__ ")", 1, __VA_ARGS__)

#define EXPECT_PRED1(p, a) CTP_DETAIL_GTEST_PRED("EXPECT_PRED1(" #p ", " #a ")", 0, p, a)
#define ASSERT_PRED1(p, a) CTP_DETAIL_GTEST_PRED("ASSERT_PRED1(" #p ", " #a ")", 1, p, a)
#define EXPECT_PRED2(p, a, b) CTP_DETAIL_GTEST_PRED("EXPECT_PRED2(" #p ", " #a ", " #b ")", 0, p, a, b)
#define ASSERT_PRED2(p, a, b) CTP_DETAIL_GTEST_PRED("ASSERT_PRED2(" #p ", " #a ", " #b ")", 1, p, a, b)
#define EXPECT_PRED3(p, a, b, c) CTP_DETAIL_GTEST_PRED("EXPECT_PRED3(" #p ", " #a ", " #b ", " #c ")", 0, p, a, b, c)
#define ASSERT_PRED3(p, a, b, c) CTP_DETAIL_GTEST_PRED("ASSERT_PRED3(" #p ", " #a ", " #b ", " #c ")", 1, p, a, b, c)
#define EXPECT_PRED4(p, a, b, c, d) \
    CTP_DETAIL_GTEST_PRED("EXPECT_PRED4(" #p ", " #a ", " #b ", " #c ", " #d ")", 0, p, a, b, c, d)
#define ASSERT_PRED4(p, a, b, c, d) \
    CTP_DETAIL_GTEST_PRED("ASSERT_PRED4(" #p ", " #a ", " #b ", " #c ", " #d ")", 1, p, a, b, c, d)
#define EXPECT_PRED5(p, a, b, c, d, e) \
    CTP_DETAIL_GTEST_PRED("EXPECT_PRED5(" #p ", " #a ", " #b ", " #c ", " #d ", " #e ")", 0, p, a, b, c, d, e)
#define ASSERT_PRED5(p, a, b, c, d, e) \
    CTP_DETAIL_GTEST_PRED("ASSERT_PRED5(" #p ", " #a ", " #b ", " #c ", " #d ", " #e ")", 1, p, a, b, c, d, e)

#define EXPECT_PRED_FORMAT1(f, a) CTP_DETAIL_GTEST_FORMAT1("EXPECT_PRED_FORMAT1(" #f ", " #a ")", 0, f, a)
#define ASSERT_PRED_FORMAT1(f, a) CTP_DETAIL_GTEST_FORMAT1("ASSERT_PRED_FORMAT1(" #f ", " #a ")", 1, f, a)
#define EXPECT_PRED_FORMAT2(f, a, b) CTP_DETAIL_GTEST_FORMAT2("EXPECT_PRED_FORMAT2(" #f ", " #a ", " #b ")", 0, f, a, b)
#define ASSERT_PRED_FORMAT2(f, a, b) CTP_DETAIL_GTEST_FORMAT2("ASSERT_PRED_FORMAT2(" #f ", " #a ", " #b ")", 1, f, a, b)
#define EXPECT_PRED_FORMAT3(f, a, b, c) \
    CTP_DETAIL_GTEST_FORMAT3("EXPECT_PRED_FORMAT3(" #f ", " #a ", " #b ", " #c ")", 0, f, a, b, c)
#define ASSERT_PRED_FORMAT3(f, a, b, c) \
    CTP_DETAIL_GTEST_FORMAT3("ASSERT_PRED_FORMAT3(" #f ", " #a ", " #b ", " #c ")", 1, f, a, b, c)
#define EXPECT_PRED_FORMAT4(f, a, b, c, d) \
    CTP_DETAIL_GTEST_FORMAT4("EXPECT_PRED_FORMAT4(" #f ", " #a ", " #b ", " #c ", " #d ")", 0, f, a, b, c, d)
#define ASSERT_PRED_FORMAT4(f, a, b, c, d) \
    CTP_DETAIL_GTEST_FORMAT4("ASSERT_PRED_FORMAT4(" #f ", " #a ", " #b ", " #c ", " #d ")", 1, f, a, b, c, d)
#define EXPECT_PRED_FORMAT5(f, a, b, c, d, e) \
    CTP_DETAIL_GTEST_FORMAT5("EXPECT_PRED_FORMAT5(" #f ", " #a ", " #b ", " #c ", " #d ", " #e ")", 0, f, a, b, c, d, e)
#define ASSERT_PRED_FORMAT5(f, a, b, c, d, e) \
    CTP_DETAIL_GTEST_FORMAT5("ASSERT_PRED_FORMAT5(" #f ", " #a ", " #b ", " #c ", " #d ", " #e ")", 1, f, a, b, c, d, e)

// Failures without a condition. GTEST_SKIP's Report has no macro: its text is the reason alone.
#define CTP_DETAIL_GTEST_MESSAGE(macro, file, line, fatal, ...)                                \
    CTP_DETAIL_GTEST_BLOCKER                                                                   \
    if ((++::ctp::detail::assertions_made, false))                                             \
        ;                                                                                      \
    else                                                                                       \
        __VA_ARGS__::ctp::detail::gtest::Report{file, line, macro, "Failed", nullptr, fatal} = \
            ::ctp::detail::gtest::Pending()
#define ADD_FAILURE() CTP_DETAIL_GTEST_MESSAGE("ADD_FAILURE()", __FILE__, __LINE__, false, )
#define ADD_FAILURE_AT(file, line) CTP_DETAIL_GTEST_MESSAGE("ADD_FAILURE_AT(" #file ", " #line ")", file, line, false, )
#define GTEST_FAIL() CTP_DETAIL_GTEST_MESSAGE("FAIL()", __FILE__, __LINE__, true, return )
#define GTEST_FAIL_AT(file, line) \
    CTP_DETAIL_GTEST_MESSAGE("GTEST_FAIL_AT(" #file ", " #line ")", file, line, true, return )
#define GTEST_SUCCEED()                                                                                                \
    CTP_DETAIL_GTEST_BLOCKER if ((++::ctp::detail::assertions_made, ::ctp::detail::report_success(__FILE__, __LINE__), \
                                  true));                                                                              \
    else ::ctp::detail::gtest::Pending()
#define GTEST_SKIP()                                                                           \
    CTP_DETAIL_GTEST_BLOCKER                                                                   \
    if (false)                                                                                 \
        ;                                                                                      \
    else                                                                                       \
        return ::ctp::detail::gtest::Report{__FILE__, __LINE__, nullptr, "", nullptr, false} = \
                   ::ctp::detail::gtest::Pending()

#if !defined(GTEST_DONT_DEFINE_FAIL) || !GTEST_DONT_DEFINE_FAIL
#define FAIL() GTEST_FAIL()
#endif
#if !defined(GTEST_DONT_DEFINE_SUCCEED) || !GTEST_DONT_DEFINE_SUCCEED
#define SUCCEED() GTEST_SUCCEED()
#endif

#define CTP_DETAIL_GTEST_CONCAT_IMPL(a, b) a##b
#define CTP_DETAIL_GTEST_CONCAT(a, b) CTP_DETAIL_GTEST_CONCAT_IMPL(a, b)
#define SCOPED_TRACE(message) \
    const ::testing::ScopedTrace CTP_DETAIL_GTEST_CONCAT(ctp_gtest_trace_, __COUNTER__)(__FILE__, __LINE__, (message))

#endif  // CTP_GTEST_ASSERTIONS_HPP
