#ifndef CTP_VALUE_PRINTER_HPP
#define CTP_VALUE_PRINTER_HPP

#include <concepts>     // same_as, convertible_to
#include <cstddef>      // size_t, nullptr_t, byte
#include <iosfwd>       // ostream
#include <type_traits>  // is_integral_v, is_enum_v, ...

namespace ctp {

// Specialise to print a type of yours in failure messages; it wins over any operator<<.
// Give it either `static void print(std::ostream& out, const T& value)` (only your file needs
// <ostream>) or, as in Catch2 and doctest, `static std::string convert(const T& value)`.
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
// Other character types, as UTF-8 with their literal's prefix: u8"text", u'x', U"text", L"text".
void write_quoted(Sink& sink, const char8_t* text, std::size_t size);
void write_quoted(Sink& sink, const char16_t* text, std::size_t size);
void write_quoted(Sink& sink, const char32_t* text, std::size_t size);
void write_quoted(Sink& sink, const wchar_t* text, std::size_t size);
void write_char(Sink& sink, char8_t value);
void write_char(Sink& sink, char16_t value);
void write_char(Sink& sink, char32_t value);
void write_char(Sink& sink, wchar_t value);
void write_byte(Sink& sink, unsigned char value);
// A std::chrono duration's unit after its count: 12ms, 3s, 1min, 5[1/3]s.
void write_duration_unit(Sink& sink, long long num, long long den);
// A system_clock time point as UTC (2026-11-29T12:00:00.123Z), from its duration since epoch.
void write_system_time(Sink& sink, long long count, long long num, long long den);
// When the two differ: where, as extra lines (one text, or a line diff of multi-line text).
void write_text_difference(Sink& sink, const char* lhs, std::size_t lhs_size, const char* rhs,
                           std::size_t rhs_size);

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
concept PrintedByStringMaker = requires(std::ostream& os, const T& value) {
    StringMaker<T>::print(os, value);
};

template <class T>
concept CharSequence = requires(const T& value) {
    { value.data() } -> std::same_as<const char*>;
    { value.size() } -> std::convertible_to<std::size_t>;
};

template <class T>
concept ConvertedByStringMaker = requires(const T& value) {
    { StringMaker<T>::convert(value) } -> CharSequence;
};

template <class T>
concept CodeUnit = std::same_as<T, char8_t> || std::same_as<T, char16_t> || std::same_as<T, char32_t> ||
                   std::same_as<T, wchar_t>;

template <class T>
concept CodeUnitSequence = requires(const T& value) {
    requires CodeUnit<std::remove_cvref_t<decltype(*value.data())>>;
    { value.size() } -> std::convertible_to<std::size_t>;
};

template <class T>
concept Range = requires(const T& value) {
    value.begin() != value.end();
    ++value.begin();
    *value.begin();
};

// Standard types found by their members (and std::get, std::visit by argument-dependent
// lookup), so that a test file pays for none of their headers.
template <class T>
concept FilesystemPath = requires(const T& value) {
    value.u8string();
    value.root_name();
    value.lexically_normal();
};

template <class T>
concept Duration = requires(const T& value) {
    typename T::rep;
    T::period::num;
    T::period::den;
    { value.count() } -> std::same_as<typename T::rep>;
    T::zero();
};

template <class T>
concept TimePoint = Duration<typename T::duration> && requires(const T& value) {
    typename T::clock;
    { value.time_since_epoch() } -> std::same_as<typename T::duration>;
};

// Only the system clock converts to time_t.
template <class Clock>
concept SystemClock = requires(const typename Clock::time_point& time) {
    Clock::to_time_t(time);
};

template <class T>
concept SmartPointer = requires(const T& value) {
    typename T::element_type;
    { value.get() } -> std::convertible_to<const volatile void*>;
};

template <class T>
concept Optional = requires(const T& value) {
    typename T::value_type;
    { value.has_value() } -> std::same_as<bool>;
    *value;
} && !requires(const T& value) { value.error(); };

template <class T>
concept Variant = requires(const T& value) {
    { value.index() } -> std::convertible_to<std::size_t>;
    { value.valueless_by_exception() } -> std::same_as<bool>;
};

template <class T>
concept ReferenceWrapper = std::is_convertible_v<const T&, typename T::type&> && requires(const T& value) {
    { value.get() } -> std::same_as<typename T::type&>;
};

// std::nullopt_t: the empty standard type that cannot be made without its constant.
template <class T>
concept NulloptLike = std::is_class_v<T> && std::is_empty_v<T> && !std::is_default_constructible_v<T>;

template <std::size_t... I>
struct Indices {};
template <std::size_t N, std::size_t... I>
struct MakeIndices : MakeIndices<N - 1, N - 1, I...> {};
template <std::size_t... I>
struct MakeIndices<0, I...> {
    using type = Indices<I...>;
};

// How many types a std::tuple or std::pair holds, without <tuple>'s tuple_size.
template <class T>
struct TypeArity {
    static constexpr std::size_t value = 0;
};
template <template <class...> class Template, class... Types>
struct TypeArity<Template<Types...>> {
    static constexpr std::size_t value = sizeof...(Types);
};

template <class T, std::size_t... I>
constexpr bool gettable(Indices<I...>) {
    return requires(const T& value) { ((void)get<I>(value), ...); };
}

template <class T>
concept TupleLike = TypeArity<T>::value > 0 && gettable<T>(typename MakeIndices<TypeArity<T>::value>::type{});

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

template <class T, std::size_t... I>
void print_tuple(Sink& sink, const T& tuple, Indices<I...>) {
    write_text(sink, "{");
    ((write_text(sink, I == 0 ? "" : ", "), print_value(sink, get<I>(tuple))), ...);
    write_text(sink, "}");
}

template <class T>
void print_time_point(Sink& sink, const T& time) {
    using Period = typename T::duration::period;
    const auto since_epoch = time.time_since_epoch();
    if constexpr (SystemClock<typename T::clock> && std::is_integral_v<typename T::rep>) {
        write_system_time(sink, since_epoch.count(), Period::num, Period::den);
    } else {
        print_value(sink, since_epoch);
        write_text(sink, " since epoch");
    }
}

template <class T>
void print_value(Sink& sink, const T& value) {
    if constexpr (PrintedByStringMaker<T>) {
        StringMaker<T>::print(sink.stream(), value);
    } else if constexpr (ConvertedByStringMaker<T>) {
        const auto text = StringMaker<T>::convert(value);
        sink.write(text.data(), text.size());
    } else if constexpr (std::is_same_v<T, bool>) {
        write_bool(sink, value);
    } else if constexpr (std::is_same_v<T, char> || CodeUnit<T>) {
        write_char(sink, value);
    } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
        write_signed(sink, value);
    } else if constexpr (std::is_integral_v<T>) {
        write_unsigned(sink, value);
    } else if constexpr (std::is_floating_point_v<T>) {
        write_float(sink, value);
    } else if constexpr (std::is_same_v<T, std::nullptr_t>) {
        write_text(sink, "nullptr");
    } else if constexpr (std::is_same_v<T, std::byte>) {
        write_byte(sink, static_cast<unsigned char>(value));
    } else if constexpr (std::is_array_v<T> && std::is_same_v<std::remove_cv_t<std::remove_extent_t<T>>, char>) {
        write_quoted(sink, value, text_length(value));
    } else if constexpr (std::is_array_v<T> && CodeUnit<std::remove_cv_t<std::remove_extent_t<T>>>) {
        write_quoted(sink, value, text_length(+value));
    } else if constexpr (std::is_pointer_v<T> && (std::is_same_v<std::remove_cv_t<std::remove_pointer_t<T>>, char> ||
                                                  CodeUnit<std::remove_cv_t<std::remove_pointer_t<T>>>)) {
        if (value == nullptr) write_text(sink, "nullptr");
        else write_quoted(sink, value, text_length(value));
    } else if constexpr (CharSequence<T> || CodeUnitSequence<T>) {
        write_quoted(sink, value.data(), value.size());
    } else if constexpr (FilesystemPath<T>) {
        // Before the ranges: a path iterates over paths.
        const auto text = value.u8string();
        write_quoted(sink, reinterpret_cast<const char*>(text.data()), text.size());
    } else if constexpr (Duration<T>) {
        print_value(sink, value.count());
        write_duration_unit(sink, T::period::num, T::period::den);
    } else if constexpr (TimePoint<T>) {
        print_time_point(sink, value);
    } else if constexpr (SmartPointer<T>) {
        // The standard's operator<< needs all of <ostream> in the test file.
        write_pointer(sink, value.get());
    } else if constexpr (Streamable<T>) {
        sink.stream() << value;
    } else if constexpr (std::is_enum_v<T>) {
        print_value(sink, static_cast<std::underlying_type_t<T>>(value));
    } else if constexpr (std::is_pointer_v<T> && std::is_object_v<std::remove_pointer_t<T>>) {
        write_pointer(sink, value);
    } else if constexpr (std::is_pointer_v<T>) {
        write_pointer(sink, reinterpret_cast<const void*>(value));
    } else if constexpr (std::is_member_pointer_v<T>) {
        write_text(sink, value ? "{member pointer}" : "nullptr");
    } else if constexpr (Optional<T>) {
        if (value.has_value()) print_value(sink, *value);
        else write_text(sink, "nullopt");
    } else if constexpr (Variant<T>) {
        if (value.valueless_by_exception()) write_text(sink, "{valueless}");
        else visit([&sink](const auto& alternative) { print_value(sink, alternative); }, value);
    } else if constexpr (ReferenceWrapper<T>) {
        print_value(sink, value.get());
    } else if constexpr (Range<T>) {
        print_range(sink, value);
    } else if constexpr (TupleLike<T>) {
        print_tuple(sink, value, typename MakeIndices<TypeArity<T>::value>::type{});
    } else if constexpr (NulloptLike<T>) {
        write_text(sink, "nullopt");
    } else if constexpr (std::is_empty_v<T>) {
        write_text(sink, "{}");
    } else {
        write_text(sink, "{?}");
    }
}

// Text that a failed == or != can show the difference of; data is null for a null pointer.
struct TextView {
    const char* data;
    std::size_t size;
};

template <class T>
concept Text = CharSequence<T> || std::is_same_v<T, const char*> || std::is_same_v<T, char*> ||
               (std::is_array_v<T> && std::is_same_v<std::remove_cv_t<std::remove_extent_t<T>>, char>);

template <Text T>
constexpr TextView text_view(const T& value) {
    if constexpr (CharSequence<T>) return {value.data(), value.size()};
    else if constexpr (std::is_array_v<T>) return {value, text_length(+value)};
    else return {value, value != nullptr ? text_length(value) : 0};
}

}  // namespace ctp::detail

#endif  // CTP_VALUE_PRINTER_HPP
