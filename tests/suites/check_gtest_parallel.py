#!/usr/bin/env python3
"""gtest-parallel (google/gtest-parallel, in the shared tools folder) over a GoogleTest-style
program: it lists the tests with --gtest_list_tests, runs each with --gtest_filter in its own
process, and must see every test the program runs alone, with the same outcome and exit code.
(compare_suites.py runs the same check over GoogleTest's samples built against ctp.)

  check_gtest_parallel.py --tool gtest_parallel.py --program BINARY
"""
import argparse
import pathlib
import sys

import compare_suites

SKIP = 77


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", default="")
    parser.add_argument("--program", required=True)
    args = parser.parse_args()
    if not args.tool or not pathlib.Path(args.tool).is_file():
        print(f"SKIP: gtest-parallel is not at {args.tool!r} (the shared tools folder is absent)")
        return SKIP
    problems = compare_suites.gtest_parallel_problems(args.tool, args.program)
    if problems:
        print("\n".join(problems))
        return 1
    print("ok gtest-parallel ran the program's tests with its own outcomes and exit code")
    return 0


if __name__ == "__main__":
    sys.exit(main())
