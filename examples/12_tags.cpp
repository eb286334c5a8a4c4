// Tags: on free tests, and on a fixture class for all its tests; select with --tag
// ("db and not slow"), leave out with --exclude, count with --list-tags.
#define CTP_MAIN
#include <ctp/ctp.hpp>

#include <map>
#include <string>

CTP_TEST(Prices, rounds, ctp::tags("fast")) { CTP_CHECK(199 / 100 == 1); }

CTP_TEST(Prices, converts, ctp::tags("fast", "currency")) { CTP_CHECK(2 * 110 / 100 == 2); }

CTP_TEST(Report, renders_year, ctp::tags("slow")) {
    int total = 0;
    for (int day = 0; day < 365; ++day) total += day % 7;
    CTP_CHECK(total == 1092);
}

// Every test of the class is tagged db; a test adds its own tags.
struct Orders : ctp::TestCase {
    static inline const ctp::Decorators decorators{ctp::tags("db")};

    void set_up() override { table = {{1, "open"}}; }

    std::map<int, std::string> table;
};

CTP_TEST_F(Orders, finds) { CTP_CHECK(table.at(1) == "open"); }

CTP_TEST_F(Orders, archives, ctp::tags("slow")) {
    for (int id = 2; id < 1000; ++id) table[id] = "closed";
    CTP_CHECK(table.size() == 999u);
}

// $ ./12_tags --list
// Prices.rounds [parallel] tags: fast
// Prices.converts [parallel] tags: fast, currency
// Report.renders_year [parallel] tags: slow
// Orders.finds [parallel] tags: db
// Orders.archives [parallel] tags: db, slow
//
// $ ./12_tags --list-tags
//   1  currency
//   2  db
//   2  fast
//   2  slow
//
// $ ./12_tags --tag "db and not slow" -v
// Found 1 test(s).
// Orders.finds ... ok (0.000s)
// ----------------------------------------------------------------------
// Ran 1 test in 0.000s
//
// OK
//
// $ ./12_tags -t fast -t "db and slow" --exclude converts -v
// Found 2 test(s).
// Prices.rounds ... ok (0.000s)
// Orders.archives ... ok (0.000s)
// ----------------------------------------------------------------------
// Ran 2 tests in 0.000s
//
// OK
//
// A malformed expression is a usage error (exit code 2) naming the position:
// `./12_tags --tag "db and (slow"` prints to stderr
// error: --tag 'db and (slow': expected ')' at position 13 (see ./12_tags --help)
