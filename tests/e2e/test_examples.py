#!/usr/bin/env python3
"""End-to-end tests: run the built examples and test programs, check output and exit codes."""
import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

EXAMPLES = PROGRAMS = None


def run(directory, name, *arguments, env=None, cwd=None):
    path = pathlib.Path(directory) / name
    return subprocess.run([str(path), *arguments], capture_output=True, text=True, timeout=120, env=env, cwd=cwd)


class MixedSuite(unittest.TestCase):
    def test_parallel_output_starts_with_the_three_lines(self):
        result = run(EXAMPLES, "03_mixed_suite", "--parallel", "4")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(result.stdout.splitlines()[:3], [
            "Found 100 test(s).",
            "Running 85 regular tests in parallel...",
            "Running 15 WebSocket/Selenium tests serially...",
        ])
        self.assertRegex(result.stdout, r"\nRan 100 tests in \d+\.\d{3}s\n\nOK\n$")

    def test_serial_run_has_no_phase_lines(self):
        result = run(EXAMPLES, "03_mixed_suite", "-k", "Parser.sums_")
        self.assertEqual(result.returncode, 0)
        self.assertEqual(result.stdout.splitlines()[0], "Found 5 test(s).")
        self.assertNotIn("Running", result.stdout)

    def test_list_shows_each_phase(self):
        result = run(EXAMPLES, "03_mixed_suite", "--list")
        lines = result.stdout.splitlines()
        self.assertEqual(len(lines), 100)
        self.assertEqual(sum(line.endswith(" [serial]") for line in lines), 15)
        self.assertIn("Chat.echoes_5 [serial]", lines)
        self.assertIn("Inventory.counts_1 [parallel]", lines)


class Examples(unittest.TestCase):
    def test_hello_and_fixtures_pass(self):
        for name in ("01_hello", "02_fixtures"):
            with self.subTest(name):
                result = run(EXAMPLES, name, "--parallel", "2", "-v")
                self.assertEqual(result.returncode, 0, result.stdout)
                self.assertEqual(result.stdout.splitlines()[0], "Found 4 test(s).")
                self.assertEqual(len(re.findall(r" \.\.\. ok \(\d+\.\d{3}s\)$", result.stdout, re.M)), 4)

    def test_parameterized_and_typed_cases(self):
        result = run(EXAMPLES, "11_parameterized", "--parallel", "2", "-v")
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertEqual(result.stdout.splitlines()[0], "Found 20 test(s).")
        self.assertRegex(result.stdout, r"(?m)^Text\.repeats/2 \[\{3, \"ab\"\}\] \.\.\. ok \(")
        self.assertRegex(result.stdout, r"(?m)^Containers\.start_empty<std::map<int, int>> \.\.\. ok \(")
        listed = run(EXAMPLES, "11_parameterized", "--list", "-k", "Wallet.pays/1 [100]", "--exact")
        self.assertEqual(listed.stdout, "Wallet.pays/1 [100] [parallel]\n")

    def test_embedded_main(self):
        result = run(EXAMPLES, "04_embedded_main")
        self.assertEqual(result.returncode, 0)
        self.assertEqual(result.stdout, "Config.parses: passed\nConfig.skips_on_ci: skipped\n1 passed, 0 failed\n")

    def test_tags_select_and_a_malformed_expression_exits_2(self):
        result = run(EXAMPLES, "12_tags", "--parallel", "2", "-v", "--tag", "db and not slow")
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertEqual(re.findall(r"^(\S+) \.\.\. ok", result.stdout, re.M), ["Orders.finds"])
        result = run(EXAMPLES, "12_tags", "--tag", "db and (slow")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stdout, "")
        self.assertRegex(result.stderr, r"^error: --tag 'db and \(slow': expected '\)' at position 13 \(see \S*12_tags "
                                        r"--help\)\n$")
        result = run(EXAMPLES, "12_tags", "-t", "nosuch")
        self.assertEqual((result.returncode, result.stderr), (5, "error: no test matches --tag 'nosuch'\n"))

    def test_subcases_are_junit_testcases_and_failures_name_their_path(self):
        with tempfile.TemporaryDirectory() as work:
            report = pathlib.Path(work) / "report.xml"
            result = run(EXAMPLES, "10_subcases", "--junit-xml", str(report))
            self.assertEqual(result.returncode, 1, result.stdout)
            self.assertIn("failed with 0 == -20\n  sub-case: Why.coupon / big coupon\n", result.stdout)
            cases = [(case.get("classname"), case.get("name"), [child.tag for child in case])
                     for case in ET.parse(report).iter("testcase")]
        self.assertEqual(cases, [
            ("CartTest", "totals / empty cart / with coupon", []),
            ("CartTest", "totals / empty cart / without coupon", []),
            ("CartTest", "totals / one item / with coupon", []),
            ("CartTest", "totals / one item / without coupon", []),
            ("CartSizes", "each / items=0", []),
            ("CartSizes", "each / items=1", []),
            ("CartSizes", "each / items=10", []),
            ("Why", "coupon / small coupon", []),
            ("Why", "coupon / big coupon", ["failure"]),
        ])


class FailingSuite(unittest.TestCase):
    def test_failures_errors_and_exit_code_1(self):
        result = run(PROGRAMS, "e2e_failing_suite", "--parallel", "3")
        self.assertEqual(result.returncode, 1)
        out = result.stdout
        self.assertRegex(out, r"FAIL: Failing\.compares\n-+\n\S*failing_suite\.cpp:\d+: error: "
                              r"CTP_CHECK\(balance == 0\) failed with 3 == 0\n")
        self.assertRegex(out, r"ERROR: Failing\.throws_std\n-+\n\S*failing_suite\.cpp:\d+: error: "
                              r"unexpected exception in test: std::runtime_error: disk full\n")
        self.assertIn("unexpected exception in test: an exception of type NotAnException\n", out)
        self.assertIn("CTP_REQUIRE(balance == 0) failed with 3 == 0\n", out)
        positions = [out.index(f"{kind}: {name}\n") for kind, name in (
            ("FAIL", "Failing.compares"), ("ERROR", "Failing.throws_std"),
            ("ERROR", "Failing.throws_odd"), ("FAIL", "Accounts.opens"))]
        self.assertEqual(positions, sorted(positions))
        self.assertTrue(out.endswith("FAILED (failures=2, errors=2, skipped=1)\n"), out)

    def test_selected_passing_tests_exit_0(self):
        self.assertEqual(run(PROGRAMS, "e2e_failing_suite", "-k", "Passing", "-k", "Chat.*").returncode, 0)

    def test_no_match_exits_5(self):
        result = run(PROGRAMS, "e2e_failing_suite", "-k", "Nothing*")
        self.assertEqual(result.returncode, 5)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr, "error: no test matches -k 'Nothing*'\n")

    def test_bad_command_lines_exit_2_with_one_line(self):
        for arguments in (["--parallel", "0"], ["--parallel", "-3"], ["--parallel", "x"],
                          ["--shuffle", "x"], ["--nope"], ["-k"]):
            with self.subTest(arguments):
                result = run(PROGRAMS, "e2e_failing_suite", *arguments)
                self.assertEqual(result.returncode, 2)
                self.assertEqual(result.stdout, "")
                self.assertEqual(len(result.stderr.splitlines()), 1)
                self.assertIn(arguments[-1] if arguments[0] != "-k" else "-k", result.stderr)
                self.assertIn("--help", result.stderr)

    def test_failfast(self):
        result = run(PROGRAMS, "e2e_failing_suite", "--failfast", "-k", "Failing")
        self.assertEqual(result.returncode, 1)
        self.assertIn("Not run: 2 tests (--failfast stopped the run).\n", result.stdout)


class LiveServerExamples(unittest.TestCase):
    def run_verbose(self, name):
        # From the build directory: meson compiles with source paths relative to it, and
        # 06 finds its pages from __FILE__.
        result = run(EXAMPLES, name, "--parallel", "2", "-v", cwd=pathlib.Path(EXAMPLES).resolve().parent)
        return result, result.stdout.splitlines()

    def test_http_static_and_websocket_examples_pass(self):
        for name, tests in (("05_http_api", ("NotesApi.starts_empty", "NotesApi.stores_what_is_posted",
                                             "NotesApi.rejects_bad_requests")),
                            ("06_static_files", ("Site.serves_the_index_page", "Site.types_assets_by_extension",
                                                 "Site.stays_inside_its_root")),
                            ("07_websocket_chat", ("Chat.greets_by_name", "Chat.broadcasts_to_everyone",
                                                   "Chat.closes_cleanly"))):
            with self.subTest(name):
                result, lines = self.run_verbose(name)
                self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
                self.assertEqual(lines[:2], ["Found 3 test(s).", "Running 3 WebSocket/Selenium tests serially..."])
                for test in tests:
                    self.assertRegex(result.stdout, rf"\n{re.escape(test)} \.\.\. ok \(\d+\.\d{{3}}s\)\n")
                self.assertRegex(result.stdout, r"\nRan 3 tests in \d+\.\d{3}s\n\nOK\n$")

    def test_browser_app_runs_chromium_where_installed(self):
        browser = os.environ.get("CTP_BROWSER", "/usr/bin/chromium")
        if not os.access(browser, os.X_OK):
            self.skipTest(f"no browser at {browser}")
        # Where the browser exists it must really run: every test passes, none is skipped.
        result, lines = self.run_verbose("15_browser_app")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(lines[:2], ["Found 8 test(s).", "Running 8 WebSocket/Selenium tests serially..."])
        for test in ("shows_the_page", "adds_an_item_through_the_form", "rejects_an_empty_item",
                     "marks_an_item_done", "other_pages_update_without_a_reload",
                     "logs_each_render_to_the_console", "keeps_the_draft_across_a_reload",
                     "starts_each_test_with_empty_storage"):
            self.assertRegex(result.stdout, rf"\nTodoApp\.{test} \.\.\. ok \(\d+\.\d{{3}}s\)\n")
        self.assertRegex(result.stdout, r"\nRan 8 tests in \d+\.\d{3}s\n\nOK\n$")

    def test_browser_app_without_a_browser_is_an_error_naming_the_package(self):
        # Not a skip: a CI machine that lost its browser must fail.
        result = run(EXAMPLES, "15_browser_app", "-k", "TodoApp.shows_the_page", "-k", "TodoApp.marks_an_item_done",
                     env={**os.environ, "CTP_BROWSER": "/nonexistent/chromium"})
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertEqual(result.stdout.count("error: unexpected exception in the live server's start: "
                                             "ctp::BrowserError: no browser at '/nonexistent/chromium': install "
                                             "Debian's package chromium, or set CTP_BROWSER"), 2, result.stdout)
        self.assertTrue(result.stdout.endswith("\n\nFAILED (errors=2)\n"), result.stdout)


def main():
    global EXAMPLES, PROGRAMS
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", required=True)
    parser.add_argument("--programs", required=True)
    args, rest = parser.parse_known_args()
    EXAMPLES, PROGRAMS = args.examples, args.programs
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
