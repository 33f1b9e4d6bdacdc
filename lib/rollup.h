/* rollup.h: history over time windows. Rows of the metrics CSV are put in
 * buckets (min/avg/max/count of CPU, RAM and disk) answered from rollup
 * tiers kept beside the CSV (1 min and 1 h, fixed-size ring files like
 * RRD's) plus the CSV itself for the part not yet rolled up. */
#ifndef SYSDASH_ROLLUP_H
#define SYSDASH_ROLLUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RU_POINTS_MIN 10
#define RU_POINTS_MAX 1000
#define RU_POINTS_DEFAULT 300
/* a window may span 5 years of 365.25 days */
#define RU_WINDOW_MAX 157788000LL
/* the tiers keep 366 days: a year whatever the leap days */
#define RU_RETENTION (366LL * 86400)
/* a minute is rolled up this long after it ends: rows are stamped when
 * sampled and written a few ms later, or by a second sampler */
#define RU_GRACE 10
/* rows of one file are in time order but for this much (two samplers on
 * one file, a clock stepped back by NTP) */
#define RU_SLACK 300
#define RU_NTIERS 2
#define RU_METRICS 3 /* cpu, ram, disk */

/* One bucket. Values are hundredths of a percent (0..10000): sums are
 * exact integers, so a bucket summed from minutes equals the same bucket
 * summed from rows. */
struct ru_cell {
	uint32_t count;
	uint16_t min[RU_METRICS], max[RU_METRICS];
	uint64_t sum[RU_METRICS];
};

/* Converts local wall time to Unix time for naive timestamps (the old
 * tool's): one mktime() per hour met, not per row. Zero it before use. */
struct ru_clock {
	int y, mo, d, h;
	int64_t base; /* Unix time of y-mo-d h:00:00 local */
	bool valid;
};

/* Parses an ISO 8601 time (YYYY-MM-DD, optionally THH:MM[:SS[.frac]] or a
 * space instead of T, optionally Z, +HH:MM, +HHMM or +HH) of len bytes
 * into Unix seconds (fraction dropped). Without an offset it is local time
 * (TZ) through clk. Years 1970..9999. 0, or -1 with EINVAL. */
int ru_iso_time(const char *s, size_t len, struct ru_clock *clk, int64_t *t);

/* A query time: ISO 8601 as above, or Unix seconds (digits), or "-N":
 * N seconds before until (*relative set). 0 or -1 with EINVAL. ("all"
 * for since= is the caller's: see ru_oldest.) */
int ru_parse_time(const char *s, int64_t *t, bool *relative);

/* The time of the oldest row: the first row of the oldest rotated file
 * that has one (csv.N, csv.N.gz ... csv), or the oldest hour in the hour
 * tier when that is older. 0, or -1 with ENOENT when there is no row. */
int ru_oldest(const char *csv, int64_t *t);

/* points= as a whole number RU_POINTS_MIN..RU_POINTS_MAX. 0 or -1. */
int ru_parse_points(const char *s, int *points);

/* The bucket width for a window: the coarsest of 3600, 60 and 1 (a tier,
 * or the rows) that still gives at least points buckets over span seconds,
 * times the least whole factor giving at most points buckets. *tier gets
 * that resolution. */
int64_t ru_width(int64_t span, int points, int *tier);

/* One answer: buckets of width seconds from start (since rounded down to
 * a multiple of width) to end (until rounded up); only buckets with rows. */
struct ru_point {
	int64_t start;
	struct ru_cell c;
};

struct ru_result {
	int64_t start, end, width;
	int tier;             /* resolution read: 3600, 60, or 1 (rows) */
	size_t n;             /* points with rows */
	uint64_t rows;        /* rows in all of them */
	struct ru_point *pts; /* malloc'd, oldest first; ru_result_free */
	bool used_tiers;      /* some buckets came from tier files */
};

/* The window [since, until) of the CSV at csv (with its rotated .1,
 * .1.gz, .2, .2.gz ... files), in buckets of ru_width(). Reads the tiers
 * beside it where they are valid and the rows for the rest. A missing CSV
 * has no rows. 0, or -1 with errno (ENOMEM, EIO, EACCES...). */
int ru_window(const char *csv, int64_t since, int64_t until, int points,
              struct ru_result *res);

void ru_result_free(struct ru_result *res);

/* The answer of GET /api/history?since=... as JSON text (malloc'd, *len
 * bytes, NUL-terminated): {"count", "resolution_seconds", "tier_seconds",
 * "since", "until", "rows", "data": [{"timestamp" (bucket start, ISO 8601
 * local time with its offset), "cpu_percent" (average), "cpu_percent_min",
 * "cpu_percent_max", the same for ram and disk, "count"}]}, numbers as
 * Python's repr() prints them. NULL with ENOMEM. */
char *ru_json_text(const struct ru_result *res, size_t *len);

/* ---- the tiers -------------------------------------------------------- */

enum {
	RU_REBUILD = 1, /* build the tiers anew from the CSV files */
	RU_NOWAIT = 2,  /* another process holds the lock: do nothing */
	RU_NOBUILD = 4, /* when a build is needed, do not: return 1 */
};

struct ru_stats {
	uint64_t rows;  /* rows read */
	double seconds; /* wall time */
	bool built;     /* a full build was done */
};

/* Brings the tiers of csv (csv.rollup-1m, csv.rollup-1h; lock
 * csv.rollup.lock) up to now - RU_GRACE: rolls up the CSV rows since the
 * last minute rolled, or builds both files from every CSV file (a new
 * file, then rename: a crash leaves the old tiers or none, never half a
 * file) when they are missing, invalid, a week or more behind, or flags
 * has RU_REBUILD. Files are opened with O_NOFOLLOW and must be regular.
 * Returns 0 (done, or skipped under RU_NOWAIT), 1 when RU_NOBUILD and a
 * build is needed, -1 with errno and a message in err. */
int ru_sync(const char *csv, int64_t now, int flags, struct ru_stats *st,
            char *err, size_t errlen);

/* Seconds since the last minute the tiers rolled up (INT64_MAX when they
 * are missing or invalid): a reader with no sampler keeping them syncs
 * when this grows past a couple of minutes. Read-only. */
int64_t ru_lag(const char *csv, int64_t now);

/* The tier file of resolution res (60 or 3600) for csv into buf. */
int ru_tier_path(char *buf, size_t n, const char *csv, int res);

#endif
