#ifndef CTP_GTEST_HPP
#define CTP_GTEST_HPP

// GoogleTest's API over ctp's runner.

#include "gtest/assertions.hpp"
#include "gtest/matchers.hpp"

#if defined(CTP_IMPLEMENT)
#include "gtest/implementation.hpp"
#endif  // defined(CTP_IMPLEMENT)

#endif  // CTP_GTEST_HPP
