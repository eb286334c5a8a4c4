#ifndef CTP_LISTENER_HPP
#define CTP_LISTENER_HPP

#include <cstddef>  // size_t

#include "result.hpp"

namespace ctp {

// Progress events of a run. The runner never calls two of them at once, so an
// implementation needs no locking, but on_test_start and on_test_end may come from any worker
// thread.
class Listener {
public:
    virtual ~Listener() = default;
    // `result` holds the options' seed and start time; its tests are still to come.
    virtual void on_run_start(const Result& /*result*/) {}
    // Only in --parallel mode, and only for a phase with tests.
    virtual void on_phase_start(Phase /*phase*/, std::size_t /*count*/) {}
    // Only when wants_test_start() says so (a lock per test otherwise saved): on the thread that
    // runs the test, right before its fixture is made (with --isolate, in the parent when the
    // worker reports the start). The record holds the test's names and place, no outcome yet.
    virtual bool wants_test_start() const noexcept { return false; }
    virtual void on_test_start(const TestRecord& /*record*/) {}
    virtual void on_test_end(const TestRecord& /*record*/) {}
    virtual void on_run_end(const Result& /*result*/) {}
};

}  // namespace ctp

#endif  // CTP_LISTENER_HPP
