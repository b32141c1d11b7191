#!/usr/bin/env python3
"""score_python.py [float|fractions] < batch.ndjson > results.csv

The example index (rules/examples/huyen-mini.chiso) scored by a plain
Python loop: one json.loads per line, the five criteria, the deduction,
the total, the percent and the grade; one line "id,points,grade" per unit
(points with at most 6 decimals), "id,error,<why>" for a unit whose
metrics break their declarations. With "fractions", numbers are read and
computed exactly (fractions.Fraction), as chiso computes; with "float"
(the default), as doubles, as most scripts would."""
import json
import sys
from fractions import Fraction

EXACT = len(sys.argv) > 1 and sys.argv[1] == "fractions"
if EXACT:
    num = Fraction
    loads = lambda s: json.loads(s, parse_float=Fraction)
else:
    num = float
    loads = json.loads
PCT = lambda p: num(p) / 100  # a band written in percent
B100, B80, B30, B20, B98, B95 = PCT(100), PCT(80), PCT(30), PCT(20), PCT(98), PCT(95)
QUARTER, HALF = num(1) / 4, num(1) / 2


def text(x):
    """At most 6 decimals, as chiso writes points."""
    if EXACT:
        q = round(x * 10**6) / Fraction(10**6)
        whole, frac = divmod(abs(q.numerator) * 10**6 // q.denominator, 10**6)
        s = ("-" if q < 0 else "") + str(whole)
        return s + ("." + f"{frac:06d}".rstrip("0") if frac else "")
    s = f"{x:.6f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def band(r, high, low, top, mid):
    return top if r >= high else mid if r >= low else 0


def score(sub):
    m = sub["metrics"]
    plan, com, dos, rep, sur = m["plan"], m["communes"], m["dossiers"], m["reports"], m["survey"]
    tasks, done, issued = plan["tasks"], plan["done"], plan["issued_on"]
    total, inspected = com["total"], com["inspected"]
    dtotal, on_time, late, sat = dos["total"], dos["on_time"], rep["late"], sur["satisfaction"]
    # declarations: counts whole and not negative, parts within their wholes, 0..10
    for c in (tasks, done, total, inspected, dtotal, on_time, late):
        if c is not None and (c < 0 or c != int(c)):
            return None
    for part, whole in ((done, tasks), (inspected, total), (on_time, dtotal)):
        if part is not None and whole is not None and part > whole:
            return None
    if sat is not None and not 0 <= sat <= 10:
        return None
    # not applicable (null, or a ratio of 0) scores full points
    c11 = 1 if issued is None or issued <= "2020-12-31" else 0
    c12 = 1 if done is None or not tasks else band(num(done) / num(tasks), B100, B80, 1, HALF)
    c13 = 2 if inspected is None or not total else band(num(inspected) / num(total), B30, B20, 2, 1)
    deduct = 0 if late is None else min(QUARTER * late, 1)
    f1 = min(max(c11 + c12 + c13 - deduct, 0), 4)
    c31 = 4 if on_time is None or not dtotal else band(num(on_time) / num(dtotal), B98, B95, 4, 2)
    c32 = 2 if sat is None else 2 * min(max((num(sat) - 5) / 5, 0), 1)
    points = f1 + c31 + c32
    percent = points / 10 * 100
    grade = "Tốt" if percent >= 80 else "Khá" if percent >= 65 else "Trung bình" if percent >= 50 else "Yếu"
    return points, grade


out = []
for line in sys.stdin:
    if not line.strip():
        continue
    sub = loads(line)
    r = score(sub)
    uid = sub["unit"]["id"]
    out.append(f"{uid},error\n" if r is None else f"{uid},{text(r[0])},{r[1]}\n")
sys.stdout.write("".join(out))
