// The one file that compiles ctp's implementation and doctest's main.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#define CTP_NO_SHORT_NAMES
#define CTP_IMPLEMENT
#define CTP_LIVE_SERVER_API  // test_live_server_fixtures.cpp uses live servers: they compile here
#include <ctp/ctp.hpp>
