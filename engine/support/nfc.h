/* nfc.h — Unicode NFC for the short texts of submissions (unit names,
 * levels, periods, string metrics), so that "huyện" typed with combining
 * marks is the same level, the same unit and the same text as "huyện"
 * typed precomposed. Nearly every such text is NFC already: a quick scan
 * finds that without normalizing. */
#ifndef CHISO_NFC_H
#define CHISO_NFC_H

/* NULL when s (valid UTF-8) is already NFC; otherwise its NFC form,
 * malloc'd. */
char *nfc_if_needed(const char *s);

#endif
