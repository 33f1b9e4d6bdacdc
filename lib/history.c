/* history.c: the last N rows of the metrics CSV, read backwards from the end
 * in blocks, columns found by header name (docs/API.md "Files"). */
#include "history.h"
#include "sysdash.h"

#include <errno.h>
#include <fcntl.h>
#include <json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (64 * 1024)
#define FIELDS_MAX 64
/* Lines that do not parse with the first line's columns but might with a
 * header found further up; beyond this many they are dropped unkept. */
#define JUNK_MAX 256

struct field {
	const char *p;
	size_t len;
};

/* ---- parsing one line --------------------------------------------------- */

/* Splits a line on commas; a field wrapped in double quotes loses them.
 * Returns the number of fields (at most max). */
static size_t
split(const char *line, size_t len, struct field *f, size_t max)
{
	size_t n = 0, start = 0;

	for (size_t i = 0; i <= len && n < max; i++) {
		if (i < len && line[i] != ',')
			continue;
		f[n].p = line + start;
		f[n].len = i - start;
		if (f[n].len >= 2 && f[n].p[0] == '"' &&
		    f[n].p[f[n].len - 1] == '"') {
			f[n].p++;
			f[n].len -= 2;
		}
		n++;
		start = i + 1;
	}
	return n;
}

static bool
field_is(const struct field *f, const char *name)
{
	return f->len == strlen(name) && memcmp(f->p, name, f->len) == 0;
}

/* Drops a trailing CR (CRLF files). */
static size_t
trim_cr(const char *line, size_t len)
{
	return len > 0 && line[len - 1] == '\r' ? len - 1 : len;
}

void
hist_default_cols(struct hist_cols *c)
{
	/* CSV_HEADER order */
	*c = (struct hist_cols){.ts = 0,
	                        .cpu = 1,
	                        .ram = 2,
	                        .disk = 5,
	                        .upsec = 8,
	                        .hms = 9,
	                        .usable = true};
}

bool
hist_parse_header(const char *line, size_t len, struct hist_cols *c)
{
	struct field f[FIELDS_MAX];
	size_t n;
	bool found = false;

	len = trim_cr(line, len);
	if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
		line += 3;
		len -= 3;
	}
	n = split(line, len, f, FIELDS_MAX);
	*c = (struct hist_cols){-1, -1, -1, -1, -1, -1, false};
	for (size_t i = 0; i < n; i++) {
		int *slot = NULL;

		if (field_is(&f[i], "timestamp"))
			slot = &c->ts, found = true;
		else if (field_is(&f[i], "cpu_percent"))
			slot = &c->cpu;
		else if (field_is(&f[i], "ram_percent"))
			slot = &c->ram;
		else if (field_is(&f[i], "disk_percent"))
			slot = &c->disk;
		else if (field_is(&f[i], "uptime_hms"))
			slot = &c->hms;
		else if (field_is(&f[i], "uptime_seconds"))
			slot = &c->upsec;
		if (slot && *slot < 0)
			*slot = (int)i;
	}
	c->usable = c->ts >= 0 && c->cpu >= 0 && c->ram >= 0 && c->disk >= 0 &&
	            (c->hms >= 0 || c->upsec >= 0);
	return found;
}

static bool
is_digits(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

/* YYYY-MM-DDTHH:MM:SS, then .fraction, then Z or +HH:MM / -HHMM. */
static bool
valid_timestamp(const char *p, size_t n)
{
	size_t i = 19;

	if (n < 19 || !is_digits(p, 4) || p[4] != '-' || !is_digits(p + 5, 2) ||
	    p[7] != '-' || !is_digits(p + 8, 2) ||
	    (p[10] != 'T' && p[10] != ' ') || !is_digits(p + 11, 2) ||
	    p[13] != ':' || !is_digits(p + 14, 2) || p[16] != ':' ||
	    !is_digits(p + 17, 2))
		return false;
	if (i < n && p[i] == '.') {
		size_t d = ++i;

		while (i < n && p[i] >= '0' && p[i] <= '9')
			i++;
		if (i == d)
			return false;
	}
	if (i < n && p[i] == 'Z')
		i++;
	else if (i < n && (p[i] == '+' || p[i] == '-')) {
		i++;
		if (n - i == 5 && is_digits(p + i, 2) && p[i + 2] == ':' &&
		    is_digits(p + i + 3, 2))
			i += 5;
		else if (n - i == 4 && is_digits(p + i, 4))
			i += 4;
		else
			return false;
	}
	return i == n;
}

/* H:MM:SS with any number of hour digits. */
static bool
valid_hms(const char *p, size_t n)
{
	size_t h = 0;

	while (h < n && p[h] >= '0' && p[h] <= '9')
		h++;
	return h > 0 && n == h + 6 && p[h] == ':' && is_digits(p + h + 1, 2) &&
	       p[h + 3] == ':' && is_digits(p + h + 4, 2);
}

/* The common "43.1": digits with at most one dot and 15 digits in all.
 * Both the digits as an integer and the power of ten are exact doubles,
 * so the division is correctly rounded: the double strtod would give,
 * without its cost (it showed at the top of the profile). */
static bool
fast_decimal(const char *p, size_t n, double *v)
{
	static const double pow10[] = {1e0,  1e1,  1e2,  1e3, 1e4,  1e5,
	                               1e6,  1e7,  1e8,  1e9, 1e10, 1e11,
	                               1e12, 1e13, 1e14, 1e15};
	unsigned long long m = 0;
	int digits = 0, decimals = -1;

	for (size_t i = 0; i < n; i++) {
		if (p[i] == '.' && decimals < 0) {
			decimals = 0;
			continue;
		}
		if (p[i] < '0' || p[i] > '9' || digits == 15)
			return false;
		m = m * 10 + (unsigned)(p[i] - '0');
		digits++;
		if (decimals >= 0)
			decimals++;
	}
	if (digits == 0)
		return false;
	*v = (double)m / pow10[decimals > 0 ? decimals : 0];
	return true;
}

/* A field as a double: blanks around, digits, sign, dot and exponent only
 * (no hex, inf or nan, which strtod would take). */
static int
field_double(const struct field *f, double *v)
{
	char buf[64];
	size_t s = 0, e = f->len;

	while (s < e && (f->p[s] == ' ' || f->p[s] == '\t'))
		s++;
	while (e > s && (f->p[e - 1] == ' ' || f->p[e - 1] == '\t'))
		e--;
	if (fast_decimal(f->p + s, e - s, v))
		return 0;
	if (e == s || e - s >= sizeof(buf) ||
	    strspn(f->p + s, "0123456789.eE+-") < e - s) {
		errno = EINVAL;
		return -1;
	}
	memcpy(buf, f->p + s, e - s);
	buf[e - s] = '\0';
	return util_parse_double(buf, v);
}

static int
field_percent(const struct field *f, double *v)
{
	if (field_double(f, v) < 0)
		return -1;
	if (*v < 0 || *v > 100) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

static int
row_uptime(const struct field *f, size_t n, const struct hist_cols *c,
           struct hist_row *r)
{
	double secs;

	if (c->hms >= 0 && (size_t)c->hms < n) {
		const struct field *h = &f[c->hms];

		if (!valid_hms(h->p, h->len) || h->len >= sizeof(r->uptime_hms))
			return -1;
		memcpy(r->uptime_hms, h->p, h->len);
		r->uptime_hms[h->len] = '\0';
		return 0;
	}
	if (c->upsec < 0 || (size_t)c->upsec >= n ||
	    field_double(&f[c->upsec], &secs) < 0 || secs < 0 || secs > 1e12)
		return -1;
	util_hms(secs, r->uptime_hms, sizeof(r->uptime_hms));
	return 0;
}

int
hist_parse_row(const char *line, size_t len, const struct hist_cols *c,
               struct hist_row *r)
{
	struct field f[FIELDS_MAX];
	size_t n;
	int need;

	len = trim_cr(line, len);
	n = split(line, len, f, FIELDS_MAX);
	need = c->ts > c->cpu ? c->ts : c->cpu;
	need = need > c->ram ? need : c->ram;
	need = need > c->disk ? need : c->disk;
	if (!c->usable || (size_t)need >= n ||
	    !valid_timestamp(f[c->ts].p, f[c->ts].len) ||
	    f[c->ts].len >= sizeof(r->timestamp) ||
	    field_percent(&f[c->cpu], &r->cpu_percent) < 0 ||
	    field_percent(&f[c->ram], &r->ram_percent) < 0 ||
	    field_percent(&f[c->disk], &r->disk_percent) < 0 ||
	    row_uptime(f, n, c, r) < 0) {
		errno = EINVAL;
		return -1;
	}
	memcpy(r->timestamp, f[c->ts].p, f[c->ts].len);
	r->timestamp[f[c->ts].len] = '\0';
	return 0;
}

size_t
hist_limit(const char *value)
{
	const char *p = value;
	const char *blank = " \t\n\r\f\v";
	bool neg = false;
	size_t v = 0, digits = 0;

	if (!p)
		return HIST_LIMIT_DEFAULT;
	p += strspn(p, blank);
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		if (v <=
		    HIST_LIMIT_MAX) /* saturate: only "more than max" matters */
			v = v * 10 + (size_t)(*p - '0');
	p += strspn(p, blank);
	if (digits == 0 || *p != '\0')
		return HIST_LIMIT_DEFAULT;
	if (neg || v < 1)
		return 1;
	return v > HIST_LIMIT_MAX ? HIST_LIMIT_MAX : v;
}

/* ---- reading backwards -------------------------------------------------- */

/* A line kept since the last header met going up: its text, and its row
 * as the first line's columns read it (valid false when they do not). */
struct pending {
	size_t off; /* into the arena, NUL-terminated */
	bool valid;
	struct hist_row row;
};

/* Rows found so far (newest first) and the lines seen since the last
 * header met going up, kept raw since that header decides their columns. */
struct tail {
	struct hist_cols top; /* from the file's first line */
	struct hist_row *rows;
	size_t n, count;
	char *arena;
	size_t alen, acap;
	struct pending *pend;
	size_t npend, pcap, pend_valid, pend_junk;
	bool done;
};

static bool
same_cols(const struct hist_cols *a, const struct hist_cols *b)
{
	return a->ts == b->ts && a->cpu == b->cpu && a->ram == b->ram &&
	       a->disk == b->disk && a->hms == b->hms && a->upsec == b->upsec &&
	       a->usable == b->usable;
}

/* Takes the kept lines as the columns c read them, newest first. */
static void
flush(struct tail *t, const struct hist_cols *c)
{
	bool as_top = same_cols(c, &t->top);

	for (size_t i = 0; i < t->npend && t->count < t->n; i++) {
		const struct pending *p = &t->pend[i];
		const char *l = t->arena + p->off;

		if (as_top) {
			if (p->valid)
				t->rows[t->count++] = p->row;
		} else if (hist_parse_row(l, strlen(l), c,
		                          &t->rows[t->count]) == 0) {
			t->count++;
		}
	}
	t->npend = t->alen = t->pend_valid = t->pend_junk = 0;
	if (t->count >= t->n)
		t->done = true;
}

static int
grow(void **p, size_t *cap, size_t need, size_t size, size_t first)
{
	size_t c = *cap ? *cap : first;
	void *np;

	if (need <= *cap)
		return 0;
	while (c < need)
		c *= 2;
	if (!(np = realloc(*p, c * size)))
		return -1;
	*p = np;
	*cap = c;
	return 0;
}

static struct pending *
keep(struct tail *t, const char *line, size_t len)
{
	struct pending *p;

	if (grow((void **)&t->arena, &t->acap, t->alen + len + 1, 1, 16384) <
	            0 ||
	    grow((void **)&t->pend, &t->pcap, t->npend + 1, sizeof(*t->pend),
	         64) < 0)
		return NULL;
	memcpy(t->arena + t->alen, line, len);
	t->arena[t->alen + len] = '\0';
	p = &t->pend[t->npend++];
	p->off = t->alen;
	t->alen += len + 1;
	return p;
}

/* One complete line, newest first. A header flushes the lines kept since
 * the previous one with its columns; the caller flushes what is left with
 * the first line's columns once the scan stops. */
static int
on_line(struct tail *t, const char *line, size_t len)
{
	struct hist_cols hc;
	struct hist_row r;
	struct pending *p;
	bool ok;

	len = trim_cr(line, len);
	if (len == 0)
		return 0;
	if (hist_parse_header(line, len, &hc)) {
		flush(t, &hc);
		return 0;
	}
	ok = hist_parse_row(line, len, &t->top, &r) == 0;
	if (ok || t->pend_junk < JUNK_MAX) {
		if (!(p = keep(t, line, len)))
			return -1;
		p->valid = ok;
		if (ok) {
			p->row = r;
			t->pend_valid++;
		} else {
			t->pend_junk++;
		}
	}
	if (t->count + t->pend_valid >= t->n)
		flush(t, &t->top);
	return 0;
}

static int
read_at(int fd, char *buf, size_t n, off_t at)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = pread(fd, buf + got, n - got, at + (off_t)got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r ==
		    0) { /* cut under us (copytruncate): tail_file retries */
			errno = ESTALE;
			return -1;
		}
		got += (size_t)r;
	}
	return 0;
}

/* The column map from the file's first line; the docs/API.md order when that
 * line is not a header. */
static int
top_cols(int fd, off_t size, struct hist_cols *c)
{
	char buf[HIST_LINE_MAX + 1];
	size_t n = size < (off_t)sizeof(buf) ? (size_t)size : sizeof(buf);
	char *nl;

	if (read_at(fd, buf, n, 0) < 0)
		return -1;
	nl = memchr(buf, '\n', n);
	if (!nl || !hist_parse_header(buf, (size_t)(nl - buf), c))
		hist_default_cols(c);
	return 0;
}

/* A line crossing block boundaries is assembled right-aligned in carry. */
struct carry {
	char buf[HIST_LINE_MAX];
	size_t len;
	bool overlong;
};

static void
prepend(struct carry *k, const char *p, size_t n)
{
	if (k->overlong || k->len + n > sizeof(k->buf)) {
		k->overlong = true;
		return;
	}
	memcpy(k->buf + sizeof(k->buf) - k->len - n, p, n);
	k->len += n;
}

/* Emits p[0..n) + carry as one line, then empties the carry. */
static int
emit(struct tail *t, struct carry *k, const char *p, size_t n)
{
	int rc = 0;

	if (k->len == 0 && !k->overlong) {
		if (n <= HIST_LINE_MAX)
			rc = on_line(t, p, n);
	} else {
		prepend(k, p, n);
		if (!k->overlong)
			rc = on_line(t, k->buf + sizeof(k->buf) - k->len,
			             k->len);
	}
	k->len = 0;
	k->overlong = false;
	return rc;
}

static int
scan_back(int fd, off_t size, struct tail *t, char *chunk)
{
	struct carry k = {.len = 0};
	bool partial =
		true; /* bytes after the last newline: still being written */
	off_t pos = size;

	while (pos > 0 && !t->done) {
		size_t len = pos < CHUNK ? (size_t)pos : CHUNK;
		size_t end = len;

		pos -= (off_t)len;
		if (read_at(fd, chunk, len, pos) < 0)
			return -1;
		for (size_t i = len; i-- > 0 && !t->done;) {
			if (chunk[i] != '\n')
				continue;
			if (!partial &&
			    emit(t, &k, chunk + i + 1, end - i - 1) < 0)
				return -1;
			partial = false;
			end = i;
		}
		if (t->done || partial)
			continue;
		if (pos == 0) /* line 1 */
			return emit(t, &k, chunk, end);
		prepend(&k, chunk, end);
	}
	return 0;
}

/* Newest-first rows of the file open at fd into rows[0..n). -1 with
 * ESTALE when the file got shorter while it was read. */
static int
tail_fd(int fd, struct hist_row *rows, size_t n, size_t *count)
{
	struct tail t = {.rows = rows, .n = n};
	struct stat st;
	char *chunk = NULL;
	int rc = -1, saved;

	*count = 0;
	if (fstat(fd, &st) < 0)
		return -1;
	if (st.st_size == 0)
		return 0;
	if (!(chunk = malloc(CHUNK)) || top_cols(fd, st.st_size, &t.top) < 0 ||
	    scan_back(fd, st.st_size, &t, chunk) < 0)
		goto out;
	flush(&t, &t.top);
	*count = t.count;
	rc = 0;
out:
	saved = errno;
	free(chunk);
	free(t.arena);
	free(t.pend);
	errno = saved;
	return rc;
}

/* Newest-first rows of one file into rows[0..n); *count set. A missing
 * file has no rows; a symbolic link, FIFO or other non-regular file is an
 * error (never a hang in open); a file cut while it is read (copytruncate)
 * is read again at its new size. */
static int
tail_file(const char *path, struct hist_row *rows, size_t n, size_t *count)
{
	int fd, rc = -1, saved;

	*count = 0;
	if (n == 0)
		return 0;
	if ((fd = util_open_regular(path, O_RDONLY, 0)) < 0)
		return errno == ENOENT ? 0 : -1;
	for (int tries = 0; tries < 4; tries++)
		if ((rc = tail_fd(fd, rows, n, count)) == 0 || errno != ESTALE)
			break;
	if (rc < 0 && errno == ESTALE) {
		*count = 0; /* cut again and again: no rows this time */
		rc = 0;
	}
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

int
hist_tail(const char *path, struct hist_row *rows, size_t n, size_t *count)
{
	char old[4096];
	size_t got = 0, more = 0;

	*count = 0;
	if (tail_file(path, rows, n, &got) < 0)
		return -1;
	if (got < n) {
		if (snprintf(old, sizeof(old), "%s.1", path) >=
		    (int)sizeof(old)) {
			errno = ENAMETOOLONG;
			return -1;
		}
		if (tail_file(old, rows + got, n - got, &more) < 0)
			return -1;
	}
	*count = got + more;
	for (size_t i = 0, j = *count; i + 1 < j; i++, j--) {
		struct hist_row tmp = rows[i];

		rows[i] = rows[j - 1];
		rows[j - 1] = tmp;
	}
	return 0;
}

/* ---- JSON --------------------------------------------------------------- */

/* repr() of a v that is k/10 or k/100 exactly (correctly rounded, as
 * strtod reads "43.1"): one or two decimals, the fewest that read back. */
static bool
fast_repr(double v, char *buf, size_t n)
{
	long long k;

	if (!(v >= 0 && v < 1e9))
		return false;
	k = llround(v * 10);
	if ((double)k / 10 == v) {
		snprintf(buf, n, "%lld.%lld", k / 10, k % 10);
		return true;
	}
	k = llround(v * 100);
	if ((double)k / 100 == v) {
		snprintf(buf, n, "%lld.%02lld", k / 100, k % 100);
		return true;
	}
	return false;
}

/* The shortest text that reads back as v, with ".0" on whole numbers: what
 * Python's repr() gives and what the old tool's JSON said. */
static json_object *
repr_double(double v)
{
	char buf[48];

	if (fast_repr(v, buf, sizeof(buf)))
		return json_object_new_double_s(v, buf);
	util_fmt_shortest(buf, sizeof(buf) - 2, v);
	if (!strpbrk(buf, ".e"))
		strcat(buf, ".0");
	return json_object_new_double_s(v, buf);
}

static json_object *
row_json(const struct hist_row *r)
{
	json_object *o = json_object_new_object();

	if (!o)
		return NULL;
	json_object_object_add(o, "timestamp",
	                       json_object_new_string(r->timestamp));
	json_object_object_add(o, "cpu_percent", repr_double(r->cpu_percent));
	json_object_object_add(o, "ram_percent", repr_double(r->ram_percent));
	json_object_object_add(o, "disk_percent", repr_double(r->disk_percent));
	json_object_object_add(o, "uptime_hms",
	                       json_object_new_string(r->uptime_hms));
	return o;
}

json_object *
hist_json(const struct hist_row *rows, size_t count)
{
	json_object *o = json_object_new_object();
	json_object *data = json_object_new_array_ext((int)count);

	if (!o || !data) {
		json_object_put(o);
		json_object_put(data);
		return NULL;
	}
	json_object_object_add(o, "count",
	                       json_object_new_int64((int64_t)count));
	for (size_t i = 0; i < count; i++)
		json_object_array_add(data, row_json(&rows[i]));
	json_object_object_add(o, "data", data);
	return o;
}
