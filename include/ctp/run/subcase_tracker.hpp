#ifndef CTP_RUN_SUBCASE_TRACKER_HPP
#define CTP_RUN_SUBCASE_TRACKER_HPP

#include <cstdint>  // uint32_t
#include <string>
#include <string_view>
#include <vector>

namespace ctp::detail {

// Which sub-cases one test's entries take. The tree of sub-cases met so far lasts over the
// entries of one attempt; each entry walks it from the top and enters, at each level, the
// first sub-case not done yet (depth first), and only that one. The test is done when its
// root (the body itself, node 0) is.
class SubcaseTracker {
public:
    enum class Step : unsigned char { enter, pass, duplicate };

    // The tree is made when the first sub-case is met: a test without costs nothing.
    void begin_entry() {
        ++entry_;
        current_ = deepest_ = 0;
        unwound_ = false;
        if (!nodes_.empty()) open(nodes_[0]);
    }

    // A sub-case named `name` is met in the current node's body, with `exceptions` in flight
    // (std::uncaught_exceptions). A repeated name is a duplicate once, then passed over.
    Step enter(std::string_view name, int exceptions) {
        if (nodes_.empty()) nodes_.emplace_back();
        const std::uint32_t parent = current_;
        std::uint32_t child = find(nodes_[parent], name);
        if (child == none) {
            child = static_cast<std::uint32_t>(nodes_.size());
            nodes_.push_back(Node{std::string(name), {}, parent});
            nodes_[parent].children.push_back(child);
        }
        Node& met = nodes_[child];
        Node& node = nodes_[parent];
        ++node.met;
        if (met.seen == entry_) {
            if (met.duplicate) return Step::pass;
            met.duplicate = true;
            return Step::duplicate;
        }
        met.seen = entry_;
        if (met.done || node.entered_child) return Step::pass;
        node.entered_child = true;
        open(met);
        met.exceptions = exceptions;
        current_ = deepest_ = child;
        return Step::enter;
    }

    // The current sub-case's scope ends, with `exceptions` in flight: more than when it was
    // entered means an exception is leaving it.
    void leave(int exceptions) { leave_current(exceptions > nodes_[current_].exceptions); }

    // The body returned, or threw (`unwinding`), or did not run at all (`ran` false: its
    // fixture failed, and would again).
    void end_entry(bool ran, bool unwinding) {
        if (nodes_.empty()) return;
        while (current_ != 0) leave_current(unwinding);
        if (ran) settle(nodes_[0], unwinding);
        else nodes_[0].done = true;
    }

    bool done() const noexcept { return nodes_.empty() || nodes_[0].done; }
    // Whether this entry entered a sub-case, and whether the deepest one it entered has none
    // of its own: a leaf path, which the test reports.
    bool in_subcase() const noexcept { return deepest_ != 0; }
    bool at_leaf() const noexcept { return deepest_ != 0 && nodes_[deepest_].children.empty(); }
    // "a / b / c": the names from the top down to the deepest sub-case entered, or to the
    // current one.
    std::string entry_path() const { return path_to(deepest_); }
    std::string current_path() const { return path_to(current_); }

private:
    static constexpr std::uint32_t none = static_cast<std::uint32_t>(-1);

    struct Node {
        std::string name;
        std::vector<std::uint32_t> children;  // in the order first met
        std::uint32_t parent = 0;
        std::uint32_t seen = 0;  // the last entry that met it
        std::uint32_t met = 0;   // children met in this entry so far
        int exceptions = 0;      // in flight when it was entered
        bool duplicate = false;  // its name was met twice at its level, and reported
        bool entered_child = false;
        bool completed = false;  // its body ran to its end once: all its children are known
        bool done = false;
    };

    void leave_current(bool unwinding) {
        settle(nodes_[current_], unwinding);
        current_ = nodes_[current_].parent;
    }

    static void open(Node& node) {
        node.met = 0;
        node.entered_child = false;
    }

    // Children are met in the same order each time, so the next one is tried first.
    std::uint32_t find(const Node& node, std::string_view name) const {
        if (node.met < node.children.size() && nodes_[node.children[node.met]].name == name)
            return node.children[node.met];
        for (std::uint32_t child : node.children)
            if (nodes_[child].name == name) return child;
        return none;
    }

    // A node whose scope ended normally is done when every child it met is. One that an
    // exception left is done if the exception started there (it would again), or if it once
    // ran to its end, so that all its children are known, and all are done; otherwise the
    // next entry comes back for the siblings it did not reach.
    void settle(Node& node, bool unwinding) {
        bool children_done = true;
        for (std::uint32_t child : node.children)
            if (!nodes_[child].done && (unwinding || nodes_[child].seen == entry_)) children_done = false;
        if (!unwinding) {
            node.completed = true;
            node.done = children_done;
        } else {
            node.done = !unwound_ || (node.completed && children_done);
            unwound_ = true;
        }
    }

    std::string path_to(std::uint32_t index) const {
        std::string path;
        for (; index != 0; index = nodes_[index].parent)
            path.insert(0, path.empty() ? nodes_[index].name : nodes_[index].name + " / ");
        return path;
    }

    std::vector<Node> nodes_;
    std::uint32_t entry_ = 0;
    std::uint32_t current_ = 0;
    std::uint32_t deepest_ = 0;
    bool unwound_ = false;  // an exception has left a scope in this entry
};

}  // namespace ctp::detail

#endif  // CTP_RUN_SUBCASE_TRACKER_HPP
