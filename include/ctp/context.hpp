#ifndef CTP_CONTEXT_HPP
#define CTP_CONTEXT_HPP

namespace ctp {

namespace detail {

class Context;
Context* current_context() noexcept;
void set_current_context(Context* context) noexcept;
void attach_file(const char* path);

}  // namespace detail

// The test that a thread's assertions count for. A thread that a test starts has none:
// take the test's context in the test and install it in the new thread with a
// ContextScope (ctp::jthread, in <ctp/thread.hpp>, does both). The thread must end before
// the test does.
class TestContext {
public:
    static TestContext current() noexcept { return TestContext(detail::current_context()); }
    // How ctp itself opens a test's (or a class hook's) context.
    explicit TestContext(detail::Context& context) noexcept : context_(&context) {}
    explicit operator bool() const noexcept { return context_ != nullptr; }

private:
    friend class ContextScope;
    explicit TestContext(detail::Context* context) noexcept : context_(context) {}
    detail::Context* context_;
};

class ContextScope {
public:
    explicit ContextScope(TestContext context) noexcept : previous_(detail::current_context()) {
        detail::set_current_context(context.context_);
    }
    ContextScope(const ContextScope&) = delete;
    ContextScope& operator=(const ContextScope&) = delete;
    ~ContextScope() { detail::set_current_context(previous_); }

private:
    detail::Context* previous_;
};

// Keeps the file at `path` (text, or a std::filesystem::path) with the running test's record,
// made absolute against the working directory of the moment: the reports list it (an
// [[ATTACHMENT|path]] line in JUnit's system-out, "attachments" in the JSON report, a line of
// the console's failure block). In a class hook it goes with the class's tests; outside
// any test it is ignored.
inline void attach(const char* path) { detail::attach_file(path); }
template <class Path>
requires requires(const Path& path) { path.c_str(); }
void attach(const Path& path) { detail::attach_file(path.c_str()); }

}  // namespace ctp

#endif  // CTP_CONTEXT_HPP
