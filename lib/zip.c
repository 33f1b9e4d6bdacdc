/* zip.c: stored-only .zip archives in memory (PKWARE APPNOTE 6.3: local
 * headers, data, central directory, end record; no ZIP64). */
#include "zip.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define ZIP_MAX_MEMBERS 64
#define ZIP_MAX_SIZE (1UL << 30)

uint32_t
zip_crc32(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint32_t c = 0xFFFFFFFFu;

	for (size_t i = 0; i < n; i++) {
		c ^= b[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
	}
	return ~c;
}

static unsigned char *
put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	return p + 2;
}

static unsigned char *
put32(unsigned char *p, uint32_t v)
{
	p = put16(p, v & 0xFFFFu);
	return put16(p, v >> 16);
}

/* The fields a local header and a central entry share, from "version
 * needed" to the extra field length. */
static unsigned char *
common(unsigned char *p, unsigned dtime, unsigned ddate, uint32_t crc,
       uint32_t len, size_t nlen)
{
	p = put16(p, 10); /* version needed: 1.0, stored */
	p = put16(p, 0);  /* flags */
	p = put16(p, 0);  /* method: stored */
	p = put16(p, dtime);
	p = put16(p, ddate);
	p = put32(p, crc);
	p = put32(p, len); /* compressed size */
	p = put32(p, len); /* uncompressed size */
	p = put16(p, (unsigned)nlen);
	return put16(p, 0); /* extra field length */
}

/* The archive's size: 30 + 46 + twice the name per member, the data and
 * the 22-byte end record; -1 (EINVAL) when a member or the total does not
 * fit the format. */
static int
archive_size(const struct zip_member *m, int n, size_t *total)
{
	*total = 22;
	if (n < 0 || n > ZIP_MAX_MEMBERS) {
		errno = EINVAL;
		return -1;
	}
	for (int i = 0; i < n; i++) {
		size_t nl = strlen(m[i].name);

		if (nl == 0 || nl > 255 || m[i].len > ZIP_MAX_SIZE) {
			errno = EINVAL;
			return -1;
		}
		*total += 30 + 46 + 2 * nl + m[i].len;
	}
	if (*total > 0xFFFFFFFFu) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* The central directory: one entry per member, pointing at its local
 * header (off). */
static unsigned char *
put_central(unsigned char *p, const struct zip_member *m, int n,
            const uint32_t *crc, const uint32_t *off, unsigned dtime,
            unsigned ddate)
{
	for (int i = 0; i < n; i++) {
		size_t nl = strlen(m[i].name);

		p = put32(p, 0x02014b50u);
		p = put16(p, 20); /* made by: MS-DOS, 2.0 */
		p = common(p, dtime, ddate, crc[i], (uint32_t)m[i].len, nl);
		p = put16(p, 0); /* comment length */
		p = put16(p, 0); /* disk number */
		p = put16(p, 0); /* internal attributes */
		p = put32(p, 0); /* external attributes */
		p = put32(p, off[i]);
		memcpy(p, m[i].name, nl);
		p += nl;
	}
	return p;
}

/* The end of central directory record: n entries, cd_size bytes from
 * offset cd_start. */
static unsigned char *
put_end(unsigned char *p, int n, uint32_t cd_size, uint32_t cd_start)
{
	p = put32(p, 0x06054b50u);
	p = put16(p, 0);
	p = put16(p, 0);
	p = put16(p, (unsigned)n);
	p = put16(p, (unsigned)n);
	p = put32(p, cd_size);
	p = put32(p, cd_start);
	return put16(p, 0);
}

int
zip_build(const struct zip_member *m, int n, const struct tm *tm, char **out,
          size_t *outlen)
{
	unsigned dtime, ddate;
	uint32_t crc[ZIP_MAX_MEMBERS], off[ZIP_MAX_MEMBERS], cd_start;
	size_t total;
	unsigned char *buf, *p;

	if (archive_size(m, n, &total) < 0)
		return -1;
	if (!(buf = malloc(total)))
		return -1;
	/* MS-DOS date and time: 2-second steps, years from 1980 */
	dtime = (unsigned)(tm->tm_hour << 11 | tm->tm_min << 5 |
	                   tm->tm_sec / 2);
	ddate = (unsigned)((tm->tm_year > 80 ? tm->tm_year - 80 : 0) << 9 |
	                   (tm->tm_mon + 1) << 5 | tm->tm_mday);
	p = buf;
	for (int i = 0; i < n; i++) {
		size_t nl = strlen(m[i].name);

		crc[i] = zip_crc32(m[i].data, m[i].len);
		off[i] = (uint32_t)(p - buf);
		p = put32(p, 0x04034b50u);
		p = common(p, dtime, ddate, crc[i], (uint32_t)m[i].len, nl);
		memcpy(p, m[i].name, nl);
		p += nl;
		if (m[i].len)
			memcpy(p, m[i].data, m[i].len);
		p += m[i].len;
	}
	cd_start = (uint32_t)(p - buf);
	p = put_central(p, m, n, crc, off, dtime, ddate);
	p = put_end(p, n, (uint32_t)(p - buf) - cd_start, cd_start);
	*out = (char *)buf;
	*outlen = (size_t)(p - buf);
	return 0;
}
