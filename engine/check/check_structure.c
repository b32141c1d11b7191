/* check_structure.c — the shape of an index: unique node IDs, maxima that
 * add up (every group to its `max`, the fields to `total`), leaves that are
 * either value+bands or score, and a grade block whose thresholds descend. */
#include "program.h"
#include "engine/support/i18n.h"

#include "../support/fold.h"
#include "../support/xalloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    program_t *prog;
    diag_list_t *diags;
    /* IDs as a person sees them (`I.1` and `i.1` look the same), each to
     * the first node folding to it. An exact duplicate folds the same, so
     * this one map finds both; `ids` holds only the IDs that fold like an
     * earlier, different one (rare), to tell their own duplicates. */
    strmap_t folded_ids;
    strmap_t ids;
    char **folded;       /* foldings that are not the ID itself, freed at the end */
    size_t nfolded, capfolded;
    int ordinal;
} structure_ctx;

/* The ID as seen: the ID itself when folding leaves it as it is (digits,
 * dots, lower-case ASCII: nearly every ID), else a folded copy kept in c. */
static const char *folded_id(structure_ctx *c, const char *id)
{
    const char *s = id;
    while (*s && (unsigned char)*s < 0x80 && !(*s >= 'A' && *s <= 'Z')) s++;
    if (!*s) return id;
    VEC_PUSH(c->folded, c->nfolded, c->capfolded);
    return c->folded[c->nfolded++] = fold_visual(id);
}

static size_t count_nodes(const node_t *n, int depth)
{
    size_t k = 1;
    if (depth <= CHISO_MAX_NESTING_NODES)
        for (size_t i = 0; i < n->nchildren; i++) k += count_nodes(n->children[i], depth + 1);
    return k;
}

static void fmt(rat_t r, char *buf, size_t n) { rat_format(r, 6, buf, n); }

static void check_node(structure_ctx *c, node_t *n, int depth)
{
    n->ordinal = c->ordinal++;
    if (depth > CHISO_MAX_NESTING_NODES) {
        diag_add(c->diags, DIAG_ERROR, n->loc, "too-deep",
                 "groups nested more than %d levels deep", CHISO_MAX_NESTING_NODES);
        return;
    }
    if (n->kind != NODE_INDEX) {
        const char *f = folded_id(c, n->id);
        uint64_t h = strmap_hash(f);
        node_t *look = strmap_get_hashed(&c->folded_ids, f, h);
        node_t *prev = NULL;
        if (look) {
            /* the first node with this ID is the first folding like it, or
             * one that folded like an earlier, different ID */
            prev = !strcmp(look->id, n->id) ? look : strmap_get(&c->ids, n->id);
            if (!prev) strmap_put(&c->ids, n->id, n);
        }
        if (prev) {
            diag_t *d = diag_add(c->diags, DIAG_ERROR, n->id_loc, "duplicate-id",
                                 "duplicate node ID '%s'", n->id);
            diag_hint(d, "'%s' is already used at line %d; results and self-assessments refer to nodes by ID",
                      n->id, prev->id_loc.line);
        } else if (look) {
            diag_t *d = diag_add(c->diags, DIAG_WARNING, n->id_loc, "duplicate-id",
                                 "node ID '%s' looks like '%s' (line %d): they differ only in "
                                 "diacritics or case", n->id, look->id, look->id_loc.line);
            diag_hint(d, "give the nodes IDs a reader can tell apart");
        } else {
            strmap_put_hashed(&c->folded_ids, f, h, n);
        }
        if (rat_cmp(n->max, rat_int(0)) < 0)
            diag_add(c->diags, DIAG_ERROR, n->max_loc, "negative-max",
                     "the maximum of '%s' is negative", n->id);
    }

    bool leaf = node_is_leaf(n);
    if (leaf && n->nchildren) {
        diag_t *d = diag_add(c->diags, DIAG_ERROR, n->loc, "leaf-with-children",
                             "'%s' has both sub-criteria and its own value/score", n->id);
        diag_hint(d, "a node is scored either from its children or by its own rule, not both");
    }
    if (!leaf && !n->nchildren && n->kind != NODE_INDEX) {
        diag_t *d = diag_add(c->diags, DIAG_ERROR, n->loc, "empty-node",
                             "'%s' has nothing to score", n->id);
        diag_hint(d, "add sub-criteria, a `value` with bands, or a `score`");
    }
    if (n->value && n->nbands == 0) {
        diag_t *d = diag_add(c->diags, DIAG_ERROR, n->value_loc, "value-without-bands",
                             "'value' of '%s' has no bands", n->id);
        diag_hint(d, "add lines such as `band >= 98%% -> %s`, or use `score` for a formula",
                  "1");
    }
    for (size_t i = 0; i + 1 < n->nbands; i++) {
        if (n->bands[i]->cmp == OP_NONE) {
            diag_t *d = diag_add(c->diags, DIAG_ERROR, n->bands[i + 1]->loc, "band-unreachable",
                                 "band after 'otherwise' can never be chosen");
            diag_hint(d, "'otherwise' catches every remaining value: make it the last band");
            break;
        }
    }

    for (size_t i = 0; i < n->nchildren; i++) check_node(c, n->children[i], depth + 1);

    if (n->nchildren) {
        bool overflow = false;
        rat_t sum = rat_int(0);
        for (size_t i = 0; i < n->nchildren; i++)
            sum = rat_add(sum, n->children[i]->max, &overflow);
        char a[48], b[48];
        fmt(sum, a, sizeof a);
        if (n->kind == NODE_INDEX && !n->has_max) {
            diag_t *d = diag_add(c->diags, DIAG_WARNING, n->loc, "no-total",
                                 "index \"%s\" does not declare 'total'", n->name);
            diag_hint(d, "add `total %s` so that a missing or extra field is caught", a);
            n->max = sum;
        } else if (!overflow && rat_cmp(sum, n->max) != 0) {
            fmt(n->max, b, sizeof b);
            diag_t *d;
            if (n->kind == NODE_INDEX)
                d = diag_add(c->diags, DIAG_ERROR, n->max_loc, "maxima",
                             "the fields add up to %s, not to the total %s", a, b);
            else
                d = diag_add(c->diags, DIAG_ERROR, n->max_loc, "maxima",
                             "the children of '%s' add up to %s, not to its max %s", n->id, a, b);
            strbuf_t sb;
            sb_init(&sb);
            for (size_t i = 0; i < n->nchildren && i < 12; i++) {
                char m[48];
                fmt(n->children[i]->max, m, sizeof m);
                sb_printf(&sb, "%s%s (%s)", i ? " + " : "", n->children[i]->id, m);
            }
            if (n->nchildren > 12) sb_adds(&sb, " + …");
            diag_hint(d, "%s = %s", sb.data, a);
            sb_free(&sb);
        }
    } else if (n->kind == NODE_INDEX) {
        diag_add(c->diags, DIAG_ERROR, n->loc, "empty-index", "index \"%s\" has no fields",
                 n->name);
    }

    for (size_t i = 0; i < n->ndeducts; i++) {
        deduct_t *d = n->deducts[i];
        if (d->has_cap && rat_cmp(d->cap, rat_int(0)) <= 0)
            diag_add(c->diags, DIAG_ERROR, d->cap_loc, "deduct-cap",
                     d->bonus ? _("a bonus cap must be positive") : _("a deduction cap must be positive"));
    }
}

static void check_grades(structure_ctx *c, node_t *index)
{
    bool seen_otherwise = false;
    for (size_t i = 0; i < node_rare(index)->ngrades; i++) {
        grade_entry_t *g = &node_rare(index)->grades[i];
        if (seen_otherwise) {
            diag_t *d = diag_add(c->diags, DIAG_ERROR, g->loc, "grade-unreachable",
                                 "grade \"%s\" comes after 'otherwise' and can never be given",
                                 g->label);
            diag_hint(d, "put the 'otherwise' grade last");
            continue;
        }
        if (g->otherwise) {
            seen_otherwise = true;
            continue;
        }
        for (size_t j = 0; j < i; j++) {
            grade_entry_t *p = &node_rare(index)->grades[j];
            if (!p->otherwise && rat_cmp(p->threshold, g->threshold) <= 0) {
                diag_t *d = diag_add(c->diags, DIAG_ERROR, g->loc, "grade-order",
                                     "grade \"%s\" can never be given: \"%s\" above it already takes "
                                     "every percent it would", g->label, p->label);
                diag_hint(d, "list grades from the highest threshold to the lowest");
                break;
            }
        }
        if (rat_cmp(g->threshold, rat_int(100)) > 0 || rat_cmp(g->threshold, rat_int(0)) < 0)
            diag_add(c->diags, DIAG_WARNING, g->loc, "grade-range",
                     "grade threshold outside 0..100: the grade compares the percent of the maximum");
    }
    if (index->has_grade && !seen_otherwise && node_rare(index)->ngrades) {
        diag_t *d = diag_add(c->diags, DIAG_WARNING, node_rare(index)->grade_loc, "grade-gap",
                             "no 'otherwise' grade: units below the lowest threshold get no grade");
        diag_hint(d, "add a last line such as \"Yếu\" otherwise");
    }
}

void check_structure(program_t *prog, node_t *index, diag_list_t *diags)
{
    structure_ctx c = {prog, diags, {0}, {0}, NULL, 0, 0, 0};
    strmap_init_borrowed(&c.folded_ids); /* keys: the IDs, or the foldings in c.folded */
    strmap_init_borrowed(&c.ids);
    strmap_reserve(&c.folded_ids, count_nodes(index, 0));
    check_node(&c, index, 0);
    check_grades(&c, index);
    strmap_free(&c.folded_ids);
    strmap_free(&c.ids);
    for (size_t i = 0; i < c.nfolded; i++) free(c.folded[i]);
    free(c.folded);
}
