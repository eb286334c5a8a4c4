#ifndef CTP_GTEST_TEST_IMPLEMENTATION_HPP
#define CTP_GTEST_TEST_IMPLEMENTATION_HPP

// The out-of-line half of test.hpp, parameterized.hpp and typed.hpp, compiled once.

#include <cxxabi.h>

#include <cstdio>   // fputs, stderr
#include <cstdlib>  // abort, free
#include <cstring>  // strcmp, strncmp
#include <exception>
#include <memory>  // unique_ptr
#include <string>
#include <string_view>
#include <vector>

#include "../detail/added_tests.hpp"
#include "../result.hpp"
#include "../run/test_context.hpp"
#include "../text/text_building.hpp"
#include "parameterized.hpp"
#include "test.hpp"
#include "typed.hpp"

namespace ctp::detail::gtest {

struct Access {
    static void set_up(testing::Test& test) { test.SetUp(); }
    static void tear_down(testing::Test& test) { test.TearDown(); }
};

namespace {

// What GoogleTest reports for an exception out of a step: a fatal failure.
void report_exception(const char* file, int line, const char* where) {
    std::string message;
    try {
        throw;
    } catch (const RequireFailed&) {
        // ctp's own CTP_REQUIRE: reported already; fatal as GoogleTest's ASSERT_ would be.
        if (Context* context = context_of_this_thread()) context->mark_fatal();
        return;
    } catch (SkipRequested& skip) {
        report_skip(skip.reason.data(), skip.reason.size());
        return;
    } catch (const std::exception& error) {
        message = concat({"C++ exception with description \"", error.what(), "\" thrown in ", where, "."});
    } catch (...) {
        message = concat({"Unknown C++ exception thrown in ", where, "."});
    }
    report_failure(file, line, message.data(), message.size(), true);
}

template <class Step>
bool guarded(const TestInfo& info, const char* where, Step&& step) {
    try {
        step();
        return true;
    } catch (...) {
        report_exception(info.file, info.line, where);
        return false;
    }
}

bool stopped() { return test_has_fatal_failure() || test_is_skipped(); }

bool is_value_parameterized(const TestInfo& info) {
    return info.parameter != nullptr && std::string_view(info.parameter).starts_with("GetParam() = ");
}

// The test added last (at the tail) taken off again, for enlist() to place.
void take_tail(TestInfo* previous_tail) {
    TestList& list = global_tests();
    (previous_tail != nullptr ? previous_tail->next : list.head) = nullptr;
    list.tail = previous_tail;
}

bool enlist_as(TestInfo& info, bool parameterized) noexcept;

// `info` named, then placed: `parameterized` places it among the value-parameterized suites.
void add_placed(TestInfo& info, const std::string& suite, const std::string& name, const char* parameter,
                bool parameterized) {
    TestInfo* const tail = global_tests().tail;
    add_test(info, suite.c_str(), name.c_str(), parameter, false);
    take_tail(tail);
    if (info.decorations == nullptr && is_disabled(info.suite(), info.name())) info.decorations = &disabled_decorations;
    enlist_as(info, parameterized);
}

void run_message(const TestInfo& info, TestCase*) {
    const char* message = static_cast<const char*>(info.data);
    report_failure(info.file, info.line, message, std::strlen(message), true);
}

// A test that only fails with `message`.
void add_error_test(TestInfo& info, const std::string& suite, const std::string& name, const std::string& message,
                    const char* parameter, bool parameterized) {
    info.run = &run_message;
    info.data = lasting_text(message);
    add_placed(info, suite, name, parameter, parameterized);
}

std::vector<std::unique_ptr<testing::Environment>>& environments() {
    static std::vector<std::unique_ptr<testing::Environment>> added;
    return added;
}

bool run_environments(TestRecord& record, bool set_up) {
    Context context;
    {
        ContextScope scope{TestContext(context)};
        TestInfo where{};
        where.file = "";
        auto& all = environments();
        const char* step = set_up ? "Environment::SetUp()" : "Environment::TearDown()";
        if (set_up) {
            for (auto& environment : all) guarded(where, step, [&] { environment->SetUp(); });
        } else {
            for (auto it = all.rbegin(); it != all.rend(); ++it) guarded(where, step, [&] { (*it)->TearDown(); });
        }
    }
    const bool go_on = !context.has_fatal_failure() && !context.is_skipped();
    context.finish(record);
    return go_on;
}

}  // namespace

// A fatal failure or skip in the constructor leaves out SetUp, the body and TearDown; in
// SetUp, the body only.
void run_test(const TestInfo& info, TestStep step) {
    testing::Test* test = nullptr;
    if (!guarded(info, "the test fixture's constructor", [&] { test = step(nullptr); })) return;
    if (!stopped()) {
        if (guarded(info, "SetUp()", [&] { Access::set_up(*test); }) && !stopped())
            guarded(info, "the test body", [&] { step(test); });
        guarded(info, "TearDown()", [&] { Access::tear_down(*test); });
    }
    guarded(info, "the test fixture's destructor", [&] { delete test; });
}

bool enlist(TestInfo& info) noexcept { return enlist_as(info, is_value_parameterized(info)); }

namespace {

bool enlist_as(TestInfo& info, bool parameterized) noexcept {
    TestList& list = global_tests();
    info.next = nullptr;
    const auto same_suite = [&](const TestInfo& other) { return std::strcmp(other.suite(), info.suite()) == 0; };
    TestInfo* after = list.tail;  // where it goes; null: first
    if (list.tail != nullptr && !same_suite(*list.tail)) {
        TestInfo* last_of_suite = nullptr;
        TestInfo* before_parameterized = list.tail;
        bool seen_parameterized = false;
        for (TestInfo *test = list.head, *previous = nullptr; test != nullptr; previous = test, test = test->next) {
            if (same_suite(*test)) last_of_suite = test;
            if (!seen_parameterized && is_value_parameterized(*test)) {
                seen_parameterized = true;
                before_parameterized = previous;
            }
        }
        if (last_of_suite != nullptr) after = last_of_suite;
        else if (!parameterized) after = before_parameterized;
    }
    TestInfo*& next = after != nullptr ? after->next : list.head;
    info.next = next;
    next = &info;
    if (after == list.tail) list.tail = &info;
    return true;
}

}  // namespace

bool is_disabled(std::string_view suite, std::string_view name) noexcept {
    const auto disabled = [](std::string_view text) {
        return text.starts_with("DISABLED_") || text.find("/DISABLED_") != std::string_view::npos;
    };
    return disabled(suite) || disabled(name);
}

bool run_suite_hook(void (*hook)(), const char* where) {
    TestInfo nowhere{};
    nowhere.file = "";
    guarded(nowhere, where, hook);
    return !test_has_failure();
}

void no_parameter() {
    std::fputs("GetParam() is only for a value-parameterized test (TEST_P), while it runs\n", stderr);
    std::abort();
}

bool add_pattern(ParamSuite& suite, const char* suite_name, ParamPattern& pattern) noexcept {
    ParamPattern** end = &suite.patterns;
    while (*end != nullptr) end = &(*end)->next;
    *end = &pattern;
    for (ParamInstantiation* instantiation = suite.instantiations; instantiation != nullptr;
         instantiation = instantiation->next)
        instantiation->add(*instantiation, suite_name, pattern);
    return true;
}

bool add_instantiation(ParamSuite& suite, const char* suite_name, ParamInstantiation& instantiation) noexcept {
    ParamInstantiation** end = &suite.instantiations;
    while (*end != nullptr) end = &(*end)->next;
    *end = &instantiation;
    for (ParamPattern* pattern = suite.patterns; pattern != nullptr; pattern = pattern->next)
        instantiation.add(instantiation, suite_name, *pattern);
    return true;
}

namespace {

std::string instantiated_suite(const char* prefix, const char* suite) {
    return *prefix == '\0' ? std::string(suite) : concat({prefix, "/", suite});
}

bool valid_param_name(std::string_view name) {
    if (name.empty()) return false;
    for (char c : name)
        if (!(c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    return true;
}

}  // namespace

void CaseAdder::add(TestInfo& info, void (*run)(const TestInfo&, TestCase*), const void* data, const std::string& name,
                    const std::string& parameter) {
    info.file = pattern_.file;
    info.line = pattern_.line;
    info.fixture = &instantiation_.fixture;
    info.run = run;
    info.data = data;
    const std::string suite = instantiated_suite(instantiation_.prefix, suite_);
    const std::string test = concat({pattern_.name, "/", name});
    const std::string where = concat({"INSTANTIATE_TEST_SUITE_P(", instantiation_.prefix, ", ", suite_, ", ...) at ",
                                      instantiation_.file, ":", digits(static_cast<unsigned>(instantiation_.line))});
    if (!valid_param_name(name))
        add_error_test(info, suite, test,
                       concat({"the parameterized test name '", name, "' made by ", where,
                               " is invalid: a name has only letters, digits and '_'"}),
                       parameter.c_str(), true);
    else add_placed(info, suite, test, parameter.c_str(), true);
}

void CaseAdder::add_exception() {
    auto* info = new TestInfo{};
    info->file = instantiation_.file;
    info->line = instantiation_.line;
    add_error_test(*info, instantiated_suite(instantiation_.prefix, suite_), pattern_.name,
                   concat({"the generator of INSTANTIATE_TEST_SUITE_P(", instantiation_.prefix, ", ", suite_,
                           ", ...) threw ", describe_current_exception()}),
                   nullptr, true);
}

std::string type_name(const std::type_info& type) {
    int status = 0;
    char* demangled = abi::__cxa_demangle(type.name(), nullptr, nullptr, &status);
    std::string name = status == 0 && demangled != nullptr ? demangled : type.name();
    std::free(demangled);
    // A library's versioning namespace at the start (std::__cxx11::, std::__1::) is left out.
    if (name.starts_with("std::__")) {
        const std::size_t end = name.find("::", 7);
        if (end != std::string::npos) name.erase(3, end - 3);
    }
    return name;
}

void add_typed_test(const char* prefix, const char* suite, const std::string& part, const char* name, const char* file,
                    int line, const FixtureInfo* fixture, void (*run)(const TestInfo&, TestCase*),
                    const std::string& type) {
    auto* info = new TestInfo{};
    info->file = file;
    info->line = line;
    info->fixture = fixture;
    info->run = run;
    const std::string typed_suite =
        prefix != nullptr ? concat({prefix, "/", suite, "/", part}) : concat({suite, "/", part});
    add_placed(*info, typed_suite, name, ("TypeParam = " + type).c_str(), false);
}

bool define_typed(TypedSuite& suite, TypedName& name) noexcept {
    TypedName** end = &suite.defined;
    while (*end != nullptr) end = &(*end)->next;
    *end = &name;
    return true;
}

namespace {

std::vector<std::string_view> split_names(std::string_view names) {
    std::vector<std::string_view> split;
    while (!names.empty()) {
        const std::size_t comma = names.find(',');
        std::string_view name = names.substr(0, comma);
        while (!name.empty() && (name.front() == ' ' || name.front() == '\n' || name.front() == '\t'))
            name.remove_prefix(1);
        while (!name.empty() && (name.back() == ' ' || name.back() == '\n' || name.back() == '\t'))
            name.remove_suffix(1);
        split.push_back(name);
        if (comma == std::string_view::npos) break;
        names.remove_prefix(comma + 1);
    }
    return split;
}

}  // namespace

bool register_typed_names(TypedSuite& suite, const char* names, const char* file, int line) {
    suite.registered = names;
    const std::vector<std::string_view> listed = split_names(names);
    std::string problems;
    for (std::size_t i = 0; i < listed.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (listed[i] == listed[j]) append(problems, {"\n  ", listed[i], " is listed more than once"});
    for (const TypedName* defined = suite.defined; defined != nullptr; defined = defined->next) {
        bool found = false;
        for (std::string_view name : listed) found = found || name == defined->name;
        if (!found)
            append(problems, {"\n  TYPED_TEST_P(", suite.suite, ", ", defined->name, ") at ", defined->file, ":",
                              digits(static_cast<unsigned>(defined->line)), " is not listed"});
    }
    if (!problems.empty()) {
        auto* info = new TestInfo{};
        info->file = file;
        info->line = line;
        add_error_test(*info, suite.suite, "REGISTER_TYPED_TEST_SUITE_P",
                       concat({"REGISTER_TYPED_TEST_SUITE_P(", suite.suite, ", ", names, "):", problems}), nullptr,
                       false);
    }
    return true;
}

const TypedName* registered_test(const TypedSuite& suite, std::size_t index) {
    const std::vector<std::string_view> names = split_names(suite.registered != nullptr ? suite.registered : "");
    for (std::size_t i = 0; i < index; ++i)
        if (names[i] == names[index]) return nullptr;
    for (const TypedName* defined = suite.defined; defined != nullptr; defined = defined->next)
        if (names[index] == defined->name) return defined;
    return nullptr;
}

bool set_up_environments(TestRecord& record) { return run_environments(record, true); }

void tear_down_environments(TestRecord& record) { run_environments(record, false); }

}  // namespace ctp::detail::gtest

namespace testing {

Test::~Test() = default;

void Test::set_up() { SetUp(); }

void Test::tear_down() { TearDown(); }

void Test::RecordProperty(const std::string& key, const std::string& value) {
    ::ctp::detail::report_property(key.data(), key.size(), value.data(), value.size());
}

void Test::RecordProperty(const std::string& key, int value) { RecordProperty(key, std::to_string(value)); }

Environment::~Environment() = default;

Environment* AddGlobalTestEnvironment(Environment* environment) {
    ::ctp::detail::gtest::environments().emplace_back(environment);
    return environment;
}

}  // namespace testing

#endif  // CTP_GTEST_TEST_IMPLEMENTATION_HPP
