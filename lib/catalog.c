/* catalog.c: GNU .mo lookups by binary search over msgfmt's sorted table;
 * the file is checked once when read so a lookup trusts every offset. */
#include "catalog.h"

#include "sysdash.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MO_MAGIC 0x950412deU
#define MO_MAGIC_SWAPPED 0xde120495U

static uint32_t
u32(const struct catalog *c, size_t off)
{
	uint32_t v;

	memcpy(&v, c->data + off, 4);
	if (c->swap)
		v = (v >> 24) | ((v >> 8) & 0xff00U) | ((v << 8) & 0xff0000U) |
		    (v << 24);
	return v;
}

/* The string of table entry i (length then offset, 8 bytes), NUL-checked. */
static const char *
entry(const struct catalog *c, uint32_t table, uint32_t i, uint32_t *len)
{
	size_t at = (size_t)table + (size_t)i * 8;
	uint32_t off;

	*len = u32(c, at);
	off = u32(c, at + 4);
	return c->data + off;
}

static int
bad(struct catalog *c, char *err, size_t errlen, const char *why)
{
	snprintf(err, errlen, "message catalog: %s", why);
	catalog_close(c);
	errno = EINVAL;
	return -1;
}

static int
entry_ok(const struct catalog *c, uint32_t table, uint32_t i)
{
	size_t at = (size_t)table + (size_t)i * 8;
	uint32_t len = u32(c, at), off = u32(c, at + 4);

	return (size_t)off + len < c->len && c->data[(size_t)off + len] == '\0';
}

int
catalog_parse(struct catalog *c, char *data, size_t len, char *err,
              size_t errlen)
{
	uint32_t magic, i, la, lb;

	memset(c, 0, sizeof(*c));
	c->data = data;
	c->len = len;
	if (!data || len < 28)
		return bad(c, err, errlen, "too short for a .mo header");
	memcpy(&magic, data, 4);
	if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
		return bad(c, err, errlen, "not a .mo file (bad magic number)");
	c->swap = magic == MO_MAGIC_SWAPPED;
	if (u32(c, 4) >> 16)
		return bad(c, err, errlen, "unknown .mo major revision");
	c->n = u32(c, 8);
	c->orig = u32(c, 12);
	c->trans = u32(c, 16);
	if (c->n > len / 16 || (size_t)c->orig + (size_t)c->n * 8 > len ||
	    (size_t)c->trans + (size_t)c->n * 8 > len)
		return bad(c, err, errlen, "message tables out of the file");
	for (i = 0; i < c->n; i++) {
		if (!entry_ok(c, c->orig, i) || !entry_ok(c, c->trans, i))
			return bad(c, err, errlen,
			           "a message runs out of the file");
		if (i && strcmp(entry(c, c->orig, i - 1, &la),
		                entry(c, c->orig, i, &lb)) >= 0)
			return bad(c, err, errlen, "messages are not sorted");
	}
	return 0;
}

int
catalog_open(struct catalog *c, const char *dir, const char *lang,
             const char *domain, char *err, size_t errlen)
{
	char sub[4096], name[256];
	size_t len;
	char *data;
	int saved;

	memset(c, 0, sizeof(*c));
	if ((size_t)snprintf(sub, sizeof(sub), "%s/%s/LC_MESSAGES", dir,
	                     lang) >= sizeof(sub) ||
	    (size_t)snprintf(name, sizeof(name), "%s.mo", domain) >=
	            sizeof(name)) {
		snprintf(err, errlen, "message catalog path too long");
		errno = ENAMETOOLONG;
		return -1;
	}
	if (!(data = util_read_file(sub, name, CATALOG_MAX, &len))) {
		saved = errno;
		snprintf(err, errlen, "read %s/%s: %s", sub, name,
		         strerror(saved));
		errno = saved;
		return -1;
	}
	if (catalog_parse(c, data, len, err, errlen) < 0) {
		len = strlen(err);
		snprintf(err + len, errlen - len, " (%s/%s)", sub, name);
		errno = EINVAL;
		return -1;
	}
	return 0;
}

const char *
catalog_get(const struct catalog *c, const char *msgid)
{
	uint32_t lo = 0, hi, mid, len;
	const char *s;
	int cmp;

	if (!c || !c->data || !*msgid) /* "" is the header's msgid */
		return msgid;
	hi = c->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		cmp = strcmp(msgid, entry(c, c->orig, mid, &len));
		if (cmp == 0) {
			s = entry(c, c->trans, mid, &len);
			return len ? s : msgid;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return msgid;
}

void
catalog_close(struct catalog *c)
{
	free(c->data);
	memset(c, 0, sizeof(*c));
}
