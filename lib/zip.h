/* zip.h: a .zip archive in memory, members stored (no compression), for
 * the Windows collect_logs action (no zip library on a bare Windows, and a
 * few kB of text need none). Readable by Explorer, unzip and Python. */
#ifndef SYSDASH_ZIP_H
#define SYSDASH_ZIP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct zip_member {
	const char *name; /* ASCII, no folder part */
	const char *data;
	size_t len;
};

/* CRC-32 of ISO 3309 / ITU-T V.42, as zip wants it. */
uint32_t zip_crc32(const void *p, size_t n);

/* Builds the archive of n members (at most 64, each under 1 GiB) dated tm
 * into a malloc'd buffer (*out, *outlen). 0, or -1 with errno (EINVAL for
 * a bad member, ENOMEM). */
int zip_build(const struct zip_member *m, int n, const struct tm *tm,
              char **out, size_t *outlen);

#endif
