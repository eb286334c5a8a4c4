#ifndef CTP_LOGGING_HPP
#define CTP_LOGGING_HPP

#include <cstddef>  // size_t

#include "assertions.hpp"
#include "value_printer.hpp"

namespace ctp::detail {

// One CTP_INFO, CTP_CAPTURE or CTP_CHECK_MESSAGE in scope: a node of its thread's list,
// innermost first. It keeps a closure over the arguments, called when something is reported.
struct ContextEntry {
    void (*print)(Sink& sink, const ContextEntry& entry);
    const ContextEntry* outer;
    bool message;  // CTP_CHECK_MESSAGE's text, printed before the INFO lines
};

// The innermost entry of the calling thread. A new thread starts with none: the entries of
// the thread that started it live in that thread's scopes.
inline thread_local const ContextEntry* innermost_context = nullptr;

// Out of line. An exception that leaves a scope keeps that scope's context (and its outer
// ones) for the report of the exception, should it escape the test: the scopes are gone by
// the time the runner catches it.
bool exception_in_flight() noexcept;
void keep_unwound_context(const ContextEntry& entry);

// Out of line, reached only when something is reported. Each line starts with "\n  ".
void begin_line(Sink& sink, const char* label);
// Starts the line of the first of `count` expressions in `names`, CTP_CAPTURE's text;
// returns where the next one starts.
const char* begin_capture_line(Sink& sink, const char* names, std::size_t count);

template <class Print>
class InfoScope : ContextEntry {
public:
    InfoScope(Print print, bool message) : ContextEntry{&print_entry, innermost_context, message}, print_(print) {
        innermost_context = this;
    }
    InfoScope(const InfoScope&) = delete;
    InfoScope& operator=(const InfoScope&) = delete;
    ~InfoScope() {
        innermost_context = outer;
        if (exception_in_flight()) [[unlikely]]
            keep_unwound_context(*this);
    }

private:
    static void print_entry(Sink& sink, const ContextEntry& entry) {
        static_cast<const InfoScope&>(entry).print_(sink);
    }

    Print print_;
};

template <class... A>
void print_messages(Sink& sink, const char* label, const A&... parts) {
    begin_line(sink, label);
    (print_message<A>(sink, &parts), ...);
}

template <class... A>
void print_captures(Sink& sink, const char* names, const A&... values) {
    std::size_t left = sizeof...(A);
    ((names = begin_capture_line(sink, names, left--), print_value(sink, values)), ...);
}

}  // namespace ctp::detail

#define CTP_DETAIL_CONCAT_IMPL(a, b) a##b
#define CTP_DETAIL_CONCAT(a, b) CTP_DETAIL_CONCAT_IMPL(a, b)
// The arguments are evaluated when something is reported, not before.
#define CTP_DETAIL_CONTEXT(name, message, ...) \
    const ::ctp::detail::InfoScope name([&](::ctp::detail::Sink& ctp_sink) { __VA_ARGS__; }, message)

#define CTP_DETAIL_CHECK_MESSAGE(macro, fatal, checker, condition, ...)                                           \
    do {                                                                                                          \
        CTP_DETAIL_CONTEXT(ctp_message, true, ::ctp::detail::print_messages(ctp_sink, "message: ", __VA_ARGS__)); \
        CTP_DETAIL_CHECK(macro, fatal, checker, condition);                                                       \
    } while (false)

#define CTP_INFO(...)                                                    \
    CTP_DETAIL_CONTEXT(CTP_DETAIL_CONCAT(ctp_info_, __COUNTER__), false, \
                       ::ctp::detail::print_messages(ctp_sink, "info: ", __VA_ARGS__))
#define CTP_CAPTURE(...)                                                 \
    CTP_DETAIL_CONTEXT(CTP_DETAIL_CONCAT(ctp_info_, __COUNTER__), false, \
                       ::ctp::detail::print_captures(ctp_sink, #__VA_ARGS__, __VA_ARGS__))
#define CTP_CHECK_MESSAGE(condition, ...) \
    CTP_DETAIL_CHECK_MESSAGE("CTP_CHECK_MESSAGE", false, check, condition, __VA_ARGS__)
#define CTP_REQUIRE_MESSAGE(condition, ...) \
    CTP_DETAIL_CHECK_MESSAGE("CTP_REQUIRE_MESSAGE", true, check, condition, __VA_ARGS__)
#define CTP_WARN(...) CTP_DETAIL_CHECK("CTP_WARN", false, warn, __VA_ARGS__)
#define CTP_WARN_FALSE(...) CTP_DETAIL_CHECK("CTP_WARN_FALSE", false, warn_false, __VA_ARGS__)

#endif  // CTP_LOGGING_HPP
