/* state.h: the CPU counters one `--once` run leaves for the next, so a cron
 * job every minute records that minute's average CPU. */
#ifndef STATE_H
#define STATE_H

#include "sysdash.h"

struct cpu_state {
	struct cpu_times cpu;
	long btime;      /* boot time the counters belong to */
	double when;     /* CLOCK_REALTIME seconds of the reading */
};

/* Parses state text. 0, or -1 (EINVAL) on anything unexpected. */
int state_parse(const char *buf, struct cpu_state *s);

/* Reads path; -1 with errno when absent or unreadable or garbled. */
int state_load(const char *path, struct cpu_state *s);

/* Writes path atomically (temp file + rename), creating its folder (0700).
 * 0 or -1 with errno. */
int state_save(const char *path, const struct cpu_state *s);

/* The folder for state files: $SYSDASH_DATA_DIR when set, else
 * $XDG_STATE_HOME/sysdash, else ~/.local/state/sysdash. */
int state_default_dir(char *buf, size_t n);

/* mkdir -p dir with mode 0700 (dir is modified during the walk and
 * restored). 0 or -1 with errno. */
int state_make_dirs(char *dir);

/* Picks the state path: $SYSDASH_DATA_DIR/sampler.state when that is set,
 * else $XDG_STATE_HOME/sysdash/sampler.state, else
 * ~/.local/state/sysdash/sampler.state. -1 when it does not fit. */
int state_default_path(char *buf, size_t n);

#endif
