/* sources.c: /proc files kept open between samples and re-read with
 * pread(2) from offset 0, as procps' top does: a sampler or a FastCGI worker
 * reading every second saves an open and a close per file per sample. */
#include "sysdash.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const names[SRC_MAX] = {"stat", "meminfo", "uptime",
                                           "loadavg"};

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
	size_t len;

	if (s->fd[f] < 0 && open_source(s, f) < 0)
		return NULL;
	if (util_pread_all(s->fd[f], &s->buf, &s->cap, SD_FILE_MAX, &len) < 0)
		return NULL;
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
