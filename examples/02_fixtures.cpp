// Fixtures: a fresh object per test, set_up/tear_down around each test, and class hooks
// that run once for all tests of the class (in one worker, in declaration order).
#define CTP_MAIN
#include <ctp/ctp.hpp>

#include <map>
#include <string>

class Bank {
public:
    void open(const std::string& name) { balances_[name] = 0; }
    void deposit(const std::string& name, int amount) { balances_.at(name) += amount; }
    int balance(const std::string& name) const { return balances_.at(name); }

private:
    std::map<std::string, int> balances_;
};

struct Accounts : ctp::TestCase {
    static inline int classes_set_up = 0;

    static void set_up_class() { ++classes_set_up; }       // once, before the first test
    static void tear_down_class() { classes_set_up = 0; }  // once, after the last one

    void set_up() override { bank.open("alice"); }  // before each test
    void tear_down() override {}                    // after each, even on failure

    int balance() const { return bank.balance("alice"); }

    Bank bank;
};

CTP_TEST_F(Accounts, opens_empty) { CTP_REQUIRE(balance() == 0); }

CTP_TEST_F(Accounts, deposits) {
    bank.deposit("alice", 30);
    CTP_CHECK(balance() == 30);
}

CTP_TEST_F(Accounts, shares_class_set_up) { CTP_CHECK(classes_set_up == 1); }

CTP_TEST_F(Accounts, rejects_unknown) { CTP_CHECK_THROWS_AS(bank.deposit("bob", 1), std::out_of_range); }

// $ ./02_fixtures --parallel 2 -v
// Found 4 test(s).
// Running 4 regular tests in parallel...
// Accounts.opens_empty ... ok (0.000s)
// Accounts.deposits ... ok (0.000s)
// Accounts.shares_class_set_up ... ok (0.000s)
// Accounts.rejects_unknown ... ok (0.000s)
// ----------------------------------------------------------------------
// Ran 4 tests in 0.000s
//
// OK
