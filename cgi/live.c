/* live.c: a background thread keeps the latest sample rendered while
 * requests arrive and parks when none do; requests copy it (see live.h). */
#include "live.h"

#include <errno.h>
#include <json.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* {"error": msg}, malloc'd; NULL when out of memory. */
static char *
error_body(const char *msg, size_t *len)
{
	json_object *o = json_object_new_object();
	const char *s;
	char *copy = NULL;

	if (!o)
		return NULL;
	json_object_object_add(o, "error", json_object_new_string(msg));
	s = json_object_to_json_string_length(
		o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE,
		len);
	if (s)
		copy = strdup(s);
	json_object_put(o);
	return copy;
}

/* Renders every body from m (or the error when m is NULL) outside the
 * lock, then swaps them in. A body that fails to render keeps its old
 * text. */
static void
publish(struct live *l, const struct metrics *m, const char *err)
{
	struct live_body fresh[LIVE_BODIES_MAX];

	for (size_t i = 0; i < l->n; i++) {
		fresh[i].data = NULL;
		fresh[i].status = m ? 200 : 503;
		if (m) {
			if (l->render[i](m, &fresh[i].data, &fresh[i].len) < 0)
				fresh[i].data = NULL;
		} else {
			fresh[i].data = error_body(err, &fresh[i].len);
		}
	}
	pthread_mutex_lock(&l->mu);
	for (size_t i = 0; i < l->n; i++) {
		struct live_body old = l->body[i];

		if (!fresh[i].data)
			continue;
		l->body[i] = fresh[i];
		fresh[i] = old;
	}
	/* whoever waited for a woken refresher has a fresh sample now */
	l->gen++;
	l->waking = false;
	pthread_cond_broadcast(&l->fresh);
	pthread_mutex_unlock(&l->mu);
	for (size_t i = 0; i < l->n; i++)
		free(fresh[i].data);
}

/* A sample against the previous counters, or (first) over a fresh
 * LIVE_FIRST_MS window when the previous ones are too old to describe
 * "now" (docs/API.md: a window of 0.25 to 2 s). */
static void
refresh(struct live *l, bool first)
{
	struct metrics m;
	struct cpu_times now;
	char err[256];
	int rc = first ? metrics_collect_fresh(&l->cfg, LIVE_FIRST_MS, &now, &m,
	                                       err, sizeof(err)) :
	                 metrics_collect(&l->cfg, &l->prev, &now, &m, err,
	                                 sizeof(err));

	if (rc < 0) {
		if (first)
			fprintf(stderr, "sysdash: %s\n", err);
		publish(l, NULL, err);
		return;
	}
	l->prev = now;
	publish(l, &m, NULL);
}

static long long
ms_between(const struct timespec *a, const struct timespec *b)
{
	return (long long)(b->tv_sec - a->tv_sec) * 1000 +
	       (b->tv_nsec - a->tv_nsec) / 1000000;
}

/* Parks while no request came for LIVE_IDLE_MS; true when it did (and a
 * request now waits for a fresh sample). */
static bool
park_if_idle(struct live *l)
{
	struct timespec now;
	bool parked = false;

	clock_gettime(CLOCK_MONOTONIC, &now);
	pthread_mutex_lock(&l->mu);
	if (ms_between(&l->last_request, &now) >= LIVE_IDLE_MS) {
		l->parked = parked = true;
		while (l->parked)
			pthread_cond_wait(&l->wake, &l->mu);
	}
	pthread_mutex_unlock(&l->mu);
	return parked;
}

static void
add_ms(struct timespec *t, long ms)
{
	t->tv_nsec += ms * 1000000L;
	t->tv_sec += t->tv_nsec / 1000000000L;
	t->tv_nsec %= 1000000000L;
}

static void *
refresher(void *arg)
{
	struct live *l = arg;
	struct timespec next, now;

	clock_gettime(CLOCK_MONOTONIC, &next);
	for (;;) {
		add_ms(&next, LIVE_PERIOD_MS);
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next,
		                       NULL) == EINTR)
			;
		if (park_if_idle(l)) {
			refresh(l, true);
			clock_gettime(CLOCK_MONOTONIC, &next);
			continue;
		}
		refresh(l, false);
		/* after a stall (suspend, SIGSTOP) start afresh rather than
		 * catching up with a burst of readings */
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > next.tv_sec + 1)
			next = now;
	}
	return NULL;
}

int
live_start(struct live *l, const struct sd_config *c, const live_render *render,
           size_t n, char *err, size_t errlen)
{
	sigset_t all, old;
	int rc;

	memset(l, 0, sizeof(*l));
	l->cfg = *c;
	l->n = n < LIVE_BODIES_MAX ? n : LIVE_BODIES_MAX;
	memcpy(l->render, render, l->n * sizeof(*render));
	pthread_mutex_init(&l->mu, NULL);
	pthread_cond_init(&l->wake, NULL);
	pthread_cond_init(&l->fresh, NULL);
	/* as if a request had just come: ticking until LIVE_IDLE_MS passes */
	clock_gettime(CLOCK_MONOTONIC, &l->last_request);
	refresh(l, true);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&l->thread, NULL, refresher, l);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		snprintf(err, errlen, "pthread_create: %s", strerror(rc));
		return -1;
	}
	return 0;
}

int
live_get(struct live *l, size_t i, char **buf, size_t *cap, size_t *len)
{
	int status;

	pthread_mutex_lock(&l->mu);
	clock_gettime(CLOCK_MONOTONIC, &l->last_request);
	if (l->parked) {
		l->parked = false;
		l->waking = true;
		pthread_cond_signal(&l->wake);
	}
	if (l->waking) {
		unsigned long gen = l->gen;

		while (l->gen == gen)
			pthread_cond_wait(&l->fresh, &l->mu);
	}
	if (!l->body[i].data) {
		pthread_mutex_unlock(&l->mu);
		errno = ENOMEM;
		return -1;
	}
	if (*cap < l->body[i].len) {
		char *nb = realloc(*buf, l->body[i].len);

		if (!nb) {
			pthread_mutex_unlock(&l->mu);
			return -1;
		}
		*buf = nb;
		*cap = l->body[i].len;
	}
	memcpy(*buf, l->body[i].data, l->body[i].len);
	*len = l->body[i].len;
	status = l->body[i].status;
	pthread_mutex_unlock(&l->mu);
	return status;
}

int
live_json_body(struct json_object *o, char **out, size_t *len)
{
	const char *s;

	if (!o)
		return -1;
	s = json_object_to_json_string_length(
		o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE,
		len);
	*out = s ? strdup(s) : NULL;
	json_object_put(o);
	return *out ? 0 : -1;
}
