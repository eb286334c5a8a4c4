// Umbrella header for ctp's live-server networking layer.
#ifndef CTP_LIVE_SERVER_HPP
#define CTP_LIVE_SERVER_HPP

#include "live_server/base64.hpp"
#include "live_server/http_client.hpp"
#include "live_server/http_message.hpp"
#include "live_server/http_parser.hpp"
#include "live_server/http_server.hpp"
#include "live_server/router.hpp"
#include "live_server/server_connection.hpp"
#include "live_server/server_options.hpp"
#include "live_server/sha1.hpp"
#include "live_server/socket.hpp"
#include "live_server/static_files.hpp"
#include "live_server/url.hpp"
#include "live_server/utf8.hpp"
#include "live_server/websocket.hpp"
#include "live_server/websocket_client.hpp"
#include "live_server/websocket_frame.hpp"

// The servers of live-server fixtures, for the runner.
#include "detail/live_server_session.hpp"

#endif  // CTP_LIVE_SERVER_HPP
