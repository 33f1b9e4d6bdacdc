/* testutil.h: fixture paths, temporary trees, file helpers and example
 * values shared by the cmocka unit tests (tests/unit/<source>_test.c).
 * Header-only: every test binary links just its own test file and the
 * project's archives. */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <errno.h>
#include <ftw.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <setjmp.h>
#include <cmocka.h>

#include "sysdash.h"

/* |got - want| <= eps in double precision (cmocka 1.1's assert_float_equal
 * compares floats), with both values in the failure message. */
#define assert_near(got, want, eps)                                           \
	do {                                                                  \
		double got_ = (got), want_ = (want);                          \
		if (!(fabs(got_ - want_) <= (eps)))                           \
			fail_msg("%s = %.17g, want %.17g (+-%g)", #got, got_, \
			         want_, (double)(eps));                       \
	} while (0)

/* Asserts that call, a parser run on the text buf, refuses it: returns -1
 * with errno EINVAL or ERANGE. The failure message names the call and
 * quotes the start of buf. */
#define tu_expect_parse_fails(call, buf)                                \
	do {                                                            \
		const char *buf_ = (buf);                               \
		errno = 0;                                              \
		if ((call) != -1)                                       \
			fail_msg("%s accepted \"%.80s\"", #call, buf_); \
		if (errno != EINVAL && errno != ERANGE)                 \
			fail_msg("%s: errno %d (%s), want EINVAL or "   \
			         "ERANGE",                              \
			         #call, errno, strerror(errno));        \
	} while (0)

/* docs/API.md's example sample: 2026-11-24T10:15:30.123+01:00 is epoch
 * 1795511730 (09:15:30Z) + 123 ms in CET; thresholds 80 and 90, no alert,
 * host "box" with 2 CPUs, everything else zero. */
static inline void
tu_example_metrics(struct metrics *m)
{
	memset(m, 0, sizeof *m);
	m->when.tv_sec = 1795511730;
	m->when.tv_nsec = 123000000;
	strcpy(m->timestamp, "2026-11-24T10:15:30.123+01:00");
	m->cpu_percent = 12.5;
	m->ram_percent = 43.1;
	m->ram_used_gib = 6.62;
	m->ram_total_gib = 15.37;
	m->disk_percent = 71.0;
	m->disk_used_gib = 120.55;
	m->disk_total_gib = 250.0;
	m->uptime_seconds = 12345.67;
	strcpy(m->uptime_hms, "03:25:45");
	m->cpu_alert_threshold = 80;
	m->ram_alert_threshold = 90;
	strcpy(m->hostname, "box");
	m->cpu_count = 2;
}

/* The fixtures folder: $SYSDASH_FIXTURES (the Makefile sets tests/fixtures
 * and runs from the repository root). */
static inline const char *
tu_fixtures(void)
{
	const char *d = getenv("SYSDASH_FIXTURES");

	return d && *d ? d : "tests/fixtures";
}

/* A path under the fixtures folder, e.g. tu_fixture("real/proc"); the
 * string lives in one of a few rotating static buffers. */
static inline const char *
tu_fixture(const char *rel)
{
	static char bufs[8][1024];
	static int next;
	char *b = bufs[next++ % 8];
	int n = snprintf(b, sizeof bufs[0], "%s/%s", tu_fixtures(), rel);

	assert_true(n > 0 && (size_t)n < sizeof bufs[0]);
	return b;
}

/* Reads the whole file at path with stdio (not util_read_file, which is
 * under test), NUL-terminated. Fails the test when it cannot be read. The
 * caller frees. */
static inline char *
tu_slurp_path(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		fail_msg("fopen %s: %s", path, strerror(errno));
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* tu_slurp_path of a fixture file. */
static inline char *
tu_slurp(const char *rel)
{
	return tu_slurp_path(tu_fixture(rel));
}

/* A fresh directory under $TMPDIR (or /tmp); the caller removes it with
 * tu_rmtree and frees the string. */
static inline char *
tu_mkdtemp(void)
{
	const char *t = getenv("TMPDIR");
	char *d;

	if (asprintf(&d, "%s/sd-unit-XXXXXX", t && *t ? t : "/tmp") < 0)
		fail_msg("asprintf");
	if (!mkdtemp(d))
		fail_msg("mkdtemp %s: %s", d, strerror(errno));
	return d;
}

/* Writes len bytes of data to dir/name (created or truncated). */
static inline void
tu_write(const char *dir, const char *name, const char *data, size_t len)
{
	char path[1024];
	FILE *f;

	assert_true((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) <
	            sizeof path);
	f = fopen(path, "wb");
	if (!f)
		fail_msg("fopen %s: %s", path, strerror(errno));
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static inline void
tu_write_str(const char *dir, const char *name, const char *s)
{
	tu_write(dir, name, s, strlen(s));
}

/* Copies fixture file rel into dir/name. */
static inline void
tu_copy_fixture(const char *rel, const char *dir, const char *name)
{
	char *s = tu_slurp(rel);

	tu_write_str(dir, name, s);
	free(s);
}

/* A malloc'd string of n bytes: prefix, then fill repeated, no newline
 * until the very end (one huge line). */
static inline char *
tu_huge_line(const char *prefix, char fill, size_t n)
{
	size_t p = strlen(prefix);
	char *b = malloc(n + 1);

	assert_non_null(b);
	assert_true(n > p + 1);
	memcpy(b, prefix, p);
	memset(b + p, fill, n - p - 1);
	b[n - 1] = '\n';
	b[n] = '\0';
	return b;
}

static inline int
tu_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* rm -rf dir, then frees the string. */
static inline void
tu_rmtree(char *dir)
{
	if (dir)
		nftw(dir, tu_rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

/* True when haystack contains needle (for error messages). */
static inline int
tu_contains(const char *haystack, const char *needle)
{
	return haystack && strstr(haystack, needle) != NULL;
}

#endif
