#!/usr/bin/env python3
"""Merges the JUnit XML reports of a sharded run into one: tools/merge_junit.py OUT IN...

Suites with the same name (a suite's free tests may be spread over shards) become one suite,
in order of first appearance, with their counts and times added up, the earliest timestamp,
and the ids renumbered, so the result is valid under the same schemas as ctp's own reports.
"""
import sys
import xml.etree.ElementTree as ET

COUNTS = ("tests", "failures", "errors", "skipped")


def merge(paths):
    merged = {}
    for path in paths:
        for suite in ET.parse(path).getroot().iter("testsuite"):
            name = suite.get("name")
            if name not in merged:
                merged[name] = suite
                continue
            into = merged[name]
            for count in COUNTS:
                into.set(count, str(int(into.get(count, "0")) + int(suite.get(count, "0"))))
            into.set("time", f"{float(into.get('time', '0')) + float(suite.get('time', '0')):.3f}")
            into.set("timestamp", min(into.get("timestamp"), suite.get("timestamp")))
            # Ant's order of children: properties, testcases, system-out, system-err.
            last_case = [child.tag for child in into].index("system-out")
            for offset, case in enumerate(suite.findall("testcase")):
                into.insert(last_case + offset, case)
            for stream in ("system-out", "system-err"):
                text = suite.findtext(stream) or ""
                into.find(stream).text = (into.find(stream).text or "") + text
    root = ET.Element("testsuites")
    for number, suite in enumerate(merged.values()):
        suite.set("id", str(number))
        root.append(suite)
    ET.indent(root, space="  ")
    return ET.ElementTree(root)


def main(argv):
    if len(argv) < 3:
        print("usage: tools/merge_junit.py OUT IN...", file=sys.stderr)
        return 2
    try:
        tree = merge(argv[2:])
    except (OSError, ET.ParseError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    tree.write(argv[1], encoding="UTF-8", xml_declaration=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
