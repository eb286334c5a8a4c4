#ifndef CTP_CTP_HPP
#define CTP_CTP_HPP

// What every test file sees stays light: no <string>, <thread> or <iostream>.
#include "version.hpp"
#include "fixture.hpp"
#include "context.hpp"
#include "value_printer.hpp"
#include "assertions.hpp"
#include "logging.hpp"
#include "test_info.hpp"
#include "subcase.hpp"
#include "typed.hpp"
#include "workers.hpp"
#include "process_state.hpp"
#include "short_names.hpp"

#if defined(CTP_MAIN) && !defined(CTP_IMPLEMENT)
#define CTP_IMPLEMENT
#endif  // defined(CTP_MAIN) && !defined(CTP_IMPLEMENT)

// Approximate numbers, matchers and the exception-text assertions cost each file that
// includes them, so a file asks for them: #include <ctp/approx.hpp>, <ctp/matchers.hpp> and
// <ctp/matchers_regex.hpp> (the one with <regex>), or, with the single header, define
// CTP_APPROX_API, CTP_MATCHERS_API or CTP_MATCHERS_REGEX_API before including it.
#if defined(CTP_APPROX_API) || defined(CTP_IMPLEMENT)
#include "approx.hpp"
#endif  // defined(CTP_APPROX_API) || defined(CTP_IMPLEMENT)
#if defined(CTP_MATCHERS_API) || defined(CTP_MATCHERS_REGEX_API) || defined(CTP_IMPLEMENT)
#include "matchers.hpp"
#endif  // defined(CTP_MATCHERS_API) || defined(CTP_MATCHERS_REGEX_API) || defined(CTP_IMPLEMENT)
#if defined(CTP_MATCHERS_REGEX_API)
#include "matchers_regex.hpp"
#endif  // defined(CTP_MATCHERS_REGEX_API)
// ctp::register_test, to register tests from code: #include <ctp/registration.hpp>, or define
// CTP_REGISTRATION_API. The runner and parameterized tests use it too.
#if defined(CTP_REGISTRATION_API) || defined(CTP_PARAMETERIZED_API) || defined(CTP_IMPLEMENT) || \
    defined(CTP_RUNNER_API) || defined(CTP_LIVE_SERVER_IMPLEMENT)
#include "registration.hpp"
#endif  // defined(CTP_REGISTRATION_API) || ...
// Value-parameterized tests (CTP_TEST_P, ctp::values, ctp::range, ctp::combine) bring
// <tuple>: #include <ctp/parameterized.hpp>, or define CTP_PARAMETERIZED_API.
#if defined(CTP_PARAMETERIZED_API)
#include "parameterized.hpp"
#endif  // defined(CTP_PARAMETERIZED_API)

// The runner's API: in the implementing file, or in any file that asks for it. The file
// that compiles the live server also needs it, for the servers of live-server fixtures.
#if defined(CTP_IMPLEMENT) || defined(CTP_RUNNER_API) || defined(CTP_LIVE_SERVER_IMPLEMENT)
#include "result.hpp"
#include "options.hpp"
#include "listener.hpp"
#include "registry.hpp"
#include "runner.hpp"
#include "thread.hpp"
#include "reporters/console.hpp"
#include "reporters/junit.hpp"
#include "reporters/tap.hpp"
#include "reporters/json.hpp"
#include "reporters/trace.hpp"
#include "reporters/timeline.hpp"
#include "reporters/list.hpp"
#include "reporters/report_files.hpp"
#include "reporters/descriptor_stream.hpp"
#include "cli.hpp"
#include "main.hpp"
#endif  // defined(CTP_IMPLEMENT) || defined(CTP_RUNNER_API) || defined(CTP_LIVE_SERVER_IMPLEMENT)

// The live-server API (ctp::Router, ctp::http, ctp::WebSocketClient...) for the files that
// define CTP_LIVE_SERVER_API, the single header's way to say #include <ctp/live_server.hpp>.
// Programs without live servers do not compile them; the implementing file of a program
// with live servers includes it too, and compiles the server (live_server.hpp says how).
#if defined(CTP_LIVE_SERVER_API) || defined(CTP_LIVE_SERVER_IMPLEMENT)
#include "live_server.hpp"
#endif  // defined(CTP_LIVE_SERVER_API) || defined(CTP_LIVE_SERVER_IMPLEMENT)

// ctp::Browser and ctp::BrowserTestCase's pages for the files that define CTP_BROWSER_API, the
// single header's way to say #include <ctp/browser.hpp>.
#if defined(CTP_BROWSER_API)
#include "browser.hpp"
#endif  // defined(CTP_BROWSER_API)

#if defined(CTP_IMPLEMENT)
#include "implementation.hpp"
#endif  // defined(CTP_IMPLEMENT)

#if defined(CTP_MAIN)
#include "entry_point.hpp"
#endif  // defined(CTP_MAIN)

#endif  // CTP_CTP_HPP
