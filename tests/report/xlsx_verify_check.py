#!/usr/bin/env python3
"""xlsx_verify_check.py WORKBOOK REPORTS.json — reads the workbook of
`chiso verify -f xlsx` back (its XML, standard library only) and compares
every target row and every summary row with the JSON reports."""
import json
import sys

from xlsx_read import Checks, Workbook

book = Workbook(sys.argv[1])
reports = json.load(open(sys.argv[2], encoding="utf-8"))
cells = book.values
check = Checks()


status = {"met": "đạt", "missed": "không đạt", "not_applicable": "không áp dụng", "missing": "thiếu số liệu",
          "ok": "đạt", "failed": "không đạt", "error": "lỗi"}
t = cells("Chỉ tiêu")
s = cells("Tổng hợp")
row = 3
for r in reports:
    check(s.get((3 + reports.index(r), 5)) == status[r["status"]], f"summary {r.get('file')}: result")
    for k, key in ((6, "met"), (7, "missed"), (8, "not_applicable"), (9, "missing")):
        if "summary" in r:
            check(s.get((3 + reports.index(r), k)) == float(r["summary"][key]), f"summary {r.get('file')}: {key}")
    for tg in r.get("targets", []):
        check(t.get((row, 4)) == tg["id"], f"target row {row}: id {tg['id']}")
        for col, key in ((8, "actual"), (9, "threshold")):
            v = tg.get(key)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                check(abs(t.get((row, col), 1e99) - v) < 1e-9, f"{r.get('file')} {tg['id']}: {key}")
        check(t.get((row, 10)) == status[tg["status"]], f"{r.get('file')} {tg['id']}: result")
        row += 1
check(row > 3, "some targets")
check.finish("xlsx verify")
