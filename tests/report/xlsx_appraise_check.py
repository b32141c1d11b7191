#!/usr/bin/env python3
"""xlsx_appraise_check.py WORKBOOK REPORT.json — reads the workbook of
`chiso appraise -f xlsx` back (its XML, standard library only) and compares
each unit's totals at every step and every criterion's points at each step
with the JSON report."""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
book = zipfile.ZipFile(sys.argv[1])
report = json.load(open(sys.argv[2], encoding="utf-8"))
shared = ["".join(t.text or "" for t in si.iter(M + "t"))
          for si in ET.fromstring(book.read("xl/sharedStrings.xml")).findall(M + "si")]
rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))}
sheets = {}
for s in ET.fromstring(book.read("xl/workbook.xml")).find(M + "sheets"):
    sheets[s.get("name")] = ET.fromstring(book.read("xl/" + rels[s.get(R + "id")].replace("/xl/", "")))


def cells(name):
    out = {}
    for c in sheets[name].iter(M + "c"):
        v = c.find(M + "v")
        if v is None:
            continue
        ref = c.get("r")
        col = 0
        for ch in re.match(r"[A-Z]+", ref).group(0):
            col = col * 26 + ord(ch) - 64
        out[(int(re.search(r"\d+", ref).group(0)) - 1, col - 1)] = \
            shared[int(v.text)] if c.get("t") == "s" else float(v.text)
    return out


failed = passed = 0


def check(ok, what):
    global failed, passed
    passed += bool(ok)
    failed += not ok
    if not ok:
        print("FAIL:", what)


def near(a, b):
    return isinstance(a, float) and abs(a - b) < 1e-9


STAGES = ["claimed", "round1", "round2", "final"]
st = cells("Các bước")
for i, u in enumerate(report["units"]):
    row = 4 + i
    check(st.get((row, 1)) == u["unit"].get("name"), f"steps row {row}: unit")
    for s, stage in enumerate(STAGES):
        t = u.get("totals", {}).get(stage)
        if not t:
            continue
        c = 3 + 5 * s
        check(near(st.get((row, c)), t["points"]), f"{u['unit'].get('id')} {stage}: points")
        check(near(st.get((row, c + 1)), t["percent"] / 100), f"{u['unit'].get('id')} {stage}: percent")
        check(st.get((row, c + 2)) == t.get("grade"), f"{u['unit'].get('id')} {stage}: grade")
        if isinstance(t.get("rank"), int):
            check(st.get((row, c + 3)) == float(t["rank"]), f"{u['unit'].get('id')} {stage}: rank")
cr = cells("Điểm theo tiêu chí")
row = 3
for u in report["units"]:
    for n in u.get("nodes", []):
        check(cr.get((row, 2)) == n["id"], f"criteria row {row}: {n['id']}")
        if isinstance(n.get("claimed"), (int, float)):
            check(near(cr.get((row, 6)), n["claimed"]), f"{u['unit'].get('id')} {n['id']}: claimed")
        for s, stage in enumerate(STAGES[1:], 1):
            v = n.get(stage)
            v = v.get("points") if isinstance(v, dict) else v
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                check(near(cr.get((row, 6 + s)), v), f"{u['unit'].get('id')} {n['id']}: {stage}")
        row += 1
check(row > 3, "some criteria")
print(f"xlsx appraise: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
