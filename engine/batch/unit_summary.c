/* unit_summary.c — making and reading the summary a batch keeps of each
 * unit (see unit_summary.h). Each worker summarizes into its own store:
 * no lock, and the groups and grades it interns are its own (ranking
 * numbers equal groups alike whichever worker made them). */
#include "unit_summary.h"

#include "input_iter.h"

#include "engine/compile/compile.h"
#include "engine/eval/result.h"
#include "engine/support/xalloc.h"

#include <string.h>

void unit_store_init(unit_store_t *s)
{
    memset(s, 0, sizeof *s);
    arena_init_large(&s->arena);
    strmap_init(&s->groups);
    strmap_init(&s->grades);
    sb_init(&s->key);
}

void unit_store_free(unit_store_t *s)
{
    arena_free(&s->arena);
    strmap_free(&s->groups);
    strmap_free(&s->grades);
    sb_free(&s->key);
    memset(s, 0, sizeof *s);
}

/* The first bytes tell most texts apart without a call. */
static bool same_text(const char *a, const char *b) { return a == b || (a && b && *a == *b && !strcmp(a, b)); }

/* A NULL text and an empty one are told apart: reports say "level" only
 * for a unit that gave one. */
static void key_part(strbuf_t *key, const char *s)
{
    sb_addc(key, s ? '+' : '-');
    if (s) sb_adds(key, s);
    sb_addc(key, '\x1f');
}

static unit_group_t *intern_group(unit_store_t *st, const char *level, const char *period, const char *grade,
                                  const compiled_index_t *ci)
{
    int k = 0;
    for (; k < UNIT_RECENT && st->recent_groups[k]; k++) {
        unit_group_t *g = st->recent_groups[k];
        if (g->grade == grade && g->ci == ci && same_text(g->level, level) && same_text(g->period, period)) return g;
    }
    st->key.len = 0;
    key_part(&st->key, level);
    key_part(&st->key, period);
    sb_printf(&st->key, "%p %p", (const void *)grade, (const void *)ci); /* both interned: their addresses tell them apart */
    unit_group_t *g = strmap_get(&st->groups, st->key.data);
    if (!g) {
        g = arena_alloc8(&st->arena, sizeof *g);
        g->level = level ? arena_strdup(&st->arena, level) : NULL;
        g->period = period ? arena_strdup(&st->arena, period) : NULL;
        g->grade = grade;
        g->ci = ci;
        strmap_put(&st->groups, st->key.data, g);
        if (k < UNIT_RECENT) st->recent_groups[k] = g;
    }
    return g;
}

static const char *intern_grade(unit_store_t *st, const char *grade)
{
    if (!grade) return NULL;
    /* a result's grade is the label of the program's band: the same
     * address for every unit of a grade */
    for (int k = 0; k < UNIT_RECENT && st->recent_grades[k]; k++)
        if (st->recent_grade_texts[k] == grade) return st->recent_grades[k];
    int k = 0;
    for (; k < UNIT_RECENT && st->recent_grades[k]; k++)
        if (!strcmp(st->recent_grades[k], grade)) return st->recent_grades[k];
    const char *g = strmap_get(&st->grades, grade);
    if (!g) {
        g = arena_strdup(&st->arena, grade);
        strmap_put(&st->grades, grade, (void *)g);
        if (k < UNIT_RECENT) {
            st->recent_grades[k] = g;
            st->recent_grade_texts[k] = grade;
        }
    }
    return g;
}

/* Values in the block: a head byte, then the denominator's code and the
 * numerator (zigzag), each in as few little-endian bytes as it needs. A
 * denominator m × 10^e (e <= 18, m < 2^58, as decimals' are) is coded
 * (m << 5) | e, so 2, 500 and 10^17 take a byte. The head's low 4 bits
 * are the numerator's bytes (0: zero), its high 4 bits the code's (0: a
 * denominator of 1), or DEN_RAW: the denominator itself in 8 bytes;
 * HEAD_BIG is a number beyond 64 bits, whose pointer follows. The head
 * alone gives a value's length: reaching value i skips i heads. */
enum { DEN_RAW = 9, HEAD_BIG = 0xFF, MAX_VALUE = 1 + 8 + 8 };

static const uint64_t pow10_table[19] = {1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
                                         10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
                                         100000000000ULL, 1000000000000ULL, 10000000000000ULL,
                                         100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
                                         100000000000000000ULL, 1000000000000000000ULL};

static unsigned char *put_varint(unsigned char *p, uint64_t v)
{
    for (; v >= 0x80; v >>= 7) *p++ = (unsigned char)(v | 0x80);
    *p++ = (unsigned char)v;
    return p;
}

static uint64_t get_varint(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
        unsigned char c = *s++;
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) break;
    }
    *p = s;
    return v;
}

static unsigned nbytes(uint64_t v)
{
    return v ? (unsigned)(64 - __builtin_clzll(v) + 7) / 8 : 0;
}

/* n (<= 8) little-endian bytes; 8 may be written (the buffer has room:
 * MAX_VALUE a value). */
static unsigned char *put_bytes(unsigned char *p, uint64_t v, unsigned n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(p, &v, sizeof v);
    return p + n;
#else
    for (unsigned k = 0; k < n; k++) *p++ = (unsigned char)(v >> (8 * k));
    return p;
#endif
}

/* n (<= 8) little-endian bytes. The block keeps 8 bytes after its last
 * value (its texts, or padding), so that 8 can always be read at once. */
static uint64_t get_bytes(const unsigned char *p, unsigned n)
{
    uint64_t v = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    static const uint64_t mask[9] = {0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff,
                                     0xffffffffffffff, ~0ULL};
    memcpy(&v, p, sizeof v);
    return v & mask[n];
#else
    for (unsigned k = 0; k < n; k++) v |= (uint64_t)p[k] << (8 * k);
    return v;
#endif
}

/* Bytes of a value, its head included, by head. */
#define VALUE_LEN(h) ((h) == HEAD_BIG ? 9 : 1 + ((h) & 15) + (((h) >> 4) == DEN_RAW ? 8 : ((h) >> 4)))
#define VALUE_LEN4(h) VALUE_LEN(h), VALUE_LEN((h) + 1), VALUE_LEN((h) + 2), VALUE_LEN((h) + 3)
#define VALUE_LEN16(h) VALUE_LEN4(h), VALUE_LEN4((h) + 4), VALUE_LEN4((h) + 8), VALUE_LEN4((h) + 12)
#define VALUE_LEN64(h) VALUE_LEN16(h), VALUE_LEN16((h) + 16), VALUE_LEN16((h) + 32), VALUE_LEN16((h) + 48)
static const unsigned char value_len[256] = {VALUE_LEN64(0), VALUE_LEN64(64), VALUE_LEN64(128), VALUE_LEN64(192)};

/* Writes v at p (room for MAX_VALUE bytes); returns the end. */
static unsigned char *put_value(unsigned char *p, rat_t v)
{
    if (rat_is_big(v)) {
        *p++ = HEAD_BIG;
        memcpy(p, &v.num, sizeof v.num);
        return p + sizeof v.num;
    }
    uint64_t m = (uint64_t)v.den, code;
    unsigned e = 0; /* the most e such that 10^e divides it (at most 18 in 63 bits), bit by bit */
    for (unsigned bit = 16; bit && m % 10 == 0; bit /= 2) /* most are not multiples of 10 at all */
        if (m % pow10_table[bit] == 0) {
            m /= pow10_table[bit];
            e += bit;
        }
    unsigned dlen;
    if (m < (1ULL << 58)) {
        code = m == 1 && e == 0 ? 0 : m << 5 | e;
        dlen = nbytes(code);
    } else {
        code = (uint64_t)v.den;
        dlen = DEN_RAW;
    }
    uint64_t zz = ((uint64_t)v.num << 1) ^ (v.num < 0 ? ~0ULL : 0);
    unsigned nlen = nbytes(zz);
    *p++ = (unsigned char)(dlen << 4 | nlen);
    p = put_bytes(p, code, dlen == DEN_RAW ? 8 : dlen);
    return put_bytes(p, zz, nlen);
}

static rat_t get_value(const unsigned char *p)
{
    unsigned head = *p++;
    rat_t v;
    if (head == HEAD_BIG) {
        memcpy(&v.num, p, sizeof v.num);
        v.den = 0;
        return v;
    }
    unsigned dlen = head >> 4, nlen = head & 15;
    if (dlen == DEN_RAW) {
        v.den = (int64_t)get_bytes(p, 8);
        p += 8;
    } else if (dlen == 0) {
        v.den = 1;
    } else {
        uint64_t code = get_bytes(p, dlen);
        v.den = (int64_t)((code >> 5) * pow10_table[code & 31]);
        p += dlen;
    }
    uint64_t zz = get_bytes(p, nlen);
    v.num = (int64_t)(zz >> 1) ^ -(int64_t)(zz & 1);
    return v;
}

static const unsigned char *values_start(const unit_summary_t *u, size_t *len)
{
    const unsigned char *p = (const unsigned char *)u->data;
    if (*p < 0x80) { /* the usual: fewer than 128 bytes of values */
        *len = *p;
        return p + 1;
    }
    *len = (size_t)get_varint(&p);
    return p;
}

static bool same_rat(rat_t a, rat_t b) { return !rat_is_big(a) && !rat_is_big(b) && a.num == b.num && a.den == b.den; }

/* points / max × 100, as scoring computes it; with a maximum of 100, as
 * most indices have, that is the points themselves. */
static bool max_is_100(rat_t max) { return max.den == 1 && max.num == 100; }

/* 100 / m for the whole maxima m that divide 100, else 0. */
static const unsigned char hundred_over[101] = {[1] = 100, [2] = 50, [4] = 25, [5] = 20, [10] = 10, [20] = 5,
                                                [25] = 4, [50] = 2, [100] = 1};

rat_t unit_percent_value(rat_t points, rat_t max, bool *of)
{
    if (max_is_100(max)) return points;
    /* A maximum dividing 100 (10, 20, 50): points × k, reduced by what k
     * (2^a 5^b) shares with the points' denominator, which is all the
     * reduction there is: points are reduced. */
    if (max.den == 1 && max.num > 0 && max.num <= 100 && hundred_over[max.num] && points.den > 0) {
        int64_t k = hundred_over[max.num], den = points.den, num;
        int twos = __builtin_ctzll((uint64_t)(k | den));
        k >>= twos;
        den >>= twos;
        while (k % 5 == 0 && den % 5 == 0) {
            k /= 5;
            den /= 5;
        }
        if (!__builtin_mul_overflow(points.num, k, &num)) return (rat_t){num, den};
    }
    return rat_mul(rat_div(points, max, of), rat_int(100), of);
}

static bool small(rat_t v) { return !rat_is_big(v) && v.num > -(1 << 24) && v.num < (1 << 24) && v.den < (1 << 24); }

/* Whether unit_percent can compute the percent from points and maximum
 * within 64 bits and give what scoring gave: then it is not kept. */
static bool percent_computable(const chiso_result *r)
{
    if (max_is_100(r->max)) return true;
    if (small(r->points) && small(r->max)) return true; /* parts within 2^48, and 2^55 once × 100 */
    if (rat_is_big(r->percent)) return false;
    arena_t *outer = rat_big_arena(NULL); /* beyond 64 bits: an overflow, not a big number */
    bool of = false;
    rat_t p = unit_percent_value(r->points, r->max, &of);
    rat_big_arena(outer);
    return !of && same_rat(p, r->percent);
}

static unit_extra_t *extra_of(unit_summary_t *s, unit_store_t *st)
{
    if (!s->extra) s->extra = arena_alloc8(&st->arena, sizeof *s->extra);
    return s->extra;
}

/* Errors and notes: in the extra part, for the few units that have them. */
static void keep_messages(const chiso_result *r, unit_summary_t *s, unit_store_t *st)
{
    if (!r->ok) {
        strbuf_t errors; /* every error, one a line: a unit is not asked twice */
        sb_init(&errors);
        for (size_t i = 0; i < r->nerrors; i++) {
            if (i) sb_addc(&errors, '\n');
            sb_adds(&errors, r->errors[i]);
        }
        unit_extra_t *x = extra_of(s, st);
        x->error = arena_strdup(&st->arena, r->nerrors ? errors.data : "error");
        x->nerrors = r->nerrors ? r->nerrors : 1;
        sb_free(&errors);
    }
    for (size_t i = 0; i < r->nfindings; i++)
        if (!strcmp(r->findings[i].kind, "mostly_null")) {
            extra_of(s, st)->note = arena_strdup(&st->arena, r->findings[i].message);
            break;
        }
}

/* Value i of a result as the block keeps it (see unit_nvalues). */
/* The marks an origin in the block may begin with (unit_origin). */
enum { ORIGIN_LINE = 1, ORIGIN_ESCAPE = 2 };

/* N of an origin "<stdin>:N" as the input iterator writes it (digits
 * without a leading zero, below 10^18); -1 for any other origin. */
static long long stdin_line_of(const char *origin)
{
    static const char prefix[] = "<stdin>:";
    if (!origin) return -1;
    for (size_t i = 0; i < sizeof prefix - 1; i++) /* byte by byte: it stops at a shorter origin's NUL */
        if (origin[i] != prefix[i]) return -1;
    const char *d = origin + sizeof prefix - 1;
    long long line = 0;
    size_t n = 0;
    for (; d[n] >= '0' && d[n] <= '9'; n++)
        if (n < 18) line = line * 10 + (d[n] - '0');
    if (d[n] || n == 0 || n > 18 || (d[0] == '0' && n > 1)) return -1;
    return line;
}

static rat_t value_at(const chiso_result *r, const cnode_t *root, size_t i)
{
    if (i < 2) return i ? r->max : r->points;
    size_t f = (i - 2) % (size_t)root->nchildren;
    const node_result_t *n = &r->nodes[root->children[f]];
    return i - 2 < (size_t)root->nchildren ? n->points : n->max;
}

void unit_summarize(const chiso_result *r, unit_summary_t *s, unit_store_t *st)
{
    memset(s, 0, sizeof *s);
    const char *texts[3] = {result_unit_string(r, UNIT_ID), result_unit_string(r, UNIT_NAME), r->origin};
    s->group = intern_group(st, result_unit_string(r, UNIT_LEVEL), r->period,
                            r->ok ? intern_grade(st, r->grade) : NULL, r->ok ? r->ci : NULL);
    s->ok = r->ok;
    if (r->unranked) s->flags |= UNIT_UNRANKED;
    keep_messages(r, s, st);
    const cnode_t *root = r->ok ? &r->ci->nodes[0] : NULL;
    /* The values, encoded first into a buffer on the stack (or the heap,
     * for an index of very many fields). */
    unsigned char local[64 * MAX_VALUE], *values = local;
    size_t nvalues = 0, vlen = 0;
    if (r->ok) {
        s->nfields = (uint16_t)root->nchildren;
        if (r->has_percent) s->flags |= UNIT_HAS_PERCENT;
        bool declared = true;
        for (int i = 0; i < root->nchildren && declared; i++)
            declared = same_rat(r->nodes[root->children[i]].max, r->ci->nodes[root->children[i]].max);
        if (declared) s->flags |= UNIT_DECLARED_MAX;
        if (r->has_percent && !percent_computable(r)) s->flags |= UNIT_KEEPS_PERCENT;
        nvalues = unit_nvalues(s) + (s->flags & UNIT_KEEPS_PERCENT ? 1 : 0);
        if (nvalues * MAX_VALUE > sizeof local) values = xmalloc(nvalues * MAX_VALUE);
        unsigned char *at = values; /* numbers beyond 64 bits live in the result: kept by a copy */
        for (size_t i = 0; i < nvalues; i++) {
            rat_t v = i < unit_nvalues(s) ? value_at(r, root, i) : r->percent;
            at = put_value(at, rat_is_big(v) ? rat_keep(v, &st->arena) : v);
        }
        vlen = (size_t)(at - values);
    }
    size_t lens[3], total = 0;
    for (int k = 0; k < 3; k++) {
        lens[k] = texts[k] ? strlen(texts[k]) : 0;
        if (texts[k]) {
            s->flags |= (uint8_t)(UNIT_HAS_ID << k);
            total += lens[k] + 1;
        }
    }
    /* The origin comes last, so nothing skips over it: a line of standard
     * input is kept as its number (ORIGIN_LINE, then the line as a
     * varint: 3 bytes against 15), a file name as text (after
     * ORIGIN_ESCAPE when it begins with either mark). A unit with neither
     * id nor name keeps even "<stdin>:LINE" as text, for it is then the
     * unit's label (batch_unit_label), which must not need a buffer. */
    unsigned char origin_code[12];
    const char *origin_text = texts[2];
    size_t origin_len = 0; /* bytes kept for the origin */
    long long line = (texts[0] || texts[1]) ? stdin_line_of(texts[2]) : -1;
    if (line >= 0) {
        origin_code[0] = ORIGIN_LINE;
        origin_len = (size_t)(put_varint(origin_code + 1, (uint64_t)line) - origin_code);
    } else if (texts[2] && (texts[2][0] == ORIGIN_LINE || texts[2][0] == ORIGIN_ESCAPE)) {
        origin_code[0] = ORIGIN_ESCAPE;
        origin_len = 1 + lens[2] + 1;
    } else if (texts[2]) {
        origin_len = lens[2] + 1;
    }
    if (texts[2]) total += origin_len - (lens[2] + 1);
    unsigned char head[10];
    size_t hlen = (size_t)(put_varint(head, vlen) - head);
    size_t pad = vlen && total < 8 ? 8 - total : 0; /* see get_bytes */
    s->data = arena_alloc8(&st->arena, hlen + vlen + total + pad);
    char *at = s->data;
    memcpy(at, head, hlen);
    if (vlen) memcpy(at + hlen, values, vlen);
    at += hlen + vlen;
    if (values != local) free(values);
    for (int k = 0; k < 2; k++)
        if (texts[k]) {
            memcpy(at, texts[k], lens[k] + 1);
            at += lens[k] + 1;
        }
    if (line >= 0) {
        memcpy(at, origin_code, origin_len);
    } else if (origin_text) {
        if (origin_len > lens[2] + 1) *at++ = ORIGIN_ESCAPE;
        memcpy(at, origin_text, lens[2] + 1);
    }
    if (!r->ok) return;
    if (r->ci != st->origins_ci) { /* asked once per index version, not per unit */
        st->origins_ci = r->ci;
        st->origins_declared = r->ci && index_declares_origins(r->ci);
    }
    rat_t opts[3], omax[3];
    if (st->origins_declared && result_origin_totals(r, opts, omax)) {
        unit_extra_t *x = extra_of(s, st);
        x->origins = arena_alloc8(&st->arena, 4 * sizeof(rat_t));
        x->origins[0] = rat_keep(opts[ORIGIN_APPRAISAL], &st->arena);
        x->origins[1] = rat_keep(omax[ORIGIN_APPRAISAL], &st->arena);
        x->origins[2] = rat_keep(opts[ORIGIN_SURVEY], &st->arena);
        x->origins[3] = rat_keep(omax[ORIGIN_SURVEY], &st->arena);
    }
}

_Static_assert((int)UNIT_ORIGIN_SIZE >= (int)STDIN_ORIGIN_SIZE, "unit_origin writes stdin_origin_text into its buffer");

rat_t unit_value(const unit_summary_t *u, size_t i)
{
    size_t len;
    const unsigned char *p = values_start(u, &len);
    for (; i; i--) p += value_len[*p];
    return get_value(p);
}

size_t unit_values(const unit_summary_t *u, rat_t *out, size_t n)
{
    size_t len, have = unit_nvalues(u);
    if (n > have) n = have;
    const unsigned char *p = values_start(u, &len);
    for (size_t i = 0; i < n; i++) {
        out[i] = get_value(p);
        p += value_len[*p];
    }
    return n;
}

long long unit_id_name_line(const unit_summary_t *u, const char **id, const char **name)
{
    size_t len;
    const char *t = (const char *)values_start(u, &len) + len;
    *id = u->flags & UNIT_HAS_ID ? t : NULL;
    if (*id) t += strlen(t) + 1;
    *name = u->flags & UNIT_HAS_NAME ? t : NULL;
    if (!(u->flags & UNIT_HAS_ORIGIN)) return -1;
    if (*name) t += strlen(t) + 1;
    if (*t != ORIGIN_LINE) return -1;
    const unsigned char *p = (const unsigned char *)t + 1;
    return (long long)get_varint(&p);
}

long long unit_origin_line(const unit_summary_t *u)
{
    const char *t = unit_text(u, 2);
    if (!t || *t != ORIGIN_LINE) return -1;
    const unsigned char *p = (const unsigned char *)t + 1;
    return (long long)get_varint(&p);
}

const char *unit_origin_text(const unit_summary_t *u)
{
    const char *t = unit_text(u, 2);
    if (!t || *t == ORIGIN_LINE) return NULL;
    return *t == ORIGIN_ESCAPE ? t + 1 : t;
}

const char *unit_origin(const unit_summary_t *u, char buf[UNIT_ORIGIN_SIZE])
{
    const char *t = unit_text(u, 2);
    if (!t || *t != ORIGIN_LINE) return unit_origin_text(u);
    const unsigned char *p = (const unsigned char *)t + 1;
    return stdin_origin_text(get_varint(&p), buf);
}

const char *unit_text(const unit_summary_t *u, int which)
{
    if (!(u->flags & (UNIT_HAS_ID << which))) return NULL;
    size_t len;
    const char *t = (const char *)values_start(u, &len) + len;
    for (int k = 0; k < which; k++)
        if (u->flags & (UNIT_HAS_ID << k)) t += strlen(t) + 1;
    return t;
}

rat_t unit_percent(const unit_summary_t *u)
{
    if (!u->ok || !unit_has_percent(u)) return rat_int(0);
    return unit_percent_of(u, unit_points(u), unit_max(u));
}

rat_t unit_percent_of(const unit_summary_t *u, rat_t points, rat_t max)
{
    if (!u->ok || !unit_has_percent(u)) return rat_int(0);
    if (u->flags & UNIT_KEEPS_PERCENT) return unit_value(u, unit_nvalues(u));
    bool of = false; /* fits 64 bits: unit_summarize made sure */
    return unit_percent_value(points, max, &of);
}

rat_t unit_fmax(const unit_summary_t *u, int f)
{
    if (u->flags & UNIT_DECLARED_MAX) {
        const compiled_index_t *ci = unit_ci(u);
        return ci->nodes[ci->nodes[0].children[f]].max;
    }
    return unit_value(u, 2 + (size_t)u->nfields + (size_t)f);
}

_Static_assert(sizeof(void *) != 8 || sizeof(unit_summary_t) == 32, "a million summaries: keep them at 32 bytes");
