#ifndef CTP_CLI_PARSER_HPP
#define CTP_CLI_PARSER_HPP

#include <string_view>

#include "arguments.hpp"
#include "option_table.hpp"

namespace ctp {

// The command line as ctp::main reads it; bad arguments throw UsageError. The environment
// is not read here (see cli/environment.hpp), except CTP_TEST_THREADS by --parallel.
inline CommandLine parse_command_line(int argc, const char* const* argv) {
    CommandLine line;
    for (detail::ArgumentCursor at(argc, argv); at.next();) {
        const detail::CommandLineOption* match = nullptr;
        for (const detail::CommandLineOption& option : detail::command_line_options)
            if (at.name == option.name || (!option.short_name.empty() && at.name == option.short_name)) match = &option;
        if (match == nullptr)
            detail::usage_error(
                {at.argument.starts_with("-") ? "unknown option '" : "unexpected argument '", at.argument, "'"});
        match->handle(at, line);
    }
    return line;
}

}  // namespace ctp

#endif  // CTP_CLI_PARSER_HPP
