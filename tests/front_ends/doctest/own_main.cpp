// A user's own main with doctest::Context, as doctest's documentation shows it.
#include <doctest/doctest.h>
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

TEST_CASE("zebra") { CHECK(true); }
TEST_CASE("alpha") { CHECK(1 < 2); }
TEST_CASE("middle" * doctest::test_suite("letters")) { CHECK_EQ(3, 3); }

int main(int argc, char** argv) {
    doctest::Context context;
    context.setOption("order-by", "name");
    context.applyCommandLine(argc, argv);
    context.setOption("abort-after", 5);
    const int res = context.run();
    if (context.shouldExit()) return res;
    return res + 0;
}
