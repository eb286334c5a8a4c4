// Tags: --tag expressions (parsing, precedence, errors), selection with -k and --exclude in
// both phases, --list-tags, and the tags in --list and the reports.
#include "testing.hpp"

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct Database : ctp::TestCase {
    static inline const ctp::Decorators decorators{ctp::tags("db")};
};

// The serial phase's share of the suite.
struct Ledger : ctp::SerialTestCase {
    static inline const ctp::Decorators decorators{ctp::tags("db", "ledger")};
};

}  // namespace

CTP_TEST(Store, checkout, ctp::tags("db", "slow")) { CTP_CHECK(true); }
CTP_TEST(Store, browse, ctp::tags("web")) { CTP_CHECK(true); }
CTP_TEST(Store, ping) { CTP_CHECK(true); }
CTP_TEST_F(Database, migrates, ctp::tags("slow")) { CTP_CHECK(true); }
CTP_TEST_F(Database, connects) { CTP_CHECK(true); }
CTP_TEST_F(Ledger, balances) { CTP_CHECK(true); }

namespace {

// This file's CTP_TESTs, in a private registry.
ctp::Registry tagged_suite() {
    ctp::Registry registry;
    for (const ctp::detail::TestInfo* info : ctp::Registry::global().tests())
        if (std::string(info->file).find("test_tags.cpp") != std::string::npos) registry.add(*info);
    return registry;
}

bool matches(const char* expression, std::vector<std::string_view> tags) {
    return ctp::detail::TagExpression(expression).matches(tags);
}

// The error's text and 1-based position.
std::string parse_error(const std::string& expression) {
    try {
        ctp::detail::TagExpression{expression};
    } catch (const ctp::detail::TagExpressionError& error) {
        return std::string(error.what()) + " [" + std::to_string(error.position() + 1) + "]";
    }
    return "parsed";
}

ctp::Options with(std::vector<std::string> tags, std::vector<std::string> filters = {},
                  std::vector<std::string> excludes = {}) {
    ctp::Options options;
    options.tags = std::move(tags);
    options.filters = std::move(filters);
    options.excludes = std::move(excludes);
    return options;
}

// Each selection, serially, on 2 threads and in 2 worker processes: the same tests run.
std::vector<std::string> selected_in_every_mode(ctp::Options options) {
    const ctp::Registry registry = tagged_suite();
    const std::vector<std::string> serial = testing::names(ctp::run(registry, options));
    options.parallel = 2;
    const ctp::Result parallel = ctp::run(registry, options);
    CHECK(testing::names(parallel) == serial);
    options.isolate = true;
    CHECK(testing::names(ctp::run(registry, options)) == serial);
    for (const ctp::TestRecord& record : parallel.tests) CHECK(record.outcome == ctp::Outcome::passed);
    return serial;
}

}  // namespace

TEST_CASE("a tag expression matches by and, or, not and parentheses, not binding tightest, or loosest") {
    CHECK(matches("db", {"db"}));
    CHECK_FALSE(matches("db", {}));
    CHECK_FALSE(matches("db", {"DB", "dbs"}));  // exact and case-sensitive
    CHECK(matches("not db", {"web"}));
    CHECK_FALSE(matches("not db", {"web", "db"}));
    // a or (b and c)
    CHECK(matches("a or b and c", {"a"}));
    CHECK_FALSE(matches("a or b and c", {"b"}));
    CHECK(matches("a or b and c", {"b", "c"}));
    // (not a) and b
    CHECK(matches("not a and b", {"b"}));
    CHECK_FALSE(matches("not a and b", {"a", "b"}));
    CHECK_FALSE(matches("not a and b", {}));
    // (a and not b) or c
    CHECK(matches("a and not b or c", {"a"}));
    CHECK_FALSE(matches("a and not b or c", {"a", "b"}));
    CHECK(matches("a and not b or c", {"a", "b", "c"}));
    CHECK_FALSE(matches("(a or b) and c", {"a"}));
    CHECK(matches("(a or b) and c", {"b", "c"}));
    CHECK(matches("not (a or b)", {"c"}));
    CHECK_FALSE(matches("not (a or b)", {"b"}));
    CHECK(matches("not not a", {"a"}));
    CHECK_FALSE(matches("not not not a", {"a"}));
    CHECK(matches("  db\tand(slow)or\nweb ", {"web"}));
    CHECK(matches("net-io and v1.2 and ns:x", {"ns:x", "v1.2", "net-io"}));
    // Deeper than the evaluator's fixed stack: a and (a and (... a)).
    std::string deep = "a";
    for (int i = 0; i < 40; ++i) deep = "a and (" + deep + ")";
    CHECK(ctp::detail::TagExpression(deep).matches(std::vector<std::string_view>{"a"}));
    CHECK_FALSE(ctp::detail::TagExpression(deep).matches(std::vector<std::string_view>{"b"}));
}

TEST_CASE("a malformed tag expression names what was expected and where") {
    CHECK(parse_error("") == "empty expression [1]");
    CHECK(parse_error(" \t") == "empty expression [1]");
    CHECK(parse_error("db and") == "expected a tag name at position 7 [7]");
    CHECK(parse_error("not") == "expected a tag name at position 4 [4]");
    CHECK(parse_error("and db") == "expected a tag name at position 1, got 'and' [1]");
    CHECK(parse_error("db or or") == "expected a tag name at position 7, got 'or' [7]");
    CHECK(parse_error("()") == "expected a tag name at position 2, got ')' [2]");
    CHECK(parse_error("db and (slow") == "expected ')' at position 13 [13]");
    CHECK(parse_error("(db slow)") == "expected 'and', 'or' or ')' at position 5, got 'slow' [5]");
    CHECK(parse_error("db slow") == "expected 'and' or 'or' at position 4, got 'slow' [4]");
    CHECK(parse_error("db AND slow") == "expected 'and' or 'or' at position 4, got 'AND' [4]");
    CHECK(parse_error("db)") == "unmatched ')' at position 3 [3]");
    CHECK(parse_error("db && slow") == "unknown token '&&' at position 4 (use and, or, not) [4]");
    CHECK(parse_error("!slow") == "unknown token '!' at position 1 (use and, or, not) [1]");
    CHECK(parse_error("(db |slow)") == "unknown token '|' at position 5 (use and, or, not) [5]");
    CHECK(parse_error("db and not (slow or web)") == "parsed");
}

TEST_CASE("--tag and -t refuse a malformed expression with exit code 2 and one line") {
    for (const char* option : {"--tag", "-t"}) {
        const auto run = testing::run_main(tagged_suite(), {option, "db and (slow"});
        CHECK(run.exit_code == ctp::exit_usage);
        CHECK(run.out.empty());
        CHECK(run.err ==
              "error: " + std::string(option) + " 'db and (slow': expected ')' at position 13 (see tests --help)\n");
    }
    const auto equals = testing::run_main(tagged_suite(), {"--tag=db slow"});
    CHECK(equals.err ==
          "error: --tag 'db slow': expected 'and' or 'or' at position 4, got 'slow' (see tests --help)\n");
    CHECK(testing::run_main(tagged_suite(), {"--tag"}).err == "error: --tag: missing value (see tests --help)\n");
    CHECK(testing::run_main(tagged_suite(), {"--list-tags=x"}).exit_code == ctp::exit_usage);
    CHECK_THROWS_AS(ctp::run(tagged_suite(), with({"db or"})), std::invalid_argument);
}

TEST_CASE("--tag selects by the class's and the test's tags, in both phases") {
    CHECK(selected_in_every_mode(with({"db"})) ==
          std::vector<std::string>{"Store.checkout", "Database.migrates", "Database.connects", "Ledger.balances"});
    CHECK(selected_in_every_mode(with({"db and not slow"})) ==
          std::vector<std::string>{"Database.connects", "Ledger.balances"});
    CHECK(selected_in_every_mode(with({"not db"})) == std::vector<std::string>{"Store.browse", "Store.ping"});
    // Repeated: any expression selects.
    CHECK(selected_in_every_mode(with({"web", "ledger"})) ==
          std::vector<std::string>{"Store.browse", "Ledger.balances"});
    const ctp::Result result = ctp::run(tagged_suite(), with({"ledger"}));
    CHECK(testing::record(result, "Ledger.balances").phase == ctp::Phase::serial);
    CHECK(testing::record(result, "Ledger.balances").tags == std::vector<std::string_view>{"db", "ledger"});
}

TEST_CASE("--tag and -k must both select a test; --exclude removes what -k would select") {
    CHECK(selected_in_every_mode(with({"db"}, {"Store."})) == std::vector<std::string>{"Store.checkout"});
    CHECK(selected_in_every_mode(with({}, {}, {"Database.*", "ping"})) ==
          std::vector<std::string>{"Store.checkout", "Store.browse", "Ledger.balances"});
    CHECK(selected_in_every_mode(with({"db"}, {"Store.*", "Ledger.*"}, {"Store"})) ==
          std::vector<std::string>{"Ledger.balances"});
    ctp::Options exact = with({}, {}, {"Store.check", "Store.browse"});
    exact.exact = true;  // as for -k: without wildcards, only the whole name
    CHECK(selected_in_every_mode(exact) == std::vector<std::string>{"Store.checkout", "Store.ping", "Database.migrates",
                                                                    "Database.connects", "Ledger.balances"});
    // Excluding every test is an empty run, not a refusal.
    const ctp::Result none = ctp::run(tagged_suite(), with({"db"}, {}, {"*"}));
    CHECK(none.tests.empty());
    CHECK(none.successful());
    const auto run =
        testing::run_main(tagged_suite(), {"--exclude", "Store", "--exclude", "Database", "-t", "db", "-q"});
    CHECK(run.exit_code == ctp::exit_success);
    CHECK(run.out.find("Ran 1 test in ") != std::string::npos);
}

TEST_CASE("tag expressions that select no test are refused like -k patterns") {
    const ctp::Result result = ctp::run(tagged_suite(), with({"nosuch", "web and db"}));
    CHECK(result.no_tests_matched());
    CHECK_FALSE(result.successful());
    CHECK(result.tests.empty());
    CHECK(result.unmatched_tags == std::vector<std::string>{"nosuch", "web and db"});
    CHECK(result.unmatched_filters.empty());
    // Each selects tests, but no test both.
    const ctp::Result both = ctp::run(tagged_suite(), with({"ledger"}, {"Store"}));
    CHECK(both.unmatched_filters == std::vector<std::string>{"Store"});
    CHECK(both.unmatched_tags == std::vector<std::string>{"ledger"});
    auto run = testing::run_main(tagged_suite(), {"-k", "Store", "--tag", "ledger"});
    CHECK(run.exit_code == ctp::exit_no_tests);
    CHECK(run.err == "error: no test matches -k 'Store' --tag 'ledger'\n");
    run = testing::run_main(tagged_suite(), {"-t", "nosuch", "--list-tags"});
    CHECK(run.exit_code == ctp::exit_no_tests);
    CHECK(run.err == "error: no test matches --tag 'nosuch'\n");
}

TEST_CASE("--list-tags counts the selected tests of each tag, by name") {
    auto run = testing::run_main(tagged_suite(), {"--list-tags"});
    CHECK(run.exit_code == ctp::exit_success);
    CHECK(run.err.empty());
    CHECK(run.out ==
          "  4  db\n"
          "  1  ledger\n"
          "  2  slow\n"
          "  1  web\n");
    CHECK(testing::run_main(tagged_suite(), {"--list-tags", "-k", "Store.", "--exclude", "browse"}).out ==
          "  1  db\n"
          "  1  slow\n");
    CHECK(testing::run_main(tagged_suite(), {"--list-tags", "-k", "ping"}).out.empty());
    CHECK(testing::run_main(tagged_suite(), {"--list-tags", "--format", "json", "-t", "slow or ledger"}).out ==
          "{\"tags\": [\n"
          "  {\"name\": \"db\", \"tests\": 3},\n"
          "  {\"name\": \"ledger\", \"tests\": 1},\n"
          "  {\"name\": \"slow\", \"tests\": 2}\n"
          "]}\n");
    CHECK(testing::run_main(tagged_suite(), {"--list-tags", "--format", "json", "-k", "ping"}).out ==
          "{\"tags\": []}\n");
    // Wider counts stay aligned.
    ctp::Registry many;
    static const ctp::Decorators wide{ctp::tags("wide")};
    static std::vector<ctp::detail::TestInfo> infos(12);
    static const std::vector<std::string> names = [] {
        std::vector<std::string> all;
        for (int i = 0; i < 12; ++i) all.push_back(std::string("Many\0t", 6) + std::to_string(i));
        return all;
    }();
    for (std::size_t i = 0; i < infos.size(); ++i) {
        infos[i] = *tagged_suite().tests()[2];  // Store.ping's body
        infos[i].names = names[i].c_str();
        infos[i].name_offset = 5;
        infos[i].decorations = i == 0 ? nullptr : wide.decorations();
        many.add(infos[i]);
    }
    many.add(*tagged_suite().tests()[1]);
    CHECK(testing::run_main(many, {"--list-tags"}).out == "   1  web\n  11  wide\n");
}

TEST_CASE("--list shows a test's tags, text and JSON") {
    auto run = testing::run_main(tagged_suite(), {"--list", "-k", "Store.", "-k", "Ledger"});
    CHECK(run.out ==
          "Store.checkout [parallel] tags: db, slow\n"
          "Store.browse [parallel] tags: web\n"
          "Store.ping [parallel]\n"
          "Ledger.balances [serial] tags: db, ledger\n");
    run = testing::run_main(tagged_suite(), {"--list", "--format", "json", "-k", "Database.", "-k", "ping"});
    const std::vector<std::string> lines = testing::lines(run.out);
    REQUIRE(lines.size() == 5);
    CHECK(lines[1].ends_with("\"phase\": \"parallel\", \"fixture\": false, \"tags\": [], \"resources\": []},"));
    CHECK(lines[2].ends_with("\"fixture\": true, \"tags\": [\"db\", \"slow\"], \"resources\": []},"));
    CHECK(lines[3].ends_with("\"fixture\": true, \"tags\": [\"db\"], \"resources\": []}"));
}

TEST_CASE("the JSON, JUnit and TAP reports carry each test's tags") {
    ctp::Options options = with({}, {"Store.", "migrates"});
    options.capture = ctp::CaptureMode::tee;
    options.tags = {"db or not web"};
    options.excludes = {"*.ping"};
    const ctp::Result result = ctp::run(tagged_suite(), options);
    REQUIRE(testing::names(result) == std::vector<std::string>{"Store.checkout", "Database.migrates"});

    std::ostringstream json;
    ctp::write_json_report(json, result, options);
    CHECK(json.str().find("\"filters\": [\"Store.\", \"migrates\"], \"tags\": [\"db or not web\"], "
                          "\"exclude\": [\"*.ping\"], \"exact\": false") != std::string::npos);
    CHECK(json.str().find("\"output\": \"\", \"tags\": [\"db\", \"slow\"], \"resources\": [],\n     \"failures\"") !=
          std::string::npos);
    std::ostringstream junit;
    ctp::write_junit_xml(junit, result, options);
    CHECK(junit.str().find("      <property name=\"ctp.tags\" value=\"Store.checkout: db, slow\"/>\n"
                           "    </properties>\n") != std::string::npos);
    CHECK(junit.str().find("      <property name=\"ctp.tags\" value=\"Database.migrates: db, slow\"/>\n") !=
          std::string::npos);
    std::ostringstream tap;
    ctp::write_tap(tap, result);
    const std::vector<std::string> lines = testing::lines(tap.str());
    REQUIRE(lines.size() >= 6);
    CHECK(lines[2] == "ok 1 - Store.checkout");
    CHECK(lines[3] == "# tags: db, slow");
    CHECK(lines[4] == "ok 2 - Database.migrates");
    CHECK(lines[5] == "# tags: db, slow");

    // An untagged test has an empty list and no property or comment.
    const ctp::Result plain = ctp::run(tagged_suite(), with({}, {"ping"}));
    std::ostringstream plain_json, plain_junit, plain_tap;
    ctp::write_json_report(plain_json, plain, {});
    ctp::write_junit_xml(plain_junit, plain, {});
    ctp::write_tap(plain_tap, plain);
    CHECK(plain_json.str().find("\"tags\": [],") != std::string::npos);
    CHECK(plain_junit.str().find("ctp.tags") == std::string::npos);
    CHECK(plain_tap.str().find("# tags") == std::string::npos);
}
