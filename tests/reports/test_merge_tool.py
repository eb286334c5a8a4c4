#!/usr/bin/env python3
"""Checks tools/merge_junit.py on real shard reports: runs merge_suite (a flaky test under
--retries, a skip, an expected failure, output and an attachment, suites spread over shards)
whole and as 3 shards, with --junit-xml and --json, merges the shards' reports and compares
the result with the whole run's.

  test_merge_tool.py --suite merge_suite [--junit-schemas DIR]

Without --junit-schemas (a folder with junit-jenkins.xsd and junit-ant.xsd, third-party
files the repository does not carry), everything else is checked, then it exits with
SKIPPED (77), which CTest and meson report as a skip.
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
TOOL = ROOT / "tools" / "merge_junit.py"
SKIPPED = 77
SHARDS = ("s1", "s2", "s3")


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def run(args, cwd, expect_code):
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd, timeout=300)
    expect(expect_code is None or done.returncode == expect_code,
           f"{' '.join(map(str, args))}: exit {done.returncode}, expected {expect_code}\n{done.stdout}{done.stderr}")
    return done


def merge(work, *args, expect_code=0):
    return run([sys.executable, TOOL, *args], work, expect_code)


def suites(path):
    return {suite.get("name"): suite for suite in ET.parse(path).getroot().iter("testsuite")}


def case_keys(path):
    return sorted((case.get("classname"), case.get("name")) for case in ET.parse(path).iter("testcase"))


def properties(suite):
    return [(p.get("name"), p.get("value")) for p in suite.iterfind("properties/property")]


def validate_junit(path, schemas):
    for schema in ("junit-jenkins.xsd", "junit-ant.xsd"):
        xsd = schemas / schema
        expect(xsd.exists(), f"{xsd} is missing")
        done = subprocess.run(["xmllint", "--noout", "--schema", str(xsd), str(path)], capture_output=True, text=True)
        expect(done.returncode == 0, f"{path.name} is not valid under {schema}:\n{done.stderr}")


def check_junit(work, schemas):
    done = merge(work, "-o", "merged.xml", *(f"{shard}.xml" for shard in SHARDS))
    expect(done.stdout == "merged 3 files: 19 tests, 1 failure, 1 error, 2 skipped, 1 flaky\n",
           f"summary: {done.stdout!r}")
    expect(done.stderr == "", f"stderr: {done.stderr!r}")
    merged, whole = work / "merged.xml", work / "whole.xml"
    if schemas is not None:
        validate_junit(merged, schemas)
    expect(case_keys(merged) == case_keys(whole), "the merged testcases are not the whole run's, each once")
    shard_suites = [suites(work / f"{shard}.xml") for shard in SHARDS]
    expect(all("Outcomes" in s for s in shard_suites), "Outcomes is not spread over the shards: the test proves little")
    merged_suites, whole_suites = suites(merged), suites(whole)
    expect(list(merged_suites) == ["Outcomes", "Spread", "Cart"], f"suites: {list(merged_suites)}")
    for number, (name, suite) in enumerate(merged_suites.items()):
        expect(suite.get("id") == str(number), f"{name}: id {suite.get('id')}")
        for count in ("tests", "failures", "errors", "skipped"):
            expect(suite.get(count) == whole_suites[name].get(count),
                   f"{name}: {count}={suite.get(count)}, the whole run has {whole_suites[name].get(count)}")
        parts = [s[name] for s in shard_suites if name in s]
        seconds = sum(float(part.get("time")) for part in parts)
        expect(suite.get("time") == f"{seconds:.3f}", f"{name}: time {suite.get('time')}")
        expect(suite.get("timestamp") == min(part.get("timestamp") for part in parts), f"{name}: timestamp")
        # The whole run's properties, and the shards' ctp.shard each once.
        shards = [("ctp.shard", part.find("properties/property[@name='ctp.shard']").get("value")) for part in parts]
        expect(sorted(properties(suite)) == sorted(properties(whole_suites[name]) + shards),
               f"{name}: properties {properties(suite)}")
        # The shards' output one after the other, so each test's heading and lines stay together.
        expect(suite.findtext("system-out") == "".join(part.findtext("system-out") for part in parts),
               f"{name}: system-out {suite.findtext('system-out')!r}")
        expect([child.tag for child in suite][0] == "properties" and
               [child.tag for child in suite][-2:] == ["system-out", "system-err"], f"{name}: order of children")
    outcomes = merged_suites["Outcomes"]
    expect(("ctp.flaky", "Outcomes.flaky passed on attempt 2") in properties(outcomes), "flaky property lost")
    cases = {case.get("name"): case for case in outcomes.iter("testcase")}
    expect(cases["skipped"].find("skipped").get("message") == "no GPU <here> & now", "skip message lost")
    expected = cases["expected_to_fail"].find("skipped")
    expect(expected.get("message") == "expected failure" and "CTP_CHECK(2 * 2 == 5)" in expected.text,
           "expected failure lost")
    expect(list(cases["flaky"]) == [], "the flaky test did not pass")
    log = (work / "merge_suite.log").resolve()
    expect(outcomes.findtext("system-out").count(f"--- Outcomes.writes ---\nline from Outcomes.writes\n"
                                                 f"[[ATTACHMENT|{log}]]\n") == 1, "output or attachment lost")
    spread = merged_suites["Spread"].findtext("system-out")
    expect(spread.count("--- Spread.t6 ---\n") == 1 and spread.count("--- Spread.t9 ---\n") == 1, "Spread's output")


def check_json(work, jsonschema):
    schema = json.loads((ROOT / "docs" / "ctp-report.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    done = merge(work, "-o", "merged.json", *(f"{shard}.json" for shard in SHARDS))
    expect(done.stdout == "merged 3 files: 18 tests, 1 failure, 1 error, 1 skipped, 1 expected failure, 1 flaky\n",
           f"summary: {done.stdout!r}")
    merged = json.loads((work / "merged.json").read_text())
    jsonschema.validate(merged, schema, cls=jsonschema.Draft202012Validator)
    whole = json.loads((work / "whole.json").read_text())
    parts = [json.loads((work / f"{shard}.json").read_text()) for shard in SHARDS]
    names = [test["full_name"] for test in merged["tests"]]
    expect(names == [test["full_name"] for part in parts for test in part["tests"]], "tests not in shard order")
    expect(sorted(names) == sorted(test["full_name"] for test in whole["tests"]), "not the whole run's tests, once")
    expect(merged["run"]["counts"] == whole["run"]["counts"],
           f"counts {merged['run']['counts']}, the whole run's {whole['run']['counts']}")
    tests = {test["full_name"]: test for test in merged["tests"]}
    expect(tests["Outcomes.flaky"]["flaky"] and tests["Outcomes.flaky"]["attempts"] == 2, "flaky test lost")
    expect(tests["Outcomes.skipped"]["skip_reason"] == "no GPU <here> & now", "skip reason lost")
    expect(tests["Outcomes.expected_to_fail"]["outcome"] == "expected_failure", "expected failure lost")
    expect(tests["Outcomes.writes"]["attachments"] == [str((work / "merge_suite.log").resolve())], "attachment lost")
    run_ = merged["run"]
    expect(run_["options"] == {**parts[0]["run"]["options"], "shard": None}, f"options {run_['options']}")
    expect(run_["wall_time"] == max(part["run"]["wall_time"] for part in parts), "wall_time is not the slowest's")
    expect(run_["timestamp"] == min(part["run"]["timestamp"] for part in parts), "timestamp is not the earliest")
    expect(run_["successful"] is False and run_["aborted"] is None, "successful or aborted")
    expect([(s["file"], s["shard"], s["tests"]) for s in run_["shards"]] ==
           [(f"{shard}.json", {"index": i + 1, "count": 3}, len(parts[i]["tests"])) for i, shard in enumerate(SHARDS)],
           f"shards {run_['shards']}")
    expect(sum(p["tests"] for p in run_["phases"]) == len(names), f"phases {run_['phases']}")
    # --json whatever the output's name; a missing shard is noted.
    done = merge(work, "--json", "-o", "merged.out", "s1.json", "s3.json")
    expect(done.stderr == "merge_junit.py: note: no report of shard 2/3: the merged report lacks its tests\n",
           f"stderr: {done.stderr!r}")
    jsonschema.validate(json.loads((work / "merged.out").read_text()), schema, cls=jsonschema.Draft202012Validator)
    # Another shard's seed or options: the first file's are kept, and a note says so.
    other = json.loads((work / "s2.json").read_text())
    other["run"]["seed"] = 7
    other["run"]["options"]["parallel"] = 4
    (work / "other.json").write_text(json.dumps(other))
    done = merge(work, "-o", "seeds.json", "s1.json", "other.json", "s3.json")
    expect(done.stderr == "merge_junit.py: note: other.json ran with other options than s1.json; the merged report "
           "has s1.json's\nmerge_junit.py: note: other.json ran with seed 7; the merged report has s1.json's, null\n",
           f"stderr: {done.stderr!r}")


def check_errors(work):
    shutil.copy(work / "s1.xml", work / "again.xml")
    shutil.copy(work / "s1.json", work / "again.json")
    first = ET.parse(work / "s1.xml").find("testsuite/testcase")
    key = f"{first.get('classname')}.{first.get('name')}"
    for extension in ("xml", "json"):
        out = f"duplicates.{extension}"
        done = merge(work, "-o", out, f"s1.{extension}", f"s2.{extension}", f"again.{extension}", expect_code=1)
        lines = done.stderr.splitlines()
        expect(lines[0] == "merge_junit.py: error: tests ran in more than one file (--allow-duplicates keeps them):"
               and lines[1] == f"{key} ran in s1.{extension} and in again.{extension}", f"duplicates: {lines}")
        expect(not (work / out).exists(), f"{out} written despite the error")
        done = merge(work, "--allow-duplicates", "-o", out, f"s1.{extension}", f"again.{extension}")
        expect(done.stdout.startswith("merged 2 files: "), done.stdout)
    (work / "bad.xml").write_text("<testsuites>\n  <testsuite name='x'>\n</testsuites>\n")
    (work / "bad.json").write_text("{\"format\": \"ctp-report\",\n")
    (work / "other.xml").write_text("<html/>\n")
    for args, message in [
        (["s1.xml", "missing.xml"], "missing.xml: No such file or directory"),
        (["s1.xml", "bad.xml"], "bad.xml: not well-formed XML: mismatched tag: line 3, column 2"),
        (["other.xml"], "other.xml: not a JUnit report: its root is <html>, not <testsuites> or <testsuite>"),
        (["--json", "s1.json", "bad.json"], "bad.json: not valid JSON: Expecting property name enclosed in "
                                            "double quotes: line 2 column 1 (char 25)"),
        (["--json", "s1.xml"], "s1.xml: not valid JSON: Expecting value: line 1 column 1 (char 0)"),
    ]:
        done = merge(work, "-o", "out.txt", *args, expect_code=2)
        expect(done.stderr == f"merge_junit.py: error: {message}\n", f"{args}: {done.stderr!r}")
        expect(done.stdout == "" and not (work / "out.txt").exists(), f"{args}: wrote something")
    done = merge(work, "s1.xml", "s2.xml", expect_code=2)
    expect(done.stderr.endswith("merge_junit.py: error: the following arguments are required: -o/--output\n"),
           done.stderr)
    done = merge(work, "-o", "s2.xml", "s1.xml", "s2.xml", expect_code=2)
    expect(done.stderr.endswith("merge_junit.py: error: the output s2.xml is one of the inputs\n"), done.stderr)
    done = merge(work, "--help")
    expect(done.stdout.startswith("usage: merge_junit.py [-h] -o OUT [--json] [--allow-duplicates] IN [IN ...]\n"),
           done.stdout)


def load_jsonschema():
    try:
        import jsonschema
        return jsonschema
    except ImportError:
        # Debian's python3-jsonschema is only visible to Debian's interpreter.
        if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
            os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
        raise CheckFailed("python3-jsonschema is not installed")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--suite", type=pathlib.Path, required=True)
    parser.add_argument("--junit-schemas", type=pathlib.Path,
                        help="folder with junit-jenkins.xsd and junit-ant.xsd")
    args = parser.parse_args()
    suite = args.suite.resolve()
    with tempfile.TemporaryDirectory(prefix="ctp-merge-") as name:
        work = pathlib.Path(name)
        try:
            jsonschema = load_jsonschema()
            (work / "merge_suite.log").write_text("kept with Outcomes.writes\n")
            flags = ["--retries", "2", "--buffer", "-q"]
            run([suite, *flags, "--junit-xml", "whole.xml", "--json", "whole.json"], work, 1)
            for index, shard in enumerate(SHARDS, 1):
                run([suite, *flags, "--shard", f"{index}/3", "--junit-xml", f"{shard}.xml", "--json", f"{shard}.json"],
                    work, None)
            check_junit(work, args.junit_schemas)
            check_json(work, jsonschema)
            check_errors(work)
        except CheckFailed as failure:
            print(f"FAIL merge: {failure}")
            return 1
    if args.junit_schemas is None:
        print("SKIP merge: the rest passed, but the merged JUnit report was not validated against the JUnit "
              "schemas, which are not in the repository: configure with -DCTP_JUNIT_SCHEMAS=DIR (meson: "
              "-Djunit_schemas=DIR), DIR holding junit-jenkins.xsd and junit-ant.xsd")
        return SKIPPED
    print("ok merge")
    return 0


if __name__ == "__main__":
    sys.exit(main())
