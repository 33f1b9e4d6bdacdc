/* actions_common.c: what the approved actions share on every platform:
 * their names, the one list the API, the CLIs and both runners use (the
 * enum is in actions.h), and how their messages show a size. */
#include "actions.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *const names[ACT_MAX] = {
	"flush_dns",     "restart_spooler", "cleanup_temp",
	"cleanup_teams", "cleanup_outlook", "collect_logs",
};

int
action_lookup(const char *name, enum action_id *id)
{
	for (int i = 0; i < ACT_MAX; i++)
		if (!strcmp(name, names[i])) {
			*id = (enum action_id)i;
			return 0;
		}
	errno = EINVAL;
	return -1;
}

const char *
action_name(enum action_id id)
{
	return id < ACT_MAX ? names[id] : "unknown";
}

int
action_list(char *buf, size_t n)
{
	size_t len = 0;

	if (n == 0)
		return -1;
	buf[0] = '\0';
	for (int i = 0; i < ACT_MAX; i++) {
		const char *sep = i ? ", " : "";
		size_t add = strlen(sep) + strlen(names[i]);

		if (len + add >= n)
			return -1;
		memcpy(buf + len, sep, strlen(sep));
		memcpy(buf + len + strlen(sep), names[i], strlen(names[i]) + 1);
		len += add;
	}
	return (int)len;
}

void
action_fmt_size(long long bytes, char *buf, size_t n)
{
	if (bytes < 1024)
		snprintf(buf, n, "%lld B", bytes);
	else if (bytes < 1024 * 1024)
		snprintf(buf, n, "%.1f KiB", (double)bytes / 1024);
	else
		snprintf(buf, n, "%.1f MiB", (double)bytes / (1024 * 1024));
}
