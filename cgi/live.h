/* live.h: the latest sample, collected by a background thread every
 * LIVE_PERIOD_MS while requests arrive and kept pre-rendered, so that a
 * request never reads /proc: it copies bytes under a mutex. After
 * LIVE_IDLE_MS without a request the thread parks and costs nothing (no
 * timer, no wake-up); the first request after that wakes it and waits for
 * one fresh LIVE_FIRST_MS window (about 250 ms, whatever the idle time). */
#ifndef SYSDASH_LIVE_H
#define SYSDASH_LIVE_H

#include <pthread.h>
#include <stddef.h>

#include "sysdash.h"

/* 500 ms between readings: the CPU figure covers the last half second
 * (docs/API.md asks for a window of 0.25 to 2 s) and is never older than that.
 */
#define LIVE_PERIOD_MS 500
/* The CPU window of a first reading: before the first request, and for the
 * first request after an idle time. */
#define LIVE_FIRST_MS 250
/* No request for this long: the refresher parks. Twice the live page's
 * poll period split over two workers, so an open page keeps it awake. */
#define LIVE_IDLE_MS 10000
#define LIVE_BODIES_MAX 4

/* Renders one answer body from a sample into a malloc'd *out of *len
 * bytes. 0, or -1 (out of memory). */
typedef int (*live_render)(const struct metrics *m, char **out, size_t *len);

struct json_object;

/* A live_render helper: serializes o compactly (slashes unescaped) into a
 * malloc'd *out, puts o, and returns 0; -1 when o is NULL or out of
 * memory. */
int live_json_body(struct json_object *o, char **out, size_t *len);

struct live_body {
	char *data;
	size_t len;
	int status; /* 200, or 503 with an {"error"} body */
};

struct live {
	struct sd_config cfg;
	pthread_mutex_t mu;
	size_t n;
	live_render render[LIVE_BODIES_MAX];
	struct live_body body[LIVE_BODIES_MAX];
	struct cpu_times prev; /* the refresher's last CPU counters */
	pthread_t thread;
	/* under mu: */
	struct timespec last_request; /* CLOCK_MONOTONIC */
	bool parked;                  /* the refresher waits on wake */
	bool waking;          /* a request woke it; the bodies are stale */
	unsigned long gen;    /* bodies published so far */
	pthread_cond_t wake;  /* a request for a parked refresher */
	pthread_cond_t fresh; /* new bodies were published */
};

/* Takes a first sample (a 250 ms CPU window), renders the n bodies and
 * starts the refresher thread with every signal blocked (signals are for
 * the accept loop). A failing source is not fatal: the bodies say
 * {"error": ...} with 503 until a reading succeeds. Returns 0, or -1 with
 * a message in err when the thread cannot start. */
int live_start(struct live *l, const struct sd_config *c,
               const live_render *render, size_t n, char *err, size_t errlen);

/* Copies body i into *buf (grown with realloc, capacity *cap) and sets
 * *len. When the refresher is parked (idle), wakes it and waits for its
 * fresh sample first (LIVE_FIRST_MS and the reading: under 300 ms).
 * Returns the body's HTTP status, or -1 when out of memory. */
int live_get(struct live *l, size_t i, char **buf, size_t *cap, size_t *len);

#endif
