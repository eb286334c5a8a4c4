#ifndef CTP_LOGGING_HPP
#define CTP_LOGGING_HPP

#include <cstddef>  // size_t

#include "assertions.hpp"
#include "value_printer.hpp"

namespace ctp::detail {

// One CTP_INFO or CTP_CAPTURE in scope: a node of its thread's list, innermost first. Only
// pointers are kept; the values are printed when something is reported.
struct ContextEntry {
    void (*print)(Sink& sink, const ContextEntry& entry);
    const ContextEntry* outer;
};

// The innermost entry of the calling thread; a new thread starts with none, as the entries
// of the thread that started it live in that thread's scopes.
inline thread_local const ContextEntry* innermost_context = nullptr;

// Out of line, reached only when something is reported. Writes "\n  info: ".
void begin_info_line(Sink& sink);
// Writes "\n  info: <name> := " for the first of `count` expressions in the text `names`,
// returns where the next one starts.
const char* begin_capture_line(Sink& sink, const char* names, std::size_t count);
void warning_failed(const AssertionSite& site, Printer print, const void* expression);
void assertion_failed(const AssertionSite& site, Printer print, const void* expression, Printer print_message,
                      const void* message);

// The arguments of an INFO or a message: references to lvalues, the values of temporaries
// (which would not outlive the macro's statement otherwise).
template <class... A>
struct Parts {
    void print_messages(Sink&) const {}
    void print_captures(Sink&, const char*) const {}
};

template <class A, class... Rest>
struct Parts<A, Rest...> {
    A first;
    Parts<Rest...> rest;

    explicit Parts(A&& a, Rest&&... others) : first(static_cast<A&&>(a)), rest(static_cast<Rest&&>(others)...) {}

    void print_messages(Sink& sink) const {
        print_message<std::remove_cvref_t<A>>(sink, &first);
        rest.print_messages(sink);
    }
    void print_captures(Sink& sink, const char* names) const {
        names = begin_capture_line(sink, names, 1 + sizeof...(Rest));
        print_value(sink, first);
        rest.print_captures(sink, names);
    }
};

template <class... A>
class InfoScope : ContextEntry {
public:
    // `names`: CTP_CAPTURE's expressions as written; null for CTP_INFO.
    explicit InfoScope(const char* names, A&&... values)
        : ContextEntry{&print_entry, innermost_context},
          names_(names),
          values_(static_cast<A&&>(values)...) {
        innermost_context = this;
    }
    InfoScope(const InfoScope&) = delete;
    InfoScope& operator=(const InfoScope&) = delete;
    ~InfoScope() { innermost_context = outer; }

private:
    static void print_entry(Sink& sink, const ContextEntry& entry) {
        const auto& self = static_cast<const InfoScope&>(entry);
        if (self.names_ != nullptr) {
            self.values_.print_captures(sink, self.names_);
        } else {
            begin_info_line(sink);
            self.values_.print_messages(sink);
        }
    }

    const char* names_;
    Parts<A...> values_;
};

// Returned as a prvalue, so the scope is built in place and `this` stays the list's node.
template <class... A>
InfoScope<A...> make_info(const char* names, A&&... values) {
    return InfoScope<A...>(names, static_cast<A&&>(values)...);
}

// CTP_CHECK_MESSAGE's text: its arguments live until the end of the check's statement.
template <class... A>
struct MessageText {
    Parts<const A&...> parts;

    static void print(Sink& sink, const void* object) {
        static_cast<const MessageText*>(object)->parts.print_messages(sink);
    }
};

template <class... A>
MessageText<A...> message_of(const A&... parts) {
    return MessageText<A...>{Parts<const A&...>(parts...)};
}

template <class Expression, class Text>
inline void check(const AssertionSite& site, const Expression& expression, const Text& message) {
    if (!expression.passed()) [[unlikely]]
        assertion_failed(site, &Expression::print, &expression, &Text::print, &message);
}

template <class Expression, class Text>
inline void check_false(const AssertionSite& site, const Expression& expression, const Text& message) {
    if (expression.passed()) [[unlikely]]
        assertion_failed(site, &Expression::print, &expression, &Text::print, &message);
}

template <class Expression>
inline void warn(const AssertionSite& site, const Expression& expression) {
    if (!expression.passed()) [[unlikely]]
        warning_failed(site, &Expression::print, &expression);
}

template <class Expression>
inline void warn_false(const AssertionSite& site, const Expression& expression) {
    if (expression.passed()) [[unlikely]]
        warning_failed(site, &Expression::print, &expression);
}

}  // namespace ctp::detail

#define CTP_DETAIL_CONCAT_IMPL(a, b) a##b
#define CTP_DETAIL_CONCAT(a, b) CTP_DETAIL_CONCAT_IMPL(a, b)
#define CTP_DETAIL_INFO(names, ...) \
    const auto CTP_DETAIL_CONCAT(ctp_info_, __COUNTER__) = ::ctp::detail::make_info(names, __VA_ARGS__)

#define CTP_DETAIL_CHECK_MESSAGE(macro, fatal, checker, condition, ...)            \
    do {                                                                           \
        CTP_DETAIL_SITE(macro, #condition, fatal);                                 \
        CTP_DETAIL_SUPPRESS_PARENTHESES                                            \
        ::ctp::detail::checker(ctp_site, ::ctp::detail::Decomposer() <= condition, \
                               ::ctp::detail::message_of(__VA_ARGS__));            \
        CTP_DETAIL_RESTORE_WARNINGS                                                \
    } while (false)

#define CTP_INFO(...) CTP_DETAIL_INFO(nullptr, __VA_ARGS__)
#define CTP_CAPTURE(...) CTP_DETAIL_INFO(#__VA_ARGS__, __VA_ARGS__)
#define CTP_CHECK_MESSAGE(condition, ...) \
    CTP_DETAIL_CHECK_MESSAGE("CTP_CHECK_MESSAGE", false, check, condition, __VA_ARGS__)
#define CTP_REQUIRE_MESSAGE(condition, ...) \
    CTP_DETAIL_CHECK_MESSAGE("CTP_REQUIRE_MESSAGE", true, check, condition, __VA_ARGS__)
#define CTP_WARN(...) CTP_DETAIL_CHECK("CTP_WARN", false, warn, __VA_ARGS__)
#define CTP_WARN_FALSE(...) CTP_DETAIL_CHECK("CTP_WARN_FALSE", false, warn_false, __VA_ARGS__)

#endif  // CTP_LOGGING_HPP
