#ifndef CTP_CONTEXT_HPP
#define CTP_CONTEXT_HPP

namespace ctp {

namespace detail {

class TestRun;
TestRun* current_context() noexcept;
void set_current_context(TestRun* run) noexcept;

}  // namespace detail

// The test that a thread's assertions count for. A thread that a test starts has none:
// take the test's context in the test and install it in the new thread with a
// ContextScope (ctp::jthread, in <ctp/thread.hpp>, does both). The thread must end before
// the test does.
class TestContext {
public:
    static TestContext current() noexcept { return TestContext(detail::current_context()); }
    explicit operator bool() const noexcept { return run_ != nullptr; }

private:
    friend class ContextScope;
    explicit TestContext(detail::TestRun* run) noexcept : run_(run) {}
    detail::TestRun* run_;
};

class ContextScope {
public:
    explicit ContextScope(TestContext context) noexcept : previous_(detail::current_context()) {
        detail::set_current_context(context.run_);
    }
    ContextScope(const ContextScope&) = delete;
    ContextScope& operator=(const ContextScope&) = delete;
    ~ContextScope() { detail::set_current_context(previous_); }

private:
    detail::TestRun* previous_;
};

}  // namespace ctp

#endif  // CTP_CONTEXT_HPP
