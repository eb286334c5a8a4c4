#ifndef CTP_PLAN_FILTER_HPP
#define CTP_PLAN_FILTER_HPP

#include <cstddef>  // size_t
#include <string>
#include <string_view>
#include <vector>

#include "tag_expression.hpp"

namespace ctp::detail {

// `*` matches any run of characters and `?` one character; the whole text must match.
inline bool glob_match(std::string_view pattern, std::string_view text) {
    std::size_t p = 0, t = 0;
    std::size_t star = std::string_view::npos, resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p, ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

// Whether -k patterns select the full name `name`; no patterns select every test. A pattern
// without wildcards selects every name that contains it or, with `exact`, only the name
// that it is (how ctp_discover_tests selects one test).
inline bool selected(const std::vector<std::string>& patterns, std::string_view name, bool exact = false) {
    if (patterns.empty()) return true;
    for (const std::string& pattern : patterns) {
        if (pattern.find_first_of("*?") != std::string::npos ? glob_match(pattern, name)
            : exact                                          ? pattern == name
                                                             : name.find(pattern) != std::string_view::npos)
            return true;
    }
    return false;
}

// --tag: parsed once per plan into one expression, any of them selecting a test (none select
// every test); a malformed one throws TagExpressionError.
inline TagExpression parse_tag_expressions(const std::vector<std::string>& texts) {
    TagExpression expression;
    for (const std::string& text : texts) expression.add(text);
    return expression;
}

}  // namespace ctp::detail

#endif  // CTP_PLAN_FILTER_HPP
