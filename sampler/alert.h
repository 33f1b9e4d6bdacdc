/* alert.h: when the sampler notifies. A status counts once it held for two
 * consecutive samples; entering critical sends, staying critical reminds at
 * most every WEBHOOK_MIN_SECONDS, leaving it sends one "resolved". The state
 * lives in a file under flock so restarts, a second sampler and cron runs
 * (--once) share it. */
#ifndef ALERT_H
#define ALERT_H

#include "sysdash.h"

enum alert_kind {
	ALERT_NONE,
	ALERT_CRITICAL,
	ALERT_REMINDER,
	ALERT_RESOLVED,
	ALERT_TEST,
	ALERT_MAX
};

struct alert_state {
	enum health_status confirmed; /* status that held two samples */
	enum health_status candidate; /* the last sample's status */
	int streak;                   /* samples the candidate has held */
	double last_sent;             /* epoch seconds of the last post */
	enum alert_kind pending;      /* a post whose delivery failed */
	double pending_at;            /* when that failure was recorded */
	bool refused;                 /* the receiver answered 4xx: nothing
	                               * more until the status changes */
};

/* What became of a post (alert_record). */
enum alert_outcome {
	ALERT_DELIVERED,
	ALERT_FAILED,  /* network error, 5xx, 429: worth another try */
	ALERT_REFUSED, /* another 4xx (a deleted hook): never retried */
	ALERT_OUTCOME_MAX
};

/* Seconds before a failed post is tried again (capped by min_seconds). */
#define ALERT_RETRY_SECONDS 60.0

/* A fresh state: confirmed ok, nothing sent. */
void alert_init(struct alert_state *st);

/* Feeds one sample's status at time now; returns what to post (and
 * records it as sent) or ALERT_NONE. Pure: no I/O. */
enum alert_kind alert_step(struct alert_state *st, enum health_status status,
                           double now, double min_seconds);

/* Text form "sysdash-alert 2 confirmed candidate streak last_sent pending
 * pending_at refused\n"; parse also reads version 1 (no refused field) and
 * returns -1 (EINVAL) on anything else. */
int alert_format(const struct alert_state *st, char *buf, size_t n);
int alert_parse(const char *buf, struct alert_state *st);

/* Under an exclusive flock on path (created 0600): loads the state (a
 * fresh one when the file is empty or garbled), steps it, writes it back.
 * Returns the kind to post, or -1 with errno when the file cannot be
 * used. */
int alert_update(const char *path, enum health_status status, double now,
                 double min_seconds);

/* Records a delivery outcome for kind under the same lock: success clears a
 * pending post, a failure marks kind pending for a retry, a refusal (4xx)
 * drops it and holds every post (reminders, retries) until the next change
 * of status. 0 or -1. */
int alert_record(const char *path, enum alert_kind kind,
                 enum alert_outcome outcome, double now);

const char *alert_kind_name(enum alert_kind k);
int alert_kind_parse(const char *s, enum alert_kind *k);

#endif
