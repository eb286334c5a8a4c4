#ifndef CTP_RUN_FATAL_ERRORS_HPP
#define CTP_RUN_FATAL_ERRORS_HPP

#include <csignal>    // SIGSEGV, ...
#include <cstddef>    // size_t
#include <cstdlib>    // abort
#include <exception>  // set_terminate, current_exception
#include <iterator>   // size
#include <memory>     // unique_ptr, make_unique_for_overwrite
#include <string>

#include "../text/exception_text.hpp"
#include "child_groups.hpp"

#if __has_include(<unistd.h>)
#include <signal.h>  // sigaction, sigaltstack
#include <unistd.h>  // _exit
#define CTP_DETAIL_POSIX_SIGNALS 1
#endif  // __has_include(<unistd.h>)

namespace ctp::detail {

// Called once, on the thread that hit the fault, with what happened. It must not return:
// the process is not in a state to go on.
using FatalHandler = void (*)(const std::string& what, void* context);

// The calling thread's CTP_INFO and CTP_CAPTURE lines ("\n  info: ..."), for a crash
// report; the fault handlers run on the thread that crashed.
std::string thread_context_lines();

inline FatalHandler& fatal_handler() noexcept {
    static FatalHandler handler = nullptr;
    return handler;
}

inline void*& fatal_context() noexcept {
    static void* context = nullptr;
    return context;
}

inline const char* signal_description(int signal) noexcept {
    switch (signal) {
        case SIGSEGV: return "SIGSEGV (segmentation fault)";
        case SIGABRT: return "SIGABRT (abort)";
        case SIGFPE: return "SIGFPE (arithmetic error, such as division by zero)";
        case SIGILL: return "SIGILL (illegal instruction)";
#if defined(SIGBUS)
        case SIGBUS: return "SIGBUS (bus error)";
#endif  // defined(SIGBUS)
        default: return "a fatal signal";
    }
}

inline constexpr int fatal_signals[] = {SIGSEGV, SIGABRT, SIGFPE, SIGILL,
#if defined(SIGBUS)
                                        SIGBUS
#endif  // defined(SIGBUS)
};

inline void on_fatal_signal(int signal) {
    kill_child_groups();
    if (FatalHandler handler = fatal_handler())
        handler(std::string("fatal signal ") + signal_description(signal), fatal_context());
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

// What std::terminate was called for, in a terminate handler.
inline std::string terminate_message() {
    std::string what = "std::terminate called";
    if (std::current_exception()) {
        try {
            what += " after an uncaught exception: " + describe_current_exception();
        } catch (...) {}
    }
    return what;
}

inline void on_terminate() {
    kill_child_groups();
    if (FatalHandler handler = fatal_handler()) handler(terminate_message(), fatal_context());
    std::abort();
}

// Gives the calling thread a stack of its own for the fault handler, so that a stack
// overflow can still be reported.
class AlternateStack {
public:
    AlternateStack() {
#if defined(CTP_DETAIL_POSIX_SIGNALS)
        // Left uninitialised, not value-initialised as make_unique would: the kernel maps a
        // page in only when a handler first touches it, so an idle stack costs no memory.
        memory_ = std::make_unique_for_overwrite<char[]>(stack_size);
        stack_t stack{};
        stack.ss_sp = memory_.get();
        stack.ss_size = stack_size;
        installed_ = sigaltstack(&stack, &previous_) == 0;
#endif  // defined(CTP_DETAIL_POSIX_SIGNALS)
    }
    AlternateStack(const AlternateStack&) = delete;
    AlternateStack& operator=(const AlternateStack&) = delete;
    ~AlternateStack() {
#if defined(CTP_DETAIL_POSIX_SIGNALS)
        if (installed_) sigaltstack(&previous_, nullptr);
#endif  // defined(CTP_DETAIL_POSIX_SIGNALS)
    }

private:
    static constexpr std::size_t stack_size = 256 * 1024;
    std::unique_ptr<char[]> memory_;
#if defined(CTP_DETAIL_POSIX_SIGNALS)
    stack_t previous_{};
    bool installed_ = false;
#endif  // defined(CTP_DETAIL_POSIX_SIGNALS)
};

// Reports fatal signals and std::terminate to `handler` while it lives, then puts back what
// was there before (a host program, or doctest, may have its own).
class FatalErrorGuard {
public:
    FatalErrorGuard(FatalHandler handler, void* context) {
        fatal_handler() = handler;
        fatal_context() = context;
        previous_terminate_ = std::set_terminate(&on_terminate);
#if defined(CTP_DETAIL_POSIX_SIGNALS)
        struct sigaction action {};
        action.sa_handler = &on_fatal_signal;
        action.sa_flags = SA_ONSTACK;
        sigemptyset(&action.sa_mask);
        for (std::size_t i = 0; i < std::size(fatal_signals); ++i) sigaction(fatal_signals[i], &action, &previous_[i]);
#endif  // defined(CTP_DETAIL_POSIX_SIGNALS)
    }
    FatalErrorGuard(const FatalErrorGuard&) = delete;
    FatalErrorGuard& operator=(const FatalErrorGuard&) = delete;
    ~FatalErrorGuard() {
#if defined(CTP_DETAIL_POSIX_SIGNALS)
        for (std::size_t i = 0; i < std::size(fatal_signals); ++i) sigaction(fatal_signals[i], &previous_[i], nullptr);
#endif  // defined(CTP_DETAIL_POSIX_SIGNALS)
        std::set_terminate(previous_terminate_);
        fatal_handler() = nullptr;
        fatal_context() = nullptr;
    }

private:
    std::terminate_handler previous_terminate_;
#if defined(CTP_DETAIL_POSIX_SIGNALS)
    struct sigaction previous_[std::size(fatal_signals)]{};
#endif  // defined(CTP_DETAIL_POSIX_SIGNALS)
    AlternateStack stack_;
};

}  // namespace ctp::detail

#endif  // CTP_RUN_FATAL_ERRORS_HPP
