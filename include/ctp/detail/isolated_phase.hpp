#ifndef CTP_DETAIL_ISOLATED_PHASE_HPP
#define CTP_DETAIL_ISOLATED_PHASE_HPP

#if __has_include(<sys/wait.h>) && __has_include(<sys/mman.h>)
#define CTP_DETAIL_HAS_ISOLATE 1

#include <atomic>
#include <cerrno>
#include <chrono>       // nanoseconds
#include <csignal>      // SIGKILL, SIG_DFL
#include <cstddef>      // size_t
#include <cstdint>      // uint64_t, int64_t
#include <cstdio>       // fflush, snprintf, tmpfile
#include <cstdlib>      // _Exit, abort
#include <cstring>      // memcpy
#include <exception>    // set_terminate
#include <iostream>     // cout, cerr, clog
#include <new>          // placement new
#include <stdexcept>    // runtime_error
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>      // fcntl, O_NONBLOCK
#include <poll.h>
#include <sys/mman.h>   // mmap
#include <sys/wait.h>   // waitpid
#include <unistd.h>     // fork, pipe, read, write, dup, dup2

#include "fatal_errors.hpp"
#include "optimizer_hints.hpp"
#include "schedule.hpp"
#include "text_building.hpp"
#include "unit_runner.hpp"
#include "wire.hpp"

namespace ctp::detail {

// Runs units in forked worker processes, so that a crash or a timeout costs one test: the
// worker is replaced and the rest of its unit goes to the next one (whose class hooks run
// again). Workers report over a pipe; this side is single-threaded, as fork() wants.
//
// It is compiled into every test program, so it keeps to containers the program has anyway
// (std::vector<std::size_t>, std::string) and plain arrays: each new instantiation would
// cost every build its code.
class IsolatedPhase {
public:
    // The time limit of test `index` in seconds, 0 for none; `context` is the caller's.
    using Limit = double (*)(const void* context, std::size_t index);

    IsolatedPhase(const Plan& plan, UnitHost& host, unsigned retries, bool capture, bool echo, Limit limit,
                  const void* limit_context)
        : plan_(plan), host_(host), retries_(retries), capture_(capture), echo_(echo), limit_(limit),
          limit_context_(limit_context) {}
    IsolatedPhase(const IsolatedPhase&) = delete;
    IsolatedPhase& operator=(const IsolatedPhase&) = delete;
    ~IsolatedPhase() {
        delete[] workers_;
        delete[] polls_;
    }

    // `units`: indices into the plan's units.
    CTP_DETAIL_COLD void run(const std::vector<std::size_t>& units, unsigned workers) {
        stop_flag_ = static_cast<std::atomic<bool>*>(
            mmap(nullptr, sizeof(std::atomic<bool>), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
        if (stop_flag_ == MAP_FAILED) throw std::runtime_error("--isolate: mmap failed");
        new (stop_flag_) std::atomic<bool>(false);
        for (std::size_t unit : units) {
            const std::size_t size = plan_.units[unit].tests.size();  // an lvalue, for the push_back(const T&) in use
            queue_.push_back(size);
            for (std::size_t index : plan_.units[unit].tests) queue_.push_back(index);
        }
        workers_ = new Worker[workers]{};
        polls_ = new pollfd[workers];
        worker_count_ = workers;
        while (head_ < queue_.size() || any_busy()) {
            if (host_.stopped()) {
                stop_flag_->store(true);
                head_ = queue_.size();
            }
            for (unsigned i = 0; i < worker_count_; ++i)
                if (!workers_[i].busy && head_ < queue_.size()) assign(workers_[i]);
            wait_for_messages();
        }
        for (unsigned i = 0; i < worker_count_; ++i) retire(workers_[i]);
        munmap(stop_flag_, sizeof(std::atomic<bool>));
    }

private:
    struct Worker {
        pid_t pid = -1;
        int to_worker = -1;
        int from_worker = -1;
        bool busy = false;
        std::vector<std::size_t> tests;       // what it still owes a report for; none once announced
        std::size_t running = none;
        std::int64_t started = 0;
        unsigned number = 0;                  // the worker's number in the records
        std::string last_words;               // why it is about to abort, if it could say
        std::string inbox;
    };

    static constexpr std::size_t none = static_cast<std::size_t>(-1);

    bool any_busy() const noexcept {
        for (unsigned i = 0; i < worker_count_; ++i)
            if (workers_[i].busy) return true;
        return false;
    }

    static void write_all(int fd, const std::string& bytes) {
        for (std::size_t done = 0; done < bytes.size();) {
            const ssize_t wrote = ::write(fd, bytes.data() + done, bytes.size() - done);
            if (wrote < 0 && errno == EINTR) continue;
            if (wrote <= 0) return;
            done += static_cast<std::size_t>(wrote);
        }
    }

    static bool read_all(int fd, char* data, std::size_t size) {
        for (std::size_t done = 0; done < size;) {
            const ssize_t got = ::read(fd, data + done, size - done);
            if (got < 0 && errno == EINTR) continue;
            if (got <= 0) return false;
            done += static_cast<std::size_t>(got);
        }
        return true;
    }

    // Takes the job at the head of the queue: its size, then its tests.
    CTP_DETAIL_COLD void assign(Worker& worker) {
        if (worker.pid < 0) spawn(worker);
        worker.tests = std::vector<std::size_t>(queue_[head_++]);
        worker.busy = true;
        std::string message;
        put_u64(message, worker.tests.size());
        for (std::size_t& index : worker.tests) {
            index = queue_[head_++];
            put_u64(message, index);
        }
        write_all(worker.to_worker, message);
    }

    CTP_DETAIL_COLD void spawn(Worker& worker) {
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
            serve(down[0], up[1]);
        }
        ::close(down[0]);
        ::close(up[1]);
        fcntl(up[0], F_SETFL, fcntl(up[0], F_GETFL) | O_NONBLOCK);
        worker.pid = pid;
        worker.to_worker = down[1];
        worker.from_worker = up[0];
        worker.number = ++spawned_;
    }

    CTP_DETAIL_COLD void retire(Worker& worker) {
        if (worker.pid < 0) return;
        ::close(worker.to_worker);  // end of input: the worker exits
        ::close(worker.from_worker);
        int status = 0;
        waitpid(worker.pid, &status, 0);
        worker = Worker{};
    }

    // A worker process: units in, records out, until its input ends.
    [[noreturn]] CTP_DETAIL_COLD void serve(int in, int out) {
        for (int signal : fatal_signals) std::signal(signal, SIG_DFL);
        report_fd_ = out;
        std::set_terminate(&last_words);
        ChildHost host(*this, out);
        for (;;) {
            std::uint64_t count = 0;
            if (!read_all(in, reinterpret_cast<char*>(&count), sizeof count)) break;
            std::vector<std::size_t> tests(static_cast<std::size_t>(count));
            for (std::size_t& index : tests) {
                std::uint64_t value = 0;
                if (!read_all(in, reinterpret_cast<char*>(&value), sizeof value)) std::_Exit(0);
                index = static_cast<std::size_t>(value);
            }
            run_unit(plan_, plan_.tests[tests[0]]->fixture, {tests.data(), tests.size()}, host, retries_);
            send(out, 'D', std::string());
        }
        std::fflush(nullptr);
        std::_Exit(0);
    }

    // std::terminate in a worker: say why before the abort, which is all the runner sees.
    [[noreturn]] CTP_DETAIL_COLD static void last_words() {
        std::string why = "std::terminate called";
        if (std::current_exception()) why += " after an uncaught exception: " + describe_current_exception();
        std::string message;
        put_text(message, why);
        send(report_fd_, 'T', message);
        std::abort();
    }

    // A frame: the size of what follows, a kind, and the kind's payload.
    static void send(int fd, char kind, const std::string& payload) {
        std::string frame;
        put_u64(frame, payload.size() + 1);
        frame += kind;
        frame += payload;
        write_all(fd, frame);
    }

    // The worker side of UnitHost: reports each step to the runner.
    class ChildHost final : public UnitHost {
    public:
        ChildHost(IsolatedPhase& phase, int out) : phase_(phase), out_(out), records_(phase.plan_.tests.size()) {}

        bool stopped() const noexcept override { return phase_.stop_flag_->load(); }

        TestRecord& begin_test(std::size_t index) override {
            std::string message;
            put_u64(message, index);
            send(out_, 'S', message);
            records_[index] = TestRecord{};
            if (phase_.capture_) start_capture();
            return records_[index];
        }

        void end_test(std::size_t index) override {
            if (phase_.capture_) records_[index].output += end_capture();
            report('R', index);
        }

        TestRecord& record(std::size_t index) override { return records_[index]; }

        void announce(std::size_t index) override { report('F', index); }

    private:
        void report(char kind, std::size_t index) {
            std::string message;
            put_u64(message, index);
            put_record(message, records_[index]);
            send(out_, kind, message);
        }

        // The worker's descriptors 1 and 2 go to a file while the test runs, so that output
        // from printf and child processes is caught along with std::cout's.
        void start_capture() {
            std::cout.flush();
            std::cerr.flush();
            std::fflush(nullptr);
            file_ = std::tmpfile();
            if (file_ == nullptr) return;
            saved_out_ = ::dup(1);
            saved_err_ = ::dup(2);
            ::dup2(fileno(file_), 1);
            ::dup2(fileno(file_), 2);
        }

        std::string end_capture() {
            if (file_ == nullptr) return {};
            std::cout.flush();
            std::cerr.flush();
            std::clog.flush();
            std::fflush(nullptr);
            ::dup2(saved_out_, 1);
            ::dup2(saved_err_, 2);
            ::close(saved_out_);
            ::close(saved_err_);
            std::string text;
            std::rewind(file_);
            char chunk[4096];
            for (std::size_t got; (got = std::fread(chunk, 1, sizeof chunk, file_)) > 0;) text.append(chunk, got);
            std::fclose(file_);
            file_ = nullptr;
            if (phase_.echo_) write_all(1, text);
            return text;
        }

        IsolatedPhase& phase_;
        int out_;
        std::vector<TestRecord> records_;
        std::FILE* file_ = nullptr;
        int saved_out_ = -1;
        int saved_err_ = -1;
    };

    // polls_[i] is workers_[i]'s pipe, or -1 (which poll skips) while it has no job.
    CTP_DETAIL_COLD void wait_for_messages() {
        if (!any_busy()) return;
        for (unsigned i = 0; i < worker_count_; ++i)
            polls_[i] = {workers_[i].busy ? workers_[i].from_worker : -1, POLLIN, 0};
        ::poll(polls_, worker_count_, 5);
        for (unsigned i = 0; i < worker_count_; ++i) {
            Worker& worker = workers_[i];
            if (polls_[i].revents != 0) receive(worker);
            if (worker.busy && worker.running != none) check_time(worker);
        }
    }

    CTP_DETAIL_COLD void receive(Worker& worker) {
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
    CTP_DETAIL_COLD void handle_messages(Worker& worker) {
        std::string_view pending = worker.inbox;
        while (worker.busy && pending.size() >= sizeof(std::uint64_t)) {
            std::uint64_t size = 0;
            std::memcpy(&size, pending.data(), sizeof size);
            if (pending.size() - sizeof size < size) break;
            const std::string_view frame = pending.substr(sizeof size, static_cast<std::size_t>(size));
            pending = pending.substr(sizeof size + frame.size());
            if (frame.empty()) continue;  // not even a kind: nothing to handle
            const char kind = frame[0];
            std::string_view payload = frame.substr(1);
            switch (kind) {
                case 'S': {
                    const auto index = static_cast<std::size_t>(take_u64(payload));
                    TestRecord& record = host_.begin_test(index);
                    record.worker = worker.number;
                    record.start = Clock::now();
                    worker.running = index;
                    worker.started = now();
                    break;
                }
                case 'R':
                case 'F': {
                    const auto index = static_cast<std::size_t>(take_u64(payload));
                    take_record(payload, host_.record(index));
                    if (kind == 'R') {
                        host_.end_test(index);
                        worker.running = none;
                    } else {
                        for (std::size_t& owed : worker.tests)
                            if (owed == index) owed = none;
                        host_.announce(index);
                    }
                    break;
                }
                case 'T':
                    worker.last_words = take_text(payload);
                    break;
                case 'D':
                    worker.busy = false;
                    worker.tests = std::vector<std::size_t>();
                    break;
                default: break;
            }
        }
        worker.inbox = std::string(pending);
    }

    static std::int64_t now() {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
    }

    CTP_DETAIL_COLD void check_time(Worker& worker) {
        const double limit = limit_(limit_context_, worker.running);
        const double ran = static_cast<double>(now() - worker.started) / 1e9;
        if (limit <= 0 || ran <= limit) return;
        ::kill(worker.pid, SIGKILL);
        char text[96];
        std::snprintf(text, sizeof text, "timed out after %.3fs (limit %gs); its worker process was killed", ran, limit);
        lost(worker, text);
    }

    CTP_DETAIL_COLD std::string describe_exit(Worker& worker) {
        int status = 0;
        if (waitpid(worker.pid, &status, 0) == worker.pid) {
            worker.pid = -1;
            if (WIFSIGNALED(status)) return std::string("crashed: fatal signal ") + signal_description(WTERMSIG(status));
            if (WIFEXITED(status)) return concat({"its worker process exited with status ", digits(static_cast<unsigned>(WEXITSTATUS(status)))});
        }
        return "its worker process ended unexpectedly";
    }

    // The worker is gone: the test it was running fails with `why`, tests it had finished
    // keep their results, and the rest of its unit goes back to the front of the queue.
    CTP_DETAIL_COLD void lost(Worker& worker, const std::string& why) {
        if (worker.running != none) {
            const std::size_t index = worker.running;
            const TestInfo& info = *plan_.tests[index];
            TestRecord& record = host_.record(index);
            record.end = Clock::now();
            record.duration = record.end - record.start;
            record.outcome = Outcome::error;
            record.failures.push_back(
                {info.file, info.line, worker.last_words.empty() ? why : concat({worker.last_words, " (", why, ")"})});
            host_.end_test(index);
        }
        // What is still to run moves to the front of worker.tests, in order.
        std::size_t rest = 0;
        for (std::size_t index : worker.tests) {
            if (index == none) continue;  // announced already
            // A test with an end time had finished.
            if (index == worker.running || host_.record(index).end.time_since_epoch().count() != 0)
                host_.announce(index);
            else
                worker.tests[rest++] = index;
        }
        // Taking a job moved head_ past its size and tests, and only a remainder, never longer,
        // moves it back: the slots behind head_ hold it (jobs taken since have their own copies).
        if (rest > 0) {
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

    static inline int report_fd_ = -1;  // a worker's pipe to the runner, for last_words

    const Plan& plan_;
    UnitHost& host_;
    unsigned retries_;
    bool capture_;
    bool echo_;
    Limit limit_;
    const void* limit_context_;
    // Jobs to run, each its size and then its tests, from head_ on.
    std::vector<std::size_t> queue_;
    std::size_t head_ = 0;
    Worker* workers_ = nullptr;
    pollfd* polls_ = nullptr;
    unsigned worker_count_ = 0;
    std::atomic<bool>* stop_flag_ = nullptr;
    unsigned spawned_ = 0;
};

}  // namespace ctp::detail

#endif  // __has_include(<sys/wait.h>) && __has_include(<sys/mman.h>)

#endif  // CTP_DETAIL_ISOLATED_PHASE_HPP
