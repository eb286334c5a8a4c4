#include "testing.hpp"

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

namespace testing {
void add_short_name_tests(ctp::Registry& registry);  // short_names_bodies.cpp
}  // namespace testing

namespace {

// Runs `body` as the only test of a private registry, serially or on two workers, and
// returns the messages of its failures.
template <class Body>
std::vector<std::string> failures_of(Body body, const ctp::Options& options = {}) {
    ctp::Registry registry;
    registry.add("Printing", "one", body);
    registry.add("Printing", "other", [] {});
    const ctp::Result result = ctp::run(registry, options);
    std::vector<std::string> all;
    for (const ctp::Failure& failure : testing::record(result, "Printing.one").failures) all.push_back(failure.message);
    return all;
}

// One CHECK per message, so that doctest shows the texts that differ.
void expect(const std::vector<std::string>& all, const std::vector<std::string>& expected) {
    CHECK(all.size() == expected.size());
    for (std::size_t i = 0; i < all.size() && i < expected.size(); ++i) CHECK(all[i] == expected[i]);
}

std::string address(const void* pointer) {
    char text[32];
    std::snprintf(text, sizeof text, "%p", pointer);
    return text;
}

struct Point {
    int x;
    bool operator==(const Point&) const = default;
};
std::ostream& operator<<(std::ostream& out, const Point& point) { return out << "operator<< " << point.x; }

struct Celsius {
    double degrees;
    bool operator==(const Celsius&) const = default;
};
[[maybe_unused]] std::ostream& operator<<(std::ostream& out, const Celsius& value) {
    return out << value.degrees << " C";
}

struct Empty {
    bool operator==(const Empty&) const = default;
};

// A variant holding it becomes valueless when assigned a copy.
struct ThrowsOnCopy {
    ThrowsOnCopy() = default;
    ThrowsOnCopy(const ThrowsOnCopy&) { throw std::runtime_error("no copies"); }
    ThrowsOnCopy& operator=(const ThrowsOnCopy&) = default;
    bool operator==(const ThrowsOnCopy&) const { return true; }
};

void a_function() {}

}  // namespace

template <>
struct ctp::StringMaker<Celsius> {
    static void print(std::ostream& out, const Celsius& value) { out << "StringMaker " << value.degrees; }
};

TEST_CASE("standard library types print readably, in both phases") {
    using namespace std::chrono_literals;
    for (const ctp::Options& options : {ctp::Options{}, testing::parallel(2)}) {
        const auto all = failures_of(
            [] {
                std::optional<int> empty;
                CTP_CHECK(empty == 5);
                CTP_CHECK(std::optional<int>(3) == std::nullopt);
                std::variant<int, std::string> text = std::string("x");
                CTP_CHECK(text == std::variant<int, std::string>(2));
                CTP_CHECK(std::pair<int, std::string>(1, "a") == std::pair<int, std::string>(2, "b"));
                CTP_CHECK(std::make_tuple(1, 'x', 2.5) == std::make_tuple(1, 'y', 2.5));
                CTP_CHECK(std::set<int>{1, 2} == std::set<int>{1, 3});
                CTP_CHECK(std::vector<std::vector<int>>{{1, 2}, {3}} == std::vector<std::vector<int>>{{1, 2}, {4}});
                CTP_CHECK(std::map<int, std::string>{{1, "a"}, {2, "b"}} ==
                          std::map<int, std::string>{{1, "a"}, {2, "c"}});
                CTP_CHECK(std::filesystem::path("dir/file.txt") == std::filesystem::path("dir/other.txt"));
                CTP_CHECK(std::byte{42} == std::byte{7});
                CTP_CHECK(std::variant<std::monostate, int>() == std::variant<std::monostate, int>(1));
            },
            options);
        expect(
            all,
            {"CTP_CHECK(empty == 5) failed with nullopt == 5",
             "CTP_CHECK(std::optional<int>(3) == std::nullopt) failed with 3 == nullopt",
             "CTP_CHECK(text == std::variant<int, std::string>(2)) failed with \"x\" == 2",
             R"(CTP_CHECK(std::pair<int, std::string>(1, "a") == std::pair<int, std::string>(2, "b")) failed with {1, "a"} == {2, "b"})",
             "CTP_CHECK(std::make_tuple(1, 'x', 2.5) == std::make_tuple(1, 'y', 2.5)) failed with {1, 'x', 2.5} "
             "== {1, 'y', 2.5}",
             "CTP_CHECK(std::set<int>{1, 2} == std::set<int>{1, 3}) failed with {1, 2} == {1, 3}\n"
             "  first difference at index 1: 2 vs 3",
             "CTP_CHECK(std::vector<std::vector<int>>{{1, 2}, {3}} == std::vector<std::vector<int>>{{1, 2}, "
             "{4}}) failed with {{1, 2}, {3}} == {{1, 2}, {4}}\n"
             "  first difference at index 1: {3} vs {4}",
             R"(CTP_CHECK(std::map<int, std::string>{{1, "a"}, {2, "b"}} == std::map<int, std::string>{{1, "a"}, {2, "c"}}) failed with {{1, "a"}, {2, "b"}} == {{1, "a"}, {2, "c"}})"
             "\n"
             R"(  first difference at index 1: {2, "b"} vs {2, "c"})",
             R"(CTP_CHECK(std::filesystem::path("dir/file.txt") == std::filesystem::path("dir/other.txt")) failed with "dir/file.txt" == "dir/other.txt")",
             "CTP_CHECK(std::byte{42} == std::byte{7}) failed with 0x2a == 0x07",
             "CTP_CHECK(std::variant<std::monostate, int>() == std::variant<std::monostate, int>(1)) failed "
             "with {} == 1"});
    }
}

TEST_CASE("a valueless variant says so") {
    const auto all = failures_of([] {
        std::variant<int, ThrowsOnCopy> broken;
        const ThrowsOnCopy original;
        try {
            broken = original;
        } catch (const std::runtime_error&) {}
        CTP_CHECK(broken == std::variant<int, ThrowsOnCopy>(1));
    });
    expect(all, {"CTP_CHECK(broken == std::variant<int, ThrowsOnCopy>(1)) failed with {valueless} == 1"});
}

TEST_CASE("std::chrono durations print with their unit, time points as UTC or since their clock's epoch") {
    using namespace std::chrono;
    const auto all = failures_of([] {
        CTP_CHECK(nanoseconds(5) == nanoseconds(6));
        CTP_CHECK(microseconds(7) == microseconds(8));
        CTP_CHECK(milliseconds(12) == milliseconds(13));
        CTP_CHECK(seconds(3) == seconds(4));
        CTP_CHECK(minutes(1) == minutes(2));
        CTP_CHECK(hours(2) == hours(3));
        CTP_CHECK(days(1) == days(2));
        CTP_CHECK(duration<int, std::ratio<1, 3>>(5) == duration<int, std::ratio<1, 3>>(4));
        CTP_CHECK(duration<int, std::ratio<7>>(2) == duration<int, std::ratio<7>>(1));
        CTP_CHECK(duration<double>(1.5) == duration<double>(2));
        const system_clock::time_point noon = sys_seconds(seconds(1795953600)) + milliseconds(123);
        CTP_CHECK(noon == system_clock::time_point());
        CTP_CHECK(sys_seconds(seconds(-1)) == sys_seconds(seconds(0)));
        CTP_CHECK(sys_time<microseconds>(microseconds(1500)) == sys_time<microseconds>(microseconds(1)));
        CTP_CHECK(time_point<steady_clock, seconds>(seconds(5)) == time_point<steady_clock, seconds>(seconds(6)));
    });
    expect(all, {"CTP_CHECK(nanoseconds(5) == nanoseconds(6)) failed with 5ns == 6ns",
                 "CTP_CHECK(microseconds(7) == microseconds(8)) failed with 7us == 8us",
                 "CTP_CHECK(milliseconds(12) == milliseconds(13)) failed with 12ms == 13ms",
                 "CTP_CHECK(seconds(3) == seconds(4)) failed with 3s == 4s",
                 "CTP_CHECK(minutes(1) == minutes(2)) failed with 1min == 2min",
                 "CTP_CHECK(hours(2) == hours(3)) failed with 2h == 3h",
                 "CTP_CHECK(days(1) == days(2)) failed with 1d == 2d",
                 "CTP_CHECK(duration<int, std::ratio<1, 3>>(5) == duration<int, std::ratio<1, 3>>(4)) failed with "
                 "5[1/3]s == 4[1/3]s",
                 "CTP_CHECK(duration<int, std::ratio<7>>(2) == duration<int, std::ratio<7>>(1)) failed with 2[7]s "
                 "== 1[7]s",
                 "CTP_CHECK(duration<double>(1.5) == duration<double>(2)) failed with 1.5s == 2s",
                 "CTP_CHECK(noon == system_clock::time_point()) failed with 2026-11-29T12:00:00.123Z == "
                 "1970-01-01T00:00:00Z",
                 "CTP_CHECK(sys_seconds(seconds(-1)) == sys_seconds(seconds(0))) failed with 1969-12-31T23:59:59Z == "
                 "1970-01-01T00:00:00Z",
                 "CTP_CHECK(sys_time<microseconds>(microseconds(1500)) == sys_time<microseconds>(microseconds(1))) "
                 "failed with 1970-01-01T00:00:00.001500Z == 1970-01-01T00:00:00.000001Z",
                 "CTP_CHECK(time_point<steady_clock, seconds>(seconds(5)) == time_point<steady_clock, "
                 "seconds>(seconds(6))) failed with 5s since epoch == 6s since epoch"});
}

TEST_CASE("other character types print as UTF-8 with their literal's prefix") {
    const auto all = failures_of([] {
        CTP_CHECK(std::u8string(u8"h\u00e9llo") == u8"hello");
        CTP_CHECK(std::u16string_view(u"\u03c0") == std::u16string_view(u"p"));
        CTP_CHECK(std::u32string(U"\U0001F600") == U"x");
        CTP_CHECK(std::wstring(L"wide") == L"narrow");
        CTP_CHECK(u8'a' == u8'b');
        CTP_CHECK(u'\u00e9' == u'e');
        CTP_CHECK(U'\U0001F600' == U'x');
        CTP_CHECK(L'x' == L'y');
        const char16_t lone[] = {0xD800, 'a', 0};
        CTP_CHECK(std::u16string(lone) == u"a\n");
    });
    expect(all,
           {"CTP_CHECK(std::u8string(u8\"h\\u00e9llo\") == u8\"hello\") failed with u8\"h\u00e9llo\" == u8\"hello\"",
            "CTP_CHECK(std::u16string_view(u\"\\u03c0\") == std::u16string_view(u\"p\")) failed with u\"\u03c0\" == "
            "u\"p\"",
            "CTP_CHECK(std::u32string(U\"\\U0001F600\") == U\"x\") failed with U\"\U0001F600\" == U\"x\"",
            "CTP_CHECK(std::wstring(L\"wide\") == L\"narrow\") failed with L\"wide\" == L\"narrow\"",
            "CTP_CHECK(u8'a' == u8'b') failed with u8'a' == u8'b'",
            "CTP_CHECK(u'\\u00e9' == u'e') failed with u'\u00e9' == u'e'",
            "CTP_CHECK(U'\\U0001F600' == U'x') failed with U'\U0001F600' == U'x'",
            "CTP_CHECK(L'x' == L'y') failed with L'x' == L'y'",
            "CTP_CHECK(std::u16string(lone) == u\"a\\n\") failed with u\"\uFFFDa\" == u\"a\\n\""});
}

TEST_CASE("pointers, null pointers and smart pointers print their address or nullptr") {
    int value = 1;
    int* pointer = &value;
    const auto all = failures_of([&] {
        int* null = nullptr;
        CTP_CHECK(pointer == nullptr);
        CTP_CHECK(null != nullptr);
        CTP_CHECK(nullptr != nullptr);
        void (*function)() = &a_function;
        CTP_CHECK(function == nullptr);
        CTP_CHECK(std::unique_ptr<int>() != nullptr);
        std::shared_ptr<int> shared(pointer, [](int*) {});
        CTP_CHECK(shared == nullptr);
        const char* no_text = nullptr;
        CTP_CHECK(no_text == "x");
    });
    expect(all, {"CTP_CHECK(pointer == nullptr) failed with " + address(pointer) + " == nullptr",
                 "CTP_CHECK(null != nullptr) failed with nullptr != nullptr",
                 "CTP_CHECK(nullptr != nullptr) failed with nullptr != nullptr",
                 "CTP_CHECK(function == nullptr) failed with " + address(reinterpret_cast<const void*>(&a_function)) +
                     " == nullptr",
                 "CTP_CHECK(std::unique_ptr<int>() != nullptr) failed with nullptr != nullptr",
                 "CTP_CHECK(shared == nullptr) failed with " + address(pointer) + " == nullptr",
                 "CTP_CHECK(no_text == \"x\") failed with nullptr == \"x\""});
}

TEST_CASE("a pointer compares with 0 and NULL as in C++, either side, and prints as a pointer") {
    int value = 1;
    int* pointer = &value;
    const auto all = failures_of([&] {
        int* null = nullptr;
        CTP_CHECK(null == 0);
        CTP_CHECK(null == NULL);
        CTP_CHECK(0 == null);
        CTP_CHECK(pointer != 0);
        CTP_CHECK(pointer != NULL);
        CTP_CHECK(pointer != nullptr);
        CTP_CHECK(pointer == 0);
        CTP_CHECK(0 == pointer);
        CTP_CHECK(null != 0);
        CTP_CHECK_FALSE(pointer != NULL);
        CTP_REQUIRE(pointer == NULL);
    });
    const std::string at = address(pointer);
    REQUIRE(all.size() == 5);
    CHECK(all[0] == "CTP_CHECK(pointer == 0) failed with " + at + " == 0");
    CHECK(all[1] == "CTP_CHECK(0 == pointer) failed with 0 == " + at);
    CHECK(all[2] == "CTP_CHECK(null != 0) failed with nullptr != 0");
    // NULL is a macro: the expression shows what it expands to.
    CHECK(all[3].ends_with(") failed with " + at + " != 0"));
    CHECK(all[4].ends_with(") failed with " + at + " == 0"));
}

TEST_CASE("a user type prints through its operator<<, and a ctp::StringMaker wins over it") {
    const auto all = failures_of([] {
        CTP_CHECK(Point{1} == Point{2});
        CTP_CHECK(Celsius{20.5} == Celsius{21});
        CTP_CHECK(Empty{} != Empty{});
        CTP_CHECK(std::optional<Celsius>(Celsius{1}) == std::nullopt);
    });
    expect(all, {"CTP_CHECK(Point{1} == Point{2}) failed with operator<< 1 == operator<< 2",
                 "CTP_CHECK(Celsius{20.5} == Celsius{21}) failed with StringMaker 20.5 == "
                 "StringMaker 21",
                 "CTP_CHECK(Empty{} != Empty{}) failed with {} != {}",
                 "CTP_CHECK(std::optional<Celsius>(Celsius{1}) == std::nullopt) failed with "
                 "StringMaker 1 == nullopt"});
}

TEST_CASE("values print the same from a ctp::jthread the test starts") {
    const auto all = failures_of([] {
        ctp::jthread worker([] {
            CTP_CHECK(std::optional<std::pair<int, char>>({1, 'a'}) == std::nullopt);
            CTP_CHECK(std::chrono::milliseconds(12) == std::chrono::milliseconds(3));
        });
    });
    expect(all, {"CTP_CHECK(std::optional<std::pair<int, char>>({1, 'a'}) == std::nullopt) failed with {1, 'a'} == "
                 "nullopt",
                 "CTP_CHECK(std::chrono::milliseconds(12) == std::chrono::milliseconds(3)) failed with 12ms == 3ms"});
}

namespace {

struct Error {};
struct Other {};

void throws_error() { throw Error{}; }
void throws_nothing() {}

}  // namespace

TEST_CASE("CHECK_THROWS_AS takes reference and cv-qualified types as their decayed type") {
    for (const ctp::Options& options : {ctp::Options{}, testing::parallel(2)}) {
        const auto all = failures_of(
            [] {
                CTP_CHECK_THROWS_AS(throws_error(), const Error&);
                CTP_CHECK_THROWS_AS(throws_error(), Error&);
                CTP_CHECK_THROWS_AS(throws_error(), const volatile Error);
                CTP_CHECK_THROWS_AS(throws_error(), Error &&);
                CTP_CHECK_THROWS_AS(throws_error(), const std::pair<int, int>&);
                CTP_CHECK_THROWS_AS(throws_nothing(), const Error&);
                CTP_REQUIRE_THROWS_AS(throws_error(), const Other&);
            },
            options);
        expect(all, {"CTP_CHECK_THROWS_AS(throws_error(), const std::pair<int, int>&) threw another type: an "
                     "exception of type (anonymous namespace)::Error",
                     "CTP_CHECK_THROWS_AS(throws_nothing(), const Error&) threw nothing",
                     "CTP_REQUIRE_THROWS_AS(throws_error(), const Other&) threw another type: an exception of type "
                     "(anonymous namespace)::Error"});
    }
}

TEST_CASE("the short names take reference types in THROWS_AS too") {
    ctp::Registry registry;
    testing::add_short_name_tests(registry);
    const ctp::Result result = ctp::run(registry, {});
    const ctp::TestRecord& record = testing::record(result, "Short.throws_as_reference");
    REQUIRE(record.failures.size() == 1);
    CHECK(record.failures[0].message == "REQUIRE_THROWS_AS(static_cast<void>(0), const std::exception&) threw nothing");
}
