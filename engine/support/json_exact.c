/* json_exact.c — exact numbers through jansson trees (see json_exact.h). */
#include "json_exact.h"

#include "xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* What marks a number in a string: a control character no report text
 * holds, escaped by jansson as \u0001. */
#define MARK "\x01#"
#define MARK_DUMPED "\"\\u0001#"

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

/* Is s[0..n) a number literal or a quoted string of digits, as exact_text writes? */
static bool number_text(const char *s, size_t n)
{
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
        s++;
        n -= 2;
    }
    if (!n) return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || (s[i] == '-' && i == 0))) return false;
    return true;
}

char *json_dumps_exact(const json_t *j, size_t flags)
{
    char *text = json_dumps(j, flags);
    if (!text || !strstr(text, MARK_DUMPED)) return text;
    strbuf_t sb;
    sb_init(&sb);
    const char *p = text;
    for (const char *m; (m = strstr(p, MARK_DUMPED));) {
        const char *start = m + strlen(MARK_DUMPED);
        /* the marked text holds no quote or backslash of its own, but for
         * the quotes of a string of digits, which jansson escapes */
        strbuf_t num;
        sb_init(&num);
        const char *q = start;
        while (*q && *q != '"') {
            if (q[0] == '\\' && q[1] == '"') {
                sb_addc(&num, '"');
                q += 2;
            } else {
                sb_addc(&num, *q++);
            }
        }
        sb_add(&sb, p, (size_t)(m - p));
        if (*q == '"' && num.len && number_text(num.data, num.len)) {
            sb_add(&sb, num.data, num.len);
            p = q + 1;
        } else { /* not one of ours: left as it is */
            sb_add(&sb, m, (size_t)(start - m));
            p = start;
        }
        sb_free(&num);
    }
    sb_adds(&sb, p);
    free(text);
    return sb_take(&sb);
}

void json_exact_unmark(json_t *j)
{
    if (json_is_object(j)) {
        const char *key;
        json_t *v;
        json_object_foreach(j, key, v) {
            const char *s = json_string_value(v);
            if (s && !strncmp(s, MARK, strlen(MARK))) {
                const char *num = s + strlen(MARK) + (s[strlen(MARK)] == '"');
                json_object_set_new(j, key, json_real(strtod(num, NULL)));
            } else {
                json_exact_unmark(v);
            }
        }
    } else if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v) {
            const char *s = json_string_value(v);
            if (s && !strncmp(s, MARK, strlen(MARK))) {
                const char *num = s + strlen(MARK) + (s[strlen(MARK)] == '"');
                json_array_set_new(j, i, json_real(strtod(num, NULL)));
            } else {
                json_exact_unmark(v);
            }
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
