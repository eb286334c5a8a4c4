#ifndef CTP_GTEST_EVENTS_HPP
#define CTP_GTEST_EVENTS_HPP

// GoogleTest's event-listener and reflection API (testing::UnitTest, TestEventListener,
// TestInfo, TestResult, TestPartResult) over ctp's run. Out of line in
// events_implementation.hpp.

#include <cstdint>  // int64_t
#include <string>
#include <vector>

namespace ctp::detail::gtest {
class Events;
}  // namespace ctp::detail::gtest

namespace testing {

class TestInfo;
class TestSuite;
class UnitTest;

using TimeInMillis = std::int64_t;

// One assertion's failure, or a skip, as a test records it.
class TestPartResult {
public:
    enum Type { kSuccess, kNonFatalFailure, kFatalFailure, kSkip };

    TestPartResult(Type type, const char* file_name, int line_number, const char* message)
        : type_(type),
          file_name_(file_name != nullptr ? file_name : ""),
          line_number_(line_number),
          message_(message != nullptr ? message : "") {}

    Type type() const { return type_; }
    // Null when the part has no place (a skip).
    const char* file_name() const { return file_name_.empty() ? nullptr : file_name_.c_str(); }
    int line_number() const { return line_number_; }
    const char* summary() const { return message_.c_str(); }
    const char* message() const { return message_.c_str(); }
    bool skipped() const { return type_ == kSkip; }
    bool passed() const { return type_ == kSuccess; }
    bool nonfatally_failed() const { return type_ == kNonFatalFailure; }
    bool fatally_failed() const { return type_ == kFatalFailure; }
    bool failed() const { return fatally_failed() || nonfatally_failed(); }

private:
    Type type_;
    std::string file_name_;
    int line_number_;
    std::string message_;
};

// A key and value of RecordProperty.
class TestProperty {
public:
    TestProperty(const std::string& key, const std::string& value) : key_(key), value_(value) {}
    const char* key() const { return key_.c_str(); }
    const char* value() const { return value_.c_str(); }
    void SetValue(const std::string& value) { value_ = value; }

private:
    std::string key_;
    std::string value_;
};

class TestResult {
public:
    int total_part_count() const { return static_cast<int>(parts_.size()); }
    int test_property_count() const { return static_cast<int>(properties_.size()); }
    bool Passed() const { return !Skipped() && !Failed(); }
    bool Skipped() const;
    bool Failed() const;
    bool HasFatalFailure() const;
    bool HasNonfatalFailure() const;
    TimeInMillis elapsed_time() const { return elapsed_time_; }
    TimeInMillis start_timestamp() const { return start_timestamp_; }
    const TestPartResult& GetTestPartResult(int i) const { return parts_.at(static_cast<std::size_t>(i)); }
    const TestProperty& GetTestProperty(int i) const { return properties_.at(static_cast<std::size_t>(i)); }

private:
    friend class ctp::detail::gtest::Events;
    std::vector<TestPartResult> parts_;
    std::vector<TestProperty> properties_;
    TimeInMillis elapsed_time_ = 0;
    TimeInMillis start_timestamp_ = 0;
};

class TestInfo {
public:
    const char* test_suite_name() const { return suite_.c_str(); }
    const char* test_case_name() const { return suite_.c_str(); }
    const char* name() const { return name_.c_str(); }
    // Null unless the test is typed / value-parameterized.
    const char* type_param() const { return type_param_.empty() ? nullptr : type_param_.c_str(); }
    const char* value_param() const { return value_param_.empty() ? nullptr : value_param_.c_str(); }
    const char* file() const { return file_.c_str(); }
    int line() const { return line_; }
    bool is_in_another_shard() const { return false; }
    bool should_run() const { return should_run_; }
    bool is_reportable() const { return should_run_ || disabled_; }
    const TestResult* result() const { return &result_; }

private:
    friend class ctp::detail::gtest::Events;
    std::string suite_, name_, type_param_, value_param_, file_;
    int line_ = 0;
    bool should_run_ = false;
    bool disabled_ = false;  // a DISABLED_ test the filter selects
    TestResult result_;
};

class TestSuite {
public:
    const char* name() const { return name_.c_str(); }
    const char* type_param() const { return type_param_.empty() ? nullptr : type_param_.c_str(); }
    const char* value_param() const { return nullptr; }
    bool should_run() const { return test_to_run_count() > 0; }
    int successful_test_count() const;
    int skipped_test_count() const;
    int failed_test_count() const;
    int reportable_disabled_test_count() const;
    int disabled_test_count() const;
    int reportable_test_count() const;
    int test_to_run_count() const;
    int total_test_count() const { return static_cast<int>(tests_.size()); }
    bool Passed() const { return !Failed(); }
    bool Failed() const { return failed_test_count() > 0 || ad_hoc_test_result_.Failed(); }
    TimeInMillis elapsed_time() const { return elapsed_time_; }
    TimeInMillis start_timestamp() const { return start_timestamp_; }
    const TestInfo* GetTestInfo(int i) const;
    const TestResult& ad_hoc_test_result() const { return ad_hoc_test_result_; }

private:
    friend class ctp::detail::gtest::Events;
    std::string name_, type_param_;
    std::vector<TestInfo*> tests_;  // owned by the run's Events
    TimeInMillis elapsed_time_ = 0;
    TimeInMillis start_timestamp_ = 0;
    TestResult ad_hoc_test_result_;
};

using TestCase = TestSuite;

// Receives the run's events. Start events go through the listeners in the order they were
// appended, end events in the reverse order. OnTestStart, OnTestPartResult and OnTestEnd come
// on the test's thread, OnTestEnd while the test can still fail.
class TestEventListener {
public:
    virtual ~TestEventListener() = default;
    virtual void OnTestProgramStart(const UnitTest& unit_test) = 0;
    virtual void OnTestIterationStart(const UnitTest& unit_test, int iteration) = 0;
    virtual void OnEnvironmentsSetUpStart(const UnitTest& unit_test) = 0;
    virtual void OnEnvironmentsSetUpEnd(const UnitTest& unit_test) = 0;
    virtual void OnTestSuiteStart(const TestSuite& /*test_suite*/) {}
    virtual void OnTestCaseStart(const TestCase& /*test_case*/) {}
    virtual void OnTestStart(const TestInfo& test_info) = 0;
    virtual void OnTestDisabled(const TestInfo& /*test_info*/) {}
    virtual void OnTestPartResult(const TestPartResult& test_part_result) = 0;
    virtual void OnTestEnd(const TestInfo& test_info) = 0;
    virtual void OnTestSuiteEnd(const TestSuite& /*test_suite*/) {}
    virtual void OnTestCaseEnd(const TestCase& /*test_case*/) {}
    virtual void OnEnvironmentsTearDownStart(const UnitTest& unit_test) = 0;
    virtual void OnEnvironmentsTearDownEnd(const UnitTest& unit_test) = 0;
    virtual void OnTestIterationEnd(const UnitTest& unit_test, int iteration) = 0;
    virtual void OnTestProgramEnd(const UnitTest& unit_test) = 0;
};

class EmptyTestEventListener : public TestEventListener {
public:
    void OnTestProgramStart(const UnitTest&) override {}
    void OnTestIterationStart(const UnitTest&, int) override {}
    void OnEnvironmentsSetUpStart(const UnitTest&) override {}
    void OnEnvironmentsSetUpEnd(const UnitTest&) override {}
    void OnTestSuiteStart(const TestSuite&) override {}
    void OnTestCaseStart(const TestCase&) override {}
    void OnTestStart(const TestInfo&) override {}
    void OnTestDisabled(const TestInfo&) override {}
    void OnTestPartResult(const TestPartResult&) override {}
    void OnTestEnd(const TestInfo&) override {}
    void OnTestSuiteEnd(const TestSuite&) override {}
    void OnTestCaseEnd(const TestCase&) override {}
    void OnEnvironmentsTearDownStart(const UnitTest&) override {}
    void OnEnvironmentsTearDownEnd(const UnitTest&) override {}
    void OnTestIterationEnd(const UnitTest&, int) override {}
    void OnTestProgramEnd(const UnitTest&) override {}
};

// The run's listeners, which it owns. The default result printer stands for GoogleTest's
// console output and the default XML generator for --gtest_output's report: releasing one
// turns that output off.
class TestEventListeners {
public:
    TestEventListeners();
    TestEventListeners(const TestEventListeners&) = delete;
    TestEventListeners& operator=(const TestEventListeners&) = delete;
    ~TestEventListeners();

    void Append(TestEventListener* listener);
    // Returns `listener`, no longer owned, or null if it is not in the list.
    TestEventListener* Release(TestEventListener* listener);
    TestEventListener* default_result_printer() const { return default_result_printer_; }
    TestEventListener* default_xml_generator() const { return default_xml_generator_; }

private:
    friend class ctp::detail::gtest::Events;
    std::vector<TestEventListener*> listeners_;
    TestEventListener* default_result_printer_;
    TestEventListener* default_xml_generator_;
};

class UnitTest {
public:
    static UnitTest* GetInstance();
    UnitTest(const UnitTest&) = delete;
    UnitTest& operator=(const UnitTest&) = delete;

    // Runs the tests as the command line given to InitGoogleTest says; returns the exit code.
    int Run();

    TestEventListeners& listeners() { return listeners_; }
    // The test running on the calling thread; null outside any.
    const TestInfo* current_test_info() const;
    const TestSuite* current_test_suite() const;
    const TestCase* current_test_case() const { return current_test_suite(); }
    int random_seed() const { return random_seed_; }

    int successful_test_suite_count() const;
    int failed_test_suite_count() const;
    int total_test_suite_count() const { return static_cast<int>(suites_.size()); }
    int test_suite_to_run_count() const;
    int successful_test_case_count() const { return successful_test_suite_count(); }
    int failed_test_case_count() const { return failed_test_suite_count(); }
    int total_test_case_count() const { return total_test_suite_count(); }
    int test_case_to_run_count() const { return test_suite_to_run_count(); }
    int successful_test_count() const;
    int skipped_test_count() const;
    int failed_test_count() const;
    int reportable_disabled_test_count() const;
    int disabled_test_count() const;
    int reportable_test_count() const;
    int total_test_count() const;
    int test_to_run_count() const;
    TimeInMillis start_timestamp() const { return start_timestamp_; }
    TimeInMillis elapsed_time() const { return elapsed_time_; }
    bool Passed() const { return !Failed(); }
    bool Failed() const { return failed_test_suite_count() > 0 || ad_hoc_test_result_.Failed(); }
    const TestSuite* GetTestSuite(int i) const;
    const TestCase* GetTestCase(int i) const { return GetTestSuite(i); }
    const TestResult& ad_hoc_test_result() const { return ad_hoc_test_result_; }

private:
    friend class ctp::detail::gtest::Events;
    UnitTest() = default;
    ~UnitTest();

    TestEventListeners listeners_;
    std::vector<TestSuite*> suites_;  // of the latest run, owned
    TimeInMillis start_timestamp_ = 0;
    TimeInMillis elapsed_time_ = 0;
    int random_seed_ = 0;
    TestResult ad_hoc_test_result_;
};

}  // namespace testing

#endif  // CTP_GTEST_EVENTS_HPP
