/* appraise_work.h — one unit on its way through the appraisal stages,
 * shared by the files that carry it (engine/appraise/): appraise_run.c
 * runs the stages and builds the report, appraise_evidence.c reads and
 * checks the self-assessment and its evidence, appraise_rounds.c applies
 * the appraisers' rounds and the unit's explanation. */
#ifndef CHISO_APPRAISE_WORK_H
#define CHISO_APPRAISE_WORK_H

#include "appraise.h"

#include "engine/compile/loaded_program.h"

enum { S_CLAIMED, S_ROUND1, S_ROUND2, S_FINAL, NSTAGES };
extern const char *const appraise_stage_names[NSTAGES]; /* "claimed", "round1", ... */
extern const afile_t appraise_stage_files[NSTAGES];     /* the file each stage reads */

typedef struct {
    const chiso_program *prog;
    size_t index;
    const compiled_index_t *ci;
    const aperiod_t *period;
} actx_t;

/* One unit on its way through the stages. */
typedef struct {
    aunit_t *u;
    const char *id;
    bool failed;
    bool *claimed_set;
    rat_t *claimed;
    bool *set;               /* points set by hand so far (cumulative) */
    rat_t *pts;
    json_t *sub;             /* the submission with the corrections so far */
    chiso_result *computed;  /* from the submitted metrics alone */
    chiso_result *res[NSTAGES];
    bool carried[NSTAGES];   /* the stage's file is absent: the previous stage carried */
    json_t *nodes;           /* id -> the node's record in the report */
    bool *asked;             /* explanation required in round 1 */
} awork_t;


/* A string member of o, or NULL. */
const char *appraise_str_of(json_t *o, const char *key);
/* The node numbered by ID (preorder), or -1. */
int appraise_node_of(const actx_t *a, const char *id);
/* The node's record in the unit's report, made on first use. */
json_t *appraise_node_record(awork_t *w, const actx_t *a, int idx);
/* The stage scored by the engine, with the points set by hand (or none). */
chiso_result *appraise_score_stage(awork_t *w, const actx_t *a, const bool *set, const rat_t *pts);

/* appraise_evidence.c */
bool appraise_check_keys(aunit_t *u, afile_t f, const char *node, json_t *obj, const char *const *known);
bool appraise_check_evidence(aunit_t *u, afile_t f, const char *node, json_t *ev);
void appraise_date_findings(const actx_t *a, aunit_t *u, const char *stage, const char *node, json_t *ev,
                            int deadline, const char *deadline_name);
void appraise_read_claims(awork_t *w, const actx_t *a);
void appraise_self_findings(awork_t *w, const actx_t *a);

/* appraise_rounds.c */
void appraise_read_round(awork_t *w, const actx_t *a, int stage);
void appraise_read_explanation(awork_t *w, const actx_t *a);

#endif
