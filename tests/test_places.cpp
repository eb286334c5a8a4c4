// What a test knows of where it runs (ctp::worker_index, ctp::worker_count) and the guarded
// changes of the process's state (ctp::ScopedEnv, ctp::ScopedCwd). The tests are registered
// with the macros (the global registry) and run through a private registry of their suites.
#include "testing.hpp"

#include <atomic>
#include <chrono>
#include <csignal>  // raise, SIGSEGV
#include <cstdlib>  // getenv, setenv, unsetenv
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <poll.h>
#include <unistd.h>  // pipe, read, write, close

namespace {

ctp::Registry suites(std::initializer_list<std::string_view> names) {
    ctp::Registry registry;
    for (const ctp::detail::TestInfo* info : ctp::Registry::global().tests())
        for (std::string_view name : names)
            if (info->suite() == name) registry.add(*info);
    return registry;
}

std::string place_text() {
    return "worker " + std::to_string(ctp::worker_index()) + " of " + std::to_string(ctp::worker_count());
}

// With threads, two tests that wait for each other are on two workers at once. A bound
// instead of a hang if the other never comes; it is not what the test measures.
std::atomic<bool> meeting{false};
std::atomic<int> arrived{0};

bool meet() {
    ++arrived;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (arrived.load() < 2)
        if (std::chrono::steady_clock::now() > give_up) return false;
        else std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return true;
}

// A test reports where it ran as its skip reason, which comes back from a worker process too.
void report_place() {
    const std::string place = place_text();
    if (meeting.load() && !meet()) CTP_FAIL("the other test never came");
    CTP_SKIP(place);
}

// Between forked workers: the test after a crash tells the waiting one that it ran.
int relay[2] = {-1, -1};

}  // namespace

CTP_TEST(Where, first) { report_place(); }
CTP_TEST(Where, second) { report_place(); }
CTP_TEST(WhereSerial, alone, ctp::serial()) { report_place(); }

CTP_TEST(WhereThread, started) {
    std::string from_thread, without_context;
    {
        ctp::jthread thread([&] { from_thread = place_text(); });
    }
    std::thread([&] { without_context = place_text(); }).join();
    CTP_SKIP(place_text() + " / " + from_thread + " / " + without_context);
}

struct Crashing : ctp::TestCase {};

CTP_TEST_F(Crashing, crashes) { std::raise(SIGSEGV); }
CTP_TEST_F(Crashing, after) {
    const char byte = 1;
    CTP_REQUIRE(write(relay[1], &byte, 1) == 1);
    report_place();
}
CTP_TEST(Waiting, for_replacement) {
    pollfd relayed{relay[0], POLLIN, 0};
    CTP_REQUIRE(poll(&relayed, 1, 60'000) == 1);
    report_place();
}

namespace {

constexpr const char* set_name = "CTP_PLACES_SET";      // "old" while the self-tests run
constexpr const char* unset_name = "CTP_PLACES_UNSET";  // never set outside a ScopedEnv
int refused_env_line = 0;
int refused_cwd_line = 0;
std::filesystem::path scratch;  // a directory for ScopedCwd to go to

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "(unset)";
}

// Every form of ScopedEnv, each restored at the end of its scope.
void change_env() {
    {
        const ctp::ScopedEnv changed(set_name, "new");
        CTP_CHECK(env(set_name) == "new");
        {
            const ctp::ScopedEnv removed(set_name, nullptr);
            CTP_CHECK(env(set_name) == "(unset)");
        }
        CTP_CHECK(env(set_name) == "new");
        const ctp::ScopedEnv added(std::string(unset_name), std::string("added"));
        CTP_CHECK(env(unset_name) == "added");
    }
    CTP_CHECK(env(set_name) == "old");
    CTP_CHECK(env(unset_name) == "(unset)");
}

void change_cwd() {
    const std::filesystem::path before = std::filesystem::current_path();
    {
        const ctp::ScopedCwd moved(scratch);
        CTP_CHECK(std::filesystem::equivalent(std::filesystem::current_path(), scratch));
        {
            const ctp::ScopedCwd back(before.string());
            CTP_CHECK(std::filesystem::current_path() == before);
        }
        CTP_CHECK(std::filesystem::equivalent(std::filesystem::current_path(), scratch));
    }
    CTP_CHECK(std::filesystem::current_path() == before);
}

}  // namespace

CTP_TEST(EnvFree, changes) { change_env(); }
CTP_TEST(CwdFree, changes) { change_cwd(); }
CTP_TEST(EnvAllowed, changes, ctp::exclusive(ctp::env)) { change_env(); }
CTP_TEST(CwdAllowed, changes, ctp::exclusive(ctp::cwd)) { change_cwd(); }
CTP_TEST(EnvShared, changes, ctp::shared(ctp::env)) { change_env(); }
CTP_TEST(SerialBoth, changes, ctp::serial()) {
    change_env();
    change_cwd();
}

struct BothClass : ctp::TestCase {
    static inline const ctp::Decorators decorators{ctp::exclusive(ctp::env), ctp::exclusive(ctp::cwd)};
};

CTP_TEST_F(BothClass, changes_env) { change_env(); }
CTP_TEST_F(BothClass, changes_cwd) { change_cwd(); }

CTP_TEST(EnvRefused, stops) {
    // clang-format off
    refused_env_line = __LINE__; const ctp::ScopedEnv changed(set_name, "new");
    // clang-format on
    CTP_FAIL("not reached");
}
CTP_TEST(CwdRefused, stops) {
    // clang-format off
    refused_cwd_line = __LINE__; const ctp::ScopedCwd moved(scratch);
    // clang-format on
    CTP_FAIL("not reached");
}

CTP_TEST(EnvBad, name) {
    const ctp::ScopedEnv changed("CTP=PLACES", "x");
    CTP_FAIL("not reached");
}
CTP_TEST(CwdBad, path) {
    const ctp::ScopedCwd moved("/nonexistent/ctp-places");
    CTP_FAIL("not reached");
}

namespace {

#if defined(CTP_DETAIL_HAS_ISOLATE)
ctp::Options isolated(unsigned workers) {
    ctp::Options options = testing::parallel(workers);
    options.isolate = true;
    return options;
}
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)

// Threads and, where the platform has them, forked workers.
std::vector<ctp::Options> modes(unsigned workers) {
    std::vector<ctp::Options> all{testing::parallel(workers)};
#if defined(CTP_DETAIL_HAS_ISOLATE)
    all.push_back(isolated(workers));
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)
    return all;
}

std::string describe(const ctp::Options& options) {
    return "parallel " + std::to_string(options.parallel) + (options.isolate ? " isolated" : "");
}

// Where a reporting test said it ran.
const std::string& reported(const ctp::Result& result, const std::string& name) {
    const ctp::TestRecord& record = testing::record(result, name);
    CHECK_MESSAGE(record.outcome == ctp::Outcome::skipped, name);
    return record.skip_reason;
}

std::string worker_text(unsigned index, unsigned count) {
    return "worker " + std::to_string(index) + " of " + std::to_string(count);
}

struct Environment {
    Environment() {
        setenv(set_name, "old", 1);
        unsetenv(unset_name);
        scratch = std::filesystem::temp_directory_path() / ("ctp-places-" + std::to_string(getpid()));
        std::filesystem::create_directories(scratch);
    }
    ~Environment() {
        std::error_code ignored;
        std::filesystem::remove_all(scratch, ignored);
        unsetenv(set_name);
    }
};

const ctp::Failure& only_failure(const ctp::Result& result, const std::string& name) {
    const ctp::TestRecord& record = testing::record(result, name);
    CHECK(record.outcome == ctp::Outcome::failed);
    REQUIRE(record.failures.size() == 1);  // the test stopped there
    CHECK(record.failures[0].file.find("test_places.cpp") != std::string::npos);
    return record.failures[0];
}

}  // namespace

TEST_CASE("outside any test, there is no worker") {
    CHECK(ctp::worker_index() == 0);
    CHECK(ctp::worker_count() == 0);
}

TEST_CASE("without --parallel a test is worker 1 of 1, with or without --isolate") {
    std::vector<ctp::Options> all{ctp::Options{}};
#if defined(CTP_DETAIL_HAS_ISOLATE)
    all.push_back(isolated(0));
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)
    for (const ctp::Options& options : all) {
        CAPTURE(describe(options));
        const ctp::Result result = ctp::run(suites({"Where", "WhereSerial"}), options);
        for (const char* name : {"Where.first", "Where.second", "WhereSerial.alone"}) {
            CAPTURE(name);
            CHECK(reported(result, name) == "worker 1 of 1");
            CHECK(testing::record(result, name).worker == 0);
        }
    }
}

TEST_CASE("in the pool a test is its worker's number of the pool's workers, as TestRecord::worker says") {
    for (const ctp::Options& options : modes(2)) {
        CAPTURE(describe(options));
        meeting = !options.isolate;  // forked workers take the first two units at once anyway
        arrived = 0;
        const ctp::Result result = ctp::run(suites({"Where", "WhereSerial"}), options);
        meeting = false;
        std::vector<unsigned> seen;
        for (const char* name : {"Where.first", "Where.second"}) {
            CAPTURE(name);
            const ctp::TestRecord& record = testing::record(result, name);
            CHECK(record.phase == ctp::Phase::parallel);
            CHECK(reported(result, name) == worker_text(record.worker, 2));
            seen.push_back(record.worker);
        }
        CHECK(((seen == std::vector<unsigned>{1, 2}) || (seen == std::vector<unsigned>{2, 1})));
        // The serial phase is worker 1 of the pool's number, its records worker 0.
        CHECK(reported(result, "WhereSerial.alone") == "worker 1 of 2");
        CHECK(testing::record(result, "WhereSerial.alone").worker == 0);
        CHECK(testing::record(result, "WhereSerial.alone").phase == ctp::Phase::serial);
    }
}

TEST_CASE("ctp::worker_count is at most one worker per unit of the pool") {
    for (const ctp::Options& options : modes(4)) {
        CAPTURE(describe(options));
        const ctp::Result result = ctp::run(suites({"Where", "WhereSerial"}), options);
        CHECK(result.workers == 2);
        CHECK(reported(result, "WhereSerial.alone") == "worker 1 of 2");
        for (const char* name : {"Where.first", "Where.second"})
            CHECK(reported(result, name) == worker_text(testing::record(result, name).worker, 2));
    }
}

TEST_CASE("a ctp::jthread sees its test's worker; a thread without the test's context sees none") {
    std::vector<ctp::Options> all = modes(2);
    all.push_back(ctp::Options{});
    for (const ctp::Options& options : all) {
        CAPTURE(describe(options));
        const ctp::Result result = ctp::run(suites({"WhereThread"}), options);
        const std::string own = worker_text(1, 1);
        CHECK(reported(result, "WhereThread.started") == own + " / " + own + " / worker 0 of 0");
    }
}

#if defined(CTP_DETAIL_HAS_ISOLATE)
TEST_CASE("--isolate: a worker process that replaces a crashed one takes its number") {
    REQUIRE(pipe(relay) == 0);
    // Worker 1 takes Crashing, worker 2 Waiting, which waits until Crashing.after has run, on
    // worker 1's replacement: the only idle worker then.
    const ctp::Result result = ctp::run(suites({"Crashing", "Waiting"}), isolated(2));
    close(relay[0]);
    close(relay[1]);
    const ctp::TestRecord& crashed = testing::record(result, "Crashing.crashes");
    CHECK(crashed.outcome == ctp::Outcome::error);
    CHECK(crashed.worker == 1);
    CHECK(testing::record(result, "Crashing.after").worker == 1);
    CHECK(reported(result, "Crashing.after") == "worker 1 of 2");
    CHECK(testing::record(result, "Waiting.for_replacement").worker == 2);
    CHECK(reported(result, "Waiting.for_replacement") == "worker 2 of 2");
}
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)

TEST_CASE("ctp::ScopedEnv and ctp::ScopedCwd restore what was there, outside the runner too") {
    const Environment environment;
    change_env();  // its CTP_CHECKs outside any test would print and not throw: check again
    CHECK(env(set_name) == "old");
    CHECK(env(unset_name) == "(unset)");
    const std::filesystem::path before = std::filesystem::current_path();
    {
        const ctp::ScopedCwd moved(scratch.c_str());
        CHECK(std::filesystem::equivalent(std::filesystem::current_path(), scratch));
    }
    CHECK(std::filesystem::current_path() == before);
}

TEST_CASE("outside the pool ctp::ScopedEnv and ctp::ScopedCwd need no declaration") {
    const Environment environment;
    std::vector<ctp::Options> all{ctp::Options{}};
#if defined(CTP_DETAIL_HAS_ISOLATE)
    all.push_back(isolated(0));
#endif  // defined(CTP_DETAIL_HAS_ISOLATE)
    for (const ctp::Options& options : all) {
        CAPTURE(describe(options));
        const ctp::Result result = ctp::run(suites({"EnvFree", "CwdFree", "EnvShared"}), options);
        CHECK(result.passed == 3);
    }
    // The serial phase runs alone.
    for (const ctp::Options& options : modes(2)) {
        CAPTURE(describe(options));
        CHECK(ctp::run(suites({"SerialBoth", "Where"}), options).passed == 1);
    }
    CHECK(env(set_name) == "old");
    CHECK(env(unset_name) == "(unset)");
}

TEST_CASE("in the pool they need ctp::exclusive(ctp::env) / ctp::exclusive(ctp::cwd), on the test or its class") {
    const Environment environment;
    const std::filesystem::path before = std::filesystem::current_path();
    for (const ctp::Options& options : modes(2)) {
        CAPTURE(describe(options));
        const ctp::Result result = ctp::run(suites({"EnvAllowed", "CwdAllowed", "BothClass"}), options);
        CHECK(result.passed == 4);
        for (const ctp::TestRecord& record : result.tests) CHECK_MESSAGE(record.failures.empty(), record.full_name());
    }
    CHECK(env(set_name) == "old");
    CHECK(std::filesystem::current_path() == before);
}

TEST_CASE("in the pool without the declaration they fail the test, saying which decorator to add") {
    const Environment environment;
    const std::filesystem::path before = std::filesystem::current_path();
    for (const ctp::Options& options : modes(2)) {
        CAPTURE(describe(options));
        const ctp::Result result = ctp::run(suites({"EnvRefused", "CwdRefused", "EnvShared"}), options);
        CHECK(result.failed == 3);
        const ctp::Failure& env_failure = only_failure(result, "EnvRefused.stops");
        CHECK(env_failure.message ==
              "ctp::ScopedEnv(\"CTP_PLACES_SET\") in a test that runs in the pool: other tests read the environment "
              "at the same time; add ctp::exclusive(ctp::env) to its decorators");
        const ctp::Failure& cwd_failure = only_failure(result, "CwdRefused.stops");
        CHECK(cwd_failure.message == "ctp::ScopedCwd(\"" + scratch.string() +
                                         "\") in a test that runs in the pool: other tests use the working directory "
                                         "at the same time; add ctp::exclusive(ctp::cwd) to its decorators");
        if (!options.isolate) {  // a worker process has its own copy of these lines
            CHECK(env_failure.line == refused_env_line);
            CHECK(cwd_failure.line == refused_cwd_line);
        }
        CHECK(env_failure.line > 0);
        // ctp::shared(ctp::env) is not enough: others that share it read it meanwhile.
        CHECK(only_failure(result, "EnvShared.changes").message.find("add ctp::exclusive(ctp::env)") !=
              std::string::npos);
    }
    CHECK(env(set_name) == "old");
    CHECK(std::filesystem::current_path() == before);
}

TEST_CASE("a failed setenv or chdir fails the test with the system's reason") {
    const Environment environment;
    const std::filesystem::path before = std::filesystem::current_path();
    const ctp::Result result = ctp::run(suites({"EnvBad", "CwdBad"}), {});
    CHECK(only_failure(result, "EnvBad.name").message ==
          "ctp::ScopedEnv(\"CTP=PLACES\"): setenv failed: Invalid argument");
    CHECK(only_failure(result, "CwdBad.path").message ==
          "ctp::ScopedCwd(\"/nonexistent/ctp-places\"): chdir failed: No such file or directory");
    CHECK(std::filesystem::current_path() == before);
}
