// The one file that compiles ctp's implementation and doctest's main.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#define CTP_NO_SHORT_NAMES
#define CTP_IMPLEMENT
#include <ctp/ctp.hpp>
