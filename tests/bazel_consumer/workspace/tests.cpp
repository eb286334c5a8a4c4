// The suite that tests/bazel_consumer/run.py runs under `bazel test` in four shards: fixture
// classes (each stays whole in one shard), free tests, and one test that fails only when
// CTP_BAZEL_FAIL is set, to show that a failure fails its own shard alone.
#define CTP_MAIN
#include <ctp/ctp.hpp>

#include <cstdlib>  // getenv
#include <string>
#include <vector>

#include <unistd.h>  // readlink

struct Counter : ctp::TestCase {
    static inline int classes_set_up = 0;
    static void set_up_class() { ++classes_set_up; }
    void set_up() override { value = 10; }
    int value = 0;
};

CTP_TEST_F(Counter, starts_at_ten) { CTP_CHECK(value == 10); }
CTP_TEST_F(Counter, adds) { CTP_CHECK(value + 5 == 15); }
CTP_TEST_F(Counter, subtracts) { CTP_CHECK(value - 3 == 7); }
CTP_TEST_F(Counter, class_set_up_once) { CTP_CHECK(classes_set_up == 1); }

struct Words : ctp::TestCase {
    void set_up() override { words = {"header", "only"}; }
    std::vector<std::string> words;
};

CTP_TEST_F(Words, counts) { CTP_CHECK(words.size() == 2u); }
CTP_TEST_F(Words, joins) { CTP_CHECK(words[0] + "-" + words[1] == "header-only"); }
CTP_TEST_F(Words, throws_out_of_range) { CTP_CHECK_THROWS_AS(words.at(2), std::out_of_range); }

CTP_TEST(Math, adds) { CTP_CHECK(1 + 1 == 2); }
CTP_TEST(Math, multiplies) { CTP_CHECK(6 * 7 == 42); }
CTP_TEST(Math, divides) { CTP_CHECK(42 / 6 == 7); }
CTP_TEST(Math, compares) { CTP_CHECK(3 < 4); }
CTP_TEST(Text, finds) { CTP_CHECK(std::string("sharded").find("hard") == 1u); }
CTP_TEST(Text, reverses) {
    const std::string text = "abc";
    CTP_CHECK(std::string(text.rbegin(), text.rend()) == "cba");
}
CTP_TEST(Text, sizes) { CTP_CHECK(std::string("bazel").size() == 5u); }
CTP_TEST(Text, empties) { CTP_CHECK(std::string().empty()); }

// Bazel gives every test its own temporary directory; with --isolate the worker's output
// capture file (already unlinked, still open on descriptor 1) is made there.
CTP_TEST(Bazel, temporary_files_in_test_tmpdir) {
    const char* tmpdir = std::getenv("TEST_TMPDIR");
    CTP_REQUIRE(tmpdir != nullptr);
    char target[4096] = {};
    const ssize_t size = ::readlink("/proc/self/fd/1", target, sizeof target - 1);
    CTP_REQUIRE(size > 0);
    CTP_CHECK(std::string(target, static_cast<std::size_t>(size)).rfind(std::string(tmpdir) + "/ctp-output-", 0) == 0);
}

CTP_TEST(Bazel, premature_exit_file_exists_while_running) {
    const char* file = std::getenv("TEST_PREMATURE_EXIT_FILE");
    CTP_REQUIRE(file != nullptr);
    CTP_CHECK(::access(file, F_OK) == 0);
}

CTP_TEST(Bazel, sharded) { CTP_CHECK(std::getenv("TEST_TOTAL_SHARDS") != nullptr); }

CTP_TEST(Bazel, fails_on_request) { CTP_CHECK(std::getenv("CTP_BAZEL_FAIL") == nullptr); }
