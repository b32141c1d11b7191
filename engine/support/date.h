/* date.h — calendar dates as day numbers (days since 1970-01-01), so that
 * dates compare and subtract as integers. Proleptic Gregorian calendar. */
#ifndef CHISO_DATE_H
#define CHISO_DATE_H

#include <stdbool.h>
#include <stddef.h>

/* False when the date does not exist (2021-02-29, month 13). */
bool date_from_ymd(int y, int m, int d, int *days);
void date_to_ymd(int days, int *y, int *m, int *d);
/* Parses exactly "YYYY-MM-DD". */
bool date_parse(const char *s, size_t len, int *days);
/* Writes "YYYY-MM-DD" (buf of at least 11 bytes). */
void date_format(int days, char *buf, size_t size);

#endif
