#ifndef CTP_DETAIL_ISOLATED_PHASE_HPP
#define CTP_DETAIL_ISOLATED_PHASE_HPP

#if __has_include(<sys/wait.h>) && __has_include(<sys/mman.h>)
#define CTP_DETAIL_HAS_ISOLATE 1

#include <atomic>
#include <cerrno>
#include <chrono>      // milliseconds
#include <csignal>     // SIGKILL, SIG_DFL
#include <cstddef>     // size_t
#include <cstdint>     // uint64_t, int64_t
#include <cstdio>      // fflush, snprintf, tmpfile
#include <cstdlib>     // _Exit, abort
#include <cstring>     // memcpy
#include <deque>
#include <exception>   // set_terminate
#include <functional>  // function
#include <iostream>    // cout, cerr, clog
#include <new>         // placement new
#include <stdexcept>   // runtime_error
#include <string>
#include <utility>     // move
#include <vector>

#include <fcntl.h>     // fcntl, O_NONBLOCK
#include <poll.h>
#include <sys/mman.h>  // mmap
#include <sys/wait.h>  // waitpid
#include <unistd.h>    // fork, pipe, read, write, dup, dup2

#include "fatal_errors.hpp"
#include "schedule.hpp"
#include "unit_runner.hpp"
#include "wire.hpp"

namespace ctp::detail {

// Runs units in forked worker processes, so that a crash or a timeout costs one test: the
// worker is replaced and the rest of its unit goes to the next one (whose class hooks run
// again). Workers report over a pipe; this side is single-threaded, as fork() wants.
class IsolatedPhase {
public:
    using Limit = std::function<double(std::size_t index)>;

    IsolatedPhase(const Plan& plan, UnitHost& host, unsigned retries, bool capture, bool echo, Limit limit)
        : plan_(plan), host_(host), retries_(retries), capture_(capture), echo_(echo), limit_(std::move(limit)) {}

    void run(const std::vector<const Unit*>& units, unsigned workers) {
        stop_flag_ = static_cast<std::atomic<bool>*>(
            mmap(nullptr, sizeof(std::atomic<bool>), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
        if (stop_flag_ == MAP_FAILED) throw std::runtime_error("--isolate: mmap failed");
        new (stop_flag_) std::atomic<bool>(false);
        for (const Unit* unit : units) jobs_.push_back({unit->fixture, unit->tests});
        workers_.resize(workers);
        while (!jobs_.empty() || busy() > 0) {
            if (host_.stopped()) {
                stop_flag_->store(true);
                jobs_.clear();
            }
            for (Worker& worker : workers_)
                if (!worker.busy && !jobs_.empty()) assign(worker);
            wait_for_messages();
        }
        for (Worker& worker : workers_) retire(worker);
        munmap(stop_flag_, sizeof(std::atomic<bool>));
    }

private:
    struct Job {
        const ClassInfo* fixture;
        std::vector<std::size_t> tests;
    };

    struct Worker {
        pid_t pid = -1;
        int to_worker = -1;
        int from_worker = -1;
        bool busy = false;
        Job job;                              // what it still owes a report for
        std::size_t running = none;
        std::int64_t started = 0;
        unsigned number = 0;                  // the worker's number in the records
        std::string last_words;               // why it is about to abort, if it could say
        std::string inbox;
    };

    static constexpr std::size_t none = static_cast<std::size_t>(-1);

    std::size_t busy() const {
        std::size_t count = 0;
        for (const Worker& worker : workers_) count += worker.busy ? 1 : 0;
        return count;
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

    void assign(Worker& worker) {
        if (worker.pid < 0) spawn(worker);
        worker.job = std::move(jobs_.front());
        jobs_.pop_front();
        worker.busy = true;
        WireWriter message;
        message.u64(worker.job.tests.size());
        for (std::size_t index : worker.job.tests) message.u64(index);
        write_all(worker.to_worker, message.bytes());
    }

    void spawn(Worker& worker) {
        int down[2], up[2];
        if (pipe(down) != 0 || pipe(up) != 0) throw std::runtime_error("--isolate: pipe failed");
        std::fflush(nullptr);
        std::cout.flush();
        const pid_t pid = fork();
        if (pid < 0) throw std::runtime_error("--isolate: fork failed");
        if (pid == 0) {
            ::close(down[1]);
            ::close(up[0]);
            for (const Worker& other : workers_) {
                if (other.to_worker >= 0) ::close(other.to_worker);
                if (other.from_worker >= 0) ::close(other.from_worker);
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

    void retire(Worker& worker) {
        if (worker.pid < 0) return;
        ::close(worker.to_worker);  // end of input: the worker exits
        ::close(worker.from_worker);
        int status = 0;
        waitpid(worker.pid, &status, 0);
        worker = Worker{};
    }

    // A worker process: units in, records out, until its input ends.
    [[noreturn]] void serve(int in, int out) {
        for (int signal : fatal_signals) std::signal(signal, SIG_DFL);
        report_fd() = out;
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
            run_unit(plan_, plan_.tests[tests.front()]->fixture, tests, host, retries_);
            send(out, 'D', WireWriter{});
        }
        std::fflush(nullptr);
        std::_Exit(0);
    }

    static int& report_fd() noexcept {
        static int fd = -1;
        return fd;
    }

    // std::terminate in a worker: say why before the abort, which is all the runner sees.
    [[noreturn]] static void last_words() {
        std::string why = "std::terminate called";
        if (std::current_exception()) why += " after an uncaught exception: " + describe_current_exception();
        WireWriter message;
        message.text(why);
        send(report_fd(), 'T', message);
        std::abort();
    }

    static void send(int fd, char kind, const WireWriter& payload) {
        WireWriter frame;
        frame.u64(payload.bytes().size() + 1);
        std::string bytes = frame.bytes();
        bytes += kind;
        bytes += payload.bytes();
        write_all(fd, bytes);
    }

    // The worker side of UnitHost: reports each step to the runner.
    class ChildHost final : public UnitHost {
    public:
        ChildHost(IsolatedPhase& phase, int out) : phase_(phase), out_(out), records_(phase.plan_.tests.size()) {}

        bool stopped() const noexcept override { return phase_.stop_flag_->load(); }

        TestRecord& begin_test(std::size_t index) override {
            WireWriter message;
            message.u64(index);
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
            WireWriter message;
            message.u64(index);
            message.record(records_[index]);
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

    void wait_for_messages() {
        std::vector<pollfd> fds;
        std::vector<Worker*> owners;
        for (Worker& worker : workers_)
            if (worker.busy) {
                fds.push_back({worker.from_worker, POLLIN, 0});
                owners.push_back(&worker);
            }
        if (fds.empty()) return;
        ::poll(fds.data(), fds.size(), 5);
        for (std::size_t i = 0; i < fds.size(); ++i) {
            Worker& worker = *owners[i];
            if (fds[i].revents != 0) receive(worker);
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

    void handle_messages(Worker& worker) {
        while (worker.busy && worker.inbox.size() >= sizeof(std::uint64_t)) {
            std::uint64_t size = 0;
            std::memcpy(&size, worker.inbox.data(), sizeof size);
            if (worker.inbox.size() < sizeof size + size) return;
            const std::string frame = worker.inbox.substr(sizeof size, static_cast<std::size_t>(size));
            worker.inbox.erase(0, sizeof size + static_cast<std::size_t>(size));
            WireReader reader(frame.data() + 1, frame.size() - 1);
            switch (frame[0]) {
                case 'S': {
                    const auto index = static_cast<std::size_t>(reader.u64());
                    TestRecord& record = host_.begin_test(index);
                    record.worker = worker.number;
                    record.start = Clock::now();
                    worker.running = index;
                    worker.started = now();
                    break;
                }
                case 'R':
                case 'F': {
                    const auto index = static_cast<std::size_t>(reader.u64());
                    reader.record(host_.record(index));
                    if (frame[0] == 'R') {
                        host_.end_test(index);
                        worker.running = none;
                    } else {
                        std::erase(worker.job.tests, index);
                        host_.announce(index);
                    }
                    break;
                }
                case 'T':
                    worker.last_words = reader.text();
                    break;
                case 'D':
                    worker.busy = false;
                    worker.job = {};
                    break;
                default: break;
            }
        }
    }

    static std::int64_t now() {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
    }

    void check_time(Worker& worker) {
        const double limit = limit_(worker.running);
        const double ran = static_cast<double>(now() - worker.started) / 1e9;
        if (limit <= 0 || ran <= limit) return;
        ::kill(worker.pid, SIGKILL);
        char text[96];
        std::snprintf(text, sizeof text, "timed out after %.3fs (limit %gs); its worker process was killed", ran, limit);
        lost(worker, text);
    }

    std::string describe_exit(Worker& worker) {
        int status = 0;
        if (waitpid(worker.pid, &status, 0) == worker.pid) {
            worker.pid = -1;
            if (WIFSIGNALED(status)) return std::string("crashed: fatal signal ") + signal_description(WTERMSIG(status));
            if (WIFEXITED(status)) return "its worker process exited with status " + std::to_string(WEXITSTATUS(status));
        }
        return "its worker process ended unexpectedly";
    }

    // The worker is gone: the test it was running fails with `why`, tests it had finished
    // keep their results, and the rest of its unit goes back to the queue.
    void lost(Worker& worker, const std::string& why) {
        if (worker.running != none) {
            const std::size_t index = worker.running;
            const TestInfo& info = *plan_.tests[index];
            TestRecord& record = host_.record(index);
            record.end = Clock::now();
            record.duration = record.end - record.start;
            record.outcome = Outcome::error;
            record.failures.push_back(
                {info.file, info.line, worker.last_words.empty() ? why : worker.last_words + " (" + why + ")"});
            host_.end_test(index);
        }
        std::vector<std::size_t> rest;
        for (std::size_t index : worker.job.tests) {
            if (index == worker.running || host_.record(index).end != Clock::time_point{}) host_.announce(index);
            else rest.push_back(index);
        }
        if (!rest.empty()) jobs_.push_front({worker.job.fixture, std::move(rest)});
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
    bool capture_;
    bool echo_;
    Limit limit_;
    std::deque<Job> jobs_;
    std::vector<Worker> workers_;
    std::atomic<bool>* stop_flag_ = nullptr;
    unsigned spawned_ = 0;
};

}  // namespace ctp::detail

#endif  // __has_include(<sys/wait.h>) && __has_include(<sys/mman.h>)

#endif  // CTP_DETAIL_ISOLATED_PHASE_HPP
