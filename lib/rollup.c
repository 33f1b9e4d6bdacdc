/* rollup.c: history over time windows (min/avg/max buckets) from rollup
 * tiers beside the metrics CSV and from the CSV rows themselves.
 *
 * A tier file is a 64-byte header and a ring of fixed 40-byte records, one
 * per res seconds of RU_RETENTION: the record of the bucket starting at s
 * is slot (s / res) % slots and is valid only when it says start == s and
 * its checksum holds (RRD's round-robin archive, with the start kept so a
 * reader never mistakes last year's minute for this one). */
#include "rollup.h"
#include "history.h"
#include "sysdash.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#define CHUNK (64 * 1024)
#define NONE INT64_MIN
/* rotated files looked at: csv.1 (or csv.1.gz) up to csv.31 */
#define FAMILY_MAX 32
/* a tier record counts at most this many rows (its sums are 32-bit) */
#define REC_ROWS_MAX 400000u
/* a catch-up longer than this rebuilds the files instead */
#define CATCHUP_MAX (7 * 86400)

/* ---- times -------------------------------------------------------------- */

/* Days from 1970-01-01 to y-m-d, proleptic Gregorian (H. Hinnant). */
static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bool
num(const char *s, size_t at, size_t n, size_t len, int *v)
{
	*v = 0;
	if (at + n > len)
		return false;
	for (size_t i = at; i < at + n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30,
	                         31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* Unix time of local y-mo-d h:00:00, one mktime() per hour met. In the
 * hour a DST change repeats, mktime() picks one of the two (glibc: the
 * offset in force just before), the same for every row of that hour. */
static int
local_hour(struct ru_clock *c, int y, int mo, int d, int h)
{
	struct tm tm = {0};
	time_t t;

	if (c->valid && c->y == y && c->mo == mo && c->d == d && c->h == h)
		return 0;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_isdst = -1;
	errno = 0;
	t = mktime(&tm);
	if (t == (time_t)-1 && errno) {
		errno = EINVAL;
		return -1;
	}
	*c = (struct ru_clock){y, mo, d, h, (int64_t)t, true};
	return 0;
}

/* The time of day after the date, if any: "Thh:mm", then ":ss", then a
 * fraction (ignored); a space may stand for the T. *i moves past it. */
static bool
iso_clock(const char *s, size_t len, size_t *i, int *h, int *mi, int *sec)
{
	size_t j = *i;

	if (j < len && (s[j] == 'T' || s[j] == ' ')) {
		if (!num(s, 11, 2, len, h) || len < 16 || s[13] != ':' ||
		    !num(s, 14, 2, len, mi))
			return false;
		j = 16;
		if (j < len && s[j] == ':') {
			if (!num(s, 17, 2, len, sec))
				return false;
			j = 19;
			if (j < len && (s[j] == '.' || s[j] == ',')) {
				size_t f = ++j;

				while (j < len && s[j] >= '0' && s[j] <= '9')
					j++;
				if (j == f)
					return false;
			}
		}
	}
	*i = j;
	return true;
}

/* The UTC offset at *i, if any: "Z", or a sign, hours and minutes with or
 * without a colon. *sign stays 0 without one (local time); *i moves past
 * it. */
static bool
iso_offset(const char *s, size_t len, size_t *i, int *sign, int *oh, int *om)
{
	size_t j = *i;

	if (j < len && s[j] == 'Z') {
		*sign = 1;
		j++;
	} else if (j < len && (s[j] == '+' || s[j] == '-')) {
		*sign = s[j] == '-' ? -1 : 1;
		if (!num(s, j + 1, 2, len, oh))
			return false;
		j += 3;
		if (j < len && s[j] == ':')
			j++;
		if (j < len && !num(s, j, 2, len, om))
			return false;
		if (j < len)
			j += 2;
	}
	*i = j;
	return true;
}

int
ru_iso_time(const char *s, size_t len, struct ru_clock *clk, int64_t *t)
{
	struct ru_clock own = {0};
	int y, mo, d, h = 0, mi = 0, sec = 0, oh = 0, om = 0, sign = 0;
	size_t i = 10;

	if (!clk)
		clk = &own;
	if (!num(s, 0, 4, len, &y) || len < 10 || s[4] != '-' ||
	    !num(s, 5, 2, len, &mo) || s[7] != '-' || !num(s, 8, 2, len, &d))
		goto bad;
	if (!iso_clock(s, len, &i, &h, &mi, &sec) ||
	    !iso_offset(s, len, &i, &sign, &oh, &om))
		goto bad;
	if (i != len || y < 1970 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 60 ||
	    oh > 23 || om > 59)
		goto bad;
	if (sign) {
		*t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
		     sec - sign * (oh * 3600 + om * 60);
		return 0;
	}
	if (local_hour(clk, y, mo, d, h) < 0)
		return -1;
	*t = clk->base + mi * 60 + sec;
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

int
ru_parse_time(const char *s, int64_t *t, bool *relative)
{
	size_t n = s ? strlen(s) : 0, i, d;
	int64_t v = 0;

	*relative = false;
	if (n == 0)
		goto bad;
	i = s[0] == '-';
	for (d = i; d < n && s[d] >= '0' && s[d] <= '9'; d++) {
		if (v > (INT64_MAX - 9) / 10)
			goto bad;
		v = v * 10 + (s[d] - '0');
	}
	/* digits (a fraction allowed): Unix seconds; "-N": before until */
	if (d > i &&
	    (d == n || (!i && s[d] == '.' && d + 1 < n &&
	                strspn(s + d + 1, "0123456789") == n - d - 1))) {
		if (v > 253402300799LL) /* 9999-12-31T23:59:59Z */
			goto bad;
		*relative = i;
		*t = i ? -v : v;
		return 0;
	}
	if (i)
		goto bad;
	return ru_iso_time(s, n, NULL, t);
bad:
	errno = EINVAL;
	return -1;
}

int
ru_parse_points(const char *s, int *points)
{
	long v;

	if (!s || util_parse_long(s, RU_POINTS_MIN, RU_POINTS_MAX, &v) < 0 ||
	    strspn(s, "0123456789") != strlen(s)) {
		errno = EINVAL;
		return -1;
	}
	*points = (int)v;
	return 0;
}

int64_t
ru_width(int64_t span, int points, int *tier)
{
	static const int res[] = {3600, 60, 1};
	int64_t r = 1, k;

	for (size_t i = 0; i < sizeof(res) / sizeof(res[0]); i++)
		if (span / res[i] >= points) {
			r = res[i];
			break;
		}
	*tier = (int)r;
	k = (span + points * r - 1) / (points * r);
	return (k < 1 ? 1 : k) * r;
}

static int64_t
floor_to(int64_t t, int64_t w)
{
	int64_t q = t / w;

	return (t % w < 0 ? q - 1 : q) * w;
}

/* ---- cells -------------------------------------------------------------- */

static void
cell_add(struct ru_cell *c, const uint16_t v[RU_METRICS])
{
	for (int m = 0; m < RU_METRICS; m++) {
		if (c->count == 0 || v[m] < c->min[m])
			c->min[m] = v[m];
		if (c->count == 0 || v[m] > c->max[m])
			c->max[m] = v[m];
		c->sum[m] += v[m];
	}
	c->count++;
}

static void
cell_merge(struct ru_cell *c, const struct ru_cell *o)
{
	if (o->count == 0)
		return;
	for (int m = 0; m < RU_METRICS; m++) {
		if (c->count == 0 || o->min[m] < c->min[m])
			c->min[m] = o->min[m];
		if (c->count == 0 || o->max[m] > c->max[m])
			c->max[m] = o->max[m];
		c->sum[m] += o->sum[m];
	}
	c->count += o->count;
}

static uint16_t
hundredths(double v)
{
	return (uint16_t)util_rint(v * 100); /* v is 0..100 (hist_parse_row) */
}

/* ---- reading rows forwards ---------------------------------------------- */

typedef void (*row_fn)(void *arg, int64_t t, const uint16_t v[RU_METRICS]);

/* A CSV, plain or gzip'd, read forwards. */
struct src {
	int fd;
	gzFile gz;
};

struct fwd {
	struct hist_cols cols;
	struct ru_clock clk;
	int64_t lo, hi; /* rows kept: lo <= t < hi */
	int64_t stop;   /* a row at or after this ends the scan */
	int64_t first;  /* the first row's time, NONE before one */
	row_fn fn;
	void *arg;
	uint64_t rows;
	bool stopped;
};

static ssize_t
src_read(struct src *s, char *buf, size_t n)
{
	ssize_t r;

	if (s->gz) {
		int g = gzread(s->gz, buf, (unsigned)n);

		if (g < 0)
			errno = EIO;
		return g;
	}
	do
		r = read(s->fd, buf, n);
	while (r < 0 && errno == EINTR);
	return r;
}

/* A row's time, or NONE; headers met change the column map. */
static int64_t
line_time(struct fwd *f, const char *line, size_t len, uint16_t v[RU_METRICS])
{
	struct hist_cols hc;
	struct hist_row r;
	int64_t t;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len == 0)
		return NONE;
	/* "timestamp" is in no row: the header test splits only headers */
	if (memmem(line, len, "timestamp", 9) &&
	    hist_parse_header(line, len, &hc)) {
		f->cols = hc;
		return NONE;
	}
	if (hist_parse_row(line, len, &f->cols, &r) < 0 ||
	    ru_iso_time(r.timestamp, strlen(r.timestamp), &f->clk, &t) < 0)
		return NONE;
	if (v) {
		v[0] = hundredths(r.cpu_percent);
		v[1] = hundredths(r.ram_percent);
		v[2] = hundredths(r.disk_percent);
	}
	return t;
}

static void
fwd_line(struct fwd *f, const char *line, size_t len)
{
	uint16_t v[RU_METRICS];
	int64_t t = line_time(f, line, len, v);

	if (t == NONE)
		return;
	if (f->first == NONE)
		f->first = t;
	if (t >= f->stop) {
		f->stopped = true;
		return;
	}
	if (t < f->lo || t >= f->hi)
		return;
	f->fn(f->arg, t, v);
	f->rows++;
}

/* Reads lines to the end (an unterminated last line, still being written,
 * is left out) or to f->stop. skip_first: the read starts mid-line. */
static int
fwd_run(struct fwd *f, struct src *s, bool skip_first)
{
	char *buf = malloc(CHUNK + HIST_LINE_MAX + 1);
	size_t have = 0;
	bool skipping = skip_first, overlong = false;

	if (!buf)
		return -1;
	while (!f->stopped) {
		ssize_t r = src_read(s, buf + have, CHUNK);
		size_t end, start = 0;
		char *nl;

		if (r < 0) {
			free(buf);
			return -1;
		}
		if (r == 0)
			break;
		end = have + (size_t)r;
		while (!f->stopped &&
		       (nl = memchr(buf + start, '\n', end - start))) {
			size_t len = (size_t)(nl - buf) - start;

			if (!skipping && !overlong && len <= HIST_LINE_MAX)
				fwd_line(f, buf + start, len);
			skipping = overlong = false;
			start = (size_t)(nl - buf) + 1;
		}
		have = end - start;
		if (have > HIST_LINE_MAX) {
			overlong = true; /* skipped up to its newline */
			have = 0;
		} else {
			memmove(buf, buf + start, have);
		}
	}
	free(buf);
	return 0;
}

/* The time of the first row after offset at (at 0: from the start). */
static int64_t
probe(int fd, off_t at, struct fwd *f)
{
	char buf[8192];
	ssize_t n = pread(fd, buf, sizeof(buf), at);
	const char *p = buf, *end, *nl;

	if (n <= 0)
		return NONE;
	end = buf + n;
	if (at > 0) {
		if (!(p = memchr(buf, '\n', (size_t)n)))
			return NONE;
		p++;
	}
	for (; p < end && (nl = memchr(p, '\n', (size_t)(end - p)));
	     p = nl + 1) {
		int64_t t = line_time(f, p, (size_t)(nl - p), NULL);

		if (t != NONE)
			return t;
	}
	return NONE;
}

/* An offset before every row at or after target (rows out of order by up
 * to RU_SLACK are caught by the caller's own slack). */
static off_t
seek_time(int fd, off_t size, int64_t target, struct fwd *f)
{
	off_t lo = 0, hi = size;

	/* down to a probe's size: what is read after is what is needed */
	while (hi - lo > 8192) {
		off_t mid = lo + (hi - lo) / 2;
		int64_t t = probe(fd, mid, f);

		if (t != NONE && t < target)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The column map of the file's first line (API.md order when it is not a
 * header). */
static void
first_cols(int fd, struct hist_cols *c)
{
	char buf[HIST_LINE_MAX + 1];
	ssize_t n = pread(fd, buf, sizeof(buf), 0);
	char *nl = n > 0 ? memchr(buf, '\n', (size_t)n) : NULL;

	if (!nl || !hist_parse_header(buf, (size_t)(nl - buf), c))
		hist_default_cols(c);
}

/* Opens member k of the CSV's family: 0 the CSV, k >= 1 csv.k or
 * csv.k.gz. 0, or -1 with errno (ENOENT when absent). */
static int
family_open(const char *csv, int k, struct src *s)
{
	char p[4200];

	s->gz = NULL;
	if (k == 0) {
		s->fd = util_open_regular(csv, O_RDONLY, 0);
		return s->fd < 0 ? -1 : 0;
	}
	if ((size_t)snprintf(p, sizeof(p), "%s.%d", csv, k) >= sizeof(p)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((s->fd = util_open_regular(p, O_RDONLY, 0)) >= 0)
		return 0;
	if (errno != ENOENT)
		return -1;
	strcat(p, ".gz");
	if ((s->fd = util_open_regular(p, O_RDONLY, 0)) < 0)
		return -1;
	if (!(s->gz = gzdopen(s->fd, "rb"))) {
		close(s->fd);
		errno = ENOMEM;
		return -1;
	}
	gzbuffer(s->gz, 128 * 1024);
	return 0;
}

static void
src_close(struct src *s)
{
	if (s->gz)
		gzclose(s->gz); /* closes fd too */
	else if (s->fd >= 0)
		close(s->fd);
	s->gz = NULL;
	s->fd = -1;
}

/* The first row's time of a gzip'd member from its first block. */
static int64_t
gz_first(const char *csv, int k, struct fwd *f)
{
	struct src s;
	char buf[8192];
	int n;
	int64_t t = NONE;
	const char *p = buf, *nl;

	if (family_open(csv, k, &s) < 0)
		return NONE;
	n = gzread(s.gz, buf, sizeof(buf));
	for (; n > 0 && p < buf + n &&
	       (nl = memchr(p, '\n', (size_t)(buf + n - p)));
	     p = nl + 1)
		if ((t = line_time(f, p, (size_t)(nl - p), NULL)) != NONE)
			break;
	src_close(&s);
	return t;
}

/* Rows with lo <= t < hi of one member (stop: when a row reaches it).
 * *first gets the member's first row time. */
static int
member_rows(const char *csv, int k, struct fwd *f, int64_t *first)
{
	struct src s;
	struct stat st;
	off_t at = 0;
	int rc;

	*first = NONE;
	if (family_open(csv, k, &s) < 0)
		return -1;
	f->first = NONE;
	f->stopped = false;
	f->clk.valid = false;
	if (s.gz) {
		hist_default_cols(&f->cols);
		src_close(&s);
		*first = gz_first(csv, k, f);
		if (*first != NONE && *first >= f->stop)
			return 0; /* all newer than the window */
		if (family_open(csv, k, &s) < 0)
			return -1;
	} else {
		if (fstat(s.fd, &st) < 0) {
			src_close(&s);
			return -1;
		}
		first_cols(s.fd, &f->cols);
		*first = probe(s.fd, 0, f);
		if (*first != NONE && *first >= f->stop) {
			src_close(&s);
			return 0;
		}
		if (f->lo > NONE + RU_SLACK)
			at = seek_time(s.fd, st.st_size, f->lo - RU_SLACK, f);
		if (lseek(s.fd, at, SEEK_SET) < 0) {
			src_close(&s);
			return -1;
		}
	}
	rc = fwd_run(f, &s, at > 0);
	if (s.gz && *first == NONE)
		*first = f->first;
	src_close(&s);
	return rc;
}

/* Calls fn for every row with lo <= t < hi in the CSV and its rotated
 * files, newest file first, stopping at the file whose first row is older
 * than lo. *rows adds the rows given. */
static int
raw_rows(const char *csv, int64_t lo, int64_t hi, row_fn fn, void *arg,
         uint64_t *rows)
{
	struct fwd f = {.lo = lo, .hi = hi, .fn = fn, .arg = arg};

	f.stop = hi > INT64_MAX - RU_SLACK ? INT64_MAX : hi + RU_SLACK;
	for (int k = 0; k < FAMILY_MAX; k++) {
		int64_t first;

		if (member_rows(csv, k, &f, &first) < 0) {
			if (errno == ENOENT && k == 0)
				continue; /* rotated, not created again yet */
			if (errno == ENOENT)
				break;
			return -1;
		}
		if (first != NONE && first < lo - RU_SLACK)
			break;
	}
	*rows += f.rows;
	return 0;
}

/* ---- tier files --------------------------------------------------------- */

#define TIER_MAGIC "SDROLL1\n"

struct tier_head {
	char magic[8];
	uint32_t res, slots;
	int64_t rolled; /* rows before this are in the tier */
	int64_t from;   /* and from this time on */
	uint64_t gen;   /* same in both tiers of one build */
	uint32_t reclen, check;
	uint8_t pad[16];
};

struct tier_rec {
	int64_t start;
	uint32_t count, check;
	uint16_t min[RU_METRICS], max[RU_METRICS];
	uint32_t sum[RU_METRICS];
};

_Static_assert(sizeof(struct tier_head) == 64, "tier header is 64 bytes");
_Static_assert(sizeof(struct tier_rec) == 40, "tier record is 40 bytes");

static const int tier_res[RU_NTIERS] = {60, 3600};

struct tier {
	int fd;
	struct tier_head h;
	bool ok;
};

static uint32_t
fnv(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

/* FNV-1a over the record's five 64-bit words (a byte at a time was a
 * third of a 7-day answer). */
static uint32_t
rec_check(const struct tier_rec *r)
{
	struct tier_rec c = *r;
	uint64_t w[sizeof(c) / 8], h = 14695981039346656037ull;

	c.check = 0;
	memcpy(w, &c, sizeof(w));
	for (size_t i = 0; i < sizeof(w) / 8; i++)
		h = (h ^ w[i]) * 1099511628211ull;
	return (uint32_t)(h ^ h >> 32) |
	       1; /* never 0: a zeroed slot is empty */
}

static uint32_t
head_check(const struct tier_head *h)
{
	struct tier_head c = *h;

	c.check = 0;
	return fnv(&c, sizeof(c));
}

static uint32_t
slots_of(int res)
{
	return (uint32_t)(RU_RETENTION / res);
}

static off_t
slot_off(const struct tier_head *h, int64_t start)
{
	return (off_t)sizeof(*h) + (off_t)((start / h->res) % h->slots) *
	                                   (off_t)sizeof(struct tier_rec);
}

static bool
rec_valid(const struct tier_rec *r, int64_t start)
{
	return r->start == start && r->count > 0 && r->check == rec_check(r);
}

static void
rec_to_cell(const struct tier_rec *r, struct ru_cell *c)
{
	c->count = r->count;
	for (int m = 0; m < RU_METRICS; m++) {
		c->min[m] = r->min[m];
		c->max[m] = r->max[m];
		c->sum[m] = r->sum[m];
	}
}

static void
cell_to_rec(const struct ru_cell *c, int64_t start, struct tier_rec *r)
{
	memset(r, 0, sizeof(*r));
	r->start = start;
	r->count = c->count;
	for (int m = 0; m < RU_METRICS; m++) {
		r->min[m] = c->min[m];
		r->max[m] = c->max[m];
		r->sum[m] = (uint32_t)c->sum[m];
	}
	r->check = rec_check(r);
}

int
ru_tier_path(char *buf, size_t n, const char *csv, int res)
{
	int len =
		snprintf(buf, n, "%s.rollup-%s", csv, res == 60 ? "1m" : "1h");

	if (len < 0 || (size_t)len >= n) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* Opens a tier and checks its header; t->ok says whether it is usable.
 * -1 only for errors other than absent or invalid. */
static int
tier_open(const char *csv, int res, bool rw, struct tier *t)
{
	char p[4200];
	struct stat st;
	uint32_t slots = slots_of(res);

	t->ok = false;
	t->fd = -1;
	if (ru_tier_path(p, sizeof(p), csv, res) < 0)
		return -1;
	if ((t->fd = util_open_regular(p, rw ? O_RDWR : O_RDONLY, 0)) < 0)
		return errno == ENOENT ? 0 : -1;
	if (pread(t->fd, &t->h, sizeof(t->h), 0) != (ssize_t)sizeof(t->h) ||
	    fstat(t->fd, &st) < 0)
		return 0;
	t->ok = memcmp(t->h.magic, TIER_MAGIC, 8) == 0 &&
	        t->h.res == (uint32_t)res && t->h.slots == slots &&
	        t->h.reclen == sizeof(struct tier_rec) &&
	        t->h.check == head_check(&t->h) &&
	        st.st_size >=
	                (off_t)(sizeof(t->h) +
	                        (size_t)slots * sizeof(struct tier_rec)) &&
	        t->h.rolled % res == 0 && t->h.from % res == 0;
	return 0;
}

static void
tier_close(struct tier *t)
{
	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
	t->ok = false;
}

/* The first time the tier answers for: its start, or a year before what
 * it rolled up last (older slots were reused). */
static int64_t
tier_from(const struct tier_head *h)
{
	int64_t ring = h->rolled - (int64_t)h->slots * h->res;

	return h->from > ring ? h->from : ring;
}

typedef void (*rec_fn)(void *arg, const struct tier_rec *r);

/* Calls fn for every valid record of buckets starting in [s, e). */
static int
tier_read(const struct tier *t, int64_t s, int64_t e, rec_fn fn, void *arg)
{
	struct tier_rec buf[2048];
	int64_t res = t->h.res;

	while (s < e) {
		uint64_t idx = (uint64_t)(s / res) % t->h.slots;
		uint64_t n = (uint64_t)((e - s) / res);
		ssize_t got;

		if (n > sizeof(buf) / sizeof(buf[0]))
			n = sizeof(buf) / sizeof(buf[0]);
		if (n > t->h.slots - idx)
			n = t->h.slots - idx;
		if (n == 0)
			break;
		got = pread(t->fd, buf, n * sizeof(buf[0]), slot_off(&t->h, s));
		if (got < 0)
			return -1;
		for (uint64_t i = 0; i < (uint64_t)got / sizeof(buf[0]); i++)
			if (rec_valid(&buf[i], s + (int64_t)i * res))
				fn(arg, &buf[i]);
		s += (int64_t)n * res;
	}
	return 0;
}

/* ---- windows ------------------------------------------------------------ */

struct acc {
	struct ru_cell *cells;
	int64_t start, width;
	size_t n;
};

static void
acc_row(void *arg, int64_t t, const uint16_t v[RU_METRICS])
{
	struct acc *a = arg;
	int64_t i = (t - a->start) / a->width;

	if (t >= a->start && (size_t)i < a->n)
		cell_add(&a->cells[i], v);
}

static void
acc_rec(void *arg, const struct tier_rec *r)
{
	struct acc *a = arg;
	int64_t i = (r->start - a->start) / a->width;
	struct ru_cell c;

	if (r->start >= a->start && (size_t)i < a->n) {
		rec_to_cell(r, &c);
		cell_merge(&a->cells[i], &c);
	}
}

static int64_t
max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

static int64_t
min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

/* Fills a from the tiers over what they cover of [A, B); [*ts, *te) gets
 * that part (empty: *ts == *te). */
static int
from_tiers(const char *csv, struct acc *a, int tier, int64_t *ts, int64_t *te,
           bool *used)
{
	struct tier m, h;
	int64_t A = a->start, B = a->start + a->width * (int64_t)a->n;
	int rc = -1;

	*ts = *te = A;
	/* a tier that cannot be opened (a planted link, EACCES) is left out:
	 * the rows answer instead, and ru_sync() reports it */
	tier_open(csv, 60, false, &m);
	tier_open(csv, 3600, false, &h);
	if (!m.ok) {
		rc = 0;
		goto out;
	}
	if (tier == 3600 && h.ok && h.h.gen == m.h.gen &&
	    h.h.rolled <= m.h.rolled) {
		int64_t s = max64(A, tier_from(&h.h)), e = min64(B, h.h.rolled);

		if (s < e) {
			if (tier_read(&h, s, e, acc_rec, a) < 0)
				goto out;
			*ts = s;
			*te = e;
		}
	}
	if (*ts == *te) { /* no hours: minutes from the start */
		int64_t s = max64(A, tier_from(&m.h));

		*ts = *te = floor_to(s + 59, 60);
	}
	if (*te >= tier_from(&m.h) && *te < min64(B, m.h.rolled)) {
		if (tier_read(&m, *te, min64(B, m.h.rolled), acc_rec, a) < 0)
			goto out;
		*te = min64(B, m.h.rolled);
	}
	if (*te <= *ts)
		*ts = *te = A;
	*used = *te > *ts;
	rc = 0;
out:
	tier_close(&m);
	tier_close(&h);
	return rc;
}

int
ru_window(const char *csv, int64_t since, int64_t until, int points,
          struct ru_result *res)
{
	struct acc a;
	int64_t ts, te, B;
	int saved;

	memset(res, 0, sizeof(*res));
	if (until <= since || points < 1) {
		errno = EINVAL;
		return -1;
	}
	res->width = ru_width(until - since, points, &res->tier);
	res->start = floor_to(since, res->width);
	res->end = B = floor_to(until + res->width - 1, res->width);
	a = (struct acc){NULL, res->start, res->width,
	                 (size_t)((B - res->start) / res->width)};
	if (!(a.cells = calloc(a.n, sizeof(*a.cells))))
		return -1;
	ts = te = res->start;
	if (res->tier > 1 &&
	    from_tiers(csv, &a, res->tier, &ts, &te, &res->used_tiers) < 0)
		goto fail;
	if (te > ts) {
		if ((ts > res->start && raw_rows(csv, res->start, ts, acc_row,
		                                 &a, &res->rows) < 0) ||
		    (B > te &&
		     raw_rows(csv, te, B, acc_row, &a, &res->rows) < 0))
			goto fail;
	} else if (raw_rows(csv, res->start, B, acc_row, &a, &res->rows) < 0) {
		goto fail;
	}
	if (!(res->pts = malloc((a.n ? a.n : 1) * sizeof(*res->pts))))
		goto fail;
	res->rows = 0;
	for (size_t i = 0; i < a.n; i++)
		if (a.cells[i].count) {
			res->pts[res->n].start =
				res->start + (int64_t)i * res->width;
			res->pts[res->n++].c = a.cells[i];
			res->rows += a.cells[i].count;
		}
	free(a.cells);
	return 0;
fail:
	saved = errno;
	free(a.cells);
	ru_result_free(res);
	errno = saved;
	return -1;
}

void
ru_result_free(struct ru_result *res)
{
	free(res->pts);
	res->pts = NULL;
	res->n = 0;
}

/* ---- JSON --------------------------------------------------------------- */

/* The answer is written as text: json-c's objects for 300 points of 11
 * fields were four fifths of a request's time. */
struct sbuf {
	char *p;
	size_t len, cap;
	bool failed;
};

static void
sb_put(struct sbuf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *np;

		while (b->len + n + 1 > cap)
			cap *= 2;
		if (!(np = realloc(b->p, cap))) {
			b->failed = true;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
sb_str(struct sbuf *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

static void
sb_int(struct sbuf *b, int64_t v)
{
	char buf[24], *e = buf + sizeof(buf), *q = e;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	do
		*--q = (char)('0' + u % 10);
	while ((u /= 10));
	if (v < 0)
		*--q = '-';
	sb_put(b, q, (size_t)(e - q));
}

/* k hundredths as Python's repr() prints k / 100: 43.1, 43.0, 43.12 */
static void
sb_pct(struct sbuf *b, unsigned k)
{
	char d[3] = {'.', (char)('0' + k / 10 % 10), (char)('0' + k % 10)};

	sb_int(b, k / 100);
	sb_put(b, d, k % 10 ? 3 : 2);
}

static void
two(char *p, int v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
}

/* y-m-d of a day count from 1970-01-01 (H. Hinnant's civil_from_days) */
static void
civil(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* t as local ISO 8601 with its offset: 2026-11-24T10:00:00+01:00. The
 * offset is asked of localtime_r() once per hour of the answer. */
static void
sb_time(struct sbuf *b, int64_t t, int64_t *hour, long *off)
{
	char s[32] = "0000-00-00T00:00:00+00:00";
	int64_t l, sec;
	int y, m, d;
	long a;

	if (floor_to(t, 3600) != *hour) {
		time_t tt = (time_t)t;
		struct tm tm;

		*hour = floor_to(t, 3600);
		*off = localtime_r(&tt, &tm) ? tm.tm_gmtoff : 0;
	}
	l = t + *off;
	sec = l - floor_to(l, 86400);
	civil(floor_to(l, 86400) / 86400, &y, &m, &d);
	two(s, y / 100);
	two(s + 2, y % 100);
	two(s + 5, m);
	two(s + 8, d);
	two(s + 11, (int)(sec / 3600));
	two(s + 14, (int)(sec / 60 % 60));
	two(s + 17, (int)(sec % 60));
	a = *off < 0 ? -*off : *off;
	s[19] = *off < 0 ? '-' : '+';
	two(s + 20, (int)(a / 3600));
	two(s + 23, (int)(a / 60 % 60));
	sb_put(b, s, 25);
}

char *
ru_json_text(const struct ru_result *res, size_t *len)
{
	static const char *names[RU_METRICS] = {"cpu", "ram", "disk"};
	struct sbuf b = {NULL, 0, 0, false};
	int64_t hour = NONE;
	long off = 0;

	sb_str(&b, "{\"count\":");
	sb_int(&b, (int64_t)res->n);
	sb_str(&b, ",\"resolution_seconds\":");
	sb_int(&b, res->width);
	sb_str(&b, ",\"tier_seconds\":");
	sb_int(&b, res->tier);
	sb_str(&b, ",\"since\":");
	sb_int(&b, res->start);
	sb_str(&b, ",\"until\":");
	sb_int(&b, res->end);
	sb_str(&b, ",\"rows\":");
	sb_int(&b, (int64_t)res->rows);
	sb_str(&b, ",\"data\":[");
	for (size_t i = 0; i < res->n; i++) {
		const struct ru_point *p = &res->pts[i];

		sb_str(&b, i ? ",{\"timestamp\":\"" : "{\"timestamp\":\"");
		sb_time(&b, p->start, &hour, &off);
		sb_str(&b, "\"");
		for (int m = 0; m < RU_METRICS; m++) {
			uint64_t avg = (2 * p->c.sum[m] + p->c.count) /
			               (2 * (uint64_t)p->c.count);

			sb_str(&b, ",\"");
			sb_str(&b, names[m]);
			sb_str(&b, "_percent\":");
			sb_pct(&b, (unsigned)avg);
			sb_str(&b, ",\"");
			sb_str(&b, names[m]);
			sb_str(&b, "_percent_min\":");
			sb_pct(&b, p->c.min[m]);
			sb_str(&b, ",\"");
			sb_str(&b, names[m]);
			sb_str(&b, "_percent_max\":");
			sb_pct(&b, p->c.max[m]);
		}
		sb_str(&b, ",\"count\":");
		sb_int(&b, p->c.count);
		sb_str(&b, "}");
	}
	sb_str(&b, "]}");
	if (b.failed) {
		free(b.p);
		errno = ENOMEM;
		return NULL;
	}
	*len = b.len;
	return b.p;
}

/* ---- keeping the tiers -------------------------------------------------- */

struct paths {
	char tier[RU_NTIERS][4200], fresh[RU_NTIERS][4300], lock[4200],
		dir[4200];
};

static int
sync_paths(const char *csv, struct paths *p)
{
	char *slash;

	for (int i = 0; i < RU_NTIERS; i++)
		if (ru_tier_path(p->tier[i], sizeof(p->tier[i]), csv,
		                 tier_res[i]) < 0 ||
		    (size_t)snprintf(p->fresh[i], sizeof(p->fresh[i]), "%s.new",
		                     p->tier[i]) >= sizeof(p->fresh[i]))
			goto long_;
	if ((size_t)snprintf(p->lock, sizeof(p->lock), "%s.rollup.lock", csv) >=
	    sizeof(p->lock))
		goto long_;
	snprintf(p->dir, sizeof(p->dir), "%s", csv);
	if ((slash = strrchr(p->dir, '/')))
		slash[slash == p->dir] = '\0';
	else
		strcpy(p->dir, ".");
	return 0;
long_:
	errno = ENAMETOOLONG;
	return -1;
}

static int
fail(char *err, size_t errlen, const char *what, const char *path)
{
	int saved = errno;

	snprintf(err, errlen, "%s %s: %s", what, path,
	         util_open_strerror(saved));
	errno = saved;
	return -1;
}

static int
pwrite_all(int fd, const void *buf, size_t n, off_t at)
{
	const char *p = buf;

	while (n > 0) {
		ssize_t w = pwrite(fd, p, n, at);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = ENOSPC;
			return -1;
		}
		p += w;
		n -= (size_t)w;
		at += w;
	}
	return 0;
}

static int
head_write(struct tier *t)
{
	t->h.check = head_check(&t->h);
	return pwrite_all(t->fd, &t->h, sizeof(t->h), 0);
}

/* The hour starting at hs from its 60 minute records (contiguous: the
 * minute ring holds a whole number of hours). */
static int
hour_from_minutes(int mfd, const struct tier_head *mh,
                  const struct tier_rec *map, int64_t hs, struct ru_cell *c)
{
	struct tier_rec buf[60];
	const struct tier_rec *r = buf;

	memset(c, 0, sizeof(*c));
	if (map)
		r = map + (hs / 60) % mh->slots;
	else if (pread(mfd, buf, sizeof(buf), slot_off(mh, hs)) !=
	         (ssize_t)sizeof(buf))
		return -1;
	for (int j = 0; j < 60; j++)
		if (rec_valid(&r[j], hs + j * 60)) {
			struct ru_cell m;

			rec_to_cell(&r[j], &m);
			cell_merge(c, &m);
		}
	return 0;
}

/* Rolls the rows of [m->h.rolled, target) into the minute tier. */
static int
roll_minutes(const char *csv, const struct paths *p, struct tier *m,
             int64_t target, struct ru_stats *st, char *err, size_t errlen)
{
	struct acc a = {NULL, 0, 60, 0};
	int rc = -1;

	a.start = m->h.rolled;
	a.n = (size_t)((target - a.start) / 60);
	if (!(a.cells = calloc(a.n, sizeof(*a.cells))))
		goto fail_;
	if (raw_rows(csv, a.start, target, acc_row, &a, &st->rows) < 0) {
		fail(err, errlen, "read", csv);
		goto out;
	}
	for (size_t i = 0; i < a.n; i++) {
		struct tier_rec r;
		int64_t s = a.start + (int64_t)i * 60;

		if (!a.cells[i].count || a.cells[i].count > REC_ROWS_MAX)
			continue;
		cell_to_rec(&a.cells[i], s, &r);
		if (pwrite_all(m->fd, &r, sizeof(r), slot_off(&m->h, s)) < 0)
			goto fail_;
	}
	m->h.rolled = target;
	if (head_write(m) < 0)
		goto fail_;
	rc = 0;
	goto out;
fail_:
	fail(err, errlen, "write", p->tier[0]);
out:
	free(a.cells);
	return rc;
}

/* Rolls the hours complete in the minute tier into the hour tier. */
static int
roll_hours(const struct paths *p, struct tier *m, struct tier *h, char *err,
           size_t errlen)
{
	for (; h->h.rolled + 3600 <= m->h.rolled; h->h.rolled += 3600) {
		struct ru_cell c;
		struct tier_rec r;

		if (hour_from_minutes(m->fd, &m->h, NULL, h->h.rolled, &c) < 0)
			return fail(err, errlen, "read", p->tier[0]);
		if (!c.count || c.count > REC_ROWS_MAX)
			continue;
		cell_to_rec(&c, h->h.rolled, &r);
		if (pwrite_all(h->fd, &r, sizeof(r),
		               slot_off(&h->h, h->h.rolled)) < 0)
			return fail(err, errlen, "write", p->tier[1]);
	}
	if (head_write(h) < 0)
		return fail(err, errlen, "write", p->tier[1]);
	return 0;
}

/* Rolls the rows of [m.rolled, target) into the minute tier and the hours
 * complete since into the hour tier. 1 when a build is needed. */
static int
catch_up(const char *csv, const struct paths *p, int64_t target,
         struct ru_stats *st, char *err, size_t errlen)
{
	struct tier m, h;
	int rc = -1;

	if (tier_open(csv, 60, true, &m) < 0)
		return fail(err, errlen, "open", p->tier[0]);
	if (tier_open(csv, 3600, true, &h) < 0) {
		tier_close(&m);
		return fail(err, errlen, "open", p->tier[1]);
	}
	if (!m.ok || !h.ok || m.h.gen != h.h.gen || h.h.rolled > m.h.rolled ||
	    target - m.h.rolled > CATCHUP_MAX ||
	    m.h.rolled - h.h.rolled > CATCHUP_MAX)
		rc = 1;
	else if (target <= m.h.rolled ||
	         roll_minutes(csv, p, &m, target, st, err, errlen) == 0)
		rc = roll_hours(p, &m, &h, err, errlen);
	tier_close(&m);
	tier_close(&h);
	return rc;
}

/* Run as root (--rebuild-history by hand), files we create go to the
 * CSV's owner: the service user's sampler and workers keep them. */
static void
own_like_csv(int fd, const char *csv)
{
	struct stat st;

	if (geteuid() == 0 && stat(csv, &st) == 0 &&
	    fchown(fd, st.st_uid, st.st_gid) < 0)
		return; /* root's own files still work for root */
}

/* A new, empty file of size bytes at path (a stale one from a killed
 * build is removed first: O_EXCL never follows a planted link). */
static int
create_fresh(const char *path, off_t size, const char *csv)
{
	int fd;

	if (unlink(path) < 0 && errno != ENOENT)
		return -1;
	if ((fd = util_open_regular(path, O_RDWR | O_CREAT | O_EXCL, 0644)) < 0)
		return -1;
	own_like_csv(fd, csv);
	if (ftruncate(fd, size) < 0) {
		int saved = errno;

		close(fd);
		unlink(path);
		errno = saved;
		return -1;
	}
	return fd;
}

struct build {
	struct tier_rec *recs;
	uint32_t slots;
};

static void
build_row(void *arg, int64_t t, const uint16_t v[RU_METRICS])
{
	struct build *b = arg;
	int64_t minute = floor_to(t, 60);
	struct tier_rec *r = &b->recs[(minute / 60) % b->slots];

	if (r->start != minute || r->count == 0) {
		memset(r, 0, sizeof(*r));
		r->start = minute;
	}
	if (r->count >= REC_ROWS_MAX)
		return;
	for (int m = 0; m < RU_METRICS; m++) {
		if (r->count == 0 || v[m] < r->min[m])
			r->min[m] = v[m];
		if (r->count == 0 || v[m] > r->max[m])
			r->max[m] = v[m];
		r->sum[m] += v[m];
	}
	r->count++;
}

/* Every row of [lo, hi) of the CSV and its rotated files, oldest file
 * first. */
static int
all_rows(const char *csv, int64_t lo, int64_t hi, row_fn fn, void *arg,
         uint64_t *rows)
{
	struct fwd f = {
		.lo = lo, .hi = hi, .stop = INT64_MAX, .fn = fn, .arg = arg};
	struct src s;
	int top = 0;

	while (top + 1 < FAMILY_MAX && family_open(csv, top + 1, &s) == 0) {
		src_close(&s);
		top++;
	}
	for (int k = top; k >= 0; k--) {
		int64_t first;

		if (member_rows(csv, k, &f, &first) < 0 && errno != ENOENT)
			return -1;
	}
	*rows += f.rows;
	return 0;
}

static void
head_init(struct tier_head *h, int res, int64_t rolled, int64_t from,
          uint64_t gen)
{
	memset(h, 0, sizeof(*h));
	memcpy(h->magic, TIER_MAGIC, 8);
	h->res = (uint32_t)res;
	h->slots = slots_of(res);
	h->rolled = rolled;
	h->from = from;
	h->gen = gen;
	h->reclen = sizeof(struct tier_rec);
	h->check = head_check(h);
}

/* The hour tier's records [hlo, htarget) from the built minute tier in
 * map, into hbuf (its hs slots after the head). */
static void
hours_from_map(const char *map, char *hbuf, uint32_t hs, int64_t hlo,
               int64_t htarget)
{
	const struct tier_rec *mrecs =
		(const struct tier_rec *)(map + sizeof(struct tier_head));
	struct tier_rec *hrecs =
		(struct tier_rec *)(hbuf + sizeof(struct tier_head));

	for (int64_t t = hlo; t < htarget; t += 3600) {
		struct ru_cell c;

		hour_from_minutes(-1, (const struct tier_head *)map, mrecs, t,
		                  &c);
		if (c.count && c.count <= REC_ROWS_MAX)
			cell_to_rec(&c, t, hrecs + (t / 3600) % hs);
	}
}

/* Writes both new files to disk and renames them over the tiers, hours
 * first; 0, or -1 with err naming the call and the file. */
static int
swap_in(const struct paths *p, char *map, size_t msize, int mfd,
        const char *hbuf, size_t hsize, int hfd, char *err, size_t errlen)
{
	int dfd;

	if (msync(map, msize, MS_SYNC) < 0 || fsync(mfd) < 0)
		return fail(err, errlen, "write", p->fresh[0]);
	if (pwrite_all(hfd, hbuf, hsize, 0) < 0 || fsync(hfd) < 0)
		return fail(err, errlen, "write", p->fresh[1]);
	if (rename(p->fresh[1], p->tier[1]) < 0)
		return fail(err, errlen, "rename", p->fresh[1]);
	if (rename(p->fresh[0], p->tier[0]) < 0)
		return fail(err, errlen, "rename", p->fresh[0]);
	if ((dfd = open(p->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(dfd); /* the renames outlive a power cut */
		close(dfd);
	}
	return 0;
}

/* Builds both tiers from every CSV file into new files, then renames them
 * over the old ones (hours first: a crash between the renames leaves two
 * generations, which readers and the next sync refuse to mix). */
static int
build(const char *csv, const struct paths *p, int64_t now, int64_t target,
      struct ru_stats *st, char *err, size_t errlen)
{
	uint32_t ms = slots_of(60), hs = slots_of(3600);
	size_t msize =
		sizeof(struct tier_head) + (size_t)ms * sizeof(struct tier_rec);
	size_t hsize =
		sizeof(struct tier_head) + (size_t)hs * sizeof(struct tier_rec);
	int64_t lo = target - RU_RETENTION, hlo = floor_to(lo + 3599, 3600);
	int64_t htarget = floor_to(target, 3600);
	uint64_t gen =
		((uint64_t)now << 20) ^ (uint64_t)getpid() ^ (uint64_t)clock();
	int mfd = -1, hfd = -1, rc = -1;
	char *map = MAP_FAILED, *hbuf = NULL;
	struct build b;

	if ((mfd = create_fresh(p->fresh[0], (off_t)msize, csv)) < 0)
		return fail(err, errlen, "create", p->fresh[0]);
	if ((hfd = create_fresh(p->fresh[1], (off_t)hsize, csv)) < 0) {
		fail(err, errlen, "create", p->fresh[1]);
		goto out;
	}
	map = mmap(NULL, msize, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);
	if (map == MAP_FAILED || !(hbuf = calloc(1, hsize))) {
		fail(err, errlen, "map", p->fresh[0]);
		goto out;
	}
	b = (struct build){(struct tier_rec *)(map + sizeof(struct tier_head)),
	                   ms};
	if (all_rows(csv, lo, target, build_row, &b, &st->rows) < 0) {
		fail(err, errlen, "read", csv);
		goto out;
	}
	for (uint32_t i = 0; i < ms; i++)
		if (b.recs[i].count)
			b.recs[i].check = rec_check(&b.recs[i]);
	head_init((struct tier_head *)map, 60, target, lo, gen);
	hours_from_map(map, hbuf, hs, hlo, htarget);
	head_init((struct tier_head *)hbuf, 3600, htarget, hlo, gen);
	if (swap_in(p, map, msize, mfd, hbuf, hsize, hfd, err, errlen) < 0)
		goto out;
	st->built = true;
	rc = 0;
out:
	if (map != MAP_FAILED)
		munmap(map, msize);
	free(hbuf);
	if (mfd >= 0)
		close(mfd);
	if (hfd >= 0)
		close(hfd);
	if (rc < 0) {
		unlink(p->fresh[0]);
		unlink(p->fresh[1]);
	}
	return rc;
}

static double
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
ru_sync(const char *csv, int64_t now, int flags, struct ru_stats *st, char *err,
        size_t errlen)
{
	struct ru_stats own;
	struct paths p;
	double t0 = mono();
	int64_t target = floor_to(now - RU_GRACE, 60);
	int lock, rc;

	if (!st)
		st = &own;
	memset(st, 0, sizeof(*st));
	if (sync_paths(csv, &p) < 0)
		return fail(err, errlen, "path", csv);
	if ((lock = util_open_regular(p.lock, O_RDWR | O_CREAT, 0644)) < 0)
		return fail(err, errlen, "open", p.lock);
	own_like_csv(lock, csv);
	while ((rc = flock(lock, LOCK_EX | (flags & RU_NOWAIT ? LOCK_NB : 0))) <
	               0 &&
	       errno == EINTR)
		;
	if (rc < 0) {
		rc = errno == EWOULDBLOCK ? 0 :
		                            fail(err, errlen, "flock", p.lock);
		close(lock);
		return rc;
	}
	rc = flags & RU_REBUILD ? 1 :
	                          catch_up(csv, &p, target, st, err, errlen);
	if (rc == 1 && !(flags & RU_NOBUILD))
		rc = build(csv, &p, now, target, st, err, errlen);
	st->seconds = mono() - t0;
	close(lock);
	return rc;
}

int64_t
ru_lag(const char *csv, int64_t now)
{
	struct tier m, h;
	int64_t lag = INT64_MAX;

	if (tier_open(csv, 60, false, &m) == 0 && m.ok &&
	    tier_open(csv, 3600, false, &h) == 0 && h.ok && h.h.gen == m.h.gen)
		lag = now - m.h.rolled;
	tier_close(&m);
	tier_close(&h);
	return lag;
}

static void
oldest_rec(void *arg, const struct tier_rec *r)
{
	int64_t *t = arg;

	if (*t == NONE || r->start < *t)
		*t = r->start;
}

int
ru_oldest(const char *csv, int64_t *t)
{
	struct fwd f = {.stop = INT64_MAX};
	struct tier h;
	struct src s;
	int top = 0;

	*t = NONE;
	while (top + 1 < FAMILY_MAX && family_open(csv, top + 1, &s) == 0) {
		src_close(&s);
		top++;
	}
	for (int k = top; k >= 0 && *t == NONE; k--) {
		if (family_open(csv, k, &s) < 0)
			continue;
		hist_default_cols(&f.cols);
		f.clk.valid = false;
		if (s.gz) {
			src_close(&s);
			*t = gz_first(csv, k, &f);
		} else {
			first_cols(s.fd, &f.cols);
			*t = probe(s.fd, 0, &f);
			src_close(&s);
		}
	}
	/* hours rolled up from files since removed (an hour record starts
	 * before its first row: only an hour older than the files counts) */
	if (tier_open(csv, 3600, false, &h) == 0 && h.ok) {
		int64_t hour = NONE;

		tier_read(&h, tier_from(&h.h), h.h.rolled, oldest_rec, &hour);
		if (hour != NONE && (*t == NONE || hour + 3600 <= *t))
			*t = hour;
	}
	tier_close(&h);
	if (*t == NONE) {
		errno = ENOENT;
		return -1;
	}
	return 0;
}
