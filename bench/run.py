#!/usr/bin/python3
"""ctp against doctest, Catch2 v2 and GoogleTest: compile time, run time, parallel wall time,
100k registered tests, live servers.

    bench/run.py            # full run, about 10 minutes on 2 cores (builds cached in bench/build)
    bench/run.py --quick    # smoke run for CI, under ~2 minutes, no PASS/MISS
    bench/run.py --only compile,empty   # some sections: compile instructions empty checks assertions
                                        # subcases parallel resources many params front_ends live http browser
                                        # shards

Generates equivalent suites for each framework under bench/build/, builds them (cached by
content), runs every case alternately for several rounds and prints one table of medians with
ratios ctp/peer, then writes bench/results.md and bench/results.png. Targets are reported as
PASS/MISS and never change the exit code; a case that fails to build or run shows "error".
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CXX = os.environ.get("CXX", "g++")
NPROC = os.cpu_count() or 2
PEERS = ["doctest", "catch2", "gtest"]
# ctp just before the assertion vocabulary: the 1-test file's compile cost is compared with it.
BASE_COMMIT = "cfccf19"
NAMES = {"ctp": "ctp", "doctest": "doctest", "catch2": "Catch2", "gtest": "GoogleTest"}


# Section 11: Selenium's driver, the flags ctp::Browser starts Chromium with, and the page.
BROWSER_DRIVER = "/usr/bin/chromedriver"
BROWSER_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-extensions"]
BROWSER_PAGE = b"""<!doctype html>
<html><head><meta charset="utf-8"><title>bench</title></head>
<body><button id="go">go</button><p id="out">0</p>
<script>
let clicks = 0;
document.getElementById('go').onclick = () => { document.getElementById('out').textContent = String(++clicks); };
</script></body></html>
"""


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Running and timing a process

RUNSTAT = None  # the launcher of src/runstat.cpp, built first


def measure(argv, env=None, cwd=None, timeout=600):
    """Runs argv with stdout to /dev/null; returns wall and CPU (user+sys) seconds, peak RSS
    (KiB) and exit code, as measured by the runstat launcher around the command alone."""
    full_env = dict(os.environ, **(env or {}))
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as stat:
        proc = subprocess.Popen([str(RUNSTAT), stat.name] + argv, stdout=subprocess.DEVNULL, stderr=err,
                                env=full_env, cwd=cwd, start_new_session=True)
        timer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
        timer.start()
        proc.wait()
        timer.cancel()
        err.seek(0)
        tail = err.read()[-2000:].decode(errors="replace")
        fields = stat.read().split()
    if proc.returncode != 0 or len(fields) != 4:
        return {"wall": 0, "cpu": 0, "rss": 0, "rc": proc.returncode or -1, "err": tail or "killed"}
    return {"wall": float(fields[0]), "cpu": float(fields[1]), "rss": int(fields[2]),
            "rc": int(fields[3]), "err": tail}


def measure_group(groups, timeout=600):
    """Runs groups of commands one group after another, the commands of a group concurrently;
    returns the total wall time (how GoogleTest is sharded by hand)."""
    start = time.perf_counter()
    rc = 0
    for group in groups:
        procs = [subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  env=dict(os.environ, **env)) for argv, env in group]
        for proc in procs:
            try:
                rc = rc or proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                rc = -9
    return {"wall": time.perf_counter() - start, "cpu": 0.0, "rss": 0, "rc": rc, "err": ""}


# --------------------------------------------------------------------------------------------
# Building, cached by the hash of command, sources and ctp's headers

def tree_hash(path):
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(str(file.relative_to(path)).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


class Builder:
    def __init__(self, build_dir):
        self.dir = build_dir
        self.dir.mkdir(parents=True, exist_ok=True)
        # ctp's headers are copied first, so that one run builds and measures one version of
        # them even while someone edits the working tree.
        self.inc = {}
        for name in ("include", "single_include"):
            copy = self.dir / "snapshot" / name
            if copy.exists():
                shutil.rmtree(copy)
            shutil.copytree(ROOT / name, copy)
            self.inc[name] = copy
        self.header_hash = {name: tree_hash(path) for name, path in self.inc.items()}
        self.objects = {}   # path -> (cmd, key)
        self.links = {}     # path -> (cmd, key, objects)
        self.failed = {}    # path -> error text
        self.cpu = {}       # output name -> CPU seconds of building it

    def source(self, name, text):
        path = self.dir / "src" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
        return path

    def flags(self, fw, opt, single=False):
        flags = ["-std=c++20", opt]
        if fw == "ctp":
            flags.append("-I" + str(self.inc["single_include" if single else "include"]))
        elif fw in ("ctp-gtest", "ctp-doctest"):  # a user's #include <gtest/gtest.h> finds ctp's shim
            shims = self.inc["include"] / "ctp" / "compat" / fw.removeprefix("ctp-")
            flags += ["-I" + str(shims), "-I" + str(self.inc["include"])]
        return flags

    def key(self, cmd, inputs):
        digest = hashlib.sha256(" ".join(cmd).encode())
        for item in inputs:
            digest.update(item.read_bytes() if isinstance(item, Path) else item.encode())
        for inc, value in self.header_hash.items():
            if any(str(self.inc[inc]) in part for part in cmd):
                digest.update(value.encode())
        return digest.hexdigest()

    def obj(self, fw, name, text, opt, single=False):
        src = self.source(name, text)
        out = self.dir / "obj" / (name + opt + (".single" if single else "") + ".o")
        cmd = [CXX] + self.flags(fw, opt, single) + ["-c", str(src), "-o", str(out)]
        self.objects[out] = (cmd, self.key(cmd, [src]))
        return out

    def exe(self, name, objects, libs=()):
        out = self.dir / "bin" / name
        cmd = [CXX, "-o", str(out)] + [str(o) for o in objects] + list(libs) + ["-pthread"]
        self.links[out] = (cmd, self.key(cmd, [str(o) + self.objects[o][1] for o in objects]), objects)
        return out

    def _run(self, out, cmd, key):
        stamp = out.with_name(out.name + ".key")
        if out.exists() and stamp.exists() and stamp.read_text() == key:
            return None
        out.parent.mkdir(parents=True, exist_ok=True)
        m = measure(cmd)
        self.cpu[out.name] = m["cpu"]
        if m["rc"] != 0:
            if out.exists():
                out.unlink()
            return m["err"] or "failed"
        stamp.write_text(key)
        return None

    def build(self):
        todo = [(o, c, k) for o, (c, k) in self.objects.items()]
        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(NPROC) as pool:
            for (out, _, _), error in zip(todo, pool.map(lambda t: self._run(*t), todo)):
                if error:
                    self.failed[out] = error
            links = []
            for out, (cmd, key, objects) in self.links.items():
                bad = [o for o in objects if o in self.failed]
                if bad:
                    self.failed[out] = "object failed: " + self.failed[bad[0]]
                else:
                    links.append((out, cmd, key))
            for (out, _, _), error in zip(links, pool.map(lambda t: self._run(*t), links)):
                if error:
                    self.failed[out] = error
        for out, error in self.failed.items():
            log(f"build failed: {out.name}\n{error.strip()[:1500]}")
        heavy = sorted(self.cpu.items(), key=lambda kv: -kv[1])[:6]
        log(f"built in {time.perf_counter() - start:.1f}s wall, {sum(self.cpu.values()):.1f}s CPU; heaviest: "
            + ", ".join(f"{n} {c:.1f}s" for n, c in heavy))

    def ok(self, path):
        return path not in self.failed and path.exists()


# --------------------------------------------------------------------------------------------
# Generated suites: the same tests written for each framework

def include(fw, implement=False):
    return {
        "ctp": ("#define CTP_MAIN\n" if implement else "") + "#include <ctp/ctp.hpp>\n",
        "doctest": ("#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN\n" if implement else "")
                   + "#include <doctest/doctest.h>\n",
        "catch2": ("#define CATCH_CONFIG_MAIN\n" if implement else "") + "#include <catch2/catch.hpp>\n",
        "gtest": "#include <gtest/gtest.h>\n" + (
            "int main(int argc, char** argv) {\n    ::testing::InitGoogleTest(&argc, argv);\n"
            "    return RUN_ALL_TESTS();\n}\n" if implement else ""),
    }[fw]


def test_head(fw, suite, name, fixture=None):
    """A test's opening, before its body in braces. `name` is a preprocessor expression."""
    if fw == "ctp":
        return f"CTP_TEST_F({fixture}, {name})" if fixture else f"CTP_TEST({suite}, {name})"
    if fw == "gtest":
        return f"TEST({fixture or suite}, {name})"
    if name == "t##p":
        return f'TEST_CASE("{fixture or suite}.t" #p)'
    return f'TEST_CASE("{fixture or suite}.{name}")'


def stamp(fw, macro, suite, body, fixture=None):
    """Macros that stamp 1, 10, 100, 1000 tests named t<digits> from one line each."""
    head = test_head(fw, suite, "t##p", fixture)
    lines = [f"#define {macro}1(p) {head} {{ {body} }}"]
    for size in (10, 100, 1000):
        lines.append(f"#define {macro}{size}(p) " + " ".join(f"{macro}{size // 10}(p##{i})" for i in range(10)))
    return "\n".join(lines) + "\n"


def stamped(macro, count, prefix):
    """Uses the macros of stamp() to make `count` tests with names unique under `prefix`."""
    lines = []
    for size, tag in ((1000, "k"), (100, "h"), (10, "d"), (1, "o")):
        for i in range(count // size):
            lines.append(f"{macro}{size}({prefix}{tag}{i}x)")
        count %= size
    return "\n".join(lines) + "\n"


HELPERS = r"""
#include <chrono>
#include <thread>
#include <time.h>
namespace bench {
inline void sleep_20ms() { std::this_thread::sleep_for(std::chrono::milliseconds(20)); }
// 20 ms of this thread's CPU time: a fixed amount of work however busy the machine is.
inline void busy_20ms() {
    timespec now;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    const long long end = now.tv_sec * 1000000000LL + now.tv_nsec + 20000000LL;
    volatile unsigned sink = 0;
    do {
        for (int i = 0; i < 1000; ++i) sink = sink * 31u + static_cast<unsigned>(i);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    } while (now.tv_sec * 1000000000LL + now.tv_nsec < end);
}
}  // namespace bench
"""

# Ten comparisons of various built-in types, read from objects the compiler cannot see.
CHECKS = [("a", "==", "{i}"), ("u", "!=", "2u"), ("l", "<", "3L + {i}"), ("d", ">=", "0.5"),
          ("c", "==", "'x'"), ("p", "!=", "nullptr"), ("a + 1", "==", "{i} + 1"), ("u", "==", "u"),
          ("l", ">", "-1L"), ("d", "<=", "1e9")]
GTEST_OP = {"==": "EXPECT_EQ", "!=": "EXPECT_NE", "<": "EXPECT_LT", ">=": "EXPECT_GE",
            ">": "EXPECT_GT", "<=": "EXPECT_LE"}


def compile_suite(fw, tests, implement=False):
    out = [include(fw, implement),
           "extern int g_i; extern unsigned g_u; extern long g_l; extern double g_d;\n"
           "extern char g_c; extern int* g_p;\n"]
    for i in range(tests):
        out.append(test_head(fw, "Compile", f"t{i}") + " {\n"
                   f"    const int a = g_i + {i}; const unsigned u = g_u; const long l = g_l;\n"
                   "    const double d = g_d; const char c = g_c; int* const p = g_p;\n")
        for lhs, op, rhs in CHECKS:
            rhs = rhs.format(i=i)
            if fw == "gtest":
                out.append(f"    {GTEST_OP[op]}({lhs}, {rhs});\n")
            else:
                out.append(f"    CHECK({lhs} {op} {rhs});\n")
        out.append("}\n")
    return "".join(out)


# A live-server test file as users write one, through the public API only, and the standard
# headers that such an API stands for.
LIVE_TEST_FILE = """#include <ctp/ctp.hpp>
#include <ctp/live_server.hpp>

struct Api : ctp::LiveServerTestCase {
    static void routes(ctp::Router& router) {
        router.get("/health", [](const ctp::Request&) { return ctp::Response::text("ok"); });
    }
};

CTP_TEST_F(Api, health) {
    const auto response = ctp::http::get(live_server_url() + "/health");
    CTP_CHECK(response.status == 200);
}
"""
LIVE_BASELINE_FILE = "#include <string>\n#include <vector>\n#include <optional>\n#include <chrono>\n#include <functional>\n"


# The assertion vocabulary: a 100-test file using approximate numbers, context, matchers and
# exception text, written for each framework the way its users would (doctest has no
# CHECK_THAT: its tests check the same properties of the string with plain CHECKs).
VOCABULARY_HEAD = {
    "ctp": "#include <ctp/approx.hpp>\n#include <ctp/matchers.hpp>\n",
    "doctest": "using doctest::Approx;\n",
    "catch2": "using Catch::Matchers::StartsWith; using Catch::Matchers::EndsWith;\n"
              "using Catch::Matchers::Contains; using Catch::Matchers::Message;\n",
}


def vocabulary_suite(fw, tests):
    out = [include(fw), "#include <stdexcept>\n#include <string>\n", VOCABULARY_HEAD[fw],
           "extern double g_d; extern const char* g_s;\n"
           "inline int parse(int n) { if (n >= 0) throw std::invalid_argument(\"bad input\"); return n; }\n"]
    approx = "ctp::Approx" if fw == "ctp" else "Approx"
    for i in range(tests):
        out.append(test_head(fw, "Vocabulary", f"t{i}") + " {\n"
                   f"    const double x = g_d + {i}; const std::string s = g_s;\n")
        out.append(f'    INFO("iteration " << {i});\n' if fw == "catch2" else f'    INFO("iteration ", {i});\n')
        out.append("    CAPTURE(x);\n"
                   f"    CHECK(x == {approx}({i}.5).epsilon(1e-6));\n"
                   f"    CHECK(x != {approx}({i}.25));\n")
        if fw == "ctp":
            out.append('    CHECK_THAT(s, ctp::starts_with("hello") && ctp::contains("wor"));\n'
                       '    CHECK_THAT(s, ctp::ends_with("world"));\n')
        elif fw == "catch2":
            out.append('    CHECK_THAT(s, StartsWith("hello") && Contains("wor"));\n'
                       '    CHECK_THAT(s, EndsWith("world"));\n')
        else:
            out.append('    CHECK((s.starts_with("hello") && s.find("wor") != std::string::npos));\n'
                       '    CHECK(s.ends_with("world"));\n')
        out.append(f'    CHECK_THROWS_WITH(parse({i}), "bad input");\n')
        if fw == "catch2":  # Catch2 v2 has no THROWS_WITH_AS: its users match the message
            out.append(f'    CHECK_THROWS_MATCHES(parse({i}), std::invalid_argument, Message("bad input"));\n')
        else:
            out.append(f'    CHECK_THROWS_WITH_AS(parse({i}), "bad input", std::invalid_argument);\n')
        out.append("}\n")
    return "".join(out)


def approx_loop_suite(fw, count):
    approx = "ctp::Approx" if fw == "ctp" else ("doctest::Approx" if fw == "doctest" else "Approx")
    head = include(fw) + ("#include <ctp/approx.hpp>\n" if fw == "ctp" else "")
    return (head + "static volatile double bench_x = 0.1, bench_y = 0.2;\n"
            + test_head(fw, "Approx", "all") + f" {{ for (long i = 0; i < {count}L; ++i) {{ "
            f"const double a = bench_x + bench_y; CHECK(a == {approx}(0.3)); }} }}\n")


def info_loop_suite(fw, count):
    def info(text):
        return f'INFO("{text} " << i);' if fw == "catch2" else f'INFO("{text} ", i);'
    return (include(fw) + "static volatile int bench_a = 7, bench_b = 7;\n"
            + test_head(fw, "Info", "all") + f" {{ for (long i = 0; i < {count}L; ++i) {{ "
            f"{info('outer')} {{ {info('middle')} {{ {info('inner')} "
            "const int a = bench_a; const int b = bench_b; CHECK(a == b); } } } }\n")


def check_loop(fw, count):
    check = "EXPECT_EQ(a, b);" if fw == "gtest" else "CHECK(a == b);"
    return (f"for (long i = 0; i < {count}L; ++i) {{ const int a = bench_a; const int b = bench_b; "
            f"{check} }}")


def suite_checks(fw, count):
    text = include(fw) + "static volatile int bench_a = 7, bench_b = 7;\n"
    text += test_head(fw, "Checks", "all") + " { " + check_loop(fw, count) + " }\n"
    if fw == "ctp":
        for half in ("one", "two"):
            text += test_head(fw, "Split", half) + " { " + check_loop(fw, count // 2) + " }\n"
    return text


def subcase_suite(fw, tests):
    """`tests` tests, each with 100 leaf sub-cases: a 10x10 nest of SUBCASEs in loops, one CHECK
    in each leaf. The body re-enters once per leaf in both frameworks."""
    helper = ("static volatile int bench_a = 7, bench_b = 7;\n"
              'static const char* const bench_names[10] = {"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9"};\n'
              "static void bench_subcases() {\n"
              "    for (int i = 0; i < 10; ++i) {\n"
              "        SUBCASE(bench_names[i]) {\n"
              "            for (int j = 0; j < 10; ++j) {\n"
              "                SUBCASE(bench_names[j]) { const int a = bench_a; const int b = bench_b; CHECK(a == b); }\n"
              "            }\n"
              "        }\n"
              "    }\n"
              "}\n")
    return (include(fw) + helper + stamp(fw, "BENCH_T", "Sub", "bench_subcases();")
            + stamped("BENCH_T", tests, "u"))


def suite_stamped(fw, suite, count, prefix, body="", fixture=None, extra=""):
    return (include(fw) + HELPERS + extra + stamp(fw, "BENCH_T", suite, body, fixture)
            + stamped("BENCH_T", count, prefix))


def resource_suite(groups, per_group, free):
    """ctp only (no peer has resource locks): `groups` x `per_group` tests, each group holding
    ctp::exclusive("g<k>"), and `free` tests without declarations, all sleeping 20 ms."""
    out = [include("ctp"), HELPERS]
    for g in range(groups):
        out += [f'CTP_TEST(Group{g}, t{i}, ctp::exclusive("g{g}")) {{ bench::sleep_20ms(); }}\n'
                for i in range(per_group)]
    out += [f"CTP_TEST(Free, t{i}) {{ bench::sleep_20ms(); }}\n" for i in range(free)]
    return "".join(out)


def shards_suite(classes, per_class, class_ms, short, short_ms, long, long_ms):
    """ctp only: a skewed suite to split over shards, sleeping so that the machine's load does
    not change it: `classes` fixture classes of `per_class` tests of `class_ms`, `short` free
    tests of `short_ms` and `long` free tests of `long_ms`."""
    out = [include("ctp"), "#include <chrono>\n#include <thread>\n",
           "static void pause_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }\n"]
    for c in range(classes):
        out.append(f"struct Class{c} : ctp::TestCase {{}};\n")
        out += [f"CTP_TEST_F(Class{c}, t{i}) {{ pause_ms({class_ms}); }}\n" for i in range(per_class)]
    out += [f"CTP_TEST(Short, t{i}) {{ pause_ms({short_ms}); }}\n" for i in range(short)]
    out += [f"CTP_TEST(Long, t{i}) {{ pause_ms({long_ms}); }}\n" for i in range(long)]
    return "".join(out)


def live_fixture(fw):
    return "struct Live : ctp::LiveServerTestCase {};\n" if fw == "ctp" else ""


# --------------------------------------------------------------------------------------------
# Results: samples per case, rows of the table

class Results:
    def __init__(self):
        self.samples = {}   # key -> list of measurement dicts
        self.rows = []      # dicts: section, label, cells {fw: value}, unit, target, status
        self.notes = []
        self.extra = {}

    def add(self, key, m):
        self.samples.setdefault(key, []).append(m)

    def median(self, key, field="wall"):
        samples = self.samples.get(key)
        if not samples or any(s["rc"] != 0 for s in samples):
            return None
        return statistics.median(s[field] for s in samples)

    def runs(self, key):
        return len(self.samples.get(key) or [])


def run_rounds(results, cases, rounds, warmup=True):
    """cases: list of (key, thunk). Each round runs every case once, the order rotated and
    reversed every other round, so slow drifts of a noisy machine hit every case alike. A case
    whose program did not build is None: it was recorded as such and is left out here."""
    cases = [case for case in cases if case is not None and case[1] is not None]
    if warmup and rounds > 1:
        for key, thunk in cases:
            m = thunk()
            if m["rc"] != 0:
                log(f"  {key}: exit {m['rc']}\n{m['err'][-800:]}")
    for r in range(rounds):
        order = cases[r % len(cases):] + cases[:r % len(cases)] if cases else []
        if r % 2:
            order.reverse()
        for key, thunk in order:
            m = thunk()
            results.add(key, m)
            if m["rc"] != 0 and r == 0:
                log(f"  {key}: exit {m['rc']}\n{m['err'][-800:]}")


# --------------------------------------------------------------------------------------------
# Sections

class Bench:
    def __init__(self, args):
        self.args = args
        self.problems = []  # what failed to build or run, for --strict
        self.quick = args.quick
        self.build_dir = BENCH / "build" / ("quick" if self.quick else "full")
        self.b = Builder(self.build_dir)
        self.r = Results()
        self.run_opt = "-O0" if self.quick else "-O2"
        q = self.quick
        self.n_empty = 500 if q else 10000
        self.n_checks = 1000000 if q else 10000000
        self.n_sleep, self.n_live = (40, 5) if q else (200, 15)
        self.n_cpu = 40 if q else 200
        self.n_groups, self.n_per_group, self.n_free = (4, 10, 40) if q else (4, 50, 200)
        self.n_many = 2000 if q else args.many
        self.n_subcases = 50 if q else 1000
        self.rounds = 1 if q else args.rounds
        # Section 13: classes, tests per class, ms; short tests, ms; long tests, ms.
        self.shards_shape = (3, 10, 30, 200, 2, 4, 100) if not q else (3, 4, 30, 40, 2, 1, 100)
        self.sections = args.only.split(",") if args.only else \
            ["compile", "instructions", "empty", "checks", "assertions", "subcases", "parallel", "resources", "many",
             "params", "front_ends", "live", "http", "browser", "shards"]
        self.bins = {}

    # ---------------------------------------------------------------- build everything first
    def main_objects(self, fw, opt):
        """The framework's main in its own object, built once and linked into each suite."""
        if fw == "gtest":
            return []  # -lgtest_main
        text = FRONT_END_MAIN.get(fw) or include(fw, True)
        return [self.b.obj(fw, f"{fw}_main.cpp", text, opt)]

    def program(self, fw, name, sources, opt):
        """sources: list of (file name, text), compiled with `opt`; linked with the framework's
        main object, always compiled with the optimisation of the run benchmarks."""
        objs = [self.b.obj(fw, f"{fw}_{file}", text, opt) for file, text in sources]
        objs += self.main_objects(fw, self.run_opt)
        libs = ["-lgtest_main", "-lgtest"] if fw == "gtest" else []
        path = self.b.exe(f"{fw}_{name}", objs, libs)
        self.bins[(fw, name)] = path
        return path

    def plan_builds(self):
        opt = self.run_opt
        if "empty" in self.sections:
            per = 1000
            for fw in ["ctp"] + PEERS:
                srcs = [(f"empty_{i}.cpp", suite_stamped(fw, "Empty", min(per, self.n_empty - i * per), f"e{i}"))
                        for i in range((self.n_empty + per - 1) // per)]
                self.program(fw, "empty", srcs, "-O0")
        if "checks" in self.sections:
            for fw in ["ctp"] + PEERS:
                self.program(fw, "checks", [("checks.cpp", suite_checks(fw, self.n_checks))], opt)
            src = (BENCH / "src" / "two_threads.cpp").read_text()
            self.bins[("plain", "two_threads")] = self.b.exe(
                "plain_two_threads", [self.b.obj("plain", "two_threads.cpp", src, opt)])
        if "assertions" in self.sections:
            for fw in ("ctp", "doctest", "catch2"):
                self.program(fw, "approx", [("approx.cpp", approx_loop_suite(fw, self.n_checks))], opt)
                self.program(fw, "info", [("info.cpp", info_loop_suite(fw, self.n_checks))], opt)
        if "subcases" in self.sections:
            for fw in ("ctp", "doctest"):
                self.program(fw, "subcases", [("subcases.cpp", subcase_suite(fw, self.n_subcases))], opt)
        if "parallel" in self.sections:
            for fw in ["ctp"] + PEERS:
                self.program(fw, "sleep", [
                    ("sleep.cpp", suite_stamped(fw, "Sleep", self.n_sleep, "s", "bench::sleep_20ms();")),
                    ("sleep_live.cpp", suite_stamped(fw, "Live", self.n_live, "l", "bench::sleep_20ms();",
                                                     "Live" if fw == "ctp" else None, live_fixture(fw)))], opt)
                self.program(fw, "cpu", [("cpu.cpp", suite_stamped(fw, "Cpu", self.n_cpu, "c", "bench::busy_20ms();"))], opt)
        if "resources" in self.sections:
            self.program("ctp", "resources", [("resources.cpp", resource_suite(
                self.n_groups, self.n_per_group, self.n_free))], opt)
        if "many" in self.sections:
            per = min(5000, self.n_many)
            for fw in ["ctp", "doctest", "gtest"]:
                srcs = [(f"many_{i}.cpp", suite_stamped(fw, "Many", per, f"m{i}"))
                        for i in range(self.n_many // per)]
                self.program(fw, "many", srcs, "-O0")
                self.program(fw, "one", [("one.cpp", suite_stamped(fw, "One", 1, "o"))], "-O0")
        if "front_ends" in self.sections:
            for which, text in (("gtest", gtest_style_suite()), ("doctest", doctest_style_suite())):
                sides = [which] + ([] if self.front_end_missing(which) else ["ctp-" + which])
                for fw in sides:
                    self.program(fw, "front_end", [("front_end.cpp", text)], opt)
        if "params" in self.sections:
            for fw in ("ctp", "gtest"):
                self.program(fw, "params", [("params.cpp", params_suite(fw, self.n_many))], "-O0")
        if "shards" in self.sections:
            self.program("ctp", "shards", [("shards.cpp", shards_suite(*self.shards_shape))], opt)
        if "http" in self.sections:
            src = (BENCH / "src" / "http_bench.cpp").read_text()
            self.bins[("ctp", "http_bench")] = self.b.exe(
                "ctp_http_bench", [self.b.obj("ctp", "http_bench.cpp", src, "-O2")])
        if "browser" in self.sections and (self.b.inc["include"] / "ctp/browser.hpp").exists():
            src = (BENCH / "src" / "browser_bench.cpp").read_text()
            self.bins[("ctp", "browser_bench")] = self.b.exe(
                "ctp_browser_bench", [self.b.obj("ctp", "browser_bench.cpp", src, "-O2")])
        if "live" in self.sections and (self.b.inc["include"] / "ctp/live_server.hpp").exists():
            src = (BENCH / "src" / "live_bench.cpp").read_text()
            path = self.b.exe("ctp_live_bench", [self.b.obj("ctp", "live_bench.cpp", src, "-O2")])
            self.bins[("ctp", "live_bench")] = path
            k = 20 if not self.quick else 5
            for kind in ("live", "plain"):
                self.program("ctp", f"live_{kind}", [(f"live_{kind}.cpp", live_classes(kind, k))], opt)
            self.k_live = k

    def build_ctest(self):
        """GoogleTest's sleep and CPU suites as a CMake project with gtest_discover_tests."""
        d = self.build_dir / "ctest"
        src = d / "src"
        src.mkdir(parents=True, exist_ok=True)
        files = {
            "sleep.cpp": suite_stamped("gtest", "Sleep", self.n_sleep, "s", "bench::sleep_20ms();"),
            "live.cpp": suite_stamped("gtest", "Live", self.n_live, "l", "bench::sleep_20ms();"),
            "cpu.cpp": suite_stamped("gtest", "Cpu", self.n_cpu, "c", "bench::busy_20ms();"),
            "CMakeLists.txt": f"""cmake_minimum_required(VERSION 3.16)
project(bench_ctest CXX)
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_BUILD_TYPE Release)
set(CMAKE_CXX_FLAGS_RELEASE "{self.run_opt}")
find_package(GTest REQUIRED)
include(GoogleTest)
enable_testing()
add_executable(sleep sleep.cpp)
target_link_libraries(sleep GTest::gtest_main)
gtest_discover_tests(sleep PROPERTIES LABELS sleep)
add_executable(live live.cpp)
target_link_libraries(live GTest::gtest_main)
gtest_discover_tests(live PROPERTIES LABELS sleep RUN_SERIAL TRUE)
add_executable(cpu cpu.cpp)
target_link_libraries(cpu GTest::gtest_main)
gtest_discover_tests(cpu PROPERTIES LABELS cpu)
""",
        }
        for name, text in files.items():
            path = src / name
            if not path.exists() or path.read_text() != text:
                path.write_text(text)
        out = d / "build"
        for cmd in (["cmake", "-S", str(src), "-B", str(out)],
                    ["cmake", "--build", str(out), "-j", str(NPROC)]):
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode != 0:
                log("ctest project failed:", proc.stdout[-1500:], proc.stderr[-1500:])
                self.problems.append("the ctest project did not build")
                return None
        return out

    # ---------------------------------------------------------------- helpers
    def bin(self, fw, name):
        path = self.bins.get((fw, name))
        return path if path is not None and self.b.ok(path) else None

    def case(self, key, argv, **kw):
        if argv is None or argv[0] is None:
            self.r.add(key, {"wall": 0, "cpu": 0, "rss": 0, "rc": -1, "err": "not built"})
            return None
        return (key, lambda: measure([str(a) for a in argv], **kw))

    def case_json(self, key, argv):
        """Like case() for a ctp run, adding the run's own wall time ("run" field) from its
        JSON report: starting the workers included, the process's start and exit not."""
        if argv is None or argv[0] is None:
            return self.case(key, argv)

        def thunk():
            with tempfile.TemporaryDirectory() as tmp:
                report = Path(tmp) / "report.json"
                m = measure([str(a) for a in argv] + ["--json", str(report)])
                if m["rc"] == 0:
                    m["run"] = json.loads(report.read_text())["run"]["wall_time"]
            return m
        return (key, thunk)

    def row(self, section, label, cells, unit="s", target=None, passed=None, ratios=True, fmt=None):
        self.r.rows.append({"section": section, "label": label, "cells": cells, "unit": unit,
                            "target": target or "", "passed": None if self.quick else passed,
                            "ratios": ratios, "fmt": fmt})

    # ---------------------------------------------------------------- 1. compile time
    def section_compile(self):
        log("== compile time")
        b, r = self.b, self.r
        opts = ["-O0"] if self.quick else ["-O0", "-O2"]
        variants = [("1 test", 1, False), ("100 tests x 10 CHECKs", 100, False), ("1 test + main", 1, True)]
        forms = [("ctp", False), ("ctp", True)] + [(fw, False) for fw in PEERS]
        sources = {}
        for fw, single in forms:
            for vname, tests, implement in variants:
                if self.quick and fw == "catch2" and implement:
                    continue  # 16-26 s each: full runs only
                name = f"compile_{fw}_{tests}{'_main' if implement else ''}.cpp"
                sources[(fw, single, vname)] = b.source(name, compile_suite(fw, tests, implement))
        cases = []
        heavy = []
        for opt in opts:
            for (fw, single, vname), src in sources.items():
                key = ("compile", opt, fw + ("-single" if single else ""), vname)
                cmd = [CXX] + b.flags(fw, opt, single) + ["-c", str(src), "-o", "/dev/null"]
                (heavy if fw == "catch2" and "main" in vname else cases).append((key, lambda c=cmd: measure(c)))
        # warm the page cache with one cheap compile per framework
        for fw, single in forms:
            src = sources[(fw, single, "1 test")]
            measure([CXX] + b.flags(fw, "-O0", single) + ["-c", str(src), "-o", "/dev/null"])
        run_rounds(r, cases, self.rounds if not self.quick else 1, warmup=False)
        run_rounds(r, heavy, 1, warmup=False)
        for opt in opts:
            for vname, _, _ in variants:
                for form in ("ctp", "ctp-single"):
                    cells = {"ctp": r.median(("compile", opt, form, vname), "cpu")}
                    for fw in PEERS:
                        if ("compile", opt, fw, vname) in r.samples:  # Catch2's main: full runs only
                            cells[fw] = r.median(("compile", opt, fw, vname), "cpu")
                    doc = cells.get("doctest")
                    ok = cells["ctp"] is not None and doc is not None and cells["ctp"] <= doc
                    label = f"compile {opt}: {vname}" + (" (single header)" if form == "ctp-single" else "")
                    self.row("1 compile (CPU s)", label, cells, target="<= 1.0 x doctest", passed=ok)
        for opt in opts:
            for form in ("ctp", "ctp-single"):
                main = r.median(("compile", opt, form, "1 test + main"), "cpu")
                one = r.median(("compile", opt, form, "1 test"), "cpu")
                dmain = r.median(("compile", opt, "doctest", "1 test + main"), "cpu")
                done = r.median(("compile", opt, "doctest", "1 test"), "cpu")
                if None not in (main, one, dmain, done):
                    r.notes.append(f"Adding the main to a TU ({opt}, {form}): ctp +{main - one:.2f} s, "
                                   f"doctest +{dmain - done:.2f} s.")

    def section_instructions(self):
        """The compile budgets, counting the compiler's instructions under cachegrind (driver,
        cc1plus and assembler together): the count does not drift with the machine's load as
        CPU time does, so a few percent between ctp and doctest show. A test file without the
        main <= 1.0 x doctest's, the file with the main <= 1.15 x, and a live-server test file
        <= 1.5 x a file of the five standard headers its API stands for."""
        if self.quick or shutil.which("valgrind") is None:
            self.r.notes.append("No instruction counts: they need valgrind and a full run.")
            return
        log("== compile instructions (cachegrind; a few minutes)")
        b = self.b
        opts = ["-O0", "-O2"]
        variants = [("1 test", 1, False, 1.0), ("100 tests x 10 CHECKs", 100, False, 1.0),
                    ("1 test + main", 1, True, 1.15)]
        jobs = {}  # key -> (framework, single header, source, opt)
        for vname, tests, implement, _ in variants:
            for fw, single in (("ctp", False), ("ctp", True), ("doctest", False)):
                name = f"compile_{fw}_{tests}{'_main' if implement else ''}.cpp"
                src = b.source(name, compile_suite(fw, tests, implement))
                for opt in opts:
                    jobs[(vname, fw, single, opt)] = (fw, single, src, opt)
        live = b.source("compile_live_test.cpp", LIVE_TEST_FILE)
        plain = b.source("compile_live_baseline.cpp", LIVE_BASELINE_FILE)
        jobs[("live", "ctp", False, "-O0")] = ("ctp", False, live, "-O0")
        jobs[("live", "baseline", False, "-O0")] = ("plain", False, plain, "-O0")

        def count(fw, single, src, opt):
            cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                   "--trace-children=yes", CXX] + b.flags(fw, opt, single) + ["-c", str(src), "-o", "/dev/null"]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            refs = [int(line.split()[-1].replace(",", "")) for line in proc.stderr.splitlines()
                    if "I   refs:" in line]
            return sum(refs) / 1e9 if proc.returncode == 0 and refs else None

        with concurrent.futures.ThreadPoolExecutor(max_workers=NPROC) as pool:
            futures = {key: pool.submit(count, *job) for key, job in jobs.items()}
            counts = {key: future.result() for key, future in futures.items()}
        for opt in opts:
            for vname, _, _, budget in variants:
                for single in (False, True):
                    cells = {"ctp": counts[(vname, "ctp", single, opt)], "doctest": counts[(vname, "doctest", False, opt)]}
                    ok = None not in cells.values() and cells["ctp"] <= budget * cells["doctest"]
                    label = f"compile {opt}: {vname}, instructions" + (" (single header)" if single else "")
                    self.row("1 compile (instructions, G)", label, cells, unit="G",
                             target=f"<= {budget:g} x doctest", passed=ok)
        ctp_live, baseline = counts[("live", "ctp", False, "-O0")], counts[("live", "baseline", False, "-O0")]
        self.row("1 compile (instructions, G)", "compile -O0: a live-server test file, instructions",
                 {"ctp": ctp_live}, unit="G", target="<= 1.5 x five standard headers", ratios=False,
                 passed=None not in (ctp_live, baseline) and ctp_live <= 1.5 * baseline)
        self.row("1 compile (instructions, G)",
                 "  the same file's standard headers alone: <string> <vector> <optional> <chrono> <functional>",
                 {"ctp": baseline}, unit="G", ratios=False)

    # ---------------------------------------------------------------- 2. empty tests
    def section_empty(self):
        log(f"== {self.n_empty} empty tests")
        r = self.r
        cases = [
            self.case(("empty", "ctp"), [self.bin("ctp", "empty")]),
            self.case(("empty", "ctp-p2"), [self.bin("ctp", "empty"), "--parallel", "2"]),
            self.case(("empty", "doctest"), [self.bin("doctest", "empty")]),
            self.case(("empty", "catch2"), [self.bin("catch2", "empty")]),
            self.case(("empty", "gtest"), [self.bin("gtest", "empty"), "--gtest_brief=1"]),
        ]
        run_rounds(r, cases, self.rounds + 2)
        peers = {fw: r.median(("empty", fw)) for fw in PEERS}
        ctp = r.median(("empty", "ctp"))
        p2 = r.median(("empty", "ctp-p2"))
        fastest = min((v for v in peers.values() if v is not None), default=None)
        n = f"{self.n_empty // 1000}k" if self.n_empty >= 1000 else str(self.n_empty)
        self.row("2 empty tests (wall s)", f"{n} empty tests, serial", dict(ctp=ctp, **peers),
                 target="<= 1.0 x fastest peer",
                 passed=None if None in (ctp, fastest) else ctp <= fastest)
        self.row("2 empty tests (wall s)", f"{n} empty tests, ctp --parallel 2", dict(ctp=p2, **peers),
                 target="<= ctp serial", passed=None if None in (ctp, p2) else p2 <= ctp)

    # ---------------------------------------------------------------- 3. CHECK loop
    def section_checks(self):
        log(f"== {self.n_checks} CHECKs")
        r = self.r
        ctp = self.bin("ctp", "checks")
        cases = [
            self.case(("checks", "ctp"), [ctp, "-k", "Checks.all"]),
            self.case_json(("checks", "ctp-split"), [ctp, "-k", "Split.*"]),
            self.case_json(("checks", "ctp-split-p2"), [ctp, "-k", "Split.*", "--parallel", "2"]),
            self.case(("checks", "doctest"), [self.bin("doctest", "checks")]),
            self.case(("checks", "catch2"), [self.bin("catch2", "checks")]),
            self.case(("checks", "gtest"), [self.bin("gtest", "checks"), "--gtest_brief=1"]),
        ]
        run_rounds(r, cases, self.rounds + 2)
        # The same loop on plain std::threads: on a shared VM the second CPU may give far less
        # than a core, and no runner can beat that.
        plain = self.bin("plain", "two_threads")
        machine = []
        for _ in range(self.rounds + 2 if plain else 0):
            proc = subprocess.run([str(plain), str(self.n_checks)], capture_output=True, text=True, timeout=120)
            if proc.returncode == 0:
                one, two = map(float, proc.stdout.split())
                machine.append(one / two)
            else:
                self.problems.append("the two-thread reference failed")
        peers = {fw: r.median(("checks", fw)) for fw in PEERS}
        c = r.median(("checks", "ctp"))
        # The speed-up of the CHECK loop itself: 10M CHECKs take a few tens of milliseconds, about
        # what starting and ending the process takes, so whole-process times would hide it.
        s = r.median(("checks", "ctp-split"), "run")
        p2_run = r.median(("checks", "ctp-split-p2"), "run")
        p2 = r.median(("checks", "ctp-split-p2"))
        fastest = min((v for v in peers.values() if v is not None), default=None)
        n = f"{self.n_checks // 1000000}M"
        self.row("3 CHECK(a == b) (wall s)", f"{n} passing CHECKs, serial", dict(ctp=c, **peers),
                 target="<= 1.0 x fastest peer", passed=None if None in (c, fastest) else c <= fastest)
        speedup = None if None in (s, p2_run) else s / p2_run
        self.row("3 CHECK(a == b) (wall s)", f"{n} CHECKs in 2 tests, ctp --parallel 2"
                 + (f" (run time {p2_run:.3f} s, speed-up {speedup:.2f}x over {s:.3f} s serially)"
                    if speedup else ""),
                 dict(ctp=p2, **peers), target="speed-up >= 1.8x",
                 passed=None if speedup is None else speedup >= 1.8)
        if machine:
            r.notes.append(f"The same {n} comparisons on plain std::threads, no framework: speed-up "
                           f"{statistics.median(machine):.2f}x with two threads (median of {len(machine)}; "
                           f"range {min(machine):.2f}-{max(machine):.2f}x): what this machine gave "
                           "two threads for this loop during the run.")

    # ---------------------------------------------------------------- 4. parallel suites
    def section_parallel(self, ctest_dir):
        r = self.r
        ideal_sleep = self.n_sleep * 0.020 / 8 + self.n_live * 0.020
        ideal_cpu = self.n_cpu * 0.020 / 2
        log(f"== sleep suite (ideal {ideal_sleep:.2f} s) and CPU suite (ideal {ideal_cpu:.2f} s)")
        cases = []
        for suite, jobs in (("sleep", 8), ("cpu", 2)):
            cases.append(self.case((suite, "ctp"), [self.bin("ctp", suite), "--parallel", jobs]))
            for fw in PEERS:
                extra = ["--gtest_brief=1"] if fw == "gtest" else []
                cases.append(self.case((suite, fw), [self.bin(fw, suite)] + extra))
            if ctest_dir is not None:
                cases.append(self.case((suite, "ctest"), ["ctest", "--test-dir", ctest_dir, "-j", jobs,
                                                          "-L", suite, "-Q"]))
            gt = self.bin("gtest", suite)
            if gt is not None:
                shards = [([str(gt), "--gtest_brief=1", "--gtest_filter=-Live.*"],
                           {"GTEST_TOTAL_SHARDS": str(jobs), "GTEST_SHARD_INDEX": str(i)})
                          for i in range(jobs)]
                groups = [shards]
                if suite == "sleep":
                    groups.append([([str(gt), "--gtest_brief=1", "--gtest_filter=Live.*"], {})])
                cases.append(((suite, "shards"), lambda g=groups: measure_group(g)))
        run_rounds(r, cases, self.rounds)
        for suite, jobs, ideal, label in (
                ("sleep", 8, ideal_sleep, f"sleep suite ({self.n_sleep} x 20 ms + {self.n_live} live x 20 ms), "
                                          f"ctp --parallel 8; ideal {ideal_sleep:.2f} s"),
                ("cpu", 2, ideal_cpu, f"CPU suite ({self.n_cpu} x 20 ms CPU), ctp --parallel 2; "
                                      f"ideal {ideal_cpu:.2f} s")):
            vals = {k: r.median((suite, k)) for k in ["ctp", "ctest", "shards"] + PEERS}
            x = {k: (None if v is None else v / ideal) for k, v in vals.items()}
            r.extra[f"{suite}_ideal"] = ideal
            cells = {"ctp": x["ctp"], **{fw: x[fw] for fw in PEERS}}
            self.row("4 parallel (wall / ideal)", label + " (peers serial)", cells, unit="x",
                     target="ctp <= 1.05 x ideal", passed=None if x["ctp"] is None else x["ctp"] <= 1.05)
            self.row("4 parallel (wall / ideal)", f"  {suite}: GoogleTest via ctest -j{jobs} (process per test)",
                     {"ctp": x["ctp"], "gtest": x["ctest"]}, unit="x")
            self.row("4 parallel (wall / ideal)", f"  {suite}: GoogleTest in {jobs} shards by hand",
                     {"ctp": x["ctp"], "gtest": x["shards"]}, unit="x")
            r.notes.append(f"{suite} suite medians (s): " + ", ".join(
                f"{k} {v:.3f}" for k, v in vals.items() if v is not None))
            cpu = r.median((suite, "ctp"), "cpu")
            if cpu is not None and vals["ctp"]:
                r.notes.append(f"{suite} suite, ctp --parallel {jobs}: {cpu:.2f} s CPU in {vals['ctp']:.2f} s wall; "
                               f"the workers were on a CPU {100 * cpu / (vals['ctp'] * min(jobs, NPROC)):.0f}% "
                               f"of the time they could have been.")

    # ---------------------------------------------------------------- 4b. resource locks
    def section_resources(self):
        """Exclusive groups beside free tests: wall time over the ideal of the constrained
        schedule, the larger of the total work over 8 workers and one group's work."""
        r = self.r
        total = self.n_groups * self.n_per_group + self.n_free
        ideal = max(total * 0.020 / 8, self.n_per_group * 0.020)
        log(f"== resource locks (ideal {ideal:.2f} s)")
        run_rounds(r, [self.case_json(("resources", "ctp"), [self.bin("ctp", "resources"), "--parallel", 8])],
                   self.rounds)
        wall = r.median(("resources", "ctp"))
        x = None if wall is None else wall / ideal
        self.row("9 resource locks (wall / ideal)",
                 f"{total} tests of 20 ms: {self.n_groups} groups of {self.n_per_group} holding "
                 f"ctp::exclusive(\"g0\"..) + {self.n_free} free, ctp --parallel 8; ideal {ideal:.2f} s",
                 {"ctp": x}, unit="x", target="ctp <= 1.05 x ideal", passed=None if x is None else x <= 1.05,
                 ratios=False)
        run = r.median(("resources", "ctp"), "run")
        if wall is not None and run is not None:
            r.notes.append(f"resource locks: ctp {wall:.3f} s wall from process start to exit, {run:.3f} s "
                           f"from the run's own start to its end ({run / ideal:.2f}x the ideal).")

    # ---------------------------------------------------------------- 5. 100k tests
    def section_many(self):
        log(f"== {self.n_many} registered tests")
        r = self.r
        lists = {"ctp": ["--list"], "doctest": ["--list-test-cases"], "gtest": ["--gtest_list_tests"]}
        runs = {"ctp": [], "doctest": [], "gtest": ["--gtest_brief=1"]}
        cases = []
        for fw in ("ctp", "doctest", "gtest"):
            cases.append(self.case(("many-list", fw), [self.bin(fw, "many")] + lists[fw]))
            cases.append(self.case(("many-run", fw), [self.bin(fw, "many")] + runs[fw]))
            cases.append(self.case(("one-run", fw), [self.bin(fw, "one")] + runs[fw]))
        if self.bin("ctp", "many"):
            cases.append(self.case(("many-run", "ctp-p2"), [self.bin("ctp", "many"), "--parallel", "2"]))
        run_rounds(r, cases, self.rounds + 2)
        n = f"{self.n_many // 1000}k"
        sec = "5 many tests"
        for what, field, unit, label in (("many-list", "wall", "s", f"{n} tests: list them (wall s)"),
                                         ("many-run", "wall", "s", f"{n} tests: run them all empty (wall s)"),
                                         ("many-list", "rss", "MiB", f"{n} tests: peak RSS listing (MiB)"),
                                         ("many-run", "rss", "MiB", f"{n} tests: peak RSS running (MiB)")):
            cells = {fw: r.median((what, fw), field) for fw in ("ctp", "doctest", "gtest")}
            if unit == "MiB":
                cells = {k: (None if v is None else v / 1024) for k, v in cells.items()}
            ok = None if None in (cells["ctp"], cells["doctest"]) else cells["ctp"] <= cells["doctest"]
            self.row(sec, label, cells, unit=unit, target="<= doctest", passed=ok)
        p2 = r.median(("many-run", "ctp-p2"))
        if p2 is not None:
            r.notes.append(f"{n} empty tests with ctp --parallel 2: {p2:.3f} s wall.")
        per = []
        for fw in ("ctp", "doctest", "gtest"):
            big, small = r.median(("many-run", fw), "rss"), r.median(("one-run", fw), "rss")
            if None not in (big, small):
                per.append(f"{NAMES[fw]} {(big - small) * 1024 / self.n_many:.0f} B")
        if per:
            r.notes.append(f"Peak RSS per registered test when running ({n} tests minus 1 test): "
                           + ", ".join(per) + ".")

    # ---------------------------------------------------------------- 5b. parameterized, typed
    def section_params(self):
        """One CTP_TEST_P over ctp::range(0, N) against GoogleTest's TEST_P over
        testing::Range(0, N): listing and running the N cases, time and peak memory; then the
        compile instructions of 100 typed tests x 3 types against doctest's TEST_CASE_TEMPLATE."""
        log(f"== {self.n_many} parameter cases, typed tests")
        r = self.r
        lists = {"ctp": ["--list"], "gtest": ["--gtest_list_tests"]}
        runs = {"ctp": [], "gtest": ["--gtest_brief=1"]}
        cases = []
        for fw in ("ctp", "gtest"):
            cases.append(self.case(("params-list", fw), [self.bin(fw, "params")] + lists[fw]))
            cases.append(self.case(("params-run", fw), [self.bin(fw, "params")] + runs[fw]))
        run_rounds(r, cases, self.rounds + 2)
        n = f"{self.n_many // 1000}k" if self.n_many >= 1000 else str(self.n_many)
        sec = "5b parameterized and typed tests"
        for what, field, unit, label in (
                ("params-list", "wall", "s", f"{n} cases of one TEST_P: list them (wall s)"),
                ("params-run", "wall", "s", f"{n} cases of one TEST_P: run them (wall s)"),
                ("params-list", "rss", "MiB", f"{n} cases of one TEST_P: peak RSS listing (MiB)"),
                ("params-run", "rss", "MiB", f"{n} cases of one TEST_P: peak RSS running (MiB)")):
            cells = {fw: r.median((what, fw), field) for fw in ("ctp", "gtest")}
            if unit == "MiB":
                cells = {k: (None if v is None else v / 1024) for k, v in cells.items()}
            ok = None if None in cells.values() else cells["ctp"] <= cells["gtest"]
            self.row(sec, label, cells, unit=unit, target="<= 1.0 x GoogleTest", passed=ok)
        if self.quick or shutil.which("valgrind") is None:
            return
        counts = {}
        for fw in ("ctp", "doctest"):
            src = self.b.source(f"compile_{fw}_typed.cpp", typed_suite(fw, 100))
            cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                   "--trace-children=yes", CXX] + self.b.flags(fw, "-O0") + ["-c", str(src), "-o", "/dev/null"]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            refs = [int(line.split()[-1].replace(",", "")) for line in proc.stderr.splitlines() if "I   refs:" in line]
            counts[fw] = sum(refs) / 1e9 if proc.returncode == 0 and refs else None
        self.row(sec, "compile -O0: 100 typed tests x 3 types, instructions", counts, unit="G",
                 target="<= 1.0 x doctest",
                 passed=None if None in counts.values() else counts["ctp"] <= counts["doctest"])

    # ---------------------------------------------------------------- 10. front ends
    def front_end_missing(self, which):
        """The first file of the front end `which` that include/ lacks, or None."""
        missing = [f for f in FRONT_END_FILES[which] if not (self.b.inc["include"] / f).exists()]
        return "include/" + missing[0] if missing else None

    def front_end_tests(self, fw):
        """How many tests the program of `fw` lists (None if it cannot say): one that runs
        fewer than the 100 is not faster."""
        path = self.bin(fw, "front_end")
        if path is None:
            return None
        gtest = fw.endswith("gtest")
        proc = subprocess.run([str(path), "--gtest_list_tests" if gtest else "--count"],
                              capture_output=True, text=True, timeout=60)
        if gtest:
            return sum(line.startswith("  ") for line in proc.stdout.splitlines())
        try:
            return int(proc.stdout.strip().rsplit(":", 1)[-1])
        except ValueError:
            return None

    def section_front_ends(self):
        """The same 100-test files through ctp's GoogleTest and doctest front ends and through
        the real frameworks: the test file's compile instructions (the main TU apart, without a
        target) and the run time of the 100 tests, serially."""
        log("== front ends")
        r, b = self.r, self.b
        sec = "10 front ends"
        problems = {}  # "gtest"/"doctest" -> why ctp's side has no valid numbers
        for which in FRONT_END_FILES:
            missing = self.front_end_missing(which)
            failed = [e for p, e in b.failed.items() if p.name.startswith(f"ctp-{which}_")]
            tests = None if missing or failed else self.front_end_tests("ctp-" + which)
            if missing:
                problems[which] = f"no {missing}"
            elif failed:
                problems[which] = "ctp's front end did not build"
                first = next((line for line in failed[0].splitlines() if "error" in line), failed[0][:300])
                r.notes.append(f"ctp's {which} front end did not build: `{first.strip()[:300]}`")
            elif tests != 100:
                problems[which] = f"the program lists {tests} tests, not 100"
            if which in problems:
                log(f"   ctp's {which} front end: {problems[which]}")
                self.problems.append(f"ctp's {which} front end: {problems[which]}")
            peer = self.front_end_tests(which)
            if peer != 100:
                r.notes.append(f"Front ends: the real {which} program lists {peer} tests, not 100.")

        cases = [self.case(("front_end", fw), [self.bin(fw, "front_end")])
                 for fw in ("ctp-gtest", "gtest", "ctp-doctest", "doctest")]
        cases.append(self.case(("front_end", "ctp-gtest-p2"), [self.bin("ctp-gtest", "front_end"), "--parallel", "2"]))
        run_rounds(r, cases, 5 * self.rounds)  # a few milliseconds each: many rounds are cheap
        ran = {}  # ms
        for fw in ("ctp-gtest", "gtest", "ctp-doctest", "doctest", "ctp-gtest-p2"):
            wall = r.median(("front_end", fw))
            ran[fw] = None if wall is None else wall * 1000

        counted = not self.quick and shutil.which("valgrind") is not None
        instructions = {}
        if counted:
            log("   instructions (cachegrind; a few minutes)")
            jobs = {}
            for which, text in (("gtest", gtest_style_suite()), ("doctest", doctest_style_suite())):
                src = b.source(f"front_end_{which}.cpp", text)
                for fw in (which, "ctp-" + which):
                    jobs[("tests", fw)] = b.flags(fw, "-O0") + ["-c", str(src)]
            for fw, text in FRONT_END_MAIN.items():
                jobs[("main", fw)] = b.flags(fw, "-O0") + ["-c", str(b.source(f"front_end_main_{fw}.cpp", text))]
            jobs = {key: flags for key, flags in jobs.items()
                    if not (key[1].startswith("ctp-") and self.front_end_missing(key[1].removeprefix("ctp-")))}
            with concurrent.futures.ThreadPoolExecutor(max_workers=NPROC) as pool:
                futures = {key: pool.submit(count_instructions, flags) for key, flags in jobs.items()}
                instructions = {key: future.result() for key, future in futures.items()}
        else:
            r.notes.append("No instruction counts for the front ends: they need valgrind and a full run.")

        def verdict(which, cells, peer, budget):
            if which in problems or cells["ctp"] is None:
                return False
            return None if cells[peer] is None else cells["ctp"] <= budget * cells[peer]

        def label(text, which):
            return text + (f" [ctp: {problems[which]}]" if which in problems else "")

        if counted:
            cells = {"ctp": instructions.get(("tests", "ctp-gtest")), "gtest": instructions.get(("tests", "gtest"))}
            self.row(sec, label("compile -O0: 100 GoogleTest-style tests (TEST, TEST_F, TEST_P), "
                                "#include <gtest/gtest.h>, instructions", "gtest"),
                     cells, unit="G", target="<= 0.5 x GoogleTest", passed=verdict("gtest", cells, "gtest", 0.5))
            self.row(sec, "  the main TU: ctp's gtest_main.cpp (GoogleTest's is the prebuilt -lgtest_main)",
                     {"ctp": instructions.get(("main", "ctp-gtest"))}, unit="G", ratios=False)
        cells = {"ctp": ran["ctp-gtest"], "gtest": ran["gtest"]}
        self.row(sec, label("100 GoogleTest-style tests, serial (wall ms)", "gtest"), cells, unit="ms",
                 target="<= 1.0 x GoogleTest", passed=verdict("gtest", cells, "gtest", 1.0))
        self.row(sec, "  the same, ctp --parallel 2 (wall ms)", {"ctp": ran["ctp-gtest-p2"], "gtest": ran["gtest"]},
                 unit="ms")
        if counted:
            cells = {"ctp": instructions.get(("tests", "ctp-doctest")),
                     "doctest": instructions.get(("tests", "doctest"))}
            self.row(sec, label("compile -O0: 100 doctest-style tests (TEST_CASE, SUBCASE, TEST_SUITE), "
                                "#include <doctest/doctest.h>, instructions", "doctest"),
                     cells, unit="G", target="<= 1.0 x doctest", passed=verdict("doctest", cells, "doctest", 1.0))
            self.row(sec, "  the main TU: DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN",
                     {"ctp": instructions.get(("main", "ctp-doctest")),
                      "doctest": instructions.get(("main", "doctest"))},
                     unit="G")
        cells = {"ctp": ran["ctp-doctest"], "doctest": ran["doctest"]}
        self.row(sec, label("100 doctest-style tests, serial (wall ms)", "doctest"), cells, unit="ms",
                 target="<= 1.0 x doctest", passed=verdict("doctest", cells, "doctest", 1.0))

    # ---------------------------------------------------------------- 6. live servers
    def section_live(self):
        log("== live servers")
        r = self.r
        path = self.bin("ctp", "live_bench")
        if path is None:
            r.notes.append("Live servers: skipped: live server API not available "
                           "(include/ctp/live_server.hpp missing or does not compile).")
            log("skipped: live server API not available")
            return
        budget = "0.3" if self.quick else "1.0"
        samples = []
        for _ in range(1 if self.quick else 3):
            proc = subprocess.run([str(path), budget], capture_output=True, text=True, timeout=120)
            if proc.returncode == 0:
                samples.append(json.loads(proc.stdout))
            else:
                log("live bench failed:", proc.stderr[-1000:])
                self.problems.append("the live-server benchmark failed")
        if samples:
            med = {k: statistics.median(s[k] for s in samples) for k in samples[0]}
            r.extra["live"] = med
            self.row("6 live servers", "ctp::LiveServer start+stop (ms, median of 100)",
                     {"ctp": med["start_stop_us_median"] / 1000}, unit="ms", target="<= 5 ms",
                     passed=med["start_stop_us_median"] <= 5000, ratios=False)
            self.row("6 live servers", "first HTTP request after start (ms)",
                     {"ctp": med["first_request_us"] / 1000}, unit="ms", ratios=False)
            for key, label in (("http_keepalive_rps", "HTTP GET/s, keep-alive, 1 connection"),
                               ("http_new_connection_rps", "HTTP GET/s, ctp::http::get (connection per request)"),
                               ("ws_echo_rps", "WebSocket echo round-trips/s")):
                self.row("6 live servers", label, {"ctp": med[key]}, unit="/s", ratios=False, fmt="{:.0f}")
        # The class as the runner drives it: K live-server classes against K plain serial ones.
        live, plain = self.bin("ctp", "live_live"), self.bin("ctp", "live_plain")
        if live is None or plain is None:
            r.notes.append("Live-server class start+stop through the runner: not measured "
                           "(live_classes suite did not build).")
            return
        proc = subprocess.run([str(live), "-q"], capture_output=True, text=True, timeout=120)
        called = "routes_called=" in proc.stderr and "routes_called=0" not in proc.stderr
        if not called:
            r.notes.append("Live-server class through the runner: LiveServerTestCase does not call "
                           "routes() yet, so no server starts; only ctp::LiveServer was measured.")
            return
        cases = [self.case(("liveclass", "live"), [live, "-q"]), self.case(("liveclass", "plain"), [plain, "-q"])]
        run_rounds(r, cases, 3 if self.quick else 9)
        a, p = r.median(("liveclass", "live")), r.median(("liveclass", "plain"))
        if None not in (a, p):
            per = (a - p) / self.k_live * 1000
            self.row("6 live servers", f"LiveServerTestCase class start+stop via the runner (ms, {self.k_live} classes)",
                     {"ctp": per}, unit="ms", target="<= 5 ms", passed=per <= 5, ratios=False)

    # ---------------------------------------------------------------- 11. HTTP client and server
    def section_http(self):
        log("== http client and server, quiet and beside two CPU burners")
        sec = "11 http client and server"
        path = self.bin("ctp", "http_bench")
        if path is None:
            self.r.notes.append("HTTP client and server: skipped: bench/src/http_bench.cpp did not build.")
            return
        seconds = 0.3 if self.quick else 2.0
        requests = 1000 if self.quick else 10000
        missing = [tool for tool in ("node", "ab") if shutil.which(tool) is None]
        if missing:
            self.r.notes.append(f"HTTP: the Node server's rows skipped: {' and '.join(missing)} not installed.")
        with HttpServers(path, node="node" not in missing) as servers:
            ctp_url, node_url = servers.urls
            port = ctp_url.rsplit(":", 1)[1]
            rates = {}

            def client(argv):
                proc = subprocess.run([str(a) for a in argv], capture_output=True, text=True, timeout=seconds + 60)
                if proc.returncode != 0:
                    self.problems.append(f"http: {argv[0]} {argv[1]} exit {proc.returncode}: {proc.stderr[-300:]}")
                    return None
                out = json.loads(proc.stdout)
                return out["requests"] / out["seconds"]

            def ab(url):
                proc = subprocess.run(["ab", "-q", "-n", str(requests), "-c", "4", url + "/ping"],
                                      capture_output=True, text=True, timeout=300)
                fields = dict(line.split(":", 1) for line in proc.stdout.splitlines() if ":" in line)
                if proc.returncode != 0 or fields.get("Failed requests", "").strip() != "0":
                    self.problems.append(f"http: ab against {url} failed: {proc.stderr[-300:]}")
                    return None
                return float(fields["Requests per second"].split()[0])

            cases = {
                "ctp get": lambda: client([path, "get", ctp_url + "/ping", seconds]),
                "python get": lambda: client([sys.executable, "-c", HTTP_PY_CLIENT, "127.0.0.1", port, seconds]),
                "ctp session": lambda: client([path, "session", ctp_url + "/ping", seconds]),
            }
            if not missing:
                cases["ab ctp"] = lambda: ab(ctp_url)
                cases["ab node"] = lambda: ab(node_url)
            names = list(cases)
            for load in ("quiet", "loaded"):
                with CpuBurners(2 if load == "loaded" else 0):
                    for round_ in range(self.rounds):
                        order = names[round_ % len(names):] + names[:round_ % len(names)]
                        for name in reversed(order) if round_ % 2 else order:
                            rates.setdefault((load, name), []).append(cases[name]())
        # TIME_WAIT left by a long run of each client, against a fresh server (a port of its own).
        long_run = seconds * 5
        time_wait = {}
        for name in ("ctp", "python"):
            with HttpServers(path, node=False) as fresh:
                url = fresh.urls[0]
                argv = [path, "get", url + "/ping", long_run] if name == "ctp" else \
                    [sys.executable, "-c", HTTP_PY_CLIENT, "127.0.0.1", url.rsplit(":", 1)[1], long_run]
                done = client(argv)
                time_wait[name] = (time_wait_sockets(int(url.rsplit(":", 1)[1])), done and done * long_run)

        def median(load, name):
            values = [v for v in rates.get((load, name), []) if v is not None]
            return statistics.median(values) if values else None

        def compare(load, ours, theirs, peer, target):
            a, b = median(load, ours), median(load, theirs)
            ratio = f"{a / b:.2f}x" if a and b else "n/a"
            return {"ctp": a}, f" vs {peer} {fmt_value(b, '/s', '{:.0f}')}/s ({ratio})", \
                None if a is None or b is None else a >= target * b

        self.r.extra["http"] = {f"{load} {name}": median(load, name) for load in ("quiet", "loaded") for name in names}
        for load, where in (("quiet", "quiet"), ("loaded", "beside 2 CPU burners")):
            cells, versus, ok = compare(load, "ctp get", "python get", "Python http.client", 1.0)
            self.row(sec, f"ctp::http::get, a connection per request, {where} (requests/s){versus}", cells,
                     unit="/s", target=">= 1.0 x Python", passed=ok, ratios=False, fmt="{:.0f}")
            session = median(load, "ctp session")
            self.row(sec, f"ctp::http::Session, one keep-alive connection, {where} (requests/s)", {"ctp": session},
                     unit="/s", target=">= 20,000/s" if load == "quiet" else None,
                     passed=None if session is None or load != "quiet" else session >= 20000, ratios=False,
                     fmt="{:.0f}")
            if not missing:
                cells, versus, ok = compare(load, "ab ctp", "ab node", "Node http", 1.0)
                self.row(sec, f"LiveServer new connections, ab -n {requests} -c 4, {where} (requests/s){versus}",
                         cells, unit="/s", target=">= 1.0 x Node", passed=ok, ratios=False, fmt="{:.0f}")
        limit = int(Path("/proc/sys/net/ipv4/tcp_max_tw_buckets").read_text())
        grown, done = time_wait["ctp"]
        py_grown, py_done = time_wait["python"]
        self.row(sec, f"TIME_WAIT sockets left by {done or 0:.0f} ctp::http::get requests "
                      f"(Python http.client: {py_grown} by {py_done or 0:.0f}; kernel limit {limit})",
                 {"ctp": grown}, unit="sockets", target="0", passed=grown == 0 if done else None,
                 ratios=False, fmt="{:.0f}")

    # ---------------------------------------------------------------- 7. assertion vocabulary
    def section_assertions(self):
        log("== assertion vocabulary")
        r = self.r
        cases = []
        for fw in ("ctp", "doctest", "catch2"):
            for suite in ("approx", "info"):
                cases.append(self.case((suite, fw), [self.bin(fw, suite)]))
        run_rounds(r, cases, self.rounds + 2)
        n = f"{self.n_checks // 1000000}M"
        sec = "7 assertion vocabulary"
        for suite, label in (("approx", f"{n} passing CHECK(x == Approx(y)) (wall s)"),
                             ("info", f"{n} passing CHECKs, each under 3 nested INFOs (wall s)")):
            cells = {fw: r.median((suite, fw)) for fw in ("ctp", "doctest", "catch2")}
            self.row(sec, label, cells, target="<= doctest",
                     passed=None if None in (cells["ctp"], cells["doctest"]) else cells["ctp"] <= cells["doctest"])
        if self.quick or shutil.which("valgrind") is None:
            r.notes.append("No instruction counts for the assertion vocabulary: they need valgrind and a full run.")
            return
        log("   instructions (cachegrind; a few minutes)")
        b = self.b
        base = self.build_dir / "base" / BASE_COMMIT
        if not (base / "include").exists():
            base.mkdir(parents=True, exist_ok=True)
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", BASE_COMMIT, "include"],
                                     capture_output=True)
            if archive.returncode == 0:
                subprocess.run(["tar", "-x", "-C", str(base)], input=archive.stdout, check=True)
        jobs = {}
        one = b.source("compile_ctp_1.cpp", compile_suite("ctp", 1))
        for opt in ("-O0", "-O2"):
            jobs[("one", "now", opt)] = b.flags("ctp", opt) + ["-c", str(one)]
            if (base / "include").exists():
                jobs[("one", "base", opt)] = ["-std=c++20", opt, "-I" + str(base / "include"), "-c", str(one)]
            for fw in ("ctp", "doctest", "catch2"):
                if fw == "catch2" and opt == "-O2":
                    continue  # about ten minutes under valgrind by itself
                src = b.source(f"vocabulary_{fw}.cpp", vocabulary_suite(fw, 100))
                jobs[("vocabulary", fw, opt)] = b.flags(fw, opt) + ["-c", str(src)]

        def count(flags):
            cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                   "--trace-children=yes", CXX] + flags + ["-o", "/dev/null"]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            refs = [int(line.split()[-1].replace(",", "")) for line in proc.stderr.splitlines()
                    if "I   refs:" in line]
            return sum(refs) / 1e9 if proc.returncode == 0 and refs else None

        with concurrent.futures.ThreadPoolExecutor(max_workers=NPROC) as pool:
            futures = {key: pool.submit(count, flags) for key, flags in jobs.items()}
            counts = {key: future.result() for key, future in futures.items()}
        for opt in ("-O0", "-O2"):
            cells = {fw: counts.get(("vocabulary", fw, opt)) for fw in ("ctp", "doctest", "catch2")}
            cells = {fw: v for fw, v in cells.items() if v is not None or fw != "catch2"}
            self.row(sec, f"compile {opt}: 100 tests with Approx, INFO, CAPTURE, CHECK_THAT, THROWS_WITH, "
                     "instructions", cells, unit="G", target="<= 1.0 x doctest",
                     passed=None if None in (cells["ctp"], cells["doctest"]) else cells["ctp"] <= cells["doctest"])
            now, before = counts.get(("one", "now", opt)), counts.get(("one", "base", opt))
            self.row(sec, f"compile {opt}: 1 test, instructions, against ctp before the vocabulary "
                     f"({BASE_COMMIT})", {"ctp": now}, unit="G", ratios=False, target="<= 1.05 x before",
                     passed=None if None in (now, before) else now <= 1.05 * before)
            if None not in (now, before):
                r.notes.append(f"1-test file at {opt}: {now:.3f} G instructions now, {before:.3f} G at "
                               f"{BASE_COMMIT}, before the assertion vocabulary ({now / before:.3f}x).")

    # ---------------------------------------------------------------- 8. sub-cases
    def section_subcases(self):
        log("== sub-cases")
        r = self.r
        cases = [self.case(("subcases", fw), [self.bin(fw, "subcases")]) for fw in ("ctp", "doctest")]
        run_rounds(r, cases, self.rounds + 2)
        cells = {fw: r.median(("subcases", fw)) for fw in ("ctp", "doctest")}
        self.row("8 sub-cases", f"{self.n_subcases} tests x 100 leaf sub-cases (a 10x10 nest of SUBCASEs in loops, "
                 "a CHECK in each leaf; wall s)", cells, target="<= 1.0 x doctest",
                 passed=None if None in cells.values() else cells["ctp"] <= cells["doctest"])

    # ---------------------------------------------------------------- 11. browser
    def section_browser(self):
        """ctp::Browser (DevTools protocol on a pipe) against Python Selenium + chromedriver,
        alternated, on one page from one server: a start to the first page loaded, and a find +
        click + read round trip."""
        log("== browser")
        r = self.r
        chromium = os.environ.get("CTP_BROWSER", "/usr/bin/chromium")
        missing = [what for what, ok in ((chromium, os.access(chromium, os.X_OK)),
                                         (BROWSER_DRIVER, os.access(BROWSER_DRIVER, os.X_OK)))
                   if not ok]
        try:
            from selenium import webdriver
            from selenium.webdriver.chrome.options import Options
            from selenium.webdriver.chrome.service import Service
            from selenium.webdriver.common.by import By
        except ImportError:
            missing.append("python3-selenium (for this interpreter)")
        path = self.bin("ctp", "browser_bench")
        if path is None:
            missing.append("bench/src/browser_bench.cpp built (include/ctp/browser.hpp)")
        if missing:
            r.notes.append("Browser: skipped: missing " + ", ".join(missing) +
                           " (apt-get install chromium chromium-driver python3-selenium).")
            log("skipped: missing " + ", ".join(missing))
            return

        import http.server

        class Page(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = BROWSER_PAGE if self.path == "/" else b""
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # a browser that quit with the page loading, or a speculative connection

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"

        def selenium():
            options = Options()
            options.binary_location = chromium
            for flag in BROWSER_FLAGS:
                options.add_argument(flag)
            return webdriver.Chrome(service=Service(BROWSER_DRIVER), options=options)

        def ctp_run(*args):
            proc = subprocess.run([str(path), *args], capture_output=True, text=True, timeout=120)
            if proc.returncode != 0:
                log("browser bench failed:", proc.stderr[-1000:])
                self.problems.append("the browser benchmark failed")
                return None
            return json.loads(proc.stdout)

        def ctp_start():
            out = ctp_run("start", url)
            return out and out["start_ms"]

        def selenium_start():
            begin = time.perf_counter()
            driver = selenium()
            driver.get(url)
            ms = (time.perf_counter() - begin) * 1000
            driver.quit()
            return ms

        def ctp_clicks():
            out = ctp_run("clicks", url, str(clicks))
            return out and out["click_us_median"] / 1000

        def selenium_clicks():
            driver = selenium()
            try:
                driver.get(url)
                times = []
                for i in range(1, clicks + 1):
                    begin = time.perf_counter()
                    driver.find_element(By.CSS_SELECTOR, "#go").click()
                    text = driver.find_element(By.CSS_SELECTOR, "#out").text
                    times.append((time.perf_counter() - begin) * 1000)
                    if text != str(i):
                        raise RuntimeError(f"click {i}: #out shows {text!r}")
                return statistics.median(times)
            finally:
                driver.quit()

        starts, blocks, clicks = (2, 1, 30) if self.quick else (9, 3, 300)
        samples = {"ctp_start": [], "selenium_start": [], "ctp_clicks": [], "selenium_clicks": []}
        try:
            for i in range(starts):  # alternated, the order swapped every other round
                for key, run in (("ctp_start", ctp_start), ("selenium_start", selenium_start))[::1 - 2 * (i % 2)]:
                    samples[key].append(run())
            for i in range(blocks):
                for key, run in (("ctp_clicks", ctp_clicks), ("selenium_clicks", selenium_clicks))[::1 - 2 * (i % 2)]:
                    samples[key].append(run())
        except Exception as error:  # Selenium's own failures: a mismatched driver, a crash
            log("browser bench failed:", error)
            self.problems.append(f"the browser benchmark failed: {error}")
            return
        finally:
            server.shutdown()
        med = {key: None if not values or None in values else statistics.median(values)
               for key, values in samples.items()}
        r.extra["browser"] = med
        sec = "12 browser"
        for what, label, limit in (("start", f"browser start to first page loaded (ms, median of {starts})", 1.0),
                                   ("clicks", f"find + click + read round trip (ms, median of {blocks} x "
                                              f"{clicks})", 0.5)):
            ours, theirs = med["ctp_" + what], med["selenium_" + what]
            if theirs is not None:
                label += f"; Selenium + chromedriver {theirs:.2f} ms" + (
                    f", ctp/Selenium {ours / theirs:.2f}" if ours is not None else "")
            self.row(sec, label, {"ctp": ours}, unit="ms", target=f"<= {limit} x Selenium", ratios=False,
                     passed=None if None in (ours, theirs) else ours <= limit * theirs)
        version = subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout.strip()
        r.notes.append(f"Browser: {version}; ctp::Browser over the DevTools protocol on a pipe against Selenium "
                       f"{webdriver.__version__} with {BROWSER_DRIVER}, the same headless flags, one page from one "
                       "Python http.server; a ctp start is timed inside its process, a Selenium start from "
                       "webdriver.Chrome() with selenium already imported.")

    # ---------------------------------------------------------------- 13. shards by durations
    def section_shards(self):
        """A skewed suite over 4 shards run one after another, each with one worker, so that a
        shard's time is the sum of its tests': hash sharding against --durations-file, recorded
        by one run of the whole suite first. Shown as the slowest shard's wall time over the
        mean of the 4."""
        r, count = self.r, 4
        classes, per_class, class_ms, short, short_ms, long, long_ms = self.shards_shape
        log(f"== {count} shards of a skewed suite, by hash and by recorded durations")
        path = self.bin("ctp", "shards")
        if path is None:
            r.notes.append("shards: skipped: the suite did not build.")
            return
        with tempfile.TemporaryDirectory() as tmp:
            durations = Path(tmp) / "durations.tsv"
            m = measure([str(path), "--parallel", "1", "--durations-file", str(durations)])
            if m["rc"] != 0:
                r.add(("shards-record", "ctp"), m)
                return
            cases = []
            for mode, extra in (("hash", []), ("durations", ["--durations-file", str(durations)])):
                for index in range(1, count + 1):
                    cases.append(self.case(("shards", mode, index),
                                           [path, "--parallel", 1, "--shard", f"{index}/{count}"] + extra))
            run_rounds(r, cases, self.rounds)
        ratio, times = {}, {}
        for mode in ("hash", "durations"):
            walls = [r.median(("shards", mode, index)) for index in range(1, count + 1)]
            if None not in walls:
                times[mode] = walls
                ratio[mode] = max(walls) / statistics.mean(walls)
        total = (classes * per_class * class_ms + short * short_ms + long * long_ms) / 1000
        sec = "13 shards (slowest / mean shard)"
        suite = (f"{classes} classes x {per_class} x {class_ms} ms + {short} x {short_ms} ms + {long} x {long_ms} ms "
                 f"({total:.1f} s of sleep) in {count} shards, one worker each")
        hash_text = "n/a" if "hash" not in ratio else f"{ratio['hash']:.2f}"
        self.row(sec, f"{suite}: --durations-file (hash sharding: {hash_text})", {"ctp": ratio.get("durations")},
                 unit="x", target="<= 1.10", ratios=False,
                 passed=None if "durations" not in ratio else ratio["durations"] <= 1.10)
        self.row(sec, f"{suite}: by hash of the name", {"ctp": ratio.get("hash")}, unit="x", ratios=False)
        for mode, walls in times.items():
            r.notes.append(f"shards by {mode}: " + ", ".join(f"{w:.3f}" for w in walls) + " s wall each.")

    # ---------------------------------------------------------------- driver
    def run(self):
        global RUNSTAT
        start = time.perf_counter()
        RUNSTAT = self.build_dir / "runstat"
        self.build_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run([CXX, "-O2", "-o", str(RUNSTAT), str(BENCH / "src" / "runstat.cpp")], check=True)
        self.r.extra["load_before"] = os.getloadavg()[0]
        self.plan_builds()
        log(f"building into {self.build_dir.relative_to(ROOT)} ...")
        self.b.build()
        ctest_dir = self.build_ctest() if "parallel" in self.sections else None
        build_time = time.perf_counter() - start
        for section in self.sections:
            if section == "parallel":
                self.section_parallel(ctest_dir)
            else:
                getattr(self, "section_" + section)()
        total = time.perf_counter() - start
        self.r.extra["load_after"] = os.getloadavg()[0]
        self.r.extra["build_seconds"] = build_time
        self.r.extra["total_seconds"] = total
        table = render(self.r, self.quick)
        print(table)
        if self.args.no_write and self.r.notes:
            print("\n" + "\n".join("- " + note for note in self.r.notes))
        print(f"\nbuild {build_time:.0f} s, total {total:.0f} s")
        if not self.args.no_write:
            write_markdown(self.r, table, self.quick, build_time, total)
            write_chart(self.r, self.quick)
        self.problems += [f"build failed: {out.name}" for out in self.b.failed]
        self.problems += [f"{key}: exit {samples[0]['rc']}" for key, samples in self.r.samples.items()
                          if any(m["rc"] != 0 for m in samples)]
        return self.problems


# --------------------------------------------------------------------------------------------
# Section 11: HTTP peers

# Python's http.client with a new connection per request, as a test suite written in Python would.
HTTP_PY_CLIENT = """
import http.client, json, sys, time
host, port, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
count, start = 0, time.monotonic()
while time.monotonic() - start < seconds:
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.request("GET", "/ping")
    assert connection.getresponse().read() == b"pong"
    connection.close()
    count += 1
print(json.dumps({"requests": count, "seconds": time.monotonic() - start}))
"""

# Node's http server answering like the ctp one; prints its URL, stops when stdin closes.
NODE_HTTP_SERVER = """
const server = require('http').createServer((request, response) => {
    response.writeHead(200, {'Content-Type': 'text/plain; charset=utf-8'});
    response.end('pong');
});
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
"""


class HttpServers:
    """ctp's LiveServer (http_bench serve) and, when node exists, Node's; urls is (ctp, node or None)."""

    def __init__(self, bench, node):
        self.argvs = [[str(bench), "serve"]] + ([["node", "-e", NODE_HTTP_SERVER]] if node else [])
        self.procs = []

    def __enter__(self):
        urls = []
        for argv in self.argvs:
            proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            self.procs.append(proc)
            urls.append(proc.stdout.readline().strip())
        self.urls = (urls + [None])[:2]
        return self

    def __exit__(self, *exc):
        for proc in self.procs:
            proc.stdin.close()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


class CpuBurners:
    """`count` processes spinning on the CPU beside the benchmark, killed on exit."""

    def __init__(self, count):
        self.count = count
        self.procs = []

    def __enter__(self):
        self.procs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(self.count)]
        if self.procs:
            time.sleep(0.3)
        return self

    def __exit__(self, *exc):
        for proc in self.procs:
            proc.kill()
            proc.wait()


def time_wait_sockets(port):
    """Sockets in TIME_WAIT with `port` at either end (/proc/net/tcp and tcp6, state 06)."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            ports = [int(address.rsplit(":", 1)[1], 16) for address in fields[1:3]]
            count += fields[3] == "06" and port in ports
    return count



def count_instructions(flags):
    """The instructions (G) the compiler executes, driver, cc1plus and assembler together, for
    `CXX flags -o /dev/null` under cachegrind; None if it fails."""
    cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
           "--trace-children=yes", CXX] + flags + ["-o", "/dev/null"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    refs = [int(line.split()[-1].replace(",", "")) for line in proc.stderr.splitlines() if "I   refs:" in line]
    if proc.returncode != 0 or not refs:
        log(f"   instructions of {' '.join(flags)}: failed\n{proc.stderr[-800:]}")
        return None
    return sum(refs) / 1e9


def params_suite(fw, count):
    """One value-parameterized test over 0..count-1."""
    if fw == "ctp":
        return (include(fw) + "#include <ctp/parameterized.hpp>\n"
                f"CTP_TEST_P(Params, check, ctp::range(0, {count})) {{ CTP_CHECK(param >= 0); }}\n")
    return (include(fw) + "class Params : public ::testing::TestWithParam<int> {};\n"
            "TEST_P(Params, check) { EXPECT_GE(GetParam(), 0); }\n"
            f"INSTANTIATE_TEST_SUITE_P(All, Params, ::testing::Range(0, {count}));\n")


def typed_suite(fw, count):
    """`count` typed tests over three types, each with one CHECK."""
    out = [include(fw)]
    for i in range(count):
        if fw == "ctp":
            out.append(f"CTP_TEST_T(Typed, t{i}, int, double, long) {{ TestType v{{}}; CTP_CHECK(v == TestType{{}}); }}\n")
        else:
            out.append(f'TEST_CASE_TEMPLATE("Typed.t{i}", T, int, double, long) {{ T v{{}}; CHECK(v == T{{}}); }}\n')
    return "".join(out)


def live_classes(kind, k):
    out = ["#include <ctp/ctp.hpp>\n#include <atomic>\n#include <cstdio>\n",
           "static std::atomic<int> routes_called{0};\n"
           "static struct Report { ~Report() { std::fprintf(stderr, \"routes_called=%d\\n\", routes_called.load()); } } report;\n"]
    if kind == "live":
        # The file with the main does not include it, so the server compiles here.
        out.append("#if __has_include(<ctp/live_server.hpp>)\n#define CTP_LIVE_SERVER_IMPLEMENT\n"
                   "#include <ctp/live_server.hpp>\n#endif\n")
    for i in range(k):
        if kind == "live":
            out.append(f"struct Live{i} : ctp::LiveServerTestCase {{\n"
                       "    static void routes(ctp::Router& router) {\n        ++routes_called;\n"
                       "        router.get(\"/ping\", [](const ctp::Request&) { return ctp::Response::text(\"pong\"); });\n"
                       "    }\n};\n")
        else:
            out.append(f"struct Live{i} : ctp::SerialTestCase {{}};\n")
        out.append(f"CTP_TEST_F(Live{i}, t) {{}}\n")
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Existing suites through ctp's front ends: one GoogleTest-style and one doctest-style file of
# 100 tests, the same text compiled through ctp's front end (its shim include directory) and
# through the real framework's header.

# The files each front end must provide under include/, first the header the test file
# includes: without them the section shows the rows failed, naming the missing file.
FRONT_END_FILES = {
    "gtest": ["ctp/compat/gtest/gtest/gtest.h", "ctp/compat/gtest_main.cpp"],
    "doctest": ["ctp/compat/doctest/doctest/doctest.h"],
}
# The main TU of each program: ctp's gtest_main.cpp, doctest's implementation with its main
# (the same text for both doctests; GoogleTest's is the prebuilt -lgtest_main).
FRONT_END_MAIN = {
    "ctp-gtest": "#include <ctp/compat/gtest_main.cpp>\n",
    "ctp-doctest": "#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN\n#include <doctest/doctest.h>\n",
    "doctest": "#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN\n#include <doctest/doctest.h>\n",
}

# A little work for each test, the same in both: a sum over a volatile the optimiser cannot
# fold into a closed form (about 1,000 loads), and input that throws.
FRONT_END_WORK = r"""#include <stdexcept>
#include <string>
#include <vector>
namespace work {
inline volatile long zero = 0;
inline long sum_to(long n) {
    long s = 0;
    for (long i = 1; i <= n; ++i) s += i + zero;
    return s;
}
inline int parse_count(int n) {
    if (n < 0) throw std::invalid_argument("negative count");
    return n;
}
}  // namespace work
"""


def gtest_style_suite(tests=100, per_fixture=15, params=10):
    """`tests` GoogleTest tests as users write them: plain TESTs, two TEST_F fixtures with
    SetUp, one TEST_P instantiated over `params` values; assertions with `<<` messages."""
    out = ["#include <gtest/gtest.h>\n#include <cmath>\n", FRONT_END_WORK, """
class Squares : public ::testing::Test {
protected:
    void SetUp() override {
        for (int i = 0; i < 64; ++i) values.push_back(i * i);
    }
    std::vector<int> values;
};

class Label : public ::testing::Test {
protected:
    void SetUp() override { text = "front end " + std::to_string(work::sum_to(100)); }
    std::string text;
};

class Sums : public ::testing::TestWithParam<int> {};

TEST_P(Sums, closed_form) {
    const long n = 1000 + GetParam();
    EXPECT_EQ(work::sum_to(n), n * (n + 1) / 2) << "n = " << n;
    EXPECT_NE(work::parse_count(GetParam()), -1);
}
""", f"INSTANTIATE_TEST_SUITE_P(Range, Sums, ::testing::Range(0, {params}));\n"]
    for i in range(per_fixture):
        out.append(f"""
TEST_F(Squares, element_{i}) {{
    ASSERT_EQ(values.size(), 64u) << "SetUp filled the vector";
    EXPECT_EQ(values[{i}], {i * i}) << "square of " << {i};
    EXPECT_LT(values[{i}], values[{i + 1}]);
    EXPECT_GT(work::sum_to(1000 + {i}), 0L);
}}
""")
        out.append(f"""
TEST_F(Label, text_{i}) {{
    ASSERT_FALSE(text.empty());
    EXPECT_STREQ(text.substr(0, 9).c_str(), "front end") << "label was " << text;
    EXPECT_EQ(text.size(), 14u);
    EXPECT_LE(work::sum_to(1000 + {i}), 1000000L);
}}
""")
    for i in range(tests - 2 * per_fixture - params):
        out.append(f"""
TEST(Arithmetic, sum_{i}) {{
    const long n = 1000 + {i};
    const long s = work::sum_to(n);
    EXPECT_EQ(s, n * (n + 1) / 2) << "sum of 1.." << n;
    ASSERT_TRUE(s > n) << "the sum outgrows its last term";
    EXPECT_NEAR(std::sqrt(static_cast<double>(s)), std::sqrt(n * (n + 1) / 2.0), 1e-9) << "n = " << n;
    EXPECT_STREQ(std::to_string({i}).c_str(), "{i}");
    EXPECT_GE(work::parse_count({i}), 0);
}}
""")
    return "".join(out)


def doctest_style_suite(tests=100, in_suite=20, subcases_every=4):
    """`tests` doctest test cases as users write them: free-text names, every
    `subcases_every`-th with two SUBCASEs, the last `in_suite` inside one TEST_SUITE."""
    out = ["#include <doctest/doctest.h>\n", FRONT_END_WORK]

    def case(i):
        if i % subcases_every == 0:
            return f"""
TEST_CASE("vector of squares #{i}: grows, then sums (with sub-cases)") {{
    std::vector<long> v;
    for (long k = 0; k < 16; ++k) v.push_back(k * k);
    SUBCASE("push the sum of 1..n") {{
        v.push_back(work::sum_to(1000 + {i}));
        CHECK(v.size() == 17u);
        CHECK_EQ(v.back(), (1000L + {i}) * (1001L + {i}) / 2);
    }}
    SUBCASE("squares stay in place") {{
        REQUIRE(v.size() == 16u);
        CHECK_EQ(v[{i % 16}], {(i % 16) ** 2}L);
        CHECK_THROWS_AS(work::parse_count(-{i} - 1), std::invalid_argument);
    }}
}}
"""
        return f"""
TEST_CASE("sum of 1..n, case #{i}: the closed form holds") {{
    const long n = 1000 + {i};
    const long s = work::sum_to(n);
    CHECK(s == n * (n + 1) / 2);
    REQUIRE(s > n);
    CHECK_EQ(std::to_string({i}), "{i}");
    CHECK_THROWS_AS(work::parse_count(-{i} - 1), std::invalid_argument);
    CHECK(work::parse_count({i}) == {i});
}}
"""
    out += [case(i) for i in range(tests - in_suite)]
    out.append('\nTEST_SUITE("containers") {\n')
    out += [case(i) for i in range(tests - in_suite, tests)]
    out.append("}\n")
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Output

def fmt_value(v, unit, fmt=None):
    if v is None:
        return "error"
    if fmt:
        return fmt.format(v)
    if unit == "x":
        return f"{v:.2f}x"
    if unit in ("MiB",):
        return f"{v:.1f}"
    if unit == "ms":
        return f"{v:.2f}"
    return f"{v:.3f}"


def render(results, quick):
    cols = ["ctp"] + PEERS
    head = ["benchmark", "unit"] + [NAMES[c] for c in cols] + [f"ctp/{NAMES[p]}" for p in PEERS] + ["target", "status"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    section = None
    for row in results.rows:
        if row["section"] != section:
            section = row["section"]
            lines.append(f"| **{section}** |" + " |" * (len(head) - 1))
        cells = row["cells"]
        vals = [fmt_value(cells[c], row["unit"], row["fmt"]) if c in cells else "" for c in cols]
        ratios = []
        for p in PEERS:
            a, b = cells.get("ctp"), cells.get(p)
            ratios.append(f"{a / b:.2f}" if row["ratios"] and a is not None and b else "")
        status = "-" if quick or row["passed"] is None and not row["target"] else \
            ("PASS" if row["passed"] else "MISS" if row["passed"] is False else "n/a")
        if not row["target"]:
            status = ""
        lines.append("| " + " | ".join([row["label"], row["unit"]] + vals + ratios + [row["target"], status]) + " |")
    return "\n".join(lines)


def write_markdown(results, table, quick, build_time, total):
    path = BENCH / ("results-quick.md" if quick else "results.md")
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    gxx = subprocess.run([CXX, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    text = [f"# ctp benchmark results{' (quick mode)' if quick else ''}\n",
            f"Generated by `bench/run.py{' --quick' if quick else ''}` on {time.strftime('%Y-%m-%d')}: "
            f"{NPROC} CPUs ({cpu}), {gxx}, {platform.system()} {platform.release()}. "
            f"Build {build_time:.0f} s, total {total:.0f} s. Load average (1 min) "
            f"{results.extra.get('load_before', 0):.1f} before, {results.extra.get('load_after', 0):.1f} after: "
            "anything above the CPU count means other work shared the machine.\n",
            "Medians of several alternated runs. Compile rows are the compiler's CPU time (user+sys), "
            "or the instructions it executed, counted once under cachegrind; "
            "run rows are wall time from process start to exit, output to /dev/null. "
            "Section 4 shows wall time over the ideal (ctp in parallel, the in-process peers serially). "
            "Ratios are ctp/peer: below 1 means ctp is faster or smaller.\n",
            table, "\n## Notes\n"] + [f"- {n}" for n in results.notes] + [
            "\n![results](results.png)\n" if not quick else ""]
    path.write_text("\n".join(text))
    (BENCH / ("results-quick.json" if quick else "results.json")).write_text(json.dumps(
        {"rows": results.rows, "notes": results.notes, "extra": results.extra}, indent=1, default=str))
    log(f"wrote {path.relative_to(ROOT)}")


def write_chart(results, quick=False):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        log("no matplotlib (apt-get install python3-matplotlib; run with /usr/bin/python3): no chart")
        return
    rows = [r for r in results.rows if r["ratios"] and r["cells"].get("ctp") is not None
            and not r["label"].startswith("  ")]
    colors = {"doctest": "#4c72b0", "catch2": "#dd8452", "gtest": "#55a868"}
    fig, axes = plt.subplots(1, 2, figsize=(15, max(5, 0.38 * len(rows) + 1.5)),
                             gridspec_kw={"width_ratios": [3, 2]})
    ax = axes[0]
    ys = list(range(len(rows)))
    height = 0.26
    for i, p in enumerate(PEERS):
        vals = []
        for r in rows:
            a, b = r["cells"].get("ctp"), r["cells"].get(p)
            vals.append(a / b if a is not None and b else 0)
        ax.barh([y + (i - 1) * height for y in ys], vals, height, label=f"ctp / {NAMES[p]}", color=colors[p])
    ax.axvline(1.0, color="black", lw=1)
    ax.set_xscale("log")
    ax.set_yticks(ys)
    ax.set_yticklabels([r["label"][:70] for r in rows], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("ratio ctp / peer (log scale; < 1: ctp faster or smaller)")
    ax.legend(fontsize=8)
    ax.set_title("ctp relative to its peers")
    ax = axes[1]
    prows = [r for r in results.rows if r["section"].startswith("4")]
    labels, vals, cols = [], [], []
    for r in prows:
        suite = "sleep" if "sleep" in r["label"] else "CPU"
        if not r["label"].startswith("  "):
            for k in ["ctp"] + PEERS:
                if r["cells"].get(k) is not None:
                    labels.append(f"{suite}: {NAMES[k]}" + (" --parallel" if k == "ctp" else " serial"))
                    vals.append(r["cells"][k])
                    cols.append("#c44e52" if k == "ctp" else colors[k])
        elif r["cells"].get("gtest") is not None:
            labels.append(f"{suite}: " + ("GoogleTest ctest -j" if "ctest" in r["label"] else "GoogleTest shards"))
            vals.append(r["cells"]["gtest"])
            cols.append("#8172b2")
    ax.barh(range(len(vals)), vals, color=cols)
    ax.axvline(1.05, color="black", lw=1, ls="--")
    ax.set_yticks(range(len(vals)))
    ax.set_yticklabels(labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("wall time / ideal (target for ctp: <= 1.05)")
    ax.set_title("parallel suites")
    fig.tight_layout()
    name = "results-quick.png" if quick else "results.png"
    fig.savefig(BENCH / name, dpi=110)
    log(f"wrote bench/{name}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small suites, one round: a smoke run for CI")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the slow cases (default 3; fast ones get 2 more)")
    parser.add_argument("--many", type=int, default=100000,
                        help="registered tests of section 5 (default 100000; a multiple of 5000)")
    parser.add_argument("--only", help="comma-separated sections: compile,instructions,empty,checks,assertions,subcases,"
                        "parallel,resources,many,params,front_ends,live,http,browser,shards")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 if any suite failed to build or run (never for a missed target)")
    args = parser.parse_args()
    for tool in (CXX, "cmake", "ctest"):
        if shutil.which(tool) is None:
            log(f"missing {tool}")
    problems = Bench(args).run()
    if args.strict and problems:
        log("problems:\n  " + "\n  ".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
