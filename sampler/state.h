/* state.h: the CPU counters one `--once` run leaves for the next, so a cron
 * job every minute records that minute's average CPU. */
#ifndef STATE_H
#define STATE_H

#include "sysdash.h"

struct cpu_state {
	struct cpu_times cpu;
	long btime;  /* boot time the counters belong to */
	double when; /* CLOCK_REALTIME seconds of the reading */
};

/* Parses state text. 0, or -1 (EINVAL) on anything unexpected. */
int state_parse(const char *buf, struct cpu_state *s);

/* Reads path; -1 with errno when absent or unreadable or garbled. */
int state_load(const char *path, struct cpu_state *s);

/* Writes path atomically (temp file + rename), creating its folder (0700).
 * 0 or -1 with errno. */
int state_save(const char *path, const struct cpu_state *s);

/* mkdir -p dir with mode 0700 (dir is modified during the walk and
 * restored). 0 or -1 with errno. */
int state_make_dirs(char *dir);

#endif
