/* history.c: GET /api/history?limit=N, the last N rows of SYSDASH_CSV
 * (default $SYSDASH_DATA_DIR/metrics.csv), oldest first, and
 * GET /api/history?since=T&until=T&points=N, that window in min/avg/max
 * buckets from the rollup tiers and the CSV (docs/API.md). */
#include "history.h"
#include "http.h"
#include "rollup.h"
#include "sysdash.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Both fixed at start: configuration is never read from a request. */
static char csv_path[4096];
static struct hist_row rows[HIST_LIMIT_MAX];

/* Never refuses: docs/API.md maps every value to 1..500 (a non-number is 200).
 */
static int
parse_limit(const char *value, void *out)
{
	*(size_t *)out = hist_limit(value);
	return 0;
}

/* A since= or until= value (absent, a time, or seconds before until),
 * or points= (t the number). */
struct when {
	bool set, relative, all;
	int64_t t;
};

static int
parse_when(const char *value, void *out)
{
	struct when *w = out;

	if (!value)
		return 0;
	w->set = true;
	return ru_parse_time(value, &w->t, &w->relative);
}

/* since= also takes "all": from the oldest row kept */
static int
parse_since(const char *value, void *out)
{
	struct when *w = out;

	if (value && strcmp(value, "all") == 0) {
		w->set = w->all = true;
		return 0;
	}
	return parse_when(value, out);
}

static int
parse_points(const char *value, void *out)
{
	struct when *w = out;
	int n;

	if (!value)
		return 0;
	if (ru_parse_points(value, &n) < 0)
		return -1;
	w->set = true;
	w->t = n;
	return 0;
}

static void
read_failed(struct http_req *r, int saved)
{
	char msg[512], copy[sizeof(csv_path)];
	int fd;

	/* name the file at fault: the CSV, or its rotated .1 */
	memcpy(copy, csv_path, sizeof(copy));
	if ((fd = util_open_regular(csv_path, O_RDONLY, 0)) >= 0) {
		close(fd);
		if (strlen(copy) + 2 < sizeof(copy))
			strcat(copy, ".1");
	}
	fprintf(stderr, "history.fcgi: read %s: %s\n", copy,
	        util_open_strerror(saved));
	/* the client learns the file's name, not where it lives */
	snprintf(msg, sizeof(msg), "read %s: %s", basename(copy),
	         util_open_strerror(saved));
	http_error(r, 500, msg);
}

/* Tiers nobody keeps (no sampler: the old tool's CSV, SYSDASH_SAMPLER=0)
 * are built or caught up here, on first use. */
static void
keep_tiers(int64_t now)
{
	static char last[512];
	char err[512];

	if (ru_lag(csv_path, now) <= 180)
		return;
	if (ru_sync(csv_path, now, RU_NOWAIT, NULL, err, sizeof(err)) < 0 &&
	    strcmp(err, last) != 0) {
		/* answers still come, from the CSV: said once per cause */
		fprintf(stderr, "history.fcgi: rollup: %s\n", err);
		snprintf(last, sizeof(last), "%s", err);
	}
}

/* Just after the newest row ("all" ends there: a CSV that stopped a year
 * ago is shown, not a year of nothing); now when there is none. */
static int64_t
newest_row(int64_t now)
{
	size_t n;
	int64_t t;

	if (hist_tail(csv_path, rows, 1, &n) < 0 || n == 0 ||
	    ru_iso_time(rows[0].timestamp, strlen(rows[0].timestamp), NULL,
	                &t) < 0 ||
	    t >= now)
		return now;
	return t + 1;
}

/* ?since=T&until=T&points=N: a window in buckets (API.md). */
static void
on_window(struct http_req *r, struct when since, struct when until,
          struct when points)
{
	int64_t now = (int64_t)time(NULL);
	struct ru_result res;
	char *body;
	size_t len;

	if (!since.set) {
		http_error(r, 400, "since: required with until or points");
		return;
	}
	if (!until.set || until.relative)
		until.t = now + (until.set ? until.t : 0);
	if (since.all && !until.set)
		until.t = newest_row(now);
	if (since.relative)
		since.t = until.t + since.t;
	if (since.all) {
		/* the oldest row, at most 5 years back; an hour when none */
		if (ru_oldest(csv_path, &since.t) < 0 || since.t >= until.t)
			since.t = until.t - 3600;
		if (until.t - since.t > RU_WINDOW_MAX)
			since.t = until.t - RU_WINDOW_MAX;
	}
	if (since.t >= until.t) {
		http_error(r, 400, "since: must be before until");
		return;
	}
	if (until.t - since.t > RU_WINDOW_MAX) {
		http_error(r, 400, "since: the window is longer than 5 years");
		return;
	}
	keep_tiers(now);
	if (ru_window(csv_path, since.t, until.t,
	              points.set ? (int)points.t : RU_POINTS_DEFAULT,
	              &res) < 0) {
		read_failed(r, errno);
		return;
	}
	body = ru_json_text(&res, &len);
	ru_result_free(&res);
	if (!body) {
		http_error(r, 500, "out of memory");
		return;
	}
	http_send(r, 200, "application/json", NULL, body, len);
	free(body);
}

static void
on_history(struct http_req *r, void *arg)
{
	size_t limit = HIST_LIMIT_DEFAULT, count;
	struct when since = {0}, until = {0}, points = {0};
	const struct http_field fields[] = {
		{"limit", parse_limit, &limit, "limit: not a number"},
		{"since", parse_since, &since,
	         "since: not a time (ISO 8601, "
	         "Unix seconds, -N seconds before until, or all)"},
		{"until", parse_when, &until,
	         "until: not a time (ISO 8601, "
	         "Unix seconds, or -N seconds before now)"},
		{"points", parse_points, &points,
	         "points: must be a whole number from 10 to 1000"},
	};

	(void)arg;
	if (http_query(r, fields, sizeof(fields) / sizeof(fields[0])) < 0)
		return;
	if (since.set || until.set || points.set) {
		on_window(r, since, until, points);
		return;
	}
	if (hist_tail(csv_path, rows, limit, &count) < 0) {
		read_failed(r, errno);
		return;
	}
	http_send_json(r, 200, hist_json(rows, count), NULL);
}

int
main(void)
{
	static const struct http_route routes[] = {
		{"/api/history", "GET, HEAD", on_history},
	};
	struct sd_config cfg;
	char err[256];

	if (config_load(&cfg, SD_SERVER, err, sizeof(err)) < 0) {
		fprintf(stderr, "history.fcgi: %s\n", err);
		return 1;
	}
	memcpy(csv_path, cfg.csv, sizeof(cfg.csv));
	/* Each answer allocates and frees some 200 KiB (read block, kept lines,
	 * JSON): keep it in the heap rather than give it back to the kernel
	 * and fault it in again on the next request (a fifth of the time). */
	mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 2 * 1024 * 1024);
	return http_serve(routes, sizeof(routes) / sizeof(routes[0]), NULL);
}
