#ifndef CTP_RUN_ARTIFACTS_HPP
#define CTP_RUN_ARTIFACTS_HPP

#include <string>

#include <unistd.h>  // getcwd

#include "../options.hpp"

namespace ctp::detail {

// Where the files that the runner keeps for a test go (a failed browser test's screenshot and
// DOM), and which --repeat run is going on, for their names. Set by the run before its
// threads or worker processes start, which read it.
struct ArtifactPlace {
    std::string directory;  // absolute, ends with "/ctp-artifacts"
    unsigned iteration = 1;
};

inline ArtifactPlace& artifact_place() noexcept {
    static ArtifactPlace place;
    return place;
}

// Beside the first report file that the options name, else in the working directory.
inline std::string artifact_directory(const Options& options) {
    std::string directory;
    for (const std::string* report : {&options.junit_xml, &options.json_report, &options.trace, &options.timeline,
                                      &options.gtest.xml, &options.gtest.json}) {
        if (report->empty()) continue;
        const auto slash = report->rfind('/');
        if (slash != std::string::npos) directory = report->substr(0, slash + 1);
        break;
    }
    if (directory.empty() || directory.front() != '/') {
        std::string cwd(256, '\0');
        while (getcwd(cwd.data(), cwd.size()) == nullptr && cwd.size() < 65536) cwd.resize(cwd.size() * 2);
        cwd.resize(cwd.find('\0'));
        if (cwd.empty() || cwd.back() != '/') cwd += '/';
        directory = cwd + directory;
    }
    return directory + "ctp-artifacts";
}

}  // namespace ctp::detail

#endif  // CTP_RUN_ARTIFACTS_HPP
