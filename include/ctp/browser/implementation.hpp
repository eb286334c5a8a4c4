// The browser's out-of-line half: compiled once, in the file that defines CTP_MAIN or
// CTP_IMPLEMENT and includes <ctp/browser.hpp>.
#ifndef CTP_BROWSER_IMPLEMENTATION_HPP
#define CTP_BROWSER_IMPLEMENTATION_HPP

#include "../browser.hpp"
#include "../detail/browser_session.hpp"
#include "../detail/child_process.hpp"
#include "session.hpp"

namespace ctp::detail {

extern const bool browser_compiled_in_the_file_with_CTP_MAIN;
const bool browser_compiled_in_the_file_with_CTP_MAIN = true;

}  // namespace ctp::detail

#endif  // CTP_BROWSER_IMPLEMENTATION_HPP
