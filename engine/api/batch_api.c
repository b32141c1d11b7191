/* batch_api.c — the batch calls of chiso_batch.h: the submissions'
 * iterator, the batch pipeline (engine/batch/) and its renderers
 * (engine/report/) behind one handle, as `chiso score` uses them. */
#include "chiso_batch.h"

#include "engine/batch/batch.h"
#include "engine/batch/batch_published.h"
#include "engine/report/batch_output.h"
#include "engine/support/safe_text.h"
#include "engine/support/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct chiso_batch {
    batch_t batch;
    const chiso_program *prog;
    size_t index;
    render_opts_t render;
    bool complete;
};

chiso_inputs *chiso_inputs_open(char **args, int nargs) { return input_iter_open(args, nargs); }
chiso_inputs *chiso_inputs_from_stream(FILE *in) { return input_iter_open_stream(in); }
const char *chiso_inputs_error(const chiso_inputs *in) { return input_iter_error(in); }
void chiso_inputs_close(chiso_inputs *in) { input_iter_close(in); }

/* The formats by name, in the order of out_format. */
static const char *const format_names[] = {"json", "ndjson", "text", "csv", "html", "xlsx", "published"};

static int format_of(const char *name)
{
    for (size_t i = 0; name && i < sizeof format_names / sizeof *format_names; i++)
        if (!strcmp(name, format_names[i])) return (int)i;
    return -1;
}

bool chiso_output_format_known(const char *name) { return format_of(name) >= 0; }

chiso_batch *chiso_batch_run(const chiso_program *prog, const chiso_batch_options *opts,
                             chiso_inputs *inputs)
{
    chiso_batch *b = xcalloc(1, sizeof *b);
    int format = format_of(opts->format);
    b->prog = prog;
    b->index = opts->index;
    b->render = (render_opts_t){format < 0 ? OUT_JSON : (out_format)format,
                                (opts->render & CHISO_RENDER_PRETTY) != 0,
                                (opts->render & CHISO_RENDER_DECIMAL_COMMA) != 0,
                                (opts->render & CHISO_RENDER_NO_SCORECARDS) != 0, opts->round,
                                (opts->render & CHISO_RENDER_DECIMAL_POINT) != 0, opts->frame};
    const render_opts_t *ro = &b->render;
    /* What the format needs decides what is kept: csv is made from the
     * summaries and each unit's criteria's points (spooled); text and html
     * show statistics per criterion. */
    batch_opts_t bo = {prog, opts->index, opts->flags, opts->jobs > 0 ? opts->jobs : 1, opts->fail_fast,
                       opts->progress,
                       ro->format != OUT_CSV && ro->format != OUT_PUBLISHED && !(ro->format == OUT_TEXT && ro->no_scorecards),
                       ro->format == OUT_TEXT || ro->format == OUT_HTML, ro->format == OUT_CSV, 0, 0};
    /* criteria's points spooled as the CSV row will hold them, to be
     * copied into it as they are (rounded ones are read back instead) */
    if (ro->format == OUT_CSV && ro->round < 0) {
        bo.leaf_sep = batch_csv_separator(ro);
        bo.leaf_point = batch_csv_point(ro);
    }
    b->complete = batch_run(&bo, inputs, &b->batch);
    return b;
}

bool chiso_batch_complete(const chiso_batch *b) { return b->complete; }
void chiso_batch_rank(chiso_batch *b, int decimals) { batch_rank(&b->batch, decimals); }
size_t chiso_batch_count(const chiso_batch *b) { return b->batch.count; }
size_t chiso_batch_failed(const chiso_batch *b) { return b->batch.failed; }
bool chiso_batch_stopped(const chiso_batch *b) { return b->batch.stopped; }
void chiso_batch_print_summary(const chiso_batch *b, FILE *out) { batch_print_summary(&b->batch, out); }

void chiso_batch_warn_duplicates(const chiso_batch *b, FILE *err)
{
    for (size_t i = 0; i < b->batch.count; i++) {
        const unit_summary_t *u = &b->batch.units[i];
        if (!unit_repeats(u)) continue;
        /* IDs and file names come from the submitters: no raw controls on a terminal. */
        char ob[UNIT_ORIGIN_SIZE];
        const char *shown[4] = {unit_id(u), unit_period(u) ? unit_period(u) : "", unit_duplicate_of(u), unit_origin(u, ob)};
        char *safe[4];
        for (int k = 0; k < 4; k++) safe[k] = shown[k] ? safe_text_line(shown[k]) : NULL;
        fprintf(err, "chiso score: unit '%s'%s%s appears more than once (%s and %s); all are kept\n",
                safe[0] ? safe[0] : shown[0], unit_period(u) ? " of period " : "", safe[1] ? safe[1] : shown[1],
                safe[2] ? safe[2] : shown[2], safe[3] ? safe[3] : shown[3]);
        for (int k = 0; k < 4; k++) free(safe[k]);
    }
}

bool chiso_batch_render(chiso_batch *b, FILE *out)
{
    /* Scorecards and tables for people: controls in names are shown escaped. */
    FILE *text = b->render.format == OUT_TEXT ? safe_text_stream(out) : NULL;
    bool rendered = batch_render(&b->batch, b->prog, b->index, &b->render, text ? text : out);
    if (text && fclose(text) != 0) rendered = false;
    return rendered;
}

json_t *chiso_batch_published_json(const chiso_batch *b)
{
    published_t p;
    published_build(&b->batch, &p);
    json_t *j = published_to_json(&p);
    published_free(&p);
    return j;
}

void chiso_batch_free(chiso_batch *b)
{
    if (!b) return;
    batch_free(&b->batch);
    free(b);
}
