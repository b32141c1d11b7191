/* source.h — a rules file held in memory, ready for the lexer.
 *
 * Loading validates UTF-8 (reporting the first bad byte with line:column),
 * drops a leading BOM, turns CRLF and lone CR into LF and normalizes the text
 * to Unicode NFC, so that "hồ_sơ" typed with combining marks and the
 * precomposed spelling are the same identifier. Columns are counted in code
 * points of the normalized text, starting at 1. */
#ifndef CHISO_SOURCE_H
#define CHISO_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct diag_list;

typedef struct source {
    char *path;       /* as given (for messages) */
    char *text;       /* NFC, LF line ends, followed by two NUL bytes (flex scans it in place) */
    size_t len;
    uint32_t *line_starts; /* byte offset of each line */
    size_t nlines;
    int invalid;      /* not valid UTF-8: do not lex it */
    /* SHA-256 of the bytes as read (provenance of results), in hex: taken
     * when the loader rewrites the text (BOM, CR, NFC, bad UTF-8), else on
     * first request from the text, which is then those bytes (`check`
     * never asks: hashing is a tenth of checking a large file). */
    char sha256[65];
    int sha256_known;
} source_t;

/* Largest rules file accepted; bigger ones are refused with a message. */
#define SOURCE_MAX_BYTES (64u * 1024u * 1024u)

/* Reads and prepares `path`, which must be a regular file (a FIFO or a
 * device is refused without waiting on it). On failure returns NULL after
 * adding an error to `diags` (I/O errors carry line 0). */
source_t *source_load(const char *path, struct diag_list *diags);
/* Same from memory (tests, stdin). */
source_t *source_from_memory(const char *name, const char *bytes, size_t len,
                             struct diag_list *diags);
void source_free(source_t *src);
/* The SHA-256 of the file's bytes as read, in hex (see sha256 above). */
const char *source_sha256(source_t *src);
/* "a FIFO", "is a directory"... for messages about a file's type (st_mode). */
const char *source_file_kind(unsigned mode);

/* The text of line `line` (1-based) without its newline; *len receives its
 * length. NULL when out of range. */
const char *source_line(const source_t *src, int line, size_t *len);

/* Number of code points in the first `nbytes` of `s`: the bytes that are
 * not continuation bytes (10xxxxxx), counted eight at a time. Inline: the
 * lexer counts the columns of every token. */
static inline int utf8_columns(const char *s, size_t nbytes)
{
    int cols = 0;
    size_t i = 0;
    for (; i + 8 <= nbytes; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t cont = (w & ~(w << 1) & 0x8080808080808080ull) >> 7; /* 1 in each such byte */
        cols += 8 - (int)((cont * 0x0101010101010101ull) >> 56);   /* their sum, in the top byte */
    }
    for (; i < nbytes; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) cols++;
    return cols;
}

#endif
