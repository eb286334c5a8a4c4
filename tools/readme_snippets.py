#!/usr/bin/env python3
"""Compiles every C++ snippet of README.md with -Wall -Wextra -Wpedantic -Werror, so that the
documentation cannot show code that does not build or that warns.

  readme_snippets.py [--readme README.md] --include DIR -- COMPILER [COMPILER ARGS...]

Every ```cpp block is preceded by a marker line, an HTML comment that GitHub does not show,
saying what kind of code the block is:

  <!-- snippet: program -->        a whole program (it defines CTP_MAIN, or CTP_IMPLEMENT and
                                   main): compiled and linked as it is
  <!-- snippet: declarations -->   namespace-scope code: compiled after the prelude below
  <!-- snippet: statements -->     a function body: compiled inside `void readme_snippet()`
  <!-- snippet: members -->        members of a fixture: compiled inside a ctp::TestCase

Anything after `given:` in the marker is C++ placed between the prelude and the block: what
a fragment takes from the surrounding prose (`extern std::string url;`, a fixture defined in
an earlier block). The prelude is ctp.hpp with the runner's API, live_server.hpp, browser.hpp and the
standard headers the fragments use. A block without a marker is an error, so a new snippet
cannot go unchecked.

Statement fragments list calls to show what exists (`res.status; res.body;`), so -Wunused is
off for them, and only for them; [[nodiscard]] results still warn. Diagnostics name the
README's own lines (the body is compiled under #line directives).
"""
import argparse
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
FLAGS = ["-std=c++20", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-pthread"]
MARKER = re.compile(r"^<!-- snippet: (\w+)(?:; given: (.*?))? -->$")
KINDS = ("program", "declarations", "statements", "members")
PRELUDE = """#define CTP_RUNNER_API
#include <ctp/ctp.hpp>
#include <ctp/live_server.hpp>
#include <ctp/browser.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>
"""
WRAPPERS = {
    "declarations": ("", ""),
    "statements": ("void readme_snippet() {\n", "}\n"),
    "members": ("struct ReadmeSnippet : ctp::TestCase {\n", "};\n"),
}


class Snippet:
    def __init__(self, line, kind, given, body):
        self.line = line  # of the block's first line of code in the README
        self.kind = kind
        self.given = given
        self.body = body

    def source(self, readme_name):
        located = f'#line {self.line} "{readme_name}"\n{self.body}'
        if self.kind == "program":
            return located
        opening, closing = WRAPPERS[self.kind]
        given = f"{self.given}\n" if self.given else ""
        return f"{PRELUDE}{given}{opening}{located}{closing}"


def snippets(readme):
    """The README's ```cpp blocks with their markers; raises ValueError on a missing marker."""
    lines = readme.read_text().splitlines()
    found = []
    index = 0
    while index < len(lines):
        line = lines[index]
        marker = MARKER.match(line)
        if line.startswith("<!-- snippet:") and (not marker or marker.group(1) not in KINDS):
            raise ValueError(f"{readme.name}:{index + 1}: a snippet marker is "
                             f"<!-- snippet: {'|'.join(KINDS)}[; given: C++] -->")
        if marker and (index + 1 >= len(lines) or lines[index + 1] != "```cpp"):
            raise ValueError(f"{readme.name}:{index + 1}: the marker is not followed by ```cpp")
        if line == "```cpp":
            previous = MARKER.match(lines[index - 1]) if index > 0 else None
            if previous is None:
                raise ValueError(f"{readme.name}:{index + 1}: a ```cpp block without a marker "
                                 "(<!-- snippet: KIND --> on the line before)")
            end = lines.index("```", index + 1)
            body = "".join(f"{code}\n" for code in lines[index + 1:end])
            found.append(Snippet(index + 2, previous.group(1), previous.group(2), body))
            index = end
        index += 1
    return found


def compile_snippet(compiler, include, readme, snippet, work):
    source = work / f"readme_{snippet.line}.cpp"
    source.write_text(snippet.source(readme.name))
    flags = [*FLAGS, "-I", str(include)]
    if snippet.kind == "statements":
        flags.append("-Wno-unused")
    if snippet.kind == "program":
        output = ["-o", str(work / f"readme_{snippet.line}")]
    else:
        output = ["-c", "-o", str(work / f"readme_{snippet.line}.o")]
    return subprocess.run([*compiler, *flags, str(source), *output], capture_output=True,
                          text=True, timeout=600)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--readme", type=pathlib.Path, default=ROOT / "README.md")
    parser.add_argument("--include", type=pathlib.Path, default=ROOT / "include")
    parser.add_argument("compiler", nargs="+", help="the compiler command, after --")
    args = parser.parse_args()
    try:
        found = snippets(args.readme)
    except ValueError as problem:
        print(problem)
        return 1
    failed = 0
    with tempfile.TemporaryDirectory(prefix="ctp-readme-") as work:
        for snippet in found:
            done = compile_snippet(args.compiler, args.include, args.readme, snippet,
                                   pathlib.Path(work))
            print(f"{'ok' if done.returncode == 0 else 'FAIL'} {args.readme.name}:{snippet.line} "
                  f"({snippet.kind})")
            if done.returncode != 0:
                failed += 1
                print("  " + (done.stdout + done.stderr).rstrip().replace("\n", "\n  "))
    print(f"{len(found) - failed} of {len(found)} snippets compile with {' '.join(args.compiler)}")
    return 1 if failed or not found else 0


if __name__ == "__main__":
    sys.exit(main())
