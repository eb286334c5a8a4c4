// Shards balanced by recorded durations: longest processing time first over units, whole
// fixture classes, unrecorded tests by hash, the same on every machine.
#include "testing.hpp"

#include <unistd.h>  // getpid

#include <cstdio>  // remove
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct Big : ctp::TestCase {};
struct Mid : ctp::TestCase {};
struct Fresh : ctp::TestCase {};

std::string temporary_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() /
            ("ctp_selftest_" + std::to_string(::getpid()) + "_shard_durations_" + name))
        .string();
}

// A file removed when the test ends.
struct DurationsFile {
    std::string path;
    DurationsFile(const std::string& name, const std::string& text) : path(temporary_path(name)) {
        std::ofstream(path, std::ios::trunc) << text;
    }
    ~DurationsFile() { std::remove(path.c_str()); }
    std::string text() const {
        std::ifstream in(path);
        return {std::istreambuf_iterator<char>(in), {}};
    }
};

// Two classes of 500 and 400 ms, five free tests; Free.d registered before Free.c, which take
// the same time, so that the tie is broken by name and not by registration order.
const char* const recorded =
    "0.300000\tBig.t0\n0.200000\tBig.t1\n0.250000\tMid.t0\n0.150000\tMid.t1\n"
    "0.350000\tFree.a\n0.300000\tFree.b\n0.100000\tFree.c\n0.100000\tFree.d\n"
    "0.050000\tFree.e\n";

// The tests, each a function that adds it; `order` is the order in which they are added.
using Adder = void (*)(ctp::Registry&);
const std::vector<Adder> small_suite = {
    [](ctp::Registry& r) { r.add<Big>("Big", "t0", [](Big&) {}); },
    [](ctp::Registry& r) { r.add<Big>("Big", "t1", [](Big&) {}); },
    [](ctp::Registry& r) { r.add<Mid>("Mid", "t0", [](Mid&) {}); },
    [](ctp::Registry& r) { r.add<Mid>("Mid", "t1", [](Mid&) {}); },
    [](ctp::Registry& r) { r.add("Free", "a", [] {}); },
    [](ctp::Registry& r) { r.add("Free", "b", [] {}); },
    [](ctp::Registry& r) { r.add("Free", "d", [] {}); },
    [](ctp::Registry& r) { r.add("Free", "c", [] {}); },
    [](ctp::Registry& r) { r.add("Free", "e", [] {}); },
};

ctp::Registry registry_of(const std::vector<Adder>& adders, const std::vector<std::size_t>& order) {
    ctp::Registry registry;
    for (const std::size_t i : order) adders[i](registry);
    return registry;
}

ctp::Registry registry_of(const std::vector<Adder>& adders) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < adders.size(); ++i) order.push_back(i);
    return registry_of(adders, order);
}

// The full names of shard `index` of `count`, in discovery order.
std::vector<std::string> shard_tests(const ctp::Registry& registry, unsigned index, unsigned count,
                                     const std::string& durations_file) {
    ctp::Options options;
    options.shard = ctp::Shard{index, count};
    options.durations_file = durations_file;
    const ctp::detail::Plan plan = ctp::detail::make_plan(registry, options);
    std::vector<std::string> names;
    for (const ctp::detail::TestInfo* info : plan.tests) names.push_back(ctp::detail::full_name(*info));
    return names;
}

// Each test's shard, over all shards of `count`; a test in two shards fails the check.
std::map<std::string, unsigned> assignment(const ctp::Registry& registry, unsigned count,
                                           const std::string& durations_file) {
    std::map<std::string, unsigned> shard_of;
    for (unsigned index = 1; index <= count; ++index)
        for (const std::string& name : shard_tests(registry, index, count, durations_file)) {
            CHECK_MESSAGE(shard_of.count(name) == 0, name);
            shard_of[name] = index;
        }
    return shard_of;
}

}  // namespace

TEST_CASE("recorded durations: longest unit first to the least loaded shard, ties by name and lowest shard") {
    const DurationsFile file("lpt.tsv", recorded);
    const ctp::Registry registry = registry_of(small_suite);
    // By hand: Big 500 -> 1; Mid 400 -> 2; Free.a 350 -> 3; Free.b 300 -> 3 (650); Free.c 100
    // (before Free.d: by name) -> 2 (500); Free.d 100 -> 1 (600; shards 1 and 2 both had 500,
    // the lower index wins); Free.e 50 -> 2 (550).
    CHECK(shard_tests(registry, 1, 3, file.path) == std::vector<std::string>{"Big.t0", "Big.t1", "Free.d"});
    CHECK(shard_tests(registry, 2, 3, file.path) == std::vector<std::string>{"Mid.t0", "Mid.t1", "Free.c", "Free.e"});
    CHECK(shard_tests(registry, 3, 3, file.path) == std::vector<std::string>{"Free.a", "Free.b"});
    // Two shards: Big 500 -> 1, Mid 400 -> 2, Free.a -> 2 (750), Free.b -> 1 (800), Free.c -> 2
    // (850), Free.d -> 1 (900), Free.e -> 2 (900).
    CHECK(shard_tests(registry, 1, 2, file.path) == std::vector<std::string>{"Big.t0", "Big.t1", "Free.b", "Free.d"});
    CHECK(shard_tests(registry, 2, 2, file.path) ==
          std::vector<std::string>{"Mid.t0", "Mid.t1", "Free.a", "Free.c", "Free.e"});
    // More shards than units: each unit alone, the rest empty.
    const std::map<std::string, unsigned> nine = assignment(registry, 9, file.path);
    CHECK(nine.at("Big.t0") == 1);
    CHECK(nine.at("Big.t1") == 1);
    CHECK(nine.at("Free.e") == 7);
    CHECK(shard_tests(registry, 8, 9, file.path).empty());
}

TEST_CASE("recorded durations: without the file, or with a missing one, shards go by the name's hash as before") {
    const ctp::Registry registry = registry_of(small_suite);
    const std::string missing = temporary_path("missing.tsv");
    std::remove(missing.c_str());
    for (unsigned count = 1; count <= 5; ++count)
        for (const auto& assigned : assignment(registry, count, missing)) {
            const std::string& name = assigned.first;
            const unsigned shard = assigned.second;
            CAPTURE(name);
            const ctp::detail::TestInfo* info = nullptr;
            for (const ctp::detail::TestInfo* test : registry.tests())
                if (ctp::detail::full_name(*test) == name) info = test;
            REQUIRE(info != nullptr);
            CHECK(shard == ctp::detail::shard_of(*info, count));
            CHECK(assignment(registry, count, "").at(name) == shard);
        }
}

TEST_CASE("recorded durations: every test in exactly one shard, classes whole, for 1 to 5 shards") {
    // Some recorded tests, some not, a class recorded in part and one not at all.
    const DurationsFile file("whole.tsv", recorded);
    ctp::Registry registry = registry_of(small_suite);
    registry.add<Big>("Big", "t2", [](Big&) {});
    registry.add<Fresh>("Fresh", "t0", [](Fresh&) {});
    registry.add<Fresh>("Fresh", "t1", [](Fresh&) {});
    for (int i = 0; i < 12; ++i) registry.add("New", "n" + std::to_string(i), [] {});
    for (unsigned count = 1; count <= 5; ++count) {
        CAPTURE(count);
        const std::map<std::string, unsigned> shard = assignment(registry, count, file.path);
        CHECK(shard.size() == registry.size());  // the union is every test
        for (const char* name : {"Big.t1", "Big.t2"}) CHECK(shard.at(name) == shard.at("Big.t0"));
        CHECK(shard.at("Mid.t1") == shard.at("Mid.t0"));
        CHECK(shard.at("Fresh.t1") == shard.at("Fresh.t0"));
    }
}

TEST_CASE("recorded durations: new tests go by hash and move no recorded one; stale names are ignored") {
    const DurationsFile file("new.tsv", recorded);
    const ctp::Registry before = registry_of(small_suite);
    std::vector<Adder> suite = small_suite;
    // A new test in a recorded class, a new free test whose name sorts first, a new class.
    suite.push_back([](ctp::Registry& r) { r.add<Mid>("Mid", "a_new", [](Mid&) {}); });
    suite.push_back([](ctp::Registry& r) { r.add("A", "new", [] {}); });
    suite.push_back([](ctp::Registry& r) { r.add<Fresh>("Fresh", "t0", [](Fresh&) {}); });
    const ctp::Registry after = registry_of(suite);
    const DurationsFile stale("stale.tsv", std::string(recorded) + "9.000000\tGone.test\n5.000000\tBig.gone\n");
    for (unsigned count = 2; count <= 4; ++count) {
        CAPTURE(count);
        const std::map<std::string, unsigned> old_shards = assignment(before, count, file.path);
        std::map<std::string, unsigned> new_shards = assignment(after, count, file.path);
        CHECK(new_shards.at("Mid.a_new") == new_shards.at("Mid.t0"));
        for (const ctp::detail::TestInfo* info : after.tests()) {
            const std::string name = ctp::detail::full_name(*info);
            if (name == "A.new" || name == "Fresh.t0")
                CHECK(new_shards.at(name) == ctp::detail::shard_of(*info, count));
        }
        new_shards.erase("Mid.a_new");
        new_shards.erase("A.new");
        new_shards.erase("Fresh.t0");
        CHECK(new_shards == old_shards);
        CHECK(assignment(before, count, stale.path) == old_shards);
    }
}

TEST_CASE("recorded durations: the same assignment whatever the registration order") {
    std::vector<Adder> suite = small_suite;
    suite.push_back([](ctp::Registry& r) { r.add("Free", "f", [] {}); });  // unrecorded
    suite.push_back([](ctp::Registry& r) { r.add("Free", "g", [] {}); });  // unrecorded
    suite.push_back([](ctp::Registry& r) { r.add("Tie", "x", [] {}); });   // all 100 ms
    suite.push_back([](ctp::Registry& r) { r.add("Tie", "y", [] {}); });
    suite.push_back([](ctp::Registry& r) { r.add("Tie", "z", [] {}); });
    const DurationsFile file("order.tsv", std::string(recorded) + "0.1\tTie.x\n0.1\tTie.y\n0.1\tTie.z\n");
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < suite.size(); ++i) order.push_back(i);
    const std::map<std::string, unsigned> reference = assignment(registry_of(suite, order), 4, file.path);
    ctp::detail::SplitMix64 engine(7);
    for (int round = 0; round < 20; ++round) {
        ctp::detail::shuffle(std::span(order), engine);
        CAPTURE(round);
        CHECK(assignment(registry_of(suite, order), 4, file.path) == reference);
    }
}

TEST_CASE("recorded durations: --list, the environment's shards, and a file a sharded run only reads") {
    const DurationsFile file("list.tsv", recorded);
    const ctp::Registry registry = registry_of(small_suite);
    const testing::MainRun listed =
        testing::run_main(registry, {"--list", "--shard", "3/3", "--durations-file", file.path.c_str()});
    CHECK(listed.exit_code == 0);
    CHECK(listed.out.find("Free.a") != std::string::npos);
    CHECK(listed.out.find("Free.b") != std::string::npos);
    CHECK(listed.out.find("Big.t0") == std::string::npos);
    CHECK(listed.out.find("Free.c") == std::string::npos);

    ::setenv("TEST_TOTAL_SHARDS", "3", 1);
    ::setenv("TEST_SHARD_INDEX", "2", 1);
    const testing::MainRun environment = testing::run_main(registry, {"--list", "--durations-file", file.path.c_str()});
    ::unsetenv("TEST_TOTAL_SHARDS");
    ::unsetenv("TEST_SHARD_INDEX");
    CHECK(environment.exit_code == 0);
    CHECK(environment.out == listed.out);

    const testing::MainRun ran =
        testing::run_main(registry, {"-q", "--shard", "1/3", "--durations-file", file.path.c_str()});
    CHECK(ran.exit_code == 0);
    CHECK(file.text() == recorded);
}

TEST_CASE("recorded durations: a malformed file is a usage error in a sharded run, a warning otherwise") {
    const DurationsFile file("bad.tsv", "0.5\tFree.a\n0.25 Free.b\n");
    const ctp::Registry registry = registry_of(small_suite);
    const std::string message =
        "--durations-file " + file.path +
        ": line 2 is not 'seconds<TAB>name'; shards are assigned by it, so it cannot be ignored";
    const testing::MainRun run = testing::run_main(registry, {"--shard", "1/2", "--durations-file", file.path.c_str()});
    CHECK(run.exit_code == ctp::exit_usage);
    CHECK(run.out.empty());
    CHECK(run.err == "error: " + message + "\n");
    CHECK(testing::run_main(registry, {"--list", "--shard", "2/2", "--durations-file", file.path.c_str()}).exit_code ==
          ctp::exit_usage);

    ctp::Options options;
    options.shard = ctp::Shard{1, 2};
    options.durations_file = file.path;
    CHECK_THROWS_WITH_AS(ctp::run(registry, options), message.c_str(), std::invalid_argument);

    // One shard is no sharding: the file only orders the run.
    options.shard = ctp::Shard{1, 1};
    const ctp::Result result = ctp::run(registry, options);
    REQUIRE(result.warnings.size() == 1);
    CHECK(result.warnings[0].find("line 2 is not 'seconds<TAB>name'; the file is ignored") != std::string::npos);
    CHECK(result.ran() == registry.size());
}
