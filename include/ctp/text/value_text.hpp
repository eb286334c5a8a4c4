#ifndef CTP_TEXT_VALUE_TEXT_HPP
#define CTP_TEXT_VALUE_TEXT_HPP

// The out-of-line half of value_printer.hpp's writers for the values that need more than a
// number: other character types, std::byte, std::chrono durations and time points.

#include <climits>  // LLONG_MAX
#include <cstddef>  // size_t
#include <cstdio>   // snprintf
#include <cstring>  // memcpy
#include <sstream>  // ostringstream
#include <string>
#include <string_view>

#include "../value_printer.hpp"
#include "text_encoding.hpp"

namespace ctp::detail {

// Where what is printed for a failure is collected.
class StringSink final : public Sink {
public:
    void write(const char* text, std::size_t size) override { stream_.write(text, static_cast<std::streamsize>(size)); }
    std::ostream& stream() override { return stream_; }
    std::string str() const { return stream_.str(); }

private:
    std::ostringstream stream_;
};

// One character of a quoted literal: escapes for controls, the backslash and the quote;
// other bytes, UTF-8 included, as they are.
void append_escaped(std::string& out, char c, char quote) {
    switch (c) {
        case '\n': out += "\\n"; return;
        case '\t': out += "\\t"; return;
        case '\r': out += "\\r"; return;
        case '\\': out += "\\\\"; return;
        default: break;
    }
    if (c == quote) {
        out += '\\';
        out += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
        out += "\\x";
        append_hex(out, static_cast<unsigned char>(c), 2);
    } else {
        out += c;
    }
}

std::string quoted_text(const char* text, std::size_t size, char quote = '"') {
    std::string out(1, quote);
    for (std::size_t i = 0; i < size; ++i) append_escaped(out, text[i], quote);
    out += quote;
    return out;
}

namespace {

void write_string(Sink& sink, std::string_view text) { sink.write(text.data(), text.size()); }

// The code unit at `i`, copied out: the units may be wchar_t, which no other type may alias.
char32_t unit_at(const void* units, std::size_t unit_size, std::size_t i) {
    const auto* bytes = static_cast<const unsigned char*>(units) + i * unit_size;
    if (unit_size == 2) {
        char16_t unit;
        std::memcpy(&unit, bytes, sizeof unit);
        return unit;
    }
    char32_t unit;
    std::memcpy(&unit, bytes, sizeof unit);
    return unit;
}

// UTF-16 or UTF-32 as UTF-8; a lone surrogate or a value past U+10FFFF becomes U+FFFD.
std::string utf8_of(const void* units, std::size_t unit_size, std::size_t size) {
    std::string out;
    for (std::size_t i = 0; i < size; ++i) {
        char32_t c = unit_at(units, unit_size, i);
        if (unit_size == 2 && c >= 0xD800 && c <= 0xDBFF && i + 1 < size) {
            const char32_t low = unit_at(units, unit_size, i + 1);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                ++i;
            }
        }
        append_utf8(out, (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF ? replacement_character : c);
    }
    return out;
}

}  // namespace

void write_units(Sink& sink, const void* units, std::size_t unit_size, bool wide, std::size_t size, char quote) {
    const std::string utf8 =
        unit_size == 1 ? std::string(static_cast<const char*>(units), size) : utf8_of(units, unit_size, size);
    write_text(sink, wide ? "L" : unit_size == 1 ? "u8" : unit_size == 2 ? "u" : "U");
    write_string(sink, quoted_text(utf8.data(), utf8.size(), quote));
}

void write_byte(Sink& sink, unsigned char value) {
    std::string text = "0x";
    append_hex(text, value, 2);
    write_string(sink, text);
}

// The standard's suffixes (C++20 [time.duration.io]), with `us` for microseconds.
void write_duration_unit(Sink& sink, long long num, long long den) {
    struct Unit {
        long long num, den;
        const char* suffix;
    };
    static constexpr Unit units[] = {{1, 1000000000000000000, "as"},
                                     {1, 1000000000000000, "fs"},
                                     {1, 1000000000000, "ps"},
                                     {1, 1000000000, "ns"},
                                     {1, 1000000, "us"},
                                     {1, 1000, "ms"},
                                     {1, 100, "cs"},
                                     {1, 10, "ds"},
                                     {1, 1, "s"},
                                     {10, 1, "das"},
                                     {100, 1, "hs"},
                                     {1000, 1, "ks"},
                                     {1000000, 1, "Ms"},
                                     {1000000000, 1, "Gs"},
                                     {1000000000000, 1, "Ts"},
                                     {1000000000000000, 1, "Ps"},
                                     {1000000000000000000, 1, "Es"},
                                     {60, 1, "min"},
                                     {3600, 1, "h"},
                                     {86400, 1, "d"}};
    for (const Unit& unit : units) {
        if (unit.num == num && unit.den == den) {
            write_text(sink, unit.suffix);
            return;
        }
    }
    write_text(sink, "[");
    write_signed(sink, num);
    if (den != 1) {
        write_text(sink, "/");
        write_signed(sink, den);
    }
    write_text(sink, "]s");
}

namespace {

long long floor_div(long long a, long long b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

struct CivilDate {
    long long year;
    unsigned month, day;
};

// Days since 1970-01-01 to a proleptic Gregorian date, counting in 400-year eras of 146097
// days whose years start in March, so that the leap day ends each year.
CivilDate civil_from_days(long long days) {
    const long long shifted = days + 719468;  // days from 0000-03-01
    const long long era = floor_div(shifted, 146097);
    const long long day_of_era = shifted - era * 146097;
    const long long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const long long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const long long march_month = (5 * day_of_year + 2) / 153;
    const unsigned day = static_cast<unsigned>(day_of_year - (153 * march_month + 2) / 5 + 1);
    const unsigned month = static_cast<unsigned>(march_month < 10 ? march_month + 3 : march_month - 9);
    return {year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

// Seconds since the epoch and nanoseconds past them, or false if they do not fit.
bool split_seconds(long long count, long long num, long long den, long long& seconds, long long& nanoseconds) {
    if (num == 1) {
        seconds = floor_div(count, den);
        const long long rest = count - seconds * den;
        nanoseconds = den <= 1000000000 ? rest * 1000000000 / den
                                        : static_cast<long long>(static_cast<long double>(rest) * 1e9L / den);
        return true;
    }
    if (den == 1) {
        if (count > LLONG_MAX / num || count < -(LLONG_MAX / num)) return false;
        seconds = count * num;
        nanoseconds = 0;
        return true;
    }
    const long double total = static_cast<long double>(count) * num / den;
    if (total > 9e18L || total < -9e18L) return false;
    seconds = static_cast<long long>(total);
    if (static_cast<long double>(seconds) > total) --seconds;
    nanoseconds = static_cast<long long>((total - static_cast<long double>(seconds)) * 1e9L);
    return true;
}

}  // namespace

void write_system_time(Sink& sink, long long count, long long num, long long den) {
    long long seconds = 0, nanoseconds = 0;
    if (!split_seconds(count, num, den, seconds, nanoseconds)) {
        write_signed(sink, count);
        write_duration_unit(sink, num, den);
        write_text(sink, " since epoch");
        return;
    }
    const long long days = floor_div(seconds, 86400);
    const long long second_of_day = seconds - days * 86400;
    const CivilDate date = civil_from_days(days);
    char text[96];
    int size = std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02lld:%02lld:%02lld", date.year, date.month,
                             date.day, second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60);
    // As many digits of the fraction as it needs, in steps of three.
    if (nanoseconds % 1000000000 != 0) {
        const int digits = nanoseconds % 1000000 == 0 ? 3 : nanoseconds % 1000 == 0 ? 6 : 9;
        const long long scaled = nanoseconds / (digits == 3 ? 1000000 : digits == 6 ? 1000 : 1);
        size += std::snprintf(text + size, sizeof text - static_cast<std::size_t>(size), ".%0*lld", digits, scaled);
    }
    sink.write(text, static_cast<std::size_t>(size));
    write_text(sink, "Z");
}

}  // namespace ctp::detail

#endif  // CTP_TEXT_VALUE_TEXT_HPP
