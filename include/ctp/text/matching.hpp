#ifndef CTP_TEXT_MATCHING_HPP
#define CTP_TEXT_MATCHING_HPP

// The out-of-line half of approx.hpp and matchers.hpp: text searching, ULPs, and the failure
// messages of CTP_CHECK_NEAR, CTP_CHECK_THAT and the exception-text assertions. Part of
// implementation.hpp, after its record_failure, printed and assertion_text.

#include <cstdint>    // uint32_t
#include <cstdio>     // snprintf
#include <cstring>    // memcpy, memcmp
#include <exception>  // exception
#include <ostream>
#include <string>
#include <string_view>
#include <typeinfo>  // type_info

#include "../approx.hpp"
#include "../matchers.hpp"
#include "exception_text.hpp"
#include "text_building.hpp"

namespace ctp::detail {

bool text_equals(const char* text, std::size_t size, const char* other, std::size_t other_size) noexcept {
    return std::string_view(text, size) == std::string_view(other, other_size);
}

bool text_contains(const char* text, std::size_t size, const char* part, std::size_t part_size) noexcept {
    return std::string_view(text, size).find(std::string_view(part, part_size)) != std::string_view::npos;
}

bool text_starts_with(const char* text, std::size_t size, const char* prefix, std::size_t prefix_size) noexcept {
    return std::string_view(text, size).starts_with(std::string_view(prefix, prefix_size));
}

bool text_ends_with(const char* text, std::size_t size, const char* suffix, std::size_t suffix_size) noexcept {
    return std::string_view(text, size).ends_with(std::string_view(suffix, suffix_size));
}

namespace {

// ASCII only: the same in every locale.
char lower_ascii(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Floating-point numbers as integers that count representable values in order, so that the
// distance between two of them is the number of steps from one to the other.
template <class Unsigned, class Float>
Unsigned ordered_bits(Float value) noexcept {
    Unsigned bits;
    std::memcpy(&bits, &value, sizeof bits);
    constexpr Unsigned sign = Unsigned(1) << (sizeof(Unsigned) * 8 - 1);
    return (bits & sign) != 0 ? sign - (bits & ~sign) : sign + bits;
}

template <class Unsigned, class Float>
unsigned long long ulps_between(Float a, Float b) noexcept {
    if (a == b) return 0;  // also +0 and -0, and an infinity and itself
    // NaN and the infinities are no number of steps from anything else.
    if (a - a != 0 || b - b != 0) return ~0ULL;
    const Unsigned x = ordered_bits<Unsigned>(a), y = ordered_bits<Unsigned>(b);
    return x > y ? x - y : y - x;
}

// Tolerances are settings, not results: 8 significant digits read better than the 17 that
// round-trip (100 float epsilons print as 1.1920929e-05).
std::string setting(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.8g", value);
    return text;
}

std::string printed_double(double value) {
    StringSink sink;
    write_float(sink, value);
    return sink.str();
}

struct ThrownText {
    std::string type;
    std::string text;
    bool has_text = true;

    // One function per kind of number, not one instantiation per type of number.
    void set(const char* name, long long value) {
        type = name;
        StringSink sink;
        write_signed(sink, value);
        text = sink.str();
    }
    void set(const char* name, unsigned long long value) {
        type = name;
        StringSink sink;
        write_unsigned(sink, value);
        text = sink.str();
    }
    void set(const char* name, double value) {
        type = name;
        text = printed_double(value);
    }
};

// The caught exception's type, and its text: what() of a std::exception, the string thrown
// as a string, a number thrown as its printed value. Call only inside a handler.
ThrownText current_exception_text() {
    ThrownText thrown;
    try {
        throw;
    } catch (const std::exception& exception) {
        thrown.text = exception.what();
    } catch (const char* text) {
        thrown.type = "const char*";
        thrown.text = text != nullptr ? text : "";
    } catch (const std::string& text) {
        thrown.type = "std::string";
        thrown.text = text;
    } catch (int value) {
        thrown.set("int", static_cast<long long>(value));
    } catch (long value) {
        thrown.set("long", static_cast<long long>(value));
    } catch (long long value) {
        thrown.set("long long", value);
    } catch (unsigned value) {
        thrown.set("unsigned int", static_cast<unsigned long long>(value));
    } catch (unsigned long value) {
        thrown.set("unsigned long", static_cast<unsigned long long>(value));
    } catch (unsigned long long value) {
        thrown.set("unsigned long long", value);
    } catch (double value) {
        thrown.set("double", value);
    } catch (...) {
        thrown.has_text = false;
    }
#if defined(CTP_DETAIL_HAS_CXXABI)
    if (thrown.type.empty())
        if (const std::type_info* type = abi::__cxa_current_exception_type()) thrown.type = type_name(*type);
#endif  // defined(CTP_DETAIL_HAS_CXXABI)
    if (thrown.type.empty()) thrown.type = "of an unknown type";
    return thrown;
}

}  // namespace

bool text_equals_ignoring_case(const char* text, std::size_t size, const char* other, std::size_t other_size) noexcept {
    if (size != other_size) return false;
    for (std::size_t i = 0; i < size; ++i)
        if (lower_ascii(text[i]) != lower_ascii(other[i])) return false;
    return true;
}

unsigned long long ulp_distance(double a, double b) noexcept { return ulps_between<unsigned long long>(a, b); }
unsigned long long ulp_distance(float a, float b) noexcept { return ulps_between<std::uint32_t>(a, b); }

void write_percent(Sink& sink, double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%g%%", fraction * 100);
    write_text(sink, text);
}

void near_failed(const AssertionSite& site, double lhs, double rhs, double tolerance) {
    record_failure(site,
                   concat({assertion_text(site), " failed with |", printed_double(lhs), " - ", printed_double(rhs),
                           "| = ", printed_double(magnitude(lhs - rhs)), ", tolerance ", printed_double(tolerance)}));
}

void that_failed(const AssertionSite& site, Printer print, const void* mismatch) {
    record_failure(site, concat({assertion_text(site), " failed: ", printed(print, mismatch)}));
}

void check_exception_text(const AssertionSite& site, const void* matcher, TextMatch match, TextExplain explain) {
    const ThrownText thrown = current_exception_text();
    if (!thrown.has_text) {
        record_failure(site, concat({assertion_text(site), " failed: exception ", thrown.type, " has no message"}));
        return;
    }
    const Text text(thrown.text.data(), thrown.text.size());
    if (match(matcher, text)) return;
    StringSink sink;
    write_text(sink, "has message ");
    write_quoted(sink, text.data(), text.size());
    write_text(sink, ", which ");
    explain(sink, matcher, text);
    record_failure(site, concat({assertion_text(site), " failed: exception ", thrown.type, " ", sink.str()}));
}

void exception_mismatch(const AssertionSite& site, Printer explain, const void* mismatch) {
    const ThrownText thrown = current_exception_text();
    record_failure(site,
                   concat({assertion_text(site), " failed: exception ", thrown.type, " ", printed(explain, mismatch)}));
}

}  // namespace ctp::detail

namespace ctp {

std::ostream& operator<<(std::ostream& out, const Approx& approx) {
    out << "Approx(" << detail::printed_double(approx.value()) << ", epsilon " << detail::setting(approx.epsilon())
        << ", margin " << detail::setting(approx.margin());
    if (approx.scale() != 1) out << ", scale " << detail::setting(approx.scale());
    return out << ")";
}

}  // namespace ctp

#endif  // CTP_TEXT_MATCHING_HPP
