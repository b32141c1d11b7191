"""The Python binding against the chiso command on the bundled rules and
fixtures: the same results, byte for byte where the command writes JSON.

Run from the source tree, after a build:
    CHISO_LIBRARY=build/lib/libchiso.so.1 CHISO=build/chiso \
        PYTHONPATH=bindings/python python3 -m unittest discover -s bindings/python/tests
"""

import glob
import hashlib
import json
import os
import subprocess
import tempfile
import threading
import unittest

import chiso

CHISO = os.environ.get("CHISO", "build/chiso")
RULES = "rules/cap-huyen/ha-tinh-2021.chiso"
SUBMISSIONS = sorted(glob.glob("fixtures/cap-huyen/submissions/*.json"))
BAD_RULES = 'index "x" {\n  total 10\n  field 1 "f" max 10 { criterion 1.1 "c" max 5 { score a } }\n}\n'


def command(*args, stdin=None):
    # the library speaks Vietnamese by default, as the command's reports
    args = args if args and args[0] == "--lang" else ("--lang", "vi", *args)
    done = subprocess.run([CHISO, *args], input=stdin, capture_output=True)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def ndjson_of(paths):
    lines = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            lines.append(json.dumps(json.load(f), ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


class Binding(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rules = chiso.Rules(RULES)
        cls.subs = []
        for p in SUBMISSIONS:
            with open(p, encoding="utf-8") as f:
                cls.subs.append(json.load(f))

    def test_thirteen_districts(self):
        self.assertEqual(len(self.subs), 13)

    def test_version(self):
        code, out, _ = command("--version")
        self.assertEqual(out.strip(), "chiso " + chiso.version())
        self.assertEqual(chiso.abi_version(), 1)

    def test_batch_is_the_commands_ndjson_byte_for_byte(self):
        stdin = ndjson_of(SUBMISSIONS).encode("utf-8")
        code, expected, _ = command("score", "-q", "-f", "ndjson", RULES, "-", stdin=stdin)
        self.assertEqual(code, 0)
        text, failed = self.rules.score_batch_text(self.subs)
        self.assertEqual(failed, 0)
        self.assertEqual(text, expected)
        for decimals in (2, 0):
            code, expected, _ = command("score", "-q", "-f", "ndjson", "--rank-decimals", str(decimals),
                                        RULES, "-", stdin=stdin)
            self.assertEqual(self.rules.score_batch_text(self.subs, rank_decimals=decimals)[0], expected)

    def test_batch_formats_are_the_commands(self):
        stdin = ndjson_of(SUBMISSIONS).encode("utf-8")
        for fmt, extra, kw in (("text", ["--decimal-comma"], {"decimal_comma": True}),
                               ("csv", [], {}), ("json", ["--pretty"], {"pretty": True}),
                               ("text", ["--no-scorecards"], {"no_scorecards": True})):
            code, expected, _ = command("score", "-q", "-f", fmt, *extra, RULES, "-", stdin=stdin)
            got, _ = self.rules.score_batch_text(self.subs, format=fmt, **kw)
            self.assertEqual(got, expected, fmt)

    def test_ranked_dicts(self):
        results = self.rules.score_batch(self.subs)
        code, out, _ = command("score", "-q", "-f", "json", RULES, *SUBMISSIONS)
        by_id = {r["unit"]["id"]: r for r in json.loads(out)}
        for r in results:
            cli = by_id[r["unit"]["id"]]
            self.assertEqual(r["rank"], cli["rank"])
            self.assertEqual(r["field_ranks"], cli["field_ranks"])
            self.assertEqual(r["percent"], cli["percent"])
        table = self.rules.rank(self.subs)
        first = min(json.loads(out), key=lambda r: r["rank"])
        self.assertEqual(table[0], (1, first["unit"]["id"], first["percent"]))
        self.assertEqual(len(table), 13)
        self.assertEqual([row[0] for row in table], sorted(row[0] for row in table))

    def test_one_submission_is_the_commands_result_without_rank(self):
        code, out, _ = command("score", "-q", "-f", "json", RULES, *SUBMISSIONS)
        cli = json.loads(out)
        for path, sub, expected in zip(SUBMISSIONS, self.subs, cli):
            got = self.rules.score(sub, origin=path)
            expected = dict(expected)
            del expected["rank"], expected["field_ranks"]
            got.pop("rank", None)
            self.assertEqual(got, expected, path)

    def test_errors_in_a_submission(self):
        r = self.rules.score('{"unit": ')
        self.assertEqual(r["status"], "error")
        self.assertTrue(any("dòng 1, cột 9" in e for e in r["errors"]), r["errors"])
        text, failed = self.rules.score_batch_text([self.subs[0], '{"unit": ', {"period": "2021"}])
        self.assertEqual(failed, 2)
        lines = [json.loads(line) for line in text.splitlines()]
        self.assertEqual([line["status"] for line in lines], ["ok", "error", "error"])

    def test_explain_is_the_commands(self):
        code, expected, _ = command("explain", RULES, SUBMISSIONS[0])
        self.assertEqual(code, 0)
        self.assertEqual(self.rules.explain(self.subs[0], origin=SUBMISSIONS[0]), expected)
        code, expected, _ = command("explain", "--node", "3.1", RULES, SUBMISSIONS[0])
        self.assertEqual(self.rules.explain(self.subs[0], node="3.1", origin=SUBMISSIONS[0]), expected)
        with self.assertRaises(chiso.ChisoError):
            self.rules.explain(self.subs[0], node="9.9")

    def test_provenance(self):
        with open(RULES, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        self.assertEqual(self.rules.info["rules"][0], {"file": RULES, "sha256": digest})
        self.assertEqual(len(self.rules.rules_sha256), 64)
        code, out, _ = command("score", "-q", "-f", "json", RULES, SUBMISSIONS[0])
        cli = json.loads(out)[0]
        self.assertEqual(self.rules.indexes, [cli["index"]])
        self.assertEqual(self.rules.info["indexes"][0]["total"], cli["max"])
        self.assertEqual(self.rules.info["indexes"][0]["fields"],
                         [{"id": n["id"], "name": n["name"], "max": n["max"]} for n in cli["nodes"]])

    def test_check_matches_the_command(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "bad.chiso")
            with open(path, "w", encoding="utf-8") as f:
                f.write(BAD_RULES)
            code, out, _ = command("check", "-f", "json", path)
            self.assertEqual(code, 1)
            expected = json.loads(out)[0]["diagnostics"]
            got = chiso.check(BAD_RULES, name=path)
            self.assertEqual(got["errors"], 1)
            self.assertEqual(got["diagnostics"], expected)
            self.assertEqual((got["diagnostics"][0]["line"], got["diagnostics"][0]["column"]), (3, 19))
            with self.assertRaises(chiso.ChisoError) as caught:
                chiso.Rules(path)
            self.assertIn("bad.chiso:3:19: lỗi:", str(caught.exception))
        with open(RULES, encoding="utf-8") as f:
            self.assertEqual(chiso.check(f.read(), name=RULES)["errors"], 0)

    def test_language(self):
        self.assertEqual(chiso.language(), "vi")
        with self.assertRaises(ValueError):
            chiso.set_language("fr")
        self.assertEqual(chiso.language(), "vi")
        code, out, _ = command("--lang", "en", "score", "-q", "-f", "json", RULES, *SUBMISSIONS)
        self.assertEqual(code, 0)
        cli = json.loads(out)
        chiso.set_language("en")
        try:
            self.assertEqual(chiso.language(), "en")
            for path, sub, expected in zip(SUBMISSIONS, self.subs, cli):
                got = self.rules.score(sub, origin=path)
                expected = dict(expected)
                del expected["rank"], expected["field_ranks"]
                got.pop("rank", None)
                self.assertEqual(got, expected, path)
            self.assertIn("zero denominator", out)
            message = chiso.check(BAD_RULES, name="bad.chiso")["diagnostics"][0]["message"]
            self.assertIn("add up to 5", message)
        finally:
            chiso.set_language("vi")

    def test_threads_score_alike(self):
        expected = [self.rules.score(s) for s in self.subs]
        got = [None] * 4

        def work(k):
            got[k] = [self.rules.score(s) for s in self.subs]

        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for g in got:
            self.assertEqual(g, expected)

    def test_rules_from_text_and_search_path(self):
        with open("rules/examples/huyen-mini.chiso", encoding="utf-8") as f:
            text = f.read()
        with chiso.Rules(text=text, name="mini.chiso") as r:
            self.assertEqual(len(r.indexes), 1)
        old = os.environ.get("CHISO_RULES_PATH")
        os.environ["CHISO_RULES_PATH"] = os.path.abspath("rules")
        try:
            self.assertEqual(chiso.find_rules("cap-huyen/ha-tinh-2021.chiso"), os.path.abspath(RULES))
            cwd = os.getcwd()
            with tempfile.TemporaryDirectory() as d:
                os.chdir(d)
                try:
                    r = chiso.Rules("cap-huyen/ha-tinh-2021.chiso")
                    self.assertEqual(r.score(self.subs[0])["percent"], self.rules.score(self.subs[0])["percent"])
                finally:
                    os.chdir(cwd)
        finally:
            if old is None:
                del os.environ["CHISO_RULES_PATH"]
            else:
                os.environ["CHISO_RULES_PATH"] = old


if __name__ == "__main__":
    unittest.main()
