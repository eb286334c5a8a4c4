#ifndef CTP_DETAIL_TEMP_DIRECTORY_HPP
#define CTP_DETAIL_TEMP_DIRECTORY_HPP

#include <cstdlib>  // getenv
#include <string>

namespace ctp::detail {

// Where ctp makes its temporary files and directories: Bazel's TEST_TMPDIR (a directory of
// the test's own, emptied by Bazel), else TMPDIR, else /tmp.
inline std::string temp_directory() {
    for (const char* name : {"TEST_TMPDIR", "TMPDIR"})
        if (const char* value = std::getenv(name); value != nullptr && *value != '\0') return value;
    return "/tmp";
}

}  // namespace ctp::detail

#endif  // CTP_DETAIL_TEMP_DIRECTORY_HPP
