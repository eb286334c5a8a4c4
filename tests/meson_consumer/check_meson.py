#!/usr/bin/env python3
"""Builds ctp as meson users meet it: dependency('ctp') from a project that has ctp as a
subproject, and the installed ctp.pc through pkg-config. Needs meson, ninja and pkg-config.

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
        shutil.copytree(HERE.parent / "cmake_consumers" / "shared", project.parent / "cmake_consumers" / "shared")
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
    print("ok meson consumer and pkg-config")
    return 0


if __name__ == "__main__":
    sys.exit(main())
