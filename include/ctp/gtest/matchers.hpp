#ifndef CTP_GTEST_MATCHERS_HPP
#define CTP_GTEST_MATCHERS_HPP

// EXPECT_THAT / ASSERT_THAT and GoogleTest's common matchers (gmock's mocks are not part of
// the front end). A matcher says whether a value matches and, when asked, why; it describes
// itself or its negation. The failure text is built out of line (matchers_implementation.hpp),
// regular expressions too, so no test file pays for <regex>.

#include <cstddef>  // size_t
#include <ostream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <utility>  // index_sequence, move
#include <vector>

#include "assertions.hpp"
#include "printing.hpp"

namespace ctp::detail::gtest {

// What every matcher derives from, so that a plain value can be told from a matcher.
struct MatcherBase {};

template <class T>
concept IsMatcher = std::is_base_of_v<MatcherBase, T>;

// Out of line.
CheckOutcome that_failure(const char* text, const std::type_info& type, const std::string& description,
                          const std::string& actual, const std::string& explanation);
bool regex_matches(const std::string& pattern, const char* text, std::size_t size, bool whole);
void print_count(std::ostream& os, std::size_t count);  // "1 element", "3 elements"
// UnorderedElementsAre's verdict from its matrix (element-major: `elements` rows of
// `matchers` entries); `printouts` and `descriptions` are filled only when `explain` is set.
bool unordered_match(const std::vector<char>& matrix, std::size_t elements, std::size_t matchers,
                     const std::vector<std::string>& printouts, const std::vector<std::string>& descriptions,
                     std::ostream* explain);

// A Message's stream with the ostream's default precision, as GoogleTest's matchers print.
inline std::ostream& plain_stream(::testing::Message& message) {
    std::ostream& os = MessageAccess::stream(message);
    os.precision(6);
    return os;
}

template <class M>
std::string description_of(const M& matcher, bool negated) {
    ::testing::Message message;
    matcher.describe(plain_stream(message), negated);
    return message.GetString();
}

// A matcher's explanation of `value` into a string; whether it matched into `matched`.
template <class M, class T>
std::string explanation_of(const M& matcher, const T& value, bool& matched) {
    ::testing::Message message;
    matched = matcher.match(value, &plain_stream(message));
    return message.GetString();
}

// GoogleTest appends an inner explanation after ", ".
inline void append_explanation(std::ostream& os, const std::string& explanation) {
    if (!explanation.empty()) os << ", " << explanation;
}

struct Anything : MatcherBase {
    template <class T>
    bool match(const T&, std::ostream*) const {
        return true;
    }
    void describe(std::ostream& os, bool negated) const { os << (negated ? "never matches" : "is anything"); }
};

#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wfloat-equal"
#endif  // defined(__GNUC__)

constexpr const char* operator_text(Op op) {
    constexpr const char* texts[] = {"!=", "<", "<=", ">", ">=", "=="};
    return texts[static_cast<int>(op)];
}

template <Op op, class V>
struct Compare : MatcherBase {
    V expected;

    template <class T>
    bool match(const T& value, std::ostream*) const {
        if constexpr (op == Op::ne) return !(value == expected);
        else if constexpr (op == Op::lt) return value < expected;
        else if constexpr (op == Op::le) return value <= expected;
        else if constexpr (op == Op::gt) return value > expected;
        else if constexpr (op == Op::ge) return value >= expected;
        else return static_cast<bool>(value == expected);
    }
    void describe(std::ostream& os, bool negated) const {
        constexpr bool equality = op == Op::eq || op == Op::ne;
        if constexpr (equality) os << ((op == Op::eq) != negated ? "is equal to " : "isn't equal to ");
        else os << (negated ? "isn't " : "is ") << operator_text(op) << ' ';
        print_universal(os, expected);
    }
};

#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif  // defined(__GNUC__)

// A plain value where a matcher is expected means Eq(value); text as a std::string.
template <class T>
auto as_matcher(const T& value) {
    if constexpr (IsMatcher<T>) return value;
    else if constexpr (std::is_convertible_v<const T&, const char*> && !std::is_null_pointer_v<T>)
        return Compare<Op::eq, std::string>{{}, value};
    else return Compare<Op::eq, std::decay_t<T>>{{}, value};
}

// The text of a string-like value; false for a null C string.
template <class T>
bool text_of(const T& value, const char*& data, std::size_t& size) {
    if constexpr (std::is_convertible_v<const T&, const char*>) {
        data = value;
        if (data == nullptr) return false;
        size = std::char_traits<char>::length(data);
    } else {
        data = value.data();
        size = value.size();
    }
    return true;
}

enum class TextTest { substring, prefix, suffix, regex_search, regex_match };

template <TextTest test>
struct TextMatcher : MatcherBase {
    std::string pattern;

    template <class T>
    bool match(const T& value, std::ostream*) const {
        const char* data;
        std::size_t size;
        if (!text_of(value, data, size)) return false;
        const std::string_view text(data, size);
        if constexpr (test == TextTest::substring) return text.find(pattern) != std::string_view::npos;
        else if constexpr (test == TextTest::prefix) return text.starts_with(pattern);
        else if constexpr (test == TextTest::suffix) return text.ends_with(pattern);
        else return regex_matches(pattern, data, size, test == TextTest::regex_match);
    }
    void describe(std::ostream& os, bool negated) const {
        constexpr const char* texts[][2] = {{"has substring ", "has no substring "},
                                            {"starts with ", "doesn't start with "},
                                            {"ends with ", "doesn't end with "},
                                            {"contains regular expression ", "doesn't contain regular expression "},
                                            {"matches regular expression ", "doesn't match regular expression "}};
        os << texts[static_cast<int>(test)][negated ? 1 : 0];
        print_quoted(os, pattern.data(), pattern.size());
    }
};

template <class M>
struct NotMatcher : MatcherBase {
    M inner;

    template <class T>
    bool match(const T& value, std::ostream* explain) const {
        return !inner.match(value, explain);
    }
    void describe(std::ostream& os, bool negated) const { inner.describe(os, !negated); }
};

// AllOf (`all`) or AnyOf.
template <bool all, class... M>
struct Combination : MatcherBase {
    std::tuple<M...> inner;

    template <class T>
    bool match(const T& value, std::ostream* explain) const {
        if (explain != nullptr) return explained(value, *explain);
        return std::apply(
            [&](const auto&... matchers) {
                if constexpr (all) return (matchers.match(value, nullptr) && ...);
                else return (matchers.match(value, nullptr) || ...);
            },
            inner);
    }
    // The explanations of the matchers that decided: the first that failed AllOf or passed
    // AnyOf, otherwise all of them.
    template <class T>
    bool explained(const T& value, std::ostream& os) const {
        std::string decisive, every;
        bool decided = false;
        std::apply(
            [&](const auto&... matchers) {
                (
                    [&] {
                        if (decided) return;
                        bool matched;
                        const std::string text = explanation_of(matchers, value, matched);
                        if (!text.empty()) every += (every.empty() ? "" : ", and ") + text;
                        if (matched != all) {
                            decisive = text;
                            decided = true;
                        }
                    }(),
                    ...);
            },
            inner);
        os << (decided ? decisive : every);
        return decided != all;
    }
    void describe(std::ostream& os, bool negated) const {
        const char* separator = all != negated ? " and " : " or ";
        bool first = true;
        std::apply(
            [&](const auto&... matchers) {
                ((os << (first ? "(" : separator) << (first ? "" : "("), first = false, matchers.describe(os, negated),
                  os << ')'),
                 ...);
            },
            inner);
    }
};

template <class C>
std::size_t size_of(const C& container) {
    if constexpr (requires { container.size(); }) {
        return container.size();
    } else {
        std::size_t count = 0;
        for (auto it = std::begin(container); it != std::end(container); ++it) ++count;
        return count;
    }
}

template <class... M>
struct ElementsMatcher : MatcherBase {
    std::tuple<M...> inner;
    static constexpr std::size_t count = sizeof...(M);

    // Matcher number `index` on `element`.
    template <class E>
    bool match_at(std::size_t index, const E& element, std::ostream* explain) const {
        return std::apply(
            [&](const auto&... matchers) {
                std::size_t at = 0;
                bool matched = false;
                ((at++ == index ? (matched = matchers.match(element, explain), 0) : 0), ...);
                return matched;
            },
            inner);
    }
    void describe_at(std::size_t index, std::ostream& os, bool negated) const {
        std::apply(
            [&](const auto&... matchers) {
                std::size_t at = 0;
                ((at++ == index ? (matchers.describe(os, negated), 0) : 0), ...);
            },
            inner);
    }
};

template <class... M>
struct ElementsAreMatcher : ElementsMatcher<M...> {
    using ElementsMatcher<M...>::count;

    template <class C>
    bool match(const C& container, std::ostream* explain) const {
        std::size_t index = 0, size = 0;
        bool mismatch = false;
        std::string explanation;
        auto it = std::begin(container);
        for (const auto end = std::end(container); it != end && index != count; ++it, ++index) {
            bool matched;
            if (explain != nullptr) explanation = explanation_of_at(index, *it, matched);
            else matched = this->match_at(index, *it, nullptr);
            if (!matched) {
                mismatch = true;
                break;
            }
        }
        size = index;
        for (const auto end = std::end(container); it != end; ++it) ++size;
        if (size != count) {
            if (explain != nullptr && size != 0) *explain << "which has ", print_count(*explain, size);
            return false;
        }
        if (mismatch) {
            if (explain != nullptr) *explain << "whose element #" << index << " doesn't match";
            if (explain != nullptr) append_explanation(*explain, explanation);
            return false;
        }
        return true;
    }
    template <class E>
    std::string explanation_of_at(std::size_t index, const E& element, bool& matched) const {
        ::testing::Message message;
        matched = this->match_at(index, element, &plain_stream(message));
        return message.GetString();
    }
    void describe(std::ostream& os, bool negated) const {
        if (count == 0) {
            os << (negated ? "isn't empty" : "is empty");
            return;
        }
        os << (negated ? "doesn't have " : "has ");
        print_count(os, count);
        if (count == 1 && !negated) {
            os << " that ";
            this->describe_at(0, os, false);
            return;
        }
        os << (negated ? ", or\n" : " where\n");
        for (std::size_t i = 0; i != count; ++i) {
            os << "element #" << i << ' ';
            this->describe_at(i, os, negated);
            if (i + 1 < count) os << (negated ? ", or\n" : ",\n");
        }
    }
};

template <class... M>
struct UnorderedElementsAreMatcher : ElementsMatcher<M...> {
    using ElementsMatcher<M...>::count;

    template <class C>
    bool match(const C& container, std::ostream* explain) const {
        std::vector<char> matrix;
        std::vector<std::string> printouts, descriptions;
        std::size_t elements = 0;
        for (const auto& element : container) {
            ++elements;
            if (explain != nullptr) printouts.push_back(::testing::PrintToString(element));
            for (std::size_t i = 0; i != count; ++i) matrix.push_back(this->match_at(i, element, nullptr));
        }
        if (explain != nullptr)
            for (std::size_t i = 0; i != count; ++i) {
                ::testing::Message message;
                this->describe_at(i, plain_stream(message), false);
                descriptions.push_back(message.GetString());
            }
        return unordered_match(matrix, elements, count, printouts, descriptions, explain);
    }
    void describe(std::ostream& os, bool negated) const {
        if (count == 0) {
            os << (negated ? "isn't empty" : "is empty");
            return;
        }
        if (count == 1) {
            if (negated) os << "doesn't have 1 element, or has 1 element that ";
            else os << "has 1 element and that element ";
            this->describe_at(0, os, negated);
            return;
        }
        os << (negated ? "doesn't have " : "has ");
        print_count(os, count);
        os << (negated ? ", or there exists no permutation of elements such that:\n"
                       : " and there exists some permutation of elements such that:\n");
        for (std::size_t i = 0; i != count; ++i) {
            os << (i == 0 ? "" : ", and\n") << " - element #" << i << ' ';
            this->describe_at(i, os, false);
        }
    }
};

// Contains (`every` false) or Each.
template <bool every, class M>
struct EachOrContains : MatcherBase {
    M inner;

    template <class C>
    bool match(const C& container, std::ostream* explain) const {
        std::size_t index = 0;
        for (const auto& element : container) {
            bool matched;
            std::string explanation;
            if (explain != nullptr) explanation = explanation_of(inner, element, matched);
            else matched = inner.match(element, nullptr);
            if (matched != every) {
                if (explain != nullptr) {
                    *explain << "whose element #" << index << (every ? " doesn't match" : " matches");
                    append_explanation(*explain, explanation);
                }
                return !every;
            }
            ++index;
        }
        return every;
    }
    void describe(std::ostream& os, bool negated) const {
        if (every) os << (negated ? "contains some element that " : "only contains elements that ");
        else os << (negated ? "doesn't contain any element that " : "contains at least one element that ");
        inner.describe(os, every && negated);
    }
};

struct IsEmptyMatcher : MatcherBase {
    template <class C>
    bool match(const C& container, std::ostream* explain) const {
        const std::size_t size = size_of(container);
        if (size != 0 && explain != nullptr) *explain << "whose size is " << size;
        return size == 0;
    }
    void describe(std::ostream& os, bool negated) const { os << (negated ? "isn't empty" : "is empty"); }
};

template <class M>
struct SizeIsMatcher : MatcherBase {
    M inner;

    template <class C>
    bool match(const C& container, std::ostream* explain) const {
        const std::size_t size = size_of(container);
        if (explain == nullptr) return inner.match(size, nullptr);
        bool matched;
        const std::string explanation = explanation_of(inner, size, matched);
        *explain << "whose size " << size << (matched ? " matches" : " doesn't match");
        append_explanation(*explain, explanation);
        return matched;
    }
    void describe(std::ostream& os, bool negated) const {
        os << "size ";
        inner.describe(os, negated);
    }
};

// Out of line: DoubleNear's texts.
void describe_near(std::ostream& os, double expected, double error, bool negated);
void explain_near(std::ostream& os, double value, double expected);

struct DoubleNearMatcher : MatcherBase {
    double expected;
    double error;

    template <class T>
    bool match(const T& value, std::ostream* explain) const {
        const double actual = static_cast<double>(value);
        if (explain != nullptr) explain_near(*explain, actual, expected);
        const double difference = actual - expected;
        return (difference < 0 ? -difference : difference) <= error;
    }
    void describe(std::ostream& os, bool negated) const { describe_near(os, expected, error, negated); }
};

template <class T, class M>
CheckOutcome that(const char* text, const T& value, const M& matcher) {
    if (matcher.match(value, nullptr)) return {};
    bool matched;
    const std::string explanation = explanation_of(matcher, value, matched);
    ::testing::Message actual;
    print_universal(plain_stream(actual), value);
    return that_failure(text, typeid(T), description_of(matcher, false), actual.GetString(), explanation);
}

template <class T, class M>
CheckOutcome that_value(const char* text, const T& value, const M& matcher) {
    return that(text, value, as_matcher(matcher));
}

}  // namespace ctp::detail::gtest

namespace testing {

inline constexpr ::ctp::detail::gtest::Anything _{};

template <class T>
::ctp::detail::gtest::Anything A() {
    return {};
}
template <class T>
::ctp::detail::gtest::Anything An() {
    return {};
}

#define CTP_DETAIL_GTEST_COMPARE_MATCHER(name, op)                                                                    \
    template <class V>                                                                                                \
    auto name(const V& value) {                                                                                       \
        using Stored = std::conditional_t<std::is_convertible_v<const V&, const char*> && !std::is_null_pointer_v<V>, \
                                          const char*, std::decay_t<V>>;                                              \
        return ::ctp::detail::gtest::Compare<::ctp::detail::gtest::Op::op, Stored>{{}, value};                        \
    }
CTP_DETAIL_GTEST_COMPARE_MATCHER(Eq, eq)
CTP_DETAIL_GTEST_COMPARE_MATCHER(Ne, ne)
CTP_DETAIL_GTEST_COMPARE_MATCHER(Lt, lt)
CTP_DETAIL_GTEST_COMPARE_MATCHER(Le, le)
CTP_DETAIL_GTEST_COMPARE_MATCHER(Gt, gt)
CTP_DETAIL_GTEST_COMPARE_MATCHER(Ge, ge)
#undef CTP_DETAIL_GTEST_COMPARE_MATCHER

inline auto HasSubstr(std::string text) {
    return ::ctp::detail::gtest::TextMatcher<::ctp::detail::gtest::TextTest::substring>{{}, std::move(text)};
}
inline auto StartsWith(std::string text) {
    return ::ctp::detail::gtest::TextMatcher<::ctp::detail::gtest::TextTest::prefix>{{}, std::move(text)};
}
inline auto EndsWith(std::string text) {
    return ::ctp::detail::gtest::TextMatcher<::ctp::detail::gtest::TextTest::suffix>{{}, std::move(text)};
}
// POSIX extended regular expressions, as GoogleTest's on Linux.
inline auto ContainsRegex(std::string pattern) {
    return ::ctp::detail::gtest::TextMatcher<::ctp::detail::gtest::TextTest::regex_search>{{}, std::move(pattern)};
}
inline auto MatchesRegex(std::string pattern) {
    return ::ctp::detail::gtest::TextMatcher<::ctp::detail::gtest::TextTest::regex_match>{{}, std::move(pattern)};
}

template <class M>
auto Not(const M& matcher) {
    using Inner = decltype(::ctp::detail::gtest::as_matcher(matcher));
    return ::ctp::detail::gtest::NotMatcher<Inner>{{}, ::ctp::detail::gtest::as_matcher(matcher)};
}

template <class... M>
auto AllOf(const M&... matchers) {
    return ::ctp::detail::gtest::Combination<true, decltype(::ctp::detail::gtest::as_matcher(matchers))...>{
        {}, {::ctp::detail::gtest::as_matcher(matchers)...}};
}
template <class... M>
auto AnyOf(const M&... matchers) {
    return ::ctp::detail::gtest::Combination<false, decltype(::ctp::detail::gtest::as_matcher(matchers))...>{
        {}, {::ctp::detail::gtest::as_matcher(matchers)...}};
}

template <class... M>
auto ElementsAre(const M&... matchers) {
    return ::ctp::detail::gtest::ElementsAreMatcher<decltype(::ctp::detail::gtest::as_matcher(matchers))...>{
        {{}, {::ctp::detail::gtest::as_matcher(matchers)...}}};
}
template <class... M>
auto UnorderedElementsAre(const M&... matchers) {
    return ::ctp::detail::gtest::UnorderedElementsAreMatcher<decltype(::ctp::detail::gtest::as_matcher(matchers))...>{
        {{}, {::ctp::detail::gtest::as_matcher(matchers)...}}};
}

template <class M>
auto Contains(const M& matcher) {
    using Inner = decltype(::ctp::detail::gtest::as_matcher(matcher));
    return ::ctp::detail::gtest::EachOrContains<false, Inner>{{}, ::ctp::detail::gtest::as_matcher(matcher)};
}
template <class M>
auto Each(const M& matcher) {
    using Inner = decltype(::ctp::detail::gtest::as_matcher(matcher));
    return ::ctp::detail::gtest::EachOrContains<true, Inner>{{}, ::ctp::detail::gtest::as_matcher(matcher)};
}

inline ::ctp::detail::gtest::IsEmptyMatcher IsEmpty() { return {}; }

template <class M>
auto SizeIs(const M& matcher) {
    using Inner = decltype(::ctp::detail::gtest::as_matcher(matcher));
    return ::ctp::detail::gtest::SizeIsMatcher<Inner>{{}, ::ctp::detail::gtest::as_matcher(matcher)};
}

inline ::ctp::detail::gtest::DoubleNearMatcher DoubleNear(double expected, double max_abs_error) {
    return {{}, expected, max_abs_error};
}

// Whether `value` matches (GoogleTest's Value and Matches).
template <class T, class M>
bool Value(const T& value, const M& matcher) {
    return ::ctp::detail::gtest::as_matcher(matcher).match(value, nullptr);
}

}  // namespace testing

#define EXPECT_THAT(value, matcher) CTP_DETAIL_GTEST_THAT("EXPECT_THAT(" #value ", " #matcher ")", 0, value, matcher)
#define ASSERT_THAT(value, matcher) CTP_DETAIL_GTEST_THAT("ASSERT_THAT(" #value ", " #matcher ")", 1, value, matcher)
#define CTP_DETAIL_GTEST_THAT(macro, fatal, value, matcher) \
    CTP_DETAIL_GTEST_ASSERT(macro, fatal, ::ctp::detail::gtest::that_value(#value, value, matcher))

#endif  // CTP_GTEST_MATCHERS_HPP
