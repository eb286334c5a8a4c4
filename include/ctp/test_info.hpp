#ifndef CTP_TEST_INFO_HPP
#define CTP_TEST_INFO_HPP

#include "decorators.hpp"
#include "fixture.hpp"

namespace ctp::detail {

// What a live-server fixture configures; the server implements it.
class LiveServerSetup {
public:
    virtual Router& router() = 0;
    virtual void static_root(const char* directory) = 0;
    virtual void port(unsigned short port) = 0;
    // A ctp::ProcessLiveServerTestCase: the class's server is a program, killed
    // `stop_timeout` seconds after SIGTERM; then its command, one argument at a time, and
    // its settings.
    virtual void process_server(double stop_timeout) = 0;
    virtual void command_argument(const char* argument) = 0;
    virtual void ready_path(const char* path) = 0;
    virtual void start_timeout(double seconds) = 0;
    // A ctp::BrowserTestCase: the class also gets a browser. `options`, when the fixture has
    // browser_options(), writes them into the ctp::BrowserOptions it is given.
    virtual void browser(void (*options)(void* into)) = 0;

protected:
    ~LiveServerSetup() = default;
};

template <class Text>
const char* c_text(const Text& text) {
    if constexpr (std::is_convertible_v<const Text&, const char*>) return text;
    else return text.c_str();
}

// A browser fixture's file includes <ctp/browser.hpp>, so the options' type is known there.
template <class Fixture>
void read_browser_options(void* into) {
    using Options = decltype(Fixture::browser_options());
    *static_cast<Options*>(into) = Fixture::browser_options();
}

template <class Fixture>
constexpr void (*browser_options_reader())(void*) {
    if constexpr (requires { Fixture::browser_options(); }) return &read_browser_options<Fixture>;
    else return nullptr;
}

// A ctp::ProcessLiveServerTestCase serves its command() and nothing else; CTP_TEST_F's
// static_asserts say so at the user's line.
template <class Fixture>
constexpr bool process_fixture_has_command() {
    if constexpr (std::is_base_of_v<ProcessLiveServerTestCase, Fixture>) return requires {
            Fixture::command();
        };
    else return true;
}

template <class Fixture>
constexpr bool process_fixture_has_no_routes() {
    if constexpr (std::is_base_of_v<ProcessLiveServerTestCase, Fixture>) return !requires(Router & router) {
            Fixture::routes(router);
        }
    &&!requires { Fixture::static_root(); };
    else return true; }

// Compiled where the fixture is defined, where the server is not needed.
template <class Fixture>
void configure_live_server(LiveServerSetup& setup) {
    if constexpr (std::is_base_of_v<ProcessLiveServerTestCase, Fixture>) {
        if constexpr (requires { Fixture::port; }) setup.port(Fixture::port);
        if constexpr (process_fixture_has_command<Fixture>()) {
            if constexpr (requires { Fixture::stop_timeout(); }) setup.process_server(Fixture::stop_timeout());
            else setup.process_server(5);
            for (const auto& argument : Fixture::command()) setup.command_argument(c_text(argument));
            if constexpr (requires { Fixture::ready_path(); }) setup.ready_path(c_text(Fixture::ready_path()));
            if constexpr (requires { Fixture::start_timeout(); }) setup.start_timeout(Fixture::start_timeout());
        }
        return;
    }
    if constexpr (requires(Router & router) { Fixture::routes(router); }) Fixture::routes(setup.router());
    if constexpr (requires { Fixture::static_root(); }) setup.static_root(c_text(Fixture::static_root()));
    if constexpr (requires { Fixture::port; }) setup.port(Fixture::port);
    if constexpr (std::is_base_of_v<BrowserTestCase, Fixture>) setup.browser(browser_options_reader<Fixture>());
}

// One per fixture type, shared by all its tests: the runner groups tests by its address.
struct FixtureInfo {
    void (*set_up_class)();
    void (*tear_down_class)();
    bool serial;
    double timeout_seconds;                                 // 0: --timeout applies
    void (*configure_live_server)(LiveServerSetup& setup);  // null unless a live-server fixture
    const Decorations* decorations;                         // the class's `decorators`; null if none
    unsigned short (*port)();                               // a live server's fixed port; null if none
};

template <class Fixture>
constexpr double fixture_timeout() {
    if constexpr (requires { Fixture::timeout_seconds; }) return Fixture::timeout_seconds;
    else return 0;
}

// A class hook is a static function taking nothing (ctp::TestCase's unless the fixture hides
// it). CTP_TEST_F checks both with a static_assert at the user's line; class_hook keeps that
// the only error.
template <class Hook>
inline constexpr bool is_class_hook_v = std::is_convertible_v<Hook, void (*)()>;

// True for a fixture that is no ctp::TestCase: CTP_TEST_F's first static_assert says so.
template <class Fixture>
constexpr bool set_up_class_is_static() {
    if constexpr (requires { &Fixture::set_up_class; }) return is_class_hook_v<decltype(&Fixture::set_up_class)>;
    else return true;
}

template <class Fixture>
constexpr bool tear_down_class_is_static() {
    if constexpr (requires { &Fixture::tear_down_class; }) return is_class_hook_v<decltype(&Fixture::tear_down_class)>;
    else return true;
}

template <class Hook>
constexpr void (*class_hook(Hook hook))() {
    if constexpr (is_class_hook_v<Hook>) return hook;
    else return nullptr;
}

// A function, since a fixture's port may be a variable set before the run.
template <class Fixture>
unsigned short fixture_port() {
    return Fixture::port;
}

template <class Fixture>
constexpr unsigned short (*port_reader())() {
    if constexpr (std::is_base_of_v<LiveServerTestCase, Fixture> && requires { Fixture::port; })
        return &fixture_port<Fixture>;
    else return nullptr;
}

template <class Fixture>
constexpr const Decorations* fixture_decorations() {
    if constexpr (requires { Fixture::decorators.decorations(); }) return Fixture::decorators.decorations();
    else return nullptr;
}

template <class Fixture>
inline constexpr FixtureInfo fixture_info{
    class_hook(&Fixture::set_up_class),
    class_hook(&Fixture::tear_down_class),
    is_serial_fixture_v<Fixture>,
    fixture_timeout<Fixture>(),
    std::is_base_of_v<LiveServerTestCase, Fixture> ? &configure_live_server<Fixture> : nullptr,
    fixture_decorations<Fixture>(),
    port_reader<Fixture>()};

// Plain data so that a registered test costs a static object and no allocation. Its size
// and pointer count matter with 100,000 tests: each pointer is a load-time relocation, so
// suite and name share one string, "suite\0name".
struct TestInfo {
    const char* names;
    const char* file;
    int line;
    unsigned name_offset;        // where the name starts in `names`
    const FixtureInfo* fixture;  // null for a free test
    TestCase* (*make)();         // null for a free test
    void (*run)(const TestInfo& self, TestCase* fixture_object);
    const void* data;                // owned callable of a test added at run time
    const Decorations* decorations;  // the test's own; null if none
    const char* parameter;           // a parameterized case's printed value; null if none
    TestInfo* next;

    const char* suite() const noexcept { return names; }
    const char* name() const noexcept { return names + name_offset; }
};

struct TestList {
    TestInfo* head;
    TestInfo* tail;
};

// Constant-initialised, so registration from any static initialiser is safe.
inline TestList& global_tests() noexcept {
    static TestList list{nullptr, nullptr};
    return list;
}

inline bool register_test(TestInfo& info) noexcept {
    TestList& list = global_tests();
    (list.tail ? list.tail->next : list.head) = &info;
    list.tail = &info;
    return true;
}

template <class Fixture>
TestCase* make_fixture() {
    return new Fixture();
}

template <class Test>
void run_fixture_test(const TestInfo&, TestCase* fixture_object) {
    static_cast<Test*>(fixture_object)->ctp_body();
}

}  // namespace ctp::detail

#define CTP_DETAIL_CAT_(a, b) a##b
#define CTP_DETAIL_CAT(a, b) CTP_DETAIL_CAT_(a, b)

// A test's decorators, when it has any, live in a static object of their own.
#define CTP_DETAIL_DECORATORS(id, ...) \
    __VA_OPT__(static const ::ctp::Decorators CTP_DETAIL_CAT(id, _decorators){__VA_ARGS__};)
#define CTP_DETAIL_DECORATIONS(id, ...) \
    ::ctp::detail::decorations_of(nullptr __VA_OPT__(, CTP_DETAIL_CAT(id, _decorators)))

// The body of a free test is itself the function the runner calls.
#define CTP_DETAIL_TEST(suite, name, id, ...)                                                         \
    static void id(const ::ctp::detail::TestInfo&, ::ctp::TestCase*);                                 \
    CTP_DETAIL_DECORATORS(id, __VA_ARGS__)                                                            \
    static ::ctp::detail::TestInfo CTP_DETAIL_CAT(id, _info){#suite "\0" #name,                       \
                                                             __FILE__,                                \
                                                             __LINE__,                                \
                                                             sizeof(#suite),                          \
                                                             nullptr,                                 \
                                                             nullptr,                                 \
                                                             &id,                                     \
                                                             nullptr,                                 \
                                                             CTP_DETAIL_DECORATIONS(id, __VA_ARGS__), \
                                                             nullptr,                                 \
                                                             nullptr};                                \
    [[maybe_unused]] static const bool CTP_DETAIL_CAT(id, _registered) =                              \
        ::ctp::detail::register_test(CTP_DETAIL_CAT(id, _info));                                      \
    static void id(const ::ctp::detail::TestInfo&, ::ctp::TestCase*)

#define CTP_DETAIL_TEST_F(fixture, name, id, ...)                                                     \
    static_assert(::std::is_base_of_v<::ctp::TestCase, fixture>,                                      \
                  "CTP_TEST_F: " #fixture " must derive from ctp::TestCase");                         \
    static_assert(::ctp::detail::set_up_class_is_static<fixture>(),                                   \
                  "CTP_TEST_F: " #fixture                                                             \
                  "::set_up_class must be static, returning void and "                                \
                  "taking nothing: declare it static void set_up_class()");                           \
    static_assert(::ctp::detail::tear_down_class_is_static<fixture>(),                                \
                  "CTP_TEST_F: " #fixture                                                             \
                  "::tear_down_class must be static, returning void "                                 \
                  "and taking nothing: declare it static void tear_down_class()");                    \
    static_assert(::ctp::detail::process_fixture_has_command<fixture>(),                              \
                  "CTP_TEST_F: a ctp::ProcessLiveServerTestCase needs "                               \
                  "static std::vector<std::string> command()");                                       \
    static_assert(::ctp::detail::process_fixture_has_no_routes<fixture>(),                            \
                  "CTP_TEST_F: a ctp::ProcessLiveServerTestCase's server is its command(): "          \
                  "remove routes() and static_root(), or derive from ctp::LiveServerTestCase");       \
    namespace {                                                                                       \
    struct id final : fixture {                                                                       \
        void ctp_body();                                                                              \
    };                                                                                                \
    }                                                                                                 \
    CTP_DETAIL_DECORATORS(id, __VA_ARGS__)                                                            \
    static ::ctp::detail::TestInfo CTP_DETAIL_CAT(id, _info){#fixture "\0" #name,                     \
                                                             __FILE__,                                \
                                                             __LINE__,                                \
                                                             sizeof(#fixture),                        \
                                                             &::ctp::detail::fixture_info<fixture>,   \
                                                             &::ctp::detail::make_fixture<id>,        \
                                                             &::ctp::detail::run_fixture_test<id>,    \
                                                             nullptr,                                 \
                                                             CTP_DETAIL_DECORATIONS(id, __VA_ARGS__), \
                                                             nullptr,                                 \
                                                             nullptr};                                \
    [[maybe_unused]] static const bool CTP_DETAIL_CAT(id, _registered) =                              \
        ::ctp::detail::register_test(CTP_DETAIL_CAT(id, _info));                                      \
    void id::ctp_body()

// A free test; its full name is "suite.name". Decorators may follow the name:
//   CTP_TEST(Store, checkout, ctp::tags("db", "slow"), ctp::timeout(2.5))
#define CTP_TEST(suite, name, ...) \
    CTP_DETAIL_TEST(suite, name, CTP_DETAIL_CAT(ctp_test_, __COUNTER__) __VA_OPT__(, ) __VA_ARGS__)

// A test in a fresh object of `fixture` (derived from ctp::TestCase); full name
// "fixture.name". Decorators may follow the name, adding to or overriding the class's.
#define CTP_TEST_F(fixture, name, ...) \
    CTP_DETAIL_TEST_F(fixture, name, CTP_DETAIL_CAT(ctp_test_, __COUNTER__) __VA_OPT__(, ) __VA_ARGS__)

#endif  // CTP_TEST_INFO_HPP
