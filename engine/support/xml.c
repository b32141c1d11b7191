/* xml.c — XML escaping. */
#include "xml.h"

void xml_escape(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\n': fputs("&#10;", out); break;
        default:
            if ((unsigned char)*s < 0x20 && *s != '\t') fputc(' ', out);
            else fputc(*s, out);
        }
    }
}
