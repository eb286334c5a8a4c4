#!/usr/bin/python3
"""Python http.client (and raw sockets for bytes http.client refuses to send) against the ctp HTTP server.

Usage: tests/live_server/peers/http_python.py /tmp/ctp_peer   (build the binary as described in peer.cpp)
"""
import http.client
import socket
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
from peer_process import PeerServer  # noqa: E402

failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    failures += 0 if ok else 1


def raw(port, data):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(data)
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def status_of(response_bytes):
    return int(response_bytes[9:12]) if response_bytes.startswith(b"HTTP/1.1 ") else 0


with PeerServer(sys.argv[1]) as server:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("GET", "/health")
    first = conn.getresponse()
    check(first.status == 200 and first.read() == b"ok", "GET /health")
    sock_before = conn.sock
    for i in range(20):
        conn.request("POST", "/echo", body=f"body {i}".encode(), headers={"Content-Type": "text/plain"})
        r = conn.getresponse()
        if r.read() != f"body {i}".encode() or r.getheader("Connection") != "keep-alive":
            check(False, "keep-alive echo %d" % i)
            break
    check(conn.sock is sock_before and conn.sock is not None, "20 requests on one kept-alive connection")
    conn.request("POST", "/echo", body=iter([b"chunk-1 ", b"chunk-2 ", b"chunk-3"]), encode_chunked=True)
    r = conn.getresponse()
    check(r.read() == b"chunk-1 chunk-2 chunk-3", "chunked request body decoded")
    big = bytes(range(256)) * 4096  # 1 MiB
    conn.request("PUT", "/echo", body=big)
    check(conn.getresponse().read() == big, "1 MiB body round trip")
    conn.request("GET", "/missing")
    r = conn.getresponse()
    check(r.status == 404 and r.getheader("Content-Type") is not None and r.getheader("Content-Length") == str(len(r.read())), "404 with framing headers")
    conn.request("DELETE", "/echo")
    r = conn.getresponse()
    r.read()
    check(r.status == 405 and r.getheader("Allow") == "POST, PUT", "405 with Allow")
    conn.request("GET", "/throw")
    r = conn.getresponse()
    r.read()
    check(r.status == 500, "throwing handler gives 500")
    conn.request("HEAD", "/health")
    r = conn.getresponse()
    check(r.status == 200 and r.getheader("Content-Length") == "2" and r.read() == b"", "HEAD")
    conn.request("POST", "/echo", body=b"x" * (5 * 1024 * 1024))
    r = conn.getresponse()
    r.read()
    check(r.status == 413 and r.getheader("Connection") == "close", "413 for an oversized body")
    conn.close()

    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("GET", "/health", headers={"X-Big": "a" * 10000})
    r = conn.getresponse()
    r.read()
    check(r.status == 431, "431 for oversized headers")
    conn.close()

    check(status_of(raw(server.port, b"GARBAGE\r\n\r\n")) == 400, "400 for a malformed request line")
    check(status_of(raw(server.port, b"GET / HTTP/1.1\r\n\r\n")) == 400, "400 for HTTP/1.1 without Host")
    check(status_of(raw(server.port, b"GET / HTTP/3.0\r\nHost: x\r\n\r\n")) == 505, "505 for HTTP/3.0")
    check(status_of(raw(server.port, b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: br\r\n\r\n")) == 501, "501 for unknown transfer coding")
    one_oh = raw(server.port, b"GET /health HTTP/1.0\r\n\r\n")
    check(b"Connection: close" in one_oh and one_oh.endswith(b"ok"), "HTTP/1.0 without keep-alive is closed")
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("GET", "/health")
    check(conn.getresponse().read() == b"ok", "server still healthy after bad requests")
    conn.close()

print("%d failed" % failures)
sys.exit(1 if failures else 0)
