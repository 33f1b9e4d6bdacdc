/* alert.c: the notification state machine and its flock'd state file. */
#include "alert.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

static const char *const kind_names[ALERT_MAX] = {
	"none", "critical", "reminder", "resolved", "test",
};

const char *
alert_kind_name(enum alert_kind k)
{
	return k < ALERT_MAX ? kind_names[k] : "unknown";
}

int
alert_kind_parse(const char *s, enum alert_kind *k)
{
	for (int i = 0; i < ALERT_MAX; i++)
		if (!strcmp(s, kind_names[i])) {
			*k = (enum alert_kind)i;
			return 0;
		}
	errno = EINVAL;
	return -1;
}

void
alert_init(struct alert_state *st)
{
	memset(st, 0, sizeof(*st));
	st->confirmed = HEALTH_OK;
	st->candidate = HEALTH_OK;
	st->pending = ALERT_NONE;
}

static enum alert_kind
sent(struct alert_state *st, enum alert_kind k, double now)
{
	st->last_sent = now;
	st->pending = ALERT_NONE;
	st->refused = false;
	return k;
}

enum alert_kind
alert_step(struct alert_state *st, enum health_status status, double now,
           double min_seconds)
{
	bool was_critical = st->confirmed == HEALTH_CRITICAL;
	double retry = min_seconds < ALERT_RETRY_SECONDS ? min_seconds :
	                                                   ALERT_RETRY_SECONDS;

	if (now < st->last_sent) /* the wall clock went back */
		st->last_sent = now;
	if (now < st->pending_at)
		st->pending_at = now;
	if (status == st->candidate) {
		if (st->streak < 1000000)
			st->streak++;
	} else {
		st->candidate = status;
		st->streak = 1;
	}
	if (st->streak >= 2)
		st->confirmed = st->candidate;
	if (!was_critical && st->confirmed == HEALTH_CRITICAL)
		return sent(st, ALERT_CRITICAL, now);
	if (was_critical && st->confirmed != HEALTH_CRITICAL)
		return sent(st, ALERT_RESOLVED, now);
	if (st->refused)
		return ALERT_NONE; /* a 4xx: only a change of status posts */
	if (st->confirmed == HEALTH_CRITICAL && status == HEALTH_CRITICAL &&
	    now - st->last_sent >= min_seconds)
		return sent(st, ALERT_REMINDER, now);
	/* a post that failed is tried again while it still holds */
	if (st->pending == ALERT_RESOLVED && st->confirmed != HEALTH_CRITICAL &&
	    now - st->pending_at >= retry)
		return sent(st, ALERT_RESOLVED, now);
	if ((st->pending == ALERT_CRITICAL || st->pending == ALERT_REMINDER) &&
	    st->confirmed == HEALTH_CRITICAL && now - st->pending_at >= retry)
		return sent(st, st->pending, now);
	if (st->pending != ALERT_NONE &&
	    (st->pending == ALERT_RESOLVED) ==
	            (st->confirmed == HEALTH_CRITICAL))
		st->pending = ALERT_NONE; /* the news it carried is stale */
	return ALERT_NONE;
}

int
alert_format(const struct alert_state *st, char *buf, size_t n)
{
	int len = snprintf(buf, n, "sysdash-alert 2 %d %d %d %.3f %d %.3f %d\n",
	                   st->confirmed, st->candidate, st->streak,
	                   st->last_sent, st->pending, st->pending_at,
	                   st->refused);

	return len < 0 || (size_t)len >= n ? -1 : len;
}

int
alert_parse(const char *buf, struct alert_state *st)
{
	int confirmed, candidate, streak, pending, refused = 0, end = 0;
	double last_sent, pending_at;
	bool v2 = !strncmp(buf, "sysdash-alert 2 ", 16);

	if ((v2 ? sscanf(buf, "sysdash-alert 2 %d %d %d %lf %d %lf %d%n",
	                 &confirmed, &candidate, &streak, &last_sent, &pending,
	                 &pending_at, &refused, &end) != 7 :
	          sscanf(buf, "sysdash-alert 1 %d %d %d %lf %d %lf%n",
	                 &confirmed, &candidate, &streak, &last_sent, &pending,
	                 &pending_at, &end) != 6) ||
	    end == 0 || buf[end] != '\n' || refused < 0 || refused > 1 ||
	    confirmed < 0 || confirmed >= HEALTH_MAX || candidate < 0 ||
	    candidate >= HEALTH_MAX || streak < 0 || pending < 0 ||
	    pending >= ALERT_MAX || !(last_sent >= 0 && last_sent < 1e11) ||
	    !(pending_at >= 0 && pending_at < 1e11)) {
		errno = EINVAL;
		return -1;
	}
	st->confirmed = (enum health_status)confirmed;
	st->candidate = (enum health_status)candidate;
	st->streak = streak;
	st->last_sent = last_sent;
	st->pending = (enum alert_kind)pending;
	st->pending_at = pending_at;
	st->refused = refused;
	return 0;
}

/* Opens and locks path; loads its state (fresh when empty or garbled). */
static int
lock_load(const char *path, struct alert_state *st)
{
	char buf[256];
	ssize_t r;
	int fd;

	if ((fd = util_open_regular(path, O_RDWR | O_CREAT, 0600)) < 0)
		return -1;
	while (flock(fd, LOCK_EX) < 0)
		if (errno != EINTR) {
			close(fd);
			return -1;
		}
	r = pread(fd, buf, sizeof(buf) - 1, 0);
	buf[r > 0 ? r : 0] = '\0';
	if (r <= 0 || alert_parse(buf, st) < 0)
		alert_init(st);
	return fd;
}

/* Writes the state back and closes (which drops the lock). */
static int
store_unlock(int fd, const struct alert_state *st)
{
	char buf[256];
	int len = alert_format(st, buf, sizeof(buf)), rc = 0, saved;

	if (len < 0 || ftruncate(fd, 0) < 0 ||
	    pwrite(fd, buf, (size_t)len, 0) != len)
		rc = -1;
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

int
alert_update(const char *path, enum health_status status, double now,
             double min_seconds)
{
	struct alert_state st;
	enum alert_kind k;
	int fd = lock_load(path, &st);

	if (fd < 0)
		return -1;
	k = alert_step(&st, status, now, min_seconds);
	if (store_unlock(fd, &st) < 0)
		return -1;
	return (int)k;
}

int
alert_record(const char *path, enum alert_kind kind, enum alert_outcome outcome,
             double now)
{
	struct alert_state st;
	int fd;

	if (kind == ALERT_TEST || kind == ALERT_NONE)
		return 0;
	if ((fd = lock_load(path, &st)) < 0)
		return -1;
	if (outcome == ALERT_DELIVERED && st.pending == kind)
		st.pending = ALERT_NONE;
	if (outcome == ALERT_FAILED) {
		st.pending = kind;
		st.pending_at = now;
	}
	if (outcome == ALERT_REFUSED) {
		st.pending = ALERT_NONE;
		st.refused = true;
	}
	return store_unlock(fd, &st);
}
