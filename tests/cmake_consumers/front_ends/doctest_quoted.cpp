#include "doctest.h"

#include <vector>

TEST_CASE("a vector grows") {
    std::vector<int> items(2);
    REQUIRE(items.size() == 2);
    SUBCASE("push") {
        items.push_back(1);
        CHECK(items.size() == 3);
    }
    SUBCASE("clear") {
        items.clear();
        CHECK(items.empty());
    }
}

TEST_CASE("fails on purpose") { CHECK(2 + 2 == 5); }
