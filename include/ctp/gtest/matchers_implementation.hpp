#ifndef CTP_GTEST_MATCHERS_IMPLEMENTATION_HPP
#define CTP_GTEST_MATCHERS_IMPLEMENTATION_HPP

// The out-of-line half of gtest/matchers.hpp: EXPECT_THAT's failure text, regular expressions
// (POSIX extended, as GoogleTest's on Linux), UnorderedElementsAre's pairing. Compiled once.

#include <cmath>  // isfinite
#include <iomanip>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <regex.h>  // regcomp, regexec

#include "../text/exception_text.hpp"
#include "matchers.hpp"

namespace ctp::detail::gtest {

CheckOutcome that_failure(const char* text, const std::type_info& type, const std::string& description,
                          const std::string& actual, const std::string& explanation) {
    std::string message = std::string("Value of: ") + text + "\nExpected: " + description + "\n  Actual: " + actual;
    // GoogleTest names the type only when the name is short or plain.
    const std::string name = type_name(type);
    if (name.size() <= 20 || name.find_first_of("<(") == std::string::npos) message += " (of type " + name + ")";
    if (!explanation.empty()) message += ", " + explanation;
    return failed(message);
}

bool regex_matches(const std::string& pattern, const char* text, std::size_t size, bool whole) {
    const std::string full = whole ? "^(" + pattern + ")$" : pattern;
    regex_t regex;
    if (regcomp(&regex, full.c_str(), REG_EXTENDED | REG_NOSUB) != 0) return false;
    const std::string subject(text, size);
    const bool matched = regexec(&regex, subject.c_str(), 0, nullptr, 0) == 0;
    regfree(&regex);
    return matched;
}

void print_count(std::ostream& os, std::size_t count) { os << count << (count == 1 ? " element" : " elements"); }

namespace {

// The largest set of element-matcher pairs, by augmenting paths tried in index order: the
// pairs GoogleTest reports.
class Pairing {
public:
    Pairing(const std::vector<char>& matrix, std::size_t elements, std::size_t matchers)
        : matrix_(matrix),
          matchers_(matchers),
          left_(elements, unused),
          right_(matchers, unused) {
        for (std::size_t element = 0; element < elements; ++element) {
            seen_.assign(matchers, 0);
            augment(element);
        }
    }

    std::vector<std::pair<std::size_t, std::size_t>> pairs() const {
        std::vector<std::pair<std::size_t, std::size_t>> result;
        for (std::size_t element = 0; element < left_.size(); ++element)
            if (left_[element] != unused) result.emplace_back(element, left_[element]);
        return result;
    }

private:
    static constexpr std::size_t unused = static_cast<std::size_t>(-1);

    bool augment(std::size_t element) {
        for (std::size_t matcher = 0; matcher < matchers_; ++matcher) {
            if (seen_[matcher] || !matrix_[element * matchers_ + matcher]) continue;
            seen_[matcher] = 1;
            if (right_[matcher] == unused || augment(right_[matcher])) {
                left_[element] = matcher;
                right_[matcher] = element;
                return true;
            }
        }
        return false;
    }

    const std::vector<char>& matrix_;
    std::size_t matchers_;
    std::vector<std::size_t> left_, right_;
    std::vector<char> seen_;
};

}  // namespace

bool unordered_match(const std::vector<char>& matrix, std::size_t elements, std::size_t matchers,
                     const std::vector<std::string>& printouts, const std::vector<std::string>& descriptions,
                     std::ostream* explain) {
    if (elements == 0 && matchers == 0) return true;
    if (elements != matchers) {
        if (explain != nullptr && elements != 0) *explain << "which has ", print_count(*explain, elements);
        return false;
    }
    // Matchers that match no element, then elements that no matcher matches.
    bool result = true;
    const char* separator = "where the following matchers don't match any elements:\n";
    for (std::size_t m = 0; m < matchers; ++m) {
        bool any = false;
        for (std::size_t e = 0; e < elements; ++e) any = any || matrix[e * matchers + m];
        if (any) continue;
        result = false;
        if (explain != nullptr) *explain << separator << "matcher #" << m << ": " << descriptions[m];
        separator = ",\n";
    }
    separator = "where the following elements don't match any matchers:\n";
    const char* outer = result ? "" : "\nand ";
    for (std::size_t e = 0; e < elements; ++e) {
        bool any = false;
        for (std::size_t m = 0; m < matchers; ++m) any = any || matrix[e * matchers + m];
        if (any) continue;
        result = false;
        if (explain != nullptr) *explain << outer << separator << "element #" << e << ": " << printouts[e];
        separator = ",\n";
        outer = "";
    }
    if (!result) return false;
    const auto pairs = Pairing(matrix, elements, matchers).pairs();
    if (pairs.size() < matchers) {
        if (explain != nullptr) {
            *explain << "where no permutation of the elements can satisfy all matchers, and the closest match is "
                     << pairs.size() << " of " << matchers << " matchers with the pairings:\n{";
            const char* comma = "";
            for (const auto& [e, m] : pairs) {
                *explain << comma << "\n  (element #" << e << ", matcher #" << m << ")";
                comma = ",";
            }
            *explain << "\n}";
        }
        return false;
    }
    if (explain != nullptr && pairs.size() > 1) {
        const char* lead = "where:\n";
        for (const auto& [e, m] : pairs) {
            *explain << lead << " - element #" << e << " is matched by matcher #" << m;
            lead = ",\n";
        }
    }
    return true;
}

void describe_near(std::ostream& os, double expected, double error, bool negated) {
    const std::streamsize precision = os.precision(std::numeric_limits<double>::digits10 + 2);
    os << (negated ? "isn't approximately " : "is approximately ") << expected
       << (negated ? " (absolute error > " : " (absolute error <= ") << error << ')';
    os.precision(precision);
}

void explain_near(std::ostream& os, double value, double expected) {
    if (!std::isfinite(value) || !std::isfinite(expected) || value == expected) return;
    std::ostringstream text;
    text << "which is " << value - expected << " from " << expected;
    os << text.str();
}

}  // namespace ctp::detail::gtest

#endif  // CTP_GTEST_MATCHERS_IMPLEMENTATION_HPP
