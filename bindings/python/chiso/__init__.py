"""chiso — score public-administration reform indices from Python.

A thin binding (ctypes, the standard library only) over libchiso's text
calls (include/chiso_text.h): rules are loaded and scored by the very code
the ``chiso`` command runs, so results are the command's, byte for byte.

    import chiso
    rules = chiso.Rules("cap-huyen/ha-tinh-2021.chiso")
    result = rules.score({"unit": {...}, "period": "2021", "metrics": {...}})
    ranked = rules.score_batch([sub1, sub2, ...])

The library is found through ``CHISO_LIBRARY`` (a path), else as
``libchiso.so.1`` by the dynamic linker (installed with the chiso package).
"""

import ctypes
import glob
import ctypes.util
import json
import os

__all__ = ["Rules", "ChisoError", "check", "version", "abi_version", "find_rules"]

ABI_VERSION = 1


class ChisoError(Exception):
    """Rules that cannot be used, or a batch that could not be completed."""


def _load_library():
    candidates = []
    if os.environ.get("CHISO_LIBRARY"):
        candidates.append(os.environ["CHISO_LIBRARY"])
    candidates.append("libchiso.so.%d" % ABI_VERSION)
    # installed under a prefix (PREFIX/lib/python3/dist-packages/chiso):
    # the library of the same prefix, in lib/ or lib/<multiarch>/
    prefix_lib = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
    name = "libchiso.so.%d" % ABI_VERSION
    candidates += sorted(glob.glob(os.path.join(prefix_lib, name)) + glob.glob(os.path.join(prefix_lib, "*", name)))
    found = ctypes.util.find_library("chiso")
    if found:
        candidates.append(found)
    errors = []
    for name in candidates:
        try:
            return ctypes.CDLL(name)
        except OSError as e:
            errors.append(str(e))
    raise ImportError("libchiso not found (set CHISO_LIBRARY): " + "; ".join(errors))


_lib = _load_library()
_c_char_p = ctypes.c_char_p
_ptr = ctypes.c_void_p
_size = ctypes.c_size_t


def _fn(name, restype, *argtypes):
    f = getattr(_lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


_version = _fn("chiso_version", _c_char_p)
_abi_version = _fn("chiso_abi_version", ctypes.c_int)
_text_init = _fn("chiso_text_init", None)
_free = _fn("chiso_free", None, _ptr)
_load = _fn("chiso_program_load", _ptr, _c_char_p)
_load_string = _fn("chiso_program_load_string", _ptr, _c_char_p, _c_char_p, _size)
_program_free = _fn("chiso_program_free", None, _ptr)
_info = _fn("chiso_program_info_json", _ptr, _ptr)
_diagnostics_text = _fn("chiso_program_diagnostics_text", _ptr, _ptr)
_check = _fn("chiso_check_json", _ptr, _c_char_p, _c_char_p, _size)
_score = _fn("chiso_score_json", _ptr, _ptr, _size, _c_char_p, _size, _c_char_p, ctypes.c_uint)
_score_batch = _fn("chiso_score_batch_format", _ptr, _ptr, _size, _c_char_p, _size, ctypes.c_int,
                   ctypes.c_uint, _c_char_p, ctypes.c_uint, ctypes.POINTER(_size))
_set_language = _fn("chiso_set_language", ctypes.c_int, _c_char_p)
_find_rules = _fn("chiso_find_rules", _ptr, _c_char_p)
_language = _fn("chiso_language", _c_char_p)
_explain = _fn("chiso_explain_text", _ptr, _ptr, _size, _c_char_p, _size, _c_char_p, _c_char_p)

if _abi_version() != ABI_VERSION:
    raise ImportError("libchiso ABI %d, this binding needs %d" % (_abi_version(), ABI_VERSION))
_text_init()

SCORE_TRACE = 1
RENDER_PRETTY = 1
RENDER_DECIMAL_COMMA = 2
RENDER_NO_SCORECARDS = 4


def _take(p):
    """The text a chiso call returned (freed here), or None."""
    if not p:
        return None
    try:
        return ctypes.string_at(p).decode("utf-8")
    finally:
        _free(p)


def _encode(x):
    return None if x is None else x.encode("utf-8")


def _submission_bytes(submission):
    if isinstance(submission, (bytes, bytearray)):
        return bytes(submission)
    if isinstance(submission, str):
        return submission.encode("utf-8")
    return json.dumps(submission, ensure_ascii=False).encode("utf-8")


def _ndjson_line(submission):
    data = _submission_bytes(submission)
    # Line ends are JSON whitespace (and never valid inside a JSON string):
    # a pretty-printed submission becomes one line with the same meaning.
    return data.replace(b"\r", b" ").replace(b"\n", b" ")


def version():
    """libchiso's version, e.g. "0.1.0"."""
    return _version().decode("utf-8")


def abi_version():
    return _abi_version()


def set_language(lang):
    """The language of reasons, diagnostics and report labels: "vi" (the
    default, as the chiso command's reports) or "en". Process-wide: call
    it before threads use chiso. ValueError for any other language."""
    if _set_language(_encode(lang)) != 0:
        raise ValueError("chiso speaks vi or en, not %r" % (lang,))


def language():
    """The language in use: "vi" or "en"."""
    return _language().decode("utf-8")


def check(text, name="<rules>"):
    """Checks rules text: a dict with errors, warnings, diagnostics (file,
    line, column, severity, code, message, hint), indexes, plans and the
    SHA-256 of the rules."""
    data = _submission_bytes(text)
    return json.loads(_take(_check(_encode(name), data, len(data))))


def find_rules(path):
    """A rules path as the command finds it: as given when it exists, else
    in CHISO_RULES_PATH, else in the installed share/chiso/rules
    (chiso_find_rules)."""
    found = _take(_find_rules(_encode(os.fspath(path))))
    return found if found is not None else path


class Rules:
    """A loaded rule set. Raises ChisoError when the rules have errors
    (the exception carries the diagnostics); thread-safe for scoring."""

    def __init__(self, path=None, text=None, name=None):
        if (path is None) == (text is None):
            raise TypeError("give either path or text")
        if path is not None:
            path = find_rules(os.fspath(path))
            self._prog = _load(_encode(path))
        else:
            data = _submission_bytes(text)
            self._prog = _load_string(_encode(name or "<rules>"), data, len(data))
        self.info = json.loads(_take(_info(self._prog)))
        if self.info["errors"] or self.info["unreadable"]:
            message = _take(_diagnostics_text(self._prog)) or ""
            self.close()
            raise ChisoError(message.strip() or "the rules cannot be used")

    def close(self):
        if getattr(self, "_prog", None):
            _program_free(self._prog)
            self._prog = None

    def __del__(self):
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def indexes(self):
        return [ix["name"] for ix in self.info["indexes"]]

    @property
    def diagnostics(self):
        return self.info["diagnostics"]

    @property
    def rules_sha256(self):
        return self.info["rules_sha256"]

    def index(self, name=None):
        """The position of the index called name (the first when None)."""
        if name is None:
            return 0
        try:
            return self.indexes.index(name)
        except ValueError:
            raise ChisoError("no index named %r" % name) from None

    def score(self, submission, index=None, origin=None, explain=False):
        """One submission (a dict, or JSON text) scored: the result dict of
        the language contract, without rank. A malformed submission gives
        a result with status "error" and its errors."""
        data = _submission_bytes(submission)
        text = _take(_score(self._prog, self.index(index), data, len(data), _encode(origin),
                            SCORE_TRACE if explain else 0))
        return json.loads(text)

    def score_batch_text(self, submissions, index=None, rank_decimals=None, explain=False,
                         format="ndjson", pretty=False, decimal_comma=False, no_scorecards=False):
        """A batch rendered as `chiso score -f FORMAT -` renders it (text):
        ndjson, json, text, csv or html. Returns (text, units in error)."""
        ndjson = b"".join(_ndjson_line(s) + b"\n" for s in submissions)
        failed = _size(0)
        render = ((RENDER_PRETTY if pretty else 0) | (RENDER_DECIMAL_COMMA if decimal_comma else 0)
                  | (RENDER_NO_SCORECARDS if no_scorecards else 0))
        text = _take(_score_batch(self._prog, self.index(index), ndjson, len(ndjson),
                                  -1 if rank_decimals is None else int(rank_decimals),
                                  SCORE_TRACE if explain else 0, _encode(format), render,
                                  ctypes.byref(failed)))
        if text is None:
            raise ChisoError("the batch could not be completed (unknown format, or no room for its temporary file)")
        return text, failed.value

    def score_batch(self, submissions, index=None, rank_decimals=None, explain=False):
        """Every submission scored and ranked per unit level and period,
        overall and per field, as `chiso score` ranks a batch: a list of
        result dicts in input order, each with "rank" and "field_ranks"."""
        text, _ = self.score_batch_text(submissions, index, rank_decimals, explain)
        return [json.loads(line) for line in text.splitlines() if line]

    def rank(self, submissions, index=None, rank_decimals=None):
        """The ranking table: (rank or None, unit id, percent) per unit,
        best first within each level and period, units in error last."""
        results = self.score_batch(submissions, index, rank_decimals)
        rows = [(r.get("rank"), (r.get("unit") or {}).get("id"), r.get("percent")) for r in results]
        return sorted(rows, key=lambda row: (row[0] is None, row[0] or 0))

    def explain(self, submission, index=None, node=None, origin=None):
        """Why the unit got its score, as `chiso explain` prints it."""
        data = _submission_bytes(submission)
        text = _take(_explain(self._prog, self.index(index), data, len(data), _encode(origin), _encode(node)))
        if text is None:
            raise ChisoError("no node %r in the index" % node)
        return text
