"""Starts `peer serve` (peer.cpp) for the Python interop scripts and stops it afterwards."""
import subprocess


class PeerServer:
    def __init__(self, binary, *args):
        self.process = subprocess.Popen([binary, "serve", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().split()
        if len(line) != 2 or line[0] != "PORT":
            self.process.kill()
            raise RuntimeError("peer did not report its port")
        self.port = int(line[1])

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.stdin.close()  # the peer stops its server when stdin closes
        self.process.wait(timeout=15)
        return False
