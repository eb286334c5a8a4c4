#ifndef CTP_RUN_ISOLATION_WORKER_PROCESS_HPP
#define CTP_RUN_ISOLATION_WORKER_PROCESS_HPP

#include <atomic>
#include <csignal>    // signal, SIG_DFL
#include <cstddef>    // size_t
#include <cstdint>    // uint64_t
#include <cstdio>     // fflush
#include <cstdlib>    // _Exit, abort
#include <exception>  // set_terminate
#include <string>
#include <vector>

#include "../../plan/plan.hpp"
#include "../../result.hpp"
#include "../child_groups.hpp"
#include "../fatal_errors.hpp"
#include "../run_place.hpp"
#include "../unit_runner.hpp"
#include "descriptor_capture.hpp"
#include "wire.hpp"

namespace ctp::detail {

// What a forked worker process needs of its runner.
struct WorkerSettings {
    const Plan& plan;
    unsigned retries;
    bool run_skipped;
    bool capture;                   // each test's descriptors 1 and 2
    bool echo;                      // captured output is also written through
    const std::atomic<bool>& stop;  // shared with the runner's process
    RunPlace place;                 // where its tests run, this worker's number included
};

// The worker's side of UnitHost: reports each step of its tests to the runner.
class WorkerProcessHost final : public UnitHost {
public:
    WorkerProcessHost(const WorkerSettings& settings, int out)
        : settings_(settings),
          out_(out),
          records_(settings.plan.tests.size()) {}

    bool stopped() const noexcept override { return settings_.stop.load(); }

    TestRecord& begin_test(std::size_t index) override {
        std::string message;
        put_u64(message, index);
        send_frame(out_, Message::started, message);
        records_[index] = TestRecord{};
        if (settings_.capture) capture_.start();
        return records_[index];
    }

    void end_test(std::size_t index) override {
        if (settings_.capture) records_[index].output += capture_.finish(settings_.echo);
        report(Message::ended, index);
    }

    TestRecord& record(std::size_t index) override { return records_[index]; }

    void announce(std::size_t index) override { report(Message::announced, index); }

private:
    void report(Message kind, std::size_t index) {
        std::string message;
        put_u64(message, index);
        put_record(message, records_[index]);
        send_frame(out_, kind, message);
    }

    const WorkerSettings& settings_;
    int out_;
    std::vector<TestRecord> records_;
    DescriptorCapture capture_;
};

// A worker's pipe to the runner, for its last words.
inline int& worker_report_fd() noexcept {
    static int fd = -1;
    return fd;
}

// The crashing thread's context, for the runner to add to the test's report.
inline void send_crash_context() {
    const std::string lines = thread_context_lines();
    if (lines.empty()) return;
    std::string message;
    put_text(message, lines);
    send_frame(worker_report_fd(), Message::crash_context, message);
}

// std::terminate in a worker: says why before the abort, which is all the runner would see.
[[noreturn]] inline void send_last_words() {
    kill_child_groups();
    send_crash_context();
    std::string message;
    put_text(message, terminate_message());
    send_frame(worker_report_fd(), Message::last_words, message);
    std::abort();
}

// A fatal signal in a worker: the runner sees it in the exit status; this adds the context.
inline void on_worker_fatal_signal(int signal) {
    kill_child_groups();  // the servers and browsers this worker started
    send_crash_context();
    std::raise(signal);  // SA_RESETHAND put the default action back
}

// A forked worker process: jobs in from `in`, frames out to `out`, until its input ends.
[[noreturn]] inline void serve_as_worker(const WorkerSettings& settings, int in, int out) {
#if defined(CTP_DETAIL_POSIX_SIGNALS)
    struct sigaction action {};
    action.sa_handler = &on_worker_fatal_signal;
    action.sa_flags = SA_ONSTACK | SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    for (int signal : fatal_signals) sigaction(signal, &action, nullptr);
#else
    for (int signal : fatal_signals) std::signal(signal, SIG_DFL);
#endif  // defined(CTP_DETAIL_POSIX_SIGNALS)
    worker_report_fd() = out;
    std::set_terminate(&send_last_words);
    WorkerProcessHost host(settings, out);
    RunPlace place = settings.place;
    current_place() = &place;
    for (;;) {
        std::uint64_t count = 0;
        if (!read_all(in, reinterpret_cast<char*>(&count), sizeof count)) break;
        std::vector<std::size_t> tests(static_cast<std::size_t>(count));
        for (std::size_t& index : tests) {
            std::uint64_t value = 0;
            if (!read_all(in, reinterpret_cast<char*>(&value), sizeof value)) std::_Exit(0);
            index = static_cast<std::size_t>(value);
        }
        const std::vector<ResourceUse> held = declared_resources(settings.plan, tests);
        place.held = held.empty() ? nullptr : &held;
        run_unit(settings.plan, settings.plan.tests[tests[0]]->fixture, tests, host, settings.retries,
                 settings.run_skipped);
        place.held = nullptr;
        send_frame(out, Message::job_done);
    }
    std::fflush(nullptr);
    std::_Exit(0);
}

}  // namespace ctp::detail

#endif  // CTP_RUN_ISOLATION_WORKER_PROCESS_HPP
