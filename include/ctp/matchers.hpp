#ifndef CTP_MATCHERS_HPP
#define CTP_MATCHERS_HPP

#include <cstddef>      // size_t
#include <type_traits>  // decay_t, remove_cvref_t, ...

#include "assertions.hpp"

// CTP_CHECK_THAT(value, matcher) and the exception-text assertions.
//
// A matcher is a type with `bool match(const T&) const` and `describe()`. describe() returns
// text (a const char*, or a std::string the matcher's own file includes) or any printable
// value, and says what a matching value is, as a phrase: "is even". A failure then reads
// `value 7 does not satisfy (is even)`, and a failure of `!m` reads `value 8 satisfies (is even)`.
// The built-in matchers word both forms themselves (`value "hello" does not start with "x"`);
// `a && b` explains the operand that failed, `a || b` both, `!a` its operand's match.

namespace ctp {

// A user's matcher that derives from this composes with `!`, `&&` and `||` on its own (they are
// found through it); one that does not, only next to one of ctp's matchers.
struct Matcher {};

namespace detail {

// String work, out of line: no <string>, <string_view> or <algorithm> here.
bool text_equals(const char* text, std::size_t size, const char* other, std::size_t other_size) noexcept;
bool text_contains(const char* text, std::size_t size, const char* part, std::size_t part_size) noexcept;
bool text_starts_with(const char* text, std::size_t size, const char* prefix, std::size_t prefix_size) noexcept;
bool text_ends_with(const char* text, std::size_t size, const char* suffix, std::size_t suffix_size) noexcept;
bool text_equals_ignoring_case(const char* text, std::size_t size, const char* other, std::size_t other_size) noexcept;
unsigned long long ulp_distance(double a, double b) noexcept;
unsigned long long ulp_distance(float a, float b) noexcept;
void write_percent(Sink& sink, double fraction);

// A view of text that matchers see: std::string_view's shape without <string_view>. It also
// converts to any type built from (pointer, size), so a matcher of std::string accepts it.
class Text {
public:
    constexpr Text(const char* data, std::size_t size) noexcept : data_(data), size_(size) {}
    constexpr const char* data() const noexcept { return data_; }
    constexpr std::size_t size() const noexcept { return size_; }

    template <class S>
    requires std::is_constructible_v<S, const char*, std::size_t>
    operator S() const { return S(data_, size_); }

private:
    const char* data_;
    std::size_t size_;
};

template <TextOperand T>
constexpr Text text_of(const T& value) noexcept {
    if constexpr (CharSequence<T>) {
        return {value.data(), static_cast<std::size_t>(value.size())};
    } else {
        const char* text = value;
        return {text != nullptr ? text : "", text != nullptr ? text_length(text) : 0};
    }
}

// The built-in matchers derive from this and word their own phrases.
struct BuiltInMatcher : Matcher {};

template <class M>
concept OwnPhrases = std::is_base_of_v<BuiltInMatcher, M>;

template <class M>
concept UserMatcher = !OwnPhrases<M> && requires(const M& matcher) {
    matcher.describe();
};

template <class M>
concept AnyMatcher = OwnPhrases<M> || UserMatcher<M>;

template <class M, class T>
constexpr bool matches(const M& matcher, const T& value) {
    return static_cast<bool>(matcher.match(value));
}

// What a matching value is, for lists: `starts with "a"`, or a user matcher's describe().
template <class M>
void write_description(Sink& sink, const M& matcher) {
    if constexpr (OwnPhrases<M>) {
        matcher.describe_to(sink, true);
    } else {
        const auto& description = matcher.describe();
        print_message<std::remove_cvref_t<decltype(description)>>(sink, &description);
    }
}

// A phrase whose subject is the value: `starts with "a"`, or with `holds` false
// `does not start with "a"`.
template <class M>
void write_phrase(Sink& sink, const M& matcher, bool holds) {
    if constexpr (OwnPhrases<M>) {
        matcher.describe_to(sink, holds);
    } else {
        write_text(sink, holds ? "satisfies (" : "does not satisfy (");
        write_description(sink, matcher);
        write_text(sink, ")");
    }
}

template <class M, class T>
concept Explains = requires(const M& matcher, Sink& sink, const T& value) {
    matcher.explain(sink, value, true);
};

// Why `value` matched (`matched`) or not, for a failure: the phrase, or the matcher's own
// account of this value (which element, which operand).
template <class M, class T>
void write_explanation(Sink& sink, const M& matcher, const T& value, bool matched) {
    if constexpr (Explains<M, T>) matcher.explain(sink, value, matched);
    else write_phrase(sink, matcher, matched);
}

template <class T>
concept Sized = requires(const T& value) {
    value.size();
};

template <class T>
std::size_t size_of(const T& value) {
    if constexpr (TextOperand<T>) {
        return text_of(value).size();
    } else if constexpr (Sized<T>) {
        return static_cast<std::size_t>(value.size());
    } else {
        std::size_t size = 0;
        for (auto it = value.begin(); it != value.end(); ++it) ++size;
        return size;
    }
}

// The element's own operands are the user's, compared with C++'s rules.
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wfloat-equal"
#endif  // defined(__GNUC__)

// A plain value where a matcher may stand: equal to it (text by its characters).
template <class E>
struct EqualTo : BuiltInMatcher {
    E expected;

    template <class T>
    bool match(const T& value) const {
        if constexpr (TextOperand<T> && TextOperand<E>) {
            const Text a = text_of(value), b = text_of(expected);
            return text_equals(a.data(), a.size(), b.data(), b.size());
        } else {
            return static_cast<bool>(value == expected);
        }
    }
    void describe_to(Sink& sink, bool holds) const {
        write_text(sink, holds ? "is " : "is not ");
        print_value(sink, expected);
    }
};

#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif  // defined(__GNUC__)

template <class E>
using MatcherFor = std::conditional_t<AnyMatcher<std::decay_t<E>>, std::decay_t<E>, EqualTo<std::decay_t<E>>>;

template <class E>
constexpr MatcherFor<E> as_matcher(E&& expected) {
    if constexpr (AnyMatcher<std::decay_t<E>>) return static_cast<E&&>(expected);
    else return {{}, static_cast<E&&>(expected)};
}

template <class M>
constexpr bool is_equal_to = false;
template <class E>
constexpr bool is_equal_to<EqualTo<E>> = true;

// An element of a list: a plain value as itself, a matcher in parentheses.
template <class M>
void write_item(Sink& sink, const M& matcher) {
    if constexpr (is_equal_to<M>) {
        print_value(sink, matcher.expected);
    } else {
        write_text(sink, "(");
        write_description(sink, matcher);
        write_text(sink, ")");
    }
}

template <class T>
void write_element(Sink& sink, std::size_t index, const T& element) {
    write_text(sink, "has element [");
    print_value(sink, index);
    write_text(sink, "] ");
    print_value(sink, element);
    write_text(sink, ", which ");
}

template <class A, class B>
struct Both : BuiltInMatcher {
    A first;
    B second;

    template <class T>
    bool match(const T& value) const {
        return matches(first, value) && matches(second, value);
    }
    void describe_to(Sink& sink, bool holds) const {
        write_phrase(sink, first, holds);
        write_text(sink, holds ? " and " : " or ");
        write_phrase(sink, second, holds);
    }
    template <class T>
    void explain(Sink& sink, const T& value, bool matched) const {
        if (matched) {
            write_explanation(sink, first, value, true);
            write_text(sink, " and ");
            write_explanation(sink, second, value, true);
        } else if (!matches(first, value)) {
            write_explanation(sink, first, value, false);
        } else {
            write_explanation(sink, second, value, false);
        }
    }
};

template <class A, class B>
struct Either : BuiltInMatcher {
    A first;
    B second;

    template <class T>
    bool match(const T& value) const {
        return matches(first, value) || matches(second, value);
    }
    void describe_to(Sink& sink, bool holds) const {
        write_phrase(sink, first, holds);
        write_text(sink, holds ? " or " : " and ");
        write_phrase(sink, second, holds);
    }
    template <class T>
    void explain(Sink& sink, const T& value, bool matched) const {
        if (!matched) {
            write_explanation(sink, first, value, false);
            write_text(sink, " and ");
            write_explanation(sink, second, value, false);
        } else if (matches(first, value)) {
            write_explanation(sink, first, value, true);
        } else {
            write_explanation(sink, second, value, true);
        }
    }
};

template <class M>
struct Not : BuiltInMatcher {
    M operand;

    template <class T>
    bool match(const T& value) const {
        return !matches(operand, value);
    }
    void describe_to(Sink& sink, bool holds) const { write_phrase(sink, operand, !holds); }
    template <class T>
    void explain(Sink& sink, const T& value, bool matched) const {
        write_explanation(sink, operand, value, !matched);
    }
};

// Text matchers keep their argument as given (a literal's pointer, or a copy of a string).
template <class S>
struct TextMatcher : BuiltInMatcher {
    static_assert(TextOperand<S>, "this ctp matcher takes text: a string literal, std::string or std::string_view");
    S text;

    Text argument() const noexcept { return text_of(text); }
    void write_phrase_parts(Sink& sink, bool holds, const char* yes, const char* no, const char* tail = "") const {
        write_text(sink, holds ? yes : no);
        print_value(sink, text);
        write_text(sink, tail);
    }
};

template <class T>
Text subject_text(const T& value) {
    static_assert(TextOperand<T>, "this ctp matcher applies to text: a const char*, std::string or std::string_view");
    return text_of(value);
}

template <class S>
struct StartsWith : TextMatcher<S> {
    template <class T>
    bool match(const T& value) const {
        const Text a = subject_text(value), b = this->argument();
        return text_starts_with(a.data(), a.size(), b.data(), b.size());
    }
    void describe_to(Sink& sink, bool holds) const {
        this->write_phrase_parts(sink, holds, "starts with ", "does not start with ");
    }
};

template <class S>
struct EndsWith : TextMatcher<S> {
    template <class T>
    bool match(const T& value) const {
        const Text a = subject_text(value), b = this->argument();
        return text_ends_with(a.data(), a.size(), b.data(), b.size());
    }
    void describe_to(Sink& sink, bool holds) const {
        this->write_phrase_parts(sink, holds, "ends with ", "does not end with ");
    }
};

template <class S>
struct EqualsIgnoringCase : TextMatcher<S> {
    template <class T>
    bool match(const T& value) const {
        const Text a = subject_text(value), b = this->argument();
        return text_equals_ignoring_case(a.data(), a.size(), b.data(), b.size());
    }
    void describe_to(Sink& sink, bool holds) const {
        this->write_phrase_parts(sink, holds, "equals ", "does not equal ", " ignoring case");
    }
};

template <class M>
struct AnyElement : BuiltInMatcher {
    M element;

    template <class T>
    bool match(const T& range) const {
        for (const auto& item : range)
            if (matches(element, item)) return true;
        return false;
    }
    void describe_to(Sink& sink, bool holds) const {
        write_text(sink, holds ? "has an element that " : "has no element that ");
        write_phrase(sink, element, true);
    }
    template <class T>
    void explain(Sink& sink, const T& range, bool matched) const {
        if (!matched) return describe_to(sink, false);
        std::size_t index = 0;
        for (const auto& item : range) {
            if (matches(element, item)) {
                write_element(sink, index, item);
                write_explanation(sink, element, item, true);
                return;
            }
            ++index;
        }
    }
};

template <class M>
struct Each : BuiltInMatcher {
    M element;

    template <class T>
    bool match(const T& range) const {
        for (const auto& item : range)
            if (!matches(element, item)) return false;
        return true;
    }
    void describe_to(Sink& sink, bool holds) const {
        write_text(sink, holds ? "is such that each element " : "has an element that ");
        write_phrase(sink, element, holds);
    }
    template <class T>
    void explain(Sink& sink, const T& range, bool matched) const {
        if (matched) return describe_to(sink, true);
        std::size_t index = 0;
        for (const auto& item : range) {
            if (!matches(element, item)) {
                write_element(sink, index, item);
                write_explanation(sink, element, item, false);
                return;
            }
            ++index;
        }
    }
};

// Substring of text, or (for any other value) an element equal to the argument.
template <class E>
struct Contains : BuiltInMatcher {
    E expected;

    template <class T>
    bool match(const T& value) const {
        if constexpr (TextOperand<T> && TextOperand<E>) {
            const Text a = text_of(value), b = text_of(expected);
            return text_contains(a.data(), a.size(), b.data(), b.size());
        } else if constexpr (TextOperand<T> && std::is_same_v<E, char>) {
            const Text a = text_of(value);
            return text_contains(a.data(), a.size(), &expected, 1);
        } else {
            return AnyElement<EqualTo<E>>{{}, {{}, expected}}.match(value);
        }
    }
    void describe_to(Sink& sink, bool holds) const {
        write_text(sink, holds ? "contains " : "does not contain ");
        print_value(sink, expected);
    }
};

struct IsEmpty : BuiltInMatcher {
    template <class T>
    bool match(const T& value) const {
        if constexpr (TextOperand<T> || Sized<T>) return size_of(value) == 0;
        else return !(value.begin() != value.end());
    }
    void describe_to(Sink& sink, bool holds) const { write_text(sink, holds ? "is empty" : "is not empty"); }
};

struct SizeIs : BuiltInMatcher {
    std::size_t size;

    template <class T>
    bool match(const T& value) const {
        return size_of(value) == size;
    }
    void describe_to(Sink& sink, bool holds) const {
        write_text(sink, holds ? "has size " : "does not have size ");
        print_value(sink, size);
    }
    template <class T>
    void explain(Sink& sink, const T& value, bool matched) const {
        if (matched) return describe_to(sink, true);
        write_text(sink, "has size ");
        print_value(sink, size_of(value));
        write_text(sink, ", not ");
        print_value(sink, size);
    }
};

// The matchers of elements_are, one per position from I on (without <tuple> or <utility>,
// which would cost every file that includes this one).
struct FromMatchers {};

template <std::size_t I, class... Ms>
struct Slots {
    constexpr explicit Slots(FromMatchers) noexcept {}
    void write_items(Sink&) const {}
    template <class T>
    bool matches_at(std::size_t, const T&) const {
        return false;
    }
    template <class T>
    void explain_at(Sink&, std::size_t, const T&) const {}
};

template <std::size_t I, class M, class... Rest>
struct Slots<I, M, Rest...> : Slots<I + 1, Rest...> {
    using Next = Slots<I + 1, Rest...>;
    M matcher;

    // The tag keeps this from standing in for the copy constructor.
    template <class A, class... As>
    constexpr Slots(FromMatchers tag, A&& first, As&&... rest)
        : Next(tag, static_cast<As&&>(rest)...),
          matcher(static_cast<A&&>(first)) {}

    void write_items(Sink& sink) const {
        if (I != 0) write_text(sink, ", ");
        write_item(sink, matcher);
        Next::write_items(sink);
    }
    template <class T>
    bool matches_at(std::size_t index, const T& value) const {
        return index == I ? matches(matcher, value) : Next::matches_at(index, value);
    }
    template <class T>
    void explain_at(Sink& sink, std::size_t index, const T& value) const {
        if (index == I) write_explanation(sink, matcher, value, false);
        else Next::explain_at(sink, index, value);
    }
};

template <class... Ms>
struct ElementList : Slots<0, Ms...> {
    static constexpr std::size_t count = sizeof...(Ms);

    template <class... As>
    constexpr explicit ElementList(FromMatchers tag, As&&... matchers)
        : Slots<0, Ms...>(tag, static_cast<As&&>(matchers)...) {}

    void write_list(Sink& sink) const {
        write_text(sink, "{");
        this->write_items(sink);
        write_text(sink, "}");
    }
};

template <class T>
void write_size_mismatch(Sink& sink, const T& range, std::size_t expected) {
    write_text(sink, "has ");
    print_value(sink, size_of(range));
    write_text(sink, " elements, not ");
    print_value(sink, expected);
}

template <class... Ms>
struct ElementsAre : BuiltInMatcher, ElementList<Ms...> {
    template <class... As>
    constexpr explicit ElementsAre(FromMatchers tag, As&&... matchers)
        : ElementList<Ms...>(tag, static_cast<As&&>(matchers)...) {}

    template <class T>
    bool match(const T& range) const {
        if (size_of(range) != this->count) return false;
        std::size_t index = 0;
        for (const auto& item : range)
            if (!this->matches_at(index++, item)) return false;
        return true;
    }
    void describe_to(Sink& sink, bool holds) const {
        write_text(sink, holds ? "has elements " : "does not have elements ");
        this->write_list(sink);
    }
    template <class T>
    void explain(Sink& sink, const T& range, bool matched) const {
        if (matched) return describe_to(sink, true);
        if (size_of(range) != this->count) return write_size_mismatch(sink, range, this->count);
        std::size_t index = 0;
        for (const auto& item : range) {
            if (!this->matches_at(index, item)) {
                write_element(sink, index, item);
                return this->explain_at(sink, index, item);
            }
            ++index;
        }
    }
};

template <class... Ms>
struct UnorderedElementsAre : BuiltInMatcher, ElementList<Ms...> {
    template <class... As>
    constexpr explicit UnorderedElementsAre(FromMatchers tag, As&&... matchers)
        : ElementList<Ms...>(tag, static_cast<As&&>(matchers)...) {}

    static constexpr std::size_t capacity = sizeof...(Ms) == 0 ? 1 : sizeof...(Ms);

    // Each element to a different matcher: a maximum bipartite matching (Kuhn's augmenting
    // paths), since an element may satisfy several matchers.
    template <class T>
    bool match(const T& range) const {
        constexpr std::size_t n = sizeof...(Ms);
        if (size_of(range) != n) return false;
        bool fits[capacity][capacity] = {};
        std::size_t i = 0;
        for (const auto& item : range) {
            for (std::size_t j = 0; j < n; ++j) fits[i][j] = this->matches_at(j, item);
            ++i;
        }
        std::size_t owner[capacity];
        for (std::size_t j = 0; j < n; ++j) owner[j] = n;
        for (std::size_t element = 0; element < n; ++element) {
            bool seen[capacity] = {};
            if (!augment(fits, owner, seen, element)) return false;
        }
        return true;
    }
    void describe_to(Sink& sink, bool holds) const {
        write_text(sink, holds ? "has elements " : "does not have elements ");
        this->write_list(sink);
        write_text(sink, " in any order");
    }
    template <class T>
    void explain(Sink& sink, const T& range, bool matched) const {
        if (!matched && size_of(range) != this->count) return write_size_mismatch(sink, range, this->count);
        describe_to(sink, matched);
    }

private:
    static bool augment(const bool (&fits)[capacity][capacity], std::size_t (&owner)[capacity], bool (&seen)[capacity],
                        std::size_t element) {
        for (std::size_t j = 0; j < sizeof...(Ms); ++j) {
            if (!fits[element][j] || seen[j]) continue;
            seen[j] = true;
            if (owner[j] == sizeof...(Ms) || augment(fits, owner, seen, owner[j])) {
                owner[j] = element;
                return true;
            }
        }
        return false;
    }
};

// An infinity is within any distance of itself, though inf - inf is NaN.
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wfloat-equal"
#endif  // defined(__GNUC__)

template <class T>
double as_double(const T& value) {
    static_assert(std::is_arithmetic_v<T>, "ctp's within_ matchers apply to numbers");
    return static_cast<double>(value);
}

constexpr double absolute(double value) noexcept { return value < 0 ? -value : value; }

struct WithinAbs : BuiltInMatcher {
    double target;
    double margin;

    template <class T>
    bool match(const T& value) const {
        const double a = as_double(value);
        return a == target || absolute(a - target) <= margin;
    }
    void describe_to(Sink& sink, bool holds) const {
        write_text(sink, holds ? "is within " : "is not within ");
        print_value(sink, margin);
        write_text(sink, " of ");
        print_value(sink, target);
    }
};

struct WithinRel : BuiltInMatcher {
    double target;
    double fraction;

    template <class T>
    bool match(const T& value) const {
        const double a = as_double(value);
        const double larger = absolute(a) > absolute(target) ? absolute(a) : absolute(target);
        return a == target || absolute(a - target) <= fraction * larger;
    }
    void describe_to(Sink& sink, bool holds) const {
        write_text(sink, holds ? "is within " : "is not within ");
        write_percent(sink, fraction);
        write_text(sink, " of ");
        print_value(sink, target);
    }
};

#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif  // defined(__GNUC__)

template <class F>
struct WithinUlp : BuiltInMatcher {
    F target;
    unsigned long long steps;

    template <class T>
    bool match(const T& value) const {
        static_assert(std::is_arithmetic_v<T>, "ctp::within_ulp applies to numbers");
        return ulp_distance(static_cast<F>(value), target) <= steps;
    }
    void describe_to(Sink& sink, bool holds) const {
        write_text(sink, holds ? "is within " : "is not within ");
        print_value(sink, steps);
        write_text(sink, steps == 1 ? " ULP of " : " ULPs of ");
        print_value(sink, target);
    }
};

// An exception's what(), for CTP_CHECK_THROWS_MATCHES.
template <class M>
struct WhatMatches : BuiltInMatcher {
    M text;

    template <class E>
    static Text what_of(const E& exception) {
        static_assert(
            requires { exception.what(); }, "ctp::message applies to exceptions with what()");
        return text_of(exception.what());
    }
    template <class E>
    bool match(const E& exception) const {
        return matches(text, what_of(exception));
    }
    void describe_to(Sink& sink, bool holds) const {
        write_text(sink, "has a message that ");
        write_phrase(sink, text, holds);
    }
    template <class E>
    void explain(Sink& sink, const E& exception, bool matched) const {
        const Text what = what_of(exception);
        write_text(sink, "has message ");
        print_value(sink, what);
        write_text(sink, ", which ");
        write_explanation(sink, text, what, matched);
    }
};

}  // namespace detail

template <class S>
constexpr detail::StartsWith<std::decay_t<S>> starts_with(S&& prefix) {
    return {{{}, static_cast<S&&>(prefix)}};
}
template <class S>
constexpr detail::EndsWith<std::decay_t<S>> ends_with(S&& suffix) {
    return {{{}, static_cast<S&&>(suffix)}};
}
template <class S>
constexpr detail::EqualsIgnoringCase<std::decay_t<S>> equals_ignoring_case(S&& text) {
    return {{{}, static_cast<S&&>(text)}};
}

// A substring of text, or an element of a range (equal to `expected`, or matching it when it
// is a matcher).
template <class E>
constexpr auto contains(E&& expected) {
    if constexpr (detail::AnyMatcher<std::decay_t<E>>)
        return detail::AnyElement<std::decay_t<E>>{{}, static_cast<E&&>(expected)};
    else return detail::Contains<std::decay_t<E>>{{}, static_cast<E&&>(expected)};
}

constexpr detail::IsEmpty is_empty() noexcept { return {}; }
constexpr detail::SizeIs size_is(std::size_t size) noexcept { return {{}, size}; }

// Each element matches the matcher (or equals the value) at its position.
template <class... E>
constexpr detail::ElementsAre<detail::MatcherFor<E>...> elements_are(E&&... expected) {
    return detail::ElementsAre<detail::MatcherFor<E>...>(detail::FromMatchers{},
                                                         detail::as_matcher(static_cast<E&&>(expected))...);
}
template <class... E>
constexpr detail::UnorderedElementsAre<detail::MatcherFor<E>...> unordered_elements_are(E&&... expected) {
    return detail::UnorderedElementsAre<detail::MatcherFor<E>...>(detail::FromMatchers{},
                                                                  detail::as_matcher(static_cast<E&&>(expected))...);
}
template <class E>
constexpr detail::Each<detail::MatcherFor<E>> each(E&& expected) {
    return {{}, detail::as_matcher(static_cast<E&&>(expected))};
}
template <class E>
constexpr detail::AnyElement<detail::MatcherFor<E>> any_element(E&& expected) {
    return {{}, detail::as_matcher(static_cast<E&&>(expected))};
}

// |value - target| <= margin.
template <class T, class M>
requires std::is_arithmetic_v<T> && std::is_arithmetic_v<M>
constexpr detail::WithinAbs within_abs(T target, M margin) noexcept {
    return {{}, static_cast<double>(target), static_cast<double>(margin)};
}
// |value - target| <= fraction * max(|value|, |target|).
template <class T, class F>
requires std::is_arithmetic_v<T> && std::is_arithmetic_v<F>
constexpr detail::WithinRel within_rel(T target, F fraction) noexcept {
    return {{}, static_cast<double>(target), static_cast<double>(fraction)};
}
// At most `steps` representable values apart, counted in the target's type (float or double).
template <class F>
requires std::is_floating_point_v<F>
constexpr detail::WithinUlp<std::conditional_t<std::is_same_v<F, float>, float, double>> within_ulp(
    F target, unsigned long long steps) noexcept {
    return {{}, target, steps};
}

// Applies to an exception's what(): a matcher of text, or the exact text.
template <class E>
constexpr detail::WhatMatches<detail::MatcherFor<E>> message(E&& expected) {
    return {{}, detail::as_matcher(static_cast<E&&>(expected))};
}

// Between ctp's matchers, or a ctp matcher and a user's (see ctp::Matcher).
template <class A, class B>
requires detail::AnyMatcher<A> && detail::AnyMatcher<B>
constexpr detail::Both<A, B> operator&&(const A& first, const B& second) { return {{}, first, second}; }
template <class A, class B>
requires detail::AnyMatcher<A> && detail::AnyMatcher<B>
constexpr detail::Either<A, B> operator||(const A& first, const B& second) { return {{}, first, second}; }
template <class A>
requires detail::AnyMatcher<A>
constexpr detail::Not<A> operator!(const A& operand) { return {{}, operand}; }

}  // namespace ctp

namespace ctp::detail {

// Out of line, only reached on failure.
void that_failed(const AssertionSite& site, Printer print, const void* mismatch);

using TextMatch = bool (*)(const void* matcher, Text text);
using TextExplain = void (*)(Sink& sink, const void* matcher, Text text);
// Inside a handler: matches the caught exception's text, or reports why not.
void check_exception_text(const AssertionSite& site, const void* matcher, TextMatch match, TextExplain explain);
// Inside a handler: reports the caught exception with `explain`'s account of it.
void exception_mismatch(const AssertionSite& site, Printer explain, const void* mismatch);

template <class T, class M>
struct Mismatch {
    const T& value;
    const M& matcher;

    static void print_value_and_reason(Sink& sink, const void* object) {
        const auto& self = *static_cast<const Mismatch*>(object);
        write_text(sink, "value ");
        print_value(sink, self.value);
        write_text(sink, " ");
        write_explanation(sink, self.matcher, self.value, false);
    }
    static void print_reason(Sink& sink, const void* object) {
        const auto& self = *static_cast<const Mismatch*>(object);
        write_explanation(sink, self.matcher, self.value, false);
    }
};

template <class T, class M>
inline void check_that(const AssertionSite& site, const T& value, const M& matcher) {
    static_assert(AnyMatcher<M>,
                  "the second argument of CTP_CHECK_THAT must be a matcher: ctp::starts_with(...), "
                  "..., or a type with match() and describe()");
    if constexpr (AnyMatcher<M>) {  // the static_assert as the only error
        if (!matches(matcher, value)) [[unlikely]] {
            const Mismatch<T, M> mismatch{value, matcher};
            that_failed(site, &Mismatch<T, M>::print_value_and_reason, &mismatch);
        }
    }
}

template <class M>
bool match_text(const void* matcher, Text text) {
    return matches(*static_cast<const M*>(matcher), text);
}

template <class M>
void explain_text(Sink& sink, const void* matcher, Text text) {
    write_explanation(sink, *static_cast<const M*>(matcher), text, false);
}

template <class E>
void check_thrown_text(const AssertionSite& site, E&& expected) {
    const MatcherFor<E> matcher = as_matcher(static_cast<E&&>(expected));
    check_exception_text(site, &matcher, &match_text<MatcherFor<E>>, &explain_text<MatcherFor<E>>);
}

template <class T, class M>
void check_thrown_object(const AssertionSite& site, const T& exception, const M& matcher) {
    static_assert(AnyMatcher<M>,
                  "the third argument of CTP_CHECK_THROWS_MATCHES must be a matcher (ctp::message(\"text\") "
                  "for what())");
    if constexpr (AnyMatcher<M>) {
        if (!matches(matcher, exception)) {
            const Mismatch<T, M> mismatch{exception, matcher};
            exception_mismatch(site, &Mismatch<T, M>::print_reason, &mismatch);
        }
    }
}

}  // namespace ctp::detail

// assertions.hpp has stand-ins for these, which say to include this header.
#undef CTP_DETAIL_THAT
#define CTP_DETAIL_THAT(macro, fatal, value, ...)                \
    do {                                                         \
        CTP_DETAIL_SITE(macro, #value ", " #__VA_ARGS__, fatal); \
        ::ctp::detail::check_that(ctp_site, value, __VA_ARGS__); \
    } while (false)

#undef CTP_DETAIL_THROWS_WITH
#define CTP_DETAIL_THROWS_WITH(macro, fatal, expression, ...) \
    CTP_DETAIL_THROWS_TEXT(macro, fatal, ::ctp::detail::check_thrown_text, expression, __VA_ARGS__)

#undef CTP_DETAIL_THROWS_WITH_AS
#define CTP_DETAIL_THROWS_WITH_AS(macro, fatal, expression, expected, ...) \
    CTP_DETAIL_THROWS_TEXT_AS(macro, fatal, ::ctp::detail::check_thrown_text, expression, expected, __VA_ARGS__)

#undef CTP_DETAIL_THROWS_MATCHES
#define CTP_DETAIL_THROWS_MATCHES(macro, fatal, expression, type, ...)                  \
    do {                                                                                \
        CTP_DETAIL_SITE(macro, #expression ", " #type ", " #__VA_ARGS__, fatal);        \
        bool ctp_threw = false;                                                         \
        try {                                                                           \
            static_cast<void>(expression);                                              \
        } catch (const ::std::remove_cvref_t<type>& ctp_exception) {                    \
            ctp_threw = true;                                                           \
            ::ctp::detail::check_thrown_object(ctp_site, ctp_exception, __VA_ARGS__);   \
        } catch (...) {                                                                 \
            ctp_threw = true;                                                           \
            ::ctp::detail::throws_failed(ctp_site, "threw another type", true);         \
        }                                                                               \
        if (!ctp_threw) ::ctp::detail::throws_failed(ctp_site, "threw nothing", false); \
    } while (false)

#endif  // CTP_MATCHERS_HPP
