/* history.c: GET /api/history?limit=N, the last N rows of SYSDASH_CSV
 * (default $SYSDASH_DATA_DIR/metrics.csv), oldest first (docs/API.md). */
#include "history.h"
#include "http.h"
#include "sysdash.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Both fixed at start: configuration is never read from a request. */
static char csv_path[4096];
static struct hist_row rows[HIST_LIMIT_MAX];

/* Never refuses: docs/API.md maps every value to 1..500 (a non-number is 200). */
static int
parse_limit(const char *value, void *out)
{
	*(size_t *)out = hist_limit(value);
	return 0;
}

static void
on_history(struct http_req *r, void *arg)
{
	size_t limit = HIST_LIMIT_DEFAULT, count;
	const struct http_field fields[] = {
		{"limit", parse_limit, &limit, "limit: not a number"},
	};
	char msg[512], copy[sizeof(csv_path)];

	(void)arg;
	if (http_query(r, fields, sizeof(fields) / sizeof(fields[0])) < 0)
		return;
	if (hist_tail(csv_path, rows, limit, &count) < 0) {
		int saved = errno, fd;

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
