/* alert_test.c: when the sampler posts a webhook (sampler/alert.c): the
 * two-sample rule, reminders every min_seconds, one "resolved", retries of
 * failed posts, and the flock'd state file shared by processes. */
#include "alert.h"
#include "testutil.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <time.h>

#define MIN 300.0
#define T0 1800000000.0 /* some epoch second */

static const enum health_status OK = HEALTH_OK, WARN = HEALTH_WARN,
				CRIT = HEALTH_CRITICAL;

/* Feeds one sample and checks what it asks to post. */
#define STEP(st, status, now, min, want)                                       \
	do {                                                                   \
		enum alert_kind got_ =                                         \
			alert_step((st), (status), (now), (min));              \
		if (got_ != (want))                                            \
			fail_msg("alert_step(%s, t+%g, min %g) = %s, want %s", \
			         health_status_name(status), (now)-T0,         \
			         (double)(min), alert_kind_name(got_),         \
			         alert_kind_name(want));                       \
	} while (0)

/* A state that has just posted "critical" at T0 (ok, critical, critical). */
static void
critical_at_t0(struct alert_state *st)
{
	alert_init(st);
	STEP(st, OK, T0 - 20, MIN, ALERT_NONE);
	STEP(st, CRIT, T0 - 10, MIN, ALERT_NONE);
	STEP(st, CRIT, T0, MIN, ALERT_CRITICAL);
}

static void
fresh_state(void **state)
{
	struct alert_state st;

	(void)state;
	memset(&st, 0x5a, sizeof(st));
	alert_init(&st);
	assert_int_equal(st.confirmed, HEALTH_OK);
	assert_int_equal(st.candidate, HEALTH_OK);
	assert_int_equal(st.streak, 0);
	assert_int_equal(st.pending, ALERT_NONE);
	assert_near(st.last_sent, 0, 0);
	assert_near(st.pending_at, 0, 0);
}

/* The second critical sample in a row posts, and only that one. */
static void
entering_critical_posts_once(void **state)
{
	struct alert_state st;

	(void)state;
	alert_init(&st);
	STEP(&st, OK, T0 - 30, MIN, ALERT_NONE);
	STEP(&st, OK, T0 - 20, MIN, ALERT_NONE);
	STEP(&st, CRIT, T0 - 10, MIN, ALERT_NONE);
	STEP(&st, CRIT, T0, MIN, ALERT_CRITICAL);
	assert_int_equal(st.confirmed, HEALTH_CRITICAL);
	assert_near(st.last_sent, T0, 0);
	for (double t = T0 + 1; t < T0 + MIN; t += 7)
		STEP(&st, CRIT, t, MIN, ALERT_NONE);
}

/* Critical from the very first samples (a fresh state) posts too. */
static void
critical_from_start(void **state)
{
	struct alert_state st;

	(void)state;
	alert_init(&st);
	STEP(&st, CRIT, T0, MIN, ALERT_NONE);
	STEP(&st, CRIT, T0 + 2, MIN, ALERT_CRITICAL);
}

/* Reminders every min_seconds, measured from the last post. */
static void
reminders_every_min_seconds(void **state)
{
	struct alert_state st;

	(void)state;
	critical_at_t0(&st);
	STEP(&st, CRIT, T0 + MIN - 0.001, MIN, ALERT_NONE);
	STEP(&st, CRIT, T0 + MIN, MIN, ALERT_REMINDER);
	STEP(&st, CRIT, T0 + MIN + 1, MIN, ALERT_NONE);
	STEP(&st, CRIT, T0 + 2 * MIN - 1, MIN, ALERT_NONE);
	STEP(&st, CRIT, T0 + 2 * MIN + 0.5, MIN, ALERT_REMINDER);
	assert_near(st.last_sent, T0 + 2 * MIN + 0.5, 0);
	/* a sampler down for an hour: one reminder, not twelve */
	STEP(&st, CRIT, T0 + 6000, MIN, ALERT_REMINDER);
	STEP(&st, CRIT, T0 + 6001, MIN, ALERT_NONE);
}

/* Leaving critical posts one "resolved" after two samples, then nothing. */
static void
recovery_posts_once(void **state)
{
	struct alert_state st;

	(void)state;
	critical_at_t0(&st);
	STEP(&st, OK, T0 + 10, MIN, ALERT_NONE);
	STEP(&st, OK, T0 + 20, MIN, ALERT_RESOLVED);
	assert_int_equal(st.confirmed, HEALTH_OK);
	for (double t = T0 + 30; t < T0 + 5 * MIN; t += 13)
		STEP(&st, OK, t, MIN, ALERT_NONE);
}

/* A recovery right after the critical post is not held back by
 * min_seconds: the user must learn it is over. */
static void
recovery_not_rate_limited(void **state)
{
	struct alert_state st;

	(void)state;
	critical_at_t0(&st);
	STEP(&st, OK, T0 + 1, MIN, ALERT_NONE);
	STEP(&st, OK, T0 + 2, MIN, ALERT_RESOLVED);
}

/* critical -> warn is leaving critical; warn alone never posts. */
static void
warn_is_not_critical(void **state)
{
	struct alert_state st;

	(void)state;
	critical_at_t0(&st);
	STEP(&st, WARN, T0 + 10, MIN, ALERT_NONE);
	STEP(&st, WARN, T0 + 20, MIN, ALERT_RESOLVED);
	for (double t = T0 + 30; t < T0 + 3 * MIN; t += 10)
		STEP(&st, WARN, t, MIN, ALERT_NONE);
	alert_init(&st);
	STEP(&st, WARN, T0, MIN, ALERT_NONE);
	STEP(&st, WARN, T0 + 1, MIN, ALERT_NONE);
	STEP(&st, OK, T0 + 2, MIN, ALERT_NONE);
	STEP(&st, OK, T0 + 3, MIN, ALERT_NONE);
}

/* One critical sample between others pages nobody. */
static void
one_sample_spike_is_silent(void **state)
{
	static const enum health_status seq[] = {
		HEALTH_OK,       HEALTH_CRITICAL, HEALTH_OK, HEALTH_CRITICAL,
		HEALTH_WARN,     HEALTH_CRITICAL, HEALTH_OK, HEALTH_OK,
		HEALTH_CRITICAL, HEALTH_WARN,
	};
	struct alert_state st;

	(void)state;
	alert_init(&st);
	for (size_t i = 0; i < sizeof(seq) / sizeof(seq[0]); i++)
		STEP(&st, seq[i], T0 + (double)i * 1000, MIN, ALERT_NONE);
	assert_int_not_equal(st.confirmed, HEALTH_CRITICAL);
}

/* Once critical, single ok samples do not resolve it (and do not
 * re-trigger "critical" when it comes back). */
static void
flapping_stays_critical(void **state)
{
	struct alert_state st;

	(void)state;
	critical_at_t0(&st);
	for (int i = 1; i <= 20; i++)
		STEP(&st, i % 2 ? OK : CRIT, T0 + i, MIN, ALERT_NONE);
	assert_int_equal(st.confirmed, HEALTH_CRITICAL);
	STEP(&st, CRIT, T0 + MIN, MIN, ALERT_REMINDER);
}

/* WEBHOOK_MIN_SECONDS=0: no rate limit, a reminder on every critical
 * sample after the first post. */
static void
min_zero_reminds_every_sample(void **state)
{
	struct alert_state st;

	(void)state;
	alert_init(&st);
	STEP(&st, CRIT, T0, 0, ALERT_NONE);
	STEP(&st, CRIT, T0 + 1, 0, ALERT_CRITICAL);
	STEP(&st, CRIT, T0 + 2, 0, ALERT_REMINDER);
	STEP(&st, CRIT, T0 + 2, 0, ALERT_REMINDER);
	STEP(&st, CRIT, T0 + 3, 0, ALERT_REMINDER);
}

/* A reminder says "still critical" with the sample's figures: it is not
 * sent on a sample that is not critical (the first ok sample of a
 * recovery, a single dip), which would read "still critical - score
 * 100/100 (ok)" just before "resolved". */
static void
no_reminder_on_a_sample_that_is_not_critical(void **state)
{
	struct alert_state st;

	(void)state;
	critical_at_t0(&st);
	STEP(&st, OK, T0 + MIN, MIN, ALERT_NONE);
	STEP(&st, OK, T0 + MIN + 1, MIN, ALERT_RESOLVED);
	critical_at_t0(&st);
	STEP(&st, WARN, T0 + MIN + 5, MIN, ALERT_NONE);
	STEP(&st, CRIT, T0 + MIN + 6, MIN, ALERT_REMINDER);
	/* the same with no rate limit */
	critical_at_t0(&st);
	STEP(&st, OK, T0 + 1, 0, ALERT_NONE);
	STEP(&st, OK, T0 + 2, 0, ALERT_RESOLVED);
}

/* A failed "critical" (alert_record marks it pending) is sent again after
 * ALERT_RETRY_SECONDS when min_seconds is longer, then no more. */
static void
failed_critical_is_retried(void **state)
{
	struct alert_state st;

	(void)state;
	critical_at_t0(&st);
	st.pending = ALERT_CRITICAL;
	st.pending_at = T0 + 15; /* three tries took 15 s */
	STEP(&st, CRIT, T0 + 15 + ALERT_RETRY_SECONDS - 0.5, MIN, ALERT_NONE);
	STEP(&st, CRIT, T0 + 15 + ALERT_RETRY_SECONDS, MIN, ALERT_CRITICAL);
	assert_int_equal(st.pending, ALERT_NONE);
	STEP(&st, CRIT, T0 + 15 + 2 * ALERT_RETRY_SECONDS, MIN, ALERT_NONE);
	/* the next reminder counts from the retry */
	STEP(&st, CRIT, T0 + 15 + ALERT_RETRY_SECONDS + MIN - 1, MIN,
	     ALERT_NONE);
	STEP(&st, CRIT, T0 + 15 + ALERT_RETRY_SECONDS + MIN, MIN,
	     ALERT_REMINDER);
}

/* With min_seconds under a minute the retry waits min_seconds. */
static void
failed_resolved_retry_waits_min_seconds(void **state)
{
	struct alert_state st;

	(void)state;
	alert_init(&st);
	STEP(&st, CRIT, T0, 10, ALERT_NONE);
	STEP(&st, CRIT, T0 + 1, 10, ALERT_CRITICAL);
	STEP(&st, OK, T0 + 2, 10, ALERT_NONE);
	STEP(&st, OK, T0 + 3, 10, ALERT_RESOLVED);
	st.pending = ALERT_RESOLVED;
	st.pending_at = T0 + 4;
	STEP(&st, OK, T0 + 13.9, 10, ALERT_NONE);
	STEP(&st, OK, T0 + 14, 10, ALERT_RESOLVED);
	assert_int_equal(st.pending, ALERT_NONE);
	STEP(&st, OK, T0 + 100, 10, ALERT_NONE);
}

/* News that went stale is dropped: a failed "resolved" is not sent once
 * the host is critical again (that posts "critical"), and its recovery
 * later posts one "resolved". */
static void
stale_pending_is_dropped(void **state)
{
	struct alert_state st;

	(void)state;
	critical_at_t0(&st);
	STEP(&st, OK, T0 + 1, MIN, ALERT_NONE);
	STEP(&st, OK, T0 + 2, MIN, ALERT_RESOLVED);
	st.pending = ALERT_RESOLVED;
	st.pending_at = T0 + 3;
	STEP(&st, CRIT, T0 + 4, MIN, ALERT_NONE);
	STEP(&st, CRIT, T0 + 5, MIN, ALERT_CRITICAL);
	assert_int_equal(st.pending, ALERT_NONE);
	STEP(&st, CRIT, T0 + 200, MIN, ALERT_NONE);
	STEP(&st, OK, T0 + 201, MIN, ALERT_NONE);
	STEP(&st, OK, T0 + 202, MIN, ALERT_RESOLVED);
	STEP(&st, OK, T0 + 400, MIN, ALERT_NONE);
	/* a failed reminder while the host recovered is not sent either */
	critical_at_t0(&st);
	STEP(&st, OK, T0 + 1, MIN, ALERT_NONE);
	STEP(&st, OK, T0 + 2, MIN, ALERT_RESOLVED);
	st.pending = ALERT_REMINDER;
	st.pending_at = T0 + 3;
	STEP(&st, OK, T0 + 100, MIN, ALERT_NONE);
	assert_int_equal(st.pending, ALERT_NONE);
}

/* The wall clock stepped back (NTP, a restored VM) by an hour while
 * critical: reminders resume after at most min_seconds, not after an hour
 * more. */
static void
clock_stepped_back_does_not_silence(void **state)
{
	struct alert_state st;

	(void)state;
	critical_at_t0(&st);
	STEP(&st, CRIT, T0 - 3600, MIN, ALERT_NONE);
	STEP(&st, CRIT, T0 - 3600 + MIN, MIN, ALERT_REMINDER);
}

/* ---- the state text ------------------------------------------------------ */

static void
format_parse_round_trip(void **state)
{
	struct alert_state a, b;
	char buf[256];
	int len;

	(void)state;
	alert_init(&a);
	a.confirmed = HEALTH_CRITICAL;
	a.candidate = HEALTH_WARN;
	a.streak = 1;
	a.last_sent = 1795633413.25;
	a.pending = ALERT_RESOLVED;
	a.pending_at = 1795633499.5;
	len = alert_format(&a, buf, sizeof(buf));
	assert_true(len > 0);
	assert_int_equal((size_t)len, strlen(buf));
	assert_string_equal(
		buf,
		"sysdash-alert 2 2 1 1 1795633413.250 3 1795633499.500 0\n");
	memset(&b, 0x5a, sizeof(b));
	assert_int_equal(alert_parse(buf, &b), 0);
	assert_int_equal(b.confirmed, a.confirmed);
	assert_int_equal(b.candidate, a.candidate);
	assert_int_equal(b.streak, a.streak);
	assert_near(b.last_sent, a.last_sent, 0.0005);
	assert_int_equal(b.pending, a.pending);
	assert_near(b.pending_at, a.pending_at, 0.0005);
	/* a fresh state round-trips too */
	alert_init(&a);
	assert_true(alert_format(&a, buf, sizeof(buf)) > 0);
	assert_int_equal(alert_parse(buf, &b), 0);
	assert_int_equal(b.confirmed, HEALTH_OK);
	assert_int_equal(b.pending, ALERT_NONE);
}

static void
format_small_buffer(void **state)
{
	struct alert_state a;
	char buf[64];

	(void)state;
	alert_init(&a);
	a.last_sent = 1795633413.25;
	assert_int_equal(alert_format(&a, buf, 10), -1);
	assert_int_equal(alert_format(&a, buf, 0), -1);
}

static void
parse_rejects(void **state)
{
	static const char *const bad[] = {
		"",
		"\n",
		"garbage\n",
		"sysdash-alert\n",
		"sysdash-alert 2 0 0 0 0.000 0 0.000\n", /* another version */
		"sysdash-cpu 1 0 0 0 0.000 0 0.000\n",
		"SYSDASH-ALERT 1 0 0 0 0.000 0 0.000\n",
		"sysdash-alert 1 0 0 0 0.000 0\n",     /* a field short */
		"sysdash-alert 1 0 0 0 0.000 0 0.000", /* cut: no newline */
		"sysdash-alert 1 0 0 0 0.000 0 0.00",  /* cut inside a number */
		"sysdash-alert 1 0 0 0 0.000 0 0.000x\n",
		"sysdash-alert 1 0 0 0 0.000 0 0.000 7\n",
		"sysdash-alert 1 3 0 0 0.000 0 0.000\n", /* HEALTH_MAX */
		"sysdash-alert 1 -1 0 0 0.000 0 0.000\n",
		"sysdash-alert 1 0 3 0 0.000 0 0.000\n",
		"sysdash-alert 1 0 -2 0 0.000 0 0.000\n",
		"sysdash-alert 1 0 0 -1 0.000 0 0.000\n",
		"sysdash-alert 1 0 0 0 0.000 5 0.000\n", /* ALERT_MAX */
		"sysdash-alert 1 0 0 0 0.000 -1 0.000\n",
		"sysdash-alert 1 0 0 0 -5.000 0 0.000\n",
		"sysdash-alert 1 0 0 0 0.000 0 -1.000\n",
		"sysdash-alert 1 0 0 0 nan 0 0.000\n",
		"sysdash-alert 1 0 0 0 0.000 0 nan\n",
		"sysdash-alert 1 O 0 0 0.000 0 0.000\n", /* letter O */
		"sysdash-alert 1 0 0 0 1e5x 0 0.000\n",
	};
	struct alert_state st;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		alert_init(&st);
		errno = 0;
		if (alert_parse(bad[i], &st) != -1)
			fail_msg("alert_parse accepted \"%s\"", bad[i]);
		assert_int_equal(errno, EINVAL);
		/* nothing half-parsed leaks into the state */
		assert_int_equal(st.confirmed, HEALTH_OK);
		assert_int_equal(st.pending, ALERT_NONE);
	}
}

/* An infinite or absurd last post time would silence reminders forever:
 * such a file is garbled, like any other. */
static void
parse_rejects_infinite_times(void **state)
{
	static const char *const bad[] = {
		"sysdash-alert 1 2 2 5 inf 0 0.000\n",
		"sysdash-alert 1 2 2 5 1e309 0 0.000\n",
		"sysdash-alert 1 2 2 5 0.000 3 infinity\n",
	};
	struct alert_state st;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (alert_parse(bad[i], &st) != -1)
			fail_msg("alert_parse accepted \"%s\" (last_sent %g, "
			         "pending_at %g)",
			         bad[i], st.last_sent, st.pending_at);
}

/* ---- the state file ------------------------------------------------------ */

static char *
path_in(const char *dir, const char *name)
{
	char *p;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		fail_msg("asprintf");
	return p;
}

static void
load_file(const char *path, struct alert_state *st)
{
	char buf[512];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		fail_msg("fopen %s: %s", path, strerror(errno));
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	if (alert_parse(buf, st) < 0)
		fail_msg("%s does not parse: \"%s\"", path, buf);
}

static void
update_creates_a_private_file(void **state)
{
	char *dir = tu_mkdtemp(), *p = path_in(dir, "webhook.state");
	struct alert_state st;
	struct stat sb;

	(void)state;
	assert_int_equal(alert_update(p, HEALTH_OK, T0, MIN), ALERT_NONE);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	load_file(p, &st);
	assert_int_equal(st.confirmed, HEALTH_OK);
	assert_int_equal(st.streak, 1);
	free(p);
	tu_rmtree(dir);
}

/* The file carries the machine from one call (one process) to the next. */
static void
update_steps_through_the_file(void **state)
{
	char *dir = tu_mkdtemp(), *p = path_in(dir, "webhook.state");
	struct alert_state st;

	(void)state;
	assert_int_equal(alert_update(p, HEALTH_OK, T0, MIN), ALERT_NONE);
	assert_int_equal(alert_update(p, HEALTH_CRITICAL, T0 + 1, MIN),
	                 ALERT_NONE);
	assert_int_equal(alert_update(p, HEALTH_CRITICAL, T0 + 2, MIN),
	                 ALERT_CRITICAL);
	assert_int_equal(alert_update(p, HEALTH_CRITICAL, T0 + 3, MIN),
	                 ALERT_NONE);
	load_file(p, &st);
	assert_int_equal(st.confirmed, HEALTH_CRITICAL);
	assert_near(st.last_sent, T0 + 2, 0.001);
	assert_int_equal(alert_update(p, HEALTH_CRITICAL, T0 + 2 + MIN, MIN),
	                 ALERT_REMINDER);
	assert_int_equal(alert_update(p, HEALTH_OK, T0 + 400, MIN), ALERT_NONE);
	assert_int_equal(alert_update(p, HEALTH_OK, T0 + 401, MIN),
	                 ALERT_RESOLVED);
	assert_int_equal(alert_update(p, HEALTH_OK, T0 + 402, MIN), ALERT_NONE);
	free(p);
	tu_rmtree(dir);
}

/* A garbled, empty or huge file gives a fresh state, rewritten valid. */
static void
update_survives_garbled_files(void **state)
{
	char *dir = tu_mkdtemp(), *p = path_in(dir, "webhook.state");
	char *huge = tu_huge_line("sysdash-alert 1 ", '9', 100000);
	const char *const junk[] = {"", "garbage",
	                            "sysdash-alert 1 9 9 9 x 9 9\n", "\0\0\0\0",
	                            huge};
	struct alert_state st;

	(void)state;
	for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
		tu_write(dir, "webhook.state", junk[i],
		         i == 3 ? 4 : strlen(junk[i]));
		assert_int_equal(alert_update(p, HEALTH_CRITICAL, T0, MIN),
		                 ALERT_NONE);
		load_file(p, &st);
		assert_int_equal(st.candidate, HEALTH_CRITICAL);
		assert_int_equal(st.streak, 1);
	}
	free(huge);
	free(p);
	tu_rmtree(dir);
}

static void
update_reports_unusable_paths(void **state)
{
	char *dir = tu_mkdtemp(), *p = path_in(dir, "missing/webhook.state");

	(void)state;
	errno = 0;
	assert_int_equal(alert_update(p, HEALTH_OK, T0, MIN), -1);
	assert_int_equal(errno, ENOENT);
	errno = 0;
	assert_int_equal(alert_update(dir, HEALTH_OK, T0, MIN), -1);
	assert_int_equal(errno, EISDIR);
	errno = 0;
	assert_int_equal(alert_record(p, ALERT_CRITICAL, ALERT_FAILED, T0), -1);
	assert_int_equal(errno, ENOENT);
	free(p);
	tu_rmtree(dir);
}

/* 24 processes stepping the same file at once: the lock serialises them,
 * so exactly one sees "critical" and no step is lost. */
static void
update_is_serialised_between_processes(void **state)
{
	enum { N = 24 };
	char *dir = tu_mkdtemp(), *p = path_in(dir, "webhook.state");
	int go[2], critical = 0, none = 0;
	pid_t pids[N];
	struct alert_state st;

	(void)state;
	assert_int_equal(pipe(go), 0);
	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			char c;
			int k;

			close(go[1]);
			if (read(go[0], &c, 1) < 0)
				_exit(99);
			k = alert_update(p, HEALTH_CRITICAL, T0 + i * 0.001,
			                 MIN);
			_exit(k < 0 ? 98 : k);
		}
	}
	close(go[0]);
	close(go[1]); /* everyone starts now */
	for (int i = 0; i < N; i++) {
		int ws;

		assert_int_equal(waitpid(pids[i], &ws, 0), pids[i]);
		assert_true(WIFEXITED(ws));
		if (WEXITSTATUS(ws) == ALERT_CRITICAL)
			critical++;
		else if (WEXITSTATUS(ws) == ALERT_NONE)
			none++;
		else
			fail_msg("child %d exited %d", i, WEXITSTATUS(ws));
	}
	assert_int_equal(critical, 1);
	assert_int_equal(none, N - 1);
	load_file(p, &st);
	assert_int_equal(st.streak, N);
	assert_int_equal(st.confirmed, HEALTH_CRITICAL);
	free(p);
	tu_rmtree(dir);
}

/* alert_update waits for a lock another process holds. */
static void
update_waits_for_the_lock(void **state)
{
	char *dir = tu_mkdtemp(), *p = path_in(dir, "webhook.state");
	struct timespec a, b, pause = {0, 300 * 1000000L};
	int fd, ws;
	pid_t pid;

	(void)state;
	assert_int_equal(alert_update(p, HEALTH_OK, T0, MIN), ALERT_NONE);
	fd = open(p, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	clock_gettime(CLOCK_MONOTONIC, &a);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fd); /* the lock belongs to the open file, shared on fork
		            */
		_exit(alert_update(p, HEALTH_OK, T0 + 1, MIN) == ALERT_NONE ?
		              0 :
		              1);
	}
	nanosleep(&pause, NULL);
	assert_int_equal(waitpid(pid, &ws, WNOHANG), 0); /* still waiting */
	close(fd);
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	clock_gettime(CLOCK_MONOTONIC, &b);
	assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
	assert_true((double)(b.tv_sec - a.tv_sec) +
	                    (double)(b.tv_nsec - a.tv_nsec) / 1e9 >=
	            0.29);
	free(p);
	tu_rmtree(dir);
}

/* ---- recording outcomes -------------------------------------------------- */

static void
record_marks_and_clears_pending(void **state)
{
	char *dir = tu_mkdtemp(), *p = path_in(dir, "webhook.state");
	struct alert_state st;

	(void)state;
	assert_int_equal(alert_update(p, HEALTH_CRITICAL, T0, MIN), ALERT_NONE);
	assert_int_equal(alert_update(p, HEALTH_CRITICAL, T0 + 1, MIN),
	                 ALERT_CRITICAL);
	/* the post failed */
	assert_int_equal(
		alert_record(p, ALERT_CRITICAL, ALERT_FAILED, T0 + 16.5), 0);
	load_file(p, &st);
	assert_int_equal(st.pending, ALERT_CRITICAL);
	assert_near(st.pending_at, T0 + 16.5, 0.001);
	/* what the machine knew is kept */
	assert_int_equal(st.confirmed, HEALTH_CRITICAL);
	assert_int_equal(st.streak, 2);
	assert_near(st.last_sent, T0 + 1, 0.001);
	/* another kind's success does not clear it */
	assert_int_equal(
		alert_record(p, ALERT_RESOLVED, ALERT_DELIVERED, T0 + 17), 0);
	load_file(p, &st);
	assert_int_equal(st.pending, ALERT_CRITICAL);
	/* the retry comes, and its success clears it */
	assert_int_equal(alert_update(p, HEALTH_CRITICAL,
	                              T0 + 16.5 + ALERT_RETRY_SECONDS, MIN),
	                 ALERT_CRITICAL);
	assert_int_equal(
		alert_record(p, ALERT_CRITICAL, ALERT_DELIVERED, T0 + 80), 0);
	load_file(p, &st);
	assert_int_equal(st.pending, ALERT_NONE);
	assert_int_equal(alert_update(p, HEALTH_CRITICAL, T0 + 200, MIN),
	                 ALERT_NONE);
	free(p);
	tu_rmtree(dir);
}

/* A 4xx (a deleted Slack hook): no retry a minute later, no reminder
 * while the status holds; the next change of status posts again. */
static void
record_refused_waits_for_a_change(void **state)
{
	char *dir = tu_mkdtemp(), *p = path_in(dir, "webhook.state");
	struct alert_state st;
	double t;

	(void)state;
	assert_int_equal(alert_update(p, HEALTH_CRITICAL, T0, MIN), ALERT_NONE);
	assert_int_equal(alert_update(p, HEALTH_CRITICAL, T0 + 1, MIN),
	                 ALERT_CRITICAL);
	assert_int_equal(alert_record(p, ALERT_CRITICAL, ALERT_REFUSED, T0 + 2),
	                 0);
	load_file(p, &st);
	assert_int_equal(st.pending, ALERT_NONE);
	assert_true(st.refused);
	/* an hour of critical samples: neither a retry nor a reminder */
	for (t = T0 + 3; t < T0 + 3600; t += 30)
		assert_int_equal(alert_update(p, HEALTH_CRITICAL, t, MIN),
		                 ALERT_NONE);
	/* recovery is a change of status: it is posted, and clears the hold */
	assert_int_equal(alert_update(p, HEALTH_OK, t, MIN), ALERT_NONE);
	assert_int_equal(alert_update(p, HEALTH_OK, t + 1, MIN),
	                 ALERT_RESOLVED);
	load_file(p, &st);
	assert_false(st.refused);
	/* a 5xx or a network error is still retried */
	assert_int_equal(alert_record(p, ALERT_RESOLVED, ALERT_FAILED, t + 2),
	                 0);
	assert_int_equal(
		alert_update(p, HEALTH_OK, t + 2 + ALERT_RETRY_SECONDS, MIN),
		ALERT_RESOLVED);
	free(p);
	tu_rmtree(dir);
}

/* The state of an older sysdash (version 1, no refused field) is read;
 * version 2 takes exactly one more field, 0 or 1. */
static void
parse_versions(void **state)
{
	static const char *const bad[] = {
		"sysdash-alert 2 0 0 0 0.000 0 0.000\n", /* refused missing */
		"sysdash-alert 2 0 0 0 0.000 0 0.000 2\n",
		"sysdash-alert 2 0 0 0 0.000 0 0.000 -1\n",
		"sysdash-alert 2 0 0 0 0.000 0 0.000 1 1\n",
		"sysdash-alert 3 0 0 0 0.000 0 0.000 1\n",
	};
	struct alert_state st;

	(void)state;
	memset(&st, 0x5a, sizeof(st));
	assert_int_equal(
		alert_parse("sysdash-alert 1 2 2 5 10.000 0 0.000\n", &st), 0);
	assert_int_equal(st.confirmed, HEALTH_CRITICAL);
	assert_false(st.refused);
	assert_int_equal(
		alert_parse("sysdash-alert 2 2 2 5 10.000 0 0.000 1\n", &st),
		0);
	assert_true(st.refused);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (alert_parse(bad[i], &st) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
}

/* Test messages and "none" are not alerts: the file is not touched. */
static void
record_ignores_test_messages(void **state)
{
	char *dir = tu_mkdtemp(), *p = path_in(dir, "webhook.state");
	struct stat sb;

	(void)state;
	assert_int_equal(alert_record(p, ALERT_TEST, ALERT_FAILED, T0), 0);
	assert_int_equal(alert_record(p, ALERT_TEST, ALERT_DELIVERED, T0), 0);
	assert_int_equal(alert_record(p, ALERT_NONE, ALERT_FAILED, T0), 0);
	assert_int_equal(stat(p, &sb), -1);
	assert_int_equal(errno, ENOENT);
	free(p);
	tu_rmtree(dir);
}

static void
kind_names(void **state)
{
	enum alert_kind k;

	(void)state;
	for (int i = 0; i < ALERT_MAX; i++) {
		const char *name = alert_kind_name((enum alert_kind)i);

		assert_non_null(name);
		assert_int_equal(alert_kind_parse(name, &k), 0);
		assert_int_equal(k, i);
	}
	assert_string_equal(alert_kind_name(ALERT_CRITICAL), "critical");
	assert_string_equal(alert_kind_name(ALERT_REMINDER), "reminder");
	assert_string_equal(alert_kind_name(ALERT_RESOLVED), "resolved");
	assert_string_equal(alert_kind_name(ALERT_TEST), "test");
	assert_string_equal(alert_kind_name(ALERT_MAX), "unknown");
	k = ALERT_TEST;
	errno = 0;
	assert_int_equal(alert_kind_parse("bogus", &k), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(alert_kind_parse("", &k), -1);
	assert_int_equal(alert_kind_parse("critical ", &k), -1);
	assert_int_equal(k, ALERT_TEST);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fresh_state),
		cmocka_unit_test(entering_critical_posts_once),
		cmocka_unit_test(critical_from_start),
		cmocka_unit_test(reminders_every_min_seconds),
		cmocka_unit_test(recovery_posts_once),
		cmocka_unit_test(recovery_not_rate_limited),
		cmocka_unit_test(warn_is_not_critical),
		cmocka_unit_test(one_sample_spike_is_silent),
		cmocka_unit_test(flapping_stays_critical),
		cmocka_unit_test(min_zero_reminds_every_sample),
		cmocka_unit_test(no_reminder_on_a_sample_that_is_not_critical),
		cmocka_unit_test(failed_critical_is_retried),
		cmocka_unit_test(failed_resolved_retry_waits_min_seconds),
		cmocka_unit_test(stale_pending_is_dropped),
		cmocka_unit_test(clock_stepped_back_does_not_silence),
		cmocka_unit_test(format_parse_round_trip),
		cmocka_unit_test(format_small_buffer),
		cmocka_unit_test(parse_rejects),
		cmocka_unit_test(parse_rejects_infinite_times),
		cmocka_unit_test(update_creates_a_private_file),
		cmocka_unit_test(update_steps_through_the_file),
		cmocka_unit_test(update_survives_garbled_files),
		cmocka_unit_test(update_reports_unusable_paths),
		cmocka_unit_test(update_is_serialised_between_processes),
		cmocka_unit_test(update_waits_for_the_lock),
		cmocka_unit_test(record_marks_and_clears_pending),
		cmocka_unit_test(record_ignores_test_messages),
		cmocka_unit_test(record_refused_waits_for_a_change),
		cmocka_unit_test(parse_versions),
		cmocka_unit_test(kind_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
