// Bodies written with the short names of logging.hpp, which test_logging.cpp cannot use
// (doctest owns them there); test_logging.cpp runs them.
#define CTP_RUNNER_API
#include <ctp/ctp.hpp>

namespace testing {

void add_logging_short_name_tests(ctp::Registry& registry) {
    registry.add("ShortLogging", "all", [] {
        const int two = 2;
        INFO("two is ", two);
        CAPTURE(two);
        CHECK_MESSAGE(two == 3, "why");
        WARN(two == 1);
        WARN_FALSE(two == 2);
        REQUIRE_MESSAGE(two == 4, "because");
        WARN(two == 5);  // not reached
    });
}

}  // namespace testing
