#ifndef CTP_CLI_HPP
#define CTP_CLI_HPP

// The command line of ctp::main: one table of options (cli/option_table.hpp) drives both
// the parser and --help; cli/environment.hpp reads what runners pass through the environment.

#include "cli/arguments.hpp"
#include "cli/option_table.hpp"
#include "cli/parser.hpp"
#include "cli/help.hpp"
#include "cli/environment.hpp"

#endif  // CTP_CLI_HPP
