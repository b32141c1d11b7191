#!/usr/bin/env python3
"""xlsx_check.py WORKBOOK RESULTS.json — reads a workbook of `chiso score -f
xlsx` back (its XML, with the standard library only) and compares every
value with the JSON results of the same batch: the ranking, each
criterion's points, the statistics per criterion (recomputed here from the
JSON), the units in error, the provenance and each unit's scorecard. Also
checks what Excel needs to show and print it: number formats, frozen
headers, autofilters, A4 landscape with repeated header rows. Prints one
line per failed check and exits 1 when any failed."""
import json
import os
import re
import sys

from xlsx_read import NS, Checks, Workbook, near

# the published rounding the workbook was made with (--round), 2 by default
DECIMALS = int(os.environ.get("XLSX_DECIMALS", "2"))
PTS = "0." + "0" * DECIMALS if DECIMALS else "0"
PCT = PTS + "%"
check = Checks()
book = Workbook(sys.argv[1])
results = json.load(open(sys.argv[2], encoding="utf-8"))
sheets, order, print_titles, cells = book.sheets, book.order, book.print_titles, book.cells


def page_setup(sheet, frozen, titles):
    x = sheets[sheet]
    ps = x.find("m:pageSetup", NS)
    check(ps is not None and ps.get("paperSize") == "9" and ps.get("orientation") == "landscape",
          f"{sheet}: A4 landscape")
    if frozen:
        pane = x.find(".//m:pane", NS)
        check(pane is not None and pane.get("state") == "frozen", f"{sheet}: header rows frozen")
    if titles:
        idx = str(order.index(sheet))
        check(idx in print_titles, f"{sheet}: header rows repeated on every printed page")
    check(x.find("m:cols", NS) is not None, f"{sheet}: column widths")


ok = [r for r in results if r["status"] == "ok"]
bad = [r for r in results if r["status"] != "ok"]
lang_en = len(sys.argv) > 3 and sys.argv[3] == "en"
L = (lambda vi, en: en) if lang_en else (lambda vi, en: vi)

# --- the ranking
rk = L("Xếp hạng", "Ranking")
check(rk in sheets, "a ranking sheet")
c = cells(rk)
heads = [c.get((2, i), ("",))[0] for i in range(9)]
check(heads == [L("Cấp", "Level"), L("Kỳ", "Period"), L("Hạng", "Rank"), L("Mã đơn vị", "Unit ID"),
                L("Đơn vị", "Unit"), L("Điểm", "Points"), L("Tối đa", "Maximum"), L("Tỷ lệ", "Percent"),
                L("Xếp loại", "Grade")], f"ranking headers: {heads}")
rows = {c[(r, 3)][0]: r for (r, col) in c if col == 3 and r > 2}
check(len(rows) == len(ok), f"ranking: a row per unit scored ({len(rows)} of {len(ok)})")
fields = [n["id"] for n in ok[0]["nodes"]] if ok else []
prev = None
for u in ok:
    r = rows.get(u["unit"]["id"])
    if r is None:
        check(False, f"ranking: {u['unit']['id']} listed")
        continue
    check(near(c[(r, 5)][0], u["points"]) and c[(r, 5)][1] == PTS, f"ranking {u['unit']['id']}: points")
    check(near(c[(r, 6)][0], u["max"]), f"ranking {u['unit']['id']}: maximum")
    check(near(c[(r, 7)][0], u["percent"] / 100) and c[(r, 7)][1] == PCT,
          f"ranking {u['unit']['id']}: percent as a percent")
    check(c[(r, 8)][0] == u["grade"], f"ranking {u['unit']['id']}: grade")
    check(c[(r, 2)][0] == (float(u["rank"]) if u["rank"] else "-"), f"ranking {u['unit']['id']}: rank")
    check(c[(r, 0)][0] == u["unit"].get("level", "") or (r, 0) not in c, f"ranking {u['unit']['id']}: level")
    for i, f in enumerate(fields):
        want = u.get("field_ranks", {}).get(f)
        check(c[(r, 9 + i)][0] == (float(want) if want else "-"), f"ranking {u['unit']['id']}: rank in field {f}")
order_rows = sorted(rows.values())
keys = [(c.get((r, 0), ("",))[0], c.get((r, 1), ("",))[0], c[(r, 2)][0] if c[(r, 2)][0] != "-" else 1e9)
        for r in order_rows]
check(keys == sorted(keys), "ranking: by level, period and rank")
check(sheets[rk].find("m:autoFilter", NS) is not None, "ranking: autofilter")
page_setup(rk, True, True)

# --- a column per criterion under its field
cr = L("Điểm theo tiêu chí", "Points per criterion")
check(cr in sheets, "a sheet with a column per criterion")
c = cells(cr)
merges = [m.get("ref") for m in sheets[cr].iter("{%s}mergeCell" % NS["m"])]
field_heads = {c[(2, col)][0].split(".")[0]: col for (r, col) in c if r == 2 and col >= 7}
check(sorted(field_heads) == sorted(fields), f"criteria: a header over each field {sorted(field_heads)}")
check(len(merges) >= len(fields) + 7, "criteria: fields merged over their criteria, fixed columns over two rows")
leaf_cols = {}
for (r, col), (v, _) in c.items():
    if r == 3 and col >= 7 and isinstance(v, str):
        leaf_cols[v.split(" ")[0]] = col


def walk(nodes):
    for n in nodes:
        yield n
        yield from walk(n.get("children", []))


leaves = [n["id"] for n in walk(ok[0]["nodes"]) if not n.get("children")] if ok else []
check(all(l in leaf_cols for l in leaves), f"criteria: a column for each of the {len(leaves)} criteria")
rows = {c[(r, 3)][0]: r for (r, col) in c if col == 3 and r > 3}
for u in ok:
    r = rows[u["unit"]["id"]]
    for n in walk(u["nodes"]):
        if not n.get("children"):
            check(near(c[(r, leaf_cols[n["id"]])][0], n["points"]), f"criteria {u['unit']['id']} {n['id']}: points")
    for n in u["nodes"]:
        col = max(leaf_cols[x["id"]] for x in walk([n]) if not x.get("children")) + 1
        check(near(c[(r, col)][0], n["points"]), f"criteria {u['unit']['id']}: field {n['id']} total")
    check(near(c[(r, 5)][0], u["points"]), f"criteria {u['unit']['id']}: total")
check(sheets[cr].find("m:autoFilter", NS) is not None, "criteria: autofilter")
page_setup(cr, True, True)

# --- statistics per criterion, recomputed from the JSON
stt = L("Thống kê tiêu chí", "Criteria statistics")
c = cells(stt)
got = {}
for (r, col), (v, _) in c.items():
    if col == 3 and r > 2:
        got[(c.get((r, 0), ("",))[0], c.get((r, 1), ("",))[0], v)] = r
groups = {}
for u in ok:
    groups.setdefault((u["unit"].get("level", ""), u.get("period") or ""), []).append(u)
count = 0
for (level, period), us in groups.items():
    for leaf in leaves:
        scored = full = zero = na = 0
        pts = mx = 0.0
        for u in us:
            n = next(x for x in walk(u["nodes"]) if x["id"] == leaf)
            if n["status"] == "not_applicable" and not (n["points"] == 0 and n["max"] != 0):
                na += 1
                continue
            scored += 1
            pts += n["points"]
            mx += n["max"]
            full += n["max"] != 0 and n["points"] == n["max"]
            zero += n["points"] == 0
        r = got.get((level, period, leaf))
        count += 1
        if r is None:
            check(False, f"statistics: {level} {period} {leaf} listed")
            continue
        check(c[(r, 2)][0] == float(len(us)), f"statistics {leaf}: units")
        if scored:
            check(near(c[(r, 5)][0], pts / scored) and near(c[(r, 6)][0], mx / scored), f"statistics {leaf}: means")
        if mx:
            check(near(c[(r, 7)][0], (mx - pts) / mx) and "%" in c[(r, 7)][1], f"statistics {leaf}: share lost")
        check((c[(r, 8)][0], c[(r, 9)][0], c[(r, 10)][0]) == (float(full), float(zero), float(na)),
              f"statistics {leaf}: full, zero, not applicable")
check(len(got) == count, f"statistics: {count} rows")
page_setup(stt, True, True)

# --- units in error
er = L("Đơn vị lỗi", "Units in error")
check((er in sheets) == bool(bad), "a sheet of units in error when there are some")
if bad:
    c = cells(er)
    texts = [c[(r, 5)][0] for (r, col) in sorted(c) if col == 5 and r > 2]
    check(texts == ["\n".join(b["errors"]) for b in bad], "units in error: every error, in input order")

# --- provenance
pv = L("Nguồn gốc", "Provenance")
c = cells(pv)
vals = [v for (_, v) in sorted(c.items())]
p = results[0]["provenance"]
flat = [v for v, _ in vals]
check(p["rules"] in flat and p["rules_sha256"] in flat and p["engine"] in flat and p["scored_at"] in flat,
      "provenance: rules, SHA-256, engine, time")
check(all(i["sha256"] in flat for i in p["includes"]), "provenance: each include")

def band_form(b):
    """A band as the workbook shows it (as the rules write it: ≥ 95%, còn lại)
    and as the JSON labels it (>= 95%, otherwise), brought to one form."""
    b = b.replace("≥", ">=").replace("≤", "<=").replace("còn lại", "otherwise").replace("đúng", "true")
    return re.sub(r"(\d),(\d)", r"\1.\2", b.replace(" ", ""))


# --- a scorecard per unit
for u in ok:
    name = u["unit"]["id"][:31]
    if name not in sheets:
        check(False, f"scorecard sheet of {name}")
        continue
    c = cells(name)
    check(near(c[(2, 1)][0], u["points"]) and near(c[(3, 1)][0], u["percent"] / 100), f"scorecard {name}: total")
    by_id = {}
    for (r, col), (v, _) in c.items():
        if col == 0 and r > 6 and isinstance(v, str):
            by_id.setdefault(v, r)
    for n in walk(u["nodes"]):
        r = by_id.get(n["id"])
        check(r is not None and near(c[(r, 4)][0], n["points"]) and near(c[(r, 5)][0], n["max"]),
              f"scorecard {name} {n['id']}: points and maximum")
        if r is not None and isinstance(n.get("value"), (int, float)) and not isinstance(n.get("value"), bool):
            check(near(c[(r, 2)][0], n["value"]), f"scorecard {name} {n['id']}: value")
        if r is not None and n.get("band"):
            check(band_form(c[(r, 3)][0]) == band_form(n["band"]), f"scorecard {name} {n['id']}: band {c[(r, 3)][0]}")
    page_setup(name, True, True)
check(len(order) == len(ok) + 4 + (1 if bad else 0), f"sheets: {len(order)}")

check.finish("xlsx")
