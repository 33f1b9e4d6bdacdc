/* sources.c: /proc files kept open between samples and re-read with
 * pread(2) from offset 0, as procps' top does: a sampler or a FastCGI worker
 * reading every second saves an open and a close per file per sample. */
#include "sysdash.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const names[SRC_MAX] = {"stat", "meminfo", "uptime", "loadavg"};

/* hostname and cgroup limits change rarely: re-read them every minute */
#define EXTRAS_TTL 60

void
sources_open(struct sd_sources *s, const struct sd_config *c)
{
	memset(s, 0, sizeof(*s));
	s->cfg = c;
	for (int i = 0; i < SRC_MAX; i++)
		s->fd[i] = -1;
}

void
sources_close(struct sd_sources *s)
{
	for (int i = 0; i < SRC_MAX; i++)
		if (s->fd[i] >= 0)
			close(s->fd[i]);
	free(s->buf);
	s->buf = NULL;
	s->cap = 0;
}

static int
open_source(struct sd_sources *s, enum sd_source f)
{
	char path[4096];

	if (util_path(path, sizeof(path), s->cfg->proc_root, names[f]) < 0)
		return -1;
	do
		s->fd[f] = open(path, O_RDONLY | O_CLOEXEC);
	while (s->fd[f] < 0 && errno == EINTR);
	return s->fd[f] < 0 ? -1 : 0;
}

const char *
sources_read(struct sd_sources *s, enum sd_source f)
{
	size_t used = 0;
	ssize_t r;
	char probe;

	if (s->fd[f] < 0 && open_source(s, f) < 0)
		return NULL;
	for (;;) {
		if (used == s->cap && s->cap == SD_FILE_MAX) {
			/* full: fine at the end of the file, EFBIG before it */
			do
				r = pread(s->fd[f], &probe, 1, (off_t)used);
			while (r < 0 && errno == EINTR);
			if (r < 0)
				return NULL;
			if (r > 0) {
				errno = EFBIG;
				return NULL;
			}
			break;
		}
		if (used == s->cap) {
			size_t cap = s->cap ? s->cap * 2 : 16384;
			char *nb;

			if (cap > SD_FILE_MAX)
				cap = SD_FILE_MAX;
			if (!(nb = realloc(s->buf, cap + 1)))
				return NULL;
			s->buf = nb;
			s->cap = cap;
		}
		r = pread(s->fd[f], s->buf + used, s->cap - used, (off_t)used);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return NULL;
		if (r == 0)
			break;
		used += (size_t)r;
	}
	s->buf[used] = '\0';
	return s->buf;
}

const char *
sources_name(enum sd_source f)
{
	return f < SRC_MAX ? names[f] : "?";
}

bool
sources_extras_due(struct sd_sources *s)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (s->extras_valid && now.tv_sec - s->extras_at < EXTRAS_TTL)
		return false;
	s->extras_at = now.tv_sec;
	s->extras_valid = true;
	return true;
}
