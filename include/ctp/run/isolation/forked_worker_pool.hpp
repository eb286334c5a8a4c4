#ifndef CTP_RUN_ISOLATION_FORKED_WORKER_POOL_HPP
#define CTP_RUN_ISOLATION_FORKED_WORKER_POOL_HPP

#if __has_include(<sys/wait.h>) && __has_include(<sys/mman.h>)
#define CTP_DETAIL_HAS_ISOLATE 1

#include <atomic>
#include <cerrno>    // errno, EAGAIN, EINTR
#include <csignal>   // SIGKILL
#include <cstddef>   // size_t
#include <cstdint>   // int64_t
#include <cstdio>    // fflush
#include <iostream>  // cout
#include <memory>    // unique_ptr, make_unique
#include <new>       // placement new
#include <span>
#include <stdexcept>  // runtime_error
#include <string>
#include <string_view>
#include <utility>  // exchange, move
#include <vector>

#include <fcntl.h>  // fcntl, O_NONBLOCK
#include <poll.h>
#include <sys/mman.h>  // mmap
#include <sys/wait.h>  // waitpid
#include <unistd.h>    // fork, pipe, close

#include "../../plan/plan.hpp"
#include "../../result.hpp"
#include "../../text/text_building.hpp"
#include "../clock.hpp"
#include "../fatal_errors.hpp"
#include "../records.hpp"
#include "../resource_scheduler.hpp"
#include "../run_place.hpp"
#include "../unit_runner.hpp"
#include "wire.hpp"
#include "worker_process.hpp"

namespace ctp::detail {

// Runs units in forked worker processes (--isolate), in either phase, so that a crash or a
// timeout costs one test: the worker is replaced and the rest of its unit goes to the next
// one (whose class hooks run again). This side is single-threaded, as fork() wants.
class ForkedWorkerPool {
public:
    // `timeout`: --timeout, for tests whose fixture sets no limit of its own.
    ForkedWorkerPool(const Plan& plan, UnitHost& host, unsigned retries, bool run_skipped, bool capture, bool echo,
                     double timeout)
        : plan_(plan),
          host_(host),
          retries_(retries),
          run_skipped_(run_skipped),
          capture_(capture),
          echo_(echo),
          timeout_(timeout) {}
    ForkedWorkerPool(const ForkedWorkerPool&) = delete;
    ForkedWorkerPool& operator=(const ForkedWorkerPool&) = delete;

    // `units`: indices into the plan's units; `place`: where their tests run, each worker
    // process numbered by its slot, 1..`workers` (a replacement takes its predecessor's). With a
    // `scheduler` (when units hold resources), it chooses which unit a free worker takes;
    // otherwise they go in order.
    void run(const std::vector<std::size_t>& units, unsigned workers, RunPlace place,
             ResourceScheduler* scheduler = nullptr) {
        place_ = place;
        // The stop flag is shared memory, so that workers see the runner stop.
        void* shared =
            mmap(nullptr, sizeof(std::atomic<bool>), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (shared == MAP_FAILED) throw std::runtime_error("--isolate: mmap failed");
        stop_flag_ = new (shared) std::atomic<bool>(false);
        units_ = &units;
        scheduler_ = scheduler;
        if (scheduler_ != nullptr) remainders_ = std::make_unique<std::vector<std::size_t>[]>(units.size());
        else
            for (std::size_t unit : units) {
                const std::size_t size =
                    plan_.units[unit].tests.size();  // an lvalue, for the push_back(const T&) in use
                queue_.push_back(size);
                for (std::size_t index : plan_.units[unit].tests) queue_.push_back(index);
            }
        // Arrays rather than std::vectors, whose every element type would compile a class
        // template of its own into every test program.
        worker_count_ = workers;
        workers_ = std::make_unique<Worker[]>(workers);
        polls_ = std::make_unique<pollfd[]>(workers);
        while (work_left() || any_busy()) {
            if (host_.stopped()) {
                stop_flag_->store(true);
                head_ = queue_.size();
                stopping_ = true;
            }
            for (unsigned i = 0; i < worker_count_; ++i) {
                if (workers_[i].busy) continue;
                std::size_t at = 0;
                if (scheduler_ == nullptr) {
                    if (head_ < queue_.size()) assign(workers_[i]);
                } else if (!stopping_ && scheduler_->try_take(at, i + 1)) {
                    assign_unit(workers_[i], at);
                }
            }
            wait_for_messages();
        }
        for (unsigned i = 0; i < worker_count_; ++i) retire(workers_[i]);
        munmap(shared, sizeof(std::atomic<bool>));
    }

private:
    static constexpr std::size_t none = static_cast<std::size_t>(-1);

    struct Worker {
        pid_t pid = -1;
        int to_worker = -1;
        int from_worker = -1;
        bool busy = false;
        std::vector<std::size_t> tests;  // what it still owes a report for; none once announced
        std::size_t unit = none;         // with a scheduler: the position in units of its job
        std::size_t running = none;
        std::int64_t started = 0;
        unsigned number = 0;        // its slot, 1..N
        std::string last_words;     // why it is about to abort, if it could say
        std::string crash_context;  // the crashing thread's context lines, if it had any
        std::string inbox;
    };

    bool any_busy() const noexcept {
        for (unsigned i = 0; i < worker_count_; ++i)
            if (workers_[i].busy) return true;
        return false;
    }

    bool work_left() {
        if (scheduler_ == nullptr) return head_ < queue_.size();
        return !stopping_ && scheduler_->pending();
    }

    // Takes the job at the head of the queue: its size, then its tests.
    void assign(Worker& worker) {
        std::vector<std::size_t> tests(queue_[head_++]);
        for (std::size_t& index : tests) index = queue_[head_++];
        send_job(worker, std::move(tests));
    }

    // Takes the scheduler's unit `at`: what is left of it after a lost worker, or all of it.
    void assign_unit(Worker& worker, std::size_t at) {
        std::vector<std::size_t> tests = std::move(remainders_[at]);
        if (tests.empty()) {
            const std::span<std::size_t> all = plan_.units[(*units_)[at]].tests;
            tests.assign(all.begin(), all.end());
        }
        worker.unit = at;
        send_job(worker, std::move(tests));
    }

    void send_job(Worker& worker, std::vector<std::size_t> tests) {
        if (worker.pid < 0) spawn(worker);
        worker.tests = std::move(tests);
        worker.busy = true;
        std::string message;
        put_u64(message, worker.tests.size());
        for (std::size_t index : worker.tests) put_u64(message, index);
        write_all(worker.to_worker, message);
    }

    void spawn(Worker& worker) {
        const auto number = static_cast<unsigned>(&worker - workers_.get()) + 1;
        int down[2], up[2];
        if (pipe(down) != 0 || pipe(up) != 0) throw std::runtime_error("--isolate: pipe failed");
        std::fflush(nullptr);
        std::cout.flush();
        const pid_t pid = fork();
        if (pid < 0) throw std::runtime_error("--isolate: fork failed");
        if (pid == 0) {
            ::close(down[1]);
            ::close(up[0]);
            for (unsigned i = 0; i < worker_count_; ++i) {
                if (workers_[i].to_worker >= 0) ::close(workers_[i].to_worker);
                if (workers_[i].from_worker >= 0) ::close(workers_[i].from_worker);
            }
            RunPlace place = place_;
            place.worker = number;
            serve_as_worker({plan_, retries_, run_skipped_, capture_, echo_, *stop_flag_, place}, down[0], up[1]);
        }
        ::close(down[0]);
        ::close(up[1]);
        fcntl(up[0], F_SETFL, fcntl(up[0], F_GETFL) | O_NONBLOCK);
        worker.pid = pid;
        worker.to_worker = down[1];
        worker.from_worker = up[0];
        worker.number = number;
    }

    void retire(Worker& worker) {
        if (worker.pid < 0) return;
        ::close(worker.to_worker);  // end of input: the worker exits
        ::close(worker.from_worker);
        int status = 0;
        waitpid(worker.pid, &status, 0);
        worker = Worker{};
    }

    // polls_[i] is workers_[i]'s pipe, or -1 (which poll skips) while it has no job.
    void wait_for_messages() {
        if (!any_busy()) return;
        for (unsigned i = 0; i < worker_count_; ++i)
            polls_[i] = {workers_[i].busy ? workers_[i].from_worker : -1, POLLIN, 0};
        ::poll(polls_.get(), worker_count_, 5);
        for (unsigned i = 0; i < worker_count_; ++i) {
            Worker& worker = workers_[i];
            if (polls_[i].revents != 0) receive(worker);
            if (worker.busy && worker.running != none) check_time(worker);
        }
    }

    void receive(Worker& worker) {
        char chunk[65536];
        for (;;) {
            const ssize_t got = ::read(worker.from_worker, chunk, sizeof chunk);
            if (got > 0) {
                worker.inbox.append(chunk, static_cast<std::size_t>(got));
                continue;
            }
            if (got < 0 && (errno == EAGAIN || errno == EINTR)) break;
            handle_messages(worker);
            lost(worker, describe_exit(worker));  // end of file: the worker died
            return;
        }
        handle_messages(worker);
    }

    // Handles the whole frames in the inbox, as far as the end of the job; the rest waits.
    void handle_messages(Worker& worker) {
        std::string_view pending = worker.inbox;
        Message kind{};
        std::string_view payload;
        while (worker.busy && take_frame(pending, kind, payload)) {
            switch (kind) {
                case Message::started: {
                    const auto index = static_cast<std::size_t>(take_u64(payload));
                    TestRecord& record = host_.begin_test(index);
                    record.worker = place_.in_pool ? worker.number : 0;  // 0 outside the pool, as with threads
                    record.start = Clock::now();
                    worker.running = index;
                    worker.started = now_ns();
                    break;
                }
                case Message::ended: {
                    const auto index = static_cast<std::size_t>(take_u64(payload));
                    take_record(payload, host_.record(index));
                    host_.end_test(index);
                    worker.running = none;
                    break;
                }
                case Message::announced: {
                    const auto index = static_cast<std::size_t>(take_u64(payload));
                    take_record(payload, host_.record(index));
                    for (std::size_t& owed : worker.tests)
                        if (owed == index) owed = none;
                    host_.announce(index);
                    break;
                }
                case Message::last_words: worker.last_words = take_text(payload); break;
                case Message::crash_context: worker.crash_context = take_text(payload); break;
                case Message::job_done:
                    worker.busy = false;
                    worker.tests.clear();
                    if (worker.unit != none) scheduler_->release(std::exchange(worker.unit, none));
                    break;
            }
        }
        worker.inbox = std::string(pending);
    }

    void check_time(Worker& worker) {
        const double limit = time_limit(*plan_.tests[worker.running], timeout_);
        const double ran = overtime(limit, worker.started);
        if (ran == 0) return;
        ::kill(worker.pid, SIGKILL);
        lost(worker, concat({"timed out after ", describe_overtime(ran, limit), "; its worker process was killed"}));
    }

    std::string describe_exit(Worker& worker) {
        int status = 0;
        if (waitpid(worker.pid, &status, 0) == worker.pid) {
            worker.pid = -1;
            if (WIFSIGNALED(status)) return concat({"crashed: fatal signal ", signal_description(WTERMSIG(status))});
            if (WIFEXITED(status))
                return concat(
                    {"its worker process exited with status ", digits(static_cast<unsigned>(WEXITSTATUS(status)))});
        }
        return "its worker process ended unexpectedly";
    }

    // The worker is gone: the test it was running fails with `why`, tests it had finished
    // keep their results, and the rest of its unit goes back to the front of the queue. Gone
    // between tests, it was in its class's hooks: before a test, the test it owed next takes
    // the error, so that a set-up that always crashes costs each test a worker, not the run an
    // endless respawn; after its last test, that test does.
    void lost(Worker& worker, const std::string& why) {
        const std::string cause = worker.last_words.empty() ? why : concat({worker.last_words, " (", why, ")"});
        std::size_t next = none, ended = none;
        for (std::size_t index : worker.tests) {
            if (index == none) continue;
            if (host_.record(index).end.time_since_epoch().count() != 0) ended = index;
            else if (next == none) next = index;
        }
        if (worker.running != none) {
            const std::size_t index = worker.running;
            mark_interrupted(host_.record(index), *plan_.tests[index], concat({cause, worker.crash_context}));
            host_.end_test(index);
        } else if (next != none) {
            TestRecord& record = host_.begin_test(next);
            record.worker = place_.in_pool ? worker.number : 0;
            record.start = Clock::now();
            const TestInfo& info = *plan_.tests[next];
            mark_interrupted(record, info,
                             concat({cause, " before the test started",
                                     info.fixture != nullptr ? ", in its class's set-up" : "", worker.crash_context}));
            host_.end_test(next);
        } else if (ended != none) {
            TestRecord& record = host_.record(ended);
            record.outcome = Outcome::error;
            const TestInfo& info = *plan_.tests[ended];
            record.failures.push_back(
                {info.file, info.line,
                 concat({cause, " after the test ended, in its class's tear_down_class", worker.crash_context})});
        }
        // What is still to run moves to the front of worker.tests, in order.
        std::size_t rest = 0;
        for (std::size_t index : worker.tests) {
            if (index == none) continue;  // announced already
            // A test with an end time had finished.
            if (index == worker.running || host_.record(index).end.time_since_epoch().count() != 0)
                host_.announce(index);
            else worker.tests[rest++] = index;
        }
        if (worker.unit != none) {
            // The rest of the unit waits in its place, and takes its resources again.
            if (rest > 0) {
                remainders_[worker.unit].assign(worker.tests.begin(),
                                                worker.tests.begin() + static_cast<std::ptrdiff_t>(rest));
                scheduler_->put_back(worker.unit);
            } else {
                scheduler_->release(worker.unit);
            }
        } else if (rest > 0) {
            // Taking a job moved head_ past its size and tests, and only a remainder, never
            // longer, moves it back: the slots behind head_ hold it (jobs taken since have
            // their own copies).
            head_ -= rest + 1;
            queue_[head_] = rest;
            for (std::size_t i = 0; i < rest; ++i) queue_[head_ + 1 + i] = worker.tests[i];
        }
        if (worker.pid > 0) {
            ::kill(worker.pid, SIGKILL);
            int status = 0;
            waitpid(worker.pid, &status, 0);
        }
        ::close(worker.to_worker);
        ::close(worker.from_worker);
        worker = Worker{};
    }

    const Plan& plan_;
    UnitHost& host_;
    unsigned retries_;
    bool run_skipped_;
    bool capture_;
    bool echo_;
    double timeout_;
    // Jobs to run, each its size and then its tests, from head_ on.
    std::vector<std::size_t> queue_;
    std::size_t head_ = 0;
    unsigned worker_count_ = 0;
    std::unique_ptr<Worker[]> workers_;
    std::unique_ptr<pollfd[]> polls_;
    std::atomic<bool>* stop_flag_ = nullptr;
    const std::vector<std::size_t>* units_ = nullptr;
    ResourceScheduler* scheduler_ = nullptr;
    std::unique_ptr<std::vector<std::size_t>[]> remainders_;  // with a scheduler: by unit, what a lost worker left
    bool stopping_ = false;
    RunPlace place_;
};

}  // namespace ctp::detail

#endif  // __has_include(<sys/wait.h>) && __has_include(<sys/mman.h>)

#endif  // CTP_RUN_ISOLATION_FORKED_WORKER_POOL_HPP
