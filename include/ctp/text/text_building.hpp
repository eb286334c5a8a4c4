#ifndef CTP_TEXT_TEXT_BUILDING_HPP
#define CTP_TEXT_TEXT_BUILDING_HPP

#include <charconv>  // to_chars
#include <cstddef>   // size_t
#include <cstdint>   // uint64_t
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>

namespace ctp::detail {

// Joins text with one allocation, where `a + b + c` of std::strings makes a temporary at
// each `+`.
inline std::string concat(std::initializer_list<std::string_view> parts) {
    std::size_t size = 0;
    for (std::string_view part : parts) size += part.size();
    std::string text;
    text.reserve(size);
    for (std::string_view part : parts) text.append(part);
    return text;
}

inline void append(std::string& text, std::initializer_list<std::string_view> parts) {
    for (std::string_view part : parts) text.append(part);
}

// Short text (a number, a time) made without allocating; a string_view of it is valid as long
// as the ShortText, for a temporary the full expression. Longer text is cut to capacity - 1.
class ShortText {
public:
    static constexpr std::size_t capacity = 96;

    char* data() noexcept { return text_; }
    void resize(std::size_t size) noexcept { size_ = size < capacity ? size : capacity - 1; }
    operator std::string_view() const noexcept { return {text_, size_}; }
    friend std::ostream& operator<<(std::ostream& out, const ShortText& text) {
        return out.write(text.text_, static_cast<std::streamsize>(text.size_));
    }

private:
    char text_[capacity];
    std::size_t size_ = 0;
};

inline ShortText digits(std::uint64_t value) noexcept {
    ShortText text;
    text.resize(static_cast<std::size_t>(std::to_chars(text.data(), text.data() + ShortText::capacity, value).ptr -
                                         text.data()));
    return text;
}

}  // namespace ctp::detail

#endif  // CTP_TEXT_TEXT_BUILDING_HPP
