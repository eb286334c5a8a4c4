#ifndef CTP_GTEST_IMPLEMENTATION_HPP
#define CTP_GTEST_IMPLEMENTATION_HPP

// The out-of-line halves of the GoogleTest front end, compiled once.

#include "assertions_implementation.hpp"
#include "matchers_implementation.hpp"

#endif  // CTP_GTEST_IMPLEMENTATION_HPP
