/* export.c: CSV/JSONL appends. One write(2) per row on an O_APPEND
 * descriptor: never stdio, whose buffering tears rows between writers. */
#include "export.h"

#include "sysdash.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

int
export_check(const char *path, char *err, size_t errlen)
{
	struct stat st;
	char dir[4096];
	const char *parent;

	if (!*path) {
		snprintf(err, errlen, "empty export path");
		return -1;
	}
	if (strlen(path) >= sizeof(dir)) {
		snprintf(err, errlen, "%.64s...: path too long", path);
		return -1;
	}
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			snprintf(err, errlen, "%s: is a directory", path);
			return -1;
		}
		if (access(path, R_OK | W_OK) < 0) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			return -1;
		}
		return 0;
	}
	if (errno != ENOENT) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	memcpy(dir, path, strlen(path) + 1);
	parent = dirname(dir);
	if (stat(parent, &st) < 0 || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: folder %s does not exist", path,
		         parent);
		return -1;
	}
	if (access(parent, W_OK | X_OK) < 0) {
		snprintf(err, errlen, "%s: cannot create a file in %s: %s",
		         path, parent, strerror(errno));
		return -1;
	}
	return 0;
}

static int
reopen(struct export *e, char *err, size_t errlen)
{
	if (e->fd >= 0)
		close(e->fd);
	e->fd = util_open_regular(e->path, O_RDWR | O_APPEND | O_CREAT,
	                          e->mode);
	if (e->fd < 0) {
		snprintf(err, errlen, "open %s: %s", e->path,
		         util_open_strerror(errno));
		return -1;
	}
	return 0;
}

int
export_open_mode(struct export *e, const char *path, const char *header,
                 unsigned mode, char *err, size_t errlen)
{
	memset(e, 0, sizeof(*e));
	e->fd = -1;
	e->header = header;
	e->mode = mode;
	snprintf(e->path, sizeof(e->path), "%s", path);
	return reopen(e, err, errlen);
}

int
export_open(struct export *e, const char *path, const char *header, char *err,
            size_t errlen)
{
	return export_open_mode(e, path, header, 0644, err, errlen);
}

/* What must precede the next row: the header for an empty file, a newline
 * when the file ends in half a row (a crash elsewhere), else nothing. */
static const char *
prefix_for(struct export *e, off_t size)
{
	char last;

	if (size == 0)
		return e->header ? e->header : "";
	if (pread(e->fd, &last, 1, size - 1) == 1 && last != '\n')
		return "\n";
	return "";
}

/* The rows must go where the user looks for them: true when the path no
 * longer names the open file (rm, a rotation by rename: logrotate without
 * copytruncate, or the file unlinked under us). */
static bool
moved_away(const struct export *e)
{
	struct stat open_st, path_st;

	if (fstat(e->fd, &open_st) < 0 || open_st.st_nlink == 0)
		return true;
	if (lstat(e->path, &path_st) < 0)
		return true;
	return path_st.st_dev != open_st.st_dev ||
	       path_st.st_ino != open_st.st_ino;
}

static int
lock_fd(struct export *e, char *err, size_t errlen)
{
	while (flock(e->fd, LOCK_EX) < 0)
		if (errno != EINTR) {
			snprintf(err, errlen, "flock %s: %s", e->path,
			         strerror(errno));
			return -1;
		}
	return 0;
}

int
export_write(struct export *e, const char *line, size_t len, char *err,
             size_t errlen)
{
	char buf[8192];
	const char *prefix, *out = line;
	size_t plen, n = len;
	struct stat st;
	int rc, saved;

	if ((e->fd < 0 || moved_away(e)) && reopen(e, err, errlen) < 0)
		return -1;
	/* the lock makes "empty? then header" atomic between two samplers */
	if (lock_fd(e, err, errlen) < 0)
		return -1;
	if (fstat(e->fd, &st) < 0) {
		saved = errno;
		flock(e->fd, LOCK_UN);
		snprintf(err, errlen, "fstat %s: %s", e->path, strerror(saved));
		errno = saved;
		return -1;
	}
	prefix = prefix_for(e, st.st_size);
	plen = strlen(prefix);
	if (plen) {
		if (plen + len > sizeof(buf)) {
			flock(e->fd, LOCK_UN);
			snprintf(err, errlen, "write %s: row too long",
			         e->path);
			errno = E2BIG;
			return -1;
		}
		memcpy(buf, prefix, plen);
		memcpy(buf + plen, line, len);
		out = buf;
		n = plen + len;
	}
	rc = util_write_all(e->fd, out, n);
	if (rc < 0) {
		saved = errno;
		/* a short write left part of a row: cut the file back to where
		 * the row began (still under the lock: nobody else wrote since)
		 */
		if (ftruncate(e->fd, st.st_size) < 0)
			snprintf(err, errlen,
			         "write %s: %s (and ftruncate: %s)", e->path,
			         strerror(saved), strerror(errno));
		else
			snprintf(err, errlen, "write %s: %s", e->path,
			         strerror(saved));
		errno = saved;
	}
	flock(e->fd, LOCK_UN);
	return rc;
}

void
export_close(struct export *e)
{
	if (e->fd >= 0)
		close(e->fd);
	e->fd = -1;
}
