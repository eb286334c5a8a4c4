// The live-server API for test files: ctp::Router, ctp::Request/Response, the ctp::http and
// WebSocket clients, ctp::LiveServer. Only declarations and small inline parts: the server
// itself, its sockets and parsers compile once, in the file that defines CTP_MAIN or
// CTP_IMPLEMENT (that file includes this header too), or in one file that defines
// CTP_LIVE_SERVER_IMPLEMENT in a program without ctp's runner.
#ifndef CTP_LIVE_SERVER_HPP
#define CTP_LIVE_SERVER_HPP

#include "live_server/http_client.hpp"
#include "live_server/http_message.hpp"
#include "live_server/router.hpp"
#include "live_server/server.hpp"
#include "live_server/websocket.hpp"

namespace ctp::net {

// Defined by live_server/implementation.hpp. Referring to it here turns "no file compiled the
// server" into a link error that names the fix.
extern const bool live_server_compiled_in_the_file_with_CTP_MAIN;
inline const bool live_server_linked = live_server_compiled_in_the_file_with_CTP_MAIN;

}  // namespace ctp::net

#if defined(CTP_MAIN) || defined(CTP_IMPLEMENT) || defined(CTP_LIVE_SERVER_IMPLEMENT)
#include "live_server/implementation.hpp"
#endif  // defined(CTP_MAIN) || defined(CTP_IMPLEMENT) || defined(CTP_LIVE_SERVER_IMPLEMENT)

#endif  // CTP_LIVE_SERVER_HPP
