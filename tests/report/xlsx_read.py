"""xlsx_read.py — what the xlsx read-back checks share: a workbook read from
its XML with the standard library only (shared strings, number formats,
sheets in order, print titles, cells by row and column), and the counter
of passed and failed checks each script reports with."""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
M = "{%s}" % NS["m"]
# the number formats Excel has built in (those a workbook need not list)
BUILTIN_FORMATS = {0: "General", 1: "0", 2: "0.00", 9: "0%", 10: "0.00%"}


def cell_ref(ref):
    """(row, column) of "C12", both counted from 0."""
    col = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        col = col * 26 + ord(ch) - 64
    return int(re.search(r"\d+", ref).group(0)) - 1, col - 1


class Workbook:
    def __init__(self, path):
        self.book = zipfile.ZipFile(path)
        self.shared = ["".join(t.text or "" for t in si.iter(M + "t"))
                       for si in self.xml("xl/sharedStrings.xml").findall("m:si", NS)]
        styles = self.xml("xl/styles.xml")
        self.numfmts = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.iter(M + "numFmt")}
        self.xfs = [int(x.get("numFmtId", 0)) for x in styles.find("m:cellXfs", NS).findall("m:xf", NS)]
        wb = self.xml("xl/workbook.xml")
        rels = {r.get("Id"): r.get("Target") for r in self.xml("xl/_rels/workbook.xml.rels")}
        self.sheets = {}
        self.order = []
        for s in wb.find("m:sheets", NS):
            target = rels[s.get("{%s}id" % NS["r"])]
            self.sheets[s.get("name")] = self.xml("xl/" + target.lstrip("/").replace("xl/", ""))
            self.order.append(s.get("name"))
        self.print_titles = {d.get("localSheetId"): d.text for d in wb.iter(M + "definedName")
                             if d.get("name") == "_xlnm.Print_Titles"}

    def xml(self, name):
        return ET.fromstring(self.book.read(name))

    def cells(self, sheet):
        """{(row, col): (value, number format)} of a sheet: a text, or a number as a float."""
        out = {}
        for c in self.sheets[sheet].iter(M + "c"):
            v = c.find("m:v", NS)
            if v is None:
                continue
            fmt_id = self.xfs[int(c.get("s", 0))]
            fmt = self.numfmts.get(fmt_id, BUILTIN_FORMATS.get(fmt_id, str(fmt_id)))
            value = self.shared[int(v.text)] if c.get("t") == "s" else float(v.text)
            out[cell_ref(c.get("r"))] = (value, fmt)
        return out

    def values(self, sheet):
        """{(row, col): value} of a sheet."""
        return {k: v for k, (v, _) in self.cells(sheet).items()}


def near(a, b):
    return isinstance(a, float) and abs(a - b) < 1e-9


class Checks:
    """check(ok, what) counts; a failed one prints "FAIL: what"."""

    def __init__(self):
        self.passed = self.failed = 0

    def __call__(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL:", what)

    def finish(self, label):
        print(f"{label}: {self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)
