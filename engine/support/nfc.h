/* nfc.h — Unicode NFC for the short texts of submissions (unit names,
 * levels, periods, string metrics), so that "huyện" typed with combining
 * marks is the same level, the same unit and the same text as "huyện"
 * typed precomposed. Nearly every such text is NFC already: a quick scan
 * finds that without normalizing. */
#ifndef CHISO_NFC_H
#define CHISO_NFC_H

#include <stdbool.h>
#include <stddef.h>

/* NULL when s (valid UTF-8) is already NFC; otherwise its NFC form,
 * malloc'd. */
char *nfc_if_needed(const char *s);

/* True when the JSON text of n bytes can hold nothing that NFC changes:
 * every character is one NFC leaves alone whatever surrounds it (as the
 * quick check above) and there is no \u escape. Eight bytes at a time:
 * a submission's keys need no walk when this holds (nearly always). */
bool nfc_quick_json(const char *s, size_t n);

#endif
