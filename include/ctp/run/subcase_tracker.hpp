#ifndef CTP_RUN_SUBCASE_TRACKER_HPP
#define CTP_RUN_SUBCASE_TRACKER_HPP

#include <cstddef>  // size_t
#include <string>
#include <string_view>
#include <utility>  // move
#include <vector>

#include "../text/text_building.hpp"

namespace ctp::detail {

// Which sub-cases one test's entries take. The tree of sub-cases met so far lasts over the
// entries of one attempt; each entry walks it from the top and enters, at each level, the
// first sub-case not done yet (depth first), and only that one. The test is done when its
// root (the body itself, node 0) is. The nodes are kept flat, a vector per field of types
// compiled anyway: a vector of node structs cost much to compile in every implementing file.
// A node's children are the later nodes with it as parent, in the order first met.
class SubcaseTracker {
public:
    enum class Step : unsigned char { enter, pass, duplicate };

    // The tree is made when the first sub-case is met: a test without costs nothing.
    void begin_entry() {
        ++entry_;
        current_ = deepest_ = 0;
        unwound_ = false;
        if (!names_.empty()) open(0);
    }

    // A sub-case named `name` is met in the current node's body, with `exceptions` in flight
    // (std::uncaught_exceptions). A repeated name is a duplicate once, then passed over.
    Step enter(std::string_view name, int exceptions) {
        if (names_.empty()) add(std::string(), 0);
        const std::size_t parent = current_;
        std::size_t child = find(parent, name);
        if (child == none) {
            child = names_.size();
            add(std::string(name), parent);
        }
        ++met_[parent];
        if (seen_[child] == entry_) {
            if (flags_[child] & duplicate) return Step::pass;
            flags_[child] |= duplicate;
            return Step::duplicate;
        }
        seen_[child] = entry_;
        if ((flags_[child] & finished) != 0 || (flags_[parent] & entered_child) != 0) return Step::pass;
        flags_[parent] |= entered_child;
        open(child);
        exceptions_[child] = static_cast<std::size_t>(exceptions);
        current_ = deepest_ = child;
        return Step::enter;
    }

    // The current sub-case's scope ends, with `exceptions` in flight: more than when it was
    // entered means an exception is leaving it.
    void leave(int exceptions) { leave_current(static_cast<std::size_t>(exceptions) > exceptions_[current_]); }

    // The body returned, or threw (`unwinding`), or did not run at all (`ran` false: its
    // fixture failed, and would again).
    void end_entry(bool ran, bool unwinding) {
        if (names_.empty()) return;
        while (current_ != 0) leave_current(unwinding);
        if (ran) settle(0, unwinding);
        else flags_[0] |= finished;
    }

    bool done() const noexcept { return names_.empty() || (flags_[0] & finished) != 0; }
    // Whether this entry entered a sub-case, and whether the deepest one it entered has none
    // of its own: a leaf path, which the test reports.
    bool in_subcase() const noexcept { return deepest_ != 0; }
    bool at_leaf() const noexcept {
        if (deepest_ == 0) return false;
        for (std::size_t child = deepest_ + 1; child < names_.size(); ++child)
            if (parents_[child] == deepest_) return false;
        return true;
    }
    // "a / b / c": the names from the top down to the deepest sub-case entered, or to the
    // current one.
    std::string entry_path() const { return path_to(deepest_); }
    std::string current_path() const { return path_to(current_); }

private:
    static constexpr std::size_t none = static_cast<std::size_t>(-1);
    // flags_' bits
    static constexpr std::size_t duplicate = 1;      // its name was met twice at its level, and reported
    static constexpr std::size_t entered_child = 2;  // it entered a child in this entry
    static constexpr std::size_t completed = 4;      // its body ran to its end once: all its children are known
    static constexpr std::size_t finished = 8;       // done: no entry need come back for it

    void add(std::string name, std::size_t parent) {
        names_.push_back(std::move(name));
        parents_.push_back(parent);
        seen_.push_back(0);
        met_.push_back(0);
        exceptions_.push_back(0);
        flags_.push_back(0);
    }

    void leave_current(bool unwinding) {
        settle(current_, unwinding);
        current_ = parents_[current_];
    }

    void open(std::size_t node) {
        met_[node] = 0;
        flags_[node] &= ~entered_child;
    }

    // Names are unique among a node's children: a repeated one finds the first.
    std::size_t find(std::size_t node, std::string_view name) const {
        for (std::size_t child = node + 1; child < names_.size(); ++child)
            if (parents_[child] == node && names_[child] == name) return child;
        return none;
    }

    // A node whose scope ended normally is done when every child it met is. One that an
    // exception left is done if the exception started there (it would again), or if it once
    // ran to its end, so that all its children are known, and all are done; otherwise the
    // next entry comes back for the siblings it did not reach.
    void settle(std::size_t node, bool unwinding) {
        bool children_done = true;
        for (std::size_t child = node + 1; child < names_.size(); ++child)
            if (parents_[child] == node && (flags_[child] & finished) == 0 && (unwinding || seen_[child] == entry_))
                children_done = false;
        const bool node_done =
            !unwinding ? children_done : !unwound_ || ((flags_[node] & completed) != 0 && children_done);
        if (!unwinding) flags_[node] |= completed;
        else unwound_ = true;
        flags_[node] = node_done ? flags_[node] | finished : flags_[node] & ~finished;
    }

    std::string path_to(std::size_t index) const {
        std::string path;
        for (; index != 0; index = parents_[index])
            path.insert(0, path.empty() ? names_[index] : concat({names_[index], " / "}));
        return path;
    }

    // Per node, node 0 being the body
    std::vector<std::string> names_;
    std::vector<std::size_t> parents_;
    std::vector<std::size_t> seen_;        // the last entry that met it
    std::vector<std::size_t> met_;         // children met in this entry so far
    std::vector<std::size_t> exceptions_;  // in flight when it was entered
    std::vector<std::size_t> flags_;
    std::size_t entry_ = 0;
    std::size_t current_ = 0;
    std::size_t deepest_ = 0;
    bool unwound_ = false;  // an exception has left a scope in this entry
};

}  // namespace ctp::detail

#endif  // CTP_RUN_SUBCASE_TRACKER_HPP
