#ifndef CTP_GTEST_IMPLEMENTATION_HPP
#define CTP_GTEST_IMPLEMENTATION_HPP

// The out-of-line halves of the GoogleTest front end, compiled once (with CTP_IMPLEMENT).

#include "test_implementation.hpp"

#endif  // CTP_GTEST_IMPLEMENTATION_HPP
