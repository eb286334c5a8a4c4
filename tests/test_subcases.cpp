#include "testing.hpp"

#include <stdexcept>
#include <thread>

namespace {

using testing::note;
using testing::take_journal;

// The serial phase, a parallel(2) run and, where there is one, --isolate.
std::vector<ctp::Options> every_way() {
    std::vector<ctp::Options> ways{ctp::Options{}, testing::parallel(2)};
#if defined(CTP_DETAIL_HAS_ISOLATE)
    ctp::Options isolated = testing::parallel(2);
    isolated.isolate = true;
    ways.push_back(isolated);
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)
    return ways;
}

struct Path {
    std::string path;
    ctp::Outcome outcome;
    std::size_t failures;
    bool operator==(const Path&) const = default;
};

std::vector<Path> paths(const ctp::TestRecord& record) {
    std::vector<Path> all;
    for (const ctp::SubcaseResult& leaf : record.subcases) all.push_back({leaf.path, leaf.outcome, leaf.failures});
    return all;
}

std::vector<std::string> messages(const ctp::TestRecord& record) {
    std::vector<std::string> all;
    for (const ctp::Failure& failure : record.failures) all.push_back(failure.message);
    return all;
}

constexpr ctp::Outcome passed = ctp::Outcome::passed;
constexpr ctp::Outcome failed = ctp::Outcome::failed;
constexpr ctp::Outcome error = ctp::Outcome::error;
constexpr ctp::Outcome skipped = ctp::Outcome::skipped;

void nest_2x3() {
    note("top");
    for (const char* outer : {"a1", "a2"}) {
        CTP_SUBCASE(outer) {
            for (const char* inner : {"b1", "b2", "b3"}) {
                CTP_SUBCASE(inner) { note(std::string(outer) + "/" + inner); }
            }
        }
    }
}

}  // namespace

TEST_CASE("a 2x3 nest of sub-cases enters the body once per leaf path, depth first") {
    ctp::Registry registry;
    registry.add("Nest", "two_by_three", nest_2x3);
    take_journal();
    const ctp::Result result = ctp::run(registry, {});
    CHECK(take_journal() == std::vector<std::string>{"top", "a1/b1", "top", "a1/b2", "top", "a1/b3", "top", "a2/b1",
                                                     "top", "a2/b2", "top", "a2/b3"});
    const ctp::TestRecord& record = testing::record(result, "Nest.two_by_three");
    CHECK(record.outcome == passed);
    CHECK(paths(record) == std::vector<Path>{{"a1 / b1", passed, 0},
                                             {"a1 / b2", passed, 0},
                                             {"a1 / b3", passed, 0},
                                             {"a2 / b1", passed, 0},
                                             {"a2 / b2", passed, 0},
                                             {"a2 / b3", passed, 0}});
}

TEST_CASE("sub-cases in a loop, with names made at run time, and uneven nests") {
    ctp::Registry registry;
    registry.add("Loop", "five", [] {
        for (int i = 0; i < 5; ++i) {
            const std::string name = "i=" + std::to_string(i);
            CTP_SUBCASE(name) { note(name); }
        }
    });
    registry.add("Uneven", "nest", [] {
        note("top");
        CTP_SUBCASE("a") {
            CTP_SUBCASE(std::string_view("a1")) { note("a/a1"); }
            CTP_SUBCASE("a2") {
                note("a/a2");
                CTP_SUBCASE("deep") { note("a/a2/deep"); }
            }
        }
        CTP_SUBCASE("b") { note("b"); }
        note("bottom");
    });
    take_journal();
    const ctp::Result result = ctp::run(registry, {});
    CHECK(take_journal() == std::vector<std::string>{"i=0", "i=1", "i=2", "i=3", "i=4", "top", "a/a1", "bottom", "top",
                                                     "a/a2", "a/a2/deep", "bottom", "top", "b", "bottom"});
    CHECK(paths(testing::record(result, "Loop.five")).size() == 5);
    CHECK(paths(testing::record(result, "Uneven.nest")) ==
          std::vector<Path>{{"a / a1", passed, 0}, {"a / a2 / deep", passed, 0}, {"b", passed, 0}});
}

TEST_CASE("a test without sub-cases is entered once and reports no paths") {
    ctp::Registry registry;
    registry.add("Plain", "once", [] { note("once"); });
    take_journal();
    const ctp::Result result = ctp::run(registry, {});
    CHECK(take_journal() == std::vector<std::string>{"once"});
    CHECK(testing::record(result, "Plain.once").subcases.empty());
}

namespace {

struct Counted : ctp::TestCase {
    Counted() { note("construct"); }
    ~Counted() override { note("destroy"); }
    void set_up() override { note("set_up"); }
    void tear_down() override { note("tear_down"); }
    int value = 0;
};

}  // namespace

TEST_CASE("each entry gets a fresh fixture: construction, set_up, body, tear_down, destruction") {
    for (const ctp::Options& options : {ctp::Options{}, testing::parallel(2)}) {
        CAPTURE(options.parallel);
        ctp::Registry registry;
        registry.add<Counted>("Counted", "fresh", [](Counted& fixture) {
            CTP_CHECK(fixture.value == 0);
            ++fixture.value;
            CTP_SUBCASE("x") { note("x " + std::to_string(fixture.value)); }
            CTP_SUBCASE("y") {
                CTP_SUBCASE("y1") { note("y1 " + std::to_string(fixture.value)); }
                CTP_SUBCASE("y2") { note("y2 " + std::to_string(fixture.value)); }
            }
        });
        take_journal();
        const ctp::Result result = ctp::run(registry, options);
        CHECK(take_journal() == std::vector<std::string>{"construct", "set_up", "x 1", "tear_down", "destroy",
                                                         "construct", "set_up", "y1 1", "tear_down", "destroy",
                                                         "construct", "set_up", "y2 1", "tear_down", "destroy"});
        CHECK(testing::record(result, "Counted.fresh").outcome == passed);
    }
}

TEST_CASE("a failure names its path, and each leaf path its own outcome, in every way of running") {
    for (const ctp::Options& options : every_way()) {
        CAPTURE(options.parallel);
        CAPTURE(options.isolate);
        ctp::Registry registry;
        registry.add("Cart", "totals", [] {
            int total = 0;
            CTP_SUBCASE("empty cart") {
                CTP_SUBCASE("with coupon") {
                    total -= 5;
                    CTP_CHECK(total == 0);
                }
                CTP_SUBCASE("without coupon") { CTP_CHECK(total == 0); }
            }
            CTP_SUBCASE("one item") {
                total = 3;
                CTP_REQUIRE(total == 4);
                CTP_CHECK(false);  // not reached
            }
            CTP_SUBCASE("two items") {
                total = 6;
                if (total > 5) throw std::runtime_error("too many");
            }
        });
        const ctp::Result result = ctp::run(registry, options);
        const ctp::TestRecord& record = testing::record(result, "Cart.totals");
        CHECK(record.outcome == error);
        CHECK(messages(record) ==
              std::vector<std::string>{
                  "CTP_CHECK(total == 0) failed with -5 == 0\n  sub-case: Cart.totals / empty cart / with coupon",
                  "CTP_REQUIRE(total == 4) failed with 3 == 4\n  sub-case: Cart.totals / one item",
                  "unexpected exception in test: std::runtime_error: too many\n  sub-case: Cart.totals / two items"});
        CHECK(paths(record) == std::vector<Path>{{"empty cart / with coupon", failed, 1},
                                                 {"empty cart / without coupon", passed, 0},
                                                 {"one item", failed, 1},
                                                 {"two items", error, 1}});
        REQUIRE(record.subcases.size() == 4);
        CHECK(record.subcases[0].first_failure == 0);
        CHECK(record.subcases[2].first_failure == 1);
        CHECK(record.subcases[3].first_failure == 2);
        for (const ctp::SubcaseResult& leaf : record.subcases) CHECK(leaf.duration.count() > 0);
        CHECK(result.failed == 0);
        CHECK(result.errors == 1);
    }
}

TEST_CASE("a REQUIRE or an exception in a sub-case ends that entry; the paths after it still run") {
    ctp::Registry registry;
    // The failing sub-case is the first met at its level: one more entry finds its siblings.
    registry.add("Ends", "require_first", [] {
        CTP_SUBCASE("p") {
            note("p");
            CTP_SUBCASE("p1") {
                note("p1");
                CTP_REQUIRE(1 == 2);
            }
            CTP_SUBCASE("p2") { note("p2"); }
        }
        CTP_SUBCASE("q") { note("q"); }
    });
    registry.add("Ends", "throw_later", [] {
        CTP_SUBCASE("a") { note("a"); }
        CTP_SUBCASE("b") {
            note("b");
            throw 7;
        }
        CTP_SUBCASE("c") { note("c"); }
    });
    // An exception at the top ends the test: what it did not reach, it would not reach again.
    registry.add("Ends", "throw_at_top", [] {
        CTP_SUBCASE("a") { note("top a"); }
        throw std::logic_error("after a");
    });
    take_journal();
    const ctp::Result result = ctp::run(registry, {});
    CHECK(take_journal() == std::vector<std::string>{"p", "p1", "p", "p2", "q", "a", "b", "c", "top a"});
    CHECK(paths(testing::record(result, "Ends.require_first")) ==
          std::vector<Path>{{"p / p1", failed, 1}, {"p / p2", passed, 0}, {"q", passed, 0}});
    CHECK(paths(testing::record(result, "Ends.throw_later")) ==
          std::vector<Path>{{"a", passed, 0}, {"b", error, 1}, {"c", passed, 0}});
    const ctp::TestRecord& top = testing::record(result, "Ends.throw_at_top");
    CHECK(paths(top) == std::vector<Path>{{"a", error, 1}});
    CHECK(messages(top) ==
          std::vector<std::string>{
              "unexpected exception in test: std::logic_error: after a\n  sub-case: Ends.throw_at_top / a"});
}

TEST_CASE("a sub-case name repeated at one level is an error naming it; the first one still runs") {
    for (const ctp::Options& options : every_way()) {
        CAPTURE(options.parallel);
        CAPTURE(options.isolate);
        ctp::Registry registry;
        registry.add("Dup", "top", [] {
            for (int i = 0; i < 3; ++i) CTP_SUBCASE("x") {
                    CTP_CHECK(i == 0);
                }
        });
        registry.add("Dup", "nested", [] {
            CTP_SUBCASE("outer") {
                CTP_SUBCASE("x") {}
                CTP_SUBCASE("y") {}
                CTP_SUBCASE("x") {}
            }
        });
        const ctp::Result result = ctp::run(registry, options);
        const ctp::TestRecord& top = testing::record(result, "Dup.top");
        CHECK(top.outcome == error);
        CHECK(messages(top) ==
              std::vector<std::string>{"sub-case \"x\" appears twice in Dup.top\n  sub-case: Dup.top / x"});
        CHECK(paths(top) == std::vector<Path>{{"x", error, 1}});
        const ctp::TestRecord& nested = testing::record(result, "Dup.nested");
        CHECK(nested.outcome == error);
        CHECK(messages(nested) ==
              std::vector<std::string>{
                  "sub-case \"x\" appears twice in Dup.nested / outer\n  sub-case: Dup.nested / outer / x"});
        CHECK(nested.failures.at(0).line > 0);
        CHECK(paths(nested) == std::vector<Path>{{"outer / x", error, 1}, {"outer / y", passed, 0}});
    }
}

TEST_CASE("a SKIP in a sub-case skips that path; a test whose every path skips is skipped") {
    for (const ctp::Options& options : every_way()) {
        CAPTURE(options.parallel);
        CAPTURE(options.isolate);
        ctp::Registry registry;
        registry.add("Skip", "one_path", [] {
            CTP_SUBCASE("a") { CTP_SKIP("not on this platform"); }
            CTP_SUBCASE("b") {}
        });
        registry.add("Skip", "every_path", [] {
            CTP_SUBCASE("a") { CTP_SKIP("first reason"); }
            CTP_SUBCASE("b") { CTP_SKIP("second reason"); }
        });
        registry.add("Skip", "at_top", [] {
            note("at_top");
            CTP_SKIP("whole test");
            CTP_SUBCASE("a") {}
        });
        const ctp::Result result = ctp::run(registry, options);
        const ctp::TestRecord& one = testing::record(result, "Skip.one_path");
        CHECK(one.outcome == passed);
        CHECK(one.skip_reason.empty());
        CHECK(paths(one) == std::vector<Path>{{"a", skipped, 0}, {"b", passed, 0}});
        CHECK(one.subcases.at(0).skip_reason == "not on this platform");
        const ctp::TestRecord& every = testing::record(result, "Skip.every_path");
        CHECK(every.outcome == skipped);
        CHECK(every.skip_reason == "first reason");
        CHECK(paths(every) == std::vector<Path>{{"a", skipped, 0}, {"b", skipped, 0}});
        const ctp::TestRecord& top = testing::record(result, "Skip.at_top");
        CHECK(top.outcome == skipped);
        CHECK(top.skip_reason == "whole test");
        CHECK(top.subcases.empty());
    }
}

TEST_CASE("--retries reruns every entry; the paths reported are the last attempt's") {
    for (const ctp::Options& base : every_way()) {
        ctp::Options options = base;
        options.retries = 2;
        CAPTURE(options.parallel);
        CAPTURE(options.isolate);
        static std::atomic<int> entries;
        entries = 0;
        ctp::Registry registry;
        registry.add("Retry", "flaky", [] {
            const int entry = ++entries;
            CTP_SUBCASE("a") { CTP_CHECK(entry != 1); }
            CTP_SUBCASE("b") {}
        });
        const ctp::Result result = ctp::run(registry, options);
        const ctp::TestRecord& record = testing::record(result, "Retry.flaky");
        CHECK(record.outcome == passed);
        CHECK(record.flaky);
        CHECK(record.attempts == 2);
        CHECK(messages(record) ==
              std::vector<std::string>{"CTP_CHECK(entry != 1) failed with 1 != 1\n  sub-case: Retry.flaky / a"});
        CHECK(paths(record) == std::vector<Path>{{"a", passed, 0}, {"b", passed, 0}});
        if (!options.isolate) CHECK(entries == 4);
    }
}

TEST_CASE("a sub-case outside any test's context does not run, and says so") {
    ctp::Registry registry;
    registry.add("Outside", "thread", [] {
        std::thread([] {
            CTP_SUBCASE("lost") { note("ran"); }
        }).join();
    });
    take_journal();
    const ctp::Result result = ctp::run(registry, {});
    CHECK(take_journal().empty());
    REQUIRE(result.unattributed.size() == 1);
    CHECK(result.unattributed[0].message == "CTP_SUBCASE(\"lost\") outside any test: its body does not run");
    CHECK(!result.successful());
}

namespace {

struct HookedCart : ctp::TestCase {
    static void set_up_class() {
        CTP_SUBCASE("in a hook") { note("hook's sub-case ran"); }
    }
};

}  // namespace

TEST_CASE("a sub-case in a class hook does not run, and is an error of the class") {
    ctp::Registry registry;
    registry.add<HookedCart>("HookedCart", "test", [](HookedCart&) { note("test ran"); });
    take_journal();
    const ctp::Result result = ctp::run(registry, {});
    CHECK(take_journal().empty());
    const ctp::TestRecord& record = testing::record(result, "HookedCart.test");
    CHECK(record.outcome == error);
    CHECK(messages(record) ==
          std::vector<std::string>{"sub-case \"in a hook\" outside a test's body (in a class hook?): it does not run"});
}

TEST_CASE("a sub-case called with no test running at all does not run either") {
    bool ran = false;
    CTP_SUBCASE("nowhere") { ran = true; }
    CHECK(!ran);
}

namespace {

struct SerialCart : ctp::SerialTestCase {
    int items = 0;
};

}  // namespace

TEST_CASE("a fixture of the serial phase runs its paths there, with --parallel and without") {
    for (const ctp::Options& options : every_way()) {
        CAPTURE(options.parallel);
        CAPTURE(options.isolate);
        ctp::Registry registry;
        registry.add<SerialCart>("SerialCart", "adds", [](SerialCart& cart) {
            CTP_REQUIRE(cart.items == 0);
            CTP_SUBCASE("one") {
                cart.items += 1;
                CTP_CHECK(cart.items == 2);
            }
            CTP_SUBCASE("two") { cart.items += 2; }
        });
        const ctp::Result result = ctp::run(registry, options);
        const ctp::TestRecord& record = testing::record(result, "SerialCart.adds");
        CHECK(record.phase == ctp::Phase::serial);
        CHECK(record.outcome == failed);
        CHECK(messages(record) ==
              std::vector<std::string>{
                  "CTP_CHECK(cart.items == 2) failed with 1 == 2\n  sub-case: SerialCart.adds / one"});
        CHECK(paths(record) == std::vector<Path>{{"one", failed, 1}, {"two", passed, 0}});
    }
}

TEST_CASE("the reports show each leaf path: JSON as the test's sub-results, JUnit as testcases") {
    ctp::Registry registry;
    registry.add("Cart", "totals", [] {
        CTP_SUBCASE("empty cart") {
            CTP_SUBCASE("with coupon") { CTP_CHECK(1 == 2); }
            CTP_SUBCASE("without coupon") {}
        }
    });
    registry.add("Cart", "plain", [] {});
    const ctp::Result result = ctp::run(registry, {});
    std::ostringstream json, junit;
    ctp::write_json_report(json, result, {});
    ctp::write_junit_xml(junit, result, {});
    CHECK(json.str().find("\"subcases\": [\n       {\"path\": \"empty cart / with coupon\", \"outcome\": \"failed\", "
                          "\"failures\": 1, \"skip_reason\": \"\", \"duration\": ") != std::string::npos);
    CHECK(json.str().find("{\"path\": \"empty cart / without coupon\", \"outcome\": \"passed\", \"failures\": 0, "
                          "\"skip_reason\": \"\", \"duration\": ") != std::string::npos);
    const std::string xml = junit.str();
    CHECK(xml.find("tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"0\"") != std::string::npos);
    CHECK(xml.find("<testcase name=\"totals / empty cart / with coupon\" classname=\"Cart\"") != std::string::npos);
    CHECK(xml.find("<testcase name=\"totals / empty cart / without coupon\" classname=\"Cart\"") != std::string::npos);
    CHECK(xml.find("<testcase name=\"totals\"") == std::string::npos);
    CHECK(xml.find("<testcase name=\"plain\" classname=\"Cart\"") != std::string::npos);
    CHECK(xml.find("CTP_CHECK(1 == 2) failed with 1 == 2\n  sub-case: Cart.totals / empty cart / with coupon") !=
          std::string::npos);
}
