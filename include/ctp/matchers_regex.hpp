#ifndef CTP_MATCHERS_REGEX_HPP
#define CTP_MATCHERS_REGEX_HPP

// ctp::matches_regex, apart from the other matchers so that only the files that use it pay
// for <regex>.

#include <regex>
#include <string>

#include "matchers.hpp"

namespace ctp {

namespace detail {

struct MatchesRegex : BuiltInMatcher {
    std::string pattern;
    std::regex regex;

    template <class T>
    bool match(const T& value) const {
        const Text text = subject_text(value);
        return std::regex_match(text.data(), text.data() + text.size(), regex);
    }
    void describe_to(Sink& sink, bool holds) const {
        write_text(sink, holds ? "matches the regex " : "does not match the regex ");
        print_value(sink, pattern);
    }
};

}  // namespace detail

// The whole text matches the ECMAScript regular expression `pattern` (std::regex_match).
inline detail::MatchesRegex matches_regex(std::string pattern) {
    std::regex regex(pattern);
    return {{}, static_cast<std::string&&>(pattern), static_cast<std::regex&&>(regex)};
}

}  // namespace ctp

#endif  // CTP_MATCHERS_REGEX_HPP
