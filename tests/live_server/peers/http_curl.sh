#!/bin/bash
# curl (and ab, when installed) against the ctp HTTP server: keep-alive reuse, error statuses, chunked upload, Expect: 100-continue.
# Usage: tests/live_server/peers/http_curl.sh /tmp/ctp_peer   (build the binary as described in peer.cpp; needs curl)
set -u
binary=$1
failures=0
check() {  # check DESCRIPTION EXPECTED ACTUAL
    if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: expected '$2', got '$3'"; failures=$((failures + 1)); fi
}
work=$(mktemp -d)
mkdir -p "$work/static/sub"
echo '<h1>static</h1>' > "$work/static/index.html"
echo 'secret' > "$work/secret.txt"
ln -s "$work/secret.txt" "$work/static/leak.txt"
coproc PEER { exec "$binary" serve "$work/static"; }
peer_pid=$PEER_PID  # bash unsets PEER_PID as soon as the peer has exited
read -r -t 10 word port <&"${PEER[0]}"
[ "$word" = PORT ] || { echo "FAIL peer did not start"; exit 1; }
url="http://127.0.0.1:$port"
c="curl -sS --max-time 10"

check "GET /health" "200 ok" "$($c -w '%{http_code}' -o "$work/out" "$url/health" && echo " $(cat "$work/out")")"
reuse=$($c -v "$url/health" "$url/health" "$url/health" 2>&1 | grep -c -i 're-\?using existing connection')
check "keep-alive: curl reuses the connection" "2" "$reuse"
check "404" "404" "$($c -o /dev/null -w '%{http_code}' "$url/nope")"
check "405 + Allow" "405 POST, PUT" "$($c -o /dev/null -w '%{http_code} %header{allow}' -X DELETE "$url/echo")"
check "500 from a throwing handler" "500" "$($c -o /dev/null -w '%{http_code}' "$url/throw")"
check "400 for a bad request target" "400" "$($c -o /dev/null -w '%{http_code}' --request-target 'no-slash' "$url/")"
check "431 for huge headers" "431" "$($c -o /dev/null -w '%{http_code}' -H "X-Big: $(head -c 9000 /dev/zero | tr '\0' a)" "$url/health")"
head -c 5000000 /dev/zero > "$work/big"
check "413 for a huge body" "413" "$($c -o /dev/null -w '%{http_code}' --data-binary @"$work/big" "$url/echo")"
seq 1 20000 > "$work/numbers"
check "chunked upload decoded" "$(wc -c < "$work/numbers")" "$($c -H 'Transfer-Encoding: chunked' --data-binary @"$work/numbers" "$url/echo" | wc -c)"
start=$(date +%s%N)
out=$($c -H 'Expect: 100-continue' --data-binary @"$work/numbers" "$url/echo" | cmp - "$work/numbers" && echo same)
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "Expect: 100-continue answered without curl's 1 s fallback" "same fast" "$out $([ $elapsed_ms -lt 900 ] && echo fast || echo slow-${elapsed_ms}ms)"
check "HTTP/1.0 request" "200" "$($c -0 -o /dev/null -w '%{http_code}' "$url/health")"
check "static index.html" "<h1>static</h1>" "$($c "$url/static/")"
check "static symlink out of root refused" "404" "$($c -o /dev/null -w '%{http_code}' "$url/static/leak.txt")"
check "static traversal refused" "404" "$($c -o /dev/null -w '%{http_code}' --path-as-is "$url/static/../secret.txt")"
check "static encoded traversal refused" "404" "$($c -o /dev/null -w '%{http_code}' --path-as-is "$url/static/%2e%2e/secret.txt")"
ctype=$($c -o /dev/null -w '%{content_type}' "$url/static/index.html")
check "static Content-Type" "text/html; charset=utf-8" "$ctype"

if command -v ab > /dev/null; then
    ab_out=$(timeout 60 ab -q -k -n 2000 -c 8 "$url/health" 2>&1)
    check "ab -k: no failed requests" "0" "$(echo "$ab_out" | awk '/^Failed requests/{print $3}')"
    check "ab -k: all kept alive" "2000" "$(echo "$ab_out" | awk '/^Keep-Alive requests/{print $3}')"
    echo "$ab_out" | grep -E '^(Requests per second|Time per request)' | head -2
    ab_out=$(timeout 60 ab -q -n 500 -c 4 "$url/health" 2>&1)
    check "ab without -k: no failed requests" "0" "$(echo "$ab_out" | awk '/^Failed requests/{print $3}')"
else
    echo "skip ab (apt-get install apache2-utils)"
fi

exec {PEER[1]}>&-
wait "$peer_pid" 2>/dev/null || true
rm -rf "$work"
echo "$failures failed"
[ "$failures" = 0 ]
