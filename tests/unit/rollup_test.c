/* rollup_test.c: history windows (lib/rollup.c): buckets from CSV rows and
 * from the tiers compared with a reference computed here from the rows,
 * over uneven intervals, gaps, one-row buckets, DST for naive local
 * timestamps, out-of-order rows, spikes and rotated files; the tier files
 * against corruption, killed builds and planted links; query parsing. */
#include <errno.h>
#include <fcntl.h>
#include <json.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <zlib.h>

#include "rollup.h"
#include "sysdash.h"
#include "testutil.h"

struct trow {
	int64_t t;
	double cpu, ram, disk;
};

enum { UTC, PLUS2, NAIVE };

static const char *HEADER =
	"timestamp,cpu_percent,ram_percent,ram_used_gib,ram_total_gib,"
	"disk_percent,disk_used_gib,disk_total_gib,uptime_seconds,uptime_hms,"
	"cpu_alert,ram_alert\n";

/* One CSV line for r: UTC (+00:00), +02:00, or naive local time. */
static int
line(char *buf, size_t n, const struct trow *r, int style)
{
	time_t t = (time_t)r->t + (style == PLUS2 ? 7200 : 0);
	struct tm tm;
	char ts[64];

	if (style == NAIVE)
		localtime_r(&t, &tm);
	else
		gmtime_r(&t, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
	return snprintf(buf, n,
	                "%s%s,%.1f,%.1f,7.00,15.57,%.1f,100.00,233.67,"
	                "12.0,00:00:12,False,False\n",
	                ts,
	                style == NAIVE ? ".829610" :
	                style == PLUS2 ? ".000+02:00" :
	                                 ".000+00:00",
	                r->cpu, r->ram, r->disk);
}

/* Writes rows [0, n) of r to path (gzip'd when gz), header first. */
static void
write_csv(const char *path, const struct trow *r, size_t n, int style, bool gz)
{
	size_t cap = 256 + n * 160, len = strlen(HEADER);
	char *buf = malloc(cap);
	FILE *f;

	assert_non_null(buf);
	memcpy(buf, HEADER, len);
	for (size_t i = 0; i < n; i++)
		len += (size_t)line(buf + len, cap - len, &r[i],
		                    style == PLUS2 && i % 2 ? UTC : style);
	if (gz) {
		gzFile g = gzopen(path, "wb");

		assert_non_null(g);
		assert_int_equal(gzwrite(g, buf, (unsigned)len), (int)len);
		assert_int_equal(gzclose(g), Z_OK);
	} else {
		assert_non_null(f = fopen(path, "wb"));
		assert_int_equal(fwrite(buf, 1, len, f), len);
		assert_int_equal(fclose(f), 0);
	}
	free(buf);
}

static char *
path_in(const char *dir, const char *name)
{
	static char bufs[4][1024];
	static int next;
	char *b = bufs[next++ % 4];

	snprintf(b, sizeof bufs[0], "%s/%s", dir, name);
	return b;
}

static unsigned
h100(double v)
{
	return (unsigned)llround(v * 100);
}

/* The straightforward answer: for each bucket of width w from A to B, a
 * pass over every row. Compared field by field with res. */
static void
check_against_rows(const struct ru_result *res, const struct trow *r, size_t n,
                   int64_t since, int64_t until, int64_t want_w)
{
	int64_t A = since - since % want_w;
	int64_t B = (until + want_w - 1) / want_w * want_w;
	size_t k = 0;
	uint64_t total = 0;

	assert_int_equal(res->width, want_w);
	assert_int_equal(res->start, A);
	assert_int_equal(res->end, B);
	for (int64_t s = A; s < B; s += want_w) {
		unsigned cnt = 0, mn[3] = {0}, mx[3] = {0};
		uint64_t sum[3] = {0};

		for (size_t i = 0; i < n; i++) {
			unsigned v[3] = {h100(r[i].cpu), h100(r[i].ram),
			                 h100(r[i].disk)};

			if (r[i].t < s || r[i].t >= s + want_w)
				continue;
			for (int m = 0; m < 3; m++) {
				mn[m] = cnt == 0 || v[m] < mn[m] ? v[m] : mn[m];
				mx[m] = cnt == 0 || v[m] > mx[m] ? v[m] : mx[m];
				sum[m] += v[m];
			}
			cnt++;
		}
		if (cnt == 0)
			continue; /* a gap: no point */
		if (k >= res->n)
			fail_msg("bucket %lld missing", (long long)s);
		if (res->pts[k].start != s)
			fail_msg("bucket %zu starts %lld, want %lld", k,
			         (long long)res->pts[k].start, (long long)s);
		assert_int_equal(res->pts[k].c.count, cnt);
		for (int m = 0; m < 3; m++) {
			assert_int_equal(res->pts[k].c.min[m], mn[m]);
			assert_int_equal(res->pts[k].c.max[m], mx[m]);
			assert_int_equal(res->pts[k].c.sum[m], sum[m]);
		}
		total += cnt;
		k++;
	}
	assert_int_equal(res->n, k);
	assert_int_equal(res->rows, total);
}

static void
window_is(const char *csv, const struct trow *r, size_t n, int64_t since,
          int64_t until, int points, int64_t want_w)
{
	struct ru_result res;

	if (ru_window(csv, since, until, points, &res) != 0)
		fail_msg("ru_window: %s", strerror(errno));
	check_against_rows(&res, r, n, since, until, want_w);
	ru_result_free(&res);
}

/* A fixed, recent base time (tiers keep a year back from now). */
static int64_t
base_time(void)
{
	int64_t now = (int64_t)time(NULL);

	return now - now % 86400 - 40 * 86400;
}

static void
uneven_intervals_gaps_one_row(void **state)
{
	static const int steps[] = {1, 3, 7, 2, 13, 2, 2, 5, 11, 1};
	struct trow r[600];
	size_t n = 0;
	int64_t t = base_time() + 17;
	char *dir = tu_mkdtemp();
	const char *csv = path_in(dir, "metrics.csv");

	(void)state;
	for (int i = 0; i < 400; i++, n++) {
		r[n] = (struct trow){t, (i * 37) % 1000 / 10.0, 40 + i % 7,
		                     60.5};
		t += steps[i % 10];
	}
	t += 1500; /* the machine was off 25 minutes */
	for (int i = 0; i < 100; i++, n++) {
		r[n] = (struct trow){t, 5.5, 41.2, 60.6};
		t += 2;
	}
	t += 900;
	r[n++] = (struct trow){t, 77.7, 44.4, 61.1}; /* alone in its bucket */
	write_csv(csv, r, n, PLUS2, false);
	/* span 3999 s: rows (w = 1 s up to 400 points) or 1-min buckets */
	window_is(csv, r, n, r[0].t, r[0].t + 3999, 1000, 4);
	window_is(csv, r, n, r[0].t, r[0].t + 3999, 300, 14);
	window_is(csv, r, n, r[0].t, r[0].t + 3999, 10, 420);
	window_is(csv, r, n, r[0].t - 7, r[n - 1].t + 1, 500, 9);
	/* the lone row: min == max == average, count 1 */
	{
		struct ru_result res;

		assert_int_equal(ru_window(csv, r[n - 1].t - 30,
		                           r[n - 1].t + 30, 60, &res),
		                 0);
		assert_int_equal(res.n, 1);
		assert_int_equal(res.pts[0].c.count, 1);
		assert_int_equal(res.pts[0].c.min[0], 7770);
		assert_int_equal(res.pts[0].c.max[0], 7770);
		assert_int_equal(res.pts[0].c.sum[0], 7770);
		ru_result_free(&res);
	}
	tu_rmtree(dir);
}

/* 30 days at one row a minute, one spike of one row: every bucket's max is
 * the max of its rows, from the rows and from the tiers alike. */
static void
spike_survives_every_width(void **state)
{
	size_t n = 30 * 1440;
	struct trow *r = calloc(n, sizeof(*r));
	int64_t b = base_time(), now = b + 30 * 86400 + 3600;
	char *dir = tu_mkdtemp();
	const char *csv = path_in(dir, "metrics.csv");
	struct ru_stats st;
	char err[256];
	struct ru_result res;

	(void)state;
	for (size_t i = 0; i < n; i++)
		r[i] = (struct trow){b + (int64_t)i * 60 + 5,
		                     10.0 + (double)(i % 3), 50.0,
		                     70.0 + (double)(i % 10) / 10};
	r[20000].cpu = 99.9;
	write_csv(csv, r, n, UTC, false);
	/* no tiers yet: from the rows */
	window_is(csv, r, n, b, b + 30 * 86400, 300, 10800);
	assert_int_equal(ru_sync(csv, now, 0, &st, err, sizeof err), 0);
	assert_true(st.built);
	assert_int_equal(st.rows, n);
	for (int64_t span = 3600; span <= 30 * 86400; span *= 4) {
		int64_t until = b + 30 * 86400, w;
		int tier;

		w = ru_width(span, 300, &tier);
		window_is(csv, r, n, until - span, until, 300, w);
	}
	assert_int_equal(ru_window(csv, b, b + 30 * 86400, 10, &res), 0);
	assert_true(res.used_tiers);
	assert_int_equal(res.tier, 3600);
	for (size_t i = 0, hit = 0; i < res.n; i++) {
		bool has = r[20000].t >= res.pts[i].start &&
		           r[20000].t < res.pts[i].start + res.width;

		assert_int_equal(res.pts[i].c.max[0], has ? 9990 : 1200);
		hit += has;
		if (i + 1 == res.n)
			assert_int_equal(hit, 1);
	}
	ru_result_free(&res);
	free(r);
	tu_rmtree(dir);
}

/* Two samplers on one file: rows out of order by a few seconds, and the
 * tiers caught up minute by minute while they come. */
static void
out_of_order_rows(void **state)
{
	size_t n = 3 * 3600 / 2;
	struct trow *r = calloc(n, sizeof(*r)), *file = calloc(n, sizeof(*r));
	int64_t b = (int64_t)time(NULL) - 4 * 3600;
	char *dir = tu_mkdtemp();
	const char *csv = path_in(dir, "metrics.csv");
	char err[256];
	struct ru_stats st;
	size_t half;

	(void)state;
	b -= b % 3600;
	for (size_t i = 0; i < n; i++)
		r[i] = (struct trow){b + (int64_t)i * 2,
		                     (double)(i % 1000) / 10,
		                     (double)(i % 500) / 10, 60};
	/* the file order: each pair swapped, every tenth row 5 s late */
	memcpy(file, r, n * sizeof(*r));
	for (size_t i = 0; i + 1 < n; i += 2) {
		struct trow x = file[i];

		file[i] = file[i + 1];
		file[i + 1] = x;
	}
	for (size_t i = 9; i + 3 < n; i += 10) {
		struct trow x = file[i];

		file[i] = file[i + 1];
		file[i + 1] = file[i + 2];
		file[i + 2] = x;
	}
	half = n / 2;
	write_csv(csv, file, half, UTC, false);
	assert_int_equal(
		ru_sync(csv, file[half - 1].t + 1, 0, &st, err, sizeof err), 0);
	assert_true(st.built);
	write_csv(csv, file, n, UTC, false); /* the rest appended */
	for (int64_t now = file[half].t; now < r[n - 1].t + 120; now += 60) {
		assert_int_equal(ru_sync(csv, now, 0, &st, err, sizeof err), 0);
		assert_false(st.built);
	}
	window_is(csv, r, n, b, b + 3 * 3600, 100, 120);
	window_is(csv, r, n, b + 1, b + 3 * 3600, 10, 1080);
	window_is(csv, r, n, b + 3600, b + 3600 + 600, 300, 2);
	free(r);
	free(file);
	tu_rmtree(dir);
}

static void
set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* Naive timestamps are local time: rows a minute apart across both DST
 * changes of 2026 in Paris, written as the old tool wrote them. */
static void
dst_naive_local_time(void **state)
{
	/* 2026-03-29T01:00Z: 02:00 CET -> 03:00 CEST */
	const int64_t spring = 1774746000, autumn = 1792890000;
	struct trow r[721];
	char *dir = tu_mkdtemp();
	const char *csv = path_in(dir, "metrics.csv");
	struct ru_result res;
	json_object *o;
	const char *ts;

	(void)state;
	set_tz("Europe/Paris");
	for (int i = 0; i < 721; i++)
		r[i] = (struct trow){spring - 6 * 3600 + i * 60, i % 100, 50,
		                     60};
	write_csv(csv, r, 721, NAIVE, false);
	/* minutes, then 20-minute buckets, across the missing hour */
	window_is(csv, r, 721, spring - 3 * 3600, spring + 3 * 3600, 360, 60);
	window_is(csv, r, 721, spring - 6 * 3600, spring + 6 * 3600, 36, 1200);
	assert_int_equal(ru_window(csv, spring - 600, spring + 600, 20, &res),
	                 0);
	{
		size_t len;
		char *text = ru_json_text(&res, &len);

		assert_non_null(text);
		assert_int_equal(strlen(text), len);
		assert_non_null(o = json_tokener_parse(text));
		free(text);
	}
	ts = json_object_get_string(json_object_object_get(
		json_object_array_get_idx(json_object_object_get(o, "data"), 0),
		"timestamp"));
	assert_string_equal(ts, "2026-03-29T01:50:00+01:00");
	ts = json_object_get_string(json_object_object_get(
		json_object_array_get_idx(json_object_object_get(o, "data"),
	                                  19),
		"timestamp"));
	assert_string_equal(ts, "2026-03-29T03:09:00+02:00");
	json_object_put(o);
	ru_result_free(&res);

	/* autumn: 02:00-02:59 local comes twice and is ambiguous once naive;
	 * every row is still counted, and the hours around it are exact */
	for (int i = 0; i < 721; i++)
		r[i] = (struct trow){autumn - 6 * 3600 + i * 60, i % 100, 50,
		                     60};
	write_csv(csv, r, 721, NAIVE, false);
	assert_int_equal(ru_window(csv, autumn - 6 * 3600,
	                           autumn + 6 * 3600 + 1, 12, &res),
	                 0);
	assert_int_equal(res.rows, 721);
	ru_result_free(&res);
	window_is(csv, r, 721, autumn - 6 * 3600, autumn - 2 * 3600, 10, 1440);
	window_is(csv, r, 721, autumn + 2 * 3600, autumn + 6 * 3600, 10, 1440);
	set_tz("UTC");
	tu_rmtree(dir);
}

/* metrics.csv.2.gz, metrics.csv.1 and metrics.csv together, from the rows
 * and from tiers built from all three. */
static void
rotated_files(void **state)
{
	size_t n = 3000;
	struct trow *r = calloc(n, sizeof(*r));
	int64_t b = base_time(), now;
	char *dir = tu_mkdtemp();
	const char *csv = path_in(dir, "metrics.csv");
	char err[256];
	struct ru_stats st;

	(void)state;
	for (size_t i = 0; i < n; i++)
		r[i] = (struct trow){b + (int64_t)i * 30,
		                     (double)(i * 7 % 1000) / 10, 33.3,
		                     50 + (double)(i % 5)};
	now = r[n - 1].t + 3600;
	write_csv(path_in(dir, "metrics.csv.2.gz"), r, 1000, UTC, true);
	write_csv(path_in(dir, "metrics.csv.1"), r + 1000, 1000, PLUS2, false);
	write_csv(csv, r + 2000, 1000, UTC, false);
	window_is(csv, r, n, b, r[n - 1].t + 1, 300, 300);
	window_is(csv, r, n, r[990].t, r[1010].t, 300, 2);
	assert_int_equal(ru_sync(csv, now, 0, &st, err, sizeof err), 0);
	assert_int_equal(st.rows, n);
	window_is(csv, r, n, b, r[n - 1].t + 1, 300, 300);
	window_is(csv, r, n, b, r[n - 1].t + 1, 10, 10800);
	free(r);
	tu_rmtree(dir);
}

/* A tier that is cut, garbled, left half-built by a killed build, or is a
 * link: readers answer from the rows, the next sync builds anew or says
 * why it cannot. */
static void
damaged_tiers(void **state)
{
	size_t n = 2 * 1440;
	struct trow *r = calloc(n, sizeof(*r));
	int64_t b = base_time(), now = b + 3 * 86400;
	char *dir = tu_mkdtemp();
	const char *csv = path_in(dir, "metrics.csv");
	char m[1100], h[1100], err[512], fresh[1200];
	struct ru_stats st;
	int fd;

	(void)state;
	for (size_t i = 0; i < n; i++)
		r[i] = (struct trow){b + (int64_t)i * 60, (double)(i % 100), 20,
		                     30};
	write_csv(csv, r, n, UTC, false);
	assert_int_equal(ru_sync(csv, now, 0, &st, err, sizeof err), 0);
	ru_tier_path(m, sizeof m, csv, 60);
	ru_tier_path(h, sizeof h, csv, 3600);
	/* a killed build's leftover beside valid tiers changes nothing */
	snprintf(fresh, sizeof fresh, "%s.new", m);
	tu_write_str(dir, "metrics.csv.rollup-1m.new", "half a file");
	window_is(csv, r, n, b, b + 2 * 86400, 100, 1740);
	/* cut */
	assert_int_equal(truncate(m, 1000), 0);
	assert_true(ru_lag(csv, now) == INT64_MAX);
	window_is(csv, r, n, b, b + 2 * 86400, 100, 1740);
	assert_int_equal(ru_sync(csv, now, RU_NOBUILD, &st, err, sizeof err),
	                 1);
	assert_int_equal(ru_sync(csv, now, 0, &st, err, sizeof err), 0);
	assert_true(st.built);
	assert_int_equal(access(fresh, F_OK), -1);
	/* a garbled record: that minute comes from nowhere wrong */
	assert_true((fd = open(m, O_WRONLY)) >= 0);
	assert_int_equal(
		pwrite(fd, "\xff\xff\xff\xff", 4,
	               64 + (off_t)((b + 600) / 60 % (366 * 1440)) * 40 + 16),
		4);
	close(fd);
	{
		struct ru_result res;

		assert_int_equal(ru_window(csv, b, b + 2 * 86400, 100, &res),
		                 0);
		assert_int_equal(res.rows, n - 1);
		ru_result_free(&res);
	}
	/* --rebuild-history mends it */
	assert_int_equal(ru_sync(csv, now, RU_REBUILD, &st, err, sizeof err),
	                 0);
	window_is(csv, r, n, b, b + 2 * 86400, 100, 1740);
	/* a tier of the right size full of garbage: nothing read from it */
	{
		size_t hsize = 64 + 366 * 24 * 40;
		char *junk = malloc(hsize);

		memset(junk, 0xab, hsize);
		tu_write(dir, "metrics.csv.rollup-1h", junk, hsize);
		free(junk);
		window_is(csv, r, n, b, b + 2 * 86400, 10, 18000);
		assert_true(ru_lag(csv, now) == INT64_MAX);
	}
	/* a link where a tier goes: refused, never followed */
	assert_int_equal(unlink(h), 0);
	assert_int_equal(symlink("/etc/passwd", h), 0);
	window_is(csv, r, n, b, b + 2 * 86400, 100, 1740);
	assert_int_equal(ru_sync(csv, now + 60, 0, &st, err, sizeof err), -1);
	assert_true(tu_contains(err, "symbolic link"));
	free(r);
	tu_rmtree(dir);
}

static void
no_csv_no_rows(void **state)
{
	char *dir = tu_mkdtemp();
	struct ru_result res;
	char err[256];

	(void)state;
	assert_int_equal(ru_window(path_in(dir, "none.csv"), 1000000, 1003600,
	                           300, &res),
	                 0);
	assert_int_equal(res.n, 0);
	ru_result_free(&res);
	tu_write_str(dir, "empty.csv", "");
	assert_int_equal(ru_window(path_in(dir, "empty.csv"), 1000000, 1086400,
	                           300, &res),
	                 0);
	assert_int_equal(res.n, 0);
	ru_result_free(&res);
	assert_int_equal(ru_sync(path_in(dir, "empty.csv"), (int64_t)time(NULL),
	                         0, NULL, err, sizeof err),
	                 0);
	assert_int_equal(ru_window(path_in(dir, "empty.csv"), 1000000, 1003600,
	                           300, &res),
	                 0);
	assert_int_equal(res.n, 0);
	ru_result_free(&res);
	assert_int_equal(ru_window(path_in(dir, "none.csv"), 5, 5, 300, &res),
	                 -1);
	assert_int_equal(errno, EINVAL);
	tu_rmtree(dir);
}

static void
parse_times(void **state)
{
	static const struct {
		const char *in;
		int64_t want;
		bool rel;
	} good[] = {
		{"1764000000", 1764000000, false},
		{"1764000000.75", 1764000000, false},
		{"0", 0, false},
		{"-3600", -3600, true},
		{"2026-11-24T10:15:30+01:00", 1795511730, false},
		{"2026-11-24T10:15:30.123+01:00", 1795511730, false},
		{"2026-11-24T09:15:30Z", 1795511730, false},
		{"2026-11-24T09:15:30.5Z", 1795511730, false},
		{"2026-11-24T04:15:30-0500", 1795511730, false},
		{"2026-11-24T11:15+02", 1795511700, false},
		{"2026-11-24 09:15:30Z", 1795511730, false},
		{"2026-11-24Z", 1795478400, false},
		{"2026-11-24T10:15:30", 1795511730,
	         false}, /* TZ Europe/Paris */
		{"2024-02-29T00:00:00Z", 1709164800, false},
	};
	static const char *bad[] = {
		"",
		"-",
		"abc",
		"2026-11",
		"2026-13-01T00:00:00Z",
		"2026-02-29T00:00:00Z",
		"2026-11-24T24:00:00Z",
		"2026-11-24T10:60Z",
		"2026-11-24T10:15:30+25:00",
		"2026-11-24T10:15:30+01:00junk",
		"1969-12-31T23:59:59Z",
		"99999999999999999999999",
		"253402300800",
		"-1.5",
		"1.",
		"1e9",
		" 1764000000",
		"1764000000 ",
		"0x10",
		"2026-11-24T10:15:30.Z",
		"--5",
		"+5",
		"2026-11-24T10:15:30+1",
		"2026-11-24T10",
		"2026-11-24T1:00Z",
	};
	int64_t t;
	bool rel;

	(void)state;
	set_tz("Europe/Paris");
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (ru_parse_time(good[i].in, &t, &rel) != 0)
			fail_msg("ru_parse_time(\"%s\") refused", good[i].in);
		if (t != good[i].want || rel != good[i].rel)
			fail_msg("ru_parse_time(\"%s\") = %lld, want %lld",
			         good[i].in, (long long)t,
			         (long long)good[i].want);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (ru_parse_time(bad[i], &t, &rel) == 0)
			fail_msg("ru_parse_time(\"%s\") took it: %lld", bad[i],
			         (long long)t);
	set_tz("UTC");
}

static void
parse_points_and_width(void **state)
{
	static const char *bad[] = {"",     "9",   "1001",
	                            "-300", "3e2", "300.0",
	                            " 300", "abc", "99999999999999999999"};
	static const struct {
		int64_t span;
		int points, tier;
		int64_t w;
	} widths[] = {
		{3600, 300, 1, 12},
		{86400, 300, 60, 300},
		{604800, 300, 60, 2040},
		{2592000, 300, 3600, 10800},
		{600, 1000, 1, 1},
		{31622400, 300, 3600, 108000},
		{157788000, 10, 3600, 15778800},
		{1, 10, 1, 1},
	};
	int p, tier;

	(void)state;
	assert_int_equal(ru_parse_points("10", &p), 0);
	assert_int_equal(p, 10);
	assert_int_equal(ru_parse_points("1000", &p), 0);
	assert_int_equal(p, 1000);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (ru_parse_points(bad[i], &p) == 0)
			fail_msg("ru_parse_points(\"%s\") took it", bad[i]);
	for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
		int64_t w = ru_width(widths[i].span, widths[i].points, &tier);

		if (w != widths[i].w || tier != widths[i].tier)
			fail_msg("ru_width(%lld, %d) = %lld (tier %d), want "
			         "%lld (%d)",
			         (long long)widths[i].span, widths[i].points,
			         (long long)w, tier, (long long)widths[i].w,
			         widths[i].tier);
		assert_true((widths[i].span + w - 1) / w <= widths[i].points);
	}
}

/* The answer's text, byte for byte: averages rounded half up, numbers as
 * Python prints them, a local time with a negative offset. */
static void
json_text_exact(void **state)
{
	struct ru_point p = {
		1764000000,
		{3, {0, 4300, 10000}, {9990, 4312, 10000}, {2, 12925, 30000}}};
	struct ru_result res = {1764000000, 1764003600, 3600, 3600,
	                        1,          3,          &p,   true};
	size_t len;
	char *text;

	(void)state;
	set_tz("America/New_York");
	text = ru_json_text(&res, &len);
	assert_non_null(text);
	assert_string_equal(text,
	                    "{\"count\":1,\"resolution_seconds\":3600,\"tier_"
	                    "seconds\":3600,"
	                    "\"since\":1764000000,\"until\":1764003600,"
	                    "\"rows\":3,\"data\":["
	                    "{\"timestamp\":\"2025-11-24T11:00:00-05:00\","
	                    "\"cpu_percent\":0.01,"
	                    "\"cpu_percent_min\":0.0,\"cpu_percent_max\":99.9,"
	                    "\"ram_percent\":43.08,\"ram_percent_min\":43.0,"
	                    "\"ram_percent_max\":43.12,"
	                    "\"disk_percent\":100.0,\"disk_percent_min\":100.0,"
	                    "\"disk_percent_max\":100.0,\"count\":3}]}");
	assert_int_equal(len, strlen(text));
	free(text);
	res.n = 0;
	text = ru_json_text(&res, &len);
	assert_true(tu_contains(text, "\"count\":0,") &&
	            tu_contains(text, "\"data\":[]}"));
	free(text);
	set_tz("UTC");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_times),
		cmocka_unit_test(parse_points_and_width),
		cmocka_unit_test(uneven_intervals_gaps_one_row),
		cmocka_unit_test(spike_survives_every_width),
		cmocka_unit_test(out_of_order_rows),
		cmocka_unit_test(dst_naive_local_time),
		cmocka_unit_test(rotated_files),
		cmocka_unit_test(damaged_tiers),
		cmocka_unit_test(no_csv_no_rows),
		cmocka_unit_test(json_text_exact),
	};

	set_tz("UTC");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
