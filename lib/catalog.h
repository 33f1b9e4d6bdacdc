/* catalog.h: a message catalog as msgfmt writes it (a GNU .mo file), read
 * without libintl. glibc's gettext ignores LANGUAGE under the C and
 * C.UTF-8 locales (all a minimal host or container has) and Windows has no
 * gettext: the desktop windows look their texts up here instead. */
#ifndef CATALOG_H
#define CATALOG_H

#include <stddef.h>
#include <stdint.h>

/* Largest .mo we read; ours are a few kB. */
#define CATALOG_MAX (1024 * 1024)

struct catalog {
	char *data; /* the whole file, malloc'd; NULL when none */
	size_t len;
	uint32_t n;     /* number of messages */
	uint32_t orig;  /* offset of the msgid table (length, offset pairs) */
	uint32_t trans; /* offset of the translation table */
	int swap;       /* the file is in the other byte order */
};

/* Parses a .mo image held in data (len bytes), taking ownership of the
 * malloc'd buffer (freed on failure too). Checks the magic, every table
 * entry's bounds and terminating NUL, and that msgids are sorted. 0, or -1
 * with a message in err. */
int catalog_parse(struct catalog *c, char *data, size_t len, char *err,
                  size_t errlen);

/* Reads dir/<lang>/LC_MESSAGES/<domain>.mo. 0, or -1 with a message naming
 * the file in err (errno ENOENT when there is none). c is empty (every
 * lookup gives the msgid back) after a failure. */
int catalog_open(struct catalog *c, const char *dir, const char *lang,
                 const char *domain, char *err, size_t errlen);

/* The translation of msgid, or msgid itself when the catalog has none (or
 * its translation is empty). c may be NULL. Lives as long as c. */
const char *catalog_get(const struct catalog *c, const char *msgid);

void catalog_close(struct catalog *c);

#endif
