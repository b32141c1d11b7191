/* ranking.h — standard competition ranking (1, 2, 2, 4) of exact keys,
 * highest first, separately within each group. One implementation serves
 * the library (chiso_rank) and the batch of `chiso score` (overall and
 * per-field ranks of up to millions of units). */
#ifndef CHISO_RANKING_H
#define CHISO_RANKING_H

#include "engine/support/rational.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ranking ranking_t;

/* Work space for ranking up to `capacity` entries, reusable for several
 * rankings of the same entries (one per field). */
ranking_t *ranking_new(size_t capacity);
/* The same in the caller's work space: `space`, of ranking_space(capacity)
 * bytes aligned as malloc aligns, is used, not kept nor freed; after
 * ranking_free the caller may use it for something else (memory touched
 * once serves several steps: fresh pages are page faults). */
size_t ranking_space(size_t capacity);
ranking_t *ranking_new_in(size_t capacity, void *space);
void ranking_free(ranking_t *rk);
/* Room for `capacity` ranks in the work space, which a run may write its
 * ranks into (valid until the next run): no array of the caller's own. */
uint32_t *ranking_ranks(ranking_t *rk);
/* Room for `capacity` entries of RANKING_KEY_BYTES in the work space, free
 * until a run sorts its items: what the key function of ranking_run_whole
 * reads may be put there (ranking_run asks for keys again after sorting:
 * not for it). It is where ranking_ranks are. */
enum { RANKING_KEY_BYTES = 12 };
void *ranking_key_space(ranking_t *rk);

/* Entry i's key and group; false when it takes no part. Asked once for
 * every entry with `key` NULL: then *approx is enough, the key within a
 * billionth of itself (a division of doubles); and again, with `approx`
 * NULL, for the exact key of entries whose keys are close to others'
 * (the answers must agree). */
typedef bool (*ranking_key_fn)(void *ctx, size_t i, rat_t *key, double *approx, uint32_t *group);

/* Ranks entries 0..n-1 (n <= capacity). Writes ranks[i] for every entry:
 * 1 for the highest key of its group, equal keys share a rank and the
 * next key skips the ties; 0 when it takes no part. Ties are exact: 1/3
 * and 2/6 tie, 87.254 and 87.249 do not. Keys are not kept: a ranking
 * needs 24 bytes an entry, `ranks` included when it is ranking_ranks(). */
void ranking_run(ranking_t *rk, size_t n, ranking_key_fn key_of, void *ctx, uint32_t *ranks);
/* The same for keys the caller knows to be whole numbers below 2^23 in
 * magnitude (*approx is then the exact key, and `key` is never asked):
 * equal keys tie, and no key is asked twice. */
void ranking_run_whole(ranking_t *rk, size_t n, ranking_key_fn key_of, void *ctx, uint32_t *ranks);

#endif
