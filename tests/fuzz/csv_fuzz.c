/* csv_fuzz.c: libFuzzer harness for the history CSV reader: the header and
 * row parsers on each line, then hist_tail on the whole input as a file
 * (its backwards block reading is where an off-by-one would hide); the
 * window reader (lib/rollup.c: time parsing on each line, forward reading
 * and binary search over the file, bucketing) on the same input. */
#include "history.h"
#include "rollup.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A line as a since= value: a time from 1970 on, or seconds before */
static void
parse_time(const char *p, size_t n)
{
	char v[128];
	int64_t t;
	bool rel;

	if (n >= sizeof(v))
		return;
	memcpy(v, p, n);
	v[n] = '\0';
	if (ru_parse_time(v, &t, &rel) == 0 &&
	    ((rel && t > 0) || (!rel && t < 0)))
		abort();
}

/* Windows over the input as a CSV file: every point inside the window,
 * in order, with rows */
static void
windows(const uint8_t *data, size_t size)
{
	static const int64_t w[][2] = {{0, 4102444800},
	                               {1700000000, 1800000000},
	                               {1764000000, 1764003600}};
	char path[] = "/tmp/sd-fuzz-XXXXXX";
	struct ru_result res;
	int fd = mkstemp(path);

	if (fd < 0)
		return;
	if (write(fd, data, size) == (ssize_t)size)
		for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
			if (ru_window(path, w[i][0], w[i][1], 300, &res) < 0)
				continue;
			for (size_t k = 0; k < res.n; k++)
				if (res.pts[k].start < res.start ||
				    res.pts[k].start >= res.end ||
				    (k && res.pts[k].start <=
				                  res.pts[k - 1].start) ||
				    res.pts[k].c.count == 0 ||
				    res.pts[k].c.min[0] > res.pts[k].c.max[0] ||
				    res.pts[k].c.max[0] > 10000)
					abort();
			ru_result_free(&res);
		}
	close(fd);
	unlink(path);
}

static void
parse_lines(const char *buf, size_t size)
{
	struct hist_cols c;
	struct hist_row r;
	size_t start = 0;

	hist_default_cols(&c);
	for (size_t i = 0; i <= size; i++) {
		if (i < size && buf[i] != '\n')
			continue;
		if (!hist_parse_header(buf + start, i - start, &c) &&
		    hist_parse_row(buf + start, i - start, &c, &r) == 0 &&
		    (!(r.cpu_percent >= 0 && r.cpu_percent <= 100) ||
		     !memchr(r.timestamp, '\0', sizeof(r.timestamp))))
			abort(); /* the contract: 0..100, a terminated string */
		parse_time(buf + start, i - start);
		start = i + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hist_row rows[HIST_LIMIT_MAX];
	char path[64];
	size_t count;
	int fd;

	parse_lines((const char *)data, size);
	windows(data, size);
	fd = memfd_create("csv", 0);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		if (hist_tail(path, rows, 7, &count) == 0 && count > 7)
			abort();
		if (hist_tail(path, rows, HIST_LIMIT_MAX, &count) == 0 &&
		    count > HIST_LIMIT_MAX)
			abort();
	}
	close(fd);
	return 0;
}
