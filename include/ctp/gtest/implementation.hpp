#ifndef CTP_GTEST_IMPLEMENTATION_HPP
#define CTP_GTEST_IMPLEMENTATION_HPP

// The GoogleTest front end's out-of-line half, and ctp's runner with it: compiled once, in
// the file that defines CTP_IMPLEMENT (gtest_main.cpp or gtest_implementation.cpp).

#include "../ctp.hpp"
#include "../result.hpp"
#include "../options.hpp"
#include "../listener.hpp"
#include "../registry.hpp"
#include "../runner.hpp"
#include "../thread.hpp"
#include "../cli.hpp"
#include "../main.hpp"
#include "../implementation.hpp"
#include "assertions_implementation.hpp"
#include "matchers_implementation.hpp"
#include "test_implementation.hpp"
#include "events_implementation.hpp"
#include "command_line_implementation.hpp"

#endif  // CTP_GTEST_IMPLEMENTATION_HPP
