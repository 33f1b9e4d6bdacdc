/* live_test.c: the live sample (cgi/live.c) on a copy of the real/proc
 * fixture: the bodies rendered at start, a 503 {"error"} while /proc
 * cannot be read, readings every LIVE_PERIOD_MS, and the idle refresher
 * parked (no readings) until a request wakes it for a fresh sample. The
 * refresher threads never stop, so each test's struct live is static. */
#include <errno.h>
#include <json.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "live.h"
#include "testutil.h"

/* real/proc: uptime 359.53 s = 00:05:59, RAM 1.4 % */
static int
render_a(const struct metrics *m, char **out, size_t *len)
{
	*len = (size_t)asprintf(out, "%s %.1f", m->uptime_hms, m->ram_percent);
	return 0;
}

/* render_a, counted: only the idle test's refresher uses it (the threads
 * of the other tests go on running). */
static atomic_int renders;

static int
render_counted(const struct metrics *m, char **out, size_t *len)
{
	atomic_fetch_add(&renders, 1);
	return render_a(m, out, len);
}

static int
render_b(const struct metrics *m, char **out, size_t *len)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "cpus", json_object_new_int(m->cpu_count));
	return live_json_body(o, out, len);
}

static const live_render renders_ab[] = {render_a, render_b};

struct fx {
	char *dir; /* proc/ inside: a copy of real/proc */
	char proc[1024];
	struct sd_config c;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	static const char *const files[] = {"stat", "meminfo", "uptime",
	                                    "loadavg", "zoneinfo"};
	char err[256], rel[64];

	assert_non_null(f);
	f->dir = tu_mkdtemp();
	snprintf(f->proc, sizeof f->proc, "%s/proc", f->dir);
	assert_int_equal(mkdir(f->proc, 0700), 0);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(rel, sizeof rel, "real/proc/%s", files[i]);
		tu_copy_fixture(rel, f->proc, files[i]);
	}
	setenv("SYSDASH_PROC_ROOT", f->proc, 1);
	setenv("SYSDASH_DISK_PATH", f->dir, 1);
	setenv("SYSDASH_CGROUP_ROOT", tu_fixture("cgroup-none/cgroup"), 1);
	if (config_load(&f->c, SD_SERVER, err, sizeof err) != 0)
		fail_msg("config_load: %s", err);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	tu_rmtree(f->dir);
	free(f);
	return 0;
}

static double
now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Body i as a string (malloc'd), its status in *status. */
static char *
get(struct live *l, size_t i, int *status)
{
	char *buf = NULL, *s;
	size_t cap = 0, len = 0;

	*status = live_get(l, i, &buf, &cap, &len);
	assert_true(*status > 0);
	assert_true(cap >= len);
	s = strndup(buf, len);
	free(buf);
	return s;
}

/* Polls body 0 for up to secs until it reads want. */
static void
wait_body(struct live *l, const char *want, double secs)
{
	double end = now_s() + secs;
	int st;
	char *got = NULL;

	do {
		free(got);
		got = get(l, 0, &st);
		if (!strcmp(got, want))
			break;
		usleep(20000);
	} while (now_s() < end);
	assert_string_equal(got, want);
	free(got);
}

static void
json_body(void **state)
{
	json_object *o = json_object_new_object();
	char *out = NULL;
	size_t len = 0;

	(void)state;
	json_object_object_add(o, "a", json_object_new_string("x/y"));
	assert_int_equal(live_json_body(o, &out, &len), 0);
	assert_string_equal(out, "{\"a\":\"x/y\"}");
	assert_int_equal(len, 11);
	free(out);
	assert_int_equal(live_json_body(NULL, &out, &len), -1);
}

/* Both bodies are there at once; a buffer is grown as needed. */
static void
bodies_at_start(void **state)
{
	static struct live l;
	struct fx *f = *state;
	char err[256] = "", *buf, *s;
	size_t cap = 2, len = 0;
	int st;

	if (live_start(&l, &f->c, renders_ab, 2, err, sizeof err) != 0)
		fail_msg("live_start: %s", err);
	s = get(&l, 0, &st);
	assert_int_equal(st, 200);
	assert_string_equal(s, "00:05:59 1.4");
	free(s);
	s = get(&l, 1, &st);
	assert_int_equal(st, 200);
	assert_string_equal(s, "{\"cpus\":2}");
	free(s);
	buf = malloc(cap);
	assert_non_null(buf);
	assert_int_equal(live_get(&l, 1, &buf, &cap, &len), 200);
	assert_int_equal(len, 10);
	assert_int_equal(cap, 10);
	assert_memory_equal(buf, "{\"cpus\":2}", 10);
	free(buf);
}

/* /proc unreadable: every body is 503 {"error": ...} naming the file;
 * it recovers at the next reading once the file is back. */
static void
unreadable_proc_is_503(void **state)
{
	static struct live l;
	struct fx *f = *state;
	char err[256] = "", path[1100], moved[1100], want[1200], *s;
	int st;

	snprintf(path, sizeof path, "%s/meminfo", f->proc);
	snprintf(moved, sizeof moved, "%s/meminfo.away", f->dir);
	assert_int_equal(rename(path, moved), 0);
	if (live_start(&l, &f->c, renders_ab, 2, err, sizeof err) != 0)
		fail_msg("live_start: %s", err);
	/* slashes unescaped, as every answer */
	snprintf(want, sizeof want,
	         "{\"error\":\"read %s/meminfo: No such "
	         "file or directory\"}",
	         f->proc);
	for (size_t i = 0; i < 2; i++) {
		s = get(&l, i, &st);
		assert_int_equal(st, 503);
		assert_string_equal(s, want);
		free(s);
	}
	assert_int_equal(rename(moved, path), 0);
	wait_body(&l, "00:05:59 1.4", 1.5);
}

/* A new reading at least every LIVE_PERIOD_MS while requests come. */
static void
readings_follow_proc(void **state)
{
	static struct live l;
	struct fx *f = *state;
	char err[256] = "";
	double t0;

	if (live_start(&l, &f->c, renders_ab, 2, err, sizeof err) != 0)
		fail_msg("live_start: %s", err);
	wait_body(&l, "00:05:59 1.4", 0);
	/* 443045 s = 123 h 4 min 5 s */
	tu_write_str(f->proc, "uptime", "443045.00 800000.00\n");
	t0 = now_s();
	wait_body(&l, "123:04:05 1.4", 2.0);
	assert_true(now_s() - t0 < 2 * LIVE_PERIOD_MS / 1000.0 + 0.2);
}

/* No request for LIVE_IDLE_MS (the clock of the last one set back): the
 * refresher parks and reads nothing; the next request wakes it and gets
 * a fresh sample after one LIVE_FIRST_MS window, not the stale one. */
static void
idle_parks_and_wakes_fresh(void **state)
{
	static struct live l;
	static const live_render counted[] = {render_counted};
	struct fx *f = *state;
	char err[256] = "", *s;
	double t0, took;
	int st, before;
	bool parked = false;

	if (live_start(&l, &f->c, counted, 1, err, sizeof err) != 0)
		fail_msg("live_start: %s", err);
	pthread_mutex_lock(&l.mu);
	l.last_request.tv_sec -= LIVE_IDLE_MS / 1000 + 1;
	pthread_mutex_unlock(&l.mu);
	for (t0 = now_s(); !parked && now_s() - t0 < 2.0; usleep(20000)) {
		pthread_mutex_lock(&l.mu);
		parked = l.parked;
		pthread_mutex_unlock(&l.mu);
	}
	assert_true(parked);
	before = atomic_load(&renders);
	usleep(3 * LIVE_PERIOD_MS * 1000);
	assert_int_equal(atomic_load(&renders), before);
	/* 7384.2 s = 2 h 3 min 4 s */
	tu_write_str(f->proc, "uptime", "7384.20 100.00\n");
	t0 = now_s();
	s = get(&l, 0, &st);
	took = now_s() - t0;
	assert_int_equal(st, 200);
	assert_string_equal(s, "02:03:04 1.4");
	free(s);
	if (took < LIVE_FIRST_MS / 1000.0 || took > 1.0)
		fail_msg("the first request after idle took %.3f s", took);
	pthread_mutex_lock(&l.mu);
	parked = l.parked;
	pthread_mutex_unlock(&l.mu);
	assert_false(parked);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_body),
		cmocka_unit_test_setup_teardown(bodies_at_start, setup,
	                                        teardown),
		cmocka_unit_test_setup_teardown(unreadable_proc_is_503, setup,
	                                        teardown),
		cmocka_unit_test_setup_teardown(readings_follow_proc, setup,
	                                        teardown),
		cmocka_unit_test_setup_teardown(idle_parks_and_wakes_fresh,
	                                        setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
