/* language.c — chiso_set_language and chiso_language, the public face of
 * engine/support/i18n.c: the language of every text the library writes. */
#include "chiso.h"
#include "engine/support/i18n.h"

int chiso_set_language(const char *lang) { return chiso_i18n_set(lang) ? 0 : -1; }

const char *chiso_language(void) { return chiso_i18n_lang() == CHISO_LANG_VI ? "vi" : "en"; }
