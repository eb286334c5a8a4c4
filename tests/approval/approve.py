#!/usr/bin/env python3
"""Approval tests: what ctp prints and writes, compared with golden files.

Runs tests/approval/approval_suite (every outcome, at each verbosity, with and without
--parallel; --list, --help, TAP, JUnit, JSON, a usage error), each kind of assertion failure
from examples/09_assertions (its Why tests, one golden file each), and each example with the
commands its closing comment documents. Times, paths, hostnames and timestamps are
normalised; in --parallel runs the per-test lines of a worker pool come in completion order,
so each run of them is sorted. A difference is printed as a unified diff and fails the test;
--update rewrites the golden files instead (review the diff before committing them).
"""
import argparse
import difflib
import os
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

GOLDEN = pathlib.Path(__file__).resolve().parent / "golden"
EXAMPLES_SOURCE = pathlib.Path(__file__).resolve().parent.parent.parent / "examples"
BROWSER = os.environ.get("CTP_BROWSER", "/usr/bin/chromium")

# name: (arguments, report file written by the run or None[, environment added]). "{report}" is
# its path.
RACE = {"CTP_APPROVAL_RACE": "1"}  # the Race tests fail when they meet (see approval_suite.cpp)
# GitHub Actions' variables: the annotations name files from the repository's root, as they
# do in a workflow; the summary is written to the run's directory.
GITHUB = {"GITHUB_WORKSPACE": str(pathlib.Path(__file__).resolve().parent.parent.parent),
          "GITHUB_STEP_SUMMARY": "summary.md"}
CASES = {
    "console_serial_v0": (["-q"], None),
    "console_serial_v1": ([], None),
    "console_serial_v2": (["-v"], None),
    "console_parallel_v0": (["--parallel", "2", "-q"], None),
    "console_parallel_v1": (["--parallel", "2"], None),
    "console_parallel_v2": (["--parallel", "2", "-v"], None),
    "console_retries_v2": (["--retries", "1", "-v"], None),
    "console_buffer_v1": (["--buffer", "-k", "Math."], None),
    "console_isolate_v2": (["--isolate", "-v"], None),
    "console_isolate_buffer_v1": (["--isolate", "--parallel", "2", "--buffer"], None),
    "console_durations": (["-q", "--durations", "9", "-k", "Math."], None),  # all 5: which are slowest varies
    "list": (["--list"], None),
    "list_json": (["--list", "--format", "json"], None),
    "list_live_in_pool": (["--list", "--live-in-pool", "-k", "Accounts.", "-k", "Chat."], None),
    "list_tags": (["--list-tags"], None),
    "list_tags_json": (["--list-tags", "--format", "json", "--exclude", "Math.compares"], None),
    "tag_selection": (["-v", "--tag", "fast or db and not web", "--exclude", "Math.compares"], None),
    "tag_usage_error": (["--tag", "fast and (db or"], None),
    "help": (["--help"], None),
    "usage_error": (["--parallel", "0"], None),
    "no_match": (["-k", "Nothing.matches"], None),
    "tap": (["--reporter", "tap"], None),
    "console_gtest": (["--reporter", "gtest", "--color", "never"], None),
    "junit": (["-q", "--junit-xml", "{report}"], "report.xml"),
    "json": (["-q", "--json", "{report}"], "report.json"),
    "console_confirm_v1": (["--parallel", "2", "--confirm-failures", "-k", "Race."], None, RACE),
    "tap_confirm": (["--parallel", "2", "--confirm-failures", "-k", "Race.", "--reporter", "tap"], None, RACE),
    "github": (["-q", "--reporter", "github"], "summary.md", GITHUB),
    "github_parallel": (["--parallel", "2", "-q", "--reporter", "github", "-k", "Math."], None, GITHUB),
    "github_automatic": (["-q", "-k", "Math."], None, {**GITHUB, "GITHUB_ACTIONS": "true"}),
    "teamcity": (["--retries", "1", "--reporter", "teamcity"], None),
    "teamcity_automatic": (["-k", "Math."], None, {"TEAMCITY_VERSION": "2024.12"}),
    "junit_confirm": (["--parallel", "2", "--confirm-failures", "-k", "Race.", "-q", "--junit-xml", "{report}"],
                      "report.xml", RACE),
}

# One golden file per kind of assertion failure, from the example that fails on purpose.
FAILURE_KINDS = ["approx", "near", "message_and_context", "warning", "throws_with", "matcher", "printing",
                 "text_difference", "line_difference", "range_difference"]

# The environment a run sees: nothing that would change its output.
ENVIRONMENT = {key: value for key, value in os.environ.items()
               if key not in {"CTP_TEST_THREADS", "NO_COLOR", "XML_OUTPUT_FILE", "TEST_TOTAL_SHARDS",
                              "TEST_SHARD_INDEX", "GTEST_TOTAL_SHARDS", "GTEST_SHARD_INDEX", "CTP_APPROVAL_RACE",
                              "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "TEAMCITY_VERSION"}}


def normalise(text, pool=False, values=False):
    """`values`: the text shows values (assertion failures), so only the run's time is
    normalised, not every number."""
    # A source's path depends on the build (meson's are relative to its build directory); in
    # Markdown (the GitHub job summary) its '_' is escaped.
    text = re.sub(r"[^\s\"'<>=]*/(approval\\?_suite\.cpp|\d\d_\w+\.cpp)", r"\1", text)
    if values:
        return re.sub(r"^Ran (\d+ tests?) in \d+\.\d+s$", r"Ran \1 in 0.000s", text, flags=re.M)
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", "TIMESTAMP", text)
    text = re.sub(r'hostname="[^"]*"', 'hostname="HOST"', text)
    text = re.sub(r'"hostname": "[^"]*"', '"hostname": "HOST"', text)
    text = re.sub(r"\d+\.\d{3,}(e-?\d+)?", "0.000", text)  # durations, offsets, times
    text = re.sub(r"\(\d+ ms( total)?\)", r"(0 ms\1)", text)  # --reporter gtest's times
    text = re.sub(r"duration='\d+'", "duration='0'", text)  # --reporter teamcity's
    return sort_lines(text, r"^(\S+\.\S+ \.\.\. |  0\.000s \S+$)" if pool else r"^  0\.000s \S+$")


def sort_lines(text, pattern):
    """Sorts each run of lines that match `pattern`: a pool reports tests in completion order
    ('Suite.name ... ok' lines), and which tests --durations lists as slowest varies."""
    lines, out, run = text.split("\n"), [], []
    for line in lines + [None]:
        if line is not None and re.match(pattern, line):
            run.append(line)
            continue
        out.extend(sorted(run))
        run = []
        if line is not None:
            out.append(line)
    return "\n".join(out)


def run_case(program, arguments, report_name, directory, environment):
    report = str(pathlib.Path(directory) / report_name) if report_name else None
    arguments = [argument.replace("{report}", report or "") for argument in arguments]
    name = pathlib.Path(program).name
    result = subprocess.run([name, *arguments], executable=program, capture_output=True, text=True,
                            timeout=120, env={**ENVIRONMENT, **environment}, cwd=directory)
    text = f"$ {name} {shlex.join(arguments)}\nexit code {result.returncode}\n"
    text += f"--- stdout ---\n{result.stdout}--- stderr ---\n{result.stderr}"
    if report:
        text += f"--- {report_name} ---\n" + pathlib.Path(report).read_text(encoding="utf-8")
    return normalise(text.replace(str(directory), "DIR"), pool="--parallel" in arguments,
                     values=name == "09_assertions")


def documented_runs(source):
    """(command, exit code, expected lines) for each '// $ ./name args' in an example's closing
    comment; a trailing '  (exit code N)' documents a run that is meant to fail."""
    runs, current = [], None
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("// $ "):
            code = re.search(r"\s{2,}\(exit code (\d+)\)$", line)
            command = re.sub(r"\s{2,}\(.*\)$", "", line[5:]).strip()
            current = (command, int(code.group(1)) if code else 0, [])
            runs.append(current)
        elif current is not None and (line == "//" or line.startswith("// ")):
            current[2].append(line[3:])
        else:
            current = None
    return [run for run in runs if run[2]]


def check_example(directory, source):
    """Differences between an example's documented and real output: the documented lines
    may go on after the output with an empty line and prose."""
    problems = []
    for command, code, expected in documented_runs(source):
        words = shlex.split(command)
        program = pathlib.Path(directory) / words[0].removeprefix("./")
        # From the build directory: meson compiles with source paths relative to it, and 06
        # finds its pages from __FILE__.
        result = subprocess.run([str(program), *words[1:]], capture_output=True, text=True, timeout=300,
                                env=ENVIRONMENT, cwd=pathlib.Path(directory).parent)
        pool = "--parallel" in words
        values = source.stem == "09_assertions"
        actual = normalise(result.stdout, pool, values).splitlines()
        documented = normalise("\n".join(expected), pool, values).splitlines()
        if documented[len(actual):len(actual) + 1] == [""]:
            documented = documented[:len(actual)]
        if actual != documented or result.returncode != code:
            diff = difflib.unified_diff(documented, actual, f"{source.name} (documented)", f"{command} (exit code "
                                        f"{result.returncode})", lineterm="")
            problems.append("\n".join(diff) + "\n" + result.stderr)
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--program", required=True, help="the built approval_suite")
    parser.add_argument("--examples", help="the directory of the built examples")
    parser.add_argument("--update", action="store_true", help="rewrite the golden files")
    args = parser.parse_args()
    args.program = str(pathlib.Path(args.program).resolve())
    if args.examples:
        args.examples = str(pathlib.Path(args.examples).resolve())

    failures = 0
    cases = {name: (args.program, arguments, report, environment[0] if environment else {})
             for name, (arguments, report, *environment) in CASES.items()}
    if args.examples:
        for kind in FAILURE_KINDS:
            cases[f"failure_{kind}"] = (str(pathlib.Path(args.examples) / "09_assertions"), ["-k", f"Why.{kind}"], None,
                                        {})
        # What a browser test says where there is no browser: the same on every machine.
        cases["browser_missing"] = (str(pathlib.Path(args.examples) / "15_browser_app"),
                                    ["-k", "TodoApp.shows_the_page"], None, {"CTP_BROWSER": "/nonexistent/chromium"})
    with tempfile.TemporaryDirectory() as directory:
        for name, (program, arguments, report, environment) in cases.items():
            actual = run_case(program, arguments, report, directory, environment)
            golden = GOLDEN / f"{name}.txt"
            if args.update:
                golden.write_text(actual, encoding="utf-8")
                continue
            expected = golden.read_text(encoding="utf-8") if golden.exists() else ""
            if actual != expected:
                failures += 1
                sys.stdout.writelines(difflib.unified_diff(
                    expected.splitlines(True), actual.splitlines(True), f"golden/{name}.txt", f"{name} (actual)"))
                print()
    if args.examples:
        for source in sorted(EXAMPLES_SOURCE.glob("[0-9][0-9]_*.cpp")):
            if source.stem == "15_browser_app" and not os.access(BROWSER, os.X_OK):
                print(f"{source.name}: not compared (it documents a run with Chromium, not installed here)")
                continue
            for problem in check_example(args.examples, source):
                failures += 1
                print(problem)
    if failures:
        print(f"{failures} output(s) differ; run with --update to accept them.")
        return 1
    print("all outputs match" + (" (golden files rewritten)" if args.update else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
