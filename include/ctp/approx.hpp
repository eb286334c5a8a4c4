#ifndef CTP_APPROX_HPP
#define CTP_APPROX_HPP

#include <iosfwd>       // ostream
#include <type_traits>  // is_arithmetic_v

#include "assertions.hpp"

namespace ctp {

namespace detail {

template <class T>
concept Arithmetic = std::is_arithmetic_v<T>;

constexpr double magnitude(double value) noexcept { return value < 0 ? -value : value; }

// Out of line, only reached on failure.
void near_failed(const AssertionSite& site, double lhs, double rhs, double tolerance);

}  // namespace detail

// A number that compares equal to values close to it: `x == ctp::Approx(0.3)` holds when
// |x - 0.3| <= margin or |x - 0.3| <= epsilon * (scale + max(|x|, |0.3|)). The defaults are
// doctest's: epsilon 100 float epsilons (about 1.19e-05), scale 1, and margin 0. NaN equals
// nothing; an infinity equals only itself. Operands of any arithmetic type compare as double.
class Approx {
public:
    template <detail::Arithmetic T>
    constexpr explicit Approx(T value) noexcept : value_(static_cast<double>(value)) {}

    // The same tolerances around another value: `auto near = Approx(0).epsilon(1e-3); near(2.0)`.
    template <detail::Arithmetic T>
    constexpr Approx operator()(T value) const noexcept {
        Approx other = *this;
        other.value_ = static_cast<double>(value);
        return other;
    }

    constexpr Approx& epsilon(double relative) noexcept {
        epsilon_ = relative;
        return *this;
    }
    constexpr Approx& margin(double absolute) noexcept {
        margin_ = absolute;
        return *this;
    }
    constexpr Approx& scale(double scale) noexcept {
        scale_ = scale;
        return *this;
    }

    constexpr double value() const noexcept { return value_; }
    constexpr double epsilon() const noexcept { return epsilon_; }
    constexpr double margin() const noexcept { return margin_; }
    constexpr double scale() const noexcept { return scale_; }

    constexpr bool equals(double other) const noexcept {
        if (other == value_) return true;
        const double larger =
            detail::magnitude(other) > detail::magnitude(value_) ? detail::magnitude(other) : detail::magnitude(value_);
        // Past the largest double: an infinity (against anything but itself), or NaN.
        if (!(larger <= 0x1.fffffffffffffp+1023)) return false;
        const double difference = detail::magnitude(other - value_);
        return difference <= margin_ || difference <= epsilon_ * (scale_ + larger);
    }

    // `==` also gives `Approx == x` and both `!=` (C++20 rewrites them).
    template <detail::Arithmetic T>
    friend constexpr bool operator==(T lhs, const Approx& rhs) noexcept {
        return rhs.equals(static_cast<double>(lhs));
    }
    template <detail::Arithmetic T>
    friend constexpr bool operator<=(T lhs, const Approx& rhs) noexcept {
        return static_cast<double>(lhs) < rhs.value_ || rhs.equals(static_cast<double>(lhs));
    }
    template <detail::Arithmetic T>
    friend constexpr bool operator<=(const Approx& lhs, T rhs) noexcept {
        return lhs.value_ < static_cast<double>(rhs) || lhs.equals(static_cast<double>(rhs));
    }
    template <detail::Arithmetic T>
    friend constexpr bool operator>=(T lhs, const Approx& rhs) noexcept {
        return static_cast<double>(lhs) > rhs.value_ || rhs.equals(static_cast<double>(lhs));
    }
    template <detail::Arithmetic T>
    friend constexpr bool operator>=(const Approx& lhs, T rhs) noexcept {
        return lhs.value_ > static_cast<double>(rhs) || lhs.equals(static_cast<double>(rhs));
    }
    template <detail::Arithmetic T>
    friend constexpr bool operator<(T lhs, const Approx& rhs) noexcept {
        return static_cast<double>(lhs) < rhs.value_ && !rhs.equals(static_cast<double>(lhs));
    }
    template <detail::Arithmetic T>
    friend constexpr bool operator<(const Approx& lhs, T rhs) noexcept {
        return lhs.value_ < static_cast<double>(rhs) && !lhs.equals(static_cast<double>(rhs));
    }
    template <detail::Arithmetic T>
    friend constexpr bool operator>(T lhs, const Approx& rhs) noexcept {
        return static_cast<double>(lhs) > rhs.value_ && !rhs.equals(static_cast<double>(lhs));
    }
    template <detail::Arithmetic T>
    friend constexpr bool operator>(const Approx& lhs, T rhs) noexcept {
        return lhs.value_ > static_cast<double>(rhs) && !lhs.equals(static_cast<double>(rhs));
    }

    // Prints `Approx(0.3, epsilon 1.1920929e-05, margin 0)` (and the scale when it is not 1).
    friend std::ostream& operator<<(std::ostream& out, const Approx& approx);

private:
    double value_;
    double epsilon_ = 0x1p-23 * 100;  // 100 float epsilons
    double margin_ = 0;
    double scale_ = 1;
};

}  // namespace ctp

namespace ctp::detail {

// |lhs - rhs| <= tolerance, or lhs == rhs (so that an infinity is near itself).
template <class L, class R, class T>
inline void check_near(const AssertionSite& site, const L& lhs, const R& rhs, const T& tolerance) {
    const double a = static_cast<double>(lhs), b = static_cast<double>(rhs), limit = static_cast<double>(tolerance);
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wfloat-equal"
#endif  // defined(__GNUC__)
    if (a == b || magnitude(a - b) <= limit) [[likely]]
        return;
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif  // defined(__GNUC__)
    near_failed(site, a, b, limit);
}

}  // namespace ctp::detail

#undef CTP_DETAIL_NEAR  // assertions.hpp's stand-in
#define CTP_DETAIL_NEAR(macro, fatal, lhs, rhs, ...)                     \
    do {                                                                 \
        CTP_DETAIL_SITE(macro, #lhs ", " #rhs ", " #__VA_ARGS__, fatal); \
        ::ctp::detail::check_near(ctp_site, lhs, rhs, __VA_ARGS__);      \
    } while (false)

#endif  // CTP_APPROX_HPP
