#ifndef CTP_GTEST_HPP
#define CTP_GTEST_HPP

// The GoogleTest front end: GoogleTest's test macros, assertions, listeners and main over
// ctp's runner (gmock is not part of it). <gtest/gtest.h> resolves here through
// include/ctp/compat/gtest. The file that defines CTP_IMPLEMENT compiles its out-of-line half.

// GoogleTest's names are the front end's: ctp's short names (TEST, FAIL...) stay out.
#if !defined(CTP_NO_SHORT_NAMES)
#define CTP_NO_SHORT_NAMES
#endif  // !defined(CTP_NO_SHORT_NAMES)

// Suites use what GoogleTest's header brings without including it (strcmp, printf,
// std::unique_ptr...): the light ones of those come here too.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gtest/assertions.hpp"
#include "gtest/matchers.hpp"
#include "gtest/test.hpp"
#include "gtest/parameterized.hpp"
#include "gtest/typed.hpp"
#include "gtest/events.hpp"
#include "gtest/main.hpp"

#if defined(CTP_IMPLEMENT)
#include "gtest/implementation.hpp"
#endif  // defined(CTP_IMPLEMENT)

#endif  // CTP_GTEST_HPP
