/* state.c: the --once state file on POSIX systems (state.h; the text is
 * state_text.c's), written atomically so a crash never leaves half of it. */
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
	len = state_format(s, line, sizeof(line));
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
