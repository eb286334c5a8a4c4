#!/usr/bin/env python3
"""End-to-end tests of ctp::ProcessLiveServerTestCase's faults (process_suite.cpp): a server
that cannot start, exits early, is never ready or dies during a test, and one left running
when ctp crashes. No server may outlive the run."""
import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time
import unittest

PROGRAM = None
SERVER = pathlib.Path(__file__).resolve().parent.parent / "process_server" / "server.py"


class ProcessFaults(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.pid_file = pathlib.Path(self.directory.name) / "server.pid"

    def tearDown(self):
        self.directory.cleanup()

    def run_suite(self, *arguments):
        environment = {**os.environ, "CTP_E2E_SERVER": str(SERVER), "CTP_E2E_PID_FILE": str(self.pid_file)}
        return subprocess.run([PROGRAM, *arguments], capture_output=True, text=True, timeout=120, env=environment)

    def assert_server_gone(self):
        """Ended: no such process, or a zombie (an init that does not reap leaves those)."""
        pid = int(self.pid_file.read_text())
        stat = pathlib.Path(f"/proc/{pid}/stat")
        deadline = time.monotonic() + 10  # a SIGKILL sent as ctp ended may still be on its way
        while time.monotonic() < deadline:
            try:
                state = stat.read_text().rsplit(")", 1)[1].split()[0]
            except (FileNotFoundError, ProcessLookupError):
                return
            if state == "Z":
                return
            time.sleep(0.01)
        self.fail(f"the server's process {pid} outlived ctp")

    def test_a_program_that_cannot_start_makes_each_test_an_error(self):
        result = self.run_suite("-k", "Missing.*")
        self.assertEqual(result.returncode, 1, result.stdout)
        message = ("error: unexpected exception in the live server's start: std::runtime_error: "
                   "cannot start '/nonexistent/server': No such file or directory\n")
        self.assertEqual(result.stdout.count(message), 2, result.stdout)
        self.assertIn("FAILED (errors=2)", result.stdout)

    def test_a_program_that_exits_early_shows_its_status_and_output(self):
        result = self.run_suite("-k", "EarlyExit.*")
        self.assertEqual(result.returncode, 1, result.stdout)
        message = ("error: unexpected exception in the live server's start: std::runtime_error: the server "
                   "'sh -c echo loading config; echo 'config.toml: no such file' >&2; exit 3' exited with status 3 "
                   "before it was ready; its last output:\nloading config\nconfig.toml: no such file\n")
        self.assertEqual(result.stdout.count(message), 2, result.stdout)

    def test_a_program_never_ready_is_killed(self):
        result = self.run_suite("-k", "NeverReady.*")
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertRegex(result.stdout, r"error: unexpected exception in the live server's start: std::runtime_error: "
                                        r"the server 'sh -c .*; exec sleep 60' was not ready after 0\.5 s \(nothing "
                                        r"accepted on port \d+\); it was killed; its last output:\nwarming up\n")
        self.assert_server_gone()

    def test_a_program_that_dies_fails_that_test_and_the_later_ones(self):
        result = self.run_suite("-k", "Dies.*")
        self.assertEqual(result.returncode, 1, result.stdout)
        pid = int(self.pid_file.read_text())
        server = f"the server 'sh -c echo $$ > \"$CTP_E2E_PID_FILE\"; exec python3 \"$CTP_E2E_SERVER\"' (pid {pid})"
        self.assertIn(f"FAIL: Dies.kills\n", result.stdout)
        self.assertRegex(result.stdout, re.escape(f"error: {server} exited with status 3 during this test; its last "
                                                  f"output:\nlistening on ") + r"\d+\nexiting with 3\n")
        self.assertIn(f"error: {server} exited with status 3 earlier, during Dies.kills; this test ran without it\n"
                      f"---- captured output ----\n--- output of ", result.stdout)
        self.assertIn("FAILED (failures=2)", result.stdout)
        self.assert_server_gone()

    def test_a_failed_test_shows_the_programs_last_lines(self):
        result = self.run_suite("-k", "Failing.*")
        self.assertEqual(result.returncode, 1, result.stdout)
        pid = int(self.pid_file.read_text())
        self.assertRegex(result.stdout, re.escape("---- captured output ----\n--- output of 'sh -c echo $$ > "
                                                  f"\"$CTP_E2E_PID_FILE\"; exec python3 \"$CTP_E2E_SERVER\"' (pid "
                                                  f"{pid}), last 1 line ---\nlistening on ") + r"\d+\n")
        self.assert_server_gone()

    def test_no_server_outlives_a_crash_of_ctp(self):
        for arguments in ([], ["--isolate"]):
            with self.subTest(arguments=arguments):
                result = self.run_suite("-k", "Crashes.*", *arguments)
                self.assertEqual(result.returncode, 3 if not arguments else 1, result.stdout)
                self.assertIn("error: " + ("crashed: " if arguments else "") +
                              "fatal signal SIGSEGV (segmentation fault)\n", result.stdout)
                self.assert_server_gone()


def main():
    global PROGRAM
    parser = argparse.ArgumentParser()
    parser.add_argument("--program", required=True)
    args, rest = parser.parse_known_args()
    PROGRAM = args.program
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
