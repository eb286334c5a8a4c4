#!/usr/bin/env python3
"""Runs the programs written with ctp's doctest front end (tests/front_ends/doctest/) and checks
their outputs, counts and exit codes against doctest 2.4.9's and the golden files beside them.

    test_doctest_front_end.py --programs DIR [--update]

DIR holds doctest_features, doctest_failing and doctest_own_main. The counts asserted below are
what the same sources give when built with real doctest 2.4.9.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "doctest", "golden")

FEATURES_SUMMARY = (
    "[doctest] test cases: 24 | 24 passed | 0 failed | 2 skipped\n"
    "[doctest] assertions: 85 | 85 passed | 0 failed |\n"
    "[doctest] Status: SUCCESS!\n"
)
FAILING_SUMMARY = (
    "[doctest] test cases:  8 | 2 passed |  6 failed | 0 skipped\n"
    "[doctest] assertions: 20 | 3 passed | 17 failed |\n"
    "[doctest] Status: FAILURE!\n"
)

failures = []


def run(program, *arguments):
    completed = subprocess.run([program, *arguments], capture_output=True, text=True, timeout=120)
    return completed.returncode, completed.stdout, completed.stderr


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL: " + what)


def normalised(text):
    text = re.sub(r"Ran (\d+) tests? in [0-9.]+s", r"Ran \1 tests in X.XXXs", text)
    # The build system decides how __FILE__ spells the sources' directory.
    return re.sub(r"[^\s:'\"]*tests/front_ends/doctest/", "", text)


def portable(text):
    """Template tests' types as GCC prints them, whichever compiler built the programs (doctest
    names them from __PRETTY_FUNCTION__, which clang words differently)."""
    text = text.replace("std::basic_string<char>", "std::__cxx11::basic_string<char>")
    return re.sub(r"<short>", "<short int>", text)


def golden(name, text, update):
    text = portable(text)
    path = os.path.join(GOLDEN, name)
    if update:
        os.makedirs(GOLDEN, exist_ok=True)
        with open(path, "w", encoding="utf-8") as out:
            out.write(text)
        return
    with open(path, encoding="utf-8") as expected:
        check(expected.read() == text, "%s differs from the golden file:\n%s" % (name, text))


def summary_of(stdout):
    lines = stdout.splitlines(keepends=True)
    return "".join(lines[-3:])


def check_features(program, update):
    code, out, err = run(program)
    check(code == 0 and err == "", "features: exit 0, nothing on stderr (%d, %r)" % (code, err))
    check(out.endswith("=" * 79 + "\n" + FEATURES_SUMMARY), "features: doctest's summary:\n" + out)
    golden("features_run.txt", normalised(out), update)
    for flags in (["--parallel", "2"], ["--parallel", "2", "--isolate"], ["--order-by=rand", "--rand-seed=7"],
                  ["--shuffle", "3"], ["-dt-order-by=suite"], ["--order-by=name", "--parallel", "2"]):
        code, out, _ = run(program, *flags)
        check(code == 0 and summary_of(out) == FEATURES_SUMMARY, "features %s: summary\n%s" % (flags, out))
    code, out, _ = run(program, "--repeat", "2")
    check(code == 0 and summary_of(out) == ("[doctest] test cases:  48 |  48 passed | 0 failed | 4 skipped\n"
                                            "[doctest] assertions: 170 | 170 passed | 0 failed |\n"
                                            "[doctest] Status: SUCCESS!\n"), "features --repeat 2: summary\n" + out)
    # Queries print doctest's own formats and run nothing.
    for name, flags in (("features_ltc.txt", ["-ltc"]), ("features_lts.txt", ["--list-test-suites"]),
                        ("features_count.txt", ["--count"]), ("features_ltc_filtered.txt",
                                                              ["--dt-list-test-cases", "-tc=*template*,*scenario*",
                                                               "-tce=*double*"]),
                        ("features_ltc_by_name.txt", ["-ltc", "--order-by=name", "-sf=*more*"]),
                        ("features_ltc_suite.txt", ["-ltc", "-ts=pars*", "--no-skip"])):
        code, out, err = run(program, *flags)
        check(code == 0 and err == "", "features %s: exit 0" % flags)
        golden(name, out, update)
    code, out, _ = run(program, "--no-skip", "--count")
    check(out.endswith("[doctest] unskipped test cases passing the current filters: 26\n"), "--no-skip --count")
    code, out, _ = run(program, "-tc=*fixture*", "--test-suite-exclude=parsing")
    check(code == 0 and "[doctest] test cases: 1 | 1 passed | 0 failed | 25 skipped\n" in out,
          "a filtered run counts the rest as skipped:\n" + out)
    code, out, _ = run(program, "-v")
    check(code == 0 and out == '[doctest] doctest version is "2.4.9"\n', "-v: doctest's version line")
    code, out, _ = run(program, "--help")
    check(code == 0 and out.startswith('[doctest] doctest version is "2.4.9"\n'), "--help: the version line first")
    check(re.search(r'doctest version is "\d+\.\d+\.\d+"', out) is not None, "--help: IDE adapters' pattern")
    check("--parallel" in out, "--help: ctp's own options too")
    # Reports: assertions per test and in the totals; the serial decorator keeps a test out of the pool.
    with tempfile.TemporaryDirectory() as directory:
        report = os.path.join(directory, "report.json")
        junit = os.path.join(directory, "report.xml")
        code, out, _ = run(program, "--parallel", "2", "--json", report, "--junit-xml", junit)
        check(code == 0, "features --json: exit 0")
        with open(report, encoding="utf-8") as data:
            document = json.load(data)
        check(document["run"]["counts"].get("assertions") == 85, "JSON: 85 assertions in the counts")
        by_name = {test["full_name"]: test for test in document["tests"]}
        check(by_name["every comparison form"].get("assertions") == 26, "JSON: a test's own assertions")
        check(by_name["every comparison form"]["suite"] == "", "JSON: no suite outside TEST_SUITE")
        check(by_name["parsing.in a suite block"]["suite"] == "parsing", "JSON: a TEST_SUITE's suite")
        check(by_name["kept out of the pool"]["phase"] == "serial", "doctest::serial() runs in the serial phase")
        check(by_name["a fixture's members"]["phase"] == "parallel", "other tests run in the pool")
        check(by_name["decorated.in a suite by decorator"]["suite"] == "decorated", "doctest::test_suite")
        check(by_name["parsing.decorated"].get("description") == "says why", "doctest::description")
        with open(junit, encoding="utf-8") as data:
            xml = data.read()
        check('<testcase name="every comparison form" classname="' in xml and
              'features.cpp" time=' in xml, "JUnit: a test without a suite is classed by its file")


def check_failing(program, update):
    code, out, err = run(program)
    check(code == 1, "failing: exit 1 (%d)" % code)
    check(out.endswith(FAILING_SUMMARY), "failing: doctest's summary:\n" + out)
    golden("failing_run.txt", normalised(out), update)
    code, out, _ = run(program, "-tc=passes")
    check(code == 0 and "[doctest] test cases: 1 | 1 passed | 0 failed | 7 skipped\n" in out, "failing -tc=passes")
    code, out, _ = run(program, "--abort-after=1", "-q")
    check(code == 1 and "[doctest] Status: FAILURE!" in out, "--abort-after stops at the first failing test")


def check_own_main(program, update):
    code, out, _ = run(program, "-ltc")
    check(code == 0, "own main -ltc: exit 0")
    golden("own_main_ltc.txt", out, update)
    code, out, _ = run(program)
    check(code == 0 and out.endswith("[doctest] test cases: 3 | 3 passed | 0 failed | 0 skipped\n"
                                     "[doctest] assertions: 3 | 3 passed | 0 failed |\n"
                                     "[doctest] Status: SUCCESS!\n"), "own main: summary\n" + out)


def check_bad_flags(program, update):
    texts = []
    for flags in (["--order-by=sideways"], ["--abort-after=x"], ["--reporters=xml"], ["-dt-no-such-flag"],
                  ["--test-case"], ["--success=maybe"], ["--no-such-ctp-flag"]):
        code, out, err = run(program, *flags)
        check(code == 2 and out == "", "%s: exit 2 (%d)" % (flags, code))
        texts.append("%s\n%s" % (" ".join(flags), err.replace(program, "PROGRAM")))
    golden("bad_flags.txt", "".join(texts), update)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--programs", required=True)
    parser.add_argument("--update", action="store_true")
    options = parser.parse_args()
    program = lambda name: os.path.join(options.programs, name)
    check_features(program("doctest_features"), options.update)
    check_failing(program("doctest_failing"), options.update)
    check_own_main(program("doctest_own_main"), options.update)
    check_bad_flags(program("doctest_features"), options.update)
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
