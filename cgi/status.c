/* status.c: GET /api/status, the metrics object plus "health" (docs/API.md). */
#include "http.h"
#include "live.h"
#include "sysdash.h"

#include <json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
render_status(const struct metrics *m, char **out, size_t *len)
{
	return live_json_body(json_status(m), out, len);
}

/* One reply buffer for the process: the accept loop is single-threaded. */
static char *reply;
static size_t reply_cap;

static void
on_status(struct http_req *r, void *arg)
{
	size_t len;
	int status = live_get(arg, 0, &reply, &reply_cap, &len);

	if (status < 0) {
		http_error(r, 500, "out of memory");
		return;
	}
	http_send(r, status, "application/json", NULL, reply, len);
}

int
main(void)
{
	static struct live live;
	static const live_render render[] = {render_status};
	static const struct http_route routes[] = {
		{"/api/status", "GET, HEAD", on_status},
	};
	struct sd_config cfg;
	char err[256];

	if (config_load(&cfg, SD_SERVER, err, sizeof(err)) < 0) {
		fprintf(stderr, "status.fcgi: %s\n", err);
		return 1;
	}
	if (live_start(&live, &cfg, render, 1, err, sizeof(err)) < 0) {
		fprintf(stderr, "status.fcgi: %s\n", err);
		return 1;
	}
	return http_serve(routes, sizeof(routes) / sizeof(routes[0]), &live);
}
