// Randomised schedules: hundreds of generated suites, each run serially for reference and
// then under random --parallel, --shuffle and --failfast, checked against what must hold
// whatever the schedule. Reproducible: suite i is generated from master_seed + i.
#include "testing.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>     // uint64_t
#include <cstdlib>     // getenv, strtoull
#include <functional>  // function
#include <map>
#include <memory>     // unique_ptr
#include <random>     // mt19937_64
#include <stdexcept>  // runtime_error
#include <string>
#include <thread>   // sleep_for
#include <utility>  // index_sequence
#include <vector>

namespace {

// CTP_STRESS_SEED picks another master seed, to hunt beyond the one CI runs.
std::uint64_t master_seed() {
    const char* configured = std::getenv("CTP_STRESS_SEED");
    return configured != nullptr ? std::strtoull(configured, nullptr, 0) : 0x5EED'C7B0'2024ULL;
}

constexpr int suite_count = 300;
constexpr int runs_per_suite = 2;  // after the reference run

// mt19937_64's output is fixed by the standard; std's distributions are not, so the same
// seed generates the same suites with every standard library.
class Random {
public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}
    std::uint64_t below(std::uint64_t bound) { return engine_() % bound; }
    bool one_in(std::uint64_t chances) { return below(chances) == 0; }
    template <class T, std::size_t N>
    T pick(const std::array<T, N>& items) {
        return items[below(N)];
    }

private:
    std::mt19937_64 engine_;
};

struct HookCounts {
    std::atomic<int> set_up{0};
    std::atomic<int> tear_down{0};
};

// Class hooks are static functions, so every generated class is its own instantiation.
template <class Base, int Id>
struct Generated : Base {
    static inline HookCounts counts;
    static void set_up_class() { ++counts.set_up; }
    static void tear_down_class() { ++counts.tear_down; }
};

struct NotAnException {};

enum class Planned { pass, check_fails, require_fails, throws_std, throws_other, skips };

ctp::Outcome expected_outcome(Planned planned) {
    switch (planned) {
        case Planned::pass: return ctp::Outcome::passed;
        case Planned::check_fails:
        case Planned::require_fails: return ctp::Outcome::failed;
        case Planned::throws_std:
        case Planned::throws_other: return ctp::Outcome::error;
        case Planned::skips: return ctp::Outcome::skipped;
    }
    return ctp::Outcome::error;
}

using Body = std::function<void()>;

// One fixture class the generator can put tests in.
struct ClassSlot {
    std::string suite;
    bool serial;
    HookCounts* counts;
    void (*add)(ctp::Registry&, const std::string& suite, const std::string& name, Body body);
};

template <class Fixture>
ClassSlot slot(std::string suite) {
    return {std::move(suite), ctp::is_serial_fixture_v<Fixture>, &Fixture::counts,
            [](ctp::Registry& registry, const std::string& suite, const std::string& name, Body body) {
                registry.add<Fixture>(suite, name, [body = std::move(body)](Fixture&) { body(); });
            }};
}

template <class Base, int... Ids>
void add_slots(std::vector<ClassSlot>& slots, const char* prefix, std::integer_sequence<int, Ids...>) {
    (slots.push_back(slot<Generated<Base, Ids>>(prefix + std::to_string(Ids))), ...);
}

const std::vector<ClassSlot>& class_pool() {
    static const std::vector<ClassSlot> pool = [] {
        std::vector<ClassSlot> slots;
        add_slots<ctp::TestCase>(slots, "Plain", std::make_integer_sequence<int, 6>());
        add_slots<ctp::LiveServerTestCase>(slots, "Live", std::make_integer_sequence<int, 4>());
        add_slots<ctp::SerialTestCase>(slots, "Serial", std::make_integer_sequence<int, 3>());
        return slots;
    }();
    return pool;
}

struct PlannedTest {
    std::string full_name;
    const ClassSlot* fixture;  // null for a free test
    Planned planned;
};

// A generated suite: its registry and, per test in discovery order, what it was meant to do
// and how often its body ran.
struct Suite {
    ctp::Registry registry;
    std::vector<PlannedTest> tests;
    std::unique_ptr<std::atomic<int>[]> executions;

    void reset_counters() const {
        for (std::size_t i = 0; i < tests.size(); ++i) executions[i] = 0;
        for (const ClassSlot& slot : class_pool()) slot.counts->set_up = 0, slot.counts->tear_down = 0;
    }
};

Body make_body(Planned planned, int sleep_ms, std::atomic<int>* executions) {
    return [=] {
        ++*executions;
        if (sleep_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
        switch (planned) {
            case Planned::pass: CTP_CHECK(sleep_ms >= 0); break;
            case Planned::check_fails: CTP_CHECK(sleep_ms < 0); break;
            case Planned::require_fails:
                CTP_REQUIRE(sleep_ms < 0);
                CTP_CHECK(false);
                break;
            case Planned::throws_std: throw std::runtime_error("planned");
            case Planned::throws_other: throw NotAnException{};
            case Planned::skips:
                CTP_SKIP("planned");
                CTP_CHECK(false);
                break;
        }
    };
}

Suite generate(Random& random) {
    // Which kind of test comes next, in discovery order: -1 free, else an index into the pool,
    // so that a class's tests need not be adjacent.
    std::vector<int> kinds(random.below(10), -1);
    const std::vector<ClassSlot>& pool = class_pool();
    for (std::size_t classes = random.below(6); classes > 0; --classes) {
        const int chosen = static_cast<int>(random.below(pool.size()));
        for (std::size_t n = 1 + random.below(5); n > 0; --n) kinds.push_back(chosen);
    }
    for (std::size_t i = kinds.size(); i > 1; --i) std::swap(kinds[i - 1], kinds[random.below(i)]);

    Suite suite;
    suite.executions = std::make_unique<std::atomic<int>[]>(kinds.size());
    constexpr std::array<Planned, 10> outcomes{
        Planned::pass,        Planned::pass,          Planned::pass,       Planned::pass,         Planned::pass,
        Planned::check_fails, Planned::require_fails, Planned::throws_std, Planned::throws_other, Planned::skips};
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        const ClassSlot* fixture = kinds[i] < 0 ? nullptr : &pool[static_cast<std::size_t>(kinds[i])];
        const Planned planned = random.pick(outcomes);
        const int sleep_ms = random.one_in(12) ? static_cast<int>(1 + random.below(2)) : 0;
        const std::string suite_name = fixture != nullptr ? fixture->suite : "Free";
        const std::string name = "t" + std::to_string(i);
        Body body = make_body(planned, sleep_ms, &suite.executions[i]);
        if (fixture != nullptr) fixture->add(suite.registry, suite_name, name, std::move(body));
        else suite.registry.add(suite_name, name, std::move(body));
        suite.tests.push_back({suite_name + "." + name, fixture, planned});
    }
    return suite;
}

ctp::Options random_options(Random& random) {
    ctp::Options options;
    options.parallel = random.pick(std::array<unsigned, 5>{0, 1, 2, 3, 8});
    if (random.one_in(2)) options.shuffle = random.below(1000);
    options.reverse = random.one_in(4);
    options.failfast = random.one_in(3);
    return options;
}

std::string describe(const ctp::Options& options) {
    return "parallel=" + std::to_string(options.parallel) +
           " shuffle=" + (options.shuffle ? std::to_string(*options.shuffle) : "none") +
           (options.reverse ? " reverse" : "") + " failfast=" + (options.failfast ? "yes" : "no");
}

bool overlap(const ctp::TestRecord& a, const ctp::TestRecord& b) { return a.start < b.end && b.start < a.end; }

// What one run got wrong, as text; empty when every invariant holds. `reference` is the
// serial run without --failfast, null for that run itself.
std::string violations(const Suite& suite, const ctp::Options& options, const ctp::Result& result,
                       const ctp::Result* reference) {
    std::string problems;
    auto expect = [&](bool holds, const std::string& what) {
        if (!holds) problems += what + "\n";
    };
    const std::size_t found = suite.tests.size();
    expect(result.selected == found, "found " + std::to_string(result.selected) + " of " + std::to_string(found));
    expect(result.ran() + result.not_run == result.selected, "ran + not_run != found");
    expect(result.passed + result.failed + result.errors + result.skipped == result.ran(), "counts do not add up");
    if (!options.failfast) expect(result.not_run == 0, "tests not run without --failfast");

    std::map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < found; ++i) position[suite.tests[i].full_name] = i;
    std::vector<const ctp::TestRecord*> by_test(found, nullptr);
    std::size_t previous = 0;
    for (const ctp::TestRecord& record : result.tests) {
        const auto at = position.find(record.full_name());
        if (at == position.end()) {
            expect(false, "unknown record " + record.full_name());
            continue;
        }
        const std::size_t index = at->second;
        expect(by_test[index] == nullptr, record.full_name() + " reported twice");
        expect(&record == &result.tests.front() || index > previous, record.full_name() + " out of discovery order");
        previous = index;
        by_test[index] = &record;
        const PlannedTest& planned = suite.tests[index];
        const bool serial = planned.fixture != nullptr && planned.fixture->serial;
        expect(record.phase == (serial ? ctp::Phase::serial : ctp::Phase::parallel),
               record.full_name() + " in the wrong phase");
        const bool on_caller = serial || options.parallel == 0;
        expect(on_caller ? record.worker == 0 : record.worker >= 1 && record.worker <= result.workers,
               record.full_name() + " on worker " + std::to_string(record.worker));
        expect(record.outcome == expected_outcome(planned.planned),
               record.full_name() + " " + ctp::to_string(record.outcome) + ", planned otherwise");
        expect(record.start >= result.start && record.end <= result.end && record.start <= record.end,
               record.full_name() + " timed outside the run");
    }
    for (std::size_t i = 0; i < found; ++i) {
        const int executions = suite.executions[i];
        expect(executions == (by_test[i] != nullptr ? 1 : 0),
               suite.tests[i].full_name + " executed " + std::to_string(executions) + " times");
    }

    for (const ctp::TestRecord& serial : result.tests) {
        if (serial.phase != ctp::Phase::serial) continue;
        for (const ctp::TestRecord& other : result.tests)
            if (&other != &serial && overlap(serial, other))
                expect(false, serial.full_name() + " overlaps " + other.full_name());
    }

    for (const ClassSlot& slot : class_pool()) {
        bool ran = false;
        for (std::size_t i = 0; i < found; ++i) ran = ran || (suite.tests[i].fixture == &slot && by_test[i] != nullptr);
        const int set_ups = slot.counts->set_up, tear_downs = slot.counts->tear_down;
        expect(set_ups == (ran ? 1 : 0) && tear_downs == set_ups,
               slot.suite + ": set_up_class " + std::to_string(set_ups) + ", tear_down_class " +
                   std::to_string(tear_downs) + (ran ? ", tests ran" : ", no test ran"));
    }

    if (reference != nullptr) {
        for (const ctp::TestRecord& record : result.tests) {
            const ctp::TestRecord& serial = testing::record(*reference, record.full_name());
            expect(record.outcome == serial.outcome && record.failures.size() == serial.failures.size() &&
                       record.skip_reason == serial.skip_reason,
                   record.full_name() + " differs from the serial run");
        }
        // --failfast only stops after a failure, so a suite without one runs whole.
        if (options.failfast) expect(result.not_run == 0 || !result.successful(), "stopped without a failure");
        if (options.failfast && !reference->successful()) expect(!result.successful(), "--failfast hid every failure");
    }
    return problems;
}

}  // namespace

TEST_CASE("random suites under random schedules keep every runner invariant") {
    const std::uint64_t seed = master_seed();
    CAPTURE(seed);
    int failing_runs = 0;
    for (int index = 0; index < suite_count && failing_runs < 3; ++index) {
        Random random(seed + static_cast<std::uint64_t>(index));
        const Suite suite = generate(random);
        suite.reset_counters();
        const ctp::Result reference = ctp::run(suite.registry, {});
        std::string problems = violations(suite, {}, reference, nullptr);
        for (int run = 0; run < runs_per_suite && problems.empty(); ++run) {
            const ctp::Options options = random_options(random);
            suite.reset_counters();
            const ctp::Result result = ctp::run(suite.registry, options);
            problems = violations(suite, options, result, &reference);
            if (!problems.empty()) problems = describe(options) + ":\n" + problems;
        }
        INFO("suite ", index, " (", suite.tests.size(), " tests)");
        CHECK_MESSAGE(problems.empty(), problems);
        if (!problems.empty()) ++failing_runs;
    }
}
