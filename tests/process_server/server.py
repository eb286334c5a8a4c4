#!/usr/bin/env python3
"""A small HTTP server for the process-fixture self-tests: port from --port or $PORT.

  GET /hello   -> 200 "hello"
  GET /health  -> 503 for the first --unready-for requests, then 200 "ok"
  GET /exit    -> prints "exiting with 3", answers 200, exits with status 3
"""
import argparse
import http.server
import os
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "0")))
parser.add_argument("--unready-for", type=int, default=0)
args = parser.parse_args()
unready = [args.unready_for]


class Handler(http.server.BaseHTTPRequestHandler):
    def answer(self, status, text):
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def do_GET(self):
        if self.path == "/hello":
            self.answer(200, "hello")
        elif self.path == "/health":
            if unready[0] > 0:
                unready[0] -= 1
                self.answer(503, "starting")
            else:
                self.answer(200, "ok")
        elif self.path == "/exit":
            print("exiting with 3", flush=True)
            self.answer(200, "bye")
            os._exit(3)
        else:
            self.answer(404, "no such page")

    def log_message(self, format, *arguments):
        pass


server = http.server.HTTPServer(("127.0.0.1", args.port), Handler)
print(f"listening on {args.port}", flush=True)
server.serve_forever()
