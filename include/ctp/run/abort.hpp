#ifndef CTP_RUN_ABORT_HPP
#define CTP_RUN_ABORT_HPP

#include <atomic>
#include <chrono>   // seconds
#include <cstddef>  // size_t
#include <cstdio>   // fflush
#include <cstdlib>  // _Exit
#include <string>
#include <thread>   // this_thread
#include <utility>  // move

#include "../result.hpp"
#include "child_groups.hpp"
#include "listener_calls.hpp"
#include "records.hpp"

namespace ctp::detail {

// Ends the process after a crash or a timeout, which other threads cannot survive: marks
// what was running as errors (`culprit`'s record with `message`), reports every record to
// the listener's on_run_end in `result` and exits with `code`. A second abort, from another
// thread, waits for the first one's exit.
[[noreturn]] inline void abort_run(RunRecords& records, ListenerCalls& listener, Result result, std::string reason,
                                   int code, std::size_t culprit, const std::string& message) {
    static std::atomic<bool> aborting{false};
    if (aborting.exchange(true)) {
        for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    records.interrupt_running(culprit, message, reason);
    result.end = Clock::now();
    result.aborted = std::move(reason);
    result.abort_code = code;
    records.collect(result, true);
    listener.run_ended_anyway(result);
    std::fflush(nullptr);
    kill_child_groups();
    std::_Exit(code);
}

}  // namespace ctp::detail

#endif  // CTP_RUN_ABORT_HPP
