#include "testing.hpp"

#include <atomic>
#include <mutex>

namespace {

using testing::note;
using testing::take_journal;

struct Oddball {};  // thrown to prove that anything thrown is reported

struct Journaled : ctp::TestCase {
    static void set_up_class() { note("set_up_class"); }
    static void tear_down_class() { note("tear_down_class"); }
    void set_up() override { note("set_up"); }
    void tear_down() override { note("tear_down"); }
};

}  // namespace

TEST_CASE("set_up and tear_down wrap each test, also when it fails or throws") {
    ctp::Registry registry;
    registry.add<Journaled>("Journaled", "passes", [](Journaled&) { note("passes"); });
    registry.add<Journaled>("Journaled", "fails", [](Journaled&) {
        note("fails");
        CTP_REQUIRE(false);
    });
    registry.add<Journaled>("Journaled", "throws", [](Journaled&) {
        note("throws");
        throw Oddball{};
    });
    take_journal();
    const ctp::Result result = ctp::run(registry, {});
    CHECK(take_journal() == std::vector<std::string>{"set_up_class", "set_up", "passes", "tear_down", "set_up", "fails",
                                                     "tear_down", "set_up", "throws", "tear_down", "tear_down_class"});
    CHECK(testing::record(result, "Journaled.passes").outcome == ctp::Outcome::passed);
    CHECK(testing::record(result, "Journaled.fails").outcome == ctp::Outcome::failed);
    const auto& thrown = testing::record(result, "Journaled.throws");
    CHECK(thrown.outcome == ctp::Outcome::error);
    CHECK(thrown.failures.at(0).message.find("unexpected exception in test: an exception of type") == 0);
    CHECK(thrown.failures.at(0).message.find("Oddball") != std::string::npos);
}

TEST_CASE("each test gets a fresh fixture object") {
    struct Counter : ctp::TestCase {
        int value = 0;
    };
    ctp::Registry registry;
    for (const char* name : {"a", "b", "c"})
        registry.add<Counter>("Counter", name, [](Counter& counter) { CTP_CHECK(++counter.value == 1); });
    CHECK(ctp::run(registry, {}).passed == 3);
}

namespace {

struct ThrowsIn : ctp::TestCase {
    static inline std::string stage;
    ThrowsIn() {
        if (stage == "constructor") throw std::runtime_error("in constructor");
    }
    void set_up() override {
        note("set_up");
        if (stage == "set_up") throw 7;
    }
    void tear_down() override {
        note("tear_down");
        if (stage == "tear_down") throw std::string("in tear_down");
    }
};

}  // namespace

TEST_CASE("an exception in a fixture hook is an error naming the hook and the exception") {
    struct Case {
        const char* stage;
        const char* message;
        std::vector<std::string> events;
    };
    for (const Case& c :
         {Case{"constructor", "unexpected exception in fixture constructor: std::runtime_error: in constructor", {}},
          Case{"set_up", "unexpected exception in set_up: an exception of type int", {"set_up"}},
          Case{"tear_down",
               "unexpected exception in tear_down: std::string: in tear_down",
               {"set_up", "body", "tear_down"}}}) {
        CAPTURE(c.stage);
        ThrowsIn::stage = c.stage;
        ctp::Registry registry;
        registry.add<ThrowsIn>("ThrowsIn", "test", [](ThrowsIn&) { note("body"); });
        take_journal();
        const ctp::Result result = ctp::run(registry, {});
        CHECK(take_journal() == c.events);
        REQUIRE(result.tests.size() == 1);
        CHECK(result.tests[0].outcome == ctp::Outcome::error);
        REQUIRE(result.tests[0].failures.size() == 1);
        CHECK(result.tests[0].failures[0].message == c.message);
        CHECK(result.errors == 1);
    }
}

namespace {

struct BrokenClass : ctp::TestCase {
    static inline std::atomic<int> bodies{0};
    static inline bool torn_down = false;
    static void set_up_class() { throw Oddball{}; }
    static void tear_down_class() { torn_down = true; }
};

struct FailingTearDownClass : ctp::TestCase {
    static void tear_down_class() { throw std::logic_error("left a file behind"); }
};

struct AssertingSetUpClass : ctp::TestCase {
    static void set_up_class() { CTP_CHECK(1 == 2); }
};

struct SkippedClass : ctp::TestCase {
    static void set_up_class() { CTP_SKIP("no database here"); }
};

}  // namespace

TEST_CASE("an exception in set_up_class makes each test of the class an error, and none runs") {
    ctp::Registry registry;
    for (const char* name : {"first", "second", "third"})
        registry.add<BrokenClass>("BrokenClass", name, [](BrokenClass&) { ++BrokenClass::bodies; });
    registry.add("Free", "runs", [] {});
    for (unsigned workers : {0u, 2u}) {
        const ctp::Result result = ctp::run(registry, testing::parallel(workers));
        CHECK(BrokenClass::bodies == 0);
        CHECK_FALSE(BrokenClass::torn_down);
        CHECK(result.errors == 3);
        CHECK(result.passed == 1);
        for (const char* name : {"BrokenClass.first", "BrokenClass.second", "BrokenClass.third"}) {
            const auto& test = testing::record(result, name);
            CHECK(test.outcome == ctp::Outcome::error);
            REQUIRE(test.failures.size() == 1);
            CHECK(test.failures[0].message.find("unexpected exception in set_up_class: an exception of type") == 0);
        }
    }
}

TEST_CASE("an assertion that fails in set_up_class also stops the class") {
    ctp::Registry registry;
    int bodies = 0;
    registry.add<AssertingSetUpClass>("AssertingSetUpClass", "test", [&](AssertingSetUpClass&) { ++bodies; });
    const ctp::Result result = ctp::run(registry, {});
    CHECK(bodies == 0);
    CHECK(result.tests.at(0).outcome == ctp::Outcome::error);
    CHECK(result.tests.at(0).failures.at(0).message == "CTP_CHECK(1 == 2) failed with 1 == 2");
}

TEST_CASE("CTP_SKIP in set_up_class skips every test of the class") {
    ctp::Registry registry;
    registry.add<SkippedClass>("SkippedClass", "a", [](SkippedClass&) {});
    registry.add<SkippedClass>("SkippedClass", "b", [](SkippedClass&) {});
    const ctp::Result result = ctp::run(registry, {});
    CHECK(result.skipped == 2);
    CHECK(result.successful());
    CHECK(result.tests.at(1).skip_reason == "no database here");
}

TEST_CASE("an exception in tear_down_class is reported on the class's last test") {
    ctp::Registry registry;
    registry.add<FailingTearDownClass>("FailingTearDownClass", "a", [](FailingTearDownClass&) {});
    registry.add<FailingTearDownClass>("FailingTearDownClass", "b", [](FailingTearDownClass&) {});
    const ctp::Result result = ctp::run(registry, testing::parallel(2));
    CHECK(testing::record(result, "FailingTearDownClass.a").outcome == ctp::Outcome::passed);
    const auto& last = testing::record(result, "FailingTearDownClass.b");
    CHECK(last.outcome == ctp::Outcome::error);
    CHECK(last.failures.at(0).message ==
          "unexpected exception in tear_down_class: std::logic_error: left a file behind");
    CHECK_FALSE(result.successful());
}

namespace {

template <int Id>
struct Hooked : ctp::TestCase {
    static inline std::atomic<int> set_ups{0};
    static inline std::atomic<int> tear_downs{0};
    static inline std::atomic<int> tests_after_tear_down{0};
    static void set_up_class() { ++set_ups; }
    static void tear_down_class() { ++tear_downs; }
};

template <int Id>
void add_hooked(ctp::Registry& registry) {
    using Fixture = Hooked<Id>;
    for (int i = 0; i < 5; ++i)
        registry.add<Fixture>("Hooked" + std::to_string(Id), "t" + std::to_string(i), [](Fixture&) {
            if (Fixture::set_ups != 1 || Fixture::tear_downs != 0) ++Fixture::tests_after_tear_down;
        });
}

template <int... Ids>
void check_hooked(std::integer_sequence<int, Ids...>) {
    ctp::Registry registry;
    (add_hooked<Ids>(registry), ...);
    for (int i = 0; i < 20; ++i) registry.add("Free", "t" + std::to_string(i), [] {});
    const ctp::Result result = ctp::run(registry, testing::parallel(8));
    CHECK(result.passed == sizeof...(Ids) * 5 + 20);
    CHECK(((Hooked<Ids>::set_ups == 1) && ...));
    CHECK(((Hooked<Ids>::tear_downs == 1) && ...));
    CHECK(((Hooked<Ids>::tests_after_tear_down == 0) && ...));
}

}  // namespace

TEST_CASE("class hooks run exactly once per class under --parallel 8, around all its tests") {
    check_hooked(std::make_integer_sequence<int, 12>{});
}

TEST_CASE("a fixture class's tests run in one worker, in declaration order") {
    struct Ordered : ctp::TestCase {};
    ctp::Registry registry;
    std::vector<int> order;
    std::mutex order_mutex;
    for (int i = 0; i < 6; ++i) {
        registry.add<Ordered>("Ordered", "t" + std::to_string(i), [&, i](Ordered&) {
            std::lock_guard lock(order_mutex);
            order.push_back(i);
        });
        registry.add("Free", "t" + std::to_string(i), [] {});
    }
    const ctp::Result result = ctp::run(registry, testing::parallel(4));
    CHECK(order == std::vector<int>{0, 1, 2, 3, 4, 5});
    unsigned worker = testing::record(result, "Ordered.t0").worker;
    CHECK(worker >= 1);
    for (int i = 1; i < 6; ++i) CHECK(testing::record(result, "Ordered.t" + std::to_string(i)).worker == worker);
}
