#!/usr/bin/env python3
"""Checks ctp's reports with the tools that consume them (xmllint, prove, tap-parser,
jsonschema) and checks sharding by running every shard of report_suite.

  check_reports.py CHECK --suite report_suite --writer report_writer [--schemas DIR]

CHECK is one of: junit, tap, json, trace, timeline, sharding, merge. A missing tool is a
failure, not a skip: CI installs them (see docs/README-reports.md). The JUnit schemas
(junit-jenkins.xsd, junit-ant.xsd) are third-party files the repository does not carry: without
--schemas, junit, sharding and merge check everything else, then exit with SKIPPED (77), which
CTest and meson report as a skip, naming what was not validated.
"""
import argparse
import html.parser
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SKIPPED = 77


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def tool(name):
    path = shutil.which(name)
    expect(path is not None, f"{name} is not installed")
    return path


def run(args, env=None, expect_code=None):
    done = subprocess.run([str(a) for a in args], capture_output=True, env=env, timeout=300)
    if expect_code is not None:
        expect(done.returncode == expect_code,
               f"{' '.join(map(str, args))}: exit {done.returncode}, expected {expect_code}\n"
               f"{done.stdout.decode(errors='replace')}{done.stderr.decode(errors='replace')}")
    return done


def listed(suite, *args):
    done = run([suite, "--list", "--format", "json", *args], expect_code=0)
    return json.loads(done.stdout)["tests"]


def case_names(report):
    """The tests that a JUnit report's testcases are, in order: a test with sub-cases is a
    testcase per leaf path, named "name / path"."""
    names = []
    for case in ET.parse(report).iter("testcase"):
        name = f"{case.get('classname')}.{case.get('name').split(' / ')[0]}"
        if not names or names[-1] != name or " / " not in case.get("name"):
            names.append(name)
    return names


# The JUnit reports checked only for being well-formed, for want of --schemas.
unvalidated = []


def validate_junit(path, schemas):
    if schemas is None:
        run([tool("xmllint"), "--noout", path], expect_code=0)
        unvalidated.append(path.name)
        return
    for schema in ("junit-jenkins.xsd", "junit-ant.xsd"):
        xsd = schemas / schema
        expect(xsd.exists(), f"{xsd} is missing (pass --schemas)")
        run([tool("xmllint"), "--noout", "--schema", xsd, path], expect_code=0)


def check_junit(args, work):
    report = work / "junit.xml"
    # Shuffled on two workers: the report still lists tests in discovery order.
    run([args.suite, "--parallel", "2", "--shuffle", "7", "-q", "--junit-xml", report], expect_code=1)
    validate_junit(report, args.schemas)
    cases = [(case.get("classname"), case.get("name"), case) for case in ET.parse(report).iter("testcase")]
    order = [test["name"] for test in listed(args.suite)]
    grouped = []
    for suite in dict.fromkeys(name.split(".")[0] for name in order):
        grouped += [name for name in order if name.split(".")[0] == suite]
    expect(case_names(report) == grouped, "testcases are not in discovery order")
    expect([n for c, n, _ in cases if c == "Cart"] ==
           ["totals / empty cart / with <coupon>", "totals / empty cart / without coupon"], "sub-cases")
    for _, _, case in cases:
        expect(re.fullmatch(r"[0-9]+\.[0-9]{3}", case.get("time")), f"bad time {case.get('time')}")
    outcome = {f"{c}.{n}": [child.tag for child in case] for c, n, case in cases}
    expect(outcome["Math.fails_with_markup"] == ["failure"], "Math.fails_with_markup: no failure")
    expect(outcome["Errors.throws"] == ["error"], "Errors.throws: no error")
    expect(outcome["Skips.skipped"] == ["skipped"], "Skips.skipped: not skipped")
    failure = next(case for c, n, case in cases if n == "fails_with_markup").find("failure")
    expect("<tag attr=\"x\"> & 'q' ]]>" in failure.get("message"), "markup not kept in message")
    expect("report_suite.cpp:" in failure.text, "no file:line in the failure")
    tags = [p.get("value") for p in ET.parse(report).iter("property") if p.get("name") == "ctp.tags"]
    expect("Math.adds: fast, <tag attr=\"x\"> & 'q' # caf\u00e9" in tags and "Database.opens: db" in tags,
           f"tags missing from the suites' properties: {tags}")
    # A report of hostile text, captured output and every outcome, made by report_writer.
    hostile = work / "hostile.xml"
    run([args.writer, hostile, work / "h.json", work / "h.trace", work / "h.html", work / "h.tap"],
        expect_code=0)
    validate_junit(hostile, args.schemas)
    outputs = "".join(suite.findtext("system-out") for suite in ET.parse(hostile).iter("testsuite"))
    expect("--- Plain.test_0 ---\nprinted <a href" in outputs, "captured output missing")
    expect(": warning: warned <a href" in outputs, "warnings missing")
    suite_out = "".join(suite.findtext("system-out") for suite in ET.parse(report).iter("testsuite"))
    expect(re.search(r"--- Database\.queries ---\n\S+:\d+: warning: CTP_WARN\(Database::classes == 2\) failed "
                     r"with 1 == 2\n  info: a warning # with <markup> & \"quotes\"\n", suite_out),
           "the suite's warning missing")


def check_tap(args, work):
    tap_parser = HERE / "node_modules" / ".bin" / "tap-parser"
    if not tap_parser.exists():  # the versions package-lock.json pins, from the npm registry
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(HERE)], check=True)
    expect(tap_parser.exists(), f"{tap_parser} is missing: run `npm ci` in {HERE}")
    # A passing selection and the whole (failing) suite; the writer's hostile report too.
    passing = work / "passing.tap"
    passing.write_bytes(run([args.suite, "--reporter", "tap", "-k", "Database.*", "-k", "Spread.*"],
                            expect_code=0).stdout)
    failing = work / "failing.tap"
    failing.write_bytes(run([args.suite, "--reporter", "tap", "--parallel", "2"], expect_code=1).stdout)
    hostile = work / "hostile.tap"
    run([args.writer, work / "h.xml", work / "h.json", work / "h.trace", work / "h.html", hostile],
        expect_code=0)
    expect(passing.read_text().startswith("TAP version 13\n1..13\n"), "no TAP 13 header and plan")
    expect(re.search(r"\nok \d+ - Database\.queries\n# warning: \S+:\d+: CTP_WARN\(Database::classes == 2\) "
                     r"failed with 1 == 2\n#   info: a warning # with <markup> & \"quotes\"\n", passing.read_text()),
           "the warning is not a comment after its test")
    expect(re.search(r"\nok \d+ - Database\.opens\n# tags: db\n", passing.read_text()), "no tags comment")
    for path, ok in ((passing, True), (failing, False), (hostile, False)):
        done = run([tool("prove"), "--exec", "cat", path])
        output = done.stdout.decode(errors="replace")
        expect("Parse errors" not in output, f"prove: parse errors in {path.name}\n{output}")
        expect((done.returncode == 0) == ok, f"prove: exit {done.returncode} for {path.name}\n{output}")
        done = subprocess.run([str(tap_parser), "--strict", "--json"], input=path.read_bytes(),
                              capture_output=True, timeout=120)
        events = json.loads(done.stdout)
        final = next(event[1] for event in events if event[0] == "complete")
        expect(final["ok"] == ok, f"tap-parser --strict: ok={final['ok']} for {path.name}")
        failures = final.get("failures", [])
        expect(all(f.get("tapError") is None for f in failures),
               f"tap-parser --strict: {[f.get('tapError') for f in failures]} in {path.name}")
        if path is failing:
            expect(final["count"] == 20 and final["fail"] == 2 and final["skip"] == 1,
                   f"tap-parser counts: {final}")
            names = sorted(f["name"] for f in failures)
            expect(names == ["Errors.throws", "Math.fails_with_markup"], f"failing tests: {names}")
        if path is hostile:  # an expected failure is a TODO; an unexpected success fails
            expect(final["todo"] == 1, f"tap-parser: the expected failure is no TODO: {final}")
            expect(any(f["name"] == "Plain.unexpected_success" for f in failures),
                   f"tap-parser: the unexpected success does not fail: {failures}")


def load_jsonschema():
    try:
        import jsonschema
        return jsonschema
    except ImportError:
        # Debian's python3-jsonschema is only visible to Debian's interpreter.
        if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
            os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
        raise CheckFailed("python3-jsonschema is not installed")


def check_json(args, work):
    jsonschema = load_jsonschema()
    schema = json.loads((ROOT / "docs" / "ctp-report.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    report = work / "report.json"
    run([args.suite, "--parallel", "2", "--shuffle", "3", "-q", "--json", report], expect_code=1)
    document = json.loads(report.read_text())
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    names = [test["full_name"] for test in document["tests"]]
    expect(names == [test["name"] for test in listed(args.suite)], "tests not in discovery order")
    expect(document["tests"][0]["tags"] == ["fast", "<tag attr=\"x\"> & 'q' # caf\u00e9"], "tags missing")
    expect(all(test["tags"] == ["db"] for test in document["tests"] if test["suite"] == "Database"), "class tags")
    expect(document["run"]["seed"] == 3 and document["run"]["options"]["parallel"] == 2, "run options")
    expect([p["phase"] for p in document["run"]["phases"]] == ["parallel", "serial"], "phases")
    for test in document["tests"]:
        expect(test["start"] <= test["end"], f"{test['full_name']}: ends before it starts")
        serial = test["suite"] == "Browser"
        expect((test["phase"] == "serial") == serial, f"{test['full_name']}: phase {test['phase']}")
        expect(serial == (test["worker"] == 0), f"{test['full_name']}: worker {test['worker']}")
    cart = next(test for test in document["tests"] if test["full_name"] == "Cart.totals")
    expect([(leaf["path"], leaf["outcome"]) for leaf in cart["subcases"]] ==
           [("empty cart / with <coupon>", "passed"), ("empty cart / without coupon", "passed")], "sub-cases")
    hostile = work / "hostile.json"
    run([args.writer, work / "h.xml", hostile, work / "h.trace", work / "h.html", work / "h.tap"],
        expect_code=0)
    document = json.loads(hostile.read_text(encoding="utf-8"))
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    expect(document["run"]["seed"] == 2**64 - 1, "a 64-bit seed lost precision")
    expect("\ufffd" in document["tests"][5]["name"], "invalid UTF-8 not replaced")
    expect(document["tests"][0]["warnings"][0]["message"].startswith("warned <a href"), "warnings missing")
    expect("warnings" not in document["tests"][1], "an empty warnings array")
    expect("subcases" not in document["tests"][1], "an empty subcases array")
    expect(document["tests"][0]["resources"] == [], "resources where none were declared")
    expect(document["tests"][1]["resources"][1] == {"name": "browser", "access": "pool", "size": 2}, "a pool")
    wait = document["waits"][0]
    expect(wait["resource"].startswith("db <a href") and wait["worker"] == 2 and
           wait["test"] == document["tests"][3]["full_name"], f"the wait: {wait}")


def check_trace(args, work):
    trace = work / "trace.json"
    run([args.suite, "--parallel", "2", "-q", "--trace", trace], expect_code=1)
    events = json.loads(trace.read_text())["traceEvents"]
    lanes = {e["tid"]: e["args"]["name"] for e in events if e["name"] == "thread_name"}
    slices = [e for e in events if e["ph"] == "X"]
    expect(len(slices) == 20, f"{len(slices)} slices for 20 tests")
    serial = [lanes[e["tid"]] for e in slices if e["name"].startswith("Browser.")]
    regular = {lanes[e["tid"]] for e in slices if not e["name"].startswith("Browser.")}
    expect(set(serial) == {"serial phase"}, f"serial tests on {serial}")
    expect(regular <= {"worker 1", "worker 2"} and regular, f"regular tests on {regular}")
    outcomes = {e["name"]: e["args"]["outcome"] for e in slices}
    expect(outcomes["Errors.throws"] == "error" and outcomes["Skips.skipped"] == "skipped", "outcomes")


class PageChecker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def check_timeline(args, work):
    page = work / "timeline.html"
    run([args.suite, "--parallel", "2", "-q", "--timeline", page], expect_code=1)
    checker = PageChecker()
    checker.feed(page.read_text(encoding="utf-8"))
    tags = [tag for tag, _ in checker.tags]
    expect("script" not in tags and "link" not in tags and "img" not in tags, "external resources")
    for _, attributes in checker.tags:
        for name in ("src", "href"):
            expect(name not in attributes, f"a {name} attribute")
    expect(tags.count("rect") >= 20 and "svg" in tags, "no SVG slices")
    text = "".join(checker.text)
    for test in listed(args.suite):
        expect(test["name"] in text, f"{test['name']} missing from the page")
    # Which workers took units depends on the schedule: one of the two may get none.
    expect("serial phase" in text and re.search(r"worker [12]\b", text), "lane labels missing")


def check_sharding(args, work):
    everything = [test["name"] for test in listed(args.suite)]
    classes = {}
    seen = []
    for index in (1, 2, 3):
        names = [test["name"] for test in listed(args.suite, "--shard", f"{index}/3")]
        seen += names
        for name in names:
            if name.startswith(("Database.", "Browser.")):
                classes.setdefault(name.split(".")[0], set()).add(index)
        # Each shard runs, serial tests in its own serial phase; the reports say which.
        report = work / f"shard{index}.json"
        run([args.suite, "--shard", f"{index}/3", "--parallel", "2", "-q", "--json", report])
        document = json.loads(report.read_text())
        expect([t["full_name"] for t in document["tests"]] == names, f"shard {index} ran other tests")
        for test in document["tests"]:
            expect((test["phase"] == "serial") == test["full_name"].startswith("Browser."), "phase")
    expect(sorted(seen) == sorted(everything), "the shards' union is not the suite exactly once")
    expect(all(len(shards) == 1 for shards in classes.values()), f"a fixture class was split: {classes}")
    # The same split from GoogleTest's and Bazel's variables (0-based).
    for index in (0, 1, 2):
        flag = [test["name"] for test in listed(args.suite, "--shard", f"{index + 1}/3")]
        env = dict(os.environ, GTEST_TOTAL_SHARDS="3", GTEST_SHARD_INDEX=str(index))
        done = run([args.suite, "--list", "--format", "json"], env=env, expect_code=0)
        expect([t["name"] for t in json.loads(done.stdout)["tests"]] == flag, "GTEST_ shard differs")
        status, xml = work / f"status{index}", work / f"bazel{index}.xml"
        env = dict(os.environ, TEST_TOTAL_SHARDS="3", TEST_SHARD_INDEX=str(index),
                   TEST_SHARD_STATUS_FILE=str(status), XML_OUTPUT_FILE=str(xml))
        run([args.suite, "-q"], env=env)
        expect(status.exists(), "TEST_SHARD_STATUS_FILE not touched")
        validate_junit(xml, args.schemas)
        ran = case_names(xml)
        expect(sorted(ran) == sorted(flag), f"Bazel shard {index} ran {ran}")
    for bad in ("0/3", "4/3", "x", "1/0", "2"):
        done = run([args.suite, "--shard", bad], expect_code=2)
        lines = done.stderr.decode().splitlines()
        expect(len(lines) == 1 and "--shard" in lines[0], f"--shard {bad}: {lines}")
    env = dict(os.environ, GTEST_TOTAL_SHARDS="3", GTEST_SHARD_INDEX="3")
    done = run([args.suite], env=env, expect_code=2)
    expect("GTEST_SHARD_INDEX" in done.stderr.decode(), "bad GTEST_SHARD_INDEX not named")


def check_merge(args, work):
    parts = []
    for index in (1, 2, 3):
        parts.append(work / f"part{index}.xml")
        run([args.suite, "--shard", f"{index}/3", "-q", "--junit-xml", parts[-1]])
    merged = work / "merged.xml"
    run([sys.executable, ROOT / "tools" / "merge_junit.py", "-o", merged, *parts], expect_code=0)
    validate_junit(merged, args.schemas)
    cases = sorted(case_names(merged))
    expect(cases == sorted(t["name"] for t in listed(args.suite)), "merged report lost tests")
    suites = [s.get("name") for s in ET.parse(merged).iter("testsuite")]
    expect(len(suites) == len(set(suites)), f"suites not merged: {suites}")
    totals = {k: sum(int(s.get(k)) for s in ET.parse(merged).iter("testsuite"))
              for k in ("tests", "failures", "errors", "skipped")}
    expect(totals == {"tests": 21, "failures": 1, "errors": 1, "skipped": 1}, f"totals {totals}")


CHECKS = {"junit": check_junit, "tap": check_tap, "json": check_json, "trace": check_trace,
          "timeline": check_timeline, "sharding": check_sharding, "merge": check_merge}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("check", choices=sorted(CHECKS))
    parser.add_argument("--suite", type=pathlib.Path, required=True)
    parser.add_argument("--writer", type=pathlib.Path, required=True)
    parser.add_argument("--schemas", type=pathlib.Path,
                        help="folder with junit-jenkins.xsd and junit-ant.xsd")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ctp-reports-") as work:
        try:
            CHECKS[args.check](args, pathlib.Path(work))
        except CheckFailed as failure:
            print(f"FAIL {args.check}: {failure}")
            return 1
    if unvalidated:
        print(f"SKIP {args.check}: the rest passed, but {', '.join(unvalidated)} were not validated "
              "against the JUnit schemas, which are not in the repository: configure with "
              "-DCTP_JUNIT_SCHEMAS=DIR (meson: -Djunit_schemas=DIR), DIR holding "
              "junit-jenkins.xsd and junit-ant.xsd")
        return SKIPPED
    print(f"ok {args.check}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
