// ctp::parse_command_line over arbitrary argument vectors: the input is split into
// arguments at each newline or NUL. Only ctp::UsageError may escape; what parses must obey
// the documented ranges and parse the same again from its canonical spelling.
#include <ctp/cli.hpp>

#include <charconv>  // to_chars
#include <cstddef>   // size_t
#include <cstdint>   // uint8_t
#include <cstdlib>   // unsetenv
#include <string>
#include <string_view>
#include <thread>  // thread::hardware_concurrency
#include <vector>

#include "fuzz_support.hpp"

namespace {

std::vector<std::string> split_arguments(std::string_view data) {
    std::vector<std::string> arguments{"tests"};
    for (;;) {
        const auto end = data.find_first_of(std::string_view("\n\0", 2));
        arguments.emplace_back(data.substr(0, end));
        if (end == std::string_view::npos) break;
        data.remove_prefix(end + 1);
    }
    return arguments;
}

ctp::CommandLine parse(const std::vector<std::string>& arguments) {
    std::vector<const char*> argv;
    for (const std::string& argument : arguments) argv.push_back(argument.c_str());
    argv.push_back(nullptr);
    return ctp::parse_command_line(static_cast<int>(arguments.size()), argv.data());
}

// The arguments that ask for `line`, one option each in a fixed order.
std::vector<std::string> canonical(const ctp::CommandLine& line) {
    const ctp::Options& options = line.options;
    std::vector<std::string> arguments{"tests"};
    auto add = [&](std::string name, const std::string& value) { arguments.push_back(name + "=" + value); };
    if (options.parallel > 0) add("--parallel", std::to_string(options.parallel));
    if (options.shuffle) add("--shuffle", std::to_string(*options.shuffle));
    for (const std::string& filter : options.filters) arguments.insert(arguments.end(), {"-k", filter});
    for (const std::string& tag : options.tags) add("--tag", tag);
    for (const std::string& exclude : options.excludes) add("--exclude", exclude);
    if (options.run_skipped) arguments.emplace_back("--run-skipped");
    if (options.live_in_pool) arguments.emplace_back("--live-in-pool");
    if (options.failfast) arguments.emplace_back("--failfast");
    if (options.reverse) arguments.emplace_back("--reverse");
    if (options.exact) arguments.emplace_back("--exact");
    if (options.capture == ctp::CaptureMode::buffer) arguments.emplace_back("--buffer");
    if (options.isolate) arguments.emplace_back("--isolate");
    if (options.shard)
        add("--shard", std::to_string(options.shard->index) + "/" + std::to_string(options.shard->count));
    if (!options.junit_xml.empty()) add("--junit-xml", options.junit_xml);
    if (!options.json_report.empty()) add("--json", options.json_report);
    if (!options.trace.empty()) add("--trace", options.trace);
    if (!options.timeline.empty()) add("--timeline", options.timeline);
    if (options.reporter == ctp::ReporterKind::tap) add("--reporter", "tap");
    if (options.timeout > 0) {
        char text[64];
        const auto end = std::to_chars(text, text + sizeof text, options.timeout).ptr;
        add("--timeout", std::string(text, end));
    }
    if (options.retries > 0) add("--retries", std::to_string(options.retries));
    if (options.repeat != 1) add("--repeat", std::to_string(options.repeat));
    if (options.slowest > 0) add("--durations", std::to_string(options.slowest));
    if (options.color != ctp::ColorMode::automatic)
        add("--color", options.color == ctp::ColorMode::always ? "always" : "never");
    if (options.verbosity != 1) add("--verbosity", std::to_string(options.verbosity));
    if (line.list_format == ctp::ListFormat::json) add("--format", "json");
    if (line.command == ctp::Command::list) arguments.emplace_back("--list");
    if (line.command == ctp::Command::list_tags) arguments.emplace_back("--list-tags");
    if (line.command == ctp::Command::help) arguments.emplace_back("--help");
    if (line.command == ctp::Command::version) arguments.emplace_back("--version");
    return arguments;
}

bool same(const ctp::CommandLine& a, const ctp::CommandLine& b) {
    const ctp::Options& x = a.options;
    const ctp::Options& y = b.options;
    const bool same_shard = x.shard.has_value() == y.shard.has_value() &&
                            (!x.shard || (x.shard->index == y.shard->index && x.shard->count == y.shard->count));
    return a.command == b.command && a.list_format == b.list_format && x.parallel == y.parallel &&
           x.filters == y.filters && x.tags == y.tags && x.excludes == y.excludes && x.run_skipped == y.run_skipped &&
           x.failfast == y.failfast && x.shuffle == y.shuffle && x.reverse == y.reverse && x.verbosity == y.verbosity &&
           x.timeout == y.timeout && x.retries == y.retries && x.repeat == y.repeat && x.capture == y.capture &&
           x.isolate == y.isolate && same_shard && x.exact == y.exact && x.reporter == y.reporter &&
           x.color == y.color && x.slowest == y.slowest && x.junit_xml == y.junit_xml &&
           x.json_report == y.json_report && x.trace == y.trace && x.timeline == y.timeline &&
           x.live_in_pool == y.live_in_pool;
}

void check_ranges(const ctp::CommandLine& line) {
    const ctp::Options& options = line.options;
    const unsigned hardware = std::thread::hardware_concurrency();
    FUZZ_CHECK(options.parallel <= ctp::detail::max_workers || options.parallel == hardware);
    FUZZ_CHECK(!options.shard || (1 <= options.shard->index && options.shard->index <= options.shard->count));
    FUZZ_CHECK(options.verbosity >= 0 && options.verbosity <= 2);
    FUZZ_CHECK(options.timeout == 0 || options.timeout > 0);  // never negative or NaN
    FUZZ_CHECK(options.retries <= 100);
    FUZZ_CHECK(options.repeat >= 1 && options.repeat <= 1000000);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // --parallel auto would read it: keep runs reproducible.
    static const bool environment_cleared = (unsetenv("CTP_TEST_THREADS"), true);
    (void)environment_cleared;

    const std::vector<std::string> arguments =
        split_arguments(std::string_view(reinterpret_cast<const char*>(data), size));
    ctp::CommandLine line;
    try {
        line = parse(arguments);
    } catch (const ctp::UsageError&) {
        return 0;
    }
    check_ranges(line);
    ctp::CommandLine again;
    try {
        again = parse(canonical(line));
    } catch (const ctp::UsageError&) {
        FUZZ_CHECK(!"the canonical spelling of a parsed command line is rejected");
    }
    FUZZ_CHECK(same(line, again));

    // A bare --parallel appended to a valid line is never taken as a value: it sets only
    // the worker count, to at least one.
    std::vector<std::string> more = arguments;
    more.emplace_back("--parallel");
    ctp::CommandLine with_parallel = parse(more);
    FUZZ_CHECK(with_parallel.options.parallel >= 1);
    FUZZ_CHECK(with_parallel.options.shuffle.has_value() == line.options.shuffle.has_value());
    with_parallel.options.parallel = line.options.parallel;
    with_parallel.options.shuffle = line.options.shuffle;  // a bare --shuffle draws a new seed
    FUZZ_CHECK(same(line, with_parallel));
    return 0;
}
