#ifndef CTP_GTEST_PRINTING_HPP
#define CTP_GTEST_PRINTING_HPP

// How GoogleTest prints values in failure messages and testing::PrintToString: a PrintTo found
// by argument-dependent lookup wins, then containers as `{ 1, 2 }`, pointers, streamable
// values, and the bytes of anything else. Out-of-line half in printing_implementation.hpp.

#include <cstddef>  // size_t, nullptr_t
#include <ostream>
#include <string>
#include <type_traits>

namespace ctp::detail::gtest {

// Out of line.
void print_char(std::ostream& os, int code, bool is_signed);              // 'a' (97, 0x61)
void print_wide_char(std::ostream& os, unsigned long code, int kind);     // L'x' (120, 0x78), U+0061
void print_quoted(std::ostream& os, const char* text, std::size_t size);  // "a\n"
// wchar_t (kind 0), char16_t (1), char32_t (2) text: L"...", u"...", U"...".
void print_wide_quoted(std::ostream& os, const void* units, std::size_t size, int kind);
void print_pointer(std::ostream& os, const volatile void* pointer);  // NULL or the address
void print_bytes(std::ostream& os, const unsigned char* bytes, std::size_t size);

template <class T>
void print(std::ostream& os, const T& value);

// Out of line: a C string as GoogleTest prints it inside containers and matcher texts.
void print_text_pointer(std::ostream& os, const char* text);

// Elements, and the values in matcher texts: a C string shows its address too.
template <class T>
void print_universal(std::ostream& os, const T& value) {
    if constexpr (std::is_same_v<T, const char*> || std::is_same_v<T, char*>) print_text_pointer(os, value);
    else print(os, value);
}

// Only what argument-dependent lookup finds: a user's PrintTo for a type of theirs.
void PrintTo() = delete;
template <class T>
concept HasPrintTo = requires(const T& value, std::ostream* os) {
    PrintTo(value, os);
};

template <class T>
concept Streamable = requires(std::ostream& os, const T& value) {
    os << value;
};

// std::string, std::string_view and their kind; not a std::vector<char>.
template <class T>
concept CharSequence = requires(const T& value) {
    typename T::traits_type;
    { value.data() } -> std::same_as<const char*>;
    value.size();
};

template <class T>
concept Container = requires(const T& value) {
    typename T::const_iterator;
    value.begin();
    value.end();
}
&&!std::is_same_v<std::remove_cvref_t<decltype(*std::declval<const T&>().begin())>, T>;

template <class C>
constexpr int wide_kind() {
    return std::is_same_v<C, wchar_t> ? 0 : std::is_same_v<C, char16_t> ? 1 : 2;
}

template <class C>
constexpr bool is_wide = std::is_same_v<C, wchar_t> || std::is_same_v<C, char16_t> || std::is_same_v<C, char32_t>;

template <class Iterator>
void print_elements(std::ostream& os, Iterator it, Iterator end) {
    if (it == end) {
        os << "{}";
        return;
    }
    os << '{';
    for (std::size_t count = 0; it != end; ++it, ++count) {
        if (count == 32) {  // GoogleTest's limit
            os << ", ...";
            break;
        }
        os << (count == 0 ? " " : ", ");
        print_universal(os, *it);
    }
    os << " }";
}

template <std::size_t I, template <class...> class Tuple, class... Types>
void print_tuple(std::ostream& os, const Tuple<Types...>& tuple) {
    if constexpr (I < sizeof...(Types)) {
        if (I != 0) os << ", ";
        print_universal(os, get<I>(tuple));
        print_tuple<I + 1>(os, tuple);
    }
}

template <class T>
void print_class(std::ostream& os, const T& value) {
    if constexpr (CharSequence<T>) {
        print_quoted(os, value.data(), value.size());
    } else if constexpr (requires {
                             typename T::traits_type;
                             requires is_wide<std::remove_cvref_t<decltype(*value.data())>>;
                         }) {
        using C = std::remove_cvref_t<decltype(*value.data())>;
        print_wide_quoted(os, value.data(), value.size(), wide_kind<C>());
    } else if constexpr (Container<T>) {
        print_elements(os, value.begin(), value.end());
    } else if constexpr (
        requires {
            get<0>(value);
            print_tuple<0>(os, value);
        } &&
        !requires { value.index(); }) {
        os << '(';
        print_tuple<0>(os, value);
        os << ')';
    } else if constexpr (
        requires {
            value.has_value();
            *value;
        } &&
        !requires { value.error(); } && !Streamable<T>) {
        if (value.has_value()) {
            os << '(';
            print_universal(os, *value);
            os << ')';
        } else {
            os << "(nullopt)";
        }
    } else if constexpr (Streamable<T>) {
        os << value;
    } else {
        print_bytes(os, reinterpret_cast<const unsigned char*>(&value), sizeof(T));
    }
}

template <class T>
void print(std::ostream& os, const T& value) {
    if constexpr (HasPrintTo<T>) {
        PrintTo(value, &os);
    } else if constexpr (std::is_same_v<T, bool>) {
        os << (value ? "true" : "false");
    } else if constexpr (std::is_same_v<T, char>) {
        print_char(os, static_cast<unsigned char>(value), false);
    } else if constexpr (std::is_same_v<T, signed char> || std::is_same_v<T, unsigned char>) {
        print_char(os, value, std::is_same_v<T, signed char>);
    } else if constexpr (is_wide<T>) {
        print_wide_char(os, static_cast<unsigned long>(value), wide_kind<T>());
    } else if constexpr (std::is_null_pointer_v<T>) {
        os << "(nullptr)";
    } else if constexpr (std::is_array_v<T>) {
        using E = std::remove_cv_t<std::remove_extent_t<T>>;
        constexpr std::size_t size = std::extent_v<T>;
        // A text literal without its terminating zero; any other array as a container.
        if constexpr (std::is_same_v<E, char>) {
            print_quoted(os, value, size > 0 && value[size - 1] == '\0' ? size - 1 : size);
        } else if constexpr (is_wide<E>) {
            print_wide_quoted(os, value, size > 0 && value[size - 1] == E() ? size - 1 : size, wide_kind<E>());
        } else {
            print_elements(os, value + 0, value + size);
        }
    } else if constexpr (std::is_pointer_v<T>) {
        using E = std::remove_cv_t<std::remove_pointer_t<T>>;
        if constexpr (std::is_same_v<E, char> || is_wide<E>) {
            if (value == nullptr) {
                os << "NULL";
            } else {
                std::size_t size = 0;
                while (value[size] != E()) ++size;
                if constexpr (std::is_same_v<E, char>) print_quoted(os, value, size);
                else print_wide_quoted(os, value, size, wide_kind<E>());
            }
        } else if constexpr (std::is_object_v<E> || std::is_void_v<E>) {
            print_pointer(os, value);
        } else {
            print_pointer(os, reinterpret_cast<const void*>(value));
        }
    } else if constexpr (std::is_arithmetic_v<T>) {
        os << value;
    } else if constexpr (std::is_class_v<T> || std::is_union_v<T>) {
        print_class(os, value);
    } else if constexpr (Streamable<T>) {
        os << value;  // unscoped enums, as their number
    } else {
        print_bytes(os, reinterpret_cast<const unsigned char*>(&value), sizeof(T));
    }
}

// The same, through a pointer: what the out-of-line failure paths call.
template <class T>
void print_erased(std::ostream& os, const void* value) {
    print(os, *static_cast<const T*>(value));
}

using Printer = void (*)(std::ostream& os, const void* value);

// Out of line: a value printed by `printer` into a string.
std::string printed(Printer printer, const void* value);

}  // namespace ctp::detail::gtest

namespace testing {

template <class T>
std::string PrintToString(const T& value) {
    return ::ctp::detail::gtest::printed(&::ctp::detail::gtest::print_erased<T>, &value);
}

namespace internal {

// What GoogleTest users reach for in their own PrintTo overloads.
template <class T>
void UniversalPrint(const T& value, std::ostream* os) {
    ::ctp::detail::gtest::print(*os, value);
}

}  // namespace internal

}  // namespace testing

#endif  // CTP_GTEST_PRINTING_HPP
