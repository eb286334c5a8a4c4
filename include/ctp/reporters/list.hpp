#ifndef CTP_REPORTERS_LIST_HPP
#define CTP_REPORTERS_LIST_HPP

#include <algorithm>  // sort
#include <cstddef>    // size_t
#include <ostream>
#include <string_view>
#include <utility>  // pair
#include <vector>

#include "../plan/plan.hpp"
#include "../text/text_encoding.hpp"
#include "../test_info.hpp"

namespace ctp::detail {

// --list: a line per selected test with its phase, and its tags when it has any.
inline void write_list_text(std::ostream& out, const Plan& plan) {
    const std::vector<Phase> phases = unit_phases(plan);
    for (std::size_t i = 0; i < plan.tests.size(); ++i) {
        out << shown_name(*plan.tests[i]) << " [" << to_string(phases[i]) << ']';
        const char* separator = " tags: ";
        for (std::string_view tag : tags_of(*plan.tests[i])) out << separator << tag, separator = ", ";
        out << '\n';
    }
}

// --list --format json.
inline void write_list_json(std::ostream& out, const Plan& plan) {
    out << "{\"tests\": [";
    const char* separator = "\n";
    const std::vector<Phase> phases = unit_phases(plan);
    for (std::size_t i = 0; i < plan.tests.size(); ++i) {
        const TestInfo* info = plan.tests[i];
        out << separator << "  {\"name\": " << JsonString{full_name(*info)};
        if (info->parameter != nullptr) out << ", \"parameter\": " << JsonString{info->parameter};
        out << ", \"suite\": " << JsonString{info->suite()} << ", \"file\": " << JsonString{info->file}
            << ", \"line\": " << info->line << ", \"phase\": \"" << to_string(phases[i])
            << "\", \"fixture\": " << (info->fixture != nullptr ? "true" : "false") << ", \"tags\": [";
        const char* tag_separator = "";
        for (std::string_view tag : tags_of(*info)) out << tag_separator << JsonString{tag}, tag_separator = ", ";
        out << ']';
        if (const char* description = description_of(*info))
            out << ", \"description\": " << JsonString{std::string_view(description)};
        out << '}';
        separator = ",\n";
    }
    out << (plan.tests.empty() ? "]}\n" : "\n]}\n");
}

// --list-tags: each tag of the selected tests, by name, with how many of them carry it; as
// "  2  db" lines (the counts right-aligned), or as JSON.
inline void write_tag_list(std::ostream& out, const Plan& plan, bool json) {
    std::vector<std::pair<std::string_view, std::size_t>> counts;
    for (const TestInfo* info : plan.tests)
        for (std::string_view tag : tags_of(*info)) counts.emplace_back(tag, 1);
    std::sort(counts.begin(), counts.end());
    std::size_t kept = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (kept > 0 && counts[kept - 1].first == counts[i].first) ++counts[kept - 1].second;
        else counts[kept++] = counts[i];
    }
    counts.resize(kept);
    if (json) {
        out << "{\"tags\": [";
        const char* separator = "\n";
        for (const auto& [tag, count] : counts) {
            out << separator << "  {\"name\": " << JsonString{tag} << ", \"tests\": " << count << '}';
            separator = ",\n";
        }
        out << (counts.empty() ? "]}\n" : "\n]}\n");
        return;
    }
    std::size_t width = 1;
    for (const auto& entry : counts)
        width = std::max<std::size_t>(width, std::string_view(digits(entry.second)).size());
    for (const auto& [tag, count] : counts) {
        const ShortText number = digits(count);
        out << std::string(2 + width - std::string_view(number).size(), ' ') << number << "  " << tag << '\n';
    }
}

}  // namespace ctp::detail

#endif  // CTP_REPORTERS_LIST_HPP
