#!/usr/bin/env python3
"""csv_columns.py CSV NDJSON SEP POINT — every cell of a batch's CSV table
against the same batch's NDJSON results, column by column as the header
names them: id, name, level, period, points, maximum, percent, grade,
rank, each field's points and rank (in the block of the version that
scored the unit, the other blocks empty), status, file, errors, note and
each criterion's points. A cell in the wrong column, a column left out
or one too many makes a row differ. Rows come as the CSV puts them: the
units scored in input order, then those in error. Prints each difference;
exits 1 when there is any."""
import csv
import io
import json
import re
import sys
from decimal import Decimal, ROUND_HALF_UP

csv_path, ndjson_path, sep, point = sys.argv[1:5]
problems = []


def problem(msg):
    problems.append(msg)
    if len(problems) <= 20:
        print("DIFF:", msg)


def number(text):
    """A JSON number as the CSV writes it: at most 6 decimals, halves away
    from zero, no zeros at the end, `point` as its mark."""
    d = Decimal(text).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
    s = format(d.normalize(), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    if s == "-0":
        s = "0"
    return s.replace(".", point)


def text(s):
    """A text as the CSV cell reads back: a formula behind an apostrophe."""
    if s is None:
        return ""
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


def rank(r):
    return "" if r is None else str(r)


results = []
with open(ndjson_path, encoding="utf-8") as f:
    for line in f:
        results.append(json.loads(line, parse_float=lambda t: t, parse_int=lambda t: t))
ordered = [r for r in results if r["status"] == "ok"] + [r for r in results if r["status"] != "ok"]

with open(csv_path, encoding="utf-8", newline="") as f:
    raw = f.read()
if not raw.startswith("\ufeff"):
    problem("no BOM")
rows = list(csv.reader(io.StringIO(raw.lstrip("\ufeff")), delimiter=sep))
head, rows = rows[0], rows[1:]
if len(rows) != len(ordered):
    problem(f"{len(rows)} rows for {len(ordered)} results")

status_at = head.index("status")
note_at = head.index("note")
prefix_re = re.compile(r"^(\[[^\]]*\] )?(.*)$")


def split_prefix(h):
    m = prefix_re.match(h)
    return (m.group(1) or ""), m.group(2)


OTHER = ("previous period", "percent change", "rank change", "appraisal points", "appraisal max", "survey points",
         "survey max")
# field columns: between "rank" and status, "P<id> <name>" then "P<id> rank"
fields, franks, leaves = {}, {}, {}
for i, h in enumerate(head[9:status_at], start=9):
    p, rest = split_prefix(h)
    if rest.endswith(" rank") and not rest.endswith(" rank change"):
        franks.setdefault(p, []).append((i, rest[: -len(" rank")]))
    elif rest.endswith(" change") or h in OTHER:
        continue  # the comparison with the previous period and points by origin: other tests
    else:
        fields.setdefault(p, []).append((i, rest))
for i, h in enumerate(head[note_at + 1:], start=note_at + 1):
    p, rest = split_prefix(h)
    leaves.setdefault(p, []).append((i, rest))


def walk(nodes, out):
    for n in nodes:
        if n.get("children"):
            walk(n["children"], out)
        else:
            out.append(n)


for k, (row, r) in enumerate(zip(rows, ordered)):
    where = f"row {k + 2} ({r.get('file')})"
    if len(row) != len(head):
        problem(f"{where}: {len(row)} cells for {len(head)} columns")
        continue
    unit = r.get("unit") or {}
    want = [text(unit.get("id")), text(unit.get("name")), text(unit.get("level")), text(r.get("period"))]
    ok = r["status"] == "ok"
    if ok:
        want += [number(r["points"]), number(r["max"]), number(r["percent"]) if "percent" in r else "",
                 text(r.get("grade")), rank(r.get("rank"))]
    else:
        want += ["", "", "", "", ""]
    for c, (w, h) in enumerate(zip(want, head[:9])):
        if row[c] != w:
            problem(f"{where}: column {h}: {row[c]!r}, not {w!r}")
    # the block of the version that scored the unit, the others empty
    top = r.get("nodes") or []
    mine = None
    for p, cols in fields.items():
        filled = [row[i] for i, _ in cols] + [row[i] for i, _ in franks.get(p, [])] + \
                 [row[i] for i, _ in leaves.get(p, [])]
        if any(filled):
            if mine is not None or not ok:
                problem(f"{where}: a second block of columns filled ({p!r})")
            mine = p
    if ok and mine is None:
        problem(f"{where}: no block of columns filled")
        continue
    if ok:
        cols = fields[mine]
        if [h for _, h in cols] != [f"{n['id']} {n.get('name') or ''}" for n in top]:
            problem(f"{where}: field columns {[h for _, h in cols]} for fields {[n['id'] for n in top]}")
        for (i, h), n in zip(cols, top):
            if row[i] != number(n["points"]):
                problem(f"{where}: column {h}: {row[i]!r}, not the field's {number(n['points'])!r}")
        for (i, fid), n in zip(franks[mine], top):
            w = rank((r.get("field_ranks") or {}).get(n["id"]))
            if fid != n["id"] or row[i] != w:
                problem(f"{where}: column {fid} rank: {row[i]!r}, not {w!r} (field {n['id']})")
        flat = []
        walk(top, flat)
        lcols = leaves.get(mine, [])
        if [h for _, h in lcols] != [f"{n['id']} {n.get('name') or ''}" for n in flat]:
            problem(f"{where}: criteria columns {[h for _, h in lcols]} for {[n['id'] for n in flat]}")
        for (i, h), n in zip(lcols, flat):
            if row[i] != number(n["points"]):
                problem(f"{where}: column {h}: {row[i]!r}, not the criterion's {number(n['points'])!r}")
    note = next((f["message"] for f in r.get("findings") or [] if f.get("kind") == "mostly_null"), None)
    tail = {"status": r["status"], "file": text(r.get("file")),
            "error": text("; ".join(r.get("errors") or [])) if not ok else "", "note": text(note)}
    for c, name in enumerate(("status", "file", "error", "note")):
        if row[status_at + c] != tail[name]:
            problem(f"{where}: column {name}: {row[status_at + c]!r}, not {tail[name]!r}")

print(f"{len(rows)} rows, {len(head)} columns checked; {len(problems)} differences")
sys.exit(1 if problems else 0)
