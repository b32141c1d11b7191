#!/usr/bin/env python3
"""xlsx_appraise_check.py WORKBOOK REPORT.json — reads the workbook of
`chiso appraise -f xlsx` back (its XML, standard library only) and compares
each unit's totals at every step and every criterion's points at each step
with the JSON report."""
import json
import sys

from xlsx_read import Checks, Workbook, near

book = Workbook(sys.argv[1])
report = json.load(open(sys.argv[2], encoding="utf-8"))
cells = book.values
check = Checks()

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
check.finish("xlsx appraise")
