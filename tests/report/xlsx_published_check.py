#!/usr/bin/env python3
"""xlsx_published_check.py WORKBOOK PUBLISHED.json — reads the sheet of the
published tables ("Công bố") of a `chiso score -f xlsx` workbook back (its
XML, standard library only) and compares it with `chiso score -f published`
for the same batch, and with the figures worked out by hand for
tests/published/data (Tỉnh Ba 95 %, +25, up one place; rose 2, fell 1;
mean 87 % (+2); A 3, C 2). Prints one line per failed check, exits 1 when
any failed."""
import json
import sys

from xlsx_read import NS, Checks, Workbook, near

book = Workbook(sys.argv[1])
tables = json.load(open(sys.argv[2], encoding="utf-8"))
check = Checks()
names = book.order
check("Công bố" in names, f"a sheet 'Công bố' among {names}")
if "Công bố" not in names:
    sys.exit(1)
sheet = book.sheets["Công bố"]
cells = book.cells("Công bố")


def val(r, c):
    return cells.get((r, c), (None,))[0]


# the block of the first table: its heading, then the header row
g = tables[0]
head_row = next(r for (r, c), (v, _) in cells.items() if c == 0 and v == "Hạng")
check(val(head_row - 1, 0) == "cấp tỉnh · kỳ 2023 so với kỳ 2022", f"block heading: {val(head_row - 1, 0)!r}")
heads = [val(head_row, c) for c in range(12)]
check(heads == ["Hạng", "Số bậc tăng", "Mã đơn vị", "Đơn vị", "Tỷ lệ", "Thay đổi (điểm %)",
                "LV 1: điểm", "LV 1: thay đổi", "LV 1: số bậc tăng",
                "LV 2: điểm", "LV 2: thay đổi", "LV 2: số bậc tăng"], f"headers: {heads}")
ids = {u["id"] for u in g["units"]}
rows = {val(r, 2): r for (r, c) in cells if c == 2 and r > head_row and val(r, 2) in ids}
check(list(sorted(rows, key=rows.get)) == [u["id"] for u in g["units"]], "a row per unit, by rank")
for u in g["units"]:
    r = rows[u["id"]]
    check(val(r, 0) == float(u["rank"]), f"{u['id']}: rank")
    check(val(r, 3) == u["name"], f"{u['id']}: name")
    check(near(val(r, 4), u["percent"] / 100) and cells[(r, 4)][1].endswith("%"), f"{u['id']}: percent as a percent")
    if u["new"]:
        check(val(r, 1) == "mới" and (r, 5) not in cells, f"{u['id']}: new, no change")
    else:
        check(near(val(r, 1), u["places_gained"]) and near(val(r, 5), u["change"]), f"{u['id']}: changes")
    for k, f in enumerate(u["fields"]):
        col = 6 + 3 * k
        check(near(val(r, col), f["points"]), f"{u['id']} field {f['id']}: points")
        if f["change"] is None:
            check((r, col + 1) not in cells or val(r, col + 1) == "mới", f"{u['id']} field {f['id']}: no change")
        else:
            check(near(val(r, col + 1), f["change"]) and near(val(r, col + 2), f["places_gained"]),
                  f"{u['id']} field {f['id']}: change and places")
# by hand: Tỉnh Ba 95 %, +25, up 1; field 1: 4, +2, up 3; field 2: 5.5, +0.5, down 1
b = rows.get("u3")
check(b is not None and [val(b, c) for c in range(12)] ==
      [3.0, 1.0, "u3", "Tỉnh Ba", 0.95, 25.0, 4.0, 2.0, 3.0, 5.5, 0.5, -1.0], "Tỉnh Ba's row by hand")
summary = {val(r, 0): r for (r, c) in cells if c == 0 and r > max(rows.values())}
check(val(summary.get("Tăng điểm"), 2) == 2.0 and val(summary.get("Giảm điểm"), 2) == 1.0 and
      val(summary.get("Không đổi"), 2) == 1.0, "rose 2, fell 1, unchanged 1")
rise, fall = summary.get("Tăng nhiều nhất"), summary.get("Giảm nhiều nhất")
check(rise is not None and val(rise, 1) == "Tỉnh Ba" and val(rise, 2) == 25.0, "largest rise: Tỉnh Ba +25")
check(fall is not None and val(fall, 1) == "Tỉnh Hai" and val(fall, 2) == -10.0, "largest fall: Tỉnh Hai -10")
m = summary.get("Trung bình")
check(m is not None and near(val(m, 2), 0.87) and val(m, 3) == 2.0, "mean 87 % (+2)")
check(val(summary.get("Trên trung bình"), 2) == 3.0, "3 above the mean")
check([val(summary.get("Xếp loại " + x), 2) for x in "ABCD"] == [3.0, 0.0, 2.0, 0.0], "grades A 3, B 0, C 2, D 0")
ps = sheet.find("m:pageSetup", NS)
check(ps is not None and ps.get("paperSize") == "9" and ps.get("orientation") == "landscape", "A4 landscape")
check.finish("published sheet")
