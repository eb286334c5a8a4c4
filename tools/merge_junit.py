#!/usr/bin/env python3
"""Merges the reports of a sharded run into one report of the whole run.

  tools/merge_junit.py -o junit.xml shard1.xml shard2.xml shard3.xml
  tools/merge_junit.py -o report.json shard1.json shard2.json shard3.json

JUnit XML: suites with the same name (a suite's tests may be spread over shards) become one
suite, in order of first appearance, with the shards' testcases in the order of the files;
each suite's counts are counted again from its testcases, its time is the sum, its timestamp
the earliest, its properties (ctp.flaky, ctp.tags, ctp.shard...) each once, its system-out and
system-err the shards' texts one after the other. The ids are renumbered, so the result is
valid under the same schemas as ctp's own reports.

ctp's JSON reports (docs/ctp-report.schema.json): the tests one shard after the other, the
counts added up, wall_time the slowest shard's (the shards ran side by side), and each shard's
own timestamp, wall_time and outcome under run.shards. The options and the seed are the first
file's: a note says so when another shard's differ.

A test that two files both ran is an error (exit 1) unless --allow-duplicates. A missing or
unreadable input file is a usage error (exit 2). On success it prints one line:
  merged 3 files: 20 tests, 1 failure, 1 error, 2 skipped
"""
import argparse
import json
import os
import sys
import xml.etree.ElementTree as ET

PROGRAM = "merge_junit.py"


class InputError(Exception):
    """An input file that cannot be read or is not a report: a usage error (exit 2)."""


class DuplicateTests(Exception):
    """Tests that ran in more than one file (exit 1)."""


def note(text):
    print(f"{PROGRAM}: note: {text}", file=sys.stderr)


def plural(count, noun, nouns=None):
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def summary(files, tests, failures, errors, skipped, extra=()):
    parts = [plural(tests, "test"), plural(failures, "failure"), plural(errors, "error"), f"{skipped} skipped"]
    parts += [plural(count, noun, nouns) for count, noun, nouns in extra if count]
    return f"merged {plural(files, 'file')}: {', '.join(parts)}"


def check_duplicates(keys_by_file, allow):
    """keys_by_file: (path, the test names it ran, repeats included); a name in two files is a
    duplicate (a name repeated within one file is a --repeat run)."""
    first = {}
    duplicates = []
    for path, keys in keys_by_file:
        for key in dict.fromkeys(keys):
            if key in first:
                duplicates.append(f"{key} ran in {first[key]} and in {path}")
            else:
                first[key] = path
    if duplicates and not allow:
        shown = duplicates[:10] + ([f"and {len(duplicates) - 10} more"] if len(duplicates) > 10 else [])
        raise DuplicateTests("\n".join(shown))


# JUnit XML


def read_xml(path):
    try:
        root = ET.parse(path).getroot()
    except OSError as error:
        raise InputError(f"{path}: {error.strerror}") from None
    except ET.ParseError as error:
        raise InputError(f"{path}: not well-formed XML: {error}") from None
    if root.tag == "testsuite":
        return [root]
    if root.tag != "testsuites":
        raise InputError(f"{path}: not a JUnit report: its root is <{root.tag}>, not <testsuites> or <testsuite>")
    return root.findall("testsuite")


def merge_junit(paths, allow_duplicates):
    suites = {}  # name -> (attributes, properties, testcases, system-out, system-err, seconds)
    keys_by_file = []
    for path in paths:
        keys = []
        for suite in read_xml(path):
            name = suite.get("name", "")
            if name not in suites:
                suites[name] = (dict(suite.attrib), [], [], [], [], [0.0])
            attributes, properties, cases, out, err, seconds = suites[name]
            attributes["timestamp"] = min(filter(None, (attributes.get("timestamp"), suite.get("timestamp"))),
                                          default=None)
            seconds[0] += float(suite.get("time") or 0)
            for prop in suite.iterfind("properties/property"):
                pair = (prop.get("name"), prop.get("value"))
                if pair not in properties:
                    properties.append(pair)
            for case in suite.iterfind("testcase"):
                cases.append(case)
                keys.append(f"{case.get('classname')}.{case.get('name')}")
            out.append(suite.findtext("system-out") or "")
            err.append(suite.findtext("system-err") or "")
        keys_by_file.append((path, keys))
    check_duplicates(keys_by_file, allow_duplicates)

    root = ET.Element("testsuites")
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped", "flaky"), 0)
    for number, (name, (attributes, properties, cases, out, err, seconds)) in enumerate(suites.items()):
        counts = {
            "tests": len(cases),
            "failures": sum(case.find("failure") is not None for case in cases),
            "errors": sum(case.find("error") is not None for case in cases),
            "skipped": sum(case.find("skipped") is not None for case in cases),
        }
        attributes.update({key: str(value) for key, value in counts.items()})
        attributes.update(id=str(number), time=f"{seconds[0]:.3f}")
        if attributes["timestamp"] is None:
            del attributes["timestamp"]
        suite = ET.SubElement(root, "testsuite", attributes)
        # Each property name together, in order of the names' first appearance.
        order = list(dict.fromkeys(pair[0] for pair in properties))
        props = ET.SubElement(suite, "properties")
        for prop_name, value in sorted(properties, key=lambda pair: order.index(pair[0])):
            ET.SubElement(props, "property", name=prop_name, value=value)
        # Ant's order of children: properties, testcases, system-out, system-err.
        suite.extend(cases)
        ET.SubElement(suite, "system-out").text = "".join(out)
        ET.SubElement(suite, "system-err").text = "".join(err)
        for key, value in counts.items():
            totals[key] += value
        totals["flaky"] += sum(prop_name == "ctp.flaky" for prop_name, _ in properties)
    ET.indent(root, space="  ")
    return root, totals


def write_junit(root, out):
    with open(out, "w", encoding="utf-8") as file:
        file.write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")


# ctp's JSON report

RUN_KEYS = ("timestamp", "options", "seed", "workers", "wall_time", "phases", "counts", "aborted", "successful")


def read_json(path):
    try:
        with open(path, encoding="utf-8") as file:
            document = json.load(file)
    except OSError as error:
        raise InputError(f"{path}: {error.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not valid JSON: {error}") from None
    if not isinstance(document, dict) or document.get("format") != "ctp-report":
        raise InputError(f"{path}: not a ctp JSON report (no \"format\": \"ctp-report\")")
    run = document.get("run")
    missing = [key for key in ("run", "tests", "waits") if key not in document] + [
        f"run.{key}" for key in RUN_KEYS if isinstance(run, dict) and key not in run]
    if missing:
        raise InputError(f"{path}: not a ctp JSON report: no {', '.join(missing)}")
    return document


def merge_json(paths, allow_duplicates):
    documents = [read_json(path) for path in paths]
    check_duplicates([(path, [test["full_name"] + (f" [{test['parameter']}]" if "parameter" in test else "")
                              for test in document["tests"]])
                      for path, document in zip(paths, documents)], allow_duplicates)
    first = documents[0]
    runs = [document["run"] for document in documents]
    for path, document in zip(paths[1:], documents[1:]):
        if document["ctp_version"] != first["ctp_version"]:
            note(f"{path} is from ctp {document['ctp_version']}, {paths[0]} from {first['ctp_version']}")
        options = {**document["run"]["options"], "shard": None}
        if options != {**first["run"]["options"], "shard": None}:
            note(f"{path} ran with other options than {paths[0]}; the merged report has {paths[0]}'s")
        if document["run"]["seed"] != first["run"]["seed"]:
            note(f"{path} ran with seed {json.dumps(document['run']['seed'])}; the merged report has {paths[0]}'s, "
                 f"{json.dumps(first['run']['seed'])}")
    shard_counts = {run["options"]["shard"]["count"] for run in runs if run["options"]["shard"]}
    indices = {run["options"]["shard"]["index"] for run in runs if run["options"]["shard"]}
    if len(shard_counts) == 1:
        count = shard_counts.pop()
        missing = [f"{index}/{count}" for index in range(1, count + 1) if index not in indices]
        if missing:
            note(f"no report of shard {', '.join(missing)}: the merged report lacks its tests")

    phases = []
    for phase in ("parallel", "serial"):
        parts = [part for run in runs for part in run["phases"] if part["phase"] == phase]
        if parts:
            phases.append({"phase": phase, "tests": sum(part["tests"] for part in parts),
                           "start": min(part["start"] for part in parts),
                           "end": max(part["end"] for part in parts)})
    counts = {}
    for run in runs:
        for key, value in run["counts"].items():
            counts[key] = counts.get(key, 0) + value
    aborted = [f"{path}: {run['aborted']}" for path, run in zip(paths, runs) if run["aborted"] is not None]
    merged = {
        "format": first["format"],
        "format_version": first["format_version"],
        "ctp_version": first["ctp_version"],
        "run": {
            "timestamp": min(run["timestamp"] for run in runs),
            "options": {**first["run"]["options"], "shard": None},
            "seed": first["run"]["seed"],
            "workers": max(run["workers"] for run in runs),
            "wall_time": max(run["wall_time"] for run in runs),
            "phases": phases,
            "counts": counts,
            "aborted": "; ".join(aborted) if aborted else None,
            "successful": all(run["successful"] for run in runs),
            "shards": [{"file": path, "shard": run["options"]["shard"], "timestamp": run["timestamp"],
                        "wall_time": run["wall_time"], "tests": len(document["tests"]),
                        "successful": run["successful"]}
                       for path, run, document in zip(paths, runs, documents)],
        },
        "tests": [test for document in documents for test in document["tests"]],
        "waits": [wait for document in documents for wait in document["waits"]],
    }
    totals = {"tests": counts.get("ran", 0), "failures": counts.get("failed", 0), "errors": counts.get("errors", 0),
              "skipped": counts.get("skipped", 0)}
    extra = [(counts.get("expected_failures", 0), "expected failure", None),
             (counts.get("unexpected_successes", 0), "unexpected success", "unexpected successes"),
             (counts.get("flaky", 0), "flaky", "flaky"), (counts.get("not_run", 0), "not run", "not run")]
    return merged, totals, extra


def write_json(document, out):
    with open(out, "w", encoding="utf-8") as file:
        json.dump(document, file, indent=2, ensure_ascii=False)
        file.write("\n")


def main(argv):
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Merge the JUnit XML reports (or ctp's JSON reports) of a sharded run into one report.",
        epilog="The format is JSON with --json or when OUT ends in .json, else JUnit XML. "
        "Prints one line: merged N files: T tests, F failures, E errors, S skipped. "
        "Exit codes: 0 merged, 1 a test ran in two files, 2 usage or an unreadable input file.")
    parser.add_argument("-o", "--output", metavar="OUT", required=True, help="the merged report to write")
    parser.add_argument("inputs", metavar="IN", nargs="+", help="the shards' reports, in shard order")
    parser.add_argument("--json", action="store_true", help="merge ctp's JSON reports (--json PATH)")
    parser.add_argument("--allow-duplicates", action="store_true",
                        help="keep a test that ran in more than one file each time, instead of failing")
    args = parser.parse_args(argv)
    out = args.output
    if any(os.path.exists(path) and os.path.exists(out) and os.path.samefile(path, out) for path in args.inputs):
        parser.error(f"the output {out} is one of the inputs")
    as_json = args.json or out.endswith(".json")
    try:
        if as_json:
            merged, totals, extra = merge_json(args.inputs, args.allow_duplicates)
        else:
            merged, totals = merge_junit(args.inputs, args.allow_duplicates)
            extra = [(totals["flaky"], "flaky", "flaky")]
    except InputError as error:
        print(f"{PROGRAM}: error: {error}", file=sys.stderr)
        return 2
    except DuplicateTests as error:
        print(f"{PROGRAM}: error: tests ran in more than one file (--allow-duplicates keeps them):\n{error}",
              file=sys.stderr)
        return 1
    try:
        (write_json if as_json else write_junit)(merged, out)
    except OSError as error:
        print(f"{PROGRAM}: error: {out}: {error.strerror}", file=sys.stderr)
        return 2
    print(summary(len(args.inputs), totals["tests"], totals["failures"], totals["errors"], totals["skipped"], extra))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
