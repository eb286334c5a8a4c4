#ifndef CTP_REPORTERS_LIST_HPP
#define CTP_REPORTERS_LIST_HPP

#include <cstddef>  // size_t
#include <ostream>
#include <string_view>
#include <vector>

#include "../plan/plan.hpp"
#include "../text/text_encoding.hpp"
#include "../test_info.hpp"

namespace ctp::detail {

// --list: a line per selected test with its phase.
inline void write_list_text(std::ostream& out, const Plan& plan) {
    const std::vector<Phase> phases = unit_phases(plan);
    for (std::size_t i = 0; i < plan.tests.size(); ++i)
        out << full_name(*plan.tests[i]) << " [" << to_string(phases[i]) << "]\n";
}

// --list --format json.
inline void write_list_json(std::ostream& out, const Plan& plan) {
    out << "{\"tests\": [";
    const char* separator = "\n";
    const std::vector<Phase> phases = unit_phases(plan);
    for (std::size_t i = 0; i < plan.tests.size(); ++i) {
        const TestInfo* info = plan.tests[i];
        out << separator << "  {\"name\": " << JsonString{full_name(*info)}
            << ", \"suite\": " << JsonString{info->suite()} << ", \"file\": " << JsonString{info->file}
            << ", \"line\": " << info->line << ", \"phase\": \"" << to_string(phases[i])
            << "\", \"fixture\": " << (info->fixture != nullptr ? "true" : "false");
        if (const char* description = description_of(*info))
            out << ", \"description\": " << JsonString{std::string_view(description)};
        out << '}';
        separator = ",\n";
    }
    out << (plan.tests.empty() ? "]}\n" : "\n]}\n");
}

}  // namespace ctp::detail

#endif  // CTP_REPORTERS_LIST_HPP
