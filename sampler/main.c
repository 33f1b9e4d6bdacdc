/* main.c: sysdash-sampler, the CLI that prints a line per sample and
 * appends the CSV and JSONL exports (as a daemon, or once from cron). */
#include "cliopts.h"
#include "export.h"
#include "rollup.h"
#include "state.h"
#include "sysdash.h"
#include "webhook.h"

#include <errno.h>
#include <json.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#define PROG "sysdash-sampler"
#define WINDOW_MIN 0.25

static volatile sig_atomic_t stopping;
static struct wh_config webhook;
/* --once: a failed export is this run's failure, not an outage to ride out */
static bool single_run;

static void
on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static void
usage(FILE *f)
{
	fprintf(f,
	        "usage: " PROG " [options]\n"
	        "Prints one line per sample of CPU, RAM, disk and uptime and "
	        "appends\n"
	        "each sample to a CSV and a JSONL file.\n\n"
	        "  --interval S        seconds between samples, %g to %g "
	        "(default:\n"
	        "                      SYSDASH_INTERVAL or 2)\n"
	        "  --count N           stop after N samples\n"
	        "  --once              one sample and exit (for cron): CPU is "
	        "the\n"
	        "                      average since the previous --once run\n"
	        "  --export-csv PATH   CSV file (default: SYSDASH_CSV, else\n"
	        "                      metrics.csv on the Desktop, else here)\n"
	        "  --export-jsonl PATH JSONL file (default: SYSDASH_JSONL, "
	        "else\n"
	        "                      metrics.jsonl beside the CSV default)\n"
	        "  --no-export         write no file, only print\n"
	        "  --state PATH        --once state file (default:\n"
	        "                      $SYSDASH_DATA_DIR/sampler.state, else\n"
	        "                      ~/.local/state/sysdash/sampler.state)\n"
	        "  --quiet             print nothing but errors\n"
	        "  --rebuild-history   build the history tiers (CSV.rollup-1m "
	        "and\n"
	        "                      CSV.rollup-1h) anew from the CSV and "
	        "its\n"
	        "                      rotated files, then exit\n"
	        "  --no-rollup         do not keep the history tiers up to "
	        "date\n"
	        "  --help, --version\n\n"
	        "Environment: CPU_ALERT, RAM_ALERT, SYSDASH_PROC_ROOT,\n"
	        "SYSDASH_DISK_PATH, SYSDASH_CGROUP_ROOT; WEBHOOK_URL,\n"
	        "WEBHOOK_MIN_SECONDS, WEBHOOK_FORMAT, SYSDASH_LANG (see "
	        "README).\n"
	        "Exit status: 0 done, 1 a sample failed (--once), 2 bad "
	        "usage,\n"
	        "3 the sample was taken but an export could not be written "
	        "(--once).\n",
	        SD_INTERVAL_MIN, SD_INTERVAL_MAX);
}

static const struct cli_prog prog = {
	PROG,
	PROG " " SYSDASH_VERSION,
	CLI_STATE | CLI_ROLLUP,
	usage,
};

/* A flag wins; else the path config_load resolved (SYSDASH_CSV, SYSDASH_JSONL,
 * SYSDASH_DATA_DIR, or their CLI defaults). */
static int
resolve_paths(struct cli_opts *o, const struct sd_config *c)
{
	char err[4400];

	if (!o->no_export) {
		if (!*o->csv)
			memcpy(o->csv, c->csv, sizeof(c->csv));
		if (!*o->jsonl)
			memcpy(o->jsonl, c->jsonl, sizeof(c->jsonl));
		if (export_check(o->csv, err, sizeof(err)) < 0 ||
		    export_check(o->jsonl, err, sizeof(err)) < 0)
			return cli_bad(&prog, "cannot write the export: %s",
			               err);
	}
	if (o->once && !*o->state)
		snprintf(o->state, sizeof(o->state), "%s/sampler.state",
		         c->data_dir);
	return 0;
}

static void
print_line(const struct metrics *m)
{
	const char *t = m->timestamp;
	size_t len = strlen(t);

	/* the line shows seconds: drop ".123" but keep the offset */
	printf("[%.19s%s] CPU: %5.1f%%%s | RAM: %5.1f%%%s (%.2f/%.2f GiB) | "
	       "Disk: %5.1f%% (%.2f/%.2f GiB) | Uptime: %s\n",
	       t, len > 23 ? t + 23 : "", m->cpu_percent,
	       m->cpu_alert ? " !!" : "", m->ram_percent,
	       m->ram_alert ? " !!" : "", m->ram_used_gib, m->ram_total_gib,
	       m->disk_percent, m->disk_used_gib, m->disk_total_gib,
	       m->uptime_hms);
	fflush(stdout);
}

/* Reports a failing export once per outage, and when it recovers. */
static void
report(struct export *e, int rc, const char *err)
{
	if (rc < 0 && single_run) {
		fprintf(stderr, PROG ": %s: this sample is not exported\n",
		        err);
	} else if (rc < 0 && (!e->failing || strcmp(err, e->last_err))) {
		fprintf(stderr, PROG ": %s (sampling goes on)\n", err);
		snprintf(e->last_err, sizeof(e->last_err), "%s", err);
	} else if (rc == 0 && e->failing) {
		fprintf(stderr, PROG ": writing %s again\n", e->path);
	}
	e->failing = rc < 0;
}

static void write_exports(struct export ex[2], const struct metrics *m)
{
	char row[1024], err[4400];
	json_object *o;
	int len;

	if ((len = csv_row_format(m, row, sizeof(row))) > 0)
		report(&ex[0],
		       export_write(&ex[0], row, (size_t)len, err, sizeof(err)),
		       err);
	o = json_metrics(m);
	report(&ex[1], export_write_json(&ex[1], o, err, sizeof(err)), err);
	json_object_put(o);
}

/* Keeps the history tiers beside the CSV: once a minute (the first time
 * RU_GRACE seconds after start) the rows of the minute just ended are
 * rolled up (about 150 microseconds); a full
 * build (first use, tiers lost or far behind) runs in a child process so
 * sampling never waits for it, except under --once where there is no
 * loop to wait for. */
static void
rollup_tick(const struct cli_opts *o)
{
	static time_t next;
	static char last[600];
	time_t now = time(NULL);
	char err[600] = "";
	int rc;

	if (o->no_rollup || o->no_export)
		return;
	/* the daemon's first look is RU_GRACE after its start: a short run
	 * (--count 3) leaves nothing but its exports */
	if (!o->once && next == 0)
		next = now + RU_GRACE;
	if (now < next)
		return;
	next = now - now % 60 + 60 + RU_GRACE;
	rc = ru_sync(o->csv, now, RU_NOWAIT | (o->once ? 0 : RU_NOBUILD), NULL,
	             err, sizeof(err));
	if (rc == 1) {
		pid_t pid = fork();

		if (pid == 0) {
			/* a build outliving the sampler would hold the lock */
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() == 1)
				_exit(0);
			if (ru_sync(o->csv, now, RU_NOWAIT, NULL, err,
			            sizeof(err)) < 0)
				fprintf(stderr, PROG ": history tiers: %s\n",
				        err);
			_exit(0);
		}
		if (pid < 0)
			snprintf(err, sizeof(err), "fork: %s", strerror(errno));
	}
	if (*err && strcmp(err, last) != 0)
		fprintf(stderr, PROG ": history tiers: %s%s\n", err,
		        o->once ? "" : " (sampling goes on)");
	snprintf(last, sizeof(last), "%s", err);
}

/* --rebuild-history: the tiers anew, in the foreground. */
static int
rebuild(const struct cli_opts *o)
{
	struct ru_stats st;
	char err[600];

	if (ru_sync(o->csv, time(NULL), RU_REBUILD, &st, err, sizeof(err)) <
	    0) {
		fprintf(stderr, PROG ": history tiers: %s\n", err);
		return 1;
	}
	if (!o->quiet)
		printf("rebuilt the history tiers of %s: %llu rows in %.2f s\n",
		       o->csv, (unsigned long long)st.rows, st.seconds);
	return 0;
}

static void
emit(const struct cli_opts *o, struct export ex[2], const struct metrics *m)
{
	if (!o->quiet)
		print_line(m);
	if (!o->no_export) {
		write_exports(ex, m);
		if (!ex[0].failing) /* no row, nothing new to roll up */
			rollup_tick(o);
	}
	if (webhook.enabled)
		wh_on_sample(&webhook, m);
}

static double
now_real(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
sleep_seconds(double s)
{
	struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};

	while (!stopping && nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* --once: CPU since the previous run's counters when they are from this
 * boot and recent, else over a fresh 250 ms window. */
static int
run_once(const struct sd_config *c, const struct cli_opts *o,
         struct export ex[2])
{
	struct cpu_state st;
	struct cpu_times now;
	struct metrics m;
	char err[512];
	long btime = 0;
	double age = -1;
	int rc;

	if (state_load(o->state, &st) == 0 &&
	    cpu_read(c->proc_root, &now, NULL, &btime) == 0)
		age = state_age(&st, btime, 0, now_real());
	if (age >= 0) {
		if (age < WINDOW_MIN)
			sleep_seconds(WINDOW_MIN - age);
		rc = metrics_collect(c, &st.cpu, &now, &m, err, sizeof(err));
	} else {
		rc = metrics_collect_fresh(c, 250, &now, &m, err, sizeof(err));
	}
	if (rc < 0) {
		fprintf(stderr, PROG ": %s\n", err);
		return 1;
	}
	single_run = true;
	emit(o, ex, &m);
	state_keep(PROG, o->state, &now, &m);
	/* cron must notice: exit 3 when a row was lost */
	if (!o->no_export && (ex[0].failing || ex[1].failing))
		return 3;
	return 0;
}

static void
add_seconds(struct timespec *t, double s)
{
	double whole = (double)(time_t)s; /* s >= 0 */

	t->tv_sec += (time_t)whole;
	t->tv_nsec += (long)((s - whole) * 1e9);
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

/* Samples on a fixed cadence (deadlines on the monotonic clock, so a slow
 * sample or write does not shift the ones after it). */
static int
run_loop(const struct sd_config *c, const struct cli_opts *o,
         struct export ex[2])
{
	struct sd_sources src;
	struct cpu_times prev, now;
	struct timespec next;
	struct metrics m;
	char err[512];
	long n = 0;
	bool talk;

	if (metrics_collect_fresh(c, 250, &now, &m, err, sizeof(err)) < 0) {
		fprintf(stderr, PROG ": %s\n", err);
		return 1;
	}
	/* the old tool's start and stop lines, for a person at a terminal */
	talk = !o->quiet && isatty(STDERR_FILENO);
	if (talk)
		fprintf(stderr, "%s\n", msg_started(webhook.lang));
	clock_gettime(CLOCK_MONOTONIC, &next);
	sources_open(&src, c);
	for (;;) {
		struct timespec t;

		emit(o, ex, &m);
		prev = now;
		if ((o->count && ++n >= o->count) || stopping)
			break;
		clock_gettime(CLOCK_MONOTONIC, &t);
		do /* skip deadlines already missed */
			add_seconds(&next, o->interval);
		while (next.tv_sec < t.tv_sec ||
		       (next.tv_sec == t.tv_sec && next.tv_nsec <= t.tv_nsec));
		while (!stopping &&
		       clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next,
		                       NULL) == EINTR)
			;
		if (stopping)
			break;
		while (metrics_sample(&src, &prev, &now, &m, err, sizeof(err)) <
		       0) {
			fprintf(stderr, PROG ": %s (retrying next interval)\n",
			        err);
			sleep_seconds(o->interval);
			if (stopping)
				break;
		}
		if (stopping)
			break;
	}
	sources_close(&src);
	if (talk)
		fprintf(stderr, "%s\n", msg_stopped(webhook.lang));
	return 0;
}

/* Opens both exports; when the second fails, a first file this call
 * created is removed again: a refused start writes nothing. */
static int
open_exports(const struct cli_opts *o, struct export ex[2])
{
	bool csv_existed = access(o->csv, F_OK) == 0;
	char err[4400];

	if (export_open(&ex[0], o->csv, CSV_HEADER, err, sizeof(err)) < 0) {
		fprintf(stderr, PROG ": %s\n", err);
		return -1;
	}
	if (export_open(&ex[1], o->jsonl, NULL, err, sizeof(err)) < 0) {
		fprintf(stderr, PROG ": %s\n", err);
		export_close(&ex[0]);
		if (!csv_existed)
			unlink(o->csv);
		return -1;
	}
	return 0;
}

static void
install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: wake the sleep */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* a full file-size limit must fail the write, not kill us; a closed
	 * stdout pipe must not either */
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	/* sysdash-notify children reap themselves */
	signal(SIGCHLD, SIG_IGN);
}

int
main(int argc, char **argv)
{
	struct cli_opts o;
	struct sd_config cfg;
	struct export ex[2];
	struct cpu_times probe;
	char err[4400];
	int rc;

	if (config_load(&cfg, SD_CLI, err, sizeof(err)) < 0) {
		fprintf(stderr, PROG ": %s\n", err);
		return 2;
	}
	if (wh_config_load(&webhook, cfg.data_dir, err, sizeof(err)) < 0) {
		fprintf(stderr, PROG ": %s\n", err);
		return 2;
	}
	if ((rc = cli_parse(&prog, argc, argv, &o)) != 0)
		return rc > 0 ? 0 : 2;
	if (!o.interval)
		o.interval = cfg.interval;
	if (resolve_paths(&o, &cfg) < 0)
		return 2;
	if (o.rebuild)
		return rebuild(&o);
	/* a wrong SYSDASH_PROC_ROOT is a start-up error, before any file */
	if (cpu_read(cfg.proc_root, &probe, NULL, NULL) < 0) {
		fprintf(stderr, PROG ": read %s/stat: %s\n", cfg.proc_root,
		        strerror(errno));
		return 2;
	}
	install_signals();
	if (!o.no_export && open_exports(&o, ex) < 0)
		return 2;
	rc = o.once ? run_once(&cfg, &o, ex) : run_loop(&cfg, &o, ex);
	if (!o.no_export) {
		export_close(&ex[0]);
		export_close(&ex[1]);
	}
	return rc;
}
