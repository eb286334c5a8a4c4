#ifndef CTP_GTEST_ASSERTIONS_IMPLEMENTATION_HPP
#define CTP_GTEST_ASSERTIONS_IMPLEMENTATION_HPP

// The out-of-line half of gtest/assertions.hpp and gtest/printing.hpp: GoogleTest's failure
// texts, its way of printing values, Message and the SCOPED_TRACE lines. Compiled once.

#include <cmath>    // fabs, nextafter, isnan
#include <cstdint>  // uint32_t, uint64_t
#include <cstdio>   // snprintf
#include <cstring>  // memcpy, strcmp
#include <exception>
#include <iomanip>  // setprecision
#include <limits>
#include <sstream>
#include <string>
#include <vector>
#include <strings.h>  // strcasecmp
#include <cwctype>    // towlower
#include <cwchar>     // wcscmp

#include "../front_end.hpp"
#include "../text/exception_text.hpp"
#include "assertions.hpp"
#include "printing.hpp"

namespace ctp::detail::gtest {

// ---- printing -------------------------------------------------------------------------------

namespace {

// How a character was written inside quotes: a \x escape may not be followed by a hex digit.
enum class CharFormat { plain, escape, hex };

bool is_hex_digit(unsigned long code) {
    return (code >= '0' && code <= '9') || (code >= 'a' && code <= 'f') || (code >= 'A' && code <= 'F');
}

void write_hex(std::ostream& os, unsigned long code) {
    char text[32];
    std::snprintf(text, sizeof text, "%lX", code);
    os << text;
}

// One character as GoogleTest writes it in a literal quoted by `quote`.
CharFormat print_literal_char(std::ostream& os, unsigned long code, char quote) {
    switch (code) {
        case 0: os << "\\0"; return CharFormat::escape;
        case '\\': os << "\\\\"; return CharFormat::escape;
        case '\a': os << "\\a"; return CharFormat::escape;
        case '\b': os << "\\b"; return CharFormat::escape;
        case '\f': os << "\\f"; return CharFormat::escape;
        case '\n': os << "\\n"; return CharFormat::escape;
        case '\r': os << "\\r"; return CharFormat::escape;
        case '\t': os << "\\t"; return CharFormat::escape;
        case '\v': os << "\\v"; return CharFormat::escape;
        default: break;
    }
    if (code == static_cast<unsigned char>(quote)) {
        os << '\\' << quote;
        return CharFormat::escape;
    }
    if (code >= 0x20 && code <= 0x7E) {
        os << static_cast<char>(code);
        return CharFormat::plain;
    }
    os << "\\x";
    write_hex(os, code);
    return CharFormat::hex;
}

const char* const wide_prefixes[] = {"L", "u", "U"};

template <class Unit>
void print_units(std::ostream& os, const Unit* units, std::size_t size, const char* prefix) {
    os << prefix << '"';
    bool after_hex = false;
    for (std::size_t i = 0; i < size; ++i) {
        const unsigned long code = static_cast<unsigned long>(units[i]);
        if (after_hex && is_hex_digit(code)) os << "\" " << prefix << '"';
        after_hex = print_literal_char(os, code, '"') == CharFormat::hex;
    }
    os << '"';
}

void print_byte_segment(std::ostream& os, const unsigned char* bytes, std::size_t start, std::size_t count) {
    char text[4];
    for (std::size_t i = 0; i != count; ++i) {
        const std::size_t at = start + i;
        if (i != 0) os << (at % 2 == 0 ? ' ' : '-');
        std::snprintf(text, sizeof text, "%02X", bytes[at]);
        os << text;
    }
}

}  // namespace

void print_char(std::ostream& os, int code, bool is_signed) {
    const unsigned long unit = static_cast<unsigned char>(code);
    os << '\'';
    const CharFormat format = print_literal_char(os, unit, '\'');
    os << '\'';
    if (code == 0) return;
    os << " (" << (is_signed ? code : static_cast<int>(unit));
    if (format != CharFormat::hex && !(unit >= 1 && unit <= 9)) {
        os << ", 0x";
        write_hex(os, unit);
    }
    os << ')';
}

void print_wide_char(std::ostream& os, unsigned long code, int kind) {
    if (kind != 0) {
        char text[32];
        std::snprintf(text, sizeof text, "U+%04lX", code);
        os << text;
        return;
    }
    os << "L'";
    const CharFormat format = print_literal_char(os, code, '\'');
    os << '\'';
    if (code == 0) return;
    os << " (" << static_cast<long>(static_cast<wchar_t>(code));
    if (format != CharFormat::hex && !(code >= 1 && code <= 9)) {
        os << ", 0x";
        write_hex(os, code);
    }
    os << ')';
}

void print_quoted(std::ostream& os, const char* text, std::size_t size) {
    os << '"';
    bool after_hex = false;
    for (std::size_t i = 0; i < size; ++i) {
        const unsigned long code = static_cast<unsigned char>(text[i]);
        if (after_hex && is_hex_digit(code)) os << "\" \"";
        after_hex = print_literal_char(os, code, '"') == CharFormat::hex;
    }
    os << '"';
}

void print_wide_quoted(std::ostream& os, const void* units, std::size_t size, int kind) {
    if (kind == 0) print_units(os, static_cast<const wchar_t*>(units), size, wide_prefixes[0]);
    else if (kind == 1) print_units(os, static_cast<const char16_t*>(units), size, wide_prefixes[1]);
    else print_units(os, static_cast<const char32_t*>(units), size, wide_prefixes[2]);
}

void print_pointer(std::ostream& os, const volatile void* pointer) {
    if (pointer == nullptr) os << "NULL";
    else os << const_cast<const void*>(pointer);
}

void print_text_pointer(std::ostream& os, const char* text) {
    if (text == nullptr) {
        os << "NULL";
        return;
    }
    os << static_cast<const void*>(text) << " pointing to ";
    print_quoted(os, text, std::strlen(text));
}

void print_bytes(std::ostream& os, const unsigned char* bytes, std::size_t size) {
    os << size << "-byte object <";
    // Long objects: their first and last 64 bytes, the second part from an even offset.
    if (size < 132) {
        print_byte_segment(os, bytes, 0, size);
    } else {
        print_byte_segment(os, bytes, 0, 64);
        os << " ... ";
        const std::size_t resume = (size - 64 + 1) / 2 * 2;
        print_byte_segment(os, bytes, resume, size - resume);
    }
    os << '>';
}

std::string printed(Printer printer, const void* value) {
    std::ostringstream os;
    printer(os, value);
    return os.str();
}

// ---- SCOPED_TRACE ---------------------------------------------------------------------------

namespace {

thread_local const ::testing::ScopedTrace* innermost_trace = nullptr;

}  // namespace

struct TraceAccess {
    static void append_lines(std::string& text) {
        if (innermost_trace == nullptr) return;
        text += "\nGoogle Test trace:";
        for (const ::testing::ScopedTrace* trace = innermost_trace; trace != nullptr; trace = trace->outer_) {
            text += '\n';
            text += trace->file_;
            text += ':';
            text += std::to_string(trace->line_);
            text += ": ";
            text += trace->message_;
        }
    }
};

// ---- failures -------------------------------------------------------------------------------

CheckOutcome failed(const std::string& explanation) { return new std::string(explanation); }

CheckOutcome outcome(const AssertionResult& result) {
    if (result) return nullptr;
    return failed(result.message());
}

Pending::Pending() : stream(new std::stringstream) {
    *stream << std::setprecision(std::numeric_limits<double>::digits10 + 2);
}

void Report::operator=(const Pending& message) const {
    auto* const stream = static_cast<std::stringstream*>(message.stream);
    const std::string user = stream->str();
    delete stream;
    const std::string explained = explanation != nullptr ? *explanation : fixed;
    delete explanation;
    if (macro == nullptr) {
        std::string reason = user;
        TraceAccess::append_lines(reason);
        report_skip(reason.data(), reason.size());
        return;
    }
    std::string text = macro;
    text += " failed";
    if (!explained.empty()) text.append("\n").append(explained);
    if (!user.empty()) text.append("\n").append(user);
    TraceAccess::append_lines(text);
    report_failure(file, line, text.data(), text.size(), fatal);
}

namespace {

CheckOutcome failure(const std::string& text) { return failed(text); }

// The lines of a printed value: its quotes off, split at each escaped newline.
std::vector<std::string> escaped_lines(const std::string& value) {
    std::vector<std::string> lines;
    std::size_t start = 0, end = value.size();
    if (end > 2 && value[0] == '"' && value[end - 1] == '"') ++start, --end;
    for (std::size_t i = start; i + 1 < end; ++i) {
        if (value[i] != '\\') continue;
        if (value[i + 1] == 'n' && i + 2 < end) {
            lines.push_back(value.substr(start, i - start));
            start = i + 2;
        }
        ++i;  // the escaped character
    }
    lines.push_back(value.substr(start, end - start));
    return lines;
}

enum class Edit { match, add, remove, replace };

// The cheapest edits from `left` to `right`, a replacement costing a little more than one
// step so that adds and removes win ties, as GoogleTest's.
std::vector<Edit> optimal_edits(const std::vector<std::string>& left, const std::vector<std::string>& right) {
    const std::size_t columns = right.size() + 1;
    std::vector<double> cost((left.size() + 1) * columns);
    std::vector<Edit> move(cost.size());
    const auto at = [columns](std::size_t l, std::size_t r) { return l * columns + r; };
    for (std::size_t l = 0; l <= left.size(); ++l)
        cost[at(l, 0)] = static_cast<double>(l), move[at(l, 0)] = Edit::remove;
    for (std::size_t r = 1; r <= right.size(); ++r) cost[at(0, r)] = static_cast<double>(r), move[at(0, r)] = Edit::add;
    for (std::size_t l = 0; l < left.size(); ++l) {
        for (std::size_t r = 0; r < right.size(); ++r) {
            const std::size_t here = at(l + 1, r + 1);
            if (left[l] == right[r]) {
                cost[here] = cost[at(l, r)];
                move[here] = Edit::match;
                continue;
            }
            const double add = cost[at(l + 1, r)], remove = cost[at(l, r + 1)], replace = cost[at(l, r)];
            if (add < remove && add < replace) cost[here] = add + 1, move[here] = Edit::add;
            else if (remove < add && remove < replace) cost[here] = remove + 1, move[here] = Edit::remove;
            else cost[here] = replace + 1.00001, move[here] = Edit::replace;
        }
    }
    std::vector<Edit> path;
    for (std::size_t l = left.size(), r = right.size(); l > 0 || r > 0;) {
        const Edit edit = move[at(l, r)];
        path.insert(path.begin(), edit);
        l -= edit != Edit::add;
        r -= edit != Edit::remove;
    }
    return path;
}

// One hunk of a unified diff: common lines as they come, each run of changes as its removals
// then its additions.
class Hunk {
public:
    Hunk(std::size_t left_start, std::size_t right_start) : left_start_(left_start), right_start_(right_start) {}

    void push(char kind, const std::string& line) {
        if (kind == ' ') {
            ++common_;
            flush();
            lines_.append(" ").append(line).append("\n");
        } else if (kind == '-') {
            ++removes_;
            removed_.append("-").append(line).append("\n");
        } else {
            ++adds_;
            added_.append("+").append(line).append("\n");
        }
    }
    bool has_edits() const { return adds_ != 0 || removes_ != 0; }
    void write(std::string& out) {
        flush();
        out += "@@ ";
        if (removes_ != 0)
            out.append("-").append(std::to_string(left_start_)).append(",").append(std::to_string(removes_ + common_));
        if (removes_ != 0 && adds_ != 0) out += ' ';
        if (adds_ != 0)
            out.append("+").append(std::to_string(right_start_)).append(",").append(std::to_string(adds_ + common_));
        out.append(" @@\n").append(lines_);
    }

private:
    void flush() {
        lines_ += removed_ + added_;
        removed_.clear();
        added_.clear();
    }

    std::size_t left_start_, right_start_, adds_ = 0, removes_ = 0, common_ = 0;
    std::string lines_, removed_, added_;
};

// GoogleTest's unified diff of two values' lines, with two lines of context.
std::string unified_diff(const std::vector<std::string>& left, const std::vector<std::string>& right) {
    constexpr std::size_t context = 2;
    const std::vector<Edit> edits = optimal_edits(left, right);
    std::string out;
    std::size_t l = 0, r = 0, e = 0;
    while (e < edits.size()) {
        for (; e < edits.size() && edits[e] == Edit::match; ++e) ++l, ++r;
        const std::size_t prefix = l < context ? l : context;
        Hunk hunk(l - prefix + 1, r - prefix + 1);
        for (std::size_t i = prefix; i > 0; --i) hunk.push(' ', left[l - i]);
        std::size_t suffix = 0;
        for (; e < edits.size(); ++e) {
            if (suffix >= context) {
                // Stop where the matches ahead reach the context or the end.
                std::size_t next = e;
                while (next < edits.size() && edits[next] == Edit::match) ++next;
                if (next == edits.size() || next - e >= context) break;
            }
            const Edit edit = edits[e];
            suffix = edit == Edit::match ? suffix + 1 : 0;
            if (edit != Edit::add) hunk.push(edit == Edit::match ? ' ' : '-', left[l]);
            if (edit == Edit::add || edit == Edit::replace) hunk.push('+', right[r]);
            l += edit != Edit::add;
            r += edit != Edit::remove;
        }
        if (!hunk.has_edits()) break;
        hunk.write(out);
    }
    return out;
}

// "Expected equality of these values:" with each value unless it reads as its expression.
CheckOutcome equality_failure(const char* lhs_text, const char* rhs_text, const std::string& lhs,
                              const std::string& rhs, bool ignoring_case) {
    std::string text = "Expected equality of these values:\n  ";
    text += lhs_text;
    if (lhs != lhs_text) text.append("\n    Which is: ").append(lhs);
    text.append("\n  ").append(rhs_text);
    if (rhs != rhs_text) text.append("\n    Which is: ").append(rhs);
    if (ignoring_case) text += "\nIgnoring case";
    if (!lhs.empty() && !rhs.empty()) {
        const std::vector<std::string> lhs_lines = escaped_lines(lhs), rhs_lines = escaped_lines(rhs);
        if (lhs_lines.size() > 1 || rhs_lines.size() > 1)
            text.append("\nWith diff:\n").append(unified_diff(lhs_lines, rhs_lines));
    }
    return failure(text);
}

}  // namespace

CheckOutcome eq_failure(const char* lhs_text, const char* rhs_text, Printer lhs_printer, const void* lhs,
                        Printer rhs_printer, const void* rhs) {
    return equality_failure(lhs_text, rhs_text, printed(lhs_printer, lhs), printed(rhs_printer, rhs), false);
}

CheckOutcome comparison_failure(const char* lhs_text, const char* rhs_text, const char* op, Printer lhs_printer,
                                const void* lhs, Printer rhs_printer, const void* rhs) {
    return failure(std::string("Expected: (") + lhs_text + ") " + op + " (" + rhs_text +
                   "), actual: " + printed(lhs_printer, lhs) + " vs " + printed(rhs_printer, rhs));
}

CheckOutcome boolean_failure(const char* text, const char* message_of_result, bool expected) {
    std::string message = std::string("Value of: ") + text + "\n  Actual: " + (expected ? "false" : "true");
    if (*message_of_result != '\0') message.append(" (").append(message_of_result).append(")");
    message += expected ? "\nExpected: true" : "\nExpected: false";
    return failure(message);
}

CheckOutcome strings(const char* lhs_text, const char* rhs_text, const char* lhs, const char* rhs, bool equal,
                     bool ignoring_case) {
    bool same = lhs == nullptr || rhs == nullptr ? lhs == rhs
                : ignoring_case                  ? strcasecmp(lhs, rhs) == 0
                                                 : std::strcmp(lhs, rhs) == 0;
    if (same == equal) return {};
    if (equal)
        return equality_failure(lhs_text, rhs_text, ::testing::PrintToString(lhs), ::testing::PrintToString(rhs),
                                ignoring_case);
    const auto quoted = [](const char* text) { return std::string("\"") + (text != nullptr ? text : "(null)") + "\""; };
    return failure(std::string("Expected: (") + lhs_text + ") != (" + rhs_text + ")" +
                   (ignoring_case ? " (ignoring case)" : "") + ", actual: " + quoted(lhs) + " vs " + quoted(rhs));
}

CheckOutcome strings(const char* lhs_text, const char* rhs_text, const wchar_t* lhs, const wchar_t* rhs, bool equal,
                     bool ignoring_case) {
    bool same = lhs == rhs;
    if (lhs != nullptr && rhs != nullptr) {
        std::size_t i = 0;
        const auto fold = [&](wchar_t c) { return ignoring_case ? std::towlower(static_cast<wint_t>(c)) : c; };
        while (lhs[i] != 0 && fold(lhs[i]) == fold(rhs[i])) ++i;
        same = fold(lhs[i]) == fold(rhs[i]);
    }
    if (same == equal) return {};
    const std::string l = ::testing::PrintToString(lhs), r = ::testing::PrintToString(rhs);
    if (equal) return equality_failure(lhs_text, rhs_text, l, r, ignoring_case);
    return failure(std::string("Expected: (") + lhs_text + ") != (" + rhs_text + ")" +
                   (ignoring_case ? " (ignoring case)" : "") + ", actual: " + l + " vs " + r);
}

namespace {

// Within 4 units in the last place, as GoogleTest's FLOAT_EQ and DOUBLE_EQ; never for NaN.
template <class Bits, class Float>
bool almost_equal(Float lhs, Float rhs) {
    if (std::isnan(lhs) || std::isnan(rhs)) return false;
    Bits l, r;
    std::memcpy(&l, &lhs, sizeof l);
    std::memcpy(&r, &rhs, sizeof r);
    // Sign and magnitude to a biased unsigned order, where adjacent floats differ by one.
    constexpr Bits sign = Bits(1) << (sizeof(Bits) * 8 - 1);
    const auto biased = [](Bits bits) { return (bits & sign) != 0 ? ~bits + 1 : sign | bits; };
    l = biased(l);
    r = biased(r);
    return (l >= r ? l - r : r - l) <= 4;
}

template <class Float>
std::string precise(Float value) {
    std::ostringstream os;
    os << std::setprecision(std::numeric_limits<Float>::digits10 + 2) << value;
    return os.str();
}

}  // namespace

CheckOutcome floats(const char* lhs_text, const char* rhs_text, float lhs, float rhs) {
    if (almost_equal<std::uint32_t>(lhs, rhs)) return {};
    return equality_failure(lhs_text, rhs_text, precise(lhs), precise(rhs), false);
}

CheckOutcome floats(const char* lhs_text, const char* rhs_text, double lhs, double rhs) {
    if (almost_equal<std::uint64_t>(lhs, rhs)) return {};
    return equality_failure(lhs_text, rhs_text, precise(lhs), precise(rhs), false);
}

CheckOutcome near(const char* lhs_text, const char* rhs_text, const char* error_text, double lhs, double rhs,
                  double error) {
    const double difference = std::fabs(lhs - rhs);
    if (difference <= error) return {};
    const double closest = std::fabs(lhs) < std::fabs(rhs) ? std::fabs(lhs) : std::fabs(rhs);
    const double epsilon = std::nextafter(closest, std::numeric_limits<double>::infinity()) - closest;
    if (!std::isnan(lhs) && !std::isnan(rhs) && error > 0 && error < epsilon)
        return failed(
            (::testing::Message()
             << "The difference between " << lhs_text << " and " << rhs_text << " is " << difference << ", where\n"
             << lhs_text << " evaluates to " << lhs << ",\n"
             << rhs_text << " evaluates to " << rhs << ".\nThe abs_error parameter " << error_text << " evaluates to "
             << error
             << " which is smaller than the minimum distance between doubles for numbers of this magnitude which is "
             << epsilon
             << ", thus making this EXPECT_NEAR check equivalent to EXPECT_EQUAL. Consider using EXPECT_DOUBLE_EQ "
                "instead.")
                .GetString());
    return failed((::testing::Message() << "The difference between " << lhs_text << " and " << rhs_text << " is "
                                        << difference << ", which exceeds " << error_text << ", where\n"
                                        << lhs_text << " evaluates to " << lhs << ",\n"
                                        << rhs_text << " evaluates to " << rhs << ", and\n"
                                        << error_text << " evaluates to " << error << ".")
                      .GetString());
}

CheckOutcome predicate_failure(const char* predicate_text, std::size_t count, const char* const* texts,
                               const Printer* printers, const void* const* values) {
    std::string text = predicate_text;
    text += '(';
    for (std::size_t i = 0; i < count; ++i) text.append(i == 0 ? "" : ", ").append(texts[i]);
    text += ") evaluates to false, where";
    for (std::size_t i = 0; i < count; ++i)
        text.append("\n").append(texts[i]).append(" evaluates to ").append(printed(printers[i], values[i]));
    return failure(text);
}

CheckOutcome throw_failure(const char* statement, const char* type, bool threw) {
    const bool any = type == nullptr, none = !any && *type == '\0';
    if (any ? threw : none && !threw) return {};
    std::string text = std::string("Expected: ") + statement;
    if (none) text += " doesn't throw an exception.";
    else if (any) text += " throws an exception.";
    else text.append(" throws an exception of type ").append(type).append(".");
    text += "\n  Actual: ";
    if (!threw) {
        text += any ? "it doesn't." : "it throws nothing.";
    } else {
        try {
            throw;
        } catch (const std::exception& e) {
            text.append("it throws ").append(type_name(typeid(e))).append(" with description \"").append(e.what());
            text += "\".";
        } catch (...) {
            text += none ? "it throws." : "it throws a different type.";
        }
    }
    return failure(text);
}

}  // namespace ctp::detail::gtest

namespace testing {

// ---- Message --------------------------------------------------------------------------------

Message::Message() : stream_(new std::stringstream) {
    *stream_ << std::setprecision(std::numeric_limits<double>::digits10 + 2);
}

Message::Message(const Message& other) : Message() { *stream_ << other.GetString(); }

Message::Message(const char* text) : Message() { *stream_ << text; }

Message::~Message() { delete static_cast<std::stringstream*>(stream_); }

std::string Message::GetString() const { return static_cast<const std::stringstream*>(stream_)->str(); }

}  // namespace testing

void ctp::detail::gtest::append_wide(std::ostream& os, const wchar_t* text) {
    if (text == nullptr) {
        os << "(null)";
        return;
    }
    // UTF-8, as GoogleTest converts wide text.
    for (; *text != 0; ++text) {
        const auto code = static_cast<std::uint32_t>(*text);
        char units[4];
        int size = 0;
        if (code < 0x80) {
            units[size++] = static_cast<char>(code);
        } else if (code < 0x800) {
            units[size++] = static_cast<char>(0xC0 | (code >> 6));
            units[size++] = static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            units[size++] = static_cast<char>(0xE0 | (code >> 12));
            units[size++] = static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            units[size++] = static_cast<char>(0x80 | (code & 0x3F));
        } else {
            units[size++] = static_cast<char>(0xF0 | (code >> 18));
            units[size++] = static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            units[size++] = static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            units[size++] = static_cast<char>(0x80 | (code & 0x3F));
        }
        os.write(units, size);
    }
}

namespace testing {

// ---- AssertionResult ------------------------------------------------------------------------

void AssertionResult::append(const Message& message) {
    if (message_ == nullptr) message_ = new std::string;
    *message_ += message.GetString();
}

AssertionResult AssertionResult::operator!() const {
    AssertionResult negation(!success_);
    if (message_ != nullptr) negation << *message_;
    return negation;
}

AssertionResult AssertionSuccess() { return AssertionResult(true); }
AssertionResult AssertionFailure() { return AssertionResult(false); }
AssertionResult AssertionFailure(const Message& message) { return AssertionFailure() << message; }

// ---- ScopedTrace ----------------------------------------------------------------------------

ScopedTrace::ScopedTrace(const char* file, int line, const Message& message, int)
    : file_(file),
      line_(line),
      message_(message.GetString()),
      outer_(::ctp::detail::gtest::innermost_trace) {
    ::ctp::detail::gtest::innermost_trace = this;
}

ScopedTrace::~ScopedTrace() { ::ctp::detail::gtest::innermost_trace = outer_; }

}  // namespace testing

#endif  // CTP_GTEST_ASSERTIONS_IMPLEMENTATION_HPP
