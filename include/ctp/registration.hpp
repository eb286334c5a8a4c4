#ifndef CTP_REGISTRATION_HPP
#define CTP_REGISTRATION_HPP

// Tests registered from code, with names computed at start-up, into the global registry that
// CTP_MAIN runs: #include <ctp/registration.hpp> (or define CTP_REGISTRATION_API with the single
// header); only the files that register tests this way pay for it. What a test file sees is
// templates and declarations; the texts are copied and the tests chained out of line, in
// implementation.hpp.

#include "assertions.hpp"
#include "test_info.hpp"
#include "typed.hpp"

namespace ctp {

// Where a test was added. std::source_location needs a compiler builtin that clang 14 lacks;
// the builtins used here exist in every GCC and clang that has C++20.
struct SourceLocation {
    const char* file = "";
    unsigned line = 0;

    static constexpr SourceLocation current(const char* file = __builtin_FILE(),
                                            unsigned line = __builtin_LINE()) noexcept {
        return {file, line};
    }
};

namespace detail {

// A suite's name and the place of the call that gives it: the default argument is evaluated
// where register_test is called, so the test is reported at the caller's line.
struct SuiteAt {
    template <class Text>
    SuiteAt(const Text& text, SourceLocation where = SourceLocation::current()) noexcept
        : name(c_text(text)),
          where(where) {}
    const char* name;
    SourceLocation where;
};

// Out of line (implementation.hpp). Each gives `info`, which must live for the process, its
// names ("suite\0name", copied, as is `parameter` when not null) and chains it to the global
// tests; `info`'s other fields are the caller's. `file` is copied too when `copy_file`.
void add_test(TestInfo& info, const char* suite, const char* name, const char* parameter, bool copy_file);
// A parameterized case: named "name/index" after `shape`'s names, its parameter printed.
void add_case(TestInfo& info, const TestInfo& shape, unsigned long index, Printer print, const void* value);
// The one test that stands for `shape` when its parameters threw (call only in a catch
// block: it names the exception) or were none.
void add_parameters_error(const TestInfo& shape);
void add_no_parameters(const TestInfo& shape);

template <class Body>
void run_registered(const TestInfo& info, TestCase*) {
    (*static_cast<Body*>(const_cast<void*>(info.data)))();
}

template <class Fixture, class Body>
void run_registered_fixture(const TestInfo& info, TestCase* fixture_object) {
    (*static_cast<Body*>(const_cast<void*>(info.data)))(*static_cast<Fixture*>(fixture_object));
}

template <class... Ds>
const Decorations* keep_decorators(const Ds&... decorators) {
    if constexpr (sizeof...(Ds) == 0) return nullptr;
    else return (new Decorators<Ds...>(decorators...))->decorations();
}

template <class Fixture, class Body, class... Ds>
const TestInfo& register_body(const SuiteAt& suite, const char* name, Body&& body, const Ds&... decorators) {
    using Stored = std::remove_cvref_t<Body>;
    auto* info = new TestInfo{};
    info->file = suite.where.file;
    info->line = static_cast<int>(suite.where.line);
    info->data = new Stored(static_cast<Body&&>(body));
    info->decorations = keep_decorators(decorators...);
    if constexpr (std::is_void_v<Fixture>) {
        info->run = &run_registered<Stored>;
    } else {
        info->fixture = &fixture_info<Fixture>;
        info->make = &make_fixture<Fixture>;
        info->run = &run_registered_fixture<Fixture, Stored>;
    }
    add_test(*info, suite.name, name, nullptr, true);
    return *info;
}

}  // namespace detail

// A test whose body is `body()` (a lambda, a function...), named "suite.name" from texts
// computed at run time (const char* or std::string; copied). Call it before the run starts,
// from a static initialiser, and CTP_MAIN runs it with every CTP_TEST:
//   static const bool registered = [] {
//       for (int size : {1, 10, 100})
//           ctp::register_test("Buffer", "fills " + std::to_string(size), [size] { ... });
//       return true;
//   }();
// Decorators may follow the body. Its file and line are the caller's.
template <class Name, class Body, class... Ds>
const detail::TestInfo& register_test(detail::SuiteAt suite, const Name& name, Body&& body,
                                      const Ds&... decorators) requires(std::invocable<std::remove_cvref_t<Body>&>) {
    return detail::register_body<void>(suite, detail::c_text(name), static_cast<Body&&>(body), decorators...);
}

// The same in a fresh `Fixture` (a ctp::TestCase, default-constructed, with its hooks as
// CTP_TEST_F's); its body is `body(fixture)`. Tests of one Fixture share its class hooks.
template <class Fixture, class Name, class Body, class... Ds>
const detail::TestInfo& register_test(
    detail::SuiteAt suite, const Name& name, Body&& body,
    const Ds&... decorators) requires(std::invocable<std::remove_cvref_t<Body>&, Fixture&>) {
    static_assert(std::is_base_of_v<TestCase, Fixture>, "ctp::register_test: Fixture must derive from ctp::TestCase");
    return detail::register_body<Fixture>(suite, detail::c_text(name), static_cast<Body&&>(body), decorators...);
}

}  // namespace ctp

#endif  // CTP_REGISTRATION_HPP
