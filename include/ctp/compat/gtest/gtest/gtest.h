#include "../../../gtest.hpp"
