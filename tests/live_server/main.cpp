// Self-tests of ctp's live-server networking layer (include/ctp/live_server/).
// Build and run from the repository root (add -fsanitize=thread or -fsanitize=address,undefined as wanted):
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Werror -Iinclude tests/live_server/*.cpp -o /tmp/live_server_tests -pthread && /tmp/live_server_tests
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

// This program has no ctp runner: the server compiles here, once.
#define CTP_LIVE_SERVER_IMPLEMENT
#include "ctp/live_server.hpp"
