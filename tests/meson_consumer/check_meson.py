#!/usr/bin/env python3
"""Builds ctp as meson users meet it: dependency('ctp') (and the front ends' 'ctp-gtest',
'ctp-gtest-main', 'ctp-doctest') from a project that has ctp as a subproject, and the installed
ctp.pc (and ctp-gtest.pc, ctp-doctest.pc) through pkg-config. Needs meson, ninja and pkg-config.

  check_meson.py [--compiler CXX]
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def run(args, **kwargs):
    print("$", " ".join(map(str, args)), flush=True)
    subprocess.run([str(a) for a in args], check=True, timeout=600, **kwargs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--compiler", default=os.environ.get("CXX", "c++"))
    args = parser.parse_args()
    for tool in ("meson", "ninja", "pkg-config"):
        if shutil.which(tool) is None:
            print(f"FAIL: {tool} is not installed")
            return 1
    env = dict(os.environ, CXX=args.compiler)
    with tempfile.TemporaryDirectory(prefix="ctp-meson-") as work:
        work = pathlib.Path(work)
        # The consumer, with ctp's source tree as its subproject.
        project = work / "consumer" / "tests" / "meson_consumer"
        shutil.copytree(HERE, project)
        for shared in ("shared", "front_ends"):
            shutil.copytree(HERE.parent / "cmake_consumers" / shared, project.parent / "cmake_consumers" / shared)
        (project / "subprojects").mkdir()
        (project / "subprojects" / "ctp").symlink_to(ROOT, target_is_directory=True)
        run(["meson", "setup", work / "consumer-build", project], env=env)
        run(["meson", "test", "-C", work / "consumer-build", "--print-errorlogs"], env=env)

        # ctp installed into a prefix, used through pkg-config by a plain compiler call.
        prefix = work / "prefix"
        run(["meson", "setup", work / "ctp-build", ROOT, f"--prefix={prefix}"], env=env)
        run(["meson", "install", "-C", work / "ctp-build", "--no-rebuild", "--quiet"], env=env)
        pc_dirs = sorted({str(pc.parent) for pc in prefix.rglob("ctp.pc")})
        if not pc_dirs:
            print("FAIL: ctp.pc was not installed")
            return 1
        env["PKG_CONFIG_PATH"] = os.pathsep.join(pc_dirs)
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "ctp"], env=env, check=True,
                               capture_output=True, text=True).stdout.split()
        program = work / "tiny"
        run([args.compiler, "-std=c++20", HERE / "tiny" / "tiny.cpp", "-o", program, *flags], env=env)
        run([program], env=env)

        # Existing suites through ctp-gtest.pc and ctp-doctest.pc. pkg-config carries no
        # sources: the GoogleTest program compiles the installed gtest_main.cpp it names.
        def pkg_config(*arguments):
            return subprocess.run(["pkg-config", *arguments], env=env, check=True,
                                  capture_output=True, text=True).stdout.split()

        front_ends = HERE.parent / "cmake_consumers" / "front_ends"
        program = work / "gtest_tests"
        run([args.compiler, "-std=c++20", front_ends / "gtest_style_tests.cpp",
             *pkg_config("--variable=gtest_main", "ctp-gtest"), "-o", program,
             *pkg_config("--cflags", "--libs", "ctp-gtest")], env=env)
        run([program, "--gtest_filter=-Broken.*"], env=env)
        program = work / "doctest_tests"
        run([args.compiler, "-std=c++20",
             *(front_ends / name for name in ("doctest_main.cpp", "doctest_quoted.cpp", "doctest_hpp.cpp")),
             "-o", program, *pkg_config("--cflags", "--libs", "ctp-doctest")], env=env)
        run([program, "--test-case-exclude=fails on purpose"], env=env)
    print("ok meson consumer and pkg-config")
    return 0


if __name__ == "__main__":
    sys.exit(main())
