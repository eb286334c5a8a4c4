#ifndef CTP_REPORTERS_LIST_HPP
#define CTP_REPORTERS_LIST_HPP

#include <algorithm>  // max
#include <cstddef>    // size_t
#include <ostream>
#include <string_view>
#include <vector>

#include "../detail/index_sort.hpp"
#include "../plan/resources.hpp"
#include "../plan/plan.hpp"
#include "../text/text_encoding.hpp"
#include "../test_info.hpp"
#include "json.hpp"

namespace ctp::detail {

// --list: a line per selected test with its phase, and its tags and resources when it has
// any. `live_in_pool` is --live-in-pool's, which gives a fixed live-server port as a resource.
inline void write_list_text(std::ostream& out, const Plan& plan, bool live_in_pool) {
    const std::vector<Phase> phases = unit_phases(plan);
    for (std::size_t i = 0; i < plan.tests.size(); ++i) {
        out << shown_name(*plan.tests[i]) << " [" << to_string(phases[i]) << ']';
        const char* separator = " tags: ";
        for (std::string_view tag : tags_of(*plan.tests[i])) out << separator << tag, separator = ", ";
        separator = " resources: ";
        for (const ResourceUse& use : resources_of(*plan.tests[i], live_in_pool))
            out << separator << describe_use(use), separator = ", ";
        out << '\n';
    }
}

// --list --format json.
inline void write_list_json(std::ostream& out, const Plan& plan, bool live_in_pool) {
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
        out << "], \"resources\": ";
        write_json_resources(out, resources_of(*info, live_in_pool));
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
    // Sorted by index, and counted as runs of one name: no vector or sort of a type of its own
    // for the compiler to instantiate.
    std::vector<std::string_view> all;
    for (const TestInfo* info : plan.tests)
        for (std::string_view tag : tags_of(*info)) all.push_back(tag);
    const std::vector<std::size_t> order = sorted_indices(
        all.size(),
        [](const void* tags, std::size_t a, std::size_t b) {
            return static_cast<const std::string_view*>(tags)[a] < static_cast<const std::string_view*>(tags)[b];
        },
        all.data());
    std::vector<std::string_view> names;
    std::vector<std::size_t> counts;
    const std::size_t one = 1;  // an lvalue, for the push_back(const T&) in use
    for (std::size_t index : order) {
        if (!names.empty() && names.back() == all[index]) ++counts.back();
        else names.push_back(all[index]), counts.push_back(one);
    }
    if (json) {
        out << "{\"tags\": [";
        const char* separator = "\n";
        for (std::size_t i = 0; i < names.size(); ++i) {
            out << separator << "  {\"name\": " << JsonString{names[i]} << ", \"tests\": " << counts[i] << '}';
            separator = ",\n";
        }
        out << (names.empty() ? "]}\n" : "\n]}\n");
        return;
    }
    std::size_t width = 1;
    for (std::size_t count : counts) width = std::max<std::size_t>(width, std::string_view(digits(count)).size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        const ShortText number = digits(counts[i]);
        out << std::string(2 + width - std::string_view(number).size(), ' ') << number << "  " << names[i] << '\n';
    }
}

}  // namespace ctp::detail

#endif  // CTP_REPORTERS_LIST_HPP
