#!/usr/bin/env python3
"""Compiles each snippet in this folder, each a slip a newcomer makes, and expects the compiler
to refuse it with ctp's message naming the fix, and to name the snippet's own line.

  check_compile_errors.py --include DIR -- COMPILER [COMPILER ARGS...]

A snippet says what ctp's message must contain on a line `// expect: TEXT` near its top (never
a line a diagnostic quotes) and marks the line the compiler must name with `// reported here`.
Compiled as it is, it must fail with one error, TEXT, and `snippet.cpp:LINE:` on stderr.
Compiled with -DCTP_SNIPPET_FIXED it holds the fix instead and must compile cleanly with -Wall
-Wextra -Wpedantic -Werror, so a snippet cannot pass by failing for another reason.
"""
import argparse
import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
FLAGS = ["-std=c++20", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-fsyntax-only"]
EXPECT = re.compile(r"^// expect: (.+?)\s*$")
REPORTED = "// reported here"


def expectation(snippet):
    lines = snippet.read_text().splitlines()
    messages = [match.group(1) for line in lines if (match := EXPECT.match(line))]
    reported = [number for number, line in enumerate(lines, start=1) if line.endswith(REPORTED)]
    if len(messages) != 1 or len(reported) != 1:
        raise SystemExit(f"{snippet}: needs one `// expect: TEXT` line and one line ending "
                         f"`{REPORTED}`")
    return reported[0], messages[0]


def compile_snippet(compiler, include, snippet, *defines):
    return subprocess.run([*compiler, *FLAGS, "-I", str(include), *defines, str(snippet)],
                          capture_output=True, text=True, timeout=300)


def check(compiler, include, snippet):
    """Returns the problems found with one snippet (none: it passed)."""
    line, message = expectation(snippet)
    problems = []
    fixed = compile_snippet(compiler, include, snippet, "-DCTP_SNIPPET_FIXED")
    if fixed.returncode != 0:
        problems.append(f"the fixed form does not compile:\n{fixed.stderr}")
    slip = compile_snippet(compiler, include, snippet)
    if slip.returncode == 0:
        problems.append("compiled, but should have failed")
    else:
        if not any(message in line and "error" in line for line in slip.stderr.splitlines()):
            problems.append(f"stderr lacks ctp's message {message!r}")
        errors = len(re.findall(r"\berror:", slip.stderr))
        if errors != 1:
            problems.append(f"{errors} errors: ctp's message should be the only one")
        if f"{snippet.name}:{line}:" not in slip.stderr:
            problems.append(f"stderr does not name {snippet.name}:{line}")
        if problems:
            problems.append(f"stderr:\n{slip.stderr}")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--include", type=pathlib.Path, required=True)
    parser.add_argument("compiler", nargs="+", help="the compiler command, after --")
    args = parser.parse_args()
    snippets = sorted(HERE.glob("*.cpp"))
    failed = 0
    for snippet in snippets:
        problems = check(args.compiler, args.include, snippet)
        print(f"{'FAIL' if problems else 'ok'} {snippet.name}")
        for problem in problems:
            print("  " + problem.replace("\n", "\n  "))
        failed += bool(problems)
    print(f"{len(snippets) - failed} of {len(snippets)} snippets fail to compile as expected "
          f"with {' '.join(args.compiler)}")
    return 1 if failed or not snippets else 0


if __name__ == "__main__":
    sys.exit(main())
