/* actions.h: the six approved maintenance actions of docs/API.md, on Linux. The
 * caller picks one by name; nothing a request sends reaches an argument. */
#ifndef SYSDASH_ACTIONS_H
#define SYSDASH_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "run.h"

enum action_id {
	ACT_FLUSH_DNS,
	ACT_RESTART_SPOOLER,
	ACT_CLEANUP_TEMP,
	ACT_CLEANUP_TEAMS,
	ACT_CLEANUP_OUTLOOK,
	ACT_COLLECT_LOGS,
	ACT_MAX
};

/* Archives collect_logs keeps in the data folder; older ones go. */
#define ACT_LOGS_KEEP 10

/* What the actions work with, fixed at start-up. */
struct action_env {
	const char *tmpdir;   /* TMPDIR, else /tmp */
	const char *home;     /* the service user's home (Teams caches) */
	const char *data_dir; /* collect_logs archives, the CSV tail */
	const char *csv_path; /* SYSDASH_CSV */
	/* Test hook (SYSDASH_ACTION_TEST_EXEC, absolute): every external
	 * command runs this program instead, with the same argv, and counts
	 * as available. NULL in production. */
	const char *test_exec;
	/* collect_logs: the current /api/status answer, or NULL */
	const char *status_json;
};

struct action_result {
	bool ok;
	char message[512];
	/* cleanup_*: what went; collect_logs: the archive */
	long long files, bytes;
	char path[4096];
	bool has_counts, has_path;
};

/* The CSV tail collect_logs archives: at most this many bytes of the end. */
#define ACT_TAIL_MAX (256 * 1024)

/* Working memory of action_run, owned by the caller (about 320 KiB: keep
 * it off small stacks, e.g. static in a program or heap-allocated). Its
 * content means nothing between calls; one per concurrent caller. */
struct action_scratch {
	struct run_result run;          /* a command's output */
	char tail[ACT_TAIL_MAX + 1024]; /* collect_logs: header + CSV tail */
};

/* The id for an approved name; -1 (EINVAL) for anything else. */
int action_lookup(const char *name, enum action_id *id);

/* The approved name of id ("flush_dns"...); "unknown" out of range. */
const char *action_name(enum action_id id);

/* Every approved name in table order, ", " between them: "flush_dns,
 * restart_spooler, ...". Returns the length, or -1 when buf is too small
 * (ACT_LIST_MAX bytes are enough). */
#define ACT_LIST_MAX 128
int action_list(char *buf, size_t n);

/* bytes as the messages show them: "512 B", "1.5 KiB", "12.0 MiB". */
void action_fmt_size(long long bytes, char *buf, size_t n);

/* Whether id can run on this host, and if not why (a sentence). */
bool action_available(enum action_id id, const struct action_env *e,
                      char *reason, size_t n);

/* Runs id and fills res, using w as working memory. Never fails as a
 * call: a failure is res->ok false with a message saying why. */
void action_run(enum action_id id, const struct action_env *e,
                struct action_scratch *w, struct action_result *res);

#endif
