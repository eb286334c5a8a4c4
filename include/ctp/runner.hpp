#ifndef CTP_RUNNER_HPP
#define CTP_RUNNER_HPP

#include <optional>
#include <string>
#include <utility>  // move
#include <vector>

#include "options.hpp"
#include "plan/duplicates.hpp"
#include "plan/plan.hpp"
#include "registry.hpp"
#include "result.hpp"
#include "run/execution.hpp"

namespace ctp {

namespace detail {

// A Result for a run that must not start, with what stops it: full names registered twice,
// resource declarations that cannot be scheduled, or filters that match no registered test. Null if the run may start.
inline std::optional<Result> refusal(const Registry& registry, const Options& options) {
    Result result;
    result.duplicates = find_duplicates(registry);
    result.resource_errors = resource_errors(registry);
    if (!filters_match(registry, options)) {
        result.unmatched_filters = std::vector<std::string>(options.filters);
        result.unmatched_tags = std::vector<std::string>(options.tags);
    }
    if (result.duplicates.empty() && result.resource_errors.empty() && !result.no_tests_matched()) return std::nullopt;
    result.start = result.end = Clock::now();
    return result;
}

}  // namespace detail

// Runs the tests of `registry` that `options` select and returns their records. A run with
// duplicate full names, bad resource declarations, or filters that match no test, runs nothing (see Result). A
// malformed --tag expression in `options.tags`, or a malformed --durations-file in a sharded run,
// throws std::invalid_argument.
inline Result run(const Registry& registry, const Options& options) {
    if (std::optional<Result> refused = detail::refusal(registry, options)) return std::move(*refused);
    return detail::run_plan(detail::make_plan(registry, options), options);
}

inline Result run(const Options& options) { return run(Registry::global(), options); }

}  // namespace ctp

#endif  // CTP_RUNNER_HPP
