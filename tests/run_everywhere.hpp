// Runs a test body the three ways an assertion must work: in the serial phase, on the workers of
// a parallel(2) run, and in a ctp::jthread that the test starts.
#ifndef CTP_TESTS_RUN_EVERYWHERE_HPP
#define CTP_TESTS_RUN_EVERYWHERE_HPP

#include <string>
#include <vector>

#include "testing.hpp"

namespace testing {

inline std::vector<std::string> failure_messages(const ctp::TestRecord& record) {
    std::vector<std::string> all;
    for (const ctp::Failure& failure : record.failures) all.push_back(failure.message);
    return all;
}

// The failure messages of `body`, the same in every way it runs (checked here). A fatal
// assertion would end a ctp::jthread's program, so `in_thread` is false for REQUIRE forms.
template <class Body>
std::vector<std::string> failures_everywhere(Body body, bool in_thread = true) {
    std::vector<std::vector<std::string>> runs;
    ctp::Registry serial;
    serial.add("Serial", "body", body);
    for (const ctp::TestRecord& test : ctp::run(serial, {}).tests) runs.push_back(failure_messages(test));

    ctp::Registry parallel;
    parallel.add("Parallel", "first", body);
    parallel.add("Parallel", "second", body);
    for (const ctp::TestRecord& test : ctp::run(parallel, testing::parallel(2)).tests)
        runs.push_back(failure_messages(test));

    if (in_thread) {
        ctp::Registry threads;
        threads.add("Thread", "body", [body] { ctp::jthread worker(body); });
        const ctp::Result result = ctp::run(threads, {});
        CHECK(result.unattributed.empty());
        for (const ctp::TestRecord& test : result.tests) runs.push_back(failure_messages(test));
    }
    REQUIRE(runs.size() == (in_thread ? 4u : 3u));
    for (const auto& run : runs) CHECK(run == runs.front());
    return runs.front();
}

}  // namespace testing

// Failure lists print one message a line when a comparison of them fails.
template <>
struct doctest::StringMaker<std::vector<std::string>> {
    static doctest::String convert(const std::vector<std::string>& messages) {
        std::string text = "{";
        for (const std::string& message : messages) text += "\n  " + message;
        return (text + "\n}").c_str();
    }
};

#endif  // CTP_TESTS_RUN_EVERYWHERE_HPP
