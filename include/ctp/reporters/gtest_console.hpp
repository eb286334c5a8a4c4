#ifndef CTP_REPORTERS_GTEST_CONSOLE_HPP
#define CTP_REPORTERS_GTEST_CONSOLE_HPP

// GoogleTest's console output and --gtest_list_tests, which tools (CTest's
// gtest_discover_tests, gtest-parallel, IDE adapters) parse: the same text as GoogleTest
// 1.12 prints for the same tests.

#include <chrono>   // duration_cast, milliseconds
#include <cstddef>  // size_t
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "../listener.hpp"
#include "../options.hpp"
#include "../plan/plan.hpp"
#include "../result.hpp"
#include "../test_info.hpp"
#include "../text/text_building.hpp"

namespace ctp::detail {

// A GoogleTest test's parameter as TestInfo::parameter keeps it: "GetParam() = 5" for a
// value-parameterized test, "TypeParam = int" for a typed one. Empty for anything else.
inline std::string_view gtest_value_param(std::string_view parameter) {
    constexpr std::string_view prefix = "GetParam() = ";
    return parameter.starts_with(prefix) ? parameter.substr(prefix.size()) : std::string_view();
}

inline std::string_view gtest_type_param(std::string_view parameter) {
    constexpr std::string_view prefix = "TypeParam = ";
    return parameter.starts_with(prefix) ? parameter.substr(prefix.size()) : std::string_view();
}

inline std::string_view gtest_parameter(const TestInfo& info) {
    return info.parameter != nullptr ? std::string_view(info.parameter) : std::string_view();
}

// "1 test", "3 tests".
inline std::string gtest_count(std::size_t count, std::string_view noun) {
    return concat({digits(count), " ", noun, count == 1 ? "" : "s"});
}

// --gtest_list_tests: the suites in order of first appearance, each with its tests.
inline void write_gtest_list(std::ostream& out, const std::vector<const TestInfo*>& tests) {
    std::vector<std::string_view> suites;
    std::unordered_map<std::string_view, std::vector<const TestInfo*>> members;
    for (const TestInfo* info : tests) {
        std::vector<const TestInfo*>& list = members[info->suite()];
        if (list.empty()) suites.push_back(info->suite());
        list.push_back(info);
    }
    for (std::string_view suite : suites) {
        const std::vector<const TestInfo*>& list = members[suite];
        out << suite << '.';
        if (const std::string_view type = gtest_parameter(*list.front()); !gtest_type_param(type).empty())
            out << "  # " << type;
        out << '\n';
        for (const TestInfo* info : list) {
            out << "  " << info->name();
            if (const std::string_view value = gtest_parameter(*info); !gtest_value_param(value).empty())
                out << "  # " << value;
            out << '\n';
        }
    }
    out.flush();
}

// The console report of GoogleTest. Without --parallel it streams: a test's RUN line when it
// starts, its failures and result when it ends. In the pool each test's lines are printed whole
// when it ends, so that two tests' lines never mix; a suite's heading comes with its first test
// to end and its closing line with its last.
class GtestConsoleReporter final : public Listener {
public:
    GtestConsoleReporter(std::ostream& out, const Plan& plan, const Options& options, bool color)
        : out_(out),
          report_(options.gtest),
          color_(color),
          streaming_(options.parallel == 0),
          iterations_(options.repeat > 1 ? options.repeat : 1),
          shuffle_(options.shuffle),
          shard_(options.shard),
          tests_(plan.tests.size()) {
        for (const TestInfo* info : plan.tests) suite_of(info->suite(), gtest_parameter(*info)).tests += 1;
        for (const TestInfo* info : report_.disabled)
            suite_of(info->suite(), gtest_parameter(*info)).disabled.push_back(info->name());
        for (const Suite& suite : suites_) suites_run_ += suite.tests > 0 ? 1 : 0;
    }

    bool wants_test_start() const noexcept override { return streaming_; }

    void on_run_start(const Result&) override { begin_iteration(1); }

    void on_test_start(const TestRecord& record) override {
        next_iteration(record.iteration);
        open(record);
        if (!report_.brief) out_ << paint(green, "[ RUN      ] ") << record.full_name() << '\n';
        out_.flush();
    }

    void on_test_end(const TestRecord& record) override {
        next_iteration(record.iteration);
        Suite& suite = open(record);
        const bool failed = record.outcome == Outcome::failed || record.outcome == Outcome::error ||
                            record.outcome == Outcome::unexpected_success;
        const bool shown = !report_.brief || failed;
        if (!streaming_ && shown) out_ << paint(green, "[ RUN      ] ") << record.full_name() << '\n';
        if (shown || record.outcome == Outcome::skipped) write_details(record);
        std::string name = record.full_name();
        if (failed && (!gtest_value_param(record.parameter).empty() || !gtest_type_param(record.parameter).empty()))
            append(name, {", where ", record.parameter});
        if (shown) {
            if (failed) out_ << paint(red, "[  FAILED  ] ");
            else if (record.outcome == Outcome::skipped) out_ << paint(green, "[  SKIPPED ] ");
            else out_ << paint(green, "[       OK ] ");
            out_ << name;
            if (report_.print_time) out_ << " (" << milliseconds(record.duration) << " ms)";
            out_ << '\n';
        }
        if (failed) failed_.push_back(std::move(name));
        else if (record.outcome == Outcome::skipped) skipped_.push_back(std::move(name));
        else ++passed_;
        suite.time += record.duration;
        if (++suite.done == suite.tests) close(suite);
        out_.flush();
    }

    void on_run_end(const Result& result) override {
        if (!result.aborted.empty()) out_ << paint(red, "[  FAILED  ] ") << "aborted: " << result.aborted << '\n';
        for (const Failure& failure : result.unattributed)
            out_ << failure.file << ':' << failure.line << ": Failure\n" << failure.message << '\n';
        end_iteration(true);
        out_.flush();
    }

private:
    static constexpr const char* green = "\033[0;32m";
    static constexpr const char* red = "\033[0;31m";
    static constexpr const char* yellow = "\033[0;33m";

    struct Suite {
        std::string_view name;
        std::string_view type_param;  // "TypeParam = int" of a typed suite; empty otherwise
        std::size_t tests = 0;        // to run in each iteration
        std::vector<std::string_view> disabled;
        std::size_t done = 0;
        bool opened = false;
        std::chrono::nanoseconds time{};
    };

    std::string paint(const char* color, std::string_view text) const {
        return color_ ? concat({color, text, "\033[m"}) : std::string(text);
    }

    static ShortText milliseconds(std::chrono::nanoseconds duration) {
        return digits(
            static_cast<std::size_t>(std::chrono::duration_cast<std::chrono::milliseconds>(duration).count()));
    }

    Suite& suite_of(std::string_view name, std::string_view parameter) {
        auto [at, added] = suite_index_.try_emplace(name, suites_.size());
        if (added) {
            Suite& suite = suites_.emplace_back();
            suite.name = name;
            if (!gtest_type_param(parameter).empty()) suite.type_param = parameter;
        }
        return suites_[at->second];
    }

    Suite& open(const TestRecord& record) {
        Suite& suite = suite_of(record.suite, record.parameter);
        if (!suite.opened) {
            suite.opened = true;
            if (!report_.brief) {
                out_ << paint(green, "[----------] ") << gtest_count(suite.tests, "test") << " from " << suite.name;
                if (!suite.type_param.empty()) out_ << ", where " << suite.type_param;
                out_ << '\n';
            }
        }
        return suite;
    }

    void close(Suite& suite) {
        if (!report_.brief) {
            for (std::string_view name : suite.disabled)
                out_ << paint(yellow, "[ DISABLED ] ") << suite.name << '.' << name << '\n';
            if (report_.print_time)
                out_ << paint(green, "[----------] ") << gtest_count(suite.tests, "test") << " from " << suite.name
                     << " (" << milliseconds(suite.time) << " ms total)\n\n";
        }
        suite.opened = false;
    }

    void begin_iteration(unsigned iteration) {
        iteration_ = iteration;
        iteration_start_ = Clock::now();
        passed_ = 0;
        failed_.clear();
        skipped_.clear();
        for (Suite& suite : suites_) suite.done = 0, suite.time = {}, suite.opened = false;
        if (report_.brief) return;
        if (iterations_ > 1) out_ << "\nRepeating all tests (iteration " << iteration << ") . . .\n\n";
        if (!report_.filter.empty() && report_.filter != "*")
            out_ << paint(yellow, concat({"Note: Google Test filter = ", report_.filter, "\n"}));
        if (shard_ && shard_->count > 1)
            out_ << paint(yellow, concat({"Note: This is test shard ", digits(shard_->index), " of ",
                                          digits(shard_->count), ".\n"}));
        if (shuffle_)
            out_ << paint(yellow,
                          concat({"Note: Randomizing tests' orders with a seed of ", digits(*shuffle_), " .\n"}));
        out_ << paint(green, "[==========] ") << "Running " << gtest_count(tests_, "test") << " from "
             << gtest_count(suites_run_, "test suite") << ".\n";
        if (iteration == 1 && tests_ > 0) out_ << paint(green, "[----------] ") << "Global test environment set-up.\n";
        out_.flush();
    }

    void next_iteration(unsigned iteration) {
        if (iteration <= iteration_) return;
        end_iteration(false);
        begin_iteration(iteration);
    }

    void end_iteration(bool last) {
        for (Suite& suite : suites_)
            if (suite.opened) close(suite);
        if (!report_.brief && last && tests_ > 0)
            out_ << paint(green, "[----------] ") << "Global test environment tear-down\n";
        const auto elapsed = Clock::now() - iteration_start_;
        out_ << paint(green, "[==========] ") << gtest_count(tests_, "test") << " from "
             << gtest_count(suites_run_, "test suite") << " ran.";
        if (report_.print_time) out_ << " (" << milliseconds(elapsed) << " ms total)";
        out_ << '\n' << paint(green, "[  PASSED  ] ") << gtest_count(passed_, "test") << ".\n";
        if (!skipped_.empty()) {
            out_ << paint(green, "[  SKIPPED ] ") << gtest_count(skipped_.size(), "test")
                 << (report_.brief ? ".\n" : ", listed below:\n");
            if (!report_.brief)
                for (const std::string& name : skipped_) out_ << paint(green, "[  SKIPPED ] ") << name << '\n';
        }
        if (!failed_.empty() && !report_.brief) {
            out_ << paint(red, "[  FAILED  ] ") << gtest_count(failed_.size(), "test") << ", listed below:\n";
            for (const std::string& name : failed_) out_ << paint(red, "[  FAILED  ] ") << name << '\n';
            out_ << '\n' << ' ' << failed_.size() << (failed_.size() == 1 ? " FAILED TEST\n" : " FAILED TESTS\n");
        }
        if (!report_.disabled.empty()) {
            const std::size_t count = report_.disabled.size();
            out_ << paint(yellow, concat({"  YOU HAVE ", digits(count),
                                          count == 1 ? " DISABLED TEST" : " DISABLED TESTS", "\n\n"}));
        }
    }

    void write_details(const TestRecord& record) {
        for (const Failure& failure : record.failures)
            out_ << failure.file << ':' << failure.line << ": Failure\n" << failure.message << '\n';
        if (record.outcome == Outcome::skipped)
            out_ << record.file << ':' << record.line << ": Skipped\n" << record.skip_reason << '\n';
    }

    std::ostream& out_;
    const GtestReport& report_;
    const bool color_;
    const bool streaming_;
    const unsigned iterations_;
    const std::optional<std::uint64_t> shuffle_;
    const std::optional<Shard> shard_;
    const std::size_t tests_;  // per iteration
    std::vector<Suite> suites_;
    std::unordered_map<std::string_view, std::size_t> suite_index_;
    std::size_t suites_run_ = 0;
    unsigned iteration_ = 0;
    Clock::time_point iteration_start_;
    std::size_t passed_ = 0;
    std::vector<std::string> failed_, skipped_;
};

}  // namespace ctp::detail

#endif  // CTP_REPORTERS_GTEST_CONSOLE_HPP
