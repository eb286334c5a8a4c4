// Parameterized and typed tests: one test per value, or per type, each listed, selected,
// run and reported on its own. CTP_TEST_P and its ranges are in <ctp/parameterized.hpp>.
#define CTP_MAIN
#include <ctp/ctp.hpp>
#include <ctp/parameterized.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

int square(int x) { return x * x; }

std::string repeat(const std::string& piece, int count) {
    std::string text;
    for (int i = 0; i < count; ++i) text += piece;
    return text;
}

// `param` is the case's value, a const reference.
TEST_P(Math, squares_are_not_negative, ctp::values(-2, 0, 3)) { CHECK(square(param) >= 0); }

// Half-open, as Python's range: 0, 4, 8.
TEST_P(Math, multiples_of_four, ctp::range(0, 10, 4)) { CHECK(param % 4 == 0); }

// Every combination, as a std::tuple.
TEST_P(Text, repeats, ctp::combine(ctp::values(1, 3), ctp::values("ab", "c"))) {
    const auto& [count, piece] = param;
    CHECK(repeat(piece, count).size() == static_cast<std::size_t>(count) * std::string(piece).size());
}

// A container; braces with commas go in parentheses.
TEST_P(Text, four_letters, (std::vector<std::string>{"kiwi", "plum", "pear"})) { CHECK(param.size() == 4); }

struct Wallet : ctp::TestCase {
    void set_up() override { balance = 100; }
    int balance = 0;
};

// A fresh Wallet per case; the cases share Wallet's class hooks.
TEST_FP(Wallet, pays, ctp::values(10, 100)) {
    balance -= param;
    CHECK(balance >= 0);
}

// One test per type, named with the type as written.
TEST_T(Containers, start_empty, std::vector<int>, std::string, std::map<int, int>) { CHECK(TestType{}.empty()); }

template <class T>
struct Stack : ctp::TestCase {
    void set_up() override { items.resize(2); }
    std::vector<T> items;
};

// Stack<int>, then Stack<std::string>; the fixture's members through this->.
TEST_FT(Stack, holds_two, int, std::string) { CHECK(this->items.size() == 2); }

// $ ./11_parameterized -v
// Found 20 test(s).
// Math.squares_are_not_negative/0 [-2] ... ok (0.000s)
// Math.squares_are_not_negative/1 [0] ... ok (0.000s)
// Math.squares_are_not_negative/2 [3] ... ok (0.000s)
// Math.multiples_of_four/0 [0] ... ok (0.000s)
// Math.multiples_of_four/1 [4] ... ok (0.000s)
// Math.multiples_of_four/2 [8] ... ok (0.000s)
// Text.repeats/0 [{1, "ab"}] ... ok (0.000s)
// Text.repeats/1 [{1, "c"}] ... ok (0.000s)
// Text.repeats/2 [{3, "ab"}] ... ok (0.000s)
// Text.repeats/3 [{3, "c"}] ... ok (0.000s)
// Text.four_letters/0 ["kiwi"] ... ok (0.000s)
// Text.four_letters/1 ["plum"] ... ok (0.000s)
// Text.four_letters/2 ["pear"] ... ok (0.000s)
// Wallet.pays/0 [10] ... ok (0.000s)
// Wallet.pays/1 [100] ... ok (0.000s)
// Containers.start_empty<std::vector<int>> ... ok (0.000s)
// Containers.start_empty<std::string> ... ok (0.000s)
// Containers.start_empty<std::map<int, int>> ... ok (0.000s)
// Stack.holds_two<int> ... ok (0.000s)
// Stack.holds_two<std::string> ... ok (0.000s)
// ----------------------------------------------------------------------
// Ran 20 tests in 0.000s
//
// OK
//
// $ ./11_parameterized --list -k "[{3, "
// Text.repeats/2 [{3, "ab"}] [parallel]
// Text.repeats/3 [{3, "c"}] [parallel]
