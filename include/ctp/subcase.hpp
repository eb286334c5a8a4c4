#ifndef CTP_SUBCASE_HPP
#define CTP_SUBCASE_HPP

#include <cstddef>      // size_t
#include <type_traits>  // is_convertible_v

#include "test_info.hpp"      // CTP_DETAIL_CAT
#include "value_printer.hpp"  // text_length

namespace ctp::detail {

// Out of line: whether the running test enters the sub-case `name` in this entry, and that
// its scope ends.
bool enter_subcase(const char* name, std::size_t size, const char* file, int line);
void leave_subcase() noexcept;

// The scope of one CTP_SUBCASE: true when its body runs in this entry.
class SubcaseScope {
public:
    // A name is a C string, or anything with data() and size() (std::string, std::string_view).
    template <class Name>
    SubcaseScope(const Name& name, const char* file, int line) : entered_(enter(name, file, line)) {}
    SubcaseScope(const SubcaseScope&) = delete;
    SubcaseScope& operator=(const SubcaseScope&) = delete;
    ~SubcaseScope() {
        if (entered_) leave_subcase();
    }
    explicit operator bool() const noexcept { return entered_; }

private:
    template <class Name>
    static bool enter(const Name& name, const char* file, int line) {
        if constexpr (std::is_convertible_v<const Name&, const char*>) {
            const char* text = name;
            return enter_subcase(text, text != nullptr ? text_length(text) : 0, file, line);
        } else {
            return enter_subcase(name.data(), name.size(), file, line);
        }
    }

    bool entered_;
};

}  // namespace ctp::detail

// A sub-case of the running test: the test's body runs once per leaf path of its sub-cases,
// from the top each time, with a fresh fixture, entering one path's sub-cases.
//   CTP_TEST(Cart, totals) { Cart cart; CTP_SUBCASE("empty cart") { ... } CTP_SUBCASE("one item") { ... } }
#define CTP_SUBCASE(name) \
    if (const ::ctp::detail::SubcaseScope CTP_DETAIL_CAT(ctp_subcase_, __COUNTER__){name, __FILE__, __LINE__})

#endif  // CTP_SUBCASE_HPP
