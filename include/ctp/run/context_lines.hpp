#ifndef CTP_RUN_CONTEXT_LINES_HPP
#define CTP_RUN_CONTEXT_LINES_HPP

// The out-of-line half of logging.hpp: the lines that CTP_INFO and CTP_CAPTURE add to what
// is reported, made only when something is.

#include <cstddef>    // size_t
#include <exception>  // uncaught_exceptions
#include <string>
#include <utility>  // exchange
#include <vector>

#include "../logging.hpp"
#include "../text/value_text.hpp"
#include "../value_printer.hpp"

namespace ctp::detail {

namespace {

// Where the first top-level comma of `text` is (or its end), and how many there are. Quotes
// and brackets nest; with `angles`, so do template angle brackets, by a guess: a '<' right
// after a name (`std::pair<int, int>`, not `a < b` nor `1<2`) opens one.
struct Commas {
    const char* first = nullptr;
    std::size_t count = 0;
};

bool is_name_char(char c) noexcept {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool follows_name(const char* text, const char* at) noexcept {
    const char* start = at;
    while (start > text && is_name_char(start[-1])) --start;
    return start < at && !(*start >= '0' && *start <= '9');
}

Commas top_level_commas(const char* text, bool angles) {
    Commas commas;
    int depth = 0, open_angles = 0;
    const char* at = text;
    for (; *at != '\0'; ++at) {
        const char c = *at;
        if (c == '"' || (c == '\'' && !(at > text && at[-1] >= '0' && at[-1] <= '9'))) {
            // A literal, to its closing quote; a digit before ' makes it a digit separator.
            while (at[1] != '\0' && at[1] != c) at += at[1] == '\\' && at[2] != '\0' ? 2 : 1;
            if (at[1] != '\0') ++at;
        } else if (c == '(' || c == '[' || c == '{') {
            ++depth;
        } else if (c == ')' || c == ']' || c == '}') {
            if (depth > 0) --depth;
        } else if (angles && c == '<' && follows_name(text, at)) {
            ++depth;
            ++open_angles;
        } else if (angles && c == '>' && open_angles > 0 && at[-1] != '-') {
            --depth;
            --open_angles;
        } else if (c == ',' && depth == 0) {
            if (commas.count++ == 0) commas.first = at;
        }
    }
    if (commas.count == 0) commas.first = at;
    return commas;
}

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

void begin_line(Sink& sink, const char* label) {
    write_text(sink, "\n  ");
    write_text(sink, label);
}

const char* begin_capture_line(Sink& sink, const char* names, std::size_t count) {
    while (is_space(*names)) ++names;
    // The values say how many expressions there are: the split that finds as many wins.
    const Commas nested = top_level_commas(names, true);
    const char* end = nested.first;
    if (count == 1) {
        while (*end != '\0') ++end;
    } else if (nested.count != count - 1) {
        const Commas plain = top_level_commas(names, false);
        if (plain.count == count - 1) end = plain.first;
    }
    const char* next = *end == ',' ? end + 1 : end;
    while (end > names && is_space(end[-1])) --end;
    begin_line(sink, "info: ");
    sink.write(names, static_cast<std::size_t>(end - names));
    write_text(sink, " := ");
    return next;
}

namespace {

// The context lines from `innermost` outwards: the message of the check being made, then the
// INFO lines, outermost first.
std::string context_lines(const ContextEntry* innermost) {
    if (innermost == nullptr) return {};
    std::vector<const ContextEntry*> entries;
    for (const ContextEntry* entry = innermost; entry != nullptr; entry = entry->outer) entries.push_back(entry);
    StringSink sink;
    for (const ContextEntry* entry : entries)
        if (entry->message) entry->print(sink, *entry);
    for (std::size_t i = entries.size(); i-- > 0;)
        if (!entries[i]->message) entries[i]->print(sink, *entries[i]);
    return sink.str();
}

// What the scopes that the latest exception left had in context, and those scopes: the outer
// ones of the same unwinding find themselves there and keep nothing more.
struct UnwoundContext {
    std::string lines;
    std::vector<const ContextEntry*> scopes;
};

UnwoundContext& unwound_context() {
    thread_local UnwoundContext unwound;
    return unwound;
}

}  // namespace

// Empty without any context.
std::string thread_context_lines() { return context_lines(innermost_context); }

bool exception_in_flight() noexcept { return std::uncaught_exceptions() > 0; }

void keep_unwound_context(const ContextEntry& entry) {
    UnwoundContext& unwound = unwound_context();
    for (const ContextEntry* scope : unwound.scopes)
        if (scope == &entry) return;
    try {
        unwound.lines = context_lines(&entry);
        unwound.scopes.clear();
        for (const ContextEntry* scope = &entry; scope != nullptr; scope = scope->outer)
            unwound.scopes.push_back(scope);
    } catch (...) {
        // Printing a value threw, or memory ran out: the exception in flight is reported without it.
        unwound = {};
    }
}

std::string take_unwound_context() {
    UnwoundContext& unwound = unwound_context();
    unwound.scopes.clear();
    return std::exchange(unwound.lines, {});
}

}  // namespace ctp::detail

#endif  // CTP_RUN_CONTEXT_LINES_HPP
