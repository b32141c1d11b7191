/* batch_xlsx.c — `chiso score -f xlsx`: the ranked batch, read back from
 * the spool with its ranks, handed to the workbook writer; the workbook is
 * made in a private temporary file (libxlsxwriter writes to a path) and
 * copied to the output, which is written whole or not at all. */
#include "batch_output.h"

#include "engine/eval/result.h"
#include "engine/batch/batch_published.h"
#include "engine/report/report_xlsx.h"
#include "engine/support/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool copy_file(const char *path, FILE *out)
{
    FILE *in = fopen(path, "rb");
    if (!in) return false;
    char buf[65536];
    size_t n;
    bool ok = true;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n) {
            ok = false;
            break;
        }
    ok = ok && !ferror(in);
    fclose(in);
    return ok;
}

bool batch_render_xlsx(batch_t *b, const chiso_program *prog, size_t index, const render_opts_t *o, FILE *out)
{
    const char **ids, **names;
    batch_fields(prog, index, &ids, &names);
    json_t *all = json_array();
    char *line = NULL;
    size_t cap = 0;
    bool whole = true;
    for (size_t i = 0; i < b->count; i++) {
        size_t n;
        json_t *j = batch_spool_next(b, &line, &cap, &n) ? result_json_load(line, n, false, NULL) : NULL;
        if (!j) { /* the spool ended early or is damaged: no workbook rather than part of one */
            whole = false;
            break;
        }
        batch_decorate(j, &b->units[i], ids);
        json_array_append_new(all, j);
    }
    free(line);
    free(ids);
    free(names);
    if (!whole) {
        json_decref(all);
        return false;
    }
    const char *dir = getenv("TMPDIR");
    char *path = xasprintf("%s/chiso-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        fprintf(stderr, "chiso: cannot make a temporary file for the workbook in %s: %s\n",
                dir && *dir ? dir : "/tmp", strerror(errno));
        free(path);
        json_decref(all);
        return false;
    }
    close(fd);
    published_t pub; /* the sheet "Công bố" when the batch has several periods */
    published_build(b, &pub);
    xlsx_opts_t xo = {.decimals = o->round >= 0 ? o->round : 2, .published = published_to_json(&pub)};
    published_free(&pub);
    char *err = xlsx_write_scores(prog, index, all, path, &xo);
    json_decref(xo.published);
    json_decref(all);
    bool ok = !err && copy_file(path, out);
    if (err) fprintf(stderr, "chiso: cannot write the workbook: %s\n", err);
    unlink(path);
    free(path);
    free(err);
    return ok && !ferror(out);
}
