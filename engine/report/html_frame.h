/* html_frame.h — the print chrome of the HTML reports: the frame of an
 * administrative document (doc_frame.h), the provenance of the results at
 * the foot of the page and of every printed page, and the style sheet. */
#ifndef CHISO_HTML_FRAME_H
#define CHISO_HTML_FRAME_H

#include "chiso.h"
#include "engine/report/doc_frame.h"

#include <stdio.h>

/* The issuing body, number, place and date beside the national motto, then the title. */
void html_frame_head(FILE *out, const doc_frame_t *f);
/* Recipients on the left, the signature block on the right (nothing when unset). */
void html_frame_signature(FILE *out, const doc_frame_t *f);
/* The footer: when and with which rules (and includes, with their SHA-256) and engine. */
void html_provenance_footer(FILE *out, const chiso_program *prog);
/* Its short form, for the foot of each printed page. */
void html_provenance_note(const chiso_program *prog, char *buf, size_t size);
/* The <style> element: screen and A4 print, page_note and the page number at each page's foot. */
void html_page_style(FILE *out, const char *page_note);

#endif
