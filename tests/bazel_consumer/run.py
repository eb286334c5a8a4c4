#!/usr/bin/env python3
"""Runs a real `bazel test` of tests/bazel_consumer/workspace, offline, and checks what ctp
does under Bazel's test protocol.

The workspace is copied to a temporary directory with a WORKSPACE naming this checkout as
@ctp. Bazel 4 (Debian's bazel-bootstrap) would download rules_cc, rules_java,
remote_coverage_tools and platforms: the first three come from standins/, platforms from the
package's own copy. The suite runs in 4 shards, three times:

1. as it is: every test runs in exactly one shard, each shard's JUnit file is at
   bazel-testlogs/tests/shard_K_of_4/test.xml and valid under both JUnit schemas (with
   --junit-schemas), each shard touched TEST_SHARD_STATUS_FILE, left no
   TEST_PREMATURE_EXIT_FILE (and saw it while its tests ran), wrote its trace and timeline
   to TEST_UNDECLARED_OUTPUTS_DIR and its capture files to TEST_TMPDIR;
2. with --test_filter (TESTBRIDGE_TEST_ONLY): only the matching tests run;
3. with the one failing test enabled: bazel fails, that test's shard alone failed.

Exit code 0 when every check holds, 1 when one fails, 77 (skipped) without bazel.
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SHARDS = 4
PLATFORMS = pathlib.Path("/usr/share/bazel/platforms")  # bazel-bootstrap-data's copy
SCHEMAS = ("junit-jenkins.xsd", "junit-ant.xsd")

failures = []


def expect(condition, message):
    if not condition:
        failures.append(message)
        print(f"FAIL: {message}")
    return condition


def bazel_command(bazel, scratch, *arguments):
    standins = HERE / "standins"
    return [
        bazel,
        "--batch",
        "--nohome_rc",
        "--noworkspace_rc",
        f"--output_user_root={scratch / 'root'}",
        "test",
        "//:tests",
        f"--override_repository=rules_cc={standins / 'rules_cc'}",
        f"--override_repository=rules_java={standins / 'rules_java'}",
        f"--override_repository=remote_coverage_tools={standins / 'remote_coverage_tools'}",
        f"--override_repository=platforms={PLATFORMS}",
        f"--distdir={scratch / 'empty'}",
        "--repository_cache=",
        "--spawn_strategy=standalone",
        "-c",
        "fastbuild",
        "--jobs=2",
        "--nocache_test_results",
        "--test_output=errors",
        *arguments,
    ]


def run_bazel(bazel, scratch, workspace, *arguments):
    command = bazel_command(bazel, scratch, *arguments)
    print("$ " + " ".join(command[:1] + command[5:7] + list(arguments)), flush=True)
    completed = subprocess.run(command, cwd=workspace, capture_output=True, text=True)
    return completed.returncode, completed.stdout + completed.stderr


def shard_directory(workspace, index):
    return workspace / "bazel-testlogs" / "tests" / f"shard_{index}_of_{SHARDS}"


def read_shard(workspace, index):
    """The shard's test cases as {"Suite.name": failed?}, or None without its test.xml."""
    path = shard_directory(workspace, index) / "test.xml"
    if not expect(path.is_file(), f"shard {index}: no {path.relative_to(workspace)}"):
        return None
    cases = {}
    for case in ElementTree.parse(path).getroot().iter("testcase"):
        name = f"{case.get('classname')}.{case.get('name')}"
        expect(name not in cases, f"shard {index}: {name} twice in its test.xml")
        cases[name] = case.find("failure") is not None or case.find("error") is not None
    return cases


def validate(path, schemas):
    for schema in schemas:
        completed = subprocess.run(["xmllint", "--noout", "--schema", str(schema), str(path)], capture_output=True,
                                   text=True)
        expect(completed.returncode == 0, f"{path.name} invalid under {schema.name}: {completed.stderr.strip()}")


def listed_tests(workspace):
    completed = subprocess.run([str(workspace / "bazel-bin" / "tests"), "--list", "--format", "json"],
                               capture_output=True, text=True, check=True, env={"PATH": os.environ.get("PATH", "")})
    return {test["name"] for test in json.loads(completed.stdout)["tests"]}


def check_full_run(workspace, schemas, started):
    everything = listed_tests(workspace)
    expect(len(everything) == 19, f"the consumer lists {len(everything)} tests, not 19")
    ran = {}
    for index in range(1, SHARDS + 1):
        directory = shard_directory(workspace, index)
        cases = read_shard(workspace, index)
        if cases is None:
            continue
        for name in cases:
            expect(name not in ran, f"{name} ran in shards {ran.get(name)} and {index}")
            ran[name] = index
        expect(not any(cases.values()), f"shard {index}: failures in {sorted(n for n, f in cases.items() if f)}")
        if schemas:
            validate(directory / "test.xml", schemas)
        status = directory / "test.shard"
        expect(status.is_file() and status.stat().st_mtime >= started - 1,
               f"shard {index}: TEST_SHARD_STATUS_FILE (test.shard) not touched")
        expect(not (directory / "test.exited_prematurely").exists(),
               f"shard {index}: TEST_PREMATURE_EXIT_FILE left behind")
        outputs = directory / "test.outputs" / "outputs.zip"
        if expect(outputs.is_file(), f"shard {index}: no undeclared outputs ({outputs.name})"):
            with zipfile.ZipFile(outputs) as archive:
                names = set(archive.namelist())
                expect({"trace.json", "timeline.html"} <= names,
                       f"shard {index}: TEST_UNDECLARED_OUTPUTS_DIR holds {sorted(names)}")
                if "trace.json" in names:
                    traced = json.loads(archive.read("trace.json"))
                    text = json.dumps(traced)
                    expect(all(name.split(".", 1)[1] in text for name in cases),
                           f"shard {index}: its trace lacks some of its tests")
    expect(set(ran) == everything, f"tests that ran in no shard: {sorted(everything - set(ran))}; "
                                   f"unknown: {sorted(set(ran) - everything)}")
    for fixture in ("Counter", "Words"):
        shards = {index for name, index in ran.items() if name.startswith(fixture + ".")}
        expect(len(shards) == 1, f"fixture class {fixture} split over shards {sorted(shards)}")
    for name in ("Bazel.temporary_files_in_test_tmpdir", "Bazel.premature_exit_file_exists_while_running"):
        expect(name in ran, f"{name} did not run")
    print(f"ran {len(ran)} tests over {SHARDS} shards: " +
          ", ".join(f"{index}: {sum(1 for i in ran.values() if i == index)}" for index in range(1, SHARDS + 1)))


def check_filtered_run(workspace):
    ran = set()
    for index in range(1, SHARDS + 1):
        ran |= set(read_shard(workspace, index) or {})
    wanted = {"Math.adds", "Math.multiplies", "Math.divides", "Math.compares", "Counter.adds"}
    expect(ran == wanted, f"--test_filter ran {sorted(ran)}, not {sorted(wanted)}")


def check_failing_run(workspace, code, output):
    expect(code == 3, f"bazel test with a failing test exited {code}, not 3 (tests failed)")
    expect(re.search(r"//:tests\s+FAILED in 1 out of 4", output) is not None,
           "bazel does not report exactly 1 of 4 shards failed")
    failed = []
    for index in range(1, SHARDS + 1):
        cases = read_shard(workspace, index) or {}
        if any(cases.values()):
            failed.append(index)
            expect([name for name, bad in cases.items() if bad] == ["Bazel.fails_on_request"],
                   f"shard {index}: other failures than Bazel.fails_on_request")
    expect(len(failed) == 1, f"shards with failures: {failed}")


def make_writable(function, path, _):
    os.chmod(os.path.dirname(path), stat.S_IRWXU)
    if os.path.exists(path) and not os.path.islink(path):
        os.chmod(path, stat.S_IRWXU)
    function(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bazel", default="/usr/bin/bazel", help="the bazel to run (default: /usr/bin/bazel)")
    parser.add_argument("--junit-schemas", type=pathlib.Path,
                        help="directory with junit-jenkins.xsd and junit-ant.xsd to validate each shard's XML")
    parser.add_argument("--keep", action="store_true", help="keep the temporary workspace and output root")
    args = parser.parse_args()
    if not os.access(args.bazel, os.X_OK):
        print(f"skipped: no bazel at {args.bazel}")
        return 77
    if not PLATFORMS.is_dir():
        print(f"skipped: no platforms repository at {PLATFORMS} (Debian's bazel-bootstrap-data)")
        return 77
    schemas = []
    if args.junit_schemas is None:
        print("note: not validating the XML: no --junit-schemas")
    elif not all((args.junit_schemas / name).is_file() for name in SCHEMAS):
        print(f"note: not validating the XML: no {' and '.join(SCHEMAS)} in {args.junit_schemas}")
    elif shutil.which("xmllint") is None:
        print("note: not validating the XML: no xmllint")
    else:
        schemas = [args.junit_schemas / name for name in SCHEMAS]

    scratch = pathlib.Path(tempfile.mkdtemp(prefix="ctp-bazel-"))
    try:
        (scratch / "empty").mkdir()
        workspace = scratch / "workspace"
        shutil.copytree(HERE / "workspace", workspace)
        (workspace / "WORKSPACE").write_text(
            f'workspace(name = "consumer")\n\nlocal_repository(\n    name = "ctp",\n    path = "{ROOT}",\n)\n')

        started = time.time()
        code, output = run_bazel(args.bazel, scratch, workspace)
        if not expect(code == 0, f"bazel test exited {code}"):
            print(output)
        else:
            check_full_run(workspace, schemas, started)

        code, output = run_bazel(args.bazel, scratch, workspace, "--test_filter=Math.*:Counter.adds")
        if not expect(code == 0, f"bazel test --test_filter exited {code}"):
            print(output)
        else:
            check_filtered_run(workspace)

        code, output = run_bazel(args.bazel, scratch, workspace, "--test_env=CTP_BAZEL_FAIL=1")
        check_failing_run(workspace, code, output)
        if failures:
            print(output)
    finally:
        if args.keep:
            print(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, onerror=make_writable)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("OK: bazel test sharded, filtered and failed as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
