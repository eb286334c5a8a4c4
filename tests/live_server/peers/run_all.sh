#!/bin/bash
# Runs every interop script in this directory against one peer binary; exit status is the number of failed scripts.
# Needs: curl, /usr/bin/python3 with python3-websockets, node (ws is installed from package.json on first use),
# optionally ab (apache2-utils). Usage, from the repository root:
#   g++ -std=c++20 -Wall -Wextra -Wpedantic -Werror -Iinclude tests/live_server/peers/peer.cpp -o /tmp/ctp_peer -pthread
#   tests/live_server/peers/run_all.sh /tmp/ctp_peer
set -u
here=$(cd "$(dirname "$0")" && pwd)
binary=$(realpath "$1")
if [ ! -d "$here/node_modules/ws" ]; then
    (cd "$here" && npm install --no-audit --no-fund --no-package-lock > /dev/null) || echo "npm install ws failed"
fi
failed=0
for script in http_curl.sh http_python.py ws_python.py ws_node.js; do
    echo "=== $script"
    if timeout 300 "$here/$script" "$binary"; then echo "=== $script passed"; else echo "=== $script FAILED"; failed=$((failed + 1)); fi
done
echo "$((4 - failed)) passed, $failed failed"
exit "$failed"
