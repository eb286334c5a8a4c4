// Shared by the self-tests: doctest owns the short names, ctp is driven through its
// public API (a private ctp::Registry, ctp::run, ctp::main).
#ifndef CTP_TESTS_TESTING_HPP
#define CTP_TESTS_TESTING_HPP

#define CTP_NO_SHORT_NAMES
#define CTP_RUNNER_API
#include <ctp/ctp.hpp>

#include <doctest/doctest.h>

#include <initializer_list>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace testing {

// What test bodies and fixtures did, in order, from any thread: a test case notes events,
// then takes them (which also resets the journal for the next one).
inline std::mutex journal_mutex;
inline std::vector<std::string> journal;

inline void note(const std::string& event) {
    std::lock_guard lock(journal_mutex);
    journal.push_back(event);
}

inline std::vector<std::string> take_journal() {
    std::lock_guard lock(journal_mutex);
    return std::exchange(journal, {});
}

struct MainRun {
    int exit_code;
    std::string out;
    std::string err;
};

// ctp::main over `registry` with these arguments, capturing both streams.
inline MainRun run_main(const ctp::Registry& registry, std::initializer_list<const char*> arguments) {
    std::vector<const char*> argv{"tests"};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    std::ostringstream out, err;
    const int code = ctp::main(registry, static_cast<int>(argv.size()), argv.data(), out, err);
    return {code, out.str(), err.str()};
}

inline const ctp::TestRecord& record(const ctp::Result& result, const std::string& full_name) {
    for (const ctp::TestRecord& test : result.tests)
        if (test.full_name() == full_name) return test;
    throw std::runtime_error("no record for " + full_name);
}

inline std::vector<std::string> names(const ctp::Result& result) {
    std::vector<std::string> all;
    for (const ctp::TestRecord& test : result.tests) all.push_back(test.full_name());
    return all;
}

inline std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> all;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);) all.push_back(line);
    return all;
}

inline ctp::Options parallel(unsigned workers) {
    ctp::Options options;
    options.parallel = workers;
    return options;
}

}  // namespace testing

#endif  // CTP_TESTS_TESTING_HPP
