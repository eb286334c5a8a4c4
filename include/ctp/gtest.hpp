#ifndef CTP_GTEST_HPP
#define CTP_GTEST_HPP

// GoogleTest's API on ctp's runner: #include <gtest/gtest.h> resolves here through ctp's
// compat include directory.

#include "gtest/test.hpp"
#include "gtest/parameterized.hpp"
#include "gtest/typed.hpp"

#if defined(CTP_IMPLEMENT)
#include "gtest/implementation.hpp"
#endif  // defined(CTP_IMPLEMENT)

#endif  // CTP_GTEST_HPP
