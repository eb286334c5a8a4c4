// Sub-cases: one test body that runs once per leaf path of its SUBCASEs, each time from the
// top and with a fresh fixture, so that each path starts from the same cart. The Cart tests
// pass; Why.coupon fails on purpose, to show that a failure names its path: run it with
// -k 'Why.*'.
#define CTP_MAIN
#include <ctp/ctp.hpp>

#include <string>
#include <vector>

namespace {

class Cart {
public:
    void add(int cents) { prices_.push_back(cents); }
    void apply_coupon(int cents) { coupon_ = cents; }
    int total() const {
        int sum = 0;
        for (int cents : prices_) sum += cents;
        return sum > coupon_ ? sum - coupon_ : 0;  // never below zero
    }

private:
    std::vector<int> prices_;
    int coupon_ = 0;
};

struct CartTest : ctp::TestCase {
    Cart cart;  // made again for each path, as are set_up and tear_down around it
};

}  // namespace

// Four paths: empty cart / with coupon, empty cart / without coupon, one item / ...
TEST_F(CartTest, totals) {
    SUBCASE("empty cart") {
        SUBCASE("with coupon") {
            cart.apply_coupon(50);
            CHECK(cart.total() == 0);
        }
        SUBCASE("without coupon") { CHECK(cart.total() == 0); }
    }
    SUBCASE("one item") {
        cart.add(120);
        SUBCASE("with coupon") {
            cart.apply_coupon(50);
            CHECK(cart.total() == 70);
        }
        SUBCASE("without coupon") { CHECK(cart.total() == 120); }
    }
}

// A sub-case per value, named at run time: a name appears once per level.
TEST(CartSizes, each) {
    for (int items : {0, 1, 10}) {
        SUBCASE("items=" + std::to_string(items)) {
            Cart cart;
            for (int i = 0; i < items; ++i) cart.add(100);
            CHECK(cart.total() == 100 * items);
        }
    }
}

TEST(Why, coupon) {
    Cart cart;
    cart.add(30);
    SUBCASE("small coupon") {
        cart.apply_coupon(10);
        CHECK(cart.total() == 20);
    }
    SUBCASE("big coupon") {
        cart.apply_coupon(50);
        CHECK(cart.total() == -20);
    }
}

// $ ./10_subcases --parallel 2 -v -k 'Cart*'
// Found 2 test(s).
// Running 2 regular tests in parallel...
// CartTest.totals ... ok (0.000s)
// CartSizes.each ... ok (0.000s)
// ----------------------------------------------------------------------
// Ran 2 tests in 0.000s
//
// OK
//
// $ ./10_subcases -k 'Why.*'  (exit code 1)
// Found 1 test(s).
// ======================================================================
// FAIL: Why.coupon
// ----------------------------------------------------------------------
// 10_subcases.cpp:73: error: CHECK(cart.total() == -20) failed with 0 == -20
//   sub-case: Why.coupon / big coupon
//
// ----------------------------------------------------------------------
// Ran 1 test in 0.000s
//
// FAILED (failures=1)
//
// The JSON report (--json PATH) lists each leaf path under its test, "subcases": [{"path":
// "empty cart / with coupon", "outcome": "passed", ...}]; the JUnit report (--junit-xml PATH)
// has a testcase per leaf path, named "totals / empty cart / with coupon".
