// Assertions that say why: approximate numbers, context, messages, warnings, exception text,
// matchers, printing and diffs. The Cart tests pass. The Why tests fail on purpose, one per
// kind of failure, to show what each one prints: run them with -k 'Why.*'.
#define CTP_MAIN
#include <ctp/approx.hpp>  // ctp::Approx, CTP_CHECK_NEAR
#include <ctp/ctp.hpp>
#include <ctp/matchers.hpp>        // CTP_CHECK_THAT, the matchers, CTP_CHECK_THROWS_WITH...
#include <ctp/matchers_regex.hpp>  // ctp::matches_regex, apart: it costs <regex>

#include <chrono>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace {

struct Item {
    std::string name;
    int cents;
    bool operator==(const Item&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Item& item) { return out << item.name << " @ " << item.cents; }

class Cart {
public:
    void add(Item item) { items_.push_back(std::move(item)); }
    double total() const {
        double sum = 0;
        for (const Item& item : items_) sum += item.cents / 100.0;
        return sum;
    }
    double average() const { return items_.empty() ? 0 : total() / static_cast<double>(items_.size()); }
    const std::vector<Item>& items() const { return items_; }
    std::vector<std::string> names() const {
        std::vector<std::string> all;
        for (const Item& item : items_) all.push_back(item.name);
        return all;
    }
    int quantity(const std::string& code) const {
        if (code.empty()) throw std::invalid_argument("empty product code");
        return static_cast<int>(code.size());
    }

private:
    std::vector<Item> items_;
};

Cart three_items() {
    Cart cart;
    cart.add({"apple", 10});
    cart.add({"pear", 20});
    cart.add({"plum", 70});
    return cart;
}

}  // namespace

CTP_TEST(Cart, totals_are_approximately_right) {
    const Cart cart = three_items();
    CHECK(cart.total() == ctp::Approx(1.0));  // 0.1 + 0.2 + 0.7 is not exactly 1.0
    CHECK(cart.average() == ctp::Approx(0.33).epsilon(0.01));
    CHECK(cart.total() == ctp::Approx(1.004).margin(0.005));
    CHECK_NEAR(cart.average(), 1.0 / 3, 1e-9);
}

CTP_TEST(Cart, context_and_messages) {
    const Cart cart = three_items();
    INFO("cart of ", cart.items().size(), " items");
    for (const Item& item : cart.items()) {
        CAPTURE(item);
        CHECK_MESSAGE(item.cents > 0, "every item has a price, ", item.name, " too");
    }
    WARN(cart.total() < 100);  // a warning never fails the test
}

CTP_TEST(Cart, exceptions_say_what) {
    const Cart cart;
    CHECK_THROWS_WITH(cart.quantity(""), "empty product code");
    CHECK_THROWS_WITH_AS(cart.quantity(""), "empty product code", std::invalid_argument);
    CHECK_THROWS_AS(cart.quantity(""), const std::invalid_argument&);
    CHECK_THROWS_MATCHES(cart.quantity(""), std::invalid_argument, ctp::message(ctp::starts_with("empty")));
}

CTP_TEST(Cart, matchers) {
    const Cart cart = three_items();
    CHECK_THAT(cart.items().front().name, ctp::starts_with("app") && ctp::ends_with("le"));
    CHECK_THAT(cart.names(), ctp::contains("pear"));
    CHECK_THAT(cart.names(), ctp::unordered_elements_are("plum", "apple", "pear"));
    CHECK_THAT(cart.names(), ctp::each(!ctp::is_empty()));
    CHECK_THAT(cart.names(), ctp::size_is(3));
    CHECK_THAT(std::string("PEAR"), ctp::equals_ignoring_case("pear"));
    CHECK_THAT(std::string("SKU-0042"), ctp::matches_regex("SKU-[0-9]{4}"));
    CHECK_THAT(cart.total(), ctp::within_abs(1.0, 1e-9) || ctp::within_rel(1.0, 0.001));
}

CTP_TEST(Cart, pointers_compare_with_null) {
    const Cart cart = three_items();
    const Item* first = &cart.items().front();
    CHECK(first != nullptr);
    CHECK_FALSE(first == 0);
}

// Each of these fails on purpose.

CTP_TEST(Why, approx) {
    const Cart cart = three_items();
    CHECK(cart.total() == ctp::Approx(1.01));
}

CTP_TEST(Why, near) { CHECK_NEAR(three_items().average(), 0.3, 0.01); }

CTP_TEST(Why, message_and_context) {
    const Cart cart = three_items();
    INFO("cart of ", cart.items().size(), " items");
    for (const Item& item : cart.items()) {
        CAPTURE(item.name, item.cents);
        CHECK_MESSAGE(item.cents < 50, "too dear: ", item);
    }
}

CTP_TEST(Why, warning) {
    WARN(three_items().total() > 2);
    CHECK(true);
}

CTP_TEST(Why, throws_with) {
    const Cart cart;
    CHECK_THROWS_WITH(cart.quantity(""), "no product code");
    CHECK_THROWS_WITH_AS(cart.quantity(""), "empty product code", std::out_of_range);
    CHECK_THROWS_MATCHES(cart.quantity(""), std::invalid_argument, ctp::message(ctp::contains("price")));
}

CTP_TEST(Why, matcher) {
    CHECK_THAT(std::string("hello world"), ctp::starts_with("world"));
    CHECK_THAT(three_items().names(), ctp::contains("kiwi") || ctp::size_is(4));
}

CTP_TEST(Why, printing) {
    const std::optional<int> stock;
    const std::map<std::string, std::chrono::milliseconds> delays{{"pear", std::chrono::milliseconds(120)}};
    CHECK(stock == 3);
    CHECK(delays == std::map<std::string, std::chrono::milliseconds>{{"pear", std::chrono::milliseconds(100)}});
    CHECK(std::make_tuple(1, "two", 3.5) == std::make_tuple(1, "two", 4.5));
}

CTP_TEST(Why, text_difference) {
    const std::string receipt = "apple 0.10, pear 0.20, plum 0.70, total 1.00 EUR";
    CHECK(receipt == "apple 0.10, pear 0.20, plum 0.75, total 1.05 EUR");
}

CTP_TEST(Why, line_difference) {
    const std::string receipt = "apple 0.10\npear 0.20\nplum 0.70\n";
    CHECK(receipt == "apple 0.10\npear 0.25\nplum 0.70\nkiwi 0.30\n");
}

CTP_TEST(Why, range_difference) { CHECK(three_items().names() == std::vector<std::string>{"apple", "plum", "pear"}); }

// $ ./09_assertions --parallel 2 -k 'Cart.*'
// Found 5 test(s).
// Running 5 regular tests in parallel...
// ----------------------------------------------------------------------
// Ran 5 tests in 0.002s
//
// OK
//
// $ ./09_assertions -k 'Why.*'  (exit code 1)
// Found 10 test(s).
// ======================================================================
// FAIL: Why.approx
// ----------------------------------------------------------------------
// 09_assertions.cpp:111: error: CHECK(cart.total() == ctp::Approx(1.01)) failed with 1 == Approx(1.01, epsilon 1.1920929e-05, margin 0)
//
// ======================================================================
// FAIL: Why.near
// ----------------------------------------------------------------------
// 09_assertions.cpp:114: error: CHECK_NEAR(three_items().average(), 0.3, 0.01) failed with |0.3333333333333333 - 0.3| = 0.033333333333333326, tolerance 0.01
//
// ======================================================================
// FAIL: Why.message_and_context
// ----------------------------------------------------------------------
// 09_assertions.cpp:121: error: CHECK_MESSAGE(item.cents < 50) failed with 70 < 50
//   message: too dear: plum @ 70
//   info: cart of 3 items
//   info: item.name := "plum"
//   info: item.cents := 70
//
// ======================================================================
// WARNING: Why.warning
// ----------------------------------------------------------------------
// 09_assertions.cpp:126: warning: WARN(three_items().total() > 2) failed with 1 > 2
//
// ======================================================================
// FAIL: Why.throws_with
// ----------------------------------------------------------------------
// 09_assertions.cpp:132: error: CHECK_THROWS_WITH(cart.quantity(""), "no product code") failed: exception std::invalid_argument has message "empty product code", which is not "no product code"
// 09_assertions.cpp:133: error: CHECK_THROWS_WITH_AS(cart.quantity(""), "empty product code", std::out_of_range) threw another type: std::invalid_argument: empty product code
// 09_assertions.cpp:134: error: CHECK_THROWS_MATCHES(cart.quantity(""), std::invalid_argument, ctp::message(ctp::contains("price"))) failed: exception std::invalid_argument has message "empty product code", which does not contain "price"
//
// ======================================================================
// FAIL: Why.matcher
// ----------------------------------------------------------------------
// 09_assertions.cpp:138: error: CHECK_THAT(std::string("hello world"), ctp::starts_with("world")) failed: value "hello world" does not start with "world"
// 09_assertions.cpp:139: error: CHECK_THAT(three_items().names(), ctp::contains("kiwi") || ctp::size_is(4)) failed: value {"apple", "pear", "plum"} does not contain "kiwi" and has size 3, not 4
//
// ======================================================================
// FAIL: Why.printing
// ----------------------------------------------------------------------
// 09_assertions.cpp:145: error: CHECK(stock == 3) failed with nullopt == 3
// 09_assertions.cpp:146: error: CHECK(delays == std::map<std::string, std::chrono::milliseconds>{{"pear", std::chrono::milliseconds(100)}}) failed with {{"pear", 120ms}} == {{"pear", 100ms}}
//   first difference at index 0: {"pear", 120ms} vs {"pear", 100ms}
// 09_assertions.cpp:147: error: CHECK(std::make_tuple(1, "two", 3.5) == std::make_tuple(1, "two", 4.5)) failed with {1, "two", 3.5} == {1, "two", 4.5}
//
// ======================================================================
// FAIL: Why.text_difference
// ----------------------------------------------------------------------
// 09_assertions.cpp:152: error: CHECK(receipt == "apple 0.10, pear 0.20, plum 0.75, total 1.05 EUR") failed with "apple 0.10, pear 0.20, plum 0.70, total 1.00 EUR" == "apple 0.10, pear 0.20, plum 0.75, total 1.05 EUR"
//   first difference at index 31:
//     ..." pear 0.20, plum 0.70, total 1.00 EUR"
//     ..." pear 0.20, plum 0.75, total 1.05 EUR"
//                             ^
//
// ======================================================================
// FAIL: Why.line_difference
// ----------------------------------------------------------------------
// 09_assertions.cpp:157: error: CHECK(receipt == "apple 0.10\npear 0.25\nplum 0.70\nkiwi 0.30\n") failed with "apple 0.10\npear 0.20\nplum 0.70\n" == "apple 0.10\npear 0.25\nplum 0.70\nkiwi 0.30\n"
//   lines that differ (- lhs, + rhs):
//   line 2: - "pear 0.20"
//   line 2: + "pear 0.25"
//   line 4: + "kiwi 0.30"
//
// ======================================================================
// FAIL: Why.range_difference
// ----------------------------------------------------------------------
// 09_assertions.cpp:160: error: CHECK(three_items().names() == std::vector<std::string>{"apple", "plum", "pear"}) failed with {"apple", "pear", "plum"} == {"apple", "plum", "pear"}
//   first difference at index 1: "pear" vs "plum"
//
// ----------------------------------------------------------------------
// Ran 10 tests in 0.000s
//
// FAILED (failures=9, warnings=1)
