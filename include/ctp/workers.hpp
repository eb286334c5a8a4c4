#ifndef CTP_WORKERS_HPP
#define CTP_WORKERS_HPP

namespace ctp {

// Which worker runs the calling test, 1..worker_count(): a number no other test running at
// the same time has, for a resource per worker (a database schema, a temporary directory).
// The pool's workers are numbered as --list and the timeline number them, the same under
// --isolate; the serial phase and a run without --parallel are worker 1. 0 outside any test.
unsigned worker_index() noexcept;

// The pool's workers (--parallel's, at most one per unit that runs in the pool), in the
// serial phase too; 1 without --parallel; 0 outside any test.
unsigned worker_count() noexcept;

}  // namespace ctp

#endif  // CTP_WORKERS_HPP
