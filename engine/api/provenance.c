/* provenance.c — where results come from: the rules file and the files it
 * includes with their SHA-256 (of the bytes as read, so a published table
 * can be traced to its rules byte for byte), the engine's version and the
 * time of scoring. Built once per program as JSON text that every result
 * carries; SOURCE_DATE_EPOCH fixes the time for reproducible outputs. */
#include "program_impl.h"

#include "engine/support/json_writer.h"
#include "engine/support/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

long long chiso_scoring_time(void)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch && strlen(epoch) <= 15 && strspn(epoch, "0123456789") == strlen(epoch))
        return strtoll(epoch, NULL, 10);
    return (long long)time(NULL);
}

void provenance_build(chiso_program *cp)
{
    const program_t *p = &cp->prog;
    strbuf_t sb;
    sb_init(&sb);
    jw_t w;
    jw_init(&w, &sb);
    jw_object(&w);
    JW_KEY(&w, "rules");
    jw_string(&w, p->nsources ? p->sources[0]->path : NULL);
    JW_KEY(&w, "rules_sha256");
    jw_string(&w, p->nsources ? source_sha256(p->sources[0]) : NULL);
    JW_KEY(&w, "includes");
    jw_array(&w);
    for (size_t i = 1; i < p->nsources; i++) {
        jw_object(&w);
        JW_KEY(&w, "file");
        jw_string(&w, p->sources[i]->path);
        JW_KEY(&w, "sha256");
        jw_string(&w, source_sha256(p->sources[i]));
        jw_end_object(&w);
    }
    jw_end_array(&w);
    char text[64];
    snprintf(text, sizeof text, "chiso %s", chiso_version());
    JW_KEY(&w, "engine");
    jw_string(&w, text);
    time_t t = (time_t)cp->scored_at;
    struct tm tm;
    if (gmtime_r(&t, &tm)) strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    else snprintf(text, sizeof text, "?");
    JW_KEY(&w, "scored_at");
    jw_string(&w, text);
    jw_end_object(&w);
    free(cp->provenance);
    cp->provenance = sb_take(&sb);
}

void chiso_program_set_scored_at(chiso_program *prog, long long unix_seconds)
{
    prog->scored_at = unix_seconds;
    provenance_build(prog);
}

long long chiso_program_scored_at(const chiso_program *prog) { return prog->scored_at; }

const char *chiso_program_provenance_json(const chiso_program *prog) { return prog->provenance; }
