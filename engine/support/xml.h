/* xml.h — escaping text for XML attributes and content (JUnit reports). */
#ifndef CHISO_XML_H
#define CHISO_XML_H

#include <stdio.h>

/* Writes `s` with & < > " escaped and control characters (but tab and
 * newline) replaced by spaces, which XML 1.0 does not allow. */
void xml_escape(FILE *out, const char *s);

#endif
