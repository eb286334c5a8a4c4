#ifndef CTP_VALUE_PRINTER_HPP
#define CTP_VALUE_PRINTER_HPP

#include <concepts>     // same_as, convertible_to
#include <cstddef>      // size_t, nullptr_t
#include <iosfwd>       // ostream
#include <type_traits>  // is_integral_v, is_enum_v, ...

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

constexpr std::size_t text_length(const char* text) noexcept {
    std::size_t size = 0;
    while (text[size] != '\0') ++size;
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
concept Range = requires(const T& value) {
    value.begin() != value.end();
    ++value.begin();
    *value.begin();
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

template <class T>
void print_value(Sink& sink, const T& value) {
    if constexpr (std::is_same_v<T, bool>) {
        write_bool(sink, value);
    } else if constexpr (std::is_same_v<T, char>) {
        write_char(sink, value);
    } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
        write_signed(sink, value);
    } else if constexpr (std::is_integral_v<T>) {
        write_unsigned(sink, value);
    } else if constexpr (std::is_floating_point_v<T>) {
        write_float(sink, value);
    } else if constexpr (std::is_same_v<T, std::nullptr_t>) {
        write_text(sink, "nullptr");
    } else if constexpr (std::is_array_v<T> && std::is_same_v<std::remove_cv_t<std::remove_extent_t<T>>, char>) {
        write_quoted(sink, value, text_length(value));
    } else if constexpr (std::is_same_v<std::remove_cv_t<T>, const char*> ||
                         std::is_same_v<std::remove_cv_t<T>, char*>) {
        if (value == nullptr) write_text(sink, "nullptr");
        else write_quoted(sink, value, text_length(value));
    } else if constexpr (CharSequence<T>) {
        write_quoted(sink, value.data(), value.size());
    } else if constexpr (Streamable<T>) {
        sink.stream() << value;
    } else if constexpr (std::is_enum_v<T>) {
        print_value(sink, static_cast<std::underlying_type_t<T>>(value));
    } else if constexpr (std::is_pointer_v<T> && std::is_object_v<std::remove_pointer_t<T>>) {
        write_pointer(sink, value);
    } else if constexpr (std::is_pointer_v<T> || std::is_member_pointer_v<T>) {
        write_text(sink, value ? "{function}" : "nullptr");
    } else if constexpr (Range<T>) {
        print_range(sink, value);
    } else {
        write_text(sink, "{?}");
    }
}

}  // namespace ctp::detail

#endif  // CTP_VALUE_PRINTER_HPP
