#ifndef CTP_RUN_WATCHDOG_HPP
#define CTP_RUN_WATCHDOG_HPP

#include <chrono>  // milliseconds
#include <stop_token>
#include <thread>   // jthread, this_thread
#include <utility>  // move

namespace ctp::detail {

// A thread that calls `check` every 5 ms while the Watchdog lives. A test thread cannot be
// killed, so whatever `check` finds past its time limit must end the run.
class Watchdog {
public:
    Watchdog() = default;

    template <class Check>
    explicit Watchdog(Check check)
        : thread_([check = std::move(check)](std::stop_token stop) mutable {
              while (!stop.stop_requested()) {
                  std::this_thread::sleep_for(std::chrono::milliseconds(5));
                  check();
              }
          }) {}

private:
    std::jthread thread_;
};

}  // namespace ctp::detail

#endif  // CTP_RUN_WATCHDOG_HPP
