#!/usr/bin/env python3
"""Runs the front-end consumer's programs (built by CMakeLists.txt beside this file) and checks
their outcomes and exit codes, serially and with --parallel 2; where the same files were built
against GoogleTest and doctest too, the front ends must report what they report; and
gtest_discover_tests must have made one CTest test per GoogleTest test, with its outcome.

  check.py BUILD_DIR [--ctest CTEST]
"""
import argparse
import pathlib
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "suites"))
import compare_suites as cs  # noqa: E402

GTEST_OUTCOMES = {
    ("Adding.small_numbers", "OK"): 1,
    ("Adding.negative_numbers", "OK"): 1,
    ("Stack.has_two", "OK"): 1,
    ("Stack.pops", "OK"): 1,
    ("Broken.fails", "FAILED"): 1,
    ("Later.skips", "SKIPPED"): 1,
}
GTEST_LIST = ["Adding.", "  small_numbers", "  negative_numbers", "  DISABLED_later", "Stack.",
              "  has_two", "  pops", "Broken.", "  fails", "Later.", "  skips"]
DOCTEST_SUMMARY = ["[doctest] test cases: 4 | 3 passed | 1 failed | 1 skipped",
                   "[doctest] assertions: 8 | 7 passed | 1 failed |",
                   "[doctest] Status: FAILURE!"]
# -ltc leaves out the test case decorated with doctest::skip().
DOCTEST_NAMES = sorted(["numbers add up", "a vector grows", "fails on purpose", "strings compare"])
# What gtest_discover_tests registers (DISABLED_ dropped from the name) and how CTest ends it.
DISCOVERED = {"Adding.small_numbers": "run", "Adding.negative_numbers": "run",
              "Adding.later": "disabled", "Stack.has_two": "run", "Stack.pops": "run",
              "Broken.fails": "fail", "Later.skips": "notrun"}

problems = []


def check(label, expected, actual):
    problems.extend(cs.differences(label, expected, actual))


def discovered(build, ctest, prefix):
    """{name: CTest status} of the CTest tests named prefix.*, from a run's JUnit file."""
    with tempfile.TemporaryDirectory(prefix="ctp-discovered-") as work:
        junit = pathlib.Path(work) / "ctest.xml"
        subprocess.run([ctest, "-R", f"^{prefix}[.]", "--output-junit", junit], cwd=build,
                       capture_output=True, timeout=600)
        if not junit.is_file():
            return {}
        return {case.get("name")[len(prefix) + 1:]: case.get("status")
                for case in ElementTree.parse(junit).getroot().iter("testcase")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--ctest", default="ctest")
    args = parser.parse_args()
    build = pathlib.Path(args.build)

    gtest, real_gtest = build / "gtest_main_tests", build / "real_gtest_main_tests"
    listing = cs.gtest_listing(cs.run([gtest, "--gtest_list_tests"])[1])
    check("gtest --gtest_list_tests", GTEST_LIST, listing)
    if real_gtest.exists():
        check("gtest --gtest_list_tests against GoogleTest",
              cs.gtest_listing(cs.run([real_gtest, "--gtest_list_tests"])[1]), listing)
    check("gtest plain run's exit code", 1, cs.run([gtest])[0])
    for extra in ([], ["--parallel", "2"]):
        view = cs.gtest_view(*cs.run([gtest, "--gtest_color=no", *extra]))
        check(f"gtest {' '.join(extra)} exit code", 1, view["exit code"])
        check(f"gtest {' '.join(extra)} outcomes", GTEST_OUTCOMES, view["outcomes"])
        if real_gtest.exists():
            check(f"gtest {' '.join(extra)} against GoogleTest",
                  cs.gtest_view(*cs.run([real_gtest, "--gtest_color=no"])), view)
    code, output = cs.run([build / "gtest_own_main", "--gtest_color=no"])
    check("own main's exit code", 0, code)
    check("own main's outcomes", {("OwnMain.runs", "OK"): 1}, cs.gtest_view(code, output)["outcomes"])
    check("own main's last line", ["own main returns 0"], output.splitlines()[-1:])

    doctest, real_doctest = build / "doctest_tests", build / "real_doctest_tests"
    listing = cs.doctest_listing(cs.run([doctest, "-ltc"])[1])
    check("doctest -ltc", DOCTEST_NAMES, listing["names"])
    if real_doctest.exists():
        check("doctest -ltc against doctest", cs.doctest_listing(cs.run([real_doctest, "-ltc"])[1]),
              listing)
    for extra in ([], ["--parallel", "2"]):
        view = cs.doctest_view(*cs.run([doctest, *extra]))
        check(f"doctest {' '.join(extra)}", {"exit code": 1, "summary": DOCTEST_SUMMARY}, view)
        if real_doctest.exists():
            check(f"doctest {' '.join(extra)} against doctest",
                  cs.doctest_view(*cs.run([real_doctest])), view)

    from_source_tree = (build / "native_tests").exists()
    if from_source_tree:
        check("gtest_discover_tests", DISCOVERED, discovered(build, args.ctest, "gtest"))
        if real_gtest.exists():
            check("gtest_discover_tests against GoogleTest's",
                  discovered(build, args.ctest, "real_gtest"),
                  discovered(build, args.ctest, "gtest"))

    if problems:
        print("\n".join(problems))
        return 1
    print("ok front-end consumer: outcomes, exit codes"
          + (", gtest_discover_tests" if from_source_tree else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
