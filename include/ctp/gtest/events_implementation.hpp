#ifndef CTP_GTEST_EVENTS_IMPLEMENTATION_HPP
#define CTP_GTEST_EVENTS_IMPLEMENTATION_HPP

// The out-of-line half of events.hpp: GoogleTest's listeners and reflection objects fed from
// ctp's run. Compiled once, in the file with the main (gtest_main.cpp or
// gtest_implementation.cpp).

#include <chrono>   // duration_cast, milliseconds, system_clock
#include <cstddef>  // size_t
#include <memory>   // unique_ptr
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "../front_end.hpp"
#include "../listener.hpp"
#include "../registry.hpp"
#include "../reporters/gtest_console.hpp"
#include "../result.hpp"
#include "../test_info.hpp"
#include "events.hpp"

namespace ctp::detail::gtest {

// GoogleTest's rule: a suite or test whose name starts with DISABLED_ (after a prefix's '/').
inline bool is_disabled_name(std::string_view name) {
    return name.starts_with("DISABLED_") || name.find("/DISABLED_") != std::string_view::npos;
}

inline bool is_disabled(const TestInfo& info) {
    return is_disabled_name(info.suite()) || is_disabled_name(info.name());
}

// The default printer and XML generator are markers: what they stand for is ctp's reporters,
// which run only while the markers are in the list.
class DefaultOutput final : public testing::EmptyTestEventListener {};

inline testing::TimeInMillis milliseconds(std::chrono::nanoseconds duration) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(duration).count();
}

inline testing::TimeInMillis now_millis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Feeds GoogleTest's objects and listeners from one run: as ctp's listener (the run, its
// iterations, each test's final record) and, when the program added listeners, through
// detail::test_events on each test's thread (OnTestStart, OnTestPartResult, OnTestEnd).
class Events final : public Listener {
public:
    // `selected`: the tests that run; `disabled`: the DISABLED_ tests the filter selects.
    Events(testing::UnitTest& unit, const Registry& all, const std::vector<const TestInfo*>& selected,
           const std::vector<const TestInfo*>& disabled, int random_seed)
        : unit_(unit) {
        clear(unit);
        unit.random_seed_ = random_seed;
        unit.ad_hoc_test_result_ = {};
        std::unordered_map<std::string_view, std::size_t> suite_index;
        for (const TestInfo* info : all.tests()) {
            auto [at, added] = suite_index.try_emplace(info->suite(), unit.suites_.size());
            if (added) {
                auto* suite = new testing::TestSuite();
                suite->name_ = info->suite();
                unit.suites_.push_back(suite);
            }
            testing::TestSuite* suite = unit.suites_[at->second];
            auto* test = new testing::TestInfo();
            test->suite_ = info->suite();
            test->name_ = info->name();
            test->file_ = info->file;
            test->line_ = info->line;
            const std::string_view parameter = gtest_parameter(*info);
            test->value_param_ = gtest_value_param(parameter);
            test->type_param_ = gtest_type_param(parameter);
            if (!test->type_param_.empty()) suite->type_param_ = test->type_param_;
            suite->tests_.push_back(test);
            entries_.try_emplace(info->names, Entry{test, suite, at->second});
        }
        for (const TestInfo* info : selected)
            if (auto at = entries_.find(info->names); at != entries_.end()) at->second.test->should_run_ = true;
        for (const TestInfo* info : disabled)
            if (auto at = entries_.find(info->names); at != entries_.end()) at->second.test->disabled_ = true;
        suites_.resize(unit.suites_.size());
        for (const auto& [names, entry] : entries_) suites_[entry.suite_index].to_run += entry.test->should_run_;
        for (testing::TestEventListener* listener : unit.listeners_.listeners_)
            if (dynamic_cast<DefaultOutput*>(listener) == nullptr) listening_ = true;
        if (listening_) {
            active_ = this;
            test_events = &hooks_;
        }
    }

    Events(const Events&) = delete;
    Events& operator=(const Events&) = delete;

    ~Events() override {
        if (active_ == this) {
            test_events = nullptr;
            active_ = nullptr;
        }
    }

    // Frees what a run left in `unit`.
    static void clear(testing::UnitTest& unit) {
        for (testing::TestSuite* suite : unit.suites_) {
            for (testing::TestInfo* test : suite->tests_) delete test;
            delete suite;
        }
        unit.suites_.clear();
    }

    static const testing::TestInfo* current_test() noexcept { return current_; }
    static const testing::TestSuite* current_suite() noexcept { return current_suite_; }

    bool wants_test_start() const noexcept override { return listening_; }
    bool listening() const noexcept { return listening_; }

    void on_run_start(const Result&) override {
        start_ = Clock::now();
        unit_.start_timestamp_ = now_millis();
        for_each([&](testing::TestEventListener& listener) { listener.OnTestProgramStart(unit_); });
        begin_iteration(1);
    }

    void on_test_start(const TestRecord& record) override {
        if (record.iteration > iteration_) {
            end_iteration();
            begin_iteration(record.iteration);
        }
    }

    void on_test_end(const TestRecord& record) override {
        std::lock_guard lock(mutex_);
        const auto at = entries_.find(record.suite.data());
        if (at == entries_.end()) return;
        const Entry& entry = at->second;
        if (!listening_) entry.test->result_ = {};  // no test_started cleared it
        settle(entry.test->result_, record);
        SuiteState& state = suites_[entry.suite_index];
        state.time += record.duration;
        if (!listening_) return;
        begin_suite(entry);
        if (++state.done == state.to_run) end_suite(entry.suite_index);
    }

    void on_run_end(const Result& result) override {
        end_iteration();
        unit_.elapsed_time_ = milliseconds(result.end - result.start);
        for_each_reversed([&](testing::TestEventListener& listener) { listener.OnTestProgramEnd(unit_); });
    }

private:
    struct Entry {
        testing::TestInfo* test;
        testing::TestSuite* suite;
        std::size_t suite_index;
    };

    struct SuiteState {
        std::size_t to_run = 0;
        std::size_t done = 0;
        bool started = false;
        std::chrono::nanoseconds time{};
    };

    template <class Call>
    void for_each(Call&& call) {
        std::lock_guard lock(mutex_);
        for (testing::TestEventListener* listener : unit_.listeners_.listeners_) call(*listener);
    }

    template <class Call>
    void for_each_reversed(Call&& call) {
        std::lock_guard lock(mutex_);
        const std::vector<testing::TestEventListener*>& listeners = unit_.listeners_.listeners_;
        for (std::size_t i = listeners.size(); i-- > 0;) call(*listeners[i]);
    }

    void begin_iteration(unsigned iteration) {
        iteration_ = iteration;
        for (SuiteState& state : suites_) state.done = 0, state.started = false, state.time = {};
        const int number = static_cast<int>(iteration) - 1;
        for_each([&](testing::TestEventListener& listener) { listener.OnTestIterationStart(unit_, number); });
        for_each([&](testing::TestEventListener& listener) { listener.OnEnvironmentsSetUpStart(unit_); });
        for_each_reversed([&](testing::TestEventListener& listener) { listener.OnEnvironmentsSetUpEnd(unit_); });
    }

    void end_iteration() {
        for (std::size_t i = 0; i < suites_.size(); ++i)
            if (suites_[i].started) end_suite(i);
        for_each([&](testing::TestEventListener& listener) { listener.OnEnvironmentsTearDownStart(unit_); });
        for_each_reversed([&](testing::TestEventListener& listener) { listener.OnEnvironmentsTearDownEnd(unit_); });
        const int number = static_cast<int>(iteration_) - 1;
        for_each_reversed([&](testing::TestEventListener& listener) { listener.OnTestIterationEnd(unit_, number); });
    }

    // With mutex_ held (it is recursive: a listener's assertion comes back through part()).
    void begin_suite(const Entry& entry) {
        SuiteState& state = suites_[entry.suite_index];
        if (state.started) return;
        state.started = true;
        entry.suite->start_timestamp_ = now_millis();
        for_each([&](testing::TestEventListener& listener) {
            listener.OnTestSuiteStart(*entry.suite);
            listener.OnTestCaseStart(*entry.suite);
        });
    }

    void end_suite(std::size_t index) {
        SuiteState& state = suites_[index];
        state.started = false;
        testing::TestSuite& suite = *unit_.suites_[index];
        suite.elapsed_time_ = milliseconds(state.time);
        for_each_reversed([&](testing::TestEventListener& listener) {
            listener.OnTestSuiteEnd(suite);
            listener.OnTestCaseEnd(suite);
        });
    }

    // The final record decides: what the parts did not tell (an escaped exception, a failure
    // before any listener was installed, a skip by decorator) is added from it.
    static void settle(testing::TestResult& result, const TestRecord& record) {
        std::size_t failures = 0;
        bool skipped = false;
        for (const testing::TestPartResult& part : result.parts_) failures += part.failed(), skipped |= part.skipped();
        for (std::size_t i = failures; i < record.failures.size(); ++i) {
            const Failure& failure = record.failures[i];
            const bool last_of_error = record.outcome == Outcome::error && i + 1 == record.failures.size();
            result.parts_.emplace_back(
                last_of_error ? testing::TestPartResult::kFatalFailure : testing::TestPartResult::kNonFatalFailure,
                failure.file.c_str(), failure.line, failure.message.c_str());
        }
        if (record.outcome == Outcome::skipped && !skipped)
            result.parts_.emplace_back(testing::TestPartResult::kSkip, nullptr, 0, record.skip_reason.c_str());
        if (record.outcome == Outcome::unexpected_success)
            result.parts_.emplace_back(testing::TestPartResult::kNonFatalFailure, std::string(record.file).c_str(),
                                       record.line, "unexpected success");
        result.properties_.clear();
        for (const Property& property : record.properties)
            result.properties_.emplace_back(property.key, property.value);
        result.elapsed_time_ = milliseconds(record.duration);
    }

    // detail::test_events, on the test's thread.
    static void test_started(const TestInfo& info) {
        Events& self = *active_;
        std::lock_guard lock(self.mutex_);
        const auto at = self.entries_.find(info.names);
        if (at == self.entries_.end()) return;
        const Entry& entry = at->second;
        entry.test->result_ = {};
        entry.test->result_.start_timestamp_ = now_millis();
        current_ = entry.test;
        current_suite_ = entry.suite;
        self.begin_suite(entry);
        self.for_each([&](testing::TestEventListener& listener) { listener.OnTestStart(*entry.test); });
    }

    static void test_part(PartKind kind, const char* file, int line, const char* message, std::size_t size) {
        Events& self = *active_;
        std::lock_guard lock(self.mutex_);
        testing::TestInfo* test = current_;
        if (test == nullptr) return;
        testing::TestPartResult::Type type = testing::TestPartResult::kNonFatalFailure;
        switch (kind) {
            case PartKind::failure: break;
            case PartKind::fatal_failure: type = testing::TestPartResult::kFatalFailure; break;
            case PartKind::skip: type = testing::TestPartResult::kSkip; break;
            case PartKind::success: type = testing::TestPartResult::kSuccess; break;
        }
        test->result_.parts_.emplace_back(type, file, line, std::string(message, size).c_str());
        const testing::TestPartResult& part = test->result_.parts_.back();
        self.for_each([&](testing::TestEventListener& listener) { listener.OnTestPartResult(part); });
    }

    static void test_ended(const TestInfo&) {
        Events& self = *active_;
        std::lock_guard lock(self.mutex_);
        testing::TestInfo* test = current_;
        if (test == nullptr) return;
        self.for_each_reversed([&](testing::TestEventListener& listener) { listener.OnTestEnd(*test); });
        current_ = nullptr;
        current_suite_ = nullptr;
    }

    testing::UnitTest& unit_;
    std::unordered_map<const char*, Entry> entries_;  // by the test's names, as its records view them
    std::vector<SuiteState> suites_;                  // as unit_.suites_
    bool listening_ = false;                          // the program added listeners of its own
    unsigned iteration_ = 0;
    Clock::time_point start_;
    std::recursive_mutex mutex_;
    const TestEvents hooks_{&test_started, &test_part, &test_ended};

    static inline Events* active_ = nullptr;
    static inline thread_local testing::TestInfo* current_ = nullptr;
    static inline thread_local testing::TestSuite* current_suite_ = nullptr;
};

}  // namespace ctp::detail::gtest

namespace testing {

bool TestResult::Failed() const {
    for (const TestPartResult& part : parts_)
        if (part.failed()) return true;
    return false;
}

bool TestResult::Skipped() const {
    if (Failed()) return false;
    for (const TestPartResult& part : parts_)
        if (part.skipped()) return true;
    return false;
}

bool TestResult::HasFatalFailure() const {
    for (const TestPartResult& part : parts_)
        if (part.fatally_failed()) return true;
    return false;
}

bool TestResult::HasNonfatalFailure() const {
    for (const TestPartResult& part : parts_)
        if (part.nonfatally_failed()) return true;
    return false;
}

namespace {

template <class Count>
int count_tests(const std::vector<TestInfo*>& tests, Count&& counts) {
    int count = 0;
    for (const TestInfo* test : tests) count += counts(*test) ? 1 : 0;
    return count;
}

template <class Count>
int count_suites(const std::vector<TestSuite*>& suites, Count&& counts) {
    int count = 0;
    for (const TestSuite* suite : suites) count += counts(*suite);
    return count;
}

}  // namespace

int TestSuite::successful_test_count() const {
    return count_tests(tests_, [](const TestInfo& test) { return test.should_run() && test.result()->Passed(); });
}
int TestSuite::skipped_test_count() const {
    return count_tests(tests_, [](const TestInfo& test) { return test.should_run() && test.result()->Skipped(); });
}
int TestSuite::failed_test_count() const {
    return count_tests(tests_, [](const TestInfo& test) { return test.should_run() && test.result()->Failed(); });
}
int TestSuite::reportable_disabled_test_count() const {
    return count_tests(tests_, [](const TestInfo& test) { return test.is_reportable() && !test.should_run(); });
}
int TestSuite::disabled_test_count() const { return reportable_disabled_test_count(); }
int TestSuite::reportable_test_count() const {
    return count_tests(tests_, [](const TestInfo& test) { return test.is_reportable(); });
}
int TestSuite::test_to_run_count() const {
    return count_tests(tests_, [](const TestInfo& test) { return test.should_run(); });
}
const TestInfo* TestSuite::GetTestInfo(int i) const {
    return i >= 0 && static_cast<std::size_t>(i) < tests_.size() ? tests_[static_cast<std::size_t>(i)] : nullptr;
}

TestEventListeners::TestEventListeners()
    : default_result_printer_(new ctp::detail::gtest::DefaultOutput),
      default_xml_generator_(new ctp::detail::gtest::DefaultOutput) {
    listeners_.push_back(default_result_printer_);
    listeners_.push_back(default_xml_generator_);
}

TestEventListeners::~TestEventListeners() {
    for (TestEventListener* listener : listeners_) delete listener;
}

void TestEventListeners::Append(TestEventListener* listener) {
    if (listener != nullptr) listeners_.push_back(listener);
}

TestEventListener* TestEventListeners::Release(TestEventListener* listener) {
    for (auto at = listeners_.begin(); at != listeners_.end(); ++at) {
        if (*at != listener) continue;
        listeners_.erase(at);
        if (listener == default_result_printer_) default_result_printer_ = nullptr;
        if (listener == default_xml_generator_) default_xml_generator_ = nullptr;
        return listener;
    }
    return nullptr;
}

UnitTest* UnitTest::GetInstance() {
    static UnitTest instance;
    return &instance;
}

UnitTest::~UnitTest() { ctp::detail::gtest::Events::clear(*this); }

const TestInfo* UnitTest::current_test_info() const { return ctp::detail::gtest::Events::current_test(); }
const TestSuite* UnitTest::current_test_suite() const { return ctp::detail::gtest::Events::current_suite(); }

int UnitTest::successful_test_suite_count() const {
    return count_suites(suites_, [](const TestSuite& suite) { return suite.should_run() && suite.Passed(); });
}
int UnitTest::failed_test_suite_count() const {
    return count_suites(suites_, [](const TestSuite& suite) { return suite.should_run() && suite.Failed(); });
}
int UnitTest::test_suite_to_run_count() const {
    return count_suites(suites_, [](const TestSuite& suite) { return suite.should_run(); });
}
int UnitTest::successful_test_count() const {
    return count_suites(suites_, [](const TestSuite& suite) { return suite.successful_test_count(); });
}
int UnitTest::skipped_test_count() const {
    return count_suites(suites_, [](const TestSuite& suite) { return suite.skipped_test_count(); });
}
int UnitTest::failed_test_count() const {
    return count_suites(suites_, [](const TestSuite& suite) { return suite.failed_test_count(); });
}
int UnitTest::reportable_disabled_test_count() const {
    return count_suites(suites_, [](const TestSuite& suite) { return suite.reportable_disabled_test_count(); });
}
int UnitTest::disabled_test_count() const { return reportable_disabled_test_count(); }
int UnitTest::reportable_test_count() const {
    return count_suites(suites_, [](const TestSuite& suite) { return suite.reportable_test_count(); });
}
int UnitTest::total_test_count() const {
    return count_suites(suites_, [](const TestSuite& suite) { return suite.total_test_count(); });
}
int UnitTest::test_to_run_count() const {
    return count_suites(suites_, [](const TestSuite& suite) { return suite.test_to_run_count(); });
}
const TestSuite* UnitTest::GetTestSuite(int i) const {
    return i >= 0 && static_cast<std::size_t>(i) < suites_.size() ? suites_[static_cast<std::size_t>(i)] : nullptr;
}

}  // namespace testing

#endif  // CTP_GTEST_EVENTS_IMPLEMENTATION_HPP
