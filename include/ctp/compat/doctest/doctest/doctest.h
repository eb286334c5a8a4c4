#include <ctp/doctest.hpp>
