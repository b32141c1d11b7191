/* lateness.c — how late a unit was, for each deadline a leaf's rule
 * checks (engine/compile/deadlines.c): a date after its due date by so
 * many days, or a duration over its limit by so many days. Recorded only
 * when the deadline was missed and both sides are known; the reports show
 * it beside the points ("trễ 5 ngày"), so a unit sees why, not only that. */
#include "result.h"

#include <stdlib.h>

void record_lateness(eval_t *ev, const cnode_t *c, node_result_t *nr)
{
    for (int i = 0; i < c->ndeadlines; i++) {
        const cdeadline_t *d = &c->deadlines[i];
        value_t a = eval_code(ev, &d->actual), due = eval_code(ev, &d->due);
        /* `< due` allows up to the day before: that day is the one shown. */
        rat_t late;
        bool of = false;
        if (!d->days && a.tag == V_DATE && due.tag == V_DATE) {
            if (d->strict) due.u.date--;
            late = rat_int((int64_t)a.u.date - due.u.date);
        } else if (d->days && a.tag == V_NUM && due.tag == V_NUM) {
            if (d->strict) due.u.num = rat_sub(due.u.num, rat_int(1), &of);
            late = rat_sub(a.u.num, due.u.num, &of);
        } else {
            continue; /* not applicable, missing: no date to be late with */
        }
        if (of || rat_sign(late) <= 0) continue;
        VEC_PUSH(nr->late, nr->nlate, nr->caplate);
        nr->late[nr->nlate++] = (late_result_t){d->label ? NULL : xstrdup(d->rule_text), d->label, d->days,
                                                a, due, late};
    }
}

void late_results_free(node_result_t *nr)
{
    for (size_t i = 0; i < nr->nlate; i++) free(nr->late[i].rule);
    free(nr->late);
}
