#!/usr/bin/env python3
"""Recognises a test program's framework from its --help, the way IDE test adapters do, and
checks the expected answer for each program given.

  detect_framework.py KIND=PROGRAM...    KIND: googletest, doctest or none

GoogleTest: the banner sentence followed (anywhere later) by its list flag, whose prefix the
adapters then use for every flag (`gtest_`); doctest: its version line.
"""
import re
import subprocess
import sys

GOOGLETEST = re.compile(r"This program contains tests written using .*--(\w+)list_tests", re.DOTALL)
DOCTEST = re.compile(r'doctest version is "(\d+\.\d+\.\d+)"')


def detect(program):
    """(kind, detail): ('googletest', flag prefix), ('doctest', version) or ('none', '')."""
    completed = subprocess.run([program, "--help"], capture_output=True, text=True, timeout=60,
                               errors="replace")
    output = completed.stdout + completed.stderr
    if match := GOOGLETEST.search(output):
        return "googletest", match.group(1)
    if match := DOCTEST.search(output):
        return "doctest", match.group(1)
    return "none", ""


def main(arguments):
    if not arguments or any("=" not in argument for argument in arguments):
        print(__doc__)
        return 2
    failures = 0
    for argument in arguments:
        expected, program = argument.split("=", 1)
        kind, detail = detect(program)
        verdict = "ok" if kind == expected else "FAIL"
        failures += kind != expected
        # The adapters build every flag from the GoogleTest prefix: it must be gtest_.
        if kind == "googletest" and detail != "gtest_":
            verdict = "FAIL"
            failures += 1
        print(f"{verdict} {program}: {kind}{' ' + detail if detail else ''} (expected {expected})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
