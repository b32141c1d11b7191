/* i18n.h — messages in the reader's language (GNU gettext).
 *
 * Every diagnostic, hint, error, finding and reason is written in English
 * in the source and looked up in the catalogue po/vi.po (compiled into
 * locale/vi/LC_MESSAGES/chiso.mo) when the language is Vietnamese. The
 * functions that take a message (diag_add, diag_hint, result_add_error,
 * result_add_finding, ...) translate their format themselves; _() marks a
 * piece of text elsewhere and N_() a constant translated where it is used.
 * Codes (diagnostic `code`, finding `kind`) are never translated. */
#ifndef CHISO_I18N_H
#define CHISO_I18N_H

#include <stdbool.h>

typedef enum { CHISO_LANG_EN, CHISO_LANG_VI } chiso_lang_t;

/* Sets the language of messages: "vi" or "en" (also "vi_VN.UTF-8" and the
 * like). Call before any thread starts. False for a language chiso does
 * not know; then nothing changes. */
bool chiso_i18n_set(const char *lang);
chiso_lang_t chiso_i18n_lang(void);
/* The language the locale asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG,
 * the first one set): "vi" or "en", or NULL when it names none (unset, C,
 * POSIX, C.UTF-8). */
const char *chiso_i18n_locale_lang(void);
/* Whether Vietnamese was asked for and its catalogue could not be found
 * (messages then stay English). */
bool chiso_i18n_catalogue_missing(void);
/* The catalogue directory used: $CHISO_LOCALEDIR, else locale/ beside the
 * program (the build tree), else ../share/locale beside it, else the
 * directory chiso was installed with. */
const char *chiso_i18n_dir(void);

const char *chiso_gettext(const char *msgid) __attribute__((format_arg(1)));
const char *chiso_ngettext(const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(1), format_arg(2)));

#define _(s) chiso_gettext(s)
#define N_(s) (s)

#endif
