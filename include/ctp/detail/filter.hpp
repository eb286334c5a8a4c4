#ifndef CTP_DETAIL_FILTER_HPP
#define CTP_DETAIL_FILTER_HPP

#include <cstddef>  // size_t
#include <string>
#include <string_view>
#include <vector>

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

// A -k pattern without wildcards selects every name that contains it.
inline bool matches_pattern(std::string_view pattern, std::string_view name) {
    if (pattern.find_first_of("*?") == std::string_view::npos)
        return name.find(pattern) != std::string_view::npos;
    return glob_match(pattern, name);
}

inline bool selected(const std::vector<std::string>& patterns, std::string_view name) {
    if (patterns.empty()) return true;
    for (const std::string& pattern : patterns)
        if (matches_pattern(pattern, name)) return true;
    return false;
}

}  // namespace ctp::detail

#endif  // CTP_DETAIL_FILTER_HPP
