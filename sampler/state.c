/* state.c: the --once state file ("sysdash-cpu 1 <btime> <total> <busy>
 * <time>"), written atomically so a crash never leaves half of it. */
#include "state.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One space, then an unsigned decimal (no sign, no blanks, no overflow). */
static int
field(const char **p, unsigned long long *v)
{
	if (**p != ' ' || (*p)[1] < '0' || (*p)[1] > '9')
		return -1;
	(*p)++;
	return util_scan_ull(p, v);
}

int
state_parse(const char *buf, struct cpu_state *s)
{
	static const char magic[] = "sysdash-cpu 1";
	unsigned long long btime, total, busy, whole, frac;
	const char *p = buf, *when_at;
	char *end;
	double when;

	if (strncmp(p, magic, sizeof(magic) - 1))
		goto bad;
	p += sizeof(magic) - 1;
	if (field(&p, &btime) < 0 || field(&p, &total) < 0 ||
	    field(&p, &busy) < 0)
		goto bad;
	/* the time as "%.3f" wrote it: digits, optionally '.' and digits,
	 * then the newline that ends the file (a cut file has none) */
	when_at = p + 1;
	if (field(&p, &whole) < 0)
		goto bad;
	if (*p == '.' &&
	    (p[1] < '0' || p[1] > '9' || (p++, util_scan_ull(&p, &frac) < 0)))
		goto bad;
	if (p[0] != '\n' || p[1] != '\0')
		goto bad;
	when = strtod(when_at, &end);
	if (end != p || btime == 0 || btime > LONG_MAX || busy > total ||
	    !(when > 0) || when > 1e15)
		goto bad;
	s->btime = (long)btime;
	s->cpu.total = total;
	s->cpu.busy = busy;
	s->when = when;
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

int
state_load(const char *path, struct cpu_state *s)
{
	char *buf = NULL;
	size_t cap = 0, len;
	int fd, rc, saved;

	/* the data folder may be shared: no link, no FIFO */
	if ((fd = util_open_regular(path, O_RDONLY, 0)) < 0)
		return -1;
	rc = util_pread_all(fd, &buf, &cap, 4096, &len);
	saved = errno;
	close(fd);
	if (rc == 0)
		rc = state_parse(buf, s);
	else
		errno = saved;
	free(buf);
	return rc;
}

int
state_make_dirs(char *dir)
{
	char *slash;

	if (mkdir(dir, 0700) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT || !(slash = strrchr(dir, '/')) || slash == dir)
		return -1;
	*slash = '\0';
	if (state_make_dirs(dir) < 0)
		return -1;
	*slash = '/';
	return mkdir(dir, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

int
state_save(const char *path, const struct cpu_state *s)
{
	char dir[4096], tmp[4200], line[160];
	struct stat st;
	int fd, len, rc, saved;

	if (strlen(path) >= sizeof(dir)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	/* rename() replaces whatever the path names: a device (--state
	 * /dev/null as root would destroy it), a FIFO, a link. Only a regular
	 * file, or nothing yet. */
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		errno = S_ISLNK(st.st_mode) ? ELOOP : EFTYPE_SD;
		return -1;
	}
	memcpy(dir, path, strlen(path) + 1);
	if (state_make_dirs(dirname(dir)) < 0)
		return -1;
	snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
	len = snprintf(line, sizeof(line), "sysdash-cpu 1 %ld %llu %llu %.3f\n",
	               s->btime, s->cpu.total, s->cpu.busy, s->when);
	if ((fd = open(tmp,
	               O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	               0600)) < 0)
		return -1;
	rc = util_write_all(fd, line, (size_t)len);
	saved = errno;
	if (close(fd) < 0 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	if (rc == 0 && rename(tmp, path) < 0) {
		rc = -1;
		saved = errno;
	}
	if (rc < 0) {
		unlink(tmp);
		errno = saved;
	}
	return rc;
}
