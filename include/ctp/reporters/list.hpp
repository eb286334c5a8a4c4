#ifndef CTP_REPORTERS_LIST_HPP
#define CTP_REPORTERS_LIST_HPP

#include <ostream>

#include "../plan/plan.hpp"
#include "../text/text_encoding.hpp"
#include "../test_info.hpp"

namespace ctp::detail {

// --list: a line per selected test with its phase.
inline void write_list_text(std::ostream& out, const Plan& plan) {
    for (const TestInfo* info : plan.tests) out << shown_name(*info) << " [" << to_string(phase_of(*info)) << "]\n";
}

// --list --format json.
inline void write_list_json(std::ostream& out, const Plan& plan) {
    out << "{\"tests\": [";
    const char* separator = "\n";
    for (const TestInfo* info : plan.tests) {
        out << separator << "  {\"name\": " << JsonString{full_name(*info)};
        if (info->parameter != nullptr) out << ", \"parameter\": " << JsonString{info->parameter};
        out << ", \"suite\": " << JsonString{info->suite()} << ", \"file\": " << JsonString{info->file}
            << ", \"line\": " << info->line << ", \"phase\": \"" << to_string(phase_of(*info))
            << "\", \"fixture\": " << (info->fixture != nullptr ? "true" : "false") << '}';
        separator = ",\n";
    }
    out << (plan.tests.empty() ? "]}\n" : "\n]}\n");
}

}  // namespace ctp::detail

#endif  // CTP_REPORTERS_LIST_HPP
