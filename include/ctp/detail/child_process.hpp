// A program ctp starts and must not leave behind: a browser, a server under test. Compiled
// with the live server and the browser, in the file that defines CTP_MAIN or CTP_IMPLEMENT.
#ifndef CTP_DETAIL_CHILD_PROCESS_HPP
#define CTP_DETAIL_CHILD_PROCESS_HPP

#include <fcntl.h>     // open, fcntl, O_CLOEXEC
#include <poll.h>      // poll
#include <signal.h>    // kill, SIGTERM, SIGKILL
#include <sys/wait.h>  // waitpid, WIFEXITED
#include <unistd.h>    // fork, execve, pipe2, dup2, close_range

#if defined(__linux__)
#include <sys/prctl.h>  // prctl, PR_SET_PDEATHSIG
#endif                  // defined(__linux__)

#include <algorithm>  // sort
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstddef>  // size_t
#include <cstring>  // strerror, strlen
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>  // runtime_error
#include <string>
#include <string_view>
#include <thread>
#include <utility>  // pair, move, exchange
#include <vector>

#include "../run/child_groups.hpp"

extern char** environ;

namespace ctp::detail {

struct ChildOptions {
    std::vector<std::string> argv;         // argv[0] is the program: a path, or a name looked up in PATH
    std::vector<std::string> environment;  // "NAME=value", replacing or adding to the parent's
    // (descriptor in ctp, descriptor in the child): kept open in the child at that number, as
    // the browser's protocol pipes at 3 and 4. Every other descriptor is closed.
    std::vector<std::pair<int, int>> descriptors;
    std::size_t kept_lines = 40;  // of stdout and stderr, together
};

// "exited with status 3", "was killed by signal 9 (Killed)".
inline std::string describe_wait_status(int status) {
    if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return "was killed by signal " + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
    return "ended with wait status " + std::to_string(status);
}

// Started in its own process group with a parent-death signal, so it dies with ctp even
// when ctp is killed with SIGKILL. The signal fires when the *thread* that started it ends:
// start and stop a child on one thread that outlives it. stdin is /dev/null; stdout and
// stderr go to a pipe whose last lines are kept.
class ChildProcess {
public:
    // Throws std::runtime_error naming the program when it cannot be started (not found,
    // not executable): the exec's errno comes back through a close-on-exec pipe.
    explicit ChildProcess(ChildOptions options) : kept_lines_(options.kept_lines) {
        const std::string program = options.argv.empty() ? std::string() : options.argv[0];
        if (program.empty()) throw std::runtime_error("no program to start: the command is empty");
        std::vector<char*> argv;
        for (std::string& argument : options.argv) argv.push_back(argument.data());
        argv.push_back(nullptr);
        std::vector<std::string> environment = merged_environment(std::move(options.environment));
        std::vector<char*> envp;
        for (std::string& entry : environment) envp.push_back(entry.data());
        envp.push_back(nullptr);
        const std::vector<std::string> candidates = executable_candidates(program, environment);

        int output[2], report[2];
        if (::pipe2(output, O_CLOEXEC) != 0) throw std::runtime_error(start_error(program, errno));
        if (::pipe2(report, O_CLOEXEC) != 0) {
            const int error = errno;
            ::close(output[0]);
            ::close(output[1]);
            throw std::runtime_error(start_error(program, error));
        }
        const int null_input = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        const pid_t parent = ::getpid();
        pid_ = ::fork();
        if (pid_ == 0)
            run_child(candidates, argv.data(), envp.data(), options.descriptors, null_input, output[1], report[1],
                      parent);
        const int fork_error = errno;
        ::close(output[1]);
        ::close(report[1]);
        if (null_input >= 0) ::close(null_input);
        if (pid_ < 0) {
            ::close(output[0]);
            ::close(report[0]);
            throw std::runtime_error(start_error(program, fork_error));
        }
        ::setpgid(pid_, pid_);  // also done by the child: whichever runs first
        remember_child_group(pid_);
        int exec_error = 0;
        ssize_t got;
        do got = ::read(report[0], &exec_error, sizeof exec_error);
        while (got < 0 && errno == EINTR);
        ::close(report[0]);
        if (got == static_cast<ssize_t>(sizeof exec_error)) {
            ::close(output[0]);
            reap_blocking();
            forget_child_group(pid_);
            throw std::runtime_error(start_error(program, exec_error));
        }
        output_ = output[0];
        reader_ = std::thread([this] { read_output(); });
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    ~ChildProcess() { stop(std::chrono::milliseconds(0)); }

    int pid() const noexcept { return pid_; }

    // Reaps it if it has ended; false once it has.
    bool running() {
        std::lock_guard lock(wait_mutex_);
        if (status_) return false;
        int status = 0;
        const pid_t done = ::waitpid(pid_, &status, WNOHANG);
        if (done == pid_) status_ = status;
        return !status_;
    }

    // Waits up to `timeout` for it to end on its own; true if it did.
    bool wait_for_exit(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (running()) {
            if (std::chrono::steady_clock::now() >= deadline) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return true;
    }

    // The raw wait status once it has ended.
    std::optional<int> exit_status() {
        running();
        std::lock_guard lock(wait_mutex_);
        return status_;
    }

    // "exited with status 3"; "is running" while it does.
    std::string exit_description() {
        const std::optional<int> status = exit_status();
        return status ? describe_wait_status(*status) : "is running";
    }

    // SIGTERM to its whole group, SIGKILL after `grace` (at once for a zero grace); returns
    // once it is reaped and its output read to the end. Idempotent.
    void stop(std::chrono::milliseconds grace) {
        if (pid_ > 0 && running()) {
            if (grace.count() > 0) {
                ::kill(-pid_, SIGTERM);
                wait_for_exit(grace);
            }
            if (running()) {
                ::kill(-pid_, SIGKILL);
                reap_blocking();
            }
        }
        // Whatever it started in its group goes too, even after the leader has ended.
        if (pid_ > 0) {
            ::kill(-pid_, SIGKILL);
            forget_child_group(pid_);
        }
        finish_reading();
    }

    // The last `kept_lines` lines it wrote to stdout and stderr, each ending in '\n'.
    std::string last_output() const {
        std::lock_guard lock(output_mutex_);
        std::string text;
        for (const std::string& line : lines_) text.append(line).append("\n");
        if (!partial_.empty()) text.append(partial_).append("\n");
        return text;
    }

private:
    static std::string start_error(const std::string& program, int error) {
        return "cannot start '" + program + "': " + std::strerror(error);
    }

    static std::vector<std::string> merged_environment(std::vector<std::string> added) {
        std::vector<std::string> merged;
        for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
            const std::string_view text(*entry);
            const std::string_view name = text.substr(0, text.find('='));
            bool replaced = false;
            for (const std::string& own : added)
                replaced = replaced || std::string_view(own).substr(0, own.find('=')) == name;
            if (!replaced) merged.emplace_back(text);
        }
        for (std::string& own : added) merged.push_back(std::move(own));
        return merged;
    }

    // Where execve is tried, in order: the program itself when it names a path, else each
    // PATH entry (the child must not allocate, so the list is made before fork).
    static std::vector<std::string> executable_candidates(const std::string& program,
                                                          const std::vector<std::string>& environment) {
        if (program.find('/') != std::string::npos) return {program};
        std::string_view path = "/usr/local/bin:/usr/bin:/bin";
        for (const std::string& entry : environment)
            if (entry.starts_with("PATH=")) path = std::string_view(entry).substr(5);
        std::vector<std::string> candidates;
        for (std::size_t start = 0; start <= path.size();) {
            const std::size_t end = std::min(path.find(':', start), path.size());
            const std::string_view directory = path.substr(start, end - start);
            candidates.push_back(std::string(directory.empty() ? "." : directory).append("/").append(program));
            start = end + 1;
        }
        return candidates;
    }

    // Only async-signal-safe calls: the parent may have other threads.
    [[noreturn]] static void run_child(const std::vector<std::string>& candidates, char* const* argv, char* const* envp,
                                       const std::vector<std::pair<int, int>>& descriptors, int null_input, int output,
                                       int report, pid_t parent) {
        ::setpgid(0, 0);
#if defined(__linux__)
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);  // ctp ended before the signal was armed
#else
        static_cast<void>(parent);
#endif  // defined(__linux__)

        // Mapped descriptors first move out of the way of 0-2 and of each other's targets.
        int moved[16];
        const std::size_t count = descriptors.size() < 16 ? descriptors.size() : 16;
        for (std::size_t i = 0; i < count; ++i) moved[i] = ::fcntl(descriptors[i].first, F_DUPFD_CLOEXEC, 64);
        if (null_input >= 0) ::dup2(null_input, 0);
        ::dup2(output, 1);
        ::dup2(output, 2);
        for (std::size_t i = 0; i < count; ++i) ::dup2(moved[i], descriptors[i].second);
        close_others_on_exec(descriptors, count);
        int error = ENOENT;
        for (const std::string& candidate : candidates) {
            ::execve(candidate.c_str(), argv, envp);
            if (errno != ENOENT || error == ENOENT) error = errno;
        }
        ssize_t written = ::write(report, &error, sizeof error);
        static_cast<void>(written);
        ::_exit(127);
    }

    // Descriptors ctp opened without O_CLOEXEC (a host program's, a library's) must not
    // leak into the child: all but 0-2 and the mapped ones close at exec.
    static void close_others_on_exec(const std::vector<std::pair<int, int>>& descriptors, std::size_t count) {
        const auto kept = [&](int fd) {
            for (std::size_t i = 0; i < count; ++i)
                if (descriptors[i].second == fd) return true;
            return false;
        };
#if defined(CLOSE_RANGE_CLOEXEC)
        int first = 3;
        for (int fd = 3; fd < 64; ++fd) {
            if (!kept(fd)) continue;
            if (fd > first)
                ::close_range(static_cast<unsigned>(first), static_cast<unsigned>(fd - 1), CLOSE_RANGE_CLOEXEC);
            first = fd + 1;
        }
        if (::close_range(static_cast<unsigned>(first), ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
#endif  // defined(CLOSE_RANGE_CLOEXEC)
        const long limit = ::sysconf(_SC_OPEN_MAX);
        const int last = limit > 0 && limit < 65536 ? static_cast<int>(limit) : 65536;
        for (int fd = 3; fd < last; ++fd)
            if (!kept(fd)) ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    }

    void reap_blocking() {
        std::lock_guard lock(wait_mutex_);
        if (status_) return;
        int status = 0;
        pid_t done;
        do done = ::waitpid(pid_, &status, 0);
        while (done < 0 && errno == EINTR);
        status_ = done == pid_ ? status : 0;
    }

    // Until end of file, or until told to stop (a grandchild outside the group may hold the
    // pipe open forever).
    void read_output() {
        char chunk[4096];
        for (;;) {
            pollfd poll_entry{output_, POLLIN, 0};
            const int ready = ::poll(&poll_entry, 1, 50);
            if (ready == 0) {
                if (stop_reading_.load()) return;
                continue;
            }
            if (ready < 0 && errno == EINTR) continue;
            const ssize_t got = ::read(output_, chunk, sizeof chunk);
            if (got < 0 && errno == EINTR) continue;
            if (got <= 0) return;
            keep(std::string_view(chunk, static_cast<std::size_t>(got)));
        }
    }

    void keep(std::string_view text) {
        std::lock_guard lock(output_mutex_);
        for (char c : text) {
            if (c != '\n') {
                if (partial_.size() < 4096) partial_ += c;
                continue;
            }
            lines_.push_back(std::exchange(partial_, {}));
            if (lines_.size() > kept_lines_) lines_.pop_front();
        }
    }

    void finish_reading() {
        if (reader_.joinable()) {
            stop_reading_.store(true);
            reader_.join();
        }
        if (output_ >= 0) ::close(std::exchange(output_, -1));
    }

    pid_t pid_ = -1;
    std::size_t kept_lines_;
    int output_ = -1;
    std::thread reader_;
    std::atomic<bool> stop_reading_{false};
    mutable std::mutex output_mutex_;
    std::deque<std::string> lines_;
    std::string partial_;
    std::mutex wait_mutex_;
    std::optional<int> status_;
};

}  // namespace ctp::detail

#endif  // CTP_DETAIL_CHILD_PROCESS_HPP
