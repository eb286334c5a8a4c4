#include "testing.hpp"

#include <array>
#include <list>
#include <string>
#include <unordered_set>
#include <vector>

namespace {

template <class Body>
std::vector<std::string> failures_of(Body body, const ctp::Options& options = {}) {
    ctp::Registry registry;
    registry.add("Diffs", "one", body);
    registry.add("Diffs", "other", [] {});
    const ctp::Result result = ctp::run(registry, options);
    std::vector<std::string> all;
    for (const ctp::Failure& failure : testing::record(result, "Diffs.one").failures) all.push_back(failure.message);
    return all;
}

// One CHECK per message, so that doctest shows the texts that differ.
void expect(const std::vector<std::string>& all, const std::vector<std::string>& expected) {
    CHECK(all.size() == expected.size());
    for (std::size_t i = 0; i < all.size() && i < expected.size(); ++i) CHECK(all[i] == expected[i]);
}

const std::string fox = "The quick brown fox jumps over the lazy dog and runs away";
const std::string fix = "The quick brown fox jumped over the lazy dog and runs away";

const std::string fox_difference =
    "\n  sizes differ: 57 vs 58"
    "\n  first difference at index 24:"
    "\n    ...\"quick brown fox jumps over the lazy dog \"..."
    "\n    ...\"quick brown fox jumped over the lazy dog\"..."
    "\n                            ^";

void long_strings_differ() { CTP_CHECK(fox == fix); }

}  // namespace

TEST_CASE("two long texts show the first difference with a caret, in both phases and from a ctp::jthread") {
    const std::string expected =
        "CTP_CHECK(fox == fix) failed with \"The quick brown fox jumps over the lazy dog and runs away\" == \"The "
        "quick brown fox jumped over the lazy dog and runs away\"" +
        fox_difference;
    expect(failures_of(long_strings_differ), {expected});
    expect(failures_of(long_strings_differ, testing::parallel(2)), {expected});
    expect(failures_of([] { ctp::jthread worker(long_strings_differ); }, testing::parallel(2)), {expected});
}

TEST_CASE("texts of any kind: C strings, arrays, std::string; a prefix, a first character, UTF-8, escapes") {
    const auto all = failures_of([] {
        const char* digits = "0123456789012345678901234567890123456789012345";
        CTP_CHECK(digits == std::string("0123456789012345678901234567890123456789012345x"));
        CTP_CHECK("Xbcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz" ==
                  std::string("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"));
        const std::string accented = "h\u00e9llo w\u00f6rld, this text is long enough to show a caret: \u00e9";
        CTP_CHECK(accented == "h\u00e9llo w\u00f6rld, this text is long enough to show a caret: e");
        const char tabbed[] = "a\tb = 1, and enough more text to pass forty characters";
        CTP_CHECK(tabbed == std::string("a\tb = 2, and enough more text to pass forty characters"));
    });
    expect(all,
           {"CTP_CHECK(digits == std::string(\"0123456789012345678901234567890123456789012345x\")) failed with "
            "\"0123456789012345678901234567890123456789012345\" == "
            "\"0123456789012345678901234567890123456789012345x\""
            "\n  sizes differ: 46 vs 47"
            "\n  first difference at index 46:"
            "\n    ...\"67890123456789012345\""
            "\n    ...\"67890123456789012345x\""
            "\n                            ^",
            "CTP_CHECK(\"Xbcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\" == "
            "std::string(\"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\")) failed with "
            "\"Xbcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\" == "
            "\"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\""
            "\n  first difference at index 0:"
            "\n    \"Xbcdefghijklmnopqrst\"..."
            "\n    \"abcdefghijklmnopqrst\"..."
            "\n     ^",
            "CTP_CHECK(accented == \"h\\u00e9llo w\\u00f6rld, this text is long enough to show a caret: e\") failed "
            "with \"h\u00e9llo w\u00f6rld, this text is long enough to show a caret: \u00e9\" == \"h\u00e9llo "
            "w\u00f6rld, this text is long enough to show a caret: e\""
            "\n  sizes differ: 59 vs 58"
            "\n  first difference at index 57:"
            "\n    ...\"gh to show a caret: \u00e9\""
            "\n    ...\"gh to show a caret: e\""
            "\n                            ^",
            "CTP_CHECK(tabbed == std::string(\"a\\tb = 2, and enough more text to pass forty characters\")) failed "
            "with \"a\\tb = 1, and enough more text to pass forty characters\" == \"a\\tb = 2, and enough more "
            "text to pass forty characters\""
            "\n  first difference at index 6:"
            "\n    \"a\\tb = 1, and enough more t\"..."
            "\n    \"a\\tb = 2, and enough more t\"..."
            "\n            ^"});
}

TEST_CASE("short texts say nothing more; equal texts neither, whatever the operator") {
    const auto all = failures_of([] {
        CTP_CHECK(std::string("short") == "shirt");
        CTP_CHECK(fox != fox);
        CTP_CHECK(fox < fox);
        CTP_CHECK_FALSE(fox != fix);
    });
    expect(all, {"CTP_CHECK(std::string(\"short\") == \"shirt\") failed with \"short\" == \"shirt\"",
                 "CTP_CHECK(fox != fox) failed with \"" + fox + "\" != \"" + fox + "\"",
                 "CTP_CHECK(fox < fox) failed with \"" + fox + "\" < \"" + fox + "\"",
                 "CTP_CHECK_FALSE(fox != fix) failed with \"" + fox + "\" != \"" + fix + "\"" + fox_difference});
}

TEST_CASE("multi-line texts show the lines that differ, a replaced line above its replacement") {
    const auto all = failures_of([] {
        CTP_CHECK(std::string("one\ntwo\nthree\nfour") == std::string("one\n2\nthree\nfour\nfive"));
        CTP_CHECK(std::string("a\nb\nc") == "a\nc");
        std::string left, right;
        for (int i = 0; i < 30; ++i) left += "l" + std::to_string(i) + "\n", right += "r" + std::to_string(i) + "\n";
        CTP_CHECK(left == right);
    });
    std::string many = "\n  lines that differ (- lhs, + rhs):";
    for (int i = 0; i < 10; ++i) {
        const std::string number = std::to_string(i + 1);
        many += "\n  line " + number + ": - \"l" + std::to_string(i) + "\"";
        many += "\n  line " + number + ": + \"r" + std::to_string(i) + "\"";
    }
    many += "\n  ... and 40 more differing lines";
    REQUIRE(all.size() == 3);
    CHECK(all[0] ==
          "CTP_CHECK(std::string(\"one\\ntwo\\nthree\\nfour\") == std::string(\"one\\n2\\nthree\\nfour\\nfive\")) "
          "failed with \"one\\ntwo\\nthree\\nfour\" == \"one\\n2\\nthree\\nfour\\nfive\""
          "\n  lines that differ (- lhs, + rhs):"
          "\n  line 2: - \"two\""
          "\n  line 2: + \"2\""
          "\n  line 5: + \"five\"");
    CHECK(all[1] ==
          "CTP_CHECK(std::string(\"a\\nb\\nc\") == \"a\\nc\") failed with \"a\\nb\\nc\" == \"a\\nc\""
          "\n  lines that differ (- lhs, + rhs):"
          "\n  line 2: - \"b\"");
    CHECK(all[2].ends_with(many));
}

TEST_CASE("ranges show their sizes when they differ and the first differing elements") {
    for (const ctp::Options& options : {ctp::Options{}, testing::parallel(2)}) {
        const auto all = failures_of(
            [] {
                CTP_CHECK(std::vector<int>{1, 2, 3} == std::vector<int>{1, 5, 3, 4});
                CTP_CHECK((std::array<int, 3>{1, 2, 3}) == (std::array<int, 3>{1, 2, 4}));
                CTP_CHECK(std::list<std::string>{"a"} == std::list<std::string>{"a", "b"});
                CTP_CHECK(std::unordered_multiset<int>{5} == std::unordered_multiset<int>{5, 5});
                CTP_CHECK(std::unordered_set<int>{1} == std::unordered_set<int>{2});
                CTP_CHECK(std::vector<int>{1} != std::vector<int>{1});
            },
            options);
        expect(all, {"CTP_CHECK(std::vector<int>{1, 2, 3} == std::vector<int>{1, 5, 3, 4}) failed with {1, 2, 3} == "
                     "{1, 5, 3, 4}\n  sizes differ: 3 vs 4\n  first difference at index 1: 2 vs 5",
                     "CTP_CHECK((std::array<int, 3>{1, 2, 3}) == (std::array<int, 3>{1, 2, 4})) failed with {1, 2, 3} "
                     "== {1, 2, 4}\n  first difference at index 2: 3 vs 4",
                     "CTP_CHECK(std::list<std::string>{\"a\"} == std::list<std::string>{\"a\", \"b\"}) failed with "
                     "{\"a\"} == {\"a\", \"b\"}\n  sizes differ: 1 vs 2\n  first difference at index 1: (end) vs \"b\"",
                     "CTP_CHECK(std::unordered_multiset<int>{5} == std::unordered_multiset<int>{5, 5}) failed with {5} "
                     "== {5, 5}\n  sizes differ: 1 vs 2",
                     "CTP_CHECK(std::unordered_set<int>{1} == std::unordered_set<int>{2}) failed with {1} == {2}",
                     "CTP_CHECK(std::vector<int>{1} != std::vector<int>{1}) failed with {1} != {1}"});
    }
}

TEST_CASE("ranges differ the same way from a ctp::jthread the test starts") {
    const auto all = failures_of([] {
        ctp::jthread worker([] { CTP_CHECK(std::vector<int>{1, 2} == std::vector<int>{1}); });
    });
    expect(all,
           {"CTP_CHECK(std::vector<int>{1, 2} == std::vector<int>{1}) failed with {1, 2} == {1}\n  sizes differ: 2 "
            "vs 1\n  first difference at index 1: 2 vs (end)"});
}
