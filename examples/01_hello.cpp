// The smallest ctp program: free tests and the assertions that report values.
#define CTP_MAIN
#include <ctp/ctp.hpp>

#include <string>
#include <vector>

static int add(int a, int b) { return a + b; }

CTP_TEST(Math, adds) { CTP_CHECK(add(1, 1) == 2); }

CTP_TEST(Math, orders) {
    CTP_CHECK(add(2, 2) > 3);
    CTP_CHECK_FALSE(add(-1, 1) != 0);
}

CTP_TEST(Text, joins) {
    std::vector<std::string> words{"header", "only"};
    CTP_REQUIRE(words.size() == 2);
    CTP_CHECK(words[0] + "-" + words[1] == "header-only");
}

CTP_TEST(Text, throws) {
    std::vector<int> empty;
    CTP_CHECK_THROWS_AS(empty.at(0), std::out_of_range);
    CTP_CHECK_NOTHROW(empty.size());
}

// $ ./01_hello --parallel 2
// Found 4 test(s).
// Running 4 regular tests in parallel...
// ----------------------------------------------------------------------
// Ran 4 tests in 0.000s
//
// OK
