/* sysdash.h: the shared core every sysdash binary links (lib/). */
#ifndef SYSDASH_H
#define SYSDASH_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

/* Largest /proc file we read; anything bigger is an error (EFBIG). */
#define SD_FILE_MAX (1024 * 1024)

/* ---- util.c ---------------------------------------------------------- */

/* Reads the whole file at dir/name into a malloc'd, NUL-terminated buffer
 * (retrying EINTR). *len gets its length. Returns NULL with errno set on
 * failure; EFBIG when the file exceeds max bytes, ENAMETOOLONG when the path
 * does not fit. The caller frees. */
char *util_read_file(const char *dir, const char *name, size_t max,
                     size_t *len);

/* Reads the whole file open at fd from offset 0 (pread: /proc files are
 * re-read this way without reopening) into *buf, grown with realloc up to
 * max bytes (*cap is its size, 0 for none yet), NUL-terminated; *len gets
 * the length. -1 with errno; EFBIG when the file holds more than max. */
int util_pread_all(int fd, char **buf, size_t *cap, size_t max, size_t *len);

/* The start of the line after the one at p, or the terminating NUL. */
const char *util_next_line(const char *p);

/* Joins dir and name into buf; -1 with ENAMETOOLONG when it does not fit. */
int util_path(char *buf, size_t n, const char *dir, const char *name);

/* Opens path (open(2) flags plus O_CLOEXEC, mode for O_CREAT) for files in
 * a folder another user may write: never through a symbolic link
 * (O_NOFOLLOW: errno ELOOP), never blocking on a FIFO or device (O_NONBLOCK
 * at open, cleared after), and only a regular file (else errno EFTYPE_SD).
 * Returns the descriptor or -1 with errno; EINTR is retried. */
#ifdef EMEDIUMTYPE
#define EFTYPE_SD EMEDIUMTYPE
#else /* Windows (win_util.c) has no such errno: one of our own */
#define EFTYPE_SD 2001
#endif
int util_open_regular(const char *path, int flags, mode_t mode);

/* strerror() that names util_open_regular's refusals: "is a symbolic link"
 * for ELOOP, "not a regular file" for EFTYPE_SD. */
const char *util_open_strerror(int err);

/* Copies src into dst (n bytes with the NUL) as valid UTF-8: each byte of
 * an invalid or cut sequence becomes U+FFFD, control characters below 0x20
 * and DEL become '?'; a character that does not fit is dropped whole. */
void util_utf8_clean(char *dst, size_t n, const char *src);

/* Whether s[0..n) is valid UTF-8 as RFC 3629 defines it: no overlong
 * form, no surrogate, nothing above U+10FFFF, no cut sequence. A NUL byte
 * counts as valid (callers that care check for it). */
bool util_utf8_valid(const char *s, size_t n);

/* Parses a whole string as a finite double (no trailing junk, no nan/inf).
 * Returns 0 or -1 with errno EINVAL/ERANGE. */
int util_parse_double(const char *s, double *out);

/* Parses a whole string as a base-10 long in [min, max]. 0 or -1 (EINVAL,
 * ERANGE). */
int util_parse_long(const char *s, long min, long max, long *out);

/* Parses an unsigned decimal at *s, advancing *s; checks overflow before it
 * multiplies (nginx ngx_atoi). Leading blanks are skipped. 0 or -1. */
int util_scan_ull(const char **s, unsigned long long *out);

/* Formats t (with its local UTC offset) as 2026-11-24T10:15:30.123+01:00.
 * Returns 0 or -1. */
int util_iso8601(const struct timespec *t, char *buf, size_t n);

/* Formats seconds as HH:MM:SS, hours not wrapped (123:04:05). */
void util_hms(double seconds, char *buf, size_t n);

/* Writes all of buf with one write(2) per call, retrying EINTR; a short
 * write is an error (errno ENOSPC when the kernel gave no reason). */
int util_write_all(int fd, const char *buf, size_t n);

/* Rounds to a whole number, half to even (nearbyint() in the default mode)
 * without libm, whose pages would be a fifth of the sampler's RSS. */
double util_rint(double x);

/* Rounds to 0..4 decimals, half to even (Python's round()). */
double util_round(double v, int decimals);

/* The languages of every text sysdash writes: pages, window, CLI lines,
 * webhook messages. French first: the old tool's language and the
 * default. */
enum sd_lang { SD_FR, SD_EN, SD_ES, SD_RU, SD_LANG_MAX };

/* "fr", "en", "es" or "ru"; "fr" for a value out of range. */
const char *sd_lang_code(enum sd_lang l);

/* s is one of the codes, in any case: 0 with *l set, else -1 (EINVAL). */
int sd_lang_parse(const char *s, enum sd_lang *l);

/* Bytes in a GiB: every *_gib field of the API is bytes / SD_GIB. */
#define SD_GIB (1024.0 * 1024.0 * 1024.0)

/* bytes in GiB rounded to 2 decimals, as every *_gib field is. */
double util_gib(unsigned long long bytes);

/* Formats v with exactly `decimals` digits after the point (0..4), like
 * "%.*f" for an already rounded v, without printf's float path. Returns the
 * length, or -1 when buf is too small. */
int util_fmt_fixed(char *buf, size_t n, double v, int decimals);

/* The shortest decimal that strtod reads back as v: "100" rather than
 * "1e+02", "0.1" rather than "0.10000000000000001"; an exponent only below
 * 1e-4 or from 1e16 (where Python's repr() switches too). v must be
 * finite. Returns the length, or -1 when buf (32 bytes are enough) is too
 * small. */
int util_fmt_shortest(char *buf, size_t n, double v);

/* ---- cpu.c: /proc/stat ------------------------------------------------ */

/* Aggregate CPU time in USER_HZ ticks. busy = total - idle - iowait;
 * total excludes guest and guest_nice (they are inside user and nice). */
struct cpu_times {
	unsigned long long busy;
	unsigned long long total;
};

/* Parses /proc/stat text: the aggregate "cpu " line into t, the number of
 * "cpuN" lines into *ncpu (may be NULL), btime into *btime (may be NULL;
 * 0 when absent). -1 with EINVAL when the cpu line is missing or garbled. */
int cpu_parse(const char *buf, struct cpu_times *t, int *ncpu, long *btime);

/* Reads root/stat (root is usually /proc). 0 or -1 with errno. */
int cpu_read(const char *root, struct cpu_times *t, int *ncpu, long *btime);

/* Share of busy time between two readings, 0..100. Counters that went
 * backwards saturate to 0; a zero total gives 0. */
double cpu_percent(const struct cpu_times *prev, const struct cpu_times *now);

/* ---- mem.c: /proc/meminfo ------------------------------------------- */

/* Bytes. avail_known is false when MemAvailable was absent (kernel < 3.14)
 * and available holds psutil's fallback estimate. */
struct mem_info {
	unsigned long long total, free, available, buffers, cached,
		sreclaimable;
	unsigned long long active_file, inactive_file;
	unsigned long long swap_total, swap_free;
	bool avail_known;
	bool have_lru; /* Active(file), Inactive(file), SReclaimable present */
};

/* Parses meminfo text (kB values). MemTotal and MemFree are required;
 * other fields default to 0. -1 EINVAL on missing/garbled required fields
 * or a zero MemTotal. */
int mem_parse(const char *buf, struct mem_info *m);

/* Computes psutil's MemAvailable fallback from zoneinfo text (may be
 * NULL when unreadable) and the page size; stores it in m->available. */
void mem_fallback_avail(struct mem_info *m, const char *zoneinfo,
                        long pagesize);

/* Reads root/meminfo (and root/zoneinfo when MemAvailable is absent). */
int mem_read(const char *root, struct mem_info *m);

/* psutil semantics: percent = (total - available) / total * 100, not
 * rounded; 0 when total is 0. */
double mem_percent(const struct mem_info *m);

/* Used bytes as psutil counts them: total - free - buffers - cached -
 * sreclaimable, or total - free when that is negative. */
unsigned long long mem_used(const struct mem_info *m);

/* ---- disk.c: statvfs -------------------------------------------------- */

struct disk_info {
	unsigned long long total, used, avail; /* bytes; avail = f_bavail */
};

/* statvfs(path): total = f_blocks, used = f_blocks - f_bfree, avail =
 * f_bavail, each times f_frsize, in bytes. 0 or -1 with errno. */
int disk_read(const char *path, struct disk_info *d);

/* used / (used + avail) * 100, 0 when both are 0 */
double disk_percent(const struct disk_info *d);

/* ---- uptime.c: /proc/uptime, /proc/loadavg, hostname -------------------- */

/* Parses /proc/uptime text, "uptime idle\n" (seconds, decimals allowed):
 * the first number into *seconds. Both numbers and the final newline are
 * required (a cut file is an error, not a smaller uptime). 0, or -1 with
 * EINVAL (garbled, negative, cut) or ERANGE (overflow). */
int uptime_parse(const char *buf, double *seconds);

/* Reads root/uptime (root is usually /proc) and parses it. 0 or -1 with
 * errno. */
int uptime_read(const char *root, double *seconds);

/* Parses /proc/loadavg text, "0.03 0.09 0.05 1/77 4908\n": the 1, 5 and 15
 * minute averages into load[0..2]. The runnable count must follow the
 * third number, so a cut third number is an error. 0, or -1 with EINVAL or
 * ERANGE; load may be partly written on error. */
int loadavg_parse(const char *buf, double load[3]);

/* Reads root/loadavg and parses it. 0 or -1 with errno. */
int loadavg_read(const char *root, double load[3]);

/* ---- cgroup.c: cgroup v2 limits inside a container ------------------ */

struct cgroup_info {
	bool mem_limited; /* memory.max is a number */
	bool cpu_limited; /* cpu.max quota is a number */
	unsigned long long mem_max,
		mem_used;       /* bytes; used = current - inactive_file */
	double cpu_quota_cores; /* quota / period */
};

/* Reads memory.max, memory.current, memory.stat and cpu.max under dir
 * (usually /sys/fs/cgroup). Files that are absent leave their limit off.
 * Returns 0 (even with no limits) or -1 on a garbled file. */
int cgroup_read(const char *dir, struct cgroup_info *c);

/* Parses memory.max text: "max\n" sets *limited false; a byte count sets
 * *v and *limited true. The final newline is required (cgroupfs always
 * writes it: without it the number may be cut). 0, or -1 with EINVAL. */
int cgroup_parse_max(const char *buf, unsigned long long *v, bool *limited);

/* Parses cpu.max text, "QUOTA PERIOD\n" in microseconds, QUOTA possibly
 * "max" (then *limited is false and *cores untouched); else *cores =
 * quota / period and *limited true. A zero period, a missing field or
 * newline is -1 with EINVAL. */
int cgroup_parse_cpu_max(const char *buf, double *cores, bool *limited);

/* Sampling interval bounds, seconds. */
#define SD_INTERVAL_MIN 0.1
#define SD_INTERVAL_MAX 86400.0

/* ---- config.c: environment -------------------------------------------- */

/* The longest path a setting may hold; longer is refused, never cut. */
#define SD_PATH_MAX 512

struct sd_config {
	char proc_root[SD_PATH_MAX];
	char disk_path[SD_PATH_MAX];
	char cgroup_root[SD_PATH_MAX];
	char data_dir[SD_PATH_MAX]; /* state, logs, locks, archives */
	char csv[SD_PATH_MAX +
	         32]; /* SYSDASH_CSV, else <exports>/metrics.csv */
	char jsonl[SD_PATH_MAX +
	           32];              /* SYSDASH_JSONL, else .../metrics.jsonl */
	double cpu_alert, ram_alert; /* percent */
	double interval;             /* seconds */
};

/* Whose defaults config_load applies to an unset variable: the stack and
 * the CLI keep the old tool's different places. */
enum sd_profile {
	/* The stack (scripts/serve, the FastCGI programs): data folder
	 * SYSDASH_DATA_DIR, else ./data; exports metrics.csv and metrics.jsonl
	 * in the data folder (the history endpoint reads that CSV). */
	SD_SERVER,
	/* The sampler CLI and sysdash-notify, run by hand or from cron: data
	 * folder (--once state, webhook state and log) SYSDASH_DATA_DIR, else
	 * $XDG_STATE_HOME/sysdash, else ~/.local/state/sysdash; exports in the
	 * Desktop folder (XDG_DESKTOP_DIR, else user-dirs.dirs under
	 * XDG_CONFIG_HOME or ~/.config, else ~/Desktop) when it exists, else
	 * in the current folder. */
	SD_CLI,
	SD_PROFILE_MAX
};

/* Fills c from the environment (docs/API.md names, the defaults of profile
 * p): SYSDASH_PROC_ROOT, SYSDASH_DISK_PATH, SYSDASH_CGROUP_ROOT,
 * SYSDASH_DATA_DIR, SYSDASH_CSV, SYSDASH_JSONL, CPU_ALERT, RAM_ALERT,
 * SYSDASH_INTERVAL. An unset or empty variable takes its default. On a bad
 * value (a number out of range, a path too long for its field) returns -1
 * with errno EINVAL and writes a message naming the variable into err.
 * Creates nothing. */
int config_load(struct sd_config *c, enum sd_profile p, char *err,
                size_t errlen);

/* ---- sources.c: /proc files kept open between samples ------------------ */

enum sd_source { SRC_STAT, SRC_MEMINFO, SRC_UPTIME, SRC_LOADAVG, SRC_MAX };

/* Owned by the caller (no hidden static state in lib/); one per thread. */
struct sd_sources {
	const struct sd_config *cfg;
	int fd[SRC_MAX]; /* -1 until first read */
	char *buf;       /* the last file read, NUL-terminated */
	size_t cap;
	time_t extras_at;  /* CLOCK_MONOTONIC seconds of the last */
	bool extras_valid; /* hostname and cgroup reading */
	char hostname[256];
	struct cgroup_info cg;
};

/* Prepares s for c (which must outlive it); opens files lazily. */
void sources_open(struct sd_sources *s, const struct sd_config *c);

/* Closes the files s keeps open and frees its buffer; s may be opened
 * again with sources_open. */
void sources_close(struct sd_sources *s);

/* Re-reads one file from offset 0 into s->buf; the text stays valid until
 * the next call. NULL with errno (EFBIG beyond SD_FILE_MAX). */
const char *sources_read(struct sd_sources *s, enum sd_source f);

/* The file name of f under the proc root ("stat", "meminfo"...), for
 * messages; "?" for an unknown f. Never NULL. */
const char *sources_name(enum sd_source f);

/* True (and restarts the clock) when hostname and cgroup limits are due
 * for a re-read: at first and then every minute. */
bool sources_extras_due(struct sd_sources *s);

/* ---- metrics.c: one sample -------------------------------------------- */

struct metrics {
	struct timespec when;
	char timestamp[48];
	double cpu_percent, ram_percent, ram_used_gib, ram_total_gib;
	double disk_percent, disk_used_gib, disk_total_gib;
	double uptime_seconds;
	char uptime_hms[32];
	bool cpu_alert, ram_alert;
	/* extras */
	char hostname[256];
	int cpu_count;
	double load[3];
	double swap_total_gib, swap_used_gib, swap_percent;
	long boot_time; /* epoch seconds, 0 if unknown */
	double cpu_alert_threshold, ram_alert_threshold;
	struct cgroup_info cg;
};

/* The fast path: one sample through open sources s, otherwise as
 * metrics_collect (prev, now, err). 0 or -1. */
int metrics_sample(struct sd_sources *s, const struct cpu_times *prev,
                   struct cpu_times *now, struct metrics *m, char *err,
                   size_t errlen);

/* Reads every source once. prev holds the counters of the previous call (or
 * of a reading ~250 ms ago); now receives this call's counters, which the
 * caller keeps for next time. A failing source makes it return -1 with a
 * message in err naming the file. */
int metrics_collect(const struct sd_config *c, const struct cpu_times *prev,
                    struct cpu_times *now, struct metrics *m, char *err,
                    size_t errlen);

/* Sets the thresholds of c and the cpu/ram alerts they give on a sample
 * whose percentages are filled in (metrics_common.c, both platforms). */
void metrics_set_alerts(const struct sd_config *c, struct metrics *m);

/* Takes a CPU reading, sleeps ms milliseconds, and collects; for callers
 * without a previous reading. */
int metrics_collect_fresh(const struct sd_config *c, int ms,
                          struct cpu_times *now, struct metrics *m, char *err,
                          size_t errlen);

/* ---- health.c ------------------------------------------------------- */

enum health_status { HEALTH_OK, HEALTH_WARN, HEALTH_CRITICAL, HEALTH_MAX };

struct health {
	int score;
	enum health_status status;
	int cpu, ram, disk; /* component scores x100, rounded */
};

/* The health of docs/API.md from three percents (0..100; values outside
 * are clamped by the formula): each component is 1 up to its knee, then
 * falls linearly to 0 over its span (cpu 50 + 50, ram 60 + 40, disk
 * 70 + 30); score = the weighted sum (0.35, 0.35, 0.30) x 100, rounded half
 * to even like Python's round(); status ok at >= 80, warn at >= 60, else
 * critical. The constants are named in lib/health.c. Pure, never fails. */
void health_compute(double cpu, double ram, double disk, struct health *h);

/* "ok", "warn", "critical"; "unknown" for a value out of range. */
const char *health_status_name(enum health_status s);

/* ---- json.c ---------------------------------------------------------- */

struct json_object;

/* The /api/stats object of docs/API.md (plus extras), numbers printed
 * with their fixed decimals. Caller puts it. NULL only when out of
 * memory. */
struct json_object *json_metrics(const struct metrics *m);

/* The /api/status object: json_metrics plus "health" (health_compute).
 * Caller puts it. NULL only when out of memory. */
struct json_object *json_status(const struct metrics *m);

/* ---- csv.c ------------------------------------------------------------ */

#define CSV_HEADER                                                      \
	"timestamp,cpu_percent,ram_percent,ram_used_gib,ram_total_gib," \
	"disk_percent,disk_used_gib,disk_total_gib,uptime_seconds,"     \
	"uptime_hms,cpu_alert,ram_alert\n"

/* Formats one CSV row, newline included. Returns its length, or -1 when buf
 * is too small. */
int csv_row_format(const struct metrics *m, char *buf, size_t n);

#endif
