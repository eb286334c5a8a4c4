#ifndef CTP_VALUE_PRINTER_HPP
#define CTP_VALUE_PRINTER_HPP

#include <concepts>     // same_as, convertible_to
#include <cstddef>      // size_t, nullptr_t, byte
#include <iosfwd>       // ostream
#include <type_traits>  // is_integral_v, is_enum_v, ...

namespace ctp {

// Specialise with `static void print(std::ostream& out, const T& value)` to print a type of
// yours in failure messages (only your file needs <ostream>); it wins over any operator<<.
template <class T>
struct StringMaker {};

}  // namespace ctp

namespace ctp::detail {

// Where a failed assertion's operands are written. Implemented once, in the runner, so a
// test file needs neither <string> nor <ostream> to print values.
class Sink {
public:
    virtual void write(const char* text, std::size_t size) = 0;
    virtual std::ostream& stream() = 0;

protected:
    ~Sink() = default;
};

void write_text(Sink& sink, const char* text);
void write_quoted(Sink& sink, const char* text, std::size_t size);
void write_bool(Sink& sink, bool value);
void write_char(Sink& sink, char value);
void write_signed(Sink& sink, long long value);
void write_unsigned(Sink& sink, unsigned long long value);
void write_float(Sink& sink, float value);
void write_float(Sink& sink, double value);
void write_float(Sink& sink, long double value);
void write_pointer(Sink& sink, const volatile void* value);
// char8_t, char16_t, char32_t or wchar_t text (`quote` '"') or character ('\''), as UTF-8
// with its literal's prefix: u8"text", u'x', U"text", L"text".
void write_units(Sink& sink, const void* units, std::size_t unit_size, bool wide, std::size_t size, char quote);
void write_byte(Sink& sink, unsigned char value);
// A std::chrono duration's unit after its count: 12ms, 3s, 1min, 5[1/3]s.
void write_duration_unit(Sink& sink, long long num, long long den);
// A system_clock time point as UTC (2026-11-29T12:00:00.123Z), from its duration since epoch.
void write_system_time(Sink& sink, long long count, long long num, long long den);
// Where two texts differ, as extra lines: around the first difference, or a line diff.
void write_text_difference(Sink& sink, const char* lhs, std::size_t lhs_size, const char* rhs, std::size_t rhs_size);
// A range's sizes if they differ and, if it is `ordered`, the start of its first difference's
// line, for its elements to follow; false when there is nothing to say.
bool write_range_difference(Sink& sink, std::size_t index, std::size_t lhs_size, std::size_t rhs_size, bool ordered);

template <class Unit>
constexpr std::size_t text_length(const Unit* text) noexcept {
    std::size_t size = 0;
    while (text[size] != Unit()) ++size;
    return size;
}

template <class T>
concept Streamable = requires(std::ostream& os, const T& value) {
    os << value;
};

template <class T>
concept CharSequence = requires(const T& value) {
    { value.data() } -> std::same_as<const char*>;
    { value.size() } -> std::convertible_to<std::size_t>;
};

template <class T>
concept CodeUnit = std::is_same_v<T, char8_t> || std::is_same_v<T, char16_t> || std::is_same_v<T, char32_t> ||
    std::is_same_v<T, wchar_t>;

// A C string, or an array of characters, of any character type.
template <class T>
concept TextPointer = (std::is_array_v<T> || std::is_pointer_v<T>)&&(
    std::is_same_v<std::remove_cv_t<std::remove_pointer_t<std::remove_extent_t<T>>>, char> ||
    CodeUnit<std::remove_cv_t<std::remove_pointer_t<std::remove_extent_t<T>>>>);

template <class T>
concept Range = requires(const T& value, decltype(value.begin()) it) {
    it != value.end();
    ++it;
    *it;
};

template <class T>
void print_value(Sink& sink, const T& value);

template <class T>
void print_range(Sink& sink, const T& range) {
    write_text(sink, "{");
    bool first = true;
    for (const auto& element : range) {
        if (!first) write_text(sink, ", ");
        first = false;
        print_value(sink, element);
    }
    write_text(sink, "}");
}

// A std::pair or std::tuple, by std::get found by argument-dependent lookup.
template <std::size_t I = 0, template <class...> class Tuple, class... Types>
void print_elements(Sink& sink, const Tuple<Types...>& tuple) {
    write_text(sink, I == 0 ? "{" : ", ");
    print_value(sink, get<I>(tuple));
    if constexpr (I + 1 < sizeof...(Types)) print_elements<I + 1>(sink, tuple);
    else write_text(sink, "}");
}

// Standard types are recognised by their members, so that a test file pays for none of
// their headers. Those without a stream operator come last, in print_object.
template <class T>
void print_object(Sink& sink, const T& value) {
    if constexpr (
        requires {
            value.has_value();
            *value;
        } &&
        !requires { value.error(); }) {
        if (value.has_value()) print_value(sink, *value);
        else write_text(sink, "nullopt");
    } else if constexpr (requires { value.valueless_by_exception(); }) {
        if (value.valueless_by_exception()) write_text(sink, "{valueless}");
        else visit([&sink](const auto& alternative) { print_value(sink, alternative); }, value);
    } else if constexpr (Range<T>) {
        print_range(sink, value);
    } else if constexpr (requires {
                             get<0>(value);
                             print_elements(sink, value);
                         }) {
        print_elements(sink, value);
    } else if constexpr (std::is_empty_v<T>) {
        // std::nullopt_t is the empty standard type that cannot be made without its constant.
        write_text(sink, std::is_default_constructible_v<T> ? "{}" : "nullopt");
    } else {
        write_text(sink, "{?}");
    }
}

// Class types and enums (split from print_value: long chains of if constexpr compile slowly).
template <class T>
void print_class(Sink& sink, const T& value) {
    if constexpr (requires { StringMaker<T>::print(sink.stream(), value); }) {
        StringMaker<T>::print(sink.stream(), value);
    } else if constexpr (CharSequence<T>) {
        write_quoted(sink, value.data(), value.size());
    } else if constexpr (requires { requires CodeUnit<std::remove_cvref_t<decltype(*value.data())>>; }) {
        using U = std::remove_cvref_t<decltype(*value.data())>;
        write_units(sink, value.data(), sizeof(U), std::is_same_v<U, wchar_t>, value.size(), '"');
    } else if constexpr (std::is_same_v<T, std::byte>) {
        write_byte(sink, static_cast<unsigned char>(value));
    } else if constexpr (requires { value.lexically_normal(); }) {
        // std::filesystem::path, before the ranges: a path iterates over paths.
        const auto text = value.u8string();
        write_quoted(sink, reinterpret_cast<const char*>(text.data()), text.size());
    } else if constexpr (requires {
                             T::period::den;
                             value.count();
                         }) {
        print_value(sink, value.count());
        write_duration_unit(sink, T::period::num, T::period::den);
    } else if constexpr (requires {
                             &T::clock::to_time_t;
                             requires std::is_integral_v<typename T::rep>;
                         }) {
        using P = typename T::period;
        write_system_time(sink, value.time_since_epoch().count(), P::num, P::den);
    } else if constexpr (requires { value.time_since_epoch(); }) {
        print_value(sink, value.time_since_epoch());
        write_text(sink, " since epoch");
    } else if constexpr (requires {
                             typename T::element_type;
                             write_pointer(sink, value.get());
                         }) {
        // Smart pointers: the standard's operator<< needs all of <ostream> in the test file.
        write_pointer(sink, value.get());
    } else if constexpr (Streamable<T>) {
        sink.stream() << value;
    } else if constexpr (std::is_enum_v<T>) {
        print_value(sink, static_cast<std::underlying_type_t<T>>(value));
    } else {
        print_object(sink, value);
    }
}

template <class T>
void print_value(Sink& sink, const T& value) {
    if constexpr (std::is_same_v<T, bool>) {
        write_bool(sink, value);
    } else if constexpr (std::is_same_v<T, char>) {
        write_char(sink, value);
    } else if constexpr (CodeUnit<T>) {
        write_units(sink, &value, sizeof(T), std::is_same_v<T, wchar_t>, 1, '\'');
    } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
        write_signed(sink, value);
    } else if constexpr (std::is_integral_v<T>) {
        write_unsigned(sink, value);
    } else if constexpr (std::is_floating_point_v<T>) {
        write_float(sink, value);
    } else if constexpr (TextPointer<T>) {
        using E = std::remove_cv_t<std::remove_pointer_t<std::remove_extent_t<T>>>;
        const E* text = value;
        if (text == nullptr) write_text(sink, "nullptr");
        else if constexpr (CodeUnit<E>)
            write_units(sink, text, sizeof(E), std::is_same_v<E, wchar_t>, text_length(text), '"');
        else write_quoted(sink, text, text_length(text));
    } else if constexpr (std::is_null_pointer_v<T> ||
                         (std::is_pointer_v<T> && std::is_object_v<std::remove_pointer_t<T>>)) {
        write_pointer(sink, value);
    } else if constexpr (std::is_pointer_v<T>) {
        write_pointer(sink, reinterpret_cast<const void*>(value));
    } else if constexpr (std::is_member_pointer_v<T>) {
        write_text(sink, value ? "{member pointer}" : "nullptr");
    } else {
        print_class(sink, value);
    }
}

// Text whose difference a failed == or != shows; data is null for a null pointer.
struct TextView {
    const char* data;
    std::size_t size;
};

template <class T>
concept TextOperand = CharSequence<T> || requires(const T& value) {
    static_cast<const char*>(value);
};

template <TextOperand T>
constexpr TextView text_view(const T& value) {
    if constexpr (CharSequence<T>) {
        return {value.data(), value.size()};
    } else {
        const char* text = value;
        return {text, text != nullptr ? text_length(text) : 0};
    }
}

}  // namespace ctp::detail

#endif  // CTP_VALUE_PRINTER_HPP
