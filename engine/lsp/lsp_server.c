/* lsp_server.c — `chiso lsp`: a Language Server Protocol server on a pair
 * of streams (stdio). Messages are JSON-RPC 2.0 framed by Content-Length
 * headers. Open documents are kept whole (full or ranged changes are both
 * applied) and analysed again on every change, which publishes the
 * checker's diagnostics as the author types; the questions (hover,
 * definition, completion, symbols, formatting) go to lsp_doc.c. */
#include "chiso.h"

#include "engine/lsp/lsp_doc.h"
#include "engine/support/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define MAX_MESSAGE (64u * 1024u * 1024u)

typedef struct {
    char *uri;
    char *text;
    size_t len;
    json_int_t version;
    lsp_doc_t *doc;
} open_doc_t;

typedef struct {
    FILE *in, *out;
    open_doc_t *docs;
    size_t ndocs, capdocs;
    bool initialized, shutdown;
} server_t;

/* ---- framing ---- */

static json_t *read_message(FILE *in, bool *eof)
{
    size_t length = 0;
    bool have_length = false;
    char line[1024];
    for (;;) {
        if (!fgets(line, sizeof line, in)) {
            *eof = true;
            return NULL;
        }
        if (!strcmp(line, "\r\n") || !strcmp(line, "\n")) {
            if (have_length) break;
            continue;
        }
        if (!strncasecmp(line, "Content-Length:", 15)) {
            length = strtoul(line + 15, NULL, 10);
            have_length = true;
        }
    }
    if (length > MAX_MESSAGE) {
        *eof = true;
        return NULL;
    }
    char *body = xmalloc(length + 1);
    if (fread(body, 1, length, in) != length) {
        free(body);
        *eof = true;
        return NULL;
    }
    body[length] = '\0';
    json_error_t err;
    json_t *msg = json_loadb(body, length, 0, &err);
    free(body);
    return msg ? msg : json_null();
}

static void send(server_t *s, json_t *msg)
{
    json_object_set_new(msg, "jsonrpc", json_string("2.0"));
    char *body = json_dumps(msg, JSON_COMPACT);
    fprintf(s->out, "Content-Length: %zu\r\n\r\n%s", strlen(body), body);
    fflush(s->out);
    free(body);
    json_decref(msg);
}

static void reply(server_t *s, json_t *id, json_t *result)
{
    send(s, json_pack("{s:O, s:o}", "id", id, "result", result ? result : json_null()));
}

static void reply_error(server_t *s, json_t *id, int code, const char *message)
{
    send(s, json_pack("{s:O, s:{s:i, s:s}}", "id", id ? id : json_null(), "error", "code", code, "message",
                      message));
}

/* ---- documents ---- */

static open_doc_t *find_doc(server_t *s, const char *uri)
{
    for (size_t i = 0; uri && i < s->ndocs; i++)
        if (!strcmp(s->docs[i].uri, uri)) return &s->docs[i];
    return NULL;
}

static void analyse(server_t *s, open_doc_t *d)
{
    lsp_doc_free(d->doc);
    char *path = lsp_uri_to_path(d->uri);
    d->doc = lsp_doc_open(path, d->text, d->len);
    free(path);
    send(s, json_pack("{s:s, s:{s:s, s:I, s:o}}", "method", "textDocument/publishDiagnostics", "params",
                      "uri", d->uri, "version", d->version, "diagnostics", lsp_doc_diagnostics(d->doc)));
}

/* Byte offset of an LSP position (UTF-16 units) in raw text. */
static size_t offset_of(const char *text, size_t len, json_t *pos)
{
    json_int_t line = json_integer_value(json_object_get(pos, "line"));
    json_int_t ch = json_integer_value(json_object_get(pos, "character"));
    size_t i = 0;
    for (json_int_t l = 0; l < line && i < len; i++)
        if (text[i] == '\n') l++;
    for (json_int_t u = 0; u < ch && i < len && text[i] != '\n' && text[i] != '\r';) {
        unsigned char c = (unsigned char)text[i];
        size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        u += n == 4 ? 2 : 1;
        i += n;
    }
    return i > len ? len : i;
}

static void apply_change(open_doc_t *d, json_t *change)
{
    const char *text = json_string_value(json_object_get(change, "text"));
    if (!text) return;
    size_t tlen = json_string_length(json_object_get(change, "text"));
    json_t *r = json_object_get(change, "range");
    if (!r) {
        free(d->text);
        d->text = xstrndup(text, tlen);
        d->len = tlen;
        return;
    }
    size_t a = offset_of(d->text, d->len, json_object_get(r, "start"));
    size_t b = offset_of(d->text, d->len, json_object_get(r, "end"));
    if (b < a) b = a;
    char *next = xmalloc(d->len - (b - a) + tlen + 1);
    memcpy(next, d->text, a);
    memcpy(next + a, text, tlen);
    memcpy(next + a + tlen, d->text + b, d->len - b);
    d->len = d->len - (b - a) + tlen;
    next[d->len] = '\0';
    free(d->text);
    d->text = next;
}

static void close_doc(server_t *s, open_doc_t *d)
{
    send(s, json_pack("{s:s, s:{s:s, s:[]}}", "method", "textDocument/publishDiagnostics", "params", "uri",
                      d->uri, "diagnostics"));
    lsp_doc_free(d->doc);
    free(d->uri);
    free(d->text);
    size_t i = (size_t)(d - s->docs);
    memmove(d, d + 1, (s->ndocs - i - 1) * sizeof *d);
    s->ndocs--;
}

/* ---- methods ---- */

static json_t *capabilities(void)
{
    return json_pack("{s:{s:{s:b, s:i, s:{s:b}}, s:b, s:b, s:{s:[s]}, s:b, s:b}, s:{s:s, s:s}}",
                     "capabilities", "textDocumentSync", "openClose", 1, "change", 1, "save", "includeText", 0,
                     "hoverProvider", 1, "definitionProvider", 1, "completionProvider", "triggerCharacters", ".",
                     "documentSymbolProvider", 1, "documentFormattingProvider", 1, "serverInfo", "name", "chiso",
                     "version", chiso_version());
}

static void notification(server_t *s, const char *method, json_t *params)
{
    json_t *td = json_object_get(params, "textDocument");
    const char *uri = json_string_value(json_object_get(td, "uri"));
    if (!strcmp(method, "textDocument/didOpen") && uri) {
        open_doc_t *d = find_doc(s, uri);
        if (!d) {
            VEC_PUSH(s->docs, s->ndocs, s->capdocs);
            d = &s->docs[s->ndocs++];
            memset(d, 0, sizeof *d);
            d->uri = xstrdup(uri);
        }
        const char *text = json_string_value(json_object_get(td, "text"));
        free(d->text);
        d->len = text ? json_string_length(json_object_get(td, "text")) : 0;
        d->text = xstrndup(text ? text : "", d->len);
        d->version = json_integer_value(json_object_get(td, "version"));
        analyse(s, d);
    } else if (!strcmp(method, "textDocument/didChange")) {
        open_doc_t *d = find_doc(s, uri);
        if (!d) return;
        size_t i;
        json_t *c;
        json_array_foreach(json_object_get(params, "contentChanges"), i, c) apply_change(d, c);
        d->version = json_integer_value(json_object_get(td, "version"));
        analyse(s, d);
    } else if (!strcmp(method, "textDocument/didSave")) {
        open_doc_t *d = find_doc(s, uri);
        if (d) analyse(s, d); /* an included file may have changed too */
    } else if (!strcmp(method, "textDocument/didClose")) {
        open_doc_t *d = find_doc(s, uri);
        if (d) close_doc(s, d);
    }
}

static void request(server_t *s, json_t *id, const char *method, json_t *params)
{
    if (!strcmp(method, "initialize")) {
        s->initialized = true;
        reply(s, id, capabilities());
        return;
    }
    if (!s->initialized) {
        reply_error(s, id, -32002, "the server is not initialized");
        return;
    }
    if (!strcmp(method, "shutdown")) {
        s->shutdown = true;
        reply(s, id, json_null());
        return;
    }
    const char *uri = json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
    open_doc_t *d = find_doc(s, uri);
    json_t *pos = json_object_get(params, "position");
    int line = (int)json_integer_value(json_object_get(pos, "line"));
    int ch = (int)json_integer_value(json_object_get(pos, "character"));
    bool known = true;
    json_t *result = NULL;
    if (!strcmp(method, "textDocument/hover")) result = d ? lsp_doc_hover(d->doc, line, ch) : NULL;
    else if (!strcmp(method, "textDocument/definition")) result = d ? lsp_doc_definition(d->doc, line, ch) : NULL;
    else if (!strcmp(method, "textDocument/completion")) result = d ? lsp_doc_completion(d->doc, line, ch) : json_array();
    else if (!strcmp(method, "textDocument/documentSymbol")) result = d ? lsp_doc_symbols(d->doc) : json_array();
    else if (!strcmp(method, "textDocument/formatting")) result = d ? lsp_doc_format(d->doc) : NULL;
    else known = false;
    if (known) reply(s, id, result);
    else reply_error(s, id, -32601, "method not supported");
}

int chiso_lsp_serve(FILE *in, FILE *out)
{
    server_t s;
    memset(&s, 0, sizeof s);
    s.in = in;
    s.out = out;
    int code = 1; /* the input ended without shutdown and exit */
    for (;;) {
        bool eof = false;
        json_t *msg = read_message(in, &eof);
        if (eof) break;
        const char *method = json_string_value(json_object_get(msg, "method"));
        json_t *id = json_object_get(msg, "id");
        if (!json_is_object(msg)) {
            reply_error(&s, NULL, -32700, "the message is not JSON");
        } else if (!method) {
            /* a response to a request of ours: none are sent */
        } else if (!strcmp(method, "exit")) {
            code = s.shutdown ? 0 : 1;
            json_decref(msg);
            break;
        } else if (id) {
            request(&s, id, method, json_object_get(msg, "params"));
        } else {
            notification(&s, method, json_object_get(msg, "params"));
        }
        json_decref(msg);
    }
    while (s.ndocs) {
        open_doc_t *d = &s.docs[s.ndocs - 1];
        lsp_doc_free(d->doc);
        free(d->uri);
        free(d->text);
        s.ndocs--;
    }
    free(s.docs);
    return code;
}
