/* sha256.h — SHA-256 of bytes in memory, as 64 lowercase hex digits (the
 * provenance of results: which rules, byte for byte). Nettle's digest. */
#ifndef CHISO_SHA256_H
#define CHISO_SHA256_H

#include <stddef.h>

void sha256_hex(const void *data, size_t len, char hex[65]);

#endif
