#!/usr/bin/env python3
"""vietnamese_left.py REPORT NAMES... — prints what is left in Vietnamese
in an English report once the names are taken out: every text the report
quotes as written (the strings of the rules files, the string values of
the submissions, the values of a frame file) is removed from REPORT (text
or HTML), whole or cut short by "…", and each remaining word with a
Vietnamese letter is printed. Exit 1 when any is left: a label, a reason or
a message that did not go through the catalogue."""
import html
import json
import re
import sys
import unicodedata

VI = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I)


def json_strings(v, out):
    if isinstance(v, str):
        out.add(v)
    elif isinstance(v, dict):
        for k, x in v.items():
            json_strings(k, out)
            json_strings(x, out)
    elif isinstance(v, list):
        for x in v:
            json_strings(x, out)


names = set()
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        text = unicodedata.normalize("NFC", f.read())
    quoted = re.findall(r'"((?:[^"\\\n]|\\.)*)"', text)
    if path.endswith(".json"):
        try:
            json_strings(json.loads(text), names)
        except ValueError:  # a damaged submission: its quoted texts
            names.update(quoted)
    elif path.endswith(".chiso"):
        names.update(quoted)
    else:  # a frame file: "key: value" lines, a value going on indented; recipients split at ";"
        for v in re.findall(r"^\s*(?:\w+:)?(.*)$", text, re.M):
            names.update(x.strip() for x in v.split(";") if x.strip())
names = sorted((n for n in names if VI.search(n)), key=len, reverse=True)

with open(sys.argv[1], encoding="utf-8") as f:
    report = unicodedata.normalize("NFC", f.read())
if "<html" in report:
    report = html.unescape(re.sub(r"<[^>]*>", "\n", report))
# a name cut short to fit a column: "Kiểm tra CCHC tối thiểu 50% xã, thị…"
lines = []
for line in report.split("\n"):
    while "…" in line:
        at = line.index("…")
        best = 0
        for n in names:
            for k in range(min(len(n), at), best, -1):
                if line[at - k:at] == n[:k]:
                    best = k
                    break
        line = line[:at - best] + " " + line[at + 1:]
    lines.append(line)
report = "\n".join(lines)
for n in names:
    report = report.replace(n, " ")
left = {}
for w in re.findall(r"\w+", report):
    if VI.search(w):
        left[w] = left.get(w, 0) + 1
for w, n in sorted(left.items()):
    print(f"{w} ({n}×)")
sys.exit(1 if left else 0)
