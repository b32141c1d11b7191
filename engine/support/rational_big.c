/* rational_big.c — big fractions with GMP (see rational_big.h).
 *
 * A big number is one immutable block: a small header and the limbs of
 * numerator and denominator, bump-allocated in the thread's big arena (a
 * result's own while it is scored), so it is freed with that arena, copied
 * with one memcpy (rat_keep) and never needs a destructor. Operations read
 * their operands through read-only GMP views of the block, compute in
 * temporaries, and store the result back as a block only when it does not
 * fit 64 bits. */
#include "rational_big.h"

#include "arena.h"
#include "xalloc.h"

#include <gmp.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(long) == sizeof(int64_t), "GMP's si functions must take 64-bit values");

typedef struct rat_big {
    int32_t nsize;     /* limbs of the numerator, negative for a negative number (as GMP) */
    int32_t dsize;     /* limbs of the denominator, > 0 */
    mp_limb_t limbs[]; /* the numerator's, then the denominator's */
} rat_big_t;

static _Thread_local arena_t *big_arena;

arena_t *rat_big_arena(arena_t *a)
{
    arena_t *prev = big_arena;
    big_arena = a;
    return prev;
}

static const rat_big_t *big_of(rat_t a) { return (const rat_big_t *)(intptr_t)a.num; }

static size_t nlimbs(const rat_big_t *b) { return (size_t)(b->nsize < 0 ? -b->nsize : b->nsize); }

static size_t big_bytes(const rat_big_t *b)
{
    return sizeof *b + (nlimbs(b) + (size_t)b->dsize) * sizeof(mp_limb_t);
}

rat_t rat_keep(rat_t r, arena_t *a)
{
    if (!rat_is_big(r)) return r;
    size_t n = big_bytes(big_of(r));
    rat_big_t *copy = arena_alloc(a, n);
    memcpy(copy, big_of(r), n);
    r.num = (int64_t)(intptr_t)copy;
    return r;
}

bool rat_big_is_int(rat_t a)
{
    const rat_big_t *b = big_of(a);
    return b->dsize == 1 && b->limbs[nlimbs(b)] == 1;
}

int rat_sign_big(rat_t a)
{
    if (!rat_is_big(a)) return (a.num > 0) - (a.num < 0);
    return big_of(a)->nsize < 0 ? -1 : 1; /* a big number is never 0 */
}

bool rat_to_int64(rat_t a, int64_t *out)
{
    if (a.den != 1) return false; /* a big number never fits */
    *out = a.num;
    return true;
}

/* An operand as an mpq: a read-only view of a big block, or a small
 * fraction copied into GMP (then `owned`, to be cleared). */
typedef struct {
    mpq_t q;
    bool owned;
} view_t;

static void view_of(view_t *v, rat_t a)
{
    if (rat_is_big(a)) {
        const rat_big_t *b = big_of(a);
        mpz_roinit_n(mpq_numref(v->q), b->limbs, b->nsize);
        mpz_roinit_n(mpq_denref(v->q), b->limbs + nlimbs(b), b->dsize);
        v->owned = false;
    } else {
        mpq_init(v->q);
        mpz_set_si(mpq_numref(v->q), (long)a.num);
        mpz_set_si(mpq_denref(v->q), (long)a.den);
        v->owned = true;
    }
}

static void view_end(view_t *v)
{
    if (v->owned) mpq_clear(v->q);
}

/* A canonical mpq as a number: small when it fits, else a block. */
static rat_t from_mpq(mpq_srcptr q, bool *overflow)
{
    mpz_srcptr n = mpq_numref(q), d = mpq_denref(q);
    if (mpz_fits_slong_p(n) && mpz_fits_slong_p(d)) {
        long nv = mpz_get_si(n);
        if (nv != LONG_MIN) {
            rat_t r = {nv, mpz_get_si(d)};
            return r;
        }
    }
    size_t nl = mpz_size(n), dl = mpz_size(d);
    if (!big_arena || nl + dl > RAT_BIG_MAX_LIMBS) {
        *overflow = true;
        return rat_int(0);
    }
    rat_big_t *b = arena_alloc(big_arena, sizeof *b + (nl + dl) * sizeof(mp_limb_t));
    b->nsize = mpz_sgn(n) < 0 ? -(int32_t)nl : (int32_t)nl;
    b->dsize = (int32_t)dl;
    memcpy(b->limbs, mpz_limbs_read(n), nl * sizeof(mp_limb_t));
    memcpy(b->limbs + nl, mpz_limbs_read(d), dl * sizeof(mp_limb_t));
    rat_t r = {(int64_t)(intptr_t)b, 0};
    return r;
}

static void set_wide(mpz_ptr z, wide_t v)
{
    unsigned __int128 m = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
    uint64_t words[2] = {(uint64_t)m, (uint64_t)(m >> 64)};
    mpz_import(z, 2, -1, sizeof words[0], 0, 0, words);
    if (v < 0) mpz_neg(z, z);
}

rat_t big_from_wide(wide_t num, wide_t den, bool *overflow)
{
    if (!big_arena) { /* the common answer without an arena: no GMP at all */
        *overflow = true;
        return rat_int(0);
    }
    mpq_t q;
    mpq_init(q);
    set_wide(mpq_numref(q), num);
    set_wide(mpq_denref(q), den);
    rat_t r = from_mpq(q, overflow);
    mpq_clear(q);
    return r;
}

/* Operands too large together to make a result within the bound. */
static bool too_large(rat_t a, rat_t b)
{
    size_t n = 0;
    if (rat_is_big(a)) n += nlimbs(big_of(a)) + (size_t)big_of(a)->dsize;
    if (rat_is_big(b)) n += nlimbs(big_of(b)) + (size_t)big_of(b)->dsize;
    return n > 2 * RAT_BIG_MAX_LIMBS;
}

static rat_t binary(void (*op)(mpq_ptr, mpq_srcptr, mpq_srcptr), rat_t a, rat_t b, bool *overflow)
{
    if (!big_arena || too_large(a, b)) {
        *overflow = true;
        return rat_int(0);
    }
    view_t x, y;
    view_of(&x, a);
    view_of(&y, b);
    mpq_t r;
    mpq_init(r);
    op(r, x.q, y.q);
    rat_t out = from_mpq(r, overflow);
    mpq_clear(r);
    view_end(&x);
    view_end(&y);
    return out;
}

rat_t big_add(rat_t a, rat_t b, bool *overflow) { return binary(mpq_add, a, b, overflow); }
rat_t big_sub(rat_t a, rat_t b, bool *overflow) { return binary(mpq_sub, a, b, overflow); }
rat_t big_mul(rat_t a, rat_t b, bool *overflow) { return binary(mpq_mul, a, b, overflow); }
rat_t big_div(rat_t a, rat_t b, bool *overflow) { return binary(mpq_div, a, b, overflow); }

rat_t big_neg(rat_t a, bool *overflow)
{
    if (rat_is_big(a)) {
        if (!big_arena) {
            *overflow = true;
            return rat_int(0);
        }
        /* The same block with the numerator's sign turned. */
        size_t n = big_bytes(big_of(a));
        rat_big_t *b = arena_alloc(big_arena, n);
        memcpy(b, big_of(a), n);
        b->nsize = -b->nsize;
        rat_t r = {(int64_t)(intptr_t)b, 0};
        return r;
    }
    return big_from_wide(-(wide_t)a.num, a.den, overflow); /* only -INT64_MIN gets here */
}

int big_cmp(rat_t a, rat_t b)
{
    view_t x, y;
    view_of(&x, a);
    view_of(&y, b);
    int c = mpq_cmp(x.q, y.q);
    view_end(&x);
    view_end(&y);
    return (c > 0) - (c < 0);
}

/* q = |a| × 10^digits rounded half away from zero. */
static void scaled_rounded(mpz_ptr q, mpq_srcptr a, int digits)
{
    mpz_t num, rem;
    mpz_init(num);
    mpz_init(rem);
    mpz_abs(num, mpq_numref(a));
    mpz_ui_pow_ui(rem, 10, (unsigned long)digits);
    mpz_mul(num, num, rem);
    mpz_tdiv_qr(q, rem, num, mpq_denref(a));
    mpz_mul_2exp(rem, rem, 1);
    if (mpz_cmp(rem, mpq_denref(a)) >= 0) mpz_add_ui(q, q, 1);
    mpz_clear(num);
    mpz_clear(rem);
}

rat_t big_round(rat_t a, int digits, bool *overflow)
{
    view_t x;
    view_of(&x, a);
    mpq_t r;
    mpq_init(r);
    scaled_rounded(mpq_numref(r), x.q, digits);
    if (mpq_sgn(x.q) < 0) mpz_neg(mpq_numref(r), mpq_numref(r));
    mpz_ui_pow_ui(mpq_denref(r), 10, (unsigned long)digits);
    mpq_canonicalize(r);
    rat_t out = from_mpq(r, overflow);
    mpq_clear(r);
    view_end(&x);
    return out;
}

bool big_parse(bool neg, const char *digits, size_t ndigits, long exp10, rat_t *out)
{
    if (!big_arena) return false;
    char *text = xmalloc(ndigits + 1);
    memcpy(text, digits, ndigits);
    text[ndigits] = '\0';
    mpq_t q;
    mpq_init(q);
    mpz_set_str(mpq_numref(q), text, 10);
    free(text);
    if (neg) mpz_neg(mpq_numref(q), mpq_numref(q));
    mpz_t p;
    mpz_init(p);
    mpz_ui_pow_ui(p, 10, (unsigned long)(exp10 < 0 ? -exp10 : exp10));
    if (exp10 >= 0) mpz_mul(mpq_numref(q), mpq_numref(q), p);
    else mpz_set(mpq_denref(q), p);
    mpz_clear(p);
    mpq_canonicalize(q);
    bool overflow = false;
    *out = from_mpq(q, &overflow);
    mpq_clear(q);
    return !overflow;
}

char *big_format(rat_t a, int digits, bool fixed)
{
    view_t x;
    view_of(&x, a);
    mpz_t q;
    mpz_init(q);
    scaled_rounded(q, x.q, digits);
    bool negative = mpq_sgn(x.q) < 0 && mpz_sgn(q) != 0;
    view_end(&x);
    size_t len = mpz_sizeinbase(q, 10) + 2;
    char *abs_digits = xmalloc(len);
    mpz_get_str(abs_digits, 10, q);
    mpz_clear(q);
    size_t n = strlen(abs_digits), d = (size_t)digits;
    /* Room for the sign, the integer part (at least "0"), the mark and digits. */
    char *out = xmalloc(n + d + 4);
    size_t o = 0;
    if (negative) out[o++] = '-';
    if (n > d) {
        memcpy(out + o, abs_digits, n - d);
        o += n - d;
    } else {
        out[o++] = '0';
    }
    if (d > 0) {
        size_t mark = o;
        out[o++] = '.';
        size_t pad = d > n ? d - n : 0; /* the last d digits, zero-padded on the left */
        for (size_t k = 0; k < d; k++) out[o++] = k < pad ? '0' : abs_digits[n + k - d];
        if (!fixed) {
            while (o > mark + 1 && out[o - 1] == '0') o--;
            if (o == mark + 1) o = mark;
        }
    }
    out[o] = '\0';
    free(abs_digits);
    return out;
}

double big_to_double(rat_t a)
{
    view_t x;
    view_of(&x, a);
    double d = mpq_get_d(x.q);
    view_end(&x);
    return d;
}
