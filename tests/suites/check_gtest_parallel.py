#!/usr/bin/env python3
"""gtest-parallel (google/gtest-parallel, in the shared tools folder) over a GoogleTest-style
program: it lists the tests with --gtest_list_tests, runs each with --gtest_filter in its own
process, and must see every test the program runs alone, with the same outcome and exit code.

  check_gtest_parallel.py --tool gtest_parallel.py --program BINARY
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

import compare_suites

SKIP = 77
# gtest-parallel judges a test by its process's exit code: a skipped test passes.
STATUS = {"OK": "PASS", "SKIPPED": "PASS", "FAILED": "FAIL"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", default="")
    parser.add_argument("--program", required=True)
    args = parser.parse_args()
    if not args.tool or not pathlib.Path(args.tool).is_file():
        print(f"SKIP: gtest-parallel is not at {args.tool!r} (the shared tools folder is absent)")
        return SKIP
    alone = compare_suites.gtest_view(*compare_suites.run([args.program, "--gtest_color=no"]))
    expected = {name: STATUS[status] for name, status in alone["outcomes"]}
    with tempfile.TemporaryDirectory(prefix="ctp-gtest-parallel-") as work:
        results = pathlib.Path(work) / "results.json"
        tool = subprocess.run([sys.executable, args.tool, "--workers=2", f"--output_dir={work}",
                               f"--dump_json_test_results={results}", args.program],
                              capture_output=True, text=True, timeout=600)
        print(tool.stdout)
        if not results.is_file():
            print(tool.stderr)
            print("FAIL: gtest-parallel wrote no results")
            return 1
        found = {}
        for suite, tests in json.loads(results.read_text())["tests"].items():
            for test, result in tests.items():
                found[f"{suite}.{test}"] = result["actual"]
    problems = compare_suites.differences("gtest-parallel's results", expected, found)
    problems += compare_suites.differences("exit code", alone["exit code"], tool.returncode)
    if not expected:
        problems.append("the program ran no tests")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"ok gtest-parallel ran {len(found)} tests with the program's own outcomes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
