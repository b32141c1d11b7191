/* result.h — what scoring one unit produces; behind the public
 * chiso_result handle. The report/ files turn it into JSON and text. */
#ifndef CHISO_RESULT_H
#define CHISO_RESULT_H

#include "chiso.h"
#include "engine/compile/compile.h"
#include "eval.h"

#include "engine/support/arena.h"
#include "engine/support/json_paths.h"
#include "engine/support/xalloc.h"

typedef enum { NS_SCORED, NS_NOT_APPLICABLE, NS_MISSING } node_status_t;

typedef struct {
    const char *reason;
    rat_t amount;    /* as computed */
    rat_t applied;   /* after the cap */
    bool capped;
    bool not_applicable;
    bool missing;
    bool bonus;      /* a bonus (thưởng): added, not subtracted */
} deduct_result_t;

/* A deadline missed (lateness.c): by `days` days, the date (or duration)
 * `actual` against `due`. */
typedef struct {
    char *rule;          /* the comparison as written (owned), or NULL for a band */
    const char *band;    /* the band's label ("<= 2020-12-31") when a band was the deadline */
    bool days;           /* a duration in days against a limit */
    value_t actual, due;
    rat_t late;          /* days late (> 0) */
} late_result_t;

typedef struct {
    node_status_t status;
    bool evaluated;      /* false when an ancestor decided (not applicable) */
    rat_t points;
    rat_t max;           /* counted maximum (0 when excluded) */
    bool has_value;
    value_t value;
    int band;            /* chosen band, -1 for none */
    const char *reason;  /* why not applicable / missing: a constant, or reason_owned */
    char *reason_owned;  /* a reason made for this node (freed with the result) */
    deduct_result_t *deducts;
    int ndeducts;
    json_t *trace;       /* with tracing: what explain shows (reads, bands tried, ratio) */
    late_result_t *late; /* deadlines missed, with the days late */
    size_t nlate, caplate;
} node_result_t;

typedef struct {
    char *node;   /* node ID, or NULL for the unit */
    char *kind;
    char *message;
} finding_t;

typedef struct {
    char *node;   /* node ID or "total" */
    rat_t claimed, computed;
} claim_diff_t;

/* The members of a unit object a result reads (result_unit.c). */
enum { UNIT_ID, UNIT_NAME, UNIT_LEVEL, UNIT_RANKED, UNIT_MEMBERS };
/* Their keys, in that order. */
extern const char *const result_unit_keys[UNIT_MEMBERS];

/* A unit object of the usual shape as read without jansson (json_paths.h):
 * its members in the order the submission gave them. One block holds it,
 * its texts and the result's period after it. */
typedef struct {
    const char *text[3];   /* id, name, level: NULL when absent */
    uint32_t len[3];
    signed char ranked;    /* -1 when absent */
    unsigned char order[UNIT_MEMBERS], n;
} unit_texts_t;

struct chiso_result {
    const chiso_program *prog;
    const compiled_index_t *ci;
    char *origin;        /* in the result's block */
    json_t *unit;        /* the submission's unit object (or null); NULL when held as unit_texts */
    unit_texts_t *unit_texts; /* the unit as read without jansson, or NULL */
    char *period;        /* owned, or in unit_texts' block (period_in_texts) */
    bool period_in_texts;
    bool ok;
    char **errors;
    size_t nerrors, caperrors;
    node_result_t *nodes;
    int nnodes;
    rat_t points, max;
    bool has_percent;
    rat_t percent;
    const char *grade;
    long rank;           /* 0: not ranked */
    bool unranked;       /* scored but not ranked: the unit says "ranked": false */
    bool traced;
    finding_t *findings;
    size_t nfindings, capfindings;
    claim_diff_t *claims;
    size_t nclaims, capclaims;
    arena_t bigs;        /* the numbers beyond 64 bits made while scoring (see rational.h) */
    bool reread;         /* a number read as a double may have lost digits: read the text exactly */
    bool exact_numbers;  /* read so: the unit object may hold marked numbers (json_exact_number) */
};

void result_add_error(chiso_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void result_add_finding(chiso_result *r, const char *node, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* A blank result (index may be out of range: then it scores nothing and
 * only collects the unit, period and errors, as `verify` uses it). */
chiso_result *result_new(const chiso_program *prog, size_t index, const char *origin);
/* Checks the shape of a submission (contract §5), records unit and period,
 * and returns its metrics object, or NULL after recording why not. */
json_t *submission_envelope(chiso_result *r, json_t *sub);
/* The same for a submission whose envelope the walk along the paths read,
 * of the usual shape (json_paths.h) and with its texts in NFC already:
 * records them and returns env->metrics. */
json_t *submission_envelope_read(chiso_result *r, const json_envelope *env);
/* The unit and period of such an envelope kept by the result, as texts
 * (result_unit.c). */
void result_keep_envelope(chiso_result *r, const json_envelope *env);
/* The unit's id, name or level (UNIT_ID…), when it is a string; else NULL. */
const char *result_unit_string(const chiso_result *r, int member);
/* The unit object as a jansson value (a new reference), however held. */
json_t *result_unit_json(const chiso_result *r);
/* A number as JSON: an integer when whole, else at most 6 decimals. */
json_t *json_from_rat(rat_t r);
/* Writes the result as compact JSON text (rank included or not). */
void result_write_json(const chiso_result *r, strbuf_t *sb, bool with_rank);
/* The same with the constant pieces `refs` holds as their codes (a
 * spooled result: json_refs_expand gives result_write_json's text). */
struct json_refs;
void result_write_json_refs(const chiso_result *r, strbuf_t *sb, bool with_rank, const struct json_refs *refs);
/* A table of the pieces of every result of `prog` that are the same for
 * each unit: the nodes' JSON heads, band labels, deductions' reasons,
 * grades, index names and the provenance (json_refs.h). */
struct json_refs *result_json_refs(const chiso_program *prog);
/* A result's JSON text (one written by result_write_json) as a tree. Its
 * unit object may hold numbers as the submission wrote them: with
 * keep_marks, those a double would round stay marked (json_exact_number;
 * write the tree with json_dumps_exact), else they become doubles (one
 * beyond a double's range, its text). NULL when the text is not JSON (err,
 * if given, says why). */
json_t *result_json_load(const char *text, size_t len, bool keep_marks, json_error_t *err);
/* A runtime value as JSON (dates as "YYYY-MM-DD"). */
json_t *json_from_value(value_t v);

/* The submission with every key in Unicode NFC: a new reference to `sub`
 * itself when all are (nearly always), else to a copy. Keys that are the
 * same once normalized are recorded in r as duplicate-key errors. */
json_t *submission_keys_nfc(chiso_result *r, json_t *sub);

/* NULL when every number of the JSON text is read exactly through a
 * double; else a copy of the text in which each other number is a string
 * that json_exact_number recognizes (parse it with JSON_ALLOW_NUL).
 * *outlen: the copy's length. Used only when jansson refused a number or
 * binding set `reread`. */
char *submission_exact_numbers(const char *text, size_t len, size_t *outlen);
/* What one pass over a submission's text tells: whether its keys need no
 * NFC walk (nothing NFC changes, no \u escape), and whether a number may
 * have more than 15 digits (a double holds those of 15 exactly). */
typedef struct {
    bool keys_nfc;
    bool long_numbers;
} text_scan_t;
text_scan_t submission_scan(const char *text, size_t len);
/* The submission parsed with every number that jansson cannot read
 * exactly kept as written, or NULL when it has none (or is invalid). */
json_t *submission_load_exact(const char *text, size_t len);
/* Whether j is such a number; its text as written. */
bool json_exact_number(const json_t *j, const char **text, size_t *len);
/* Is this a placeholder of `chiso metrics --template` ("<điền: …>")? */
bool submission_placeholder(const char *s);
/* chiso_score_ex, with the points of some leaves set by hand: where set[i]
 * (node number i, preorder), leaf i scores points[i] (clamped to its
 * maximum, with a finding) instead of what its rules compute. */
chiso_result *score_with_points(const chiso_program *prog, size_t index, json_t *submission,
                                const char *origin, unsigned flags, const rat_t *points, const bool *set);
/* chiso_score_ex; keys_nfc: the caller knows every key is NFC already
 * (submission_scan), so the walk normalizing them is skipped. */
chiso_result *score_submission(const chiso_program *prog, size_t index, json_t *submission,
                               const char *origin, unsigned flags, bool keys_nfc);
/* score_submission of a submission read along the metric paths
 * (json_paths_load; its keys are NFC): path_values are its values. */
chiso_result *score_submission_paths(const chiso_program *prog, size_t index, json_t *submission,
                                     const char *origin, unsigned flags, json_t *const *path_values,
                                     const long long *path_ints);
/* The same for a submission of the usual shape, read without its tree
 * (json_paths_load_envelope). */
chiso_result *score_submission_envelope(const chiso_program *prog, size_t index, const json_envelope *env,
                                        const char *origin, unsigned flags, json_t *const *path_values,
                                        const long long *path_ints);

/* Does any node of the index say where its points come from? */
bool index_declares_origins(const compiled_index_t *ci);
/* Points and maxima by origin (indexed by point_origin: [ORIGIN_APPRAISAL],
 * [ORIGIN_SURVEY]); false when the index declares no origins or the result
 * is in error (origin_totals.c). */
bool result_origin_totals(const chiso_result *r, rat_t pts[3], rat_t max[3]);

/* Versions (versions.c): the year a period names ("2021-Q4": 2021; 0 when
 * none), and switching r to the version of its index that applies to its
 * period; false, with an error naming the period, when none does. */
int period_year_of(const char *period);
bool result_pick_version(chiso_result *r);

/* Deadlines a leaf missed, with the days late (lateness.c). */
void record_lateness(eval_t *ev, const cnode_t *c, node_result_t *nr);
void late_results_free(node_result_t *nr);

/* Binds metrics of a submission to slots; problems go to r->errors.
 * path_values: the values read along the metric paths (json_paths_load),
 * when `metrics` is their stand-in; else NULL; path_ints: the whole
 * numbers among them read without a value (JSON_PATHS_INTEGER), or NULL. */
void submission_bind(eval_t *ev, json_t *metrics, json_t *const *path_values, const long long *path_ints,
                     chiso_result *r);

#endif
