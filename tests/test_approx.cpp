// Approximate numbers: ctp::Approx inside CTP_CHECK, and CTP_CHECK_NEAR.
#define CTP_APPROX_API
#include "testing.hpp"
#include "run_everywhere.hpp"

#include <atomic>
#include <limits>
#include <string>
#include <vector>

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

using Messages = std::vector<std::string>;

}  // namespace

TEST_CASE("Approx has doctest's defaults: 100 float epsilons, scale 1, no margin") {
    const ctp::Approx approx(0.3);
    CHECK(approx.epsilon() == static_cast<double>(std::numeric_limits<float>::epsilon()) * 100);
    CHECK(approx.scale() == 1);
    CHECK(approx.margin() == 0);
    CHECK(approx.value() == 0.3);
}

TEST_CASE("Approx: equal within epsilon * (scale + the larger magnitude), or within the margin") {
    CHECK(0.1 + 0.2 == ctp::Approx(0.3));
    CHECK(ctp::Approx(0.3) == 0.1 + 0.2);
    CHECK_FALSE(0.1 + 0.2 != ctp::Approx(0.3));
    CHECK(1000.01 == ctp::Approx(1000.0));  // 0.01 <= 1.19e-05 * 1001
    CHECK_FALSE(1000.02 == ctp::Approx(1000.0));
    CHECK(1e-6 == ctp::Approx(0));  // the scale of 1 admits small absolute differences
    CHECK_FALSE(1e-6 == ctp::Approx(0).scale(0));
    CHECK(1e-6 == ctp::Approx(0).scale(0).margin(1e-6));  // |a - b| <= margin, inclusive
    CHECK_FALSE(1.1 == ctp::Approx(1));
    CHECK(1.1 == ctp::Approx(1).epsilon(0.05));
    CHECK(1.1 == ctp::Approx(1).margin(0.1 + 1e-12));
    CHECK(0 == ctp::Approx(0).scale(0));
    const ctp::Approx loose = ctp::Approx(0).epsilon(0.1);
    CHECK(loose(10) == 10.5);  // operator() keeps the tolerances
    CHECK(loose(10).epsilon() == 0.1);
}

TEST_CASE("Approx: any arithmetic type on either side") {
    CHECK(1.0f / 3 == ctp::Approx(1.0 / 3));
    CHECK(3 == ctp::Approx(3.00001));
    CHECK(ctp::Approx(2u) == 2.00001L);
    CHECK(static_cast<short>(7) == ctp::Approx(7));
    CHECK(ctp::Approx(1e10f) == 10000000000LL);
}

TEST_CASE("Approx: <=, >=, < and > hold or fail by the approximate equality") {
    CHECK(1.000001 <= ctp::Approx(1.0));  // a little above, but approximately equal
    CHECK(0.5 <= ctp::Approx(1.0));
    CHECK_FALSE(2.0 <= ctp::Approx(1.0));
    CHECK(ctp::Approx(1.0) <= 1.0 - 1e-9);
    CHECK(0.999999 >= ctp::Approx(1.0));
    CHECK_FALSE(0.5 >= ctp::Approx(1.0));
    CHECK(ctp::Approx(2.0) >= 1.0);
    CHECK_FALSE(0.999999 < ctp::Approx(1.0));
    CHECK(0.5 < ctp::Approx(1.0));
    CHECK(ctp::Approx(0.5) < 1.0);
    CHECK_FALSE(1.000001 > ctp::Approx(1.0));
    CHECK(ctp::Approx(2.0) > 1.0);
}

TEST_CASE("Approx: NaN equals nothing, an infinity only itself") {
    CHECK_FALSE(nan == ctp::Approx(nan));
    CHECK_FALSE(nan == ctp::Approx(1).margin(inf));
    CHECK_FALSE(1 == ctp::Approx(nan).margin(inf));
    CHECK(nan != ctp::Approx(0));
    CHECK(inf == ctp::Approx(inf));
    CHECK(-inf == ctp::Approx(-inf));
    CHECK_FALSE(inf == ctp::Approx(-inf));
    CHECK_FALSE(inf == ctp::Approx(1e308));
    CHECK_FALSE(1e308 == ctp::Approx(inf));
    CHECK_FALSE(inf == ctp::Approx(1).margin(inf));
    CHECK(std::numeric_limits<double>::max() == ctp::Approx(std::numeric_limits<double>::max()));
    CHECK_FALSE(std::numeric_limits<double>::max() == ctp::Approx(-std::numeric_limits<double>::max()));
}

TEST_CASE("a failed Approx comparison prints both operands in full and the tolerances") {
    const Messages failures = testing::failures_everywhere([] {
        const double sum = 0.1 + 0.2;
        CTP_CHECK(sum == ctp::Approx(0.31));
        CTP_CHECK(ctp::Approx(0.31) == sum);
        CTP_CHECK(sum != ctp::Approx(0.3));
        CTP_CHECK(sum == ctp::Approx(0.31).margin(0.001).epsilon(1e-9));
        CTP_CHECK(2.5f == ctp::Approx(2).scale(0.5));
        CTP_CHECK(sum >= ctp::Approx(1));
        CTP_CHECK(nan == ctp::Approx(nan));
        CTP_CHECK(sum == ctp::Approx(0.3));  // passes
    });
    CHECK(failures ==
          Messages{"CTP_CHECK(sum == ctp::Approx(0.31)) failed with 0.30000000000000004 == "
                   "Approx(0.31, epsilon 1.1920929e-05, margin 0)",
                   "CTP_CHECK(ctp::Approx(0.31) == sum) failed with Approx(0.31, epsilon 1.1920929e-05, margin 0) "
                   "== 0.30000000000000004",
                   "CTP_CHECK(sum != ctp::Approx(0.3)) failed with 0.30000000000000004 != "
                   "Approx(0.3, epsilon 1.1920929e-05, margin 0)",
                   "CTP_CHECK(sum == ctp::Approx(0.31).margin(0.001).epsilon(1e-9)) failed with "
                   "0.30000000000000004 == Approx(0.31, epsilon 1e-09, margin 0.001)",
                   "CTP_CHECK(2.5f == ctp::Approx(2).scale(0.5)) failed with 2.5 == "
                   "Approx(2, epsilon 1.1920929e-05, margin 0, scale 0.5)",
                   "CTP_CHECK(sum >= ctp::Approx(1)) failed with 0.30000000000000004 >= "
                   "Approx(1, epsilon 1.1920929e-05, margin 0)",
                   "CTP_CHECK(nan == ctp::Approx(nan)) failed with nan == "
                   "Approx(nan, epsilon 1.1920929e-05, margin 0)"});
}

TEST_CASE("CTP_REQUIRE with Approx ends the test") {
    int reached = 0;
    const Messages failures = testing::failures_everywhere(
        [&reached] {
            CTP_REQUIRE(1.5 == ctp::Approx(1.25));
            ++reached;
        },
        false);
    CHECK(reached == 0);
    CHECK(failures == Messages{"CTP_REQUIRE(1.5 == ctp::Approx(1.25)) failed with 1.5 == "
                               "Approx(1.25, epsilon 1.1920929e-05, margin 0)"});
}

TEST_CASE("CTP_CHECK_NEAR: |a - b| <= tolerance; a failure shows both, the difference and the tolerance") {
    std::atomic<int> evaluations = 0;  // the two tests of the parallel run count at once
    const auto counted = [&evaluations](double value) {
        ++evaluations;
        return value;
    };
    const Messages failures = testing::failures_everywhere([&counted] {
        CTP_CHECK_NEAR(0.1 + 0.2, 0.3, 1e-12);
        CTP_CHECK_NEAR(10, 11, 1);  // inclusive, and integers
        CTP_CHECK_NEAR(inf, inf, 0);
        CTP_CHECK_NEAR(counted(0.53), 0.5, 0.01);
        CTP_CHECK_NEAR(1.0f, 1.5f, 0.25);
        CTP_CHECK_NEAR(nan, nan, inf);
        CTP_CHECK_NEAR(inf, -inf, 1);
        CTP_CHECK_NEAR(1e308, inf, 1e308);
    });
    CHECK(evaluations == 4);  // each operand once per run
    CHECK(failures == Messages{"CTP_CHECK_NEAR(counted(0.53), 0.5, 0.01) failed with |0.53 - 0.5| = "
                               "0.030000000000000027, tolerance 0.01",
                               "CTP_CHECK_NEAR(1.0f, 1.5f, 0.25) failed with |1 - 1.5| = 0.5, tolerance 0.25",
                               "CTP_CHECK_NEAR(nan, nan, inf) failed with |nan - nan| = nan, tolerance inf",
                               "CTP_CHECK_NEAR(inf, -inf, 1) failed with |inf - -inf| = inf, tolerance 1",
                               "CTP_CHECK_NEAR(1e308, inf, 1e308) failed with |1e+308 - inf| = inf, tolerance 1e+308"});
}

TEST_CASE("CTP_REQUIRE_NEAR ends the test, and names itself") {
    int reached = 0;
    const Messages failures = testing::failures_everywhere(
        [&reached] {
            CTP_REQUIRE_NEAR(2.0, 2.0, 0);
            CTP_REQUIRE_NEAR(2.0, 3.0, 0.5);
            ++reached;
        },
        false);
    CHECK(reached == 0);
    CHECK(failures == Messages{"CTP_REQUIRE_NEAR(2.0, 3.0, 0.5) failed with |2 - 3| = 1, tolerance 0.5"});
}

TEST_CASE("a failed CTP_CHECK_NEAR points at its line") {
    ctp::Registry registry;
    const int line = __LINE__ + 1;
    registry.add("Near", "line", [] { CTP_CHECK_NEAR(1, 2, 0); });
    const ctp::Result result = ctp::run(registry, {});
    const ctp::TestRecord& record = testing::record(result, "Near.line");
    CHECK(record.outcome == ctp::Outcome::failed);
    REQUIRE(record.failures.size() == 1);
    CHECK(record.failures[0].line == line);
    CHECK(record.failures[0].file.find("test_approx.cpp") != std::string::npos);
}
