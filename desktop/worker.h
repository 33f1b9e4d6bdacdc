/* worker.h: sampling and CSV writing on their own thread, so the window
 * never waits for /proc, statvfs, flock or a slow disk. The window asks for
 * one sample at a time; the answer comes back on the main loop. */
#ifndef WORKER_H
#define WORKER_H

#include <stdbool.h>

#include "sysdash.h"

struct worker_result {
	bool sampled; /* m holds a sample */
	struct metrics m;
	char error[512]; /* why not, when !sampled */
	bool exported;   /* a row was tried */
	int export_rc;   /* 0 or -1 */
	char export_error[4400];
};

/* Called on the main thread with each result (owned by the worker). */
typedef void worker_done_fn(const struct worker_result *r, void *data);

struct worker;

/* Starts the thread; cfg must outlive it. NULL with a message in err. */
struct worker *worker_start(const struct sd_config *cfg, worker_done_fn *done,
                            void *data, char *err, size_t errlen);

/* Asks for one sample, with a CSV row appended to path when export_on.
 * Returns false (and asks nothing) while the previous request runs. */
bool worker_request(struct worker *w, bool export_on, const char *path);

/* Stops the thread after the request in hand and frees w. Results not yet
 * delivered are dropped. */
void worker_stop(struct worker *w);

#endif
