/* json_exact.c — exact numbers through jansson trees (see json_exact.h). */
#include "json_exact.h"

#include "xalloc.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* What marks a number in a string: a control character no report text
 * holds, escaped by jansson as \u0001. */
#define MARK "\x01#"
#define MARK_DUMPED "\"\\u0001#"
/* A number of a submission that jansson cannot read exactly is a string of
 * a NUL and its text (submission_numbers.c); written back, it is the
 * number as the submission wrote it. */
#define SUBMISSION_MARK_DUMPED "\"\\u0000"

/* The JSON text of an exact number, as the result writer writes it: a whole
 * number beyond 64 bits gets ".0" (readers keeping integers in 64 bits read
 * it as a double rather than refuse it), one of more than 300 digits is a
 * string. malloc'd. */
static char *exact_text(rat_t v)
{
    char *text = rat_format_alloc(v, 6);
    size_t whole = strcspn(text, ".") - (text[0] == '-');
    if (whole > 300) {
        char *q = xasprintf("\"%s\"", text);
        free(text);
        return q;
    }
    errno = 0;
    if (!strchr(text, '.') && (strtoll(text, NULL, 10), errno == ERANGE)) {
        char *q = xasprintf("%s.0", text);
        free(text);
        return q;
    }
    return text;
}

static int significant_digits(const char *s)
{
    int n = 0;
    bool leading = true;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') continue;
        if (leading && *s == '0') continue;
        leading = false;
        n++;
    }
    return n;
}

json_t *json_exact_rat(rat_t r)
{
    bool of = false;
    rat_t x = rat_round(r, 6, &of);
    if (of) x = r;
    int64_t whole;
    if (!rat_is_big(x) && rat_to_int64(x, &whole)) return json_integer(whole);
    char *text = exact_text(x);
    json_t *out;
    if (text[0] != '"' && significant_digits(text) <= 15) {
        out = json_real(rat_to_double(x)); /* a double writes it in full */
    } else {
        char *marked = xasprintf(MARK "%s", text);
        out = json_string(marked);
        free(marked);
    }
    free(text);
    return out;
}

/* Is s[0..n) a number literal or a quoted string of digits, as exact_text
 * writes, or a JSON number as a submission wrote it (exponent and all)? */
static bool number_text(const char *s, size_t n)
{
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
        s++;
        n -= 2;
    }
    if (!n) return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == '-' || s[i] == '+' || s[i] == 'e' ||
              s[i] == 'E'))
            return false;
    return true;
}

/* Where the next marked string of dumped text starts, or NULL; *mark_len:
 * the length of its opening (quote and mark). */
static char *next_mark(char *p, char *end, size_t *mark_len)
{
    for (char *q = p; (q = memchr(q, '"', (size_t)(end - q))); q++) {
        if (end - q >= (ptrdiff_t)strlen(MARK_DUMPED) && !memcmp(q, MARK_DUMPED, strlen(MARK_DUMPED))) {
            *mark_len = strlen(MARK_DUMPED);
            return q;
        }
        if (end - q >= (ptrdiff_t)strlen(SUBMISSION_MARK_DUMPED) &&
            !memcmp(q, SUBMISSION_MARK_DUMPED, strlen(SUBMISSION_MARK_DUMPED))) {
            *mark_len = strlen(SUBMISSION_MARK_DUMPED);
            return q;
        }
    }
    return NULL;
}

/* Is raw[0..n), a marked string's dumped content, a number we wrote: a
 * string of digits comes with its quotes escaped. */
static bool dumped_number(const char *raw, size_t n)
{
    if (n >= 4 && !memcmp(raw, "\\\"", 2) && !memcmp(raw + n - 2, "\\\"", 2)) {
        raw += 2;
        n -= 4;
        if (!n) return false;
    }
    return number_text(raw, n);
}

size_t json_exact_fix_text(char *text, size_t n)
{
    size_t mark_len;
    char *end = text + n, *p = text, *out = text, *m;
    /* writing never overtakes reading: each number written is shorter
     * than the marked string it replaces */
    while ((m = next_mark(p, end, &mark_len))) {
        char *num = m + mark_len, *q = num;
        while (q < end && *q != '"') q += q[0] == '\\' && q + 1 < end ? 2 : 1;
        bool ours = q < end && dumped_number(num, (size_t)(q - num));
        char *upto = ours ? m : num; /* not one of ours: left as it is */
        memmove(out, p, (size_t)(upto - p));
        out += upto - p;
        p = upto;
        if (!ours) continue;
        for (char *c = num; c < q; c++) *out++ = *c == '\\' ? *++c : *c; /* \" -> " */
        p = q + 1;
    }
    memmove(out, p, (size_t)(end - p));
    out += end - p;
    *out = '\0';
    return (size_t)(out - text);
}

char *json_dumps_exact(const json_t *j, size_t flags)
{
    char *text = json_dumps(j, flags);
    if (text) json_exact_fix_text(text, strlen(text));
    return text;
}

/* The number a marked string holds, or NULL. */
static const char *marked_number(const json_t *v)
{
    const char *s = json_string_value(v);
    if (!s) return NULL;
    if (!strncmp(s, MARK, strlen(MARK))) return s + strlen(MARK) + (s[strlen(MARK)] == '"');
    if (json_string_length(v) >= 2 && s[0] == '\0') return s + 1; /* as a submission wrote it */
    return NULL;
}

/* The double nearest a marked number; one beyond a double's range (1e400,
 * 1e-400) stays its text, unmarked: a tree cannot hold it as a number. */
static json_t *unmarked(const char *num)
{
    errno = 0;
    double d = strtod(num, NULL);
    json_t *v = errno == ERANGE ? NULL : json_real(d);
    return v ? v : json_string(num);
}

void json_exact_unmark(json_t *j)
{
    const char *num;
    if (json_is_object(j)) {
        const char *key;
        json_t *v;
        json_object_foreach(j, key, v) {
            if ((num = marked_number(v))) json_object_set_new(j, key, unmarked(num));
            else json_exact_unmark(v);
        }
    } else if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v) {
            if ((num = marked_number(v))) json_array_set_new(j, i, unmarked(num));
            else json_exact_unmark(v);
        }
    }
}

static void newline(strbuf_t *sb, int n, int depth)
{
    sb_addc(sb, '\n');
    for (int i = 0; i < n * depth; i++) sb_addc(sb, ' ');
}

char *json_reindent(const char *s, int n)
{
    strbuf_t sb;
    sb_init(&sb);
    int depth = 0;
    for (const char *p = s; *p; p++) {
        char c = *p;
        if (c == '"') { /* a string, copied as it is */
            const char *q = p + 1;
            while (*q && *q != '"') q += q[0] == '\\' && q[1] ? 2 : 1;
            sb_add(&sb, p, (size_t)(q - p) + (*q ? 1 : 0));
            p = *q ? q : q - 1;
            continue;
        }
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') continue;
        if (c == '{' || c == '[') {
            const char *q = p + 1;
            while (*q == ' ' || *q == '\n' || *q == '\t' || *q == '\r') q++;
            if (*q == (c == '{' ? '}' : ']')) { /* empty: on one line */
                sb_addc(&sb, c);
                sb_addc(&sb, *q);
                p = q;
                continue;
            }
            sb_addc(&sb, c);
            newline(&sb, n, ++depth);
        } else if (c == '}' || c == ']') {
            newline(&sb, n, --depth);
            sb_addc(&sb, c);
        } else if (c == ',') {
            sb_addc(&sb, ',');
            newline(&sb, n, depth);
        } else if (c == ':') {
            sb_adds(&sb, ": ");
        } else {
            sb_addc(&sb, c);
        }
    }
    return sb.data ? sb_take(&sb) : xstrdup("");
}
