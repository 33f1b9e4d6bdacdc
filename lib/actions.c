/* actions.c: the six approved actions on Linux. Each is a small function
 * with fixed paths and arguments; the two privileged ones go through
 * `sudo -n` (conf/sudoers.d/sysdash allows exactly their command lines)
 * when the service does not run as root. */
#include "actions.h"

#include "run.h"
#include "sysdash.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SUDO "/usr/bin/sudo"
#define RESOLVECTL "/usr/bin/resolvectl"
#define NSCD "/usr/sbin/nscd"
#define SYSTEMCTL "/usr/bin/systemctl"
#define TAR "/usr/bin/tar"
#define MAX_DEPTH 32

/* Teams for Linux caches, relative to the home folder */
static const char *const teams_caches[] = {
	".config/Microsoft/Microsoft Teams/Cache",
	".config/Microsoft/Microsoft Teams/Code Cache",
	".config/Microsoft/Microsoft Teams/GPUCache",
	".config/Microsoft/Microsoft Teams/Service Worker/CacheStorage",
	".config/teams-for-linux/Cache",
	".config/teams-for-linux/Code Cache",
	".config/teams-for-linux/GPUCache",
	".config/teams-for-linux/Partitions/teams-4-linux/Cache",
	".config/teams-for-linux/Partitions/teams-4-linux/Code Cache",
	/* one path over two lines: the parentheses tell clang so */
	(".var/app/com.github.IsmaelMartinez.teams_for_linux/config/"
         "teams-for-linux/Cache"),
};
#define N_TEAMS (sizeof(teams_caches) / sizeof(teams_caches[0]))

static const char *const cups_units[] = {
	"/etc/systemd/system/cups.service",
	"/usr/lib/systemd/system/cups.service",
	"/lib/systemd/system/cups.service",
};

static bool
exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static bool
executable(const char *path)
{
	return access(path, X_OK) == 0;
}

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* systemd-resolved, else nscd: the command flushing the local DNS cache,
 * or NULL when neither runs. */
static const char *
dns_cache(const struct action_env *e)
{
	if (e->test_exec || (executable(RESOLVECTL) &&
	                     exists("/run/systemd/resolve/io.systemd.Resolve")))
		return RESOLVECTL;
	if (executable(NSCD) &&
	    (exists("/run/nscd/socket") || exists("/var/run/nscd/socket")))
		return NSCD;
	return NULL;
}

static bool
have_cups(const struct action_env *e)
{
	if (e->test_exec)
		return true;
	if (!executable(SYSTEMCTL) || !is_dir("/run/systemd/system"))
		return false; /* systemd is not PID 1 */
	for (size_t i = 0; i < sizeof(cups_units) / sizeof(cups_units[0]); i++)
		if (exists(cups_units[i]))
			return true;
	return false;
}

static bool
have_teams(const struct action_env *e)
{
	char path[4096];

	for (size_t i = 0; i < N_TEAMS; i++)
		if (util_path(path, sizeof(path), e->home, teams_caches[i]) ==
		            0 &&
		    is_dir(path))
			return true;
	return false;
}

bool
action_available(enum action_id id, const struct action_env *e, char *reason,
                 size_t n)
{
	const char *why = NULL;

	switch (id) {
	case ACT_FLUSH_DNS:
		if (!dns_cache(e))
			why = "No local DNS cache found: neither "
			      "systemd-resolved nor nscd runs here.";
		break;
	case ACT_RESTART_SPOOLER:
		if (!have_cups(e))
			why = "No print spooler: CUPS is not installed as a "
			      "systemd service here.";
		break;
	case ACT_CLEANUP_TEMP:
		if (!is_dir(e->tmpdir))
			why = "The temporary folder does not exist.";
		break;
	case ACT_CLEANUP_TEAMS:
		if (!have_teams(e))
			why = "Not found: no Teams for Linux cache for this "
			      "user.";
		break;
	case ACT_CLEANUP_OUTLOOK:
		why = "Outlook keeps no cache on Linux: there is nothing to "
		      "clean.";
		break;
	case ACT_COLLECT_LOGS:
		if (!executable(TAR) || access(e->data_dir, W_OK) < 0)
			why = "Cannot write archives: tar is missing or the "
			      "data folder is not writable.";
		break;
	default:
		why = "Unknown action.";
	}
	snprintf(reason, n, "%s", why ? why : "");
	return why == NULL;
}

/* The first line of a command's output, for a message. */
static void
first_line(const char *out, char *buf, size_t n)
{
	while (*out == '\n' || *out == ' ')
		out++;
	snprintf(buf, n, "%.*s", (int)strcspn(out, "\n"), out);
}

/* Runs cmd with its fixed arguments (at most 3, NULL-terminated) as root:
 * directly when we are root, else through `sudo -n` (never a password
 * prompt; conf/sudoers.d/sysdash allows exactly these command lines). */
static void
run_privileged(const struct action_env *e, const char *cmd,
               const char *const args[], const char *done,
               struct run_result *rr, struct action_result *res)
{
	const char *base = strrchr(cmd, '/') + 1, *path = cmd;
	char *argv[8], line[256], shown[128];
	int n = 0, rc;

	if (e->test_exec) {
		path = e->test_exec;
	} else if (geteuid() != 0) {
		path = SUDO;
		argv[n++] = "sudo";
		argv[n++] = "-n";
		argv[n++] = (char *)cmd;
	}
	if (n == 0)
		argv[n++] = (char *)base;
	for (int i = 0; args[i] && n < 7; i++)
		argv[n++] = (char *)args[i];
	argv[n] = NULL;
	snprintf(shown, sizeof(shown), "%s %s%s%s", base, args[0],
	         args[1] ? " " : "", args[1] ? args[1] : "");
	rc = run_fixed(path, argv, RUN_TIMEOUT_S, rr);
	if (rc < 0) {
		snprintf(res->message, sizeof(res->message),
		         "Cannot run %s: %s", path, strerror(errno));
		return;
	}
	first_line(rr->output, line, sizeof(line));
	if (rr->timed_out)
		snprintf(res->message, sizeof(res->message),
		         "%s did not finish in %d s and was stopped.", shown,
		         RUN_TIMEOUT_S);
	else if (rr->status != 0)
		snprintf(res->message, sizeof(res->message),
		         "%s failed (exit %d)%s%.200s%s", shown, rr->status,
		         *line ? ": " : ".", line,
		         !strcmp(path, SUDO) ?
		                 " (is conf/sudoers.d/sysdash installed?)" :
		                 "");
	else {
		res->ok = true;
		snprintf(res->message, sizeof(res->message), "%s", done);
	}
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls > lx && !strcmp(s + ls - lx, suffix);
}

/* Top-level regular *.tmp files of ours in tmpdir: never a symlink (lstat
 * semantics through AT_SYMLINK_NOFOLLOW, and unlinkat removes a link, not
 * its target), never a folder, never another user's file. */
static void
cleanup_temp(const struct action_env *e, struct action_result *res)
{
	int dfd = open(e->tmpdir,
	               O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	uid_t me = geteuid();
	struct dirent *d;
	char size[32];
	DIR *dir;

	res->has_counts = true;
	if (dfd < 0 || !(dir = fdopendir(dfd))) {
		snprintf(res->message, sizeof(res->message),
		         "Cannot open %s: %s", e->tmpdir, strerror(errno));
		if (dfd >= 0)
			close(dfd);
		return;
	}
	while ((d = readdir(dir))) {
		struct stat st;

		if (!ends_with(d->d_name, ".tmp") ||
		    fstatat(dfd, d->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISREG(st.st_mode) || st.st_uid != me)
			continue;
		if (unlinkat(dfd, d->d_name, 0) == 0) {
			res->files++;
			res->bytes += st.st_size;
		}
	}
	closedir(dir);
	res->ok = true;
	action_fmt_size(res->bytes, size, sizeof(size));
	snprintf(res->message, sizeof(res->message),
	         "Removed %lld temporary file%s (%s) from %s.", res->files,
	         res->files == 1 ? "" : "s", size, e->tmpdir);
}

/* Empties the folder open at dfd: files and links of ours go, folders are
 * emptied the same way, without following a symlink, to MAX_DEPTH. */
static void
purge(int dfd, int depth, struct action_result *res)
{
	uid_t me = geteuid();
	struct dirent *d;
	DIR *dir = fdopendir(dfd);

	if (!dir) {
		close(dfd);
		return;
	}
	while ((d = readdir(dir))) {
		struct stat st;
		int sub;

		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, "..") ||
		    fstatat(dfd, d->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    st.st_uid != me)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (depth >= MAX_DEPTH)
				continue;
			sub = openat(dfd, d->d_name,
			             O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			                     O_CLOEXEC);
			if (sub < 0)
				continue;
			purge(sub, depth + 1, res);
			unlinkat(dfd, d->d_name, AT_REMOVEDIR);
		} else if (unlinkat(dfd, d->d_name, 0) == 0) {
			res->files++;
			res->bytes += S_ISREG(st.st_mode) ? st.st_size : 0;
		}
	}
	closedir(dir);
}

static void
cleanup_teams(const struct action_env *e, struct action_result *res)
{
	char path[4096], size[32];
	int found = 0;

	res->has_counts = true;
	for (size_t i = 0; i < N_TEAMS; i++) {
		int dfd;

		if (util_path(path, sizeof(path), e->home, teams_caches[i]) < 0)
			continue;
		dfd = open(path,
		           O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (dfd < 0)
			continue;
		found++;
		purge(dfd, 0, res);
	}
	if (!found) {
		snprintf(res->message, sizeof(res->message),
		         "Not found: no Teams for Linux cache for this user.");
		return;
	}
	res->ok = true;
	action_fmt_size(res->bytes, size, sizeof(size));
	snprintf(res->message, sizeof(res->message),
	         "Emptied %d Teams cache folder%s: %lld files (%s).", found,
	         found == 1 ? "" : "s", res->files, size);
}

static int
write_file(const char *dir, const char *name, const char *data, size_t len)
{
	char path[4096];
	int fd, rc;

	if (util_path(path, sizeof(path), dir, name) < 0)
		return -1;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) <
	    0)
		return -1;
	rc = util_write_all(fd, data, len);
	close(fd);
	return rc;
}

/* The header and the last `lines` lines of path (at most its last
 * ACT_TAIL_MAX bytes), so the tail reads as a CSV of its own. buf is
 * ACT_TAIL_MAX + 1024 bytes: room for the header before the tail. */
static int
write_tail(const char *dir, const char *name, const char *path, int lines,
           char *buf)
{
	const size_t room = ACT_TAIL_MAX;
	char head[1024];
	const char *start, *nl;
	struct stat st;
	off_t from;
	ssize_t r, hr;
	size_t hlen = 0, tlen;
	int fd;

	if ((fd = util_open_regular(path, O_RDONLY, 0)) < 0)
		return -1;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return -1;
	}
	from = st.st_size > (off_t)room ? st.st_size - (off_t)room : 0;
	r = pread(fd, buf + sizeof(head), room, from);
	hr = pread(fd, head, sizeof(head), 0);
	close(fd);
	if (r < 0)
		return -1;
	start = buf + sizeof(head) + r;
	/* back over `lines` newlines (the last one ends the last line) */
	for (int seen = -1; start > buf + sizeof(head); start--)
		if (start[-1] == '\n' && ++seen == lines)
			break;
	tlen = (size_t)(buf + sizeof(head) + r - start);
	/* the file's first line goes first when the tail lacks it */
	if (hr > 0 && tlen < (size_t)st.st_size &&
	    !strncmp(head, "timestamp,", 10) &&
	    (nl = memchr(head, '\n', (size_t)hr)))
		hlen = (size_t)(nl - head) + 1;
	memcpy((char *)start - hlen, head, hlen);
	return write_file(dir, name, start - hlen, hlen + tlen);
}

/* Runs a read-only diagnostic command into dir/name; its error if any. */
static void
capture(const char *dir, const char *name, const char *cmd, char *const argv[],
        bool only_if_ok, struct run_result *rr)
{
	char msg[512];

	if (run_fixed(cmd, argv, RUN_TIMEOUT_S, rr) < 0) {
		if (!only_if_ok) {
			int n = snprintf(msg, sizeof(msg), "%s: %s\n", cmd,
			                 strerror(errno));
			write_file(dir, name, msg, (size_t)n);
		}
		return;
	}
	if (only_if_ok && (rr->status != 0 || rr->len == 0))
		return;
	write_file(dir, name, rr->output, rr->len);
}

static void
remove_tree(const char *path)
{
	struct action_result scratch = {0};
	int dfd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (dfd >= 0)
		purge(dfd, 0, &scratch);
	rmdir(path);
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
is_archive(const struct dirent *d)
{
	return !strncmp(d->d_name, "sysdash-logs-", 13) &&
	       ends_with(d->d_name, ".tar.gz");
}

/* Keeps the ACT_LOGS_KEEP newest archives: names sort by time. */
static void
keep_newest(const char *dir)
{
	struct dirent **list;
	char path[4096];
	int n = scandir(dir, &list, is_archive, by_name);

	for (int i = 0; i < n; i++) {
		if (i < n - ACT_LOGS_KEEP &&
		    util_path(path, sizeof(path), dir, list[i]->d_name) == 0)
			unlink(path);
		free(list[i]);
	}
	if (n >= 0)
		free(list);
}

/* A private folder in the data folder to gather the files in; -1 with
 * res->message set. */
static int
make_stage(const char *data_dir, char *stage, size_t n,
           struct action_result *res)
{
	if ((size_t)snprintf(stage, n, "%s/.sysdash-logs-XXXXXX", data_dir) >=
	            n ||
	    !mkdtemp(stage)) {
		snprintf(res->message, sizeof(res->message),
		         "Cannot make a folder in %.300s: %s", data_dir,
		         strerror(errno));
		return -1;
	}
	return 0;
}

/* The files of the archive: status, the CSV's tail, the diagnostics. */
static void
fill_stage(const struct action_env *e, struct action_scratch *w,
           const char *stage)
{
	struct run_result *rr = &w->run;
	char *ip_addr[] = {"ip", "addr", NULL},
	     *ip_route[] = {"ip", "route", NULL};
	char *df[] = {"df", "-h", NULL}, *up[] = {"uptime", NULL};
	char *journal[] = {"journalctl", "-n", "200", "--no-pager", NULL};

	write_file(stage, "status.json", e->status_json ? e->status_json : "{}",
	           e->status_json ? strlen(e->status_json) : 2);
	if (write_tail(stage, "metrics-tail.csv", e->csv_path, 200, w->tail) <
	    0)
		write_file(stage, "metrics-tail.csv", "", 0);
	capture(stage, "ip-addr.txt", "/usr/bin/ip", ip_addr, false, rr);
	capture(stage, "ip-route.txt", "/usr/bin/ip", ip_route, false, rr);
	capture(stage, "df.txt", "/usr/bin/df", df, false, rr);
	capture(stage, "uptime.txt", "/usr/bin/uptime", up, false, rr);
	capture(stage, "journal.txt", "/usr/bin/journalctl", journal, true, rr);
}

/* tar of the stage into res->path; -1 with res->message set and no
 * archive left behind. */
static int
archive_stage(const char *stage, struct run_result *rr,
              struct action_result *res)
{
	char journal_path[4200];
	char *tar[] = {"tar",         "-czf",
	               res->path,     "-C",
	               (char *)stage, "--",
	               "status.json", "metrics-tail.csv",
	               "ip-addr.txt", "ip-route.txt",
	               "df.txt",      "uptime.txt",
	               "journal.txt", NULL};
	int fd;

	if (util_path(journal_path, sizeof(journal_path), stage,
	              "journal.txt") < 0 ||
	    !exists(journal_path))
		tar[12] = NULL; /* the journal was not readable */
	/* created 0600 by us, so the archive is never readable by others;
	 * tar truncates it and keeps the mode */
	fd = open(res->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(res->message, sizeof(res->message),
		         "Cannot write %.300s: %s", res->path, strerror(errno));
		return -1;
	}
	close(fd);
	if (run_fixed(TAR, tar, RUN_TIMEOUT_S, rr) < 0 || rr->status != 0) {
		char line[256];

		first_line(rr->output, line, sizeof(line));
		snprintf(res->message, sizeof(res->message),
		         "tar failed for %.200s: %.200s", res->path,
		         *line ? line : strerror(errno));
		unlink(res->path);
		return -1;
	}
	return 0;
}

static void
collect_logs(const struct action_env *e, struct action_scratch *w,
             struct action_result *res)
{
	char stage[4096], stamp[64], size[32];
	struct timespec now;
	struct tm tm;
	struct stat st;
	int rc;

	clock_gettime(CLOCK_REALTIME, &now);
	localtime_r(&now.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	if (make_stage(e->data_dir, stage, sizeof(stage), res) < 0)
		return;
	fill_stage(e, w, stage);
	snprintf(res->path, sizeof(res->path),
	         "%s/sysdash-logs-%s.%03ld.tar.gz", e->data_dir, stamp,
	         now.tv_nsec / 1000000);
	rc = archive_stage(stage, &w->run, res);
	remove_tree(stage);
	if (rc < 0) {
		res->path[0] = '\0';
		return;
	}
	keep_newest(e->data_dir);
	res->ok = true;
	res->has_path = true;
	res->bytes = stat(res->path, &st) == 0 ? st.st_size : 0;
	action_fmt_size(res->bytes, size, sizeof(size));
	snprintf(res->message, sizeof(res->message),
	         "Logs collected in %.400s (%s).", res->path, size);
}

void
action_run(enum action_id id, const struct action_env *e,
           struct action_scratch *w, struct action_result *res)
{
	static const char *const resolved_args[] = {"flush-caches", NULL};
	static const char *const nscd_args[] = {"--invalidate=hosts", NULL};
	static const char *const cups_args[] = {"restart", "cups.service",
	                                        NULL};
	char reason[256];
	const char *dns;

	memset(res, 0, sizeof(*res));
	if (!action_available(id, e, reason, sizeof(reason))) {
		snprintf(res->message, sizeof(res->message), "%s", reason);
		return;
	}
	switch (id) {
	case ACT_FLUSH_DNS:
		dns = dns_cache(e);
		if (!strcmp(dns, NSCD))
			run_privileged(e, NSCD, nscd_args,
			               "DNS cache flushed (nscd).", &w->run,
			               res);
		else
			run_privileged(e, RESOLVECTL, resolved_args,
			               "DNS cache flushed (systemd-resolved).",
			               &w->run, res);
		break;
	case ACT_RESTART_SPOOLER:
		run_privileged(e, SYSTEMCTL, cups_args,
		               "Print spooler (CUPS) restarted.", &w->run, res);
		break;
	case ACT_CLEANUP_TEMP:
		cleanup_temp(e, res);
		break;
	case ACT_CLEANUP_TEAMS:
		cleanup_teams(e, res);
		break;
	case ACT_COLLECT_LOGS:
		collect_logs(e, w, res);
		break;
	default:
		break;
	}
}
