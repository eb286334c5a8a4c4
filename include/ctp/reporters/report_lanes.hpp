#ifndef CTP_REPORTERS_REPORT_LANES_HPP
#define CTP_REPORTERS_REPORT_LANES_HPP

#include <string>
#include <vector>

#include "../result.hpp"
#include "../text/text_building.hpp"
#include "report_format.hpp"

namespace ctp::detail {

// Where a test is drawn in a timeline: lane 0 is the calling thread running regular tests
// (no --parallel), lanes 1..N the pool's workers, and the serial phase gets the last lane of
// its own, though it runs on the calling thread too.
struct Lanes {
    unsigned serial = 0;
    std::vector<std::string> names;  // indexed by lane; empty for a lane without tests
};

inline Lanes make_lanes(const Result& result) {
    Lanes lanes;
    unsigned workers = result.workers;
    for (const TestRecord& record : result.tests)
        if (record.worker > workers) workers = record.worker;
    for (const ResourceWait& wait : result.waits)
        if (wait.worker > workers) workers = wait.worker;
    lanes.serial = workers + 1;
    lanes.names.resize(lanes.serial + 1);
    for (const TestRecord& record : result.tests) {
        if (record.phase == Phase::serial) lanes.names[lanes.serial] = "serial phase";
        else if (record.worker == 0) lanes.names[0] = "main thread";
        else lanes.names[record.worker] = concat({"worker ", digits(record.worker)});
    }
    // A unit that waited and then did not run (an aborted run) leaves its worker's lane named.
    for (const ResourceWait& wait : result.waits)
        if (wait.worker != 0 && lanes.names[wait.worker].empty())
            lanes.names[wait.worker] = concat({"worker ", digits(wait.worker)});
    return lanes;
}

inline unsigned lane_of(const Lanes& lanes, const TestRecord& record) noexcept {
    return record.phase == Phase::serial ? lanes.serial : record.worker;
}

// A wait is drawn in the lane of the worker that took the unit; waits happen in the pool only.
inline unsigned lane_of(const ResourceWait& wait) noexcept { return wait.worker; }

// "Suite.name waited for db, 0.120s".
inline std::string describe_wait(const Result& result, const ResourceWait& wait) {
    return concat(
        {waiting_test(result, wait), " waited for ", wait.resource, ", ", seconds_text(wait.to - wait.from), "s"});
}

}  // namespace ctp::detail

#endif  // CTP_REPORTERS_REPORT_LANES_HPP
