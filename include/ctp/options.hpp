#ifndef CTP_OPTIONS_HPP
#define CTP_OPTIONS_HPP

#include <cstddef>  // size_t
#include <cstdint>  // uint64_t
#include <optional>
#include <string>
#include <vector>

namespace ctp {

class Listener;

// Part `index` (1-based) of `count`: see detail/shard.hpp for which tests it holds.
struct Shard {
    unsigned index = 1;
    unsigned count = 1;
};

enum class ColorMode { automatic, always, never };
enum class ReporterKind { console, tap, gtest, github, teamcity };

namespace detail {
struct TestInfo;
}  // namespace detail

// What the GoogleTest front end's flags ask of the reports (--reporter gtest prints the same
// console report with these defaults).
struct GtestReport {
    bool brief = false;                               // --gtest_brief: failures and the summary only
    bool printer = true;                              // false: a program's listener replaced the console report
    bool print_time = true;                           // --gtest_print_time=0 leaves out "(N ms)"
    std::string filter{};                             // --gtest_filter as given, for the console's note
    std::string xml{};                                // --gtest_output=xml's path; empty: not written
    std::string json{};                               // --gtest_output=json's path
    std::vector<const detail::TestInfo*> disabled{};  // DISABLED_ tests the filter selects, not run
};

// What becomes of what tests write to std::cout, std::cerr and std::clog (with --isolate,
// to descriptors 1 and 2 as well).
enum class CaptureMode {
    none,    // it goes through, and records keep none of it
    tee,     // each record keeps its test's output, which goes through too
    buffer,  // each record keeps its test's output; the console shows it only under a failure
};

struct Options {
    unsigned parallel = 0;               // worker threads; 0 runs everything serially
    std::vector<std::string> filters{};  // -k: a test runs if any matches its full name
    bool failfast = false;
    std::optional<std::uint64_t> shuffle{};  // the seed, when shuffling
    bool reverse = false;
    int verbosity = 1;
    Listener* listener = nullptr;             // progress events; nothing is printed without one
    double timeout = 0;                       // seconds a test may run; 0: no limit
    unsigned retries = 0;                     // reruns of a failed test; one that passes is flaky
    bool run_skipped = false;                 // run the tests decorated ctp::skip(...)
    unsigned repeat = 1;                      // runs of the whole selection
    CaptureMode capture = CaptureMode::none;  // --buffer: CaptureMode::buffer
    bool isolate = false;                     // each worker a forked process (POSIX)
    std::string durations_file{};             // last durations: longest units start first
    std::optional<Shard> shard{};             // run only this part of the selected tests
    bool exact = false;                       // -k patterns without * or ? must equal the full name
    std::vector<std::string> tags{};          // --tag: a test runs if any expression matches its tags
    std::vector<std::string> excludes{};      // --exclude: a test whose full name one matches does not run
    bool live_in_pool = false;                // live-server classes with their own ports run in the pool
    bool confirm_failures = false;            // rerun the pool's failures alone, after the pool

    // What ctp::main reports and where; ctp::run ignores these.
    ReporterKind reporter = ReporterKind::console;
    bool reporter_given = false;  // --reporter was given: no CI's reporter is chosen for it
    ColorMode color = ColorMode::automatic;
    std::size_t slowest = 0;  // --durations N: list the N slowest tests after the summary
    std::string junit_xml{};  // report paths; empty: not written
    std::string json_report{};
    std::string trace{};
    std::string timeline{};
    GtestReport gtest{};
};

}  // namespace ctp

#endif  // CTP_OPTIONS_HPP
