#!/usr/bin/python3
"""Python `websockets` (Debian python3-websockets) against ctp, in both directions:
a websockets client drives the ctp WebSocket server, and ctp::WebSocketClient drives a websockets echo server.

Usage: tests/live_server/peers/ws_python.py /tmp/ctp_peer   (build the binary as described in peer.cpp)
"""
import asyncio
import sys

import websockets

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
from peer_process import PeerServer  # noqa: E402

failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    failures += 0 if ok else 1


async def client_against_ctp(port):
    base = f"ws://127.0.0.1:{port}"
    async with websockets.connect(base + "/ws/echo/", max_size=None, open_timeout=5, close_timeout=5) as ws:
        await ws.send("hello")
        check(await asyncio.wait_for(ws.recv(), 5) == "hello", "text echo")
        for size in (125, 126, 65535, 64 * 1024, 1024 * 1024):
            payload = bytes(i % 251 for i in range(size))
            await ws.send(payload)
            check(await asyncio.wait_for(ws.recv(), 10) == payload, f"binary echo of {size} bytes")
        await ws.send("\u03ba\u1f79\u03c3\u03bc\u03b5 " * 50000)
        check(await asyncio.wait_for(ws.recv(), 10) == "\u03ba\u1f79\u03c3\u03bc\u03b5 " * 50000, "1.1 MB UTF-8 text echo")
        await ws.send(["frag", "men", "ted"])  # sent as three frames
        check(await asyncio.wait_for(ws.recv(), 5) == "fragmented", "fragmented message reassembled")
        pong = await ws.ping(b"are you there")
        await asyncio.wait_for(pong, 5)
        check(True, "ping answered with pong")
        await ws.close(code=4000, reason="client done")
        check(ws.close_code == 4000, "close handshake echoes 4000")

    async with websockets.connect(base + "/ws/fragments") as ws:
        check(await asyncio.wait_for(ws.recv(), 5) == "fragmented", "fragmented message from the server")

    async with websockets.connect(base + "/ws/close/4001") as ws:
        try:
            await asyncio.wait_for(ws.recv(), 5)
            check(False, "server close")
        except websockets.ConnectionClosed:
            check(ws.close_code == 4001 and ws.close_reason == "server says bye", "server-initiated close 4001 with reason")

    async with websockets.connect(base + "/ws/small") as ws:
        await ws.send("x" * 2000)
        try:
            await asyncio.wait_for(ws.recv(), 5)
            check(False, "message too big")
        except websockets.ConnectionClosed:
            check(ws.close_code == 1009, "1009 for a message over max_message_size")

    async with websockets.connect(base + "/ws/proto", subprotocols=["chat.v1", "chat.v2"]) as ws:
        check(ws.subprotocol == "chat.v2" and await asyncio.wait_for(ws.recv(), 5) == "chat.v2", "subprotocol chosen by server preference")

    try:
        async with websockets.connect(base + "/nope"):
            check(False, "handshake to unknown path rejected")
    except websockets.InvalidStatusCode as error:
        check(error.status_code == 404, "handshake to unknown path rejected with 404")


async def echo(ws, path=None):
    path = path or getattr(ws, "path", None) or ws.request.path
    if path == "/close":
        await ws.close(code=4001, reason="bye")
        return
    try:
        async for message in ws:
            await ws.send(message)
    except websockets.ConnectionClosed:
        pass  # closing with a code other than 1000 is part of the scenario


async def ctp_client_against_python(binary):
    async with websockets.serve(echo, "127.0.0.1", 0, max_size=None) as server:
        port = server.sockets[0].getsockname()[1]
        process = await asyncio.create_subprocess_exec(binary, "ws-client", f"ws://127.0.0.1:{port}/")
        code = await asyncio.wait_for(process.wait(), 60)
        check(code == 0, "ctp::WebSocketClient against a websockets echo server")


async def main(binary):
    with PeerServer(binary) as server:
        await asyncio.wait_for(client_against_ctp(server.port), 120)
    await ctp_client_against_python(binary)


asyncio.run(main(sys.argv[1]))
print("%d failed" % failures)
sys.exit(1 if failures else 0)
