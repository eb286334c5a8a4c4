#!/usr/bin/env python3
"""compare_suites.py's comparisons can fail: equal runs compare equal whatever their order and
timings, and a changed name, outcome, count, place or exit code is reported."""
import sys

import compare_suites as cs

GTEST_RUN = """Running main() from ./googletest/src/gtest_main.cc
[==========] Running 3 tests from 2 test suites.
[ RUN      ] Adding.small
[       OK ] Adding.small (0 ms)
[ RUN      ] Param/Square.positive/0
[       OK ] Param/Square.positive/0 (1 ms)
[ RUN      ] Broken.fails
file.cpp:31: Failure
Expected equality of these values:
[  FAILED  ] Broken.fails (0 ms)
[==========] 3 tests from 2 test suites ran. (2 ms total)
[  PASSED  ] 2 tests.
[  FAILED  ] 1 test, listed below:
[  FAILED  ] Broken.fails

 1 FAILED TEST
"""
GTEST_LIST = ("Running main() from x\nAdding.\n  small\nParam/Square.\n"
              "  positive/0  # GetParam() = 1\n")
DOCTEST_RUN = """[doctest] doctest version is "2.4.9"
[doctest] test cases: 4 | 3 passed | 1 failed | 1 skipped
[doctest] assertions: 8 | 7 passed | 1 failed |
[doctest] Status: FAILURE!
"""
DOCTEST_LIST = """[doctest] listing all test case names
===============================================================================
b name
a name
===============================================================================
[doctest] unskipped test cases passing the current filters: 2
"""

failures = []


def expect(label, expected, actual, same):
    found = not cs.differences(label, expected, actual)
    if found != same:
        failures.append(f"{label}: compared {'equal' if found else 'different'}")


def gtest(text, code=1):
    return cs.gtest_view(code, text)


def changed(old, new):
    return GTEST_RUN.replace(old, new)


base = gtest(GTEST_RUN)
expect("gtest: itself", base, gtest(GTEST_RUN), True)
lines = GTEST_RUN.splitlines(keepends=True)
reordered = "".join(lines[:2] + lines[5:7] + lines[2:5] + lines[7:])
reordered = reordered.replace("(1 ms)", "(7 ms)").replace("(2 ms total)", "(9 ms total)")
expect("gtest: another order and timing", base, gtest(reordered), True)
expect("gtest: exit code", base, gtest(GTEST_RUN, 0), False)
expect("gtest: outcome", base,
       gtest(changed("[  FAILED  ] Broken.fails (0", "[       OK ] Broken.fails (0")), False)
expect("gtest: name", base, gtest(changed("Adding.small (0 ms)", "Adding.smal (0 ms)")), False)
expect("gtest: count", base, gtest(changed("PASSED  ] 2 tests.", "PASSED  ] 3 tests.")), False)
expect("gtest: failure place", base, gtest(changed("file.cpp:31:", "file.cpp:32:")), False)
expect("gtest: a test run twice", base,
       gtest(changed("[==========] 3", "[       OK ] Adding.small (0 ms)\n[==========] 3")), False)
listing = cs.gtest_listing(GTEST_LIST)
expect("gtest list: itself", listing, cs.gtest_listing(GTEST_LIST), True)
# A pointer parameter's address changes from run to run.
expect("gtest list: another address", cs.gtest_listing(GTEST_LIST.replace("= 1", "= 0x55d0")),
       cs.gtest_listing(GTEST_LIST.replace("= 1", "= 0x7f3a")), True)
expect("gtest list: parameter comment", listing,
       cs.gtest_listing(GTEST_LIST.replace("= 1", "= 2")), False)
expect("gtest list: order", listing,
       cs.gtest_listing("Param/Square.\n  positive/0  # GetParam() = 1\nAdding.\n  small\n"), False)
doctest = cs.doctest_view(1, DOCTEST_RUN)
expect("doctest: itself", doctest, cs.doctest_view(1, DOCTEST_RUN), True)
expect("doctest: assertions", doctest,
       cs.doctest_view(1, DOCTEST_RUN.replace("assertions: 8 | 7", "assertions: 9 | 8")), False)
expect("doctest: skipped", doctest,
       cs.doctest_view(1, DOCTEST_RUN.replace("1 skipped", "0 skipped")), False)
expect("doctest: exit code", doctest, cs.doctest_view(0, DOCTEST_RUN), False)
listing = cs.doctest_listing(DOCTEST_LIST)
expect("doctest list: another order", listing,
       cs.doctest_listing(DOCTEST_LIST.replace("b name\na name", "a name\nb name")), True)
expect("doctest list: name", listing,
       cs.doctest_listing(DOCTEST_LIST.replace("b name", "c name")), False)
expect("doctest list: count", listing,
       cs.doctest_listing(DOCTEST_LIST.replace("filters: 2", "filters: 3")), False)

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("ok compare_suites.py tells equal runs from different ones")
