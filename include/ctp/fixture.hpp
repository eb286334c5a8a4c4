#ifndef CTP_FIXTURE_HPP
#define CTP_FIXTURE_HPP

#include <type_traits>  // is_base_of_v, bool_constant

namespace ctp {

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

// The live-server fixtures own a server for their class, so they always run serially.
class LiveServerTestCase : public SerialTestCase {};
class StaticLiveServerTestCase : public LiveServerTestCase {};
class ChannelsLiveServerTestCase : public LiveServerTestCase {};

// Specialise to move a fixture into the serial phase without changing its bases:
//   template <> struct ctp::is_serial_fixture<Database> : std::true_type {};
template <class Fixture>
struct is_serial_fixture
    : std::bool_constant<std::is_base_of_v<SerialTestCase, Fixture>> {};

template <class Fixture>
inline constexpr bool is_serial_fixture_v = is_serial_fixture<Fixture>::value;

}  // namespace ctp

#endif  // CTP_FIXTURE_HPP
