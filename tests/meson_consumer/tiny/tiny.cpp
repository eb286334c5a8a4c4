// Built with only `pkg-config --cflags --libs ctp`.
#define CTP_MAIN
#include <ctp/ctp.hpp>

CTP_TEST(Tiny, builds_with_pkg_config) { CTP_CHECK(2 * 3 == 6); }
