#!/usr/bin/env python3
"""xlsx_verify_check.py WORKBOOK REPORTS.json — reads the workbook of
`chiso verify -f xlsx` back (its XML, standard library only) and compares
every target row and every summary row with the JSON reports."""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
book = zipfile.ZipFile(sys.argv[1])
reports = json.load(open(sys.argv[2], encoding="utf-8"))
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
print(f"xlsx verify: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
