/* json_refs.c — constant pieces of JSON text named by short codes (see
 * json_refs.h).
 *
 * Codes: piece 0…27 is one byte, 0x01…0x1D without '\n'; piece 28…251 is
 * 0x1E and a byte 0x20 + (id - 28); a later piece is 0x1F and two such
 * bytes, high then low. */
#include "json_refs.h"

#include "json_writer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    ONE_BYTE = 28,                 /* pieces with a one-byte code */
    TWO_BYTES = ONE_BYTE + 224,    /* …and with two */
    MAX_PIECES = TWO_BYTES + 224 * 224,
};

typedef struct {
    const char *text; /* owned */
    size_t len;
} piece_t;

typedef struct {
    const char *key; /* NULL: an empty slot */
    int id;
    int kind;
} slot_t;

struct json_refs {
    piece_t *pieces;
    size_t count, cap;
    slot_t *slots; /* by the key's address: open addressing, power-of-two size */
    size_t nslots, used;
};

static size_t slot_of(const json_refs_t *r, const char *key)
{
    uint64_t h = (uint64_t)(uintptr_t)key * 0x9E3779B97F4A7C15ULL;
    return (size_t)(h >> 32) & (r->nslots - 1);
}

/* A piece is kept with PAD bytes after it, so that it may be copied in
 * whole blocks of 16. */
enum { PAD = 16 };

static void add_piece(json_refs_t *r, const char *text, size_t len)
{
    VEC_PUSH(r->pieces, r->count, r->cap);
    char *copy = xcalloc(1, len + PAD);
    memcpy(copy, text, len);
    r->pieces[r->count++] = (piece_t){copy, len};
}

json_refs_t *json_refs_new(void)
{
    json_refs_t *r = xcalloc(1, sizeof *r);
    for (int i = 0; i < JC_COUNT; i++) add_piece(r, jw_common_text[i].text, jw_common_text[i].len);
    r->nslots = 256;
    r->slots = xcalloc(r->nslots, sizeof *r->slots);
    return r;
}

void json_refs_free(json_refs_t *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->count; i++) free((char *)r->pieces[i].text);
    free(r->pieces);
    free(r->slots);
    free(r);
}

int json_refs_find(const json_refs_t *r, const char *key, json_ref_kind kind)
{
    for (size_t i = slot_of(r, key);; i = (i + 1) & (r->nslots - 1)) {
        const slot_t *s = &r->slots[i];
        if (!s->key) return -1;
        if (s->key == key && s->kind == (int)kind) return s->id;
    }
}

static void insert(json_refs_t *r, const char *key, int kind, int id)
{
    size_t i = slot_of(r, key);
    while (r->slots[i].key) i = (i + 1) & (r->nslots - 1);
    r->slots[i] = (slot_t){key, id, kind};
    r->used++;
}

/* The piece `text` (len bytes), found by `key`. */
static void add(json_refs_t *r, const char *key, json_ref_kind kind, const char *text, size_t len)
{
    add_piece(r, text, len);
    if (2 * (r->used + 1) > r->nslots) { /* at most half full */
        slot_t *old = r->slots;
        size_t nold = r->nslots;
        r->nslots *= 2;
        r->slots = xcalloc(r->nslots, sizeof *r->slots);
        r->used = 0;
        for (size_t i = 0; i < nold; i++)
            if (old[i].key) insert(r, old[i].key, old[i].kind, old[i].id);
        free(old);
    }
    insert(r, key, (int)kind, (int)r->count - 1);
}

static bool room_for(const json_refs_t *r, const char *key, json_ref_kind kind)
{
    return key && r->count < MAX_PIECES && json_refs_find(r, key, kind) < 0;
}

void json_refs_add_text(json_refs_t *r, const char *text, size_t len)
{
    if (room_for(r, text, JSON_REF_TEXT)) add(r, text, JSON_REF_TEXT, text, len);
}

void json_refs_add_string(json_refs_t *r, const char *s)
{
    if (!room_for(r, s, JSON_REF_STRING)) return;
    strbuf_t sb;
    sb_init(&sb);
    jw_t w;
    jw_init(&w, &sb);
    jw_string(&w, s);
    add(r, s, JSON_REF_STRING, sb.data, sb.len);
    sb_free(&sb);
}

void json_refs_put_long(strbuf_t *sb, int id)
{
    sb_reserve(sb, 3);
    char *out = sb->data + sb->len;
    if (id < TWO_BYTES) {
        out[0] = 0x1E;
        out[1] = (char)(0x20 + (id - ONE_BYTE));
        sb->len += 2;
    } else {
        int x = id - TWO_BYTES;
        out[0] = 0x1F;
        out[1] = (char)(0x20 + x / 224);
        out[2] = (char)(0x20 + x % 224);
        sb->len += 3;
    }
    sb->data[sb->len] = '\0';
}

/* Expanding is a copy of the spooled text with the pieces put in: text
 * runs are copied eight bytes at a time while looking for the next code
 * in the same word (the first byte below 0x20 of a little-endian word is
 * its lowest flagged one), pieces in blocks of 16; `room` keeps the
 * output large enough for the rest of the text and such whole blocks. */
bool json_refs_expand(const json_refs_t *r, const char *in, size_t n, strbuf_t *out)
{
    sb_reserve(out, n + PAD);
    char *o = out->data + out->len;
    size_t i = 0;
#define ROOM ((size_t)(out->data + out->cap - o)) /* > the rest of the text + PAD */
    for (;;) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
        while (i + 8 <= n) {
            uint64_t x;
            memcpy(&x, in + i, 8);
            memcpy(o, &x, 8);
            uint64_t hit = (x - ones * 0x20) & ~x & highs;
            if (hit) {
                size_t k = (size_t)__builtin_ctzll(hit) >> 3;
                o += k;
                i += k;
                goto code;
            }
            o += 8;
            i += 8;
        }
#endif
        while (i < n && (unsigned char)in[i] >= 0x20) *o++ = in[i++];
        if (i == n) break;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    code:;
#endif
        unsigned c = (unsigned char)in[i];
        size_t id;
        if (c == 0x1E) {
            if (i + 1 >= n || (unsigned char)in[i + 1] < 0x20) return false;
            id = ONE_BYTE + ((unsigned char)in[i + 1] - 0x20);
            i += 2;
        } else if (c == 0x1F) {
            if (i + 2 >= n || (unsigned char)in[i + 1] < 0x20 || (unsigned char)in[i + 2] < 0x20) return false;
            id = TWO_BYTES + ((unsigned char)in[i + 1] - 0x20) * 224 + ((unsigned char)in[i + 2] - 0x20);
            i += 3;
        } else {
            if (c == 0 || c == '\n') return false;
            id = c - 1 - (c > '\n');
            i += 1;
        }
        if (id >= r->count) return false;
        const piece_t *p = &r->pieces[id];
        if (ROOM <= p->len + (n - i) + PAD) {
            out->len = (size_t)(o - out->data);
            sb_reserve(out, p->len + (n - i) + PAD);
            o = out->data + out->len;
        }
        for (size_t k = 0; k < p->len; k += 16) memcpy(o + k, p->text + k, 16);
        o += p->len;
    }
#undef ROOM
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
    return true;
}
