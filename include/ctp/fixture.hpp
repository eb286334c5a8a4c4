#ifndef CTP_FIXTURE_HPP
#define CTP_FIXTURE_HPP

#include <iosfwd>       // string, for the live-server functions' declarations
#include <type_traits>  // is_base_of_v, bool_constant

namespace ctp {

class Router;
class Browser;
class Page;

// Base of every CTP_TEST_F fixture. A fresh object is made for each test.
class TestCase {
public:
    TestCase() = default;
    TestCase(const TestCase&) = delete;
    TestCase& operator=(const TestCase&) = delete;
    virtual ~TestCase() = default;

    // Hidden, not overridden, by a fixture's own static functions of the same name.
    static void set_up_class() {}
    static void tear_down_class() {}

    virtual void set_up() {}
    virtual void tear_down() {}
};

// Marker base: the fixture's tests run in the serial phase, one at a time, after the pool.
class SerialTestCase : public TestCase {};

// The live-server fixtures own a server for their class (started before its first test,
// stopped after its last), so they always run serially. A fixture configures it with any of
//   static void routes(ctp::Router& router);      // HTTP and WebSocket routes
//   static std::string static_root();              // a directory to serve (also a path or const char*)
//   static constexpr unsigned short port = 8081;   // a fixed port; default: one the OS picks
// and reaches it through these (they need <string> and <ctp/live_server.hpp> where called).
class LiveServerTestCase : public SerialTestCase {
public:
    static std::string live_server_url();     // http://127.0.0.1:PORT
    static std::string live_server_ws_url();  // ws://127.0.0.1:PORT
    static unsigned short live_server_port();
};
class StaticLiveServerTestCase : public LiveServerTestCase {};
class ChannelsLiveServerTestCase : public LiveServerTestCase {};

// A live-server class that also owns a headless browser (include <ctp/browser.hpp>, also in
// the file that defines CTP_MAIN). page() is the running test's own page, made at its first
// call, with its own cookies and storage; a fixture may define
//   static ctp::BrowserOptions browser_options();
class BrowserTestCase : public StaticLiveServerTestCase {
public:
    static Page& page();
    static Browser& browser();
};

// The live server is the user's own program, started before set_up_class and stopped after
// tear_down_class. A fixture defines
//   static std::vector<std::string> command();  // program and arguments; "{port}" becomes the port
// and may define
//   static std::string ready_path();  // polled until it answers 2xx; default: the port accepts
//   static double start_timeout();    // seconds; default 10
//   static double stop_timeout();     // seconds from SIGTERM to SIGKILL; default 5
// Its stdout and stderr are shown with a failure of the class (the last 20 lines).
class ProcessLiveServerTestCase : public LiveServerTestCase {};

// Specialise to move a fixture into the serial phase without changing its bases:
//   template <> struct ctp::is_serial_fixture<Database> : std::true_type {};
template <class Fixture>
struct is_serial_fixture : std::bool_constant<std::is_base_of_v<SerialTestCase, Fixture>> {};

template <class Fixture>
inline constexpr bool is_serial_fixture_v = is_serial_fixture<Fixture>::value;

}  // namespace ctp

#endif  // CTP_FIXTURE_HPP
