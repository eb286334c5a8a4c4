// The one file that compiles ctp's implementation and doctest's main.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#define CTP_NO_SHORT_NAMES
#define CTP_IMPLEMENT
#define CTP_LIVE_SERVER_API  // test_live_server_fixtures.cpp uses live servers: they compile here
#define CTP_BROWSER_API      // and test_browser.cpp the browser
#include <ctp/ctp.hpp>

// The GoogleTest front end's out-of-line half, where its self-tests can reach it (not in the
// single-header build, which has no front ends).
#if __has_include(<ctp/gtest.hpp>)
#define GTEST_DONT_DEFINE_FAIL 1
#include <ctp/gtest.hpp>
#endif  // __has_include(<ctp/gtest.hpp>)
