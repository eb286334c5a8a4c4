#!/usr/bin/env python3
"""No browser process survives ctp: run a program that holds a ctp::Browser with a loaded
page, kill it with SIGKILL, and check that every process of that browser (the browser, its
zygotes, renderers, GPU and utility processes, which carry its profile directory on their
command lines or share its process group) ends. Also: a program that returns normally leaves
no process and no file behind. Exits 77 (skipped) when Chromium is absent.

usage: test_browser_faults.py --program <hold_browser>
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time


def browser_path():
    return os.environ.get("CTP_BROWSER") or "/usr/bin/chromium"


def processes_of(profile_root, group):
    """The pids whose command line names `profile_root` or whose process group is `group`."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                command = f.read().replace(b"\0", b" ").decode(errors="replace")
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        state, process_group = fields[0], int(fields[2])
        if state == "Z":
            continue  # ended, waiting for its parent to reap it
        if profile_root in command or process_group == group:
            found[int(entry)] = command[:160]
    return found


def start_holder(program, root, *arguments):
    env = dict(os.environ, TMPDIR=root)
    holder = subprocess.Popen([program, *arguments], stdout=subprocess.PIPE, env=env, text=True)
    line = holder.stdout.readline()
    if not line.strip().isdigit():
        holder.kill()
        raise SystemExit(f"FAIL: {program} printed {line!r} instead of the browser's pid")
    return holder, int(line)


def wait_for_none(root, group, seconds):
    deadline = time.monotonic() + seconds
    while True:
        left = processes_of(root, group)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def check_sigkill(program):
    root = tempfile.mkdtemp(prefix="ctp-browser-faults-")
    try:
        holder, browser = start_holder(program, root)
        before = processes_of(root, browser)
        if browser not in before or not any("--type=renderer" in c for c in before.values()):
            holder.kill()
            raise SystemExit(f"FAIL: no browser and renderer found while the program ran: {before}")
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        left = wait_for_none(root, browser, 10)
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if left:
            raise SystemExit("FAIL: processes survived the SIGKILL of the program that held the browser:\n" +
                             "\n".join(f"  {pid}: {command}" for pid, command in left.items()))
        print(f"ok: {len(before)} browser processes ended with the program killed by SIGKILL")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def check_normal_exit(program):
    root = tempfile.mkdtemp(prefix="ctp-browser-faults-")
    try:
        holder, browser = start_holder(program, root, "--exit")
        if holder.wait(timeout=60) != 0:
            raise SystemExit(f"FAIL: {program} --exit exited with {holder.returncode}")
        left = wait_for_none(root, browser, 10)
        if left:
            raise SystemExit(f"FAIL: processes survived the Browser: {left}")
        files = os.listdir(root)
        if files:
            raise SystemExit(f"FAIL: the Browser left files in its TMPDIR: {files}")
        print("ok: a Browser that ends leaves no process and no file")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--program", required=True)
    options = parser.parse_args()
    if not os.access(browser_path(), os.X_OK):
        print(f"SKIP: no browser at '{browser_path()}'")
        return 77
    check_normal_exit(options.program)
    check_sigkill(options.program)
    return 0


if __name__ == "__main__":
    sys.exit(main())
