/* history.h: the last rows of the sampler's CSV, read from the end of the
 * file so the cost depends on the rows asked for, not on the file's size. */
#ifndef SYSDASH_HISTORY_H
#define SYSDASH_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

/* docs/API.md: limit defaults to 200 and is clamped to 1..500. */
#define HIST_LIMIT_DEFAULT 200
#define HIST_LIMIT_MAX 500

/* Longest line we take for a row; longer lines are skipped unread. Our
 * rows are ~130 bytes, the old tool's about the same. */
#define HIST_LINE_MAX 1024

/* One row of /api/history. Numbers are percent, 0..100. */
struct hist_row {
	char timestamp[40]; /* as written: ours carry an offset, the old
	                     * tool's are naive (2025-12-27T18:59:36.829610) */
	double cpu_percent, ram_percent, disk_percent;
	char uptime_hms[24];
};

/* Where each column sits in a row, found by header name; -1 when the
 * header lacks it. usable is false when a required column is missing
 * (timestamp, cpu_percent, ram_percent, disk_percent, and uptime_hms or
 * uptime_seconds), in which case no row parses with this map. */
struct hist_cols {
	int ts, cpu, ram, disk, hms, upsec;
	bool usable;
};

/* The limit= query value (NULL when absent), decoded, as the old tool read
 * it with Python's int(): blanks around an optionally signed decimal. A
 * non-number gives HIST_LIMIT_DEFAULT; numbers are clamped to
 * 1..HIST_LIMIT_MAX, however large. */
size_t hist_limit(const char *value);

/* True when the line (len bytes, no newline) is a CSV header: one of its
 * fields is "timestamp". Fills c from it. A UTF-8 BOM and a trailing CR
 * are ignored. */
bool hist_parse_header(const char *line, size_t len, struct hist_cols *c);

/* The column map of docs/API.md's CSV_HEADER, for files that lack a header. */
void hist_default_cols(struct hist_cols *c);

/* Parses one data line (len bytes, no newline, a trailing CR ignored) with
 * the map c. Returns 0, or -1 with errno EINVAL when a field is missing, a
 * number is not a finite number in 0..100, the timestamp is not ISO 8601
 * (YYYY-MM-DDTHH:MM:SS[.frac][Z|+HH:MM]) or uptime_hms not H:MM:SS. Pure. */
int hist_parse_row(const char *line, size_t len, const struct hist_cols *c,
                   struct hist_row *r);

/* Reads the last n valid rows of the CSV at path, oldest first, into rows
 * (room for n). Reads backwards from the end in blocks: an unterminated
 * last line (the sampler still writing it) is skipped, CRLF is accepted,
 * rows that do not parse are skipped, header lines mid-file are skipped and
 * give the column map for the rows below them (rows below no header read
 * within the scan use the file's first line). When path holds fewer than n
 * rows, the older ones come from path.1 (the rotated predecessor). A
 * missing file counts as empty. Returns 0 with *count set, or -1 with
 * errno (EACCES, EIO, ENAMETOOLONG, ENOMEM...). */
int hist_tail(const char *path, struct hist_row *rows, size_t n, size_t *count);

struct json_object;

/* {"count": n, "data": [{"timestamp", "cpu_percent", "ram_percent",
 * "disk_percent", "uptime_hms"}, ...]} with numbers printed as Python's
 * repr() would (12.5, 3.0). NULL on allocation failure. Caller puts it. */
struct json_object *hist_json(const struct hist_row *rows, size_t count);

#endif
