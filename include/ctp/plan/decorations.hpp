#ifndef CTP_PLAN_DECORATIONS_HPP
#define CTP_PLAN_DECORATIONS_HPP

#include <algorithm>  // find
#include <string_view>
#include <vector>

#include "../test_info.hpp"

namespace ctp::detail {

// A test's decorations with its class's: where the test sets a field, its value wins.
template <class Field>
Field decoration(const TestInfo& info, Field Decorations::*field, Field unset) {
    if (info.decorations != nullptr && info.decorations->*field != unset) return info.decorations->*field;
    if (info.fixture != nullptr && info.fixture->decorations != nullptr) return info.fixture->decorations->*field;
    return unset;
}

inline const char* skip_reason_of(const TestInfo& info) {
    return decoration(info, &Decorations::skip, static_cast<const char*>(nullptr));
}
inline const char* description_of(const TestInfo& info) {
    return decoration(info, &Decorations::description, static_cast<const char*>(nullptr));
}
inline double timeout_of(const TestInfo& info) { return decoration(info, &Decorations::timeout, -1.0); }
inline int retries_of(const TestInfo& info) { return decoration(info, &Decorations::retries, -1); }
inline Expectation expectation_of(const TestInfo& info) {
    return decoration(info, &Decorations::expectation, Expectation::unset);
}
inline bool serial_decorated(const TestInfo& info) { return decoration(info, &Decorations::serial, false); }

// The class's tags, then the test's, each once, in the order they were written.
inline std::vector<std::string_view> tags_of(const TestInfo& info) {
    std::vector<std::string_view> tags;
    const auto add_all = [&](const Decorations* decorations) {
        if (decorations == nullptr) return;
        std::vector<const TagGroup*> groups;  // chained last first
        for (const TagGroup* group = decorations->tags; group != nullptr; group = group->next) groups.push_back(group);
        for (auto group = groups.rbegin(); group != groups.rend(); ++group)
            for (unsigned i = 0; i < (*group)->count; ++i) {
                const std::string_view tag = (*group)->names[i];
                if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
            }
    };
    if (info.fixture != nullptr) add_all(info.fixture->decorations);
    add_all(info.decorations);
    return tags;
}

}  // namespace ctp::detail

#endif  // CTP_PLAN_DECORATIONS_HPP
