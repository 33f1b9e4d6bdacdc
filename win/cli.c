/* cli.c: sysdash.exe, the Windows CLI: the sampler's line per sample and
 * its CSV/JSONL exports (--interval, --count, --once, --state,
 * --export-csv, --export-jsonl, --no-export, --quiet), from the Windows
 * readers of lib/.
 * Arguments and variables are read wide and passed on as UTF-8. */
#include "cliopts.h"
#include "export.h"
#include "paths.h"
#include "state.h"
#include "sysdash.h"
#include "win.h"

#include <json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <shlobj.h>

#define PROG "sysdash"
/* --once: the least CPU window, as the Linux sampler's */
#define WINDOW_MIN 0.25

static HANDLE stop_event;

static BOOL WINAPI
on_ctrl(DWORD type)
{
	(void)type;
	SetEvent(stop_event);
	return TRUE;
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
	        "  --once              one sample and exit: CPU since the "
	        "previous\n"
	        "                      --once run (Task Scheduler every "
	        "minute:\n"
	        "                      that minute's average), else over 250 "
	        "ms\n"
	        "  --state PATH        --once state file (default:\n"
	        "                      SYSDASH_DATA_DIR\\sampler.state, else\n"
	        "                      "
	        "%%LOCALAPPDATA%%\\sysdash\\sampler.state)\n"
	        "  --export-csv PATH   CSV file (default: SYSDASH_CSV, else\n"
	        "                      metrics.csv on the Desktop)\n"
	        "  --export-jsonl PATH JSONL file (default: SYSDASH_JSONL, "
	        "else\n"
	        "                      metrics.jsonl beside the CSV default)\n"
	        "  --no-export         write no file, only print\n"
	        "  --quiet             print nothing but errors\n"
	        "  --help, --version\n\n"
	        "Environment: CPU_ALERT, RAM_ALERT, SYSDASH_INTERVAL,\n"
	        "SYSDASH_DISK_PATH (default: the system drive).\n"
	        "Exit status: 0 done, 1 a sample failed (--once), 2 bad "
	        "usage,\n"
	        "3 the sample was taken but an export could not be written "
	        "(--once).\n",
	        SD_INTERVAL_MIN, SD_INTERVAL_MAX);
}

static const struct cli_prog prog = {
	PROG,
	PROG " " SYSDASH_VERSION " (Windows)",
	CLI_STATE,
	usage,
};

/* Flag, else variable (read wide), else <Desktop>\name. */
static int
export_path(char *dst, size_t n, const char *var, const char *dir,
            const char *name)
{
	char *v;
	int rc;

	if (*dst)
		return 0;
	if ((v = win_getenv(var))) {
		rc = cli_copy_path(&prog, dst, n, v, var);
		free(v);
		return rc;
	}
	if ((size_t)snprintf(dst, n, "%s" PATHS_SEP "%s", dir, name) >= n)
		return cli_bad(&prog, "%s" PATHS_SEP "%s: path too long", dir,
		               name);
	return 0;
}

static int
resolve_paths(struct cli_opts *o)
{
	char dir[4096], err[4400];

	if (o->no_export)
		return 0;
	if (paths_export_dir(dir, sizeof(dir)) < 0)
		return cli_bad(&prog, "cannot find an export folder");
	if (export_path(o->csv, sizeof(o->csv), "SYSDASH_CSV", dir,
	                "metrics.csv") < 0 ||
	    export_path(o->jsonl, sizeof(o->jsonl), "SYSDASH_JSONL", dir,
	                "metrics.jsonl") < 0)
		return -1;
	if (export_check(o->csv, err, sizeof(err)) < 0 ||
	    export_check(o->jsonl, err, sizeof(err)) < 0)
		return cli_bad(&prog, "cannot write the export: %s", err);
	return 0;
}

/* The sampler's line (sampler/main.c print_line), byte for byte. */
static void
print_line(const struct metrics *m)
{
	const char *t = m->timestamp;
	size_t len = strlen(t);

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
report(struct export *e, int rc, const char *err, bool once)
{
	if (rc < 0 && once)
		fprintf(stderr, PROG ": %s: this sample is not exported\n",
		        err);
	else if (rc < 0 && (!e->failing || strcmp(err, e->last_err))) {
		fprintf(stderr, PROG ": %s (sampling goes on)\n", err);
		snprintf(e->last_err, sizeof(e->last_err), "%s", err);
	} else if (rc == 0 && e->failing) {
		fprintf(stderr, PROG ": writing %s again\n", e->path);
	}
	e->failing = rc < 0;
}

static void
emit(const struct cli_opts *o, struct export ex[2], const struct metrics *m)
{
	char row[1024], err[4400];
	json_object *j;
	int len;

	if (!o->quiet)
		print_line(m);
	if (o->no_export)
		return;
	if ((len = csv_row_format(m, row, sizeof(row))) > 0)
		report(&ex[0],
		       export_write(&ex[0], row, (size_t)len, err, sizeof(err)),
		       err, o->once);
	j = json_metrics(m);
	len = export_write_json(&ex[1], j, err, sizeof(err));
	json_object_put(j);
	report(&ex[1], len, err, o->once);
}

/* --state, else SYSDASH_DATA_DIR\sampler.state, else the local (not
 * roaming) application data: %LOCALAPPDATA%\sysdash\sampler.state. */
static int
state_path(struct cli_opts *o)
{
	char *dir = win_getenv("SYSDASH_DATA_DIR");
	const char *sub = "";
	PWSTR w = NULL;
	int len;

	if (*o->state)
		return 0;
	if (!dir &&
	    SHGetKnownFolderPath(&FOLDERID_LocalAppData, 0, NULL, &w) == S_OK) {
		dir = win_utf8(w);
		sub = "\\sysdash";
	}
	CoTaskMemFree(w);
	if (!dir)
		return cli_bad(&prog, "--state: no SYSDASH_DATA_DIR and no "
		                      "%%LOCALAPPDATA%%: give a path");
	len = snprintf(o->state, sizeof(o->state), "%s%s\\sampler.state", dir,
	               sub);
	free(dir);
	if (len < 0 || (size_t)len >= sizeof(o->state))
		return cli_bad(&prog, "--state: the default path is too long");
	return 0;
}

static double
now_real(void)
{
	struct timespec t;

	win_now(&t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* --once: the CPU since the previous run when its state is recent and from
 * this boot (within 2 s: the boot time comes from the uptime), else over
 * 250 ms; then leaves this run's counters for the next. */
static int
run_once(const struct sd_config *c, const struct cli_opts *o,
         struct export ex[2])
{
	struct cpu_state st;
	struct cpu_times now;
	struct metrics m;
	char err[512];
	double t = now_real(), age = -1;
	int rc;

	if (state_load(o->state, &st) == 0)
		age = state_age(&st, (long)(t - win_uptime()), 2, t);
	if (age >= 0) {
		if (age < WINDOW_MIN)
			Sleep((DWORD)((WINDOW_MIN - age) * 1000.0) + 1);
		rc = metrics_collect(c, &st.cpu, &now, &m, err, sizeof(err));
	} else {
		rc = metrics_collect_fresh(c, 250, &now, &m, err, sizeof(err));
	}
	if (rc < 0) {
		fprintf(stderr, PROG ": %s\n", err);
		return 1;
	}
	emit(o, ex, &m);
	state_keep(PROG, o->state, &now, &m);
	if (!o->no_export && (ex[0].failing || ex[1].failing))
		return 3;
	return 0;
}

/* Samples every interval on GetTickCount64 deadlines (a slow sample does
 * not shift the next ones) until --count or Ctrl+C. */
static int
run(const struct sd_config *c, const struct cli_opts *o, struct export ex[2])
{
	struct sd_sources src;
	struct cpu_times prev, now;
	struct metrics m;
	ULONGLONG next, step = (ULONGLONG)(o->interval * 1000.0 + 0.5);
	char err[512];
	long n = 0;

	if (metrics_collect_fresh(c, 250, &now, &m, err, sizeof(err)) < 0) {
		fprintf(stderr, PROG ": %s\n", err);
		return 1;
	}
	next = GetTickCount64();
	sources_open(&src, c);
	for (;;) {
		ULONGLONG t;

		emit(o, ex, &m);
		prev = now;
		if (o->once || (o->count && ++n >= o->count))
			break;
		t = GetTickCount64();
		do
			next += step;
		while (next <= t);
		if (WaitForSingleObject(stop_event, (DWORD)(next - t)) ==
		    WAIT_OBJECT_0)
			break;
		while (metrics_sample(&src, &prev, &now, &m, err, sizeof(err)) <
		       0) {
			fprintf(stderr, PROG ": %s (retrying next interval)\n",
			        err);
			if (WaitForSingleObject(stop_event, (DWORD)step) ==
			    WAIT_OBJECT_0)
				goto out;
		}
	}
out:
	sources_close(&src);
	if (o->once && !o->no_export && (ex[0].failing || ex[1].failing))
		return 3;
	return 0;
}

static int
open_exports(const struct cli_opts *o, struct export ex[2])
{
	char err[4400];

	if (export_open(&ex[0], o->csv, CSV_HEADER, err, sizeof(err)) < 0 ||
	    export_open(&ex[1], o->jsonl, NULL, err, sizeof(err)) < 0) {
		fprintf(stderr, PROG ": %s\n", err);
		export_close(&ex[0]);
		return -1;
	}
	return 0;
}

static int
run_main(int argc, char **argv)
{
	struct cli_opts o;
	struct sd_config cfg;
	struct export ex[2];
	char err[4400];
	int rc;

	if (config_load(&cfg, SD_CLI, err, sizeof(err)) < 0) {
		fprintf(stderr, PROG ": %s\n", err);
		return 2;
	}
	if ((rc = cli_parse(&prog, argc, argv, &o)) != 0)
		return rc > 0 ? 0 : 2;
	if (!o.interval)
		o.interval = cfg.interval;
	if (resolve_paths(&o) < 0 || (o.once && state_path(&o) < 0))
		return 2;
	stop_event = CreateEventW(NULL, TRUE, FALSE, NULL);
	SetConsoleCtrlHandler(on_ctrl, TRUE);
	if (!o.no_export && open_exports(&o, ex) < 0)
		return 2;
	rc = o.once ? run_once(&cfg, &o, ex) : run(&cfg, &o, ex);
	if (!o.no_export) {
		export_close(&ex[0]);
		export_close(&ex[1]);
	}
	return rc;
}

int
wmain(int argc, wchar_t **wargv)
{
	char **argv = calloc((size_t)argc + 1, sizeof(*argv));

	if (!argv)
		return 1;
	for (int i = 0; i < argc; i++)
		if (!(argv[i] = win_utf8(wargv[i]))) {
			fprintf(stderr,
			        PROG ": argument %d is not valid UTF-16\n", i);
			return 2;
		}
	return run_main(argc, argv);
}
