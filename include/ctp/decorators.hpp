#ifndef CTP_DECORATORS_HPP
#define CTP_DECORATORS_HPP

#include <type_traits>  // is_convertible_v

namespace ctp {

// How a test holds a resource: with other shared holders, alone, or as one of a pool's holders
// (shared, at most the pool's size at once).
enum class ResourceAccess : unsigned char { shared, exclusive, pool };

namespace detail {

// One ctp::tags(...) decorator's names; a test's groups are chained, its class's after its own.
struct TagGroup {
    const char* const* names;
    unsigned count;
    const TagGroup* next;
};

enum class Expectation : unsigned char { unset, failure, either };

// One ctp::exclusive, ctp::shared or ctp::pool declaration; chained as tags are.
struct ResourceClaim {
    const char* name;
    ResourceAccess access;
    unsigned size;  // ctp::pool's; 0 otherwise
    const ResourceClaim* next;
};

// What a test's or a fixture class's decorators say; every field has an "unset" value, so
// that a test's own decorators override only what they set of its class's.
struct Decorations {
    const TagGroup* tags = nullptr;
    double timeout = -1;         // seconds; negative: unset
    const char* skip = nullptr;  // the reason, when skipped
    const char* description = nullptr;
    int retries = -1;  // negative: unset
    bool serial = false;
    bool in_pool = false;  // a live-server class that runs in the pool
    Expectation expectation = Expectation::unset;
    const ResourceClaim* resources = nullptr;
};

// A decorator is any type with `constexpr void apply(Decorations&)`; it is applied once, in
// place, in the static object that keeps it, so it may point into itself.
template <unsigned N>
struct Tags {
    const char* names[N];
    TagGroup group{};
    constexpr void apply(Decorations& decorations) {
        group = {names, N, decorations.tags};
        decorations.tags = &group;
    }
};

struct Timeout {
    double seconds;
    constexpr void apply(Decorations& decorations) const { decorations.timeout = seconds; }
};

struct Skip {
    const char* reason;
    constexpr void apply(Decorations& decorations) const { decorations.skip = reason; }
};

struct Description {
    const char* text;
    constexpr void apply(Decorations& decorations) const { decorations.description = text; }
};

struct Retries {
    unsigned count;
    constexpr void apply(Decorations& decorations) const { decorations.retries = static_cast<int>(count); }
};

struct Serial {
    constexpr void apply(Decorations& decorations) const { decorations.serial = true; }
};

struct Resource {
    ResourceClaim claim;
    constexpr void apply(Decorations& decorations) {
        claim.next = decorations.resources;
        decorations.resources = &claim;
    }
};

struct InPool {
    constexpr void apply(Decorations& decorations) const { decorations.in_pool = true; }
};

struct Expect {
    Expectation expectation;
    constexpr void apply(Decorations& decorations) const { decorations.expectation = expectation; }
};

template <class... Ds>
struct DecoratorStore {
    constexpr void apply(Decorations&) {}
};

template <class D, class... Ds>
struct DecoratorStore<D, Ds...> {
    constexpr explicit DecoratorStore(D d, Ds... ds) : first(d), rest(ds...) {}
    constexpr void apply(Decorations& decorations) {
        first.apply(decorations);
        rest.apply(decorations);
    }
    D first;
    DecoratorStore<Ds...> rest;
};

}  // namespace detail

// A test's decorators, or a fixture class's for all its tests:
//   struct Database : ctp::TestCase {
//       static inline const ctp::Decorators decorators{ctp::tags("db"), ctp::timeout(5)};
//   };
// Kept where it was made (static storage), since the decorations point into it.
template <class... Ds>
class Decorators {
public:
    constexpr explicit Decorators(Ds... decorators) : store_(decorators...) { store_.apply(decorations_); }
    Decorators(const Decorators&) = delete;
    Decorators& operator=(const Decorators&) = delete;

    constexpr const detail::Decorations* decorations() const noexcept { return &decorations_; }

private:
    detail::DecoratorStore<Ds...> store_;
    detail::Decorations decorations_{};
};

template <class... Ds>
Decorators(Ds...) -> Decorators<Ds...>;

// Tags to select tests by (--tag "db and not slow"); string literals, or text that outlives the run.
template <class... Names>
requires(std::is_convertible_v<Names, const char*>&&...) constexpr detail::Tags<sizeof...(Names)> tags(Names... names) {
    static_assert(sizeof...(Names) > 0, "ctp::tags needs at least one tag");
    return {{static_cast<const char*>(names)...}};
}

// The test's time limit, as a fixture's timeout_seconds: past it the run ends (or, with
// --isolate, the worker is killed), keeping every result.
constexpr detail::Timeout timeout(double seconds) { return {seconds}; }

// Not run, reported as skipped with `reason` (run anyway with --run-skipped).
constexpr detail::Skip skip(const char* reason = "") { return {reason}; }

// unittest's @expectedFailure: a failure is an expected failure and does not fail the run; a
// pass is an unexpected success and does.
constexpr detail::Expect expected_failure() { return {detail::Expectation::failure}; }

// Either outcome is fine: a failure is reported, and does not fail the run.
constexpr detail::Expect may_fail() { return {detail::Expectation::either}; }

// Reruns of a failed test, as --retries, for this test alone.
constexpr detail::Retries retries(unsigned count) { return {count}; }

// A free test runs in the serial phase, after the pool, one at a time.
constexpr detail::Serial serial() { return {}; }

// Free text shown with the test in --list and the reports.
constexpr detail::Description description(const char* text) { return {text}; }

// Resources that tests share (a database, a port, a browser). A unit (a free test, or a
// fixture class's tests with its hooks) holds everything it and its tests declare while it
// runs: no other holder of an exclusive name runs meanwhile; shared holders run together; at
// most `size` hold a pool. Names are string literals, or text that outlives the run.
constexpr detail::Resource exclusive(const char* name) { return {{name, ResourceAccess::exclusive, 0, nullptr}}; }
constexpr detail::Resource shared(const char* name) { return {{name, ResourceAccess::shared, 0, nullptr}}; }
constexpr detail::Resource pool(const char* name, unsigned size) {
    return {{name, ResourceAccess::pool, size, nullptr}};
}

// The process's environment variables and working directory, as resources: ctp::ScopedEnv and
// ctp::ScopedCwd in the pool need ctp::exclusive(ctp::env) and ctp::exclusive(ctp::cwd).
inline constexpr char env[] = "env";
inline constexpr char cwd[] = "cwd";

// A live-server class runs in the pool, holding its own server, as with --live-in-pool.
constexpr detail::InPool in_pool() { return {}; }

namespace detail {

constexpr const Decorations* decorations_of(decltype(nullptr)) noexcept { return nullptr; }

template <class... Ds>
constexpr const Decorations* decorations_of(decltype(nullptr), const Decorators<Ds...>& decorators) noexcept {
    return decorators.decorations();
}

}  // namespace detail

}  // namespace ctp

#endif  // CTP_DECORATORS_HPP
