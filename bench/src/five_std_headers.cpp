// The yardstick for live_test_file.cpp: the standard headers a live-server test file may cost.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>
