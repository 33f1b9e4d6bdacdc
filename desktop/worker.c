/* worker.c: one GThread holding the open /proc sources, the previous CPU
 * counters and the open export; requests come through a GAsyncQueue and
 * results go back with g_idle_add. */
#include "worker.h"

#include "export.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

struct request {
	bool quit;
	bool export_on;
	char path[4096];
};

struct worker {
	const struct sd_config *cfg;
	worker_done_fn *done;
	void *data;
	GThread *thread;
	GAsyncQueue *queue;
	gint busy;     /* a request is queued or running */
	gint stopping; /* results are no longer delivered */
	struct sd_sources src;
	struct cpu_times prev;
	struct export exp;
	bool exp_open;
	struct worker_result res;
};

/* Runs on the main loop; the worker waits for no one: busy is cleared
 * here, after the window has read res. */
static gboolean
deliver(gpointer p)
{
	struct worker *w = p;

	if (!g_atomic_int_get(&w->stopping))
		w->done(&w->res, w->data);
	g_atomic_int_set(&w->busy, 0);
	return G_SOURCE_REMOVE;
}

static void
do_export(struct worker *w, const struct request *rq)
{
	struct worker_result *r = &w->res;
	char row[1024];
	int len;

	if (!w->exp_open || strcmp(w->exp.path, rq->path)) {
		if (w->exp_open)
			export_close(&w->exp);
		/* a failed open is retried by export_write below */
		export_open(&w->exp, rq->path, CSV_HEADER, r->export_error,
		            sizeof(r->export_error));
		w->exp_open = true;
	}
	r->exported = true;
	len = csv_row_format(&r->m, row, sizeof(row));
	if (len < 0) {
		snprintf(r->export_error, sizeof(r->export_error),
		         "row too long");
		r->export_rc = -1;
		return;
	}
	r->export_rc = export_write(&w->exp, row, (size_t)len, r->export_error,
	                            sizeof(r->export_error));
}

static gpointer
run(gpointer p)
{
	struct worker *w = p;
	struct request *rq;
	struct cpu_times now;

	for (;;) {
		rq = g_async_queue_pop(w->queue);
		if (rq->quit) {
			g_free(rq);
			break;
		}
		memset(&w->res, 0, sizeof(w->res));
		w->res.sampled =
			metrics_sample(&w->src, &w->prev, &now, &w->res.m,
		                       w->res.error, sizeof(w->res.error)) == 0;
		if (w->res.sampled) {
			w->prev = now;
			if (rq->export_on)
				do_export(w, rq);
		}
		if (!rq->export_on && w->exp_open) {
			export_close(&w->exp);
			w->exp_open = false;
		}
		g_free(rq);
		g_idle_add(deliver, w);
	}
	return NULL;
}

struct worker *
worker_start(const struct sd_config *cfg, worker_done_fn *done, void *data,
             char *err, size_t errlen)
{
	struct worker *w = g_new0(struct worker, 1);
	GError *e = NULL;

	w->cfg = cfg;
	w->done = done;
	w->data = data;
	w->queue = g_async_queue_new();
	sources_open(&w->src, cfg);
	/* the first sample's CPU share is measured from here */
	if (cpu_read(cfg->proc_root, &w->prev, NULL, NULL) < 0)
		memset(&w->prev, 0, sizeof(w->prev));
	w->thread = g_thread_try_new("sampler", run, w, &e);
	if (!w->thread) {
		snprintf(err, errlen, "g_thread_try_new: %s", e->message);
		g_error_free(e);
		sources_close(&w->src);
		g_async_queue_unref(w->queue);
		g_free(w);
		return NULL;
	}
	return w;
}

bool
worker_request(struct worker *w, bool export_on, const char *path)
{
	struct request *rq;

	if (!g_atomic_int_compare_and_exchange(&w->busy, 0, 1))
		return false;
	rq = g_new0(struct request, 1);
	rq->export_on = export_on && path && *path;
	if (rq->export_on)
		snprintf(rq->path, sizeof(rq->path), "%s", path);
	g_async_queue_push(w->queue, rq);
	return true;
}

void
worker_stop(struct worker *w)
{
	struct request *rq = g_new0(struct request, 1);

	g_atomic_int_set(&w->stopping, 1);
	rq->quit = true;
	g_async_queue_push(w->queue, rq);
	g_thread_join(w->thread);
	/* a deliver() still queued on the main loop holds w: run it now */
	while (g_atomic_int_get(&w->busy) &&
	       g_main_context_iteration(NULL, FALSE))
		;
	if (w->exp_open)
		export_close(&w->exp);
	sources_close(&w->src);
	g_async_queue_unref(w->queue);
	g_free(w);
}
