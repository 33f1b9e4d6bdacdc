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
		snprintf(err, errlen, "%s: folder %s does not exist", path, parent);
		return -1;
	}
	if (access(parent, W_OK | X_OK) < 0) {
		snprintf(err, errlen, "%s: cannot create a file in %s: %s", path,
		         parent, strerror(errno));
		return -1;
	}
	return 0;
}

static int
reopen(struct export *e, char *err, size_t errlen)
{
	if (e->fd >= 0)
		close(e->fd);
	e->fd = open(e->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (e->fd < 0) {
		snprintf(err, errlen, "open %s: %s", e->path, strerror(errno));
		return -1;
	}
	return 0;
}

int
export_open(struct export *e, const char *path, const char *header, char *err,
            size_t errlen)
{
	memset(e, 0, sizeof(*e));
	e->fd = -1;
	e->header = header;
	snprintf(e->path, sizeof(e->path), "%s", path);
	return reopen(e, err, errlen);
}

/* What must precede the next row: the header for an empty file, a newline
 * when the file ends in half a row (a crash, a full disk), else nothing. */
static const char *
prefix_for(struct export *e)
{
	struct stat st;
	char last;

	if (fstat(e->fd, &st) < 0 || !S_ISREG(st.st_mode))
		return "";
	if (st.st_size == 0)
		return e->header ? e->header : "";
	if (pread(e->fd, &last, 1, st.st_size - 1) == 1 && last != '\n')
		return "\n";
	return "";
}

/* A file unlinked under us (rm, a rotation without copytruncate) is
 * reopened by name so the rows go where the user looks for them. */
static bool
was_removed(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && st.st_nlink == 0;
}

int
export_write(struct export *e, const char *line, size_t len, char *err,
             size_t errlen)
{
	char buf[8192];
	const char *prefix, *out = line;
	size_t plen, n = len;
	int rc;

	if ((e->fd < 0 || was_removed(e->fd)) && reopen(e, err, errlen) < 0)
		return -1;
	/* the lock makes "empty? then header" atomic between two samplers */
	while (flock(e->fd, LOCK_EX) < 0)
		if (errno != EINTR) {
			snprintf(err, errlen, "flock %s: %s", e->path, strerror(errno));
			return -1;
		}
	prefix = prefix_for(e);
	plen = strlen(prefix);
	if (plen) {
		if (plen + len > sizeof(buf)) {
			flock(e->fd, LOCK_UN);
			snprintf(err, errlen, "write %s: row too long", e->path);
			errno = E2BIG;
			return -1;
		}
		memcpy(buf, prefix, plen);
		memcpy(buf + plen, line, len);
		out = buf;
		n = plen + len;
	}
	rc = util_write_all(e->fd, out, n);
	if (rc < 0)
		snprintf(err, errlen, "write %s: %s", e->path, strerror(errno));
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
