// Resource locks: the start-up check of declarations, what ctp::exclusive, ctp::shared and
// ctp::pool guarantee (from rendezvous and counters, never from timing), and randomised suites
// whose recorded intervals must keep every guarantee under any schedule.
#define CTP_REGISTRATION_API  // rather than <ctp/registration.hpp>, which the single-header build lacks
#include "testing.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>  // uint64_t
#include <cstdio>   // remove
#include <cstdlib>  // getenv, strtoull
#include <fstream>
#include <functional>  // function
#include <map>
#include <memory>  // unique_ptr
#include <mutex>
#include <random>  // mt19937_64
#include <string>
#include <thread>   // sleep_for
#include <utility>  // integer_sequence
#include <vector>

#include <fcntl.h>   // open
#include <unistd.h>  // write, close, getpid

namespace {

using Body = std::function<void()>;
using Claims = std::vector<ctp::detail::Resource>;

// ctp::register_test chains its tests to the global ones, which other self-tests run whole;
// these are unchained again, kept for the process (as registered tests are), and added to a
// private registry. Converting the suite's name to SuiteAt at the call keeps the caller's line.
template <class Fixture>
const ctp::detail::TestInfo& register_aside(ctp::Registry& registry, ctp::detail::SuiteAt suite,
                                            const std::string& name, Body body, const Claims& claims) {
    // Never destroyed: a static vector would be gone before LeakSanitizer looks at exit.
    static auto* const kept = new std::vector<const ctp::detail::TestInfo*>;
    ctp::detail::TestList& global = ctp::detail::global_tests();
    const ctp::detail::TestList before = global;
    const auto registered = [&](const auto&... decorators) -> const ctp::detail::TestInfo& {
        if constexpr (std::is_void_v<Fixture>) return ctp::register_test(suite, name, std::move(body), decorators...);
        else
            return ctp::register_test<Fixture>(
                suite, name, [body = std::move(body)](Fixture&) { body(); }, decorators...);
    };
    const ctp::detail::TestInfo* info = nullptr;
    switch (claims.size()) {
        case 0: info = &registered(); break;
        case 1: info = &registered(claims[0]); break;
        case 2: info = &registered(claims[0], claims[1]); break;
        default: info = &registered(claims[0], claims[1], claims[2]); break;
    }
    if (before.tail != nullptr) before.tail->next = nullptr;
    global = before;
    kept->push_back(info);
    registry.add(*info);
    return *info;
}

std::atomic<int> bodies{0};  // of tests that must not run

// --------------------------------------------------------------------------------------------
// Start-up validation

void must_not_run(const ctp::detail::TestInfo&, ctp::TestCase*) { ++bodies; }

// As CTP_TEST makes them, but off the global chain: these declarations would refuse every run
// of the global registry.
const ctp::Decorators unnamed{ctp::exclusive("")};
ctp::detail::TestInfo unnamed_test{
    "Bad\0unnamed",        "bad.cpp", 10,     4, nullptr, nullptr, &must_not_run, nullptr,
    unnamed.decorations(), nullptr,   nullptr};
const ctp::Decorators no_browsers{ctp::shared("db"), ctp::pool("b", 0)};
ctp::detail::TestInfo no_browsers_test{
    "Bad\0no_browsers",        "bad.cpp", 11,     4, nullptr, nullptr, &must_not_run, nullptr,
    no_browsers.decorations(), nullptr,   nullptr};

struct TwoBrowsers : ctp::TestCase {
    static inline const ctp::Decorators decorators{ctp::pool("b", 2)};
    static void set_up_class() { ++bodies; }
};

struct SameBrowsers : ctp::TestCase {
    static inline const ctp::Decorators decorators{ctp::pool("b", 2), ctp::exclusive("db")};
};

std::string here(int line) { return std::string(__FILE__) + ":" + std::to_string(line); }

}  // namespace

TEST_CASE("resource declarations that cannot be scheduled refuse the run, naming where") {
    ctp::Registry registry;
    registry.add(unnamed_test);
    registry.add(no_browsers_test);
    const int class_line = __LINE__ + 1;
    register_aside<TwoBrowsers>(registry, "TwoBrowsers", "first", [] { ++bodies; }, {});
    register_aside<TwoBrowsers>(registry, "TwoBrowsers", "second", [] { ++bodies; }, {});
    const int test_line = __LINE__ + 1;
    register_aside<void>(registry, "Browse", "three", [] { ++bodies; }, {ctp::pool("b", 3)});
    const std::vector<std::string> errors{
        "an empty resource name in ctp::exclusive(\"\") at Bad.unnamed (bad.cpp:10)",
        "ctp::pool(\"b\", 0) at Bad.no_browsers (bad.cpp:11): a pool holds at least 1",
        "pool \"b\" has two sizes: ctp::pool(\"b\", 2) at the decorators of class TwoBrowsers (" + here(class_line) +
            ") and ctp::pool(\"b\", 3) at Browse.three (" + here(test_line) + ")"};
    bodies = 0;
    for (const ctp::Options& options : {ctp::Options{}, testing::parallel(2)}) {
        const ctp::Result result = ctp::run(registry, options);
        CHECK(result.resource_errors == errors);
        CHECK(result.tests.empty());
        CHECK_FALSE(result.successful());
    }
    std::string printed;
    for (const std::string& error : errors) printed += "error: " + error + "\n";
    for (const char* command : {"--parallel", "--list"}) {
        CAPTURE(command);
        const testing::MainRun run = std::string(command) == "--list"
                                         ? testing::run_main(registry, {"--list"})
                                         : testing::run_main(registry, {"--parallel", "2"});
        CHECK(run.exit_code == 2);
        CHECK(run.err == printed);
        CHECK(run.out.empty());
    }
    CHECK(bodies == 0);
}

TEST_CASE("consistent declarations pass the start-up check, a class's checked once") {
    ctp::Registry registry;
    register_aside<SameBrowsers>(registry, "SameBrowsers", "first", [] {}, {ctp::pool("b", 2)});
    register_aside<SameBrowsers>(registry, "SameBrowsers", "second", [] {}, {ctp::shared("db")});
    register_aside<void>(registry, "Browse", "two", [] {}, {ctp::pool("b", 2), ctp::exclusive("b")});
    CHECK(ctp::detail::resource_errors(registry).empty());
    CHECK(ctp::run(registry, {}).passed == 3);

    // One bad class declaration, one message however many tests the class has.
    ctp::Registry bad;
    register_aside<SameBrowsers>(bad, "SameBrowsers", "first", [] {}, {});
    register_aside<SameBrowsers>(bad, "SameBrowsers", "second", [] {}, {});
    const int line = __LINE__ + 1;
    register_aside<void>(bad, "Browse", "one", [] {}, {ctp::pool("b", 1)});
    const std::vector<std::string> errors = ctp::detail::resource_errors(bad);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].rfind("pool \"b\" has two sizes: ctp::pool(\"b\", 2) at the decorators of class SameBrowsers (",
                          0) == 0);
    CHECK(errors[0].find(") and ctp::pool(\"b\", 1) at Browse.one (" + here(line) + ")") != std::string::npos);
}

// --------------------------------------------------------------------------------------------
// Semantics

namespace {

constexpr auto patience = std::chrono::seconds(10);

// Threads that meet: each call waits until `count` callers are in, or gives up after `patience`
// (false). Reusable: the next `count` callers meet afresh.
class Rendezvous {
public:
    bool meet(unsigned count) {
        std::unique_lock lock(mutex_);
        const unsigned generation = generation_;
        if (++arrived_ == count) {
            arrived_ = 0;
            ++generation_;
            met_.notify_all();
            return true;
        }
        if (met_.wait_for(lock, patience, [&] { return generation_ != generation; })) return true;
        --arrived_;
        return false;
    }

private:
    std::mutex mutex_;
    std::condition_variable met_;
    unsigned arrived_ = 0;
    unsigned generation_ = 0;
};

// How many run at once, and the most ever.
struct Occupancy {
    std::atomic<int> now{0};
    std::atomic<int> most{0};
    void enter() {
        const int current = ++now;
        for (int seen = most; current > seen && !most.compare_exchange_weak(seen, current);) {}
    }
    void leave() { --now; }
};

void pause_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

std::vector<std::string> shown_resources(const ctp::TestRecord& record) {
    std::vector<std::string> shown;
    for (const ctp::ResourceUse& use : record.resources) shown.push_back(ctp::detail::describe_use(use));
    std::sort(shown.begin(), shown.end());
    return shown;
}

}  // namespace

TEST_CASE("shared holders run together when workers are free") {
    Rendezvous rendezvous;
    ctp::Registry registry;
    for (const char* name : {"first", "second"})
        register_aside<void>(registry, "Readers", name, [&] { CTP_CHECK(rendezvous.meet(2)); }, {ctp::shared("db")});
    const ctp::Result result = ctp::run(registry, testing::parallel(2));
    CHECK(result.passed == 2);
    CHECK(shown_resources(testing::record(result, "Readers.first")) == std::vector<std::string>{"shared(db)"});
}

TEST_CASE("a pool of 2 admits 2 at once, never 3") {
    Rendezvous rendezvous;
    Occupancy browsers;
    ctp::Registry registry;
    for (int i = 0; i < 6; ++i)
        register_aside<void>(registry, "Browsers", "t" + std::to_string(i),
                             [&] {
                                 browsers.enter();
                                 CTP_CHECK(rendezvous.meet(2));  // the pool's other holder is there too
                                 pause_ms(2);
                                 browsers.leave();
                             },
                             {ctp::pool("browser", 2)});
    const ctp::Result result = ctp::run(registry, testing::parallel(4));
    CHECK(result.passed == 6);
    CHECK(browsers.most == 2);
    CHECK(shown_resources(testing::record(result, "Browsers.t0")) == std::vector<std::string>{"pool(browser, 2)"});
}

TEST_CASE("exclusive holders never overlap, nor overlap shared holders; free tests still do") {
    Rendezvous free_tests, readers;
    Occupancy writers;
    std::atomic<int> reading{0};
    ctp::Registry registry;
    for (int i = 0; i < 2; ++i)
        register_aside<void>(registry, "Db", "reads" + std::to_string(i),
                             [&] {
                                 ++reading;
                                 CTP_CHECK(writers.now == 0);
                                 CTP_CHECK(readers.meet(2));
                                 CTP_CHECK(writers.now == 0);
                                 --reading;
                             },
                             {ctp::shared("db")});
    for (int i = 0; i < 5; ++i)
        register_aside<void>(registry, "Db", "writes" + std::to_string(i),
                             [&] {
                                 writers.enter();
                                 CTP_CHECK(reading == 0);
                                 pause_ms(3);
                                 CTP_CHECK(reading == 0);
                                 writers.leave();
                             },
                             {ctp::exclusive("db")});
    for (int i = 0; i < 2; ++i)
        register_aside<void>(registry, "Free", "meets" + std::to_string(i), [&] { CTP_CHECK(free_tests.meet(2)); }, {});
    const ctp::Result result = ctp::run(registry, testing::parallel(4));
    CHECK(result.passed == 9);
    CHECK(writers.most == 1);
    CHECK(testing::record(result, "Free.meets0").resources.empty());
}

namespace {

using Nanoseconds = std::int64_t;
Nanoseconds now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(ctp::Clock::now().time_since_epoch()).count();
}

struct Window {
    Nanoseconds from = 0;
    Nanoseconds to = 0;
};

struct ExclusiveClass : ctp::TestCase {
    static inline const ctp::Decorators decorators{ctp::exclusive("db")};
    static inline Window hooks;
    static void set_up_class() {
        hooks.from = now_ns();
        pause_ms(3);
    }
    static void tear_down_class() {
        pause_ms(3);
        hooks.to = now_ns();
    }
};

}  // namespace

TEST_CASE("a class decorated ctp::exclusive holds it from set_up_class to tear_down_class") {
    std::mutex mutex;
    std::vector<Window> others;
    ctp::Registry registry;
    for (const char* name : {"first", "second"})
        register_aside<ExclusiveClass>(registry, "ExclusiveClass", name, [] { pause_ms(2); }, {});
    register_aside<ExclusiveClass>(registry, "ExclusiveClass", "reads", [] {}, {ctp::shared("other")});
    for (int i = 0; i < 4; ++i)
        register_aside<void>(registry, "Writer", "t" + std::to_string(i),
                             [&] {
                                 Window window{now_ns(), 0};
                                 pause_ms(3);
                                 window.to = now_ns();
                                 std::lock_guard lock(mutex);
                                 others.push_back(window);
                             },
                             {ctp::exclusive("db")});
    const ctp::Result result = ctp::run(registry, testing::parallel(4));
    CHECK(result.passed == 7);
    REQUIRE(others.size() == 4);
    REQUIRE(ExclusiveClass::hooks.from < ExclusiveClass::hooks.to);
    for (const Window& other : others)
        CHECK((other.to <= ExclusiveClass::hooks.from || other.from >= ExclusiveClass::hooks.to));
    CHECK(shown_resources(testing::record(result, "ExclusiveClass.first")) ==
          std::vector<std::string>{"exclusive(db)"});
    CHECK(shown_resources(testing::record(result, "ExclusiveClass.reads")) ==
          std::vector<std::string>{"exclusive(db)", "shared(other)"});
}

TEST_CASE("units without declarations run together as before, beside a unit that has some") {
    Rendezvous rendezvous;
    ctp::Registry registry;
    // Long enough that its worker claims the next unit alone, not a batch of short ones.
    register_aside<void>(registry, "Locked", "alone", [] { pause_ms(2); }, {ctp::exclusive("db")});
    for (int i = 0; i < 3; ++i)
        register_aside<void>(registry, "Free", "t" + std::to_string(i), [&] { CTP_CHECK(rendezvous.meet(3)); }, {});
    const ctp::Result result = ctp::run(registry, testing::parallel(3));
    CHECK(result.passed == 4);
}

// --------------------------------------------------------------------------------------------
// Randomised suites

namespace {

// CTP_STRESS_SEED picks another master seed (as for test_stress.cpp), CTP_STRESS_SUITES another
// count; builds with ThreadSanitizer, about ten times slower, run a quarter as many.
std::uint64_t master_seed() {
    const char* configured = std::getenv("CTP_STRESS_SEED");
    return configured != nullptr ? std::strtoull(configured, nullptr, 0) : 0x10C'5EED'2026ULL;
}

#if defined(__SANITIZE_THREAD__)
#define CTP_TESTS_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CTP_TESTS_TSAN 1
#endif  // __has_feature(thread_sanitizer)
#endif  // defined(__SANITIZE_THREAD__)

int suite_count() {
    if (const char* configured = std::getenv("CTP_STRESS_SUITES")) return std::atoi(configured);
#if defined(CTP_TESTS_TSAN)
    return 150;
#else
    return 600;
#endif  // defined(CTP_TESTS_TSAN)
}

// mt19937_64's output is fixed by the standard, std's distributions are not.
class Random {
public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}
    std::uint64_t below(std::uint64_t bound) { return engine_() % bound; }
    bool one_in(std::uint64_t chances) { return below(chances) == 0; }

private:
    std::mt19937_64 engine_;
};

// Where bodies and class hooks write what they did, one line per run of one: "T <test> <from>
// <to>" or "H <class> <from> <to>". Under --isolate they run in other processes, so a file:
// each line one write(2) to a file opened O_APPEND lands whole.
struct Journal {
    std::string path = "/tmp/ctp_resources_" + std::to_string(::getpid()) + ".log";
    ~Journal() { std::remove(path.c_str()); }
    void clear() const { ::close(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600)); }
    void write(char kind, std::size_t index, Nanoseconds from, Nanoseconds to) const {
        const std::string line = std::string(1, kind) + " " + std::to_string(index) + " " + std::to_string(from) + " " +
                                 std::to_string(to) + "\n";
        const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND);
        if (fd < 0) return;
        [[maybe_unused]] const auto written = ::write(fd, line.data(), line.size());
        ::close(fd);
    }
};

const Journal& journal() {
    static const Journal file;
    return file;
}

// Pool names keep one size everywhere; "x" and "y" are held shared or exclusive, "p2" and
// "p3" as a pool or exclusive.
struct Name {
    const char* name;
    unsigned pool;  // 0: not a pool
};
constexpr std::array<Name, 4> names{{{"x", 0}, {"y", 0}, {"p2", 2}, {"p3", 3}}};

Claims random_claims(Random& random) {
    Claims claims;
    for (std::size_t count = random.one_in(3) ? 0 : 1 + random.below(3); count > 0; --count) {
        const Name& name = names[random.below(names.size())];
        if (random.one_in(3)) claims.push_back(ctp::exclusive(name.name));
        else if (name.pool != 0) claims.push_back(ctp::pool(name.name, name.pool));
        else claims.push_back(ctp::shared(name.name));
    }
    return claims;
}

// A class's decorators, set by the generator before each suite runs: ctp::Decorators are
// fixed where they are made, and a class's are a static member. The runner reads them through
// decorations(), which is all a class's `decorators` needs.
struct SettableDecorators {
    ctp::detail::Decorations value{};
    std::vector<ctp::detail::ResourceClaim> claims;
    constexpr const ctp::detail::Decorations* decorations() const noexcept { return &value; }
    void set(const Claims& chosen) {
        claims.clear();
        for (const ctp::detail::Resource& resource : chosen) claims.push_back(resource.claim);
        for (std::size_t i = 0; i < claims.size(); ++i)
            claims[i].next = i + 1 < claims.size() ? &claims[i + 1] : nullptr;
        value.resources = claims.empty() ? nullptr : claims.data();
    }
};

template <int Id>
struct Generated : ctp::TestCase {
    static inline SettableDecorators decorators;
    static void set_up_class() { hook(); }
    static void tear_down_class() { hook(); }
    static void hook() {
        const Nanoseconds from = now_ns();
        pause_ms(static_cast<int>(from % 2));
        journal().write('H', Id, from, now_ns());
    }
};

struct ClassSlot {
    SettableDecorators* decorators;
    void (*add)(ctp::Registry&, const std::string& name, Body body, const Claims& claims);
};

template <int... Ids>
std::vector<ClassSlot> class_slots(std::integer_sequence<int, Ids...>) {
    return {ClassSlot{&Generated<Ids>::decorators,
                      [](ctp::Registry& registry, const std::string& name, Body body, const Claims& claims) {
                          register_aside<Generated<Ids>>(registry, "C" + std::to_string(Ids), name, std::move(body),
                                                         claims);
                      }}...};
}

const std::vector<ClassSlot>& classes() {
    static const std::vector<ClassSlot> slots = class_slots(std::make_integer_sequence<int, 5>());
    return slots;
}

enum class Planned { pass, fail, fail_once };

struct PlannedTest {
    std::string full_name;
    int fixture;  // an index into classes(); -1 for a free test
    Planned planned;
    Claims claims;
};

struct Suite {
    ctp::Registry registry;
    std::vector<PlannedTest> tests;
    std::vector<Claims> class_claims;  // per class slot, what its decorators declare
    std::unique_ptr<std::atomic<int>[]> attempts;
};

Suite generate(Random& random) {
    Suite suite;
    // The kind of each test in discovery order: -1 free, else a class slot.
    std::vector<int> kinds(random.below(12), -1);
    for (std::size_t count = random.below(4); count > 0; --count) {
        const int chosen = static_cast<int>(random.below(classes().size()));
        for (std::size_t n = 1 + random.below(4); n > 0; --n) kinds.push_back(chosen);
    }
    for (std::size_t i = kinds.size(); i > 1; --i) std::swap(kinds[i - 1], kinds[random.below(i)]);
    suite.class_claims.resize(classes().size());
    for (std::size_t c = 0; c < classes().size(); ++c) {
        suite.class_claims[c] = random.one_in(2) ? Claims{} : random_claims(random);
        classes()[c].decorators->set(suite.class_claims[c]);
    }
    suite.attempts = std::make_unique<std::atomic<int>[]>(kinds.size());
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        const Planned planned = random.one_in(12)   ? Planned::fail
                                : random.one_in(12) ? Planned::fail_once
                                                    : Planned::pass;
        const Claims claims = random_claims(random);
        const int sleep_us = static_cast<int>(random.below(1001));
        std::atomic<int>* attempts = &suite.attempts[i];
        Body body = [=] {
            const Nanoseconds from = now_ns();
            const int attempt = ++*attempts;
            std::this_thread::sleep_for(std::chrono::microseconds(sleep_us));
            journal().write('T', i, from, now_ns());
            CTP_CHECK((planned == Planned::pass || (planned == Planned::fail_once && attempt > 1)));
        };
        const std::string name = "t" + std::to_string(i);
        if (kinds[i] < 0) {
            register_aside<void>(suite.registry, "Free", name, std::move(body), claims);
            suite.tests.push_back({"Free." + name, -1, planned, claims});
        } else {
            classes()[static_cast<std::size_t>(kinds[i])].add(suite.registry, name, std::move(body), claims);
            suite.tests.push_back({"C" + std::to_string(kinds[i]) + "." + name, kinds[i], planned, claims});
        }
    }
    return suite;
}

ctp::Options random_options(Random& random) {
    ctp::Options options;
    options.parallel = static_cast<unsigned>(1 + random.below(8));
    if (random.one_in(2)) options.shuffle = random.below(1000);
    options.failfast = random.one_in(3);
    options.retries = static_cast<unsigned>(random.below(3));
#if defined(CTP_DETAIL_HAS_ISOLATE)
    options.isolate = random.one_in(8);
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)
    return options;
}

std::string describe(const ctp::Options& options) {
    return "--parallel " + std::to_string(options.parallel) +
           (options.shuffle ? " --shuffle " + std::to_string(*options.shuffle) : "") +
           (options.failfast ? " --failfast" : "") + " --retries " + std::to_string(options.retries) +
           (options.isolate ? " --isolate" : "");
}

// How a unit holds each name it declares: exclusive if any declaration says so, else a pool
// if one does, else shared.
void hold(std::map<std::string, ctp::detail::ResourceClaim>& held, const Claims& claims) {
    for (const ctp::detail::Resource& resource : claims) {
        auto [at, added] = held.emplace(resource.claim.name, resource.claim);
        if (!added &&
            (resource.claim.access == ctp::ResourceAccess::exclusive ||
             (resource.claim.access == ctp::ResourceAccess::pool && at->second.access == ctp::ResourceAccess::shared)))
            at->second = resource.claim;
    }
}

struct Unit {
    std::string name;
    std::map<std::string, ctp::detail::ResourceClaim> held;
    Window window{};  // from its first recorded start to its last recorded end
    bool ran = false;
};

// What one run got wrong, as text; empty when every invariant holds.
std::string violations(const Suite& suite, const ctp::Options& options, const ctp::Result& result) {
    std::string problems;
    const auto expect = [&](bool holds, const std::string& what) {
        if (!holds) problems += what + "\n";
    };
    const std::size_t found = suite.tests.size();

    // The units: one per free test, one per class that has tests.
    std::vector<Unit> units;
    std::vector<std::size_t> unit_of(found);
    std::map<int, std::size_t> class_unit;
    for (std::size_t i = 0; i < found; ++i) {
        const PlannedTest& test = suite.tests[i];
        if (test.fixture >= 0 && class_unit.count(test.fixture) != 0) {
            unit_of[i] = class_unit[test.fixture];
        } else {
            unit_of[i] = units.size();
            units.push_back({test.fixture >= 0 ? "class C" + std::to_string(test.fixture) : test.full_name, {}, {}});
            if (test.fixture >= 0) {
                class_unit[test.fixture] = unit_of[i];
                hold(units.back().held, suite.class_claims[static_cast<std::size_t>(test.fixture)]);
            }
        }
        hold(units[unit_of[i]].held, test.claims);
    }

    // What bodies and hooks wrote.
    std::vector<int> executions(found, 0);
    std::ifstream lines(journal().path);
    char kind = 0;
    std::size_t index = 0;
    Window window;
    while (lines >> kind >> index >> window.from >> window.to) {
        std::size_t unit = 0;
        if (kind == 'T' && index < found) {
            ++executions[index];
            unit = unit_of[index];
        } else if (kind == 'H' && class_unit.count(static_cast<int>(index)) != 0) {
            unit = class_unit[static_cast<int>(index)];
        } else {
            expect(false,
                   std::string("a journal line for nothing in the suite: ") + kind + " " + std::to_string(index));
            continue;
        }
        Unit& ran = units[unit];
        ran.window =
            ran.ran ? Window{std::min(ran.window.from, window.from), std::max(ran.window.to, window.to)} : window;
        ran.ran = true;
    }

    // Counters.
    expect(result.selected == found, "selected " + std::to_string(result.selected) + " of " + std::to_string(found));
    expect(result.ran() + result.not_run == result.selected, "ran + not_run != selected");
    expect(result.passed + result.failed + result.errors + result.skipped + result.expected_failures +
                   result.unexpected_successes ==
               result.ran(),
           "outcome counts do not add up to the records");
    if (!options.failfast) expect(result.not_run == 0, std::to_string(result.not_run) + " not run without --failfast");
    expect(result.aborted.empty(), "aborted: " + result.aborted);

    // Each record once, as planned; each body as often as the record's attempts, none for a test
    // not run.
    std::map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < found; ++i) position[suite.tests[i].full_name] = i;
    std::vector<const ctp::TestRecord*> by_test(found, nullptr);
    std::size_t flaky = 0;
    for (const ctp::TestRecord& record : result.tests) {
        const auto at = position.find(record.full_name());
        if (at == position.end()) {
            expect(false, "unknown record " + record.full_name());
            continue;
        }
        expect(by_test[at->second] == nullptr, record.full_name() + " recorded twice");
        by_test[at->second] = &record;
        flaky += record.flaky ? 1 : 0;
        const Planned planned = suite.tests[at->second].planned;
        const bool passes = planned == Planned::pass || (planned == Planned::fail_once && options.retries > 0);
        const unsigned attempts = planned == Planned::pass        ? 1
                                  : planned == Planned::fail_once ? (options.retries > 0 ? 2 : 1)
                                                                  : 1 + options.retries;
        expect(record.outcome == (passes ? ctp::Outcome::passed : ctp::Outcome::failed),
               record.full_name() + " " + ctp::to_string(record.outcome) + ", planned otherwise");
        expect(record.attempts == attempts, record.full_name() + " attempted " + std::to_string(record.attempts) +
                                                " times, planned " + std::to_string(attempts));
        expect(record.flaky == (planned == Planned::fail_once && passes), record.full_name() + " flaky is wrong");
        expect(record.worker >= 1 && record.worker <= options.parallel,
               record.full_name() + " on worker " + std::to_string(record.worker));
    }
    expect(flaky == result.flaky, "flaky count " + std::to_string(result.flaky) + ", records " + std::to_string(flaky));
    for (std::size_t i = 0; i < found; ++i) {
        const int expected = by_test[i] != nullptr ? static_cast<int>(by_test[i]->attempts) : 0;
        expect(executions[i] == expected, suite.tests[i].full_name + " ran " + std::to_string(executions[i]) +
                                              " times, its record says " + std::to_string(expected));
    }

    // Holders: an exclusive holder overlaps no other holder of its name; a pool of N has at most
    // N holders at any time.
    const auto overlap = [](const Window& a, const Window& b) { return a.from < b.to && b.from < a.to; };
    for (std::size_t a = 0; a < units.size(); ++a) {
        if (!units[a].ran) continue;
        for (const auto& [name, claim] : units[a].held) {
            if (claim.access == ctp::ResourceAccess::exclusive) {
                for (std::size_t b = 0; b < units.size(); ++b)
                    if (b != a && units[b].ran && units[b].held.count(name) != 0 &&
                        overlap(units[a].window, units[b].window))
                        expect(false, units[a].name + " holds exclusive(" + name + ") while " + units[b].name +
                                          " holds it too");
            } else if (claim.access == ctp::ResourceAccess::pool) {
                // At the moment a holder starts, count the holders running.
                unsigned holders = 0;
                for (std::size_t b = 0; b < units.size(); ++b)
                    if (units[b].ran && units[b].held.count(name) != 0 &&
                        units[b].window.from <= units[a].window.from && units[a].window.from < units[b].window.to)
                        ++holders;
                expect(holders <= claim.size, std::to_string(holders) + " hold pool(" + name + ", " +
                                                  std::to_string(claim.size) + ") when " + units[a].name + " starts");
            }
        }
    }
    return problems;
}

}  // namespace

TEST_CASE("random suites with random resource declarations keep every guarantee under random schedules") {
    const std::uint64_t seed = master_seed();
    const int count = suite_count();
    CAPTURE(seed);
    int failing = 0;
    for (int index = 0; index < count && failing < 3; ++index) {
        Random random(seed + static_cast<std::uint64_t>(index));
        const Suite suite = generate(random);
        const ctp::Options options = random_options(random);
        for (std::size_t i = 0; i < suite.tests.size(); ++i) suite.attempts[i] = 0;
        journal().clear();
        const ctp::Result result = ctp::run(suite.registry, options);
        const std::string problems = violations(suite, options, result);
        INFO("suite ", index, " (", suite.tests.size(), " tests, ", describe(options), ")");
        CHECK_MESSAGE(problems.empty(), problems);
        if (!problems.empty()) ++failing;
    }
}
