#!/usr/bin/env python3
"""End-to-end tests of faults: crashes, hangs and output, in-process and with --isolate."""
import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree

PROGRAM = None


def run(*arguments):
    return subprocess.run([PROGRAM, *arguments], capture_output=True, text=True, timeout=120)


class InProcessCrash(unittest.TestCase):
    def test_each_fatal_signal_is_named_with_the_test_and_keeps_finished_results(self):
        cases = {
            "Crash.segfaults": "SIGSEGV (segmentation fault)",
            "Crash.aborts": "SIGABRT (abort)",
            "Crash.divides_by_zero": "SIGFPE (arithmetic error, such as division by zero)",
            "Crash.traps": "SIGILL (illegal instruction)",
        }
        for test, signal in cases.items():
            with self.subTest(test):
                result = run("-k", "Fine.first", "-k", "Fine.second", "-k", test)
                self.assertEqual(result.returncode, 3, result.stdout + result.stderr)
                self.assertIn(f"Aborted: fatal signal {signal} in {test}\n", result.stdout)
                self.assertIn(f"ERROR: {test}\n", result.stdout)
                self.assertIn("Ran 3 tests in ", result.stdout)
                self.assertIn("FAILED (errors=1)", result.stdout)

    def test_terminate_names_the_exception(self):
        result = run("-k", "Crash.terminates")
        self.assertEqual(result.returncode, 3)
        self.assertIn("std::terminate called after an uncaught exception: std::runtime_error: "
                      "escaped a noexcept function in Crash.terminates", result.stdout)

    def test_a_crash_report_carries_the_crashing_threads_context(self):
        result = run("-k", "Traced.segfaults")
        self.assertEqual(result.returncode, 3, result.stdout)
        self.assertIn("Aborted: fatal signal SIGSEGV (segmentation fault) in Traced.segfaults\n", result.stdout)
        self.assertRegex(result.stdout, r"\S+:\d+: error: fatal signal SIGSEGV \(segmentation fault\)\n"
                                        r"  info: iteration 2\n\n")
        result = run("-k", "Traced.terminates")
        self.assertEqual(result.returncode, 3, result.stdout)
        self.assertIn("error: std::terminate called\n  info: step := 4\n", result.stdout)

    def test_reports_are_written_with_the_crashed_test_as_an_error(self):
        with tempfile.TemporaryDirectory() as directory:
            junit = pathlib.Path(directory) / "report.xml"
            report = pathlib.Path(directory) / "report.json"
            result = run("--parallel", "2", "-k", "Fine.*", "-k", "Crash.segfaults",
                         "--junit-xml", str(junit), "--json", str(report))
            self.assertEqual(result.returncode, 3, result.stdout)
            cases = {case.get("name"): case for case in ElementTree.parse(junit).iter("testcase")}
            self.assertIn("fatal signal SIGSEGV (segmentation fault)", cases["segfaults"].find("error").get("message"))
            for name in ("first", "second", "writes"):
                self.assertIsNone(cases[name].find("error"))
            tests = {(test["suite"], test["name"]): test for test in json.loads(report.read_text())["tests"]}
            self.assertEqual(tests[("Crash", "segfaults")]["outcome"], "error")
            self.assertEqual(tests[("Fine", "first")]["outcome"], "passed")


class Timeout(unittest.TestCase):
    def test_a_test_past_timeout_ends_the_run_with_exit_4(self):
        result = run("--parallel", "2", "--timeout", "0.5", "-k", "Fine.first", "-k", "Hang.forever")
        self.assertEqual(result.returncode, 4, result.stdout)
        self.assertRegex(result.stdout, r"Aborted: timeout: Hang\.forever ran for 0\.5\d\ds \(limit 0\.5s\)\n")
        self.assertIn("ERROR: Hang.forever\n", result.stdout)
        self.assertIn("Ran 2 tests in ", result.stdout)

    def test_a_fixture_limit_wins_over_the_command_line(self):
        result = run("-k", "Quick.*", "--timeout", "30")
        self.assertEqual(result.returncode, 4)
        self.assertIn("limit 0.3s", result.stdout)

    def test_a_decorated_limit_wins_over_the_fixture_and_the_command_line(self):
        for test, limit in (("Limited.overruns_its_own_limit", "0.3"), ("Decorated.overruns_the_class_limit", "0.4"),
                            ("Decorated.overruns_its_own_limit", "0.2")):
            with self.subTest(test):
                result = run("--parallel", "2", "--timeout", "30", "-k", test, "-k", "Fine.first")
                self.assertEqual(result.returncode, 4, result.stdout)
                self.assertRegex(result.stdout, rf"Aborted: timeout: {re.escape(test)} ran for {limit}\d\ds "
                                                rf"\(limit {limit}s\)\n")
                self.assertIn(f"ERROR: {test}\n", result.stdout)

    def test_a_hang_in_the_serial_phase(self):
        result = run("--parallel", "2", "--timeout", "0.3", "-k", "Served.*", "-k", "Fine.first")
        self.assertEqual(result.returncode, 4)
        self.assertIn("Served.hangs_serially ran for", result.stdout)
        self.assertIn("Not run: 1 test (the run was aborted).", result.stdout)


class Buffer(unittest.TestCase):
    def test_buffer_shows_output_only_for_failed_tests(self):
        result = run("--buffer", "--parallel", "2", "-k", "Fine.writes", "-k", "Fine.fails_noisily")
        self.assertEqual(result.returncode, 1)
        self.assertNotIn("hello from Fine.writes", result.stdout + result.stderr)
        self.assertIn("---- captured output ----\nnoise before the failure\nand on stderr\n", result.stdout)

    def test_without_buffer_output_goes_through(self):
        result = run("-k", "Fine.writes")
        self.assertIn("hello from Fine.writes", result.stdout)


class Isolate(unittest.TestCase):
    def test_a_crash_costs_only_that_test(self):
        result = run("--isolate", "--parallel", "2", "-k", "Fine.first", "-k", "Fine.second", "-k", "Crash.*")
        self.assertEqual(result.returncode, 1, result.stdout)
        for test, signal in (("Crash.segfaults", "SIGSEGV"), ("Crash.aborts", "SIGABRT"),
                             ("Crash.divides_by_zero", "SIGFPE"), ("Crash.traps", "SIGILL")):
            self.assertRegex(result.stdout, f"ERROR: {test}\n-+\n\\S+:\\d+: error: crashed: fatal signal {signal} ")
        self.assertIn("std::terminate called after an uncaught exception: std::runtime_error: "
                      "escaped a noexcept function (crashed: fatal signal SIGABRT (abort))", result.stdout)
        self.assertIn("Ran 7 tests in ", result.stdout)
        self.assertTrue(result.stdout.endswith("FAILED (errors=5)\n"), result.stdout)

    def test_a_crash_report_carries_the_crashing_threads_context(self):
        result = run("--isolate", "-k", "Traced.*")
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertRegex(result.stdout, r"\S+:\d+: error: crashed: fatal signal SIGSEGV \(segmentation fault\)\n"
                                        r"  info: iteration 2\n\n")
        self.assertIn("error: std::terminate called (crashed: fatal signal SIGABRT (abort))\n  info: step := 4\n",
                      result.stdout)

    def test_a_timeout_kills_the_worker_and_the_run_goes_on(self):
        result = run("--isolate", "--parallel", "2", "--timeout", "0.5", "-k", "Hang.forever",
                     "-k", "Quick.*", "-k", "Served.*", "-k", "Fine.first")
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertRegex(result.stdout, r"Hang\.forever\n-+\n\S+: error: timed out after 0\.5\d\ds \(limit 0\.5s\); "
                                        r"its worker process was killed")
        self.assertIn("limit 0.3s", result.stdout)
        self.assertIn("Ran 5 tests in ", result.stdout)
        self.assertIn("FAILED (errors=3)", result.stdout)

    def test_a_decorated_limit_kills_the_worker(self):
        result = run("--isolate", "--timeout", "30", "-k", "Limited.*", "-k", "Decorated.*", "-k", "Fine.first")
        self.assertEqual(result.returncode, 1, result.stdout)
        for test, limit in (("Limited.overruns_its_own_limit", "0.3"), ("Decorated.overruns_the_class_limit", "0.4"),
                            ("Decorated.overruns_its_own_limit", "0.2")):
            self.assertRegex(result.stdout, rf"{re.escape(test)}\n-+\n\S+: error: timed out after {limit}\d\ds "
                                            rf"\(limit {limit}s\); its worker process was killed")
        self.assertTrue(result.stdout.endswith("FAILED (errors=3)\n"), result.stdout)

    def test_without_parallel_the_isolated_tests_run_in_order(self):
        result = run("--isolate", "-v", "-k", "Fine.first", "-k", "Crash.segfaults", "-k", "Fine.second")
        names = [line.split(" ... ")[0] for line in result.stdout.splitlines() if " ... " in line]
        self.assertEqual(names, ["Fine.first", "Fine.second", "Crash.segfaults"])
        self.assertEqual(result.returncode, 1)

    def test_buffer_captures_the_worker_descriptors(self):
        result = run("--isolate", "--buffer", "--parallel", "2", "-k", "Fine.*")
        self.assertNotIn("hello from Fine.writes", result.stdout)
        self.assertIn("---- captured output ----\nnoise before the failure\nand on stderr\n", result.stdout)

    def test_the_rest_of_a_crashed_class_runs_in_a_new_worker_with_its_hooks(self):
        result = run("--isolate", "--parallel", "2", "-v", "-k", "Unstable.*")
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertRegex(result.stdout, r"Unstable\.before \.\.\. ok")
        self.assertRegex(result.stdout, r"Unstable\.crashes \.\.\. ERROR")
        self.assertRegex(result.stdout, r"Unstable\.after \.\.\. ok")

    def test_a_crash_in_a_class_hook_is_an_error_of_the_tests_it_touched(self):
        for parallel in ([], ["--parallel", "2"]):
            with self.subTest(parallel=parallel):
                result = run("--isolate", *parallel, "-v", "-k", "CrashingSetUp.*", "-k", "CrashingTearDown.*",
                             "-k", "Fine.first")
                self.assertEqual(result.returncode, 1, result.stdout)
                for test in ("CrashingSetUp.first", "CrashingSetUp.second"):
                    self.assertRegex(result.stdout, rf"ERROR: {re.escape(test)}\n-+\n\S+:\d+: error: crashed: fatal "
                                                    r"signal SIGSEGV \(segmentation fault\) before the test started, "
                                                    r"in its class's set-up\n")
                self.assertRegex(result.stdout, r"CrashingTearDown\.first \.\.\. ok")
                self.assertRegex(result.stdout, r"ERROR: CrashingTearDown\.last\n-+\n\S+:\d+: error: crashed: fatal "
                                                r"signal SIGABRT \(abort\) after the test ended, in its class's "
                                                r"tear_down_class\n")
                self.assertIn("Ran 5 tests in ", result.stdout)
                self.assertTrue(result.stdout.endswith("FAILED (errors=3)\n"), result.stdout)

    def test_reports_hold_every_result(self):
        with tempfile.TemporaryDirectory() as directory:
            junit = pathlib.Path(directory) / "report.xml"
            result = run("--isolate", "--parallel", "2", "-k", "Fine.*", "-k", "Crash.*", "--junit-xml", str(junit))
            self.assertEqual(result.returncode, 1)
            cases = list(ElementTree.parse(junit).iter("testcase"))
            self.assertEqual(len(cases), 9)
            self.assertEqual(sum(case.find("error") is not None for case in cases), 5)


def main():
    global PROGRAM
    parser = argparse.ArgumentParser()
    parser.add_argument("--program", required=True)
    args, rest = parser.parse_known_args()
    PROGRAM = args.program
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
