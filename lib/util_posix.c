/* util_posix.c: the POSIX side of util (sysdash.h): reading whole files,
 * local timestamps with their UTC offset, single-write appends and opening
 * only regular files. Windows builds use win_util.c instead. */
#include "sysdash.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
util_pread_all(int fd, char **buf, size_t *cap, size_t max, size_t *len)
{
	size_t used = 0;
	ssize_t r;
	char probe;

	for (;;) {
		if (used == *cap && *cap == max) {
			/* full: fine at the end of the file, EFBIG before it */
			do
				r = pread(fd, &probe, 1, (off_t)used);
			while (r < 0 && errno == EINTR);
			if (r < 0)
				return -1;
			if (r > 0) {
				errno = EFBIG;
				return -1;
			}
			break;
		}
		if (used == *cap) {
			size_t ncap = *cap ? *cap * 2 : 4096;
			char *nb;

			if (ncap > max)
				ncap = max;
			if (!(nb = realloc(*buf, ncap + 1)))
				return -1;
			*buf = nb;
			*cap = ncap;
		}
		r = pread(fd, *buf + used, *cap - used, (off_t)used);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		used += (size_t)r;
	}
	if (!*buf && !(*buf = malloc(1)))
		return -1; /* max 0 and an empty file */
	(*buf)[used] = '\0';
	*len = used;
	return 0;
}

char *
util_read_file(const char *dir, const char *name, size_t max, size_t *len)
{
	char path[4096], *buf = NULL;
	size_t cap = 0, used;
	int fd, rc, saved;

	if (util_path(path, sizeof(path), dir, name) < 0)
		return NULL;
	do
		fd = open(path, O_RDONLY | O_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return NULL;
	rc = util_pread_all(fd, &buf, &cap, max, &used);
	saved = errno;
	close(fd);
	if (rc < 0) {
		free(buf);
		errno = saved;
		return NULL;
	}
	if (len)
		*len = used;
	return buf;
}

int
util_iso8601(const struct timespec *t, char *buf, size_t n)
{
	struct tm tm;
	char date[32], zone[8];
	long off;
	int len;

	if (!localtime_r(&t->tv_sec, &tm))
		return -1;
	if (!strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm))
		return -1;
	/* tm_gmtoff is seconds east of UTC; ISO 8601 wants +HH:MM */
	off = tm.tm_gmtoff;
	snprintf(zone, sizeof(zone), "%c%02ld:%02ld", off < 0 ? '-' : '+',
	         labs(off) / 3600 % 100, labs(off) / 60 % 60);
	len = snprintf(buf, n, "%s.%03ld%s", date, t->tv_nsec / 1000000, zone);
	return len < 0 || (size_t)len >= n ? -1 : 0;
}

int
util_write_all(int fd, const char *buf, size_t n)
{
	ssize_t w;

	do
		w = write(fd, buf, n);
	while (w < 0 && errno == EINTR);
	if (w < 0)
		return -1;
	if ((size_t)w != n) {
		/* a short append (disk full, RLIMIT_FSIZE) leaves half a row;
		 * the caller repairs the line on its next write */
		errno = ENOSPC;
		return -1;
	}
	return 0;
}

int
util_open_regular(const char *path, int flags, mode_t mode)
{
	struct stat st;
	int fd, saved;

	do
		fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
		          mode);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		saved = errno;
		if (fstat(fd, &st) == 0)
			saved = EFTYPE_SD; /* fstat worked: not a regular file
			                    */
		close(fd);
		errno = saved;
		return -1;
	}
	if (!(flags & O_NONBLOCK) &&
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}
