#include <doctest.hpp>

#include <string>

TEST_CASE("skipped" * doctest::skip()) { CHECK(false); }
TEST_CASE("strings compare") { CHECK_NE(std::string("a"), std::string("b")); }
