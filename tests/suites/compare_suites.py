#!/usr/bin/env python3
"""Builds a real suite of the shared folder unmodified against ctp's front end and against the
real framework, runs both the same ways and compares what they report.

  compare_suites.py googletest|argparse --shared DIR --ctp-source DIR --build DIR
                    [--cmake CMAKE] [--generator G] [--compiler CXX] [--jobs N]

googletest: samples 1-10 against ctp::gtest_main (9 and 10, which have their own main, against
ctp::gtest) and GoogleTest; the same --gtest_list_tests text, and the same outcome of every
test, failure places and summary lines run plainly, with ctp's --parallel 2, shuffled and
repeated; and gtest-parallel (from the shared tools folder) over samples 1-8 built against ctp
sees each test's outcome and the exit code the program reports alone. argparse: test/*.cpp
against ctp::doctest and doctest; the same test case names (-ltc) and the same summary lines
(test cases, assertions, status), serially, with --parallel 2 and shuffled. Exit codes must match everywhere. Without the shared folder it exits 77, which
CTest and meson show as skipped.
"""
import argparse
import collections
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
SKIP = 77
FOLDERS = {"googletest": "googletest-samples", "argparse": "argparse"}

# GoogleTest's console: a finished test, and the summary lines (timings left out).
GTEST_RESULT = re.compile(r"^\[ +(OK|FAILED|SKIPPED) +\] (\S+?)(?:, where .*)? \(\d+ ms\)$")
GTEST_SUMMARY = re.compile(
    r"^(\[==========\] \d+ tests? from \d+ test suites? ran\.|\[  PASSED  \] \d+ tests?\.$"
    r"|\[  (?:SKIPPED|FAILED)  ?\] \d+ tests?, listed below:$|\[  (?:SKIPPED|FAILED)  ?\] \S+(?:, where .*)?$"
    r"| ?\d+ FAILED TESTS?$|  YOU HAVE \d+ DISABLED TESTS?$)")
GTEST_FAILURE_PLACE = re.compile(r"^\S+:\d+: Failure$")
# Sample 9's own printer (--terse_output) and the lines tests print themselves.
TERSE_LINE = re.compile(r"^(\*\*\* Test \S+ (?:starting|ending)\.|\*\*\* Failure in \S+|"
                        r"Success in \S+|TEST (?:PASSED|FAILED))$")
ADDRESS = re.compile(r"\b0x[0-9a-f]+\b")
DOCTEST_SUMMARY = re.compile(r"^\[doctest\] (test cases|assertions|Status):")


def run(command, timeout=600):
    completed = subprocess.run([str(c) for c in command], capture_output=True, text=True,
                               timeout=timeout, errors="replace")
    return completed.returncode, completed.stdout


def gtest_view(code, output):
    """What a GoogleTest program's run must agree on, independent of order and timing."""
    outcomes = collections.Counter()
    summary = []
    places = collections.Counter()
    terse = collections.Counter()
    for line in output.splitlines():
        if match := GTEST_RESULT.match(line):
            outcomes[(match.group(2), match.group(1))] += 1
        elif match := GTEST_SUMMARY.match(line):
            summary.append(match.group(1))
        elif GTEST_FAILURE_PLACE.match(line):
            places[line] += 1
        elif TERSE_LINE.match(line):
            terse[line] += 1
    return {"exit code": code, "outcomes": dict(outcomes), "summary": sorted(summary),
            "failure places": dict(places), "own printer lines": dict(terse)}


def gtest_listing(output):
    """--gtest_list_tests without the line GoogleTest's gtest_main prints first; addresses (a
    parameter that is a pointer, as in sample 7) differ from run to run."""
    return [ADDRESS.sub("0x...", line) for line in output.splitlines()
            if not line.startswith("Running main() from ")]


def doctest_view(code, output):
    summary = [line.rstrip() for line in output.splitlines() if DOCTEST_SUMMARY.match(line)]
    return {"exit code": code, "summary": summary}


def doctest_counts(view):
    """The numbers of the summary's count lines, without the status line."""
    return {"exit code": view["exit code"],
            "counts": [[int(n) for n in re.findall(r"\d+", line)] for line in view["summary"]
                       if "Status" not in line]}


def doctest_listing(output):
    """-ltc: the names between the two rules, as a sorted list, and the count line."""
    names = []
    count = []
    inside = False
    for line in output.splitlines():
        if line.startswith("====="):
            inside = not inside
        elif inside:
            names.append(line)
        elif line.startswith("[doctest] unskipped test cases passing the current filters:"):
            count.append(line)
    return {"names": sorted(names), "count": count}


def differences(label, expected, actual):
    """Lines describing how ctp's view differs from the real framework's; none when equal."""
    if expected == actual:
        return []
    lines = [f"DIFFERENT {label}:"]
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual), key=str):
            real, ctp = expected.get(key), actual.get(key)
            if isinstance(real, list) and isinstance(ctp, list):
                if real != ctp:
                    lines.append(f"  {key}:")
                    lines += ["  " + line for line in list_differences(real, ctp)]
            elif real != ctp:
                lines.append(f"  {key}: real {real!r}")
                lines.append(f"  {' ' * len(str(key))}  ctp  {ctp!r}")
    elif isinstance(expected, list) and isinstance(actual, list):
        lines += list_differences(expected, actual)
    else:
        lines.append(f"  real {expected!r}\n  ctp  {actual!r}")
    return lines


def list_differences(expected, actual):
    """The items only one side has (as often as one side has more of them), or the order."""
    real, ctp = collections.Counter(expected), collections.Counter(actual)
    lines = [f"  only real: {item!r}" for item in (real - ctp).elements()]
    lines += [f"  only ctp:  {item!r}" for item in (ctp - real).elements()]
    return lines or ["  the same items in another order"]


# The ways each suite runs. ctp's --parallel has no counterpart in the real frameworks: that
# run is compared with the real framework's plain run. --gtest_color=no makes ctp's console
# GoogleTest's for every run parsed (the plain run compares exit codes only).
GTEST_RUNS = {
    "plain": ([], []),
    "serial": (["--gtest_color=no"], ["--gtest_color=no"]),
    "parallel 2": (["--gtest_color=no"], ["--gtest_color=no", "--parallel", "2"]),
    "shuffled": (["--gtest_color=no", "--gtest_shuffle", "--gtest_random_seed=7"],
                 ["--gtest_color=no", "--gtest_shuffle", "--gtest_random_seed=7"]),
    "shuffled, parallel 2": (["--gtest_color=no", "--gtest_shuffle"],
                             ["--gtest_color=no", "--gtest_shuffle", "--parallel", "2"]),
    "repeated": (["--gtest_color=no", "--gtest_repeat=2"],
                 ["--gtest_color=no", "--gtest_repeat=2"]),
    "repeated, parallel 2": (["--gtest_color=no", "--gtest_repeat=2"],
                             ["--gtest_color=no", "--gtest_repeat=2", "--parallel", "2"]),
}
# The samples' own flags, which their main reads from argv[1].
SAMPLE_FLAGS = {9: [[], ["--terse_output"]], 10: [[], ["--check_for_leaks"]]}

DOCTEST_RUNS = {
    "serial": ([], []),
    "parallel 2": ([], ["--parallel", "2"]),
    "shuffled": (["--order-by=rand", "--rand-seed=7"], ["--order-by=rand", "--rand-seed=7"]),
    "shuffled, parallel 2": (["--order-by=rand"], ["--order-by=rand", "--parallel", "2"]),
}


def compare_googletest(build, tool):
    problems = []
    checked = 0
    for n in range(1, 11):
        real, ctp = build / f"real_sample{n}", build / f"ctp_sample{n}"
        real_list, ctp_list = run([real, "--gtest_list_tests"]), run([ctp, "--gtest_list_tests"])
        problems += differences(f"sample{n} --gtest_list_tests",
                                {"exit code": real_list[0], "lines": gtest_listing(real_list[1])},
                                {"exit code": ctp_list[0], "lines": gtest_listing(ctp_list[1])})
        tests = sum(1 for line in gtest_listing(real_list[1]) if line.startswith("  "))
        for own in SAMPLE_FLAGS.get(n, [[]]):
            for way, (real_args, ctp_args) in GTEST_RUNS.items():
                expected = gtest_view(*run([real, *own, *real_args]))
                actual = gtest_view(*run([ctp, *own, *ctp_args]))
                if way == "plain":
                    expected, actual = expected["exit code"], actual["exit code"]
                problems += differences(f"sample{n} {' '.join(own + ctp_args)} ({way})",
                                        expected, actual)
                checked += 1
        print(f"sample{n}: {tests} tests listed, {len(SAMPLE_FLAGS.get(n, [[]])) * len(GTEST_RUNS)}"
              " runs compared", flush=True)
        # gtest-parallel judges tests by exit code, which the mains of samples 9 and 10 decide.
        if tool.is_file() and n <= 8:
            problems += gtest_parallel_problems(tool, ctp)
            checked += 1
    return problems, checked


def compare_argparse(build, _tool):
    real, ctp = build / "real_argparse", build / "ctp_argparse"
    real_list, ctp_list = run([real, "-ltc"]), run([ctp, "-ltc"])
    problems = differences("argparse -ltc",
                           {"exit code": real_list[0], **doctest_listing(real_list[1])},
                           {"exit code": ctp_list[0], **doctest_listing(ctp_list[1])})
    print(f"argparse: {len(doctest_listing(real_list[1])['names'])} test cases listed", flush=True)
    for way, (real_args, ctp_args) in DOCTEST_RUNS.items():
        expected = doctest_view(*run([real, *real_args]))
        actual = doctest_view(*run([ctp, *ctp_args]))
        problems += differences(f"argparse {' '.join(ctp_args)} ({way})", expected, actual)
        print(f"argparse ({way}): real {expected['summary']}", flush=True)
    # doctest has no flag to repeat a run: ctp's --repeat 2 counts everything twice.
    once = doctest_counts(doctest_view(*run([real])))
    twice = {"exit code": once["exit code"], "counts": [[2 * n for n in line] for line in once["counts"]]}
    for ctp_args in (["--repeat", "2"], ["--repeat", "2", "--parallel", "2"]):
        actual = doctest_counts(doctest_view(*run([ctp, *ctp_args])))
        problems += differences(f"argparse {' '.join(ctp_args)} (repeated)", twice, actual)
        print(f"argparse ({' '.join(ctp_args)}): ctp {actual['counts']}, real twice {twice['counts']}", flush=True)
    return problems, len(DOCTEST_RUNS) + 2


# gtest-parallel judges a test by its process's exit code: a skipped test passes.
STATUS = {"OK": "PASS", "SKIPPED": "PASS", "FAILED": "FAIL"}


def gtest_parallel_problems(tool, program):
    """How gtest-parallel's view of program differs from the program's own run: [] if none."""
    alone = gtest_view(*run([program, "--gtest_color=no"]))
    expected = {name: STATUS[status] for name, status in alone["outcomes"]}
    with tempfile.TemporaryDirectory(prefix="ctp-gtest-parallel-") as work:
        results = pathlib.Path(work) / "results.json"
        completed = subprocess.run([sys.executable, tool, "--workers=2", f"--output_dir={work}",
                                    f"--dump_json_test_results={results}", program],
                                   capture_output=True, text=True, timeout=600)
        if not results.is_file():
            return [completed.stdout, completed.stderr,
                    f"gtest-parallel wrote no results for {program}"]
        found = {}
        for suite, tests in json.loads(results.read_text())["tests"].items():
            for test, result in tests.items():
                found[f"{suite}.{test}"] = result["actual"]
    problems = differences(f"gtest-parallel's results for {program}", expected, found)
    problems += differences(f"gtest-parallel's exit code for {program}", alone["exit code"],
                            completed.returncode)
    if not expected:
        problems.append(f"{program} ran no tests")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("suite", choices=sorted(FOLDERS))
    parser.add_argument("--shared", default="", help="the shared suites folder")
    parser.add_argument("--ctp-source", required=True)
    parser.add_argument("--build", required=True)
    parser.add_argument("--cmake", default="cmake")
    parser.add_argument("--generator", default="Ninja")
    parser.add_argument("--compiler", default="c++")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if not args.shared or not (pathlib.Path(args.shared) / FOLDERS[args.suite]).is_dir():
        print(f"SKIP: no shared suites folder with {FOLDERS[args.suite]}/ "
              f"(given: {args.shared!r}; CTP_SHARED_SUITES / -Dshared_suites names it)")
        return SKIP
    build = pathlib.Path(args.build)
    code, output = run([args.cmake, "-S", HERE / "project", "-B", build, "-G", args.generator,
                        f"-DCTP_SOURCE_DIR={args.ctp_source}", f"-DSUITES_DIR={args.shared}",
                        f"-DSUITE={args.suite}", f"-DCMAKE_CXX_COMPILER={args.compiler}"])
    if code != 0:
        print(output)
        print("FAIL: configuring the suites' project failed")
        return 1
    started = time.monotonic()
    code, output = run([args.cmake, "--build", build, "--parallel", args.jobs], timeout=3600)
    if code != 0:
        print(output)
        print(f"FAIL: building {args.suite} failed")
        return 1
    print(f"built {args.suite} both ways in {time.monotonic() - started:.0f} s "
          f"(--parallel {args.jobs})", flush=True)
    compare = compare_googletest if args.suite == "googletest" else compare_argparse
    tool = pathlib.Path(args.shared).parent / "tools" / "gtest-parallel" / "gtest_parallel.py"
    problems, checked = compare(build, tool)
    if problems:
        print("\n".join(problems))
        print(f"FAIL: {args.suite} under ctp differs from the real framework")
        return 1
    print(f"ok {args.suite}: {checked} runs agree with the real framework")
    return 0


if __name__ == "__main__":
    sys.exit(main())
