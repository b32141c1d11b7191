#!/usr/bin/env python3
"""xlsx-sheet-html.py WORKBOOK [SHEET] [ROWS] — draws one sheet of a workbook
(the first by default) as an HTML page that looks like a spreadsheet: column
letters, row numbers, the workbook's own column widths, merged cells, bold
cells, the frozen header rows and every number shown through its number
format as Excel set to Vietnamese shows it (decimal comma). Only what is in
the file's XML is drawn (standard library only); used by
scripts/doc-images.sh for the picture of the workbook in the docs."""
import html
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
M = "{%s}" % NS["m"]


def col_index(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def row_index(ref):
    return int(re.search(r"\d+", ref).group(0)) - 1


def letters(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def shown(value, fmt):
    """A number as its format shows it, with the Vietnamese decimal comma."""
    m = re.match(r"^0(?:\.(0+))?(%?)$", fmt or "")
    if fmt in (None, "General") or not m:
        text = ("%.6f" % value).rstrip("0").rstrip(".") if value != int(value) else "%d" % value
    else:
        decimals = len(m.group(1) or "")
        text = "%.*f" % (decimals, value * 100 if m.group(2) else value)
        text += "%" if m.group(2) else ""
    return text.replace(".", ",")


book = zipfile.ZipFile(sys.argv[1])
shared = ["".join(t.text or "" for t in si.iter(M + "t"))
          for si in ET.fromstring(book.read("xl/sharedStrings.xml")).findall("m:si", NS)]
styles = ET.fromstring(book.read("xl/styles.xml"))
numfmts = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.iter(M + "numFmt")}
builtin = {0: "General", 1: "0", 2: "0.00", 9: "0%", 10: "0.00%"}
fonts = [f.find("m:b", NS) is not None for f in styles.find("m:fonts", NS).findall("m:font", NS)]
xfs = [(int(x.get("numFmtId", 0)), int(x.get("fontId", 0))) for x in styles.find("m:cellXfs", NS).findall("m:xf", NS)]
wb = ET.fromstring(book.read("xl/workbook.xml"))
rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))}
names = [(s.get("name"), rels[s.get("{%s}id" % NS["r"])]) for s in wb.find("m:sheets", NS)]
want = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else names[0][0]
max_rows = int(sys.argv[3]) if len(sys.argv) > 3 else 20
target = dict(names)[want]
sheet = ET.fromstring(book.read("xl/" + target.lstrip("/").replace("xl/", "")))

cells = {}
for c in sheet.iter(M + "c"):
    v = c.find("m:v", NS)
    if v is None:
        continue
    num_id, font_id = xfs[int(c.get("s", 0))]
    fmt = numfmts.get(num_id, builtin.get(num_id))
    if c.get("t") == "s":
        text, number = shared[int(v.text)], False
    else:
        text, number = shown(float(v.text), fmt), True
    cells[(row_index(c.get("r")), col_index(c.get("r")))] = (text, number, fonts[font_id])
widths = {}
for col in sheet.iter(M + "col"):
    for i in range(int(col.get("min")) - 1, int(col.get("max"))):
        widths[i] = float(col.get("width", 8.43))
merged = {}
covered = set()
for mc in sheet.iter(M + "mergeCell"):
    a, b = mc.get("ref").split(":")
    r0, c0, r1, c1 = row_index(a), col_index(a), row_index(b), col_index(b)
    merged[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
    covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0))
pane = sheet.find(".//m:pane", NS)
frozen = int(float(pane.get("ySplit", 0))) if pane is not None else 0
ncols = max((c for _, c in cells), default=0) + 1
nrows = min(max((r for r, _ in cells), default=0) + 1, max_rows)

out = ['<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>',
       "body{margin:0;font:12px 'Liberation Serif','Times New Roman',serif;background:#fff}",
       "table{border-collapse:collapse;table-layout:fixed}td,th{border:1px solid #d4d4d4;padding:1px 4px;"
       "white-space:nowrap;overflow:hidden;text-overflow:ellipsis;height:17px}",
       "th{background:#f0f0f0;color:#555;font:11px sans-serif;text-align:center}td.n{text-align:right}",
       "td.b{font-weight:bold}tr.frozen td{border-bottom:2px solid #9ca3af}",
       ".tabs{font:12px sans-serif;padding:4px;background:#f0f0f0;border-top:1px solid #ccc}"
       ".tabs span{padding:2px 10px;margin-right:2px;border:1px solid #ccc;background:#fafafa}"
       ".tabs span.on{background:#fff;font-weight:bold;border-top:2px solid #217346}",
       "</style></head><body><table><colgroup><col style=\"width:32px\">"]
for c in range(ncols):
    out.append('<col style="width:%dpx">' % round(widths.get(c, 8.43) * 7 + 5))
# the table is as wide as the workbook's columns: a fixed layout needs it
out.insert(out.index("</style></head><body><table><colgroup><col style=\"width:32px\">"),
           "table{width:%dpx}" % (32 + sum(round(widths.get(c, 8.43) * 7 + 5) for c in range(ncols))))
out.append("</colgroup><tr><th></th>" + "".join("<th>%s</th>" % letters(c) for c in range(ncols)) + "</tr>")
for r in range(nrows):
    out.append('<tr%s><th>%d</th>' % (' class="frozen"' if r == frozen - 1 else "", r + 1))
    skip = 0
    for c in range(ncols):
        if (r, c) in covered or skip:
            skip = max(skip - 1, 0)
            continue
        text, number, bold = cells.get((r, c), ("", False, False))
        span = merged.get((r, c))
        cols = span[1] if span else 1
        if text and not number and not span:  # text runs on over empty cells, as in Excel
            while c + cols < ncols and (r, c + cols) not in cells and (r, c + cols) not in covered \
                    and (r, c + cols) not in merged:
                cols += 1
            skip = cols - 1
        attrs = ' colspan="%d"' % cols if cols > 1 else ""
        cls = " ".join(k for k, on in (("n", number), ("b", bold)) if on)
        out.append('<td%s%s title="%s">%s</td>' % (attrs, ' class="%s"' % cls if cls else "",
                                                    html.escape(text), html.escape(text)))
    out.append("</tr>")
out.append('</table><div class="tabs">' +
           "".join('<span%s>%s</span>' % (' class="on"' if n == want else "", html.escape(n)) for n, _ in names[:8]) +
           (" …" if len(names) > 8 else "") + "</div></body></html>")
print("\n".join(out))
