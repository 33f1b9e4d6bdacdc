/* uptime.c: seconds since boot (/proc/uptime) and load average
 * (/proc/loadavg). */
#include "sysdash.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

/* Parses one non-negative decimal at *p (like "12345.67"), advancing *p. */
static int
scan_decimal(const char **p, double *out)
{
	const char *s = *p;
	char *end;
	double v;

	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9') {
		errno = EINVAL;
		return -1;
	}
	errno = 0;
	v = strtod(s, &end);
	if (errno == ERANGE || !isfinite(v) ||
	    (*end != ' ' && *end != '\n' && *end != '\0')) {
		errno = errno == ERANGE ? ERANGE : EINVAL;
		return -1;
	}
	*p = end;
	*out = v;
	return 0;
}

int
uptime_parse(const char *buf, double *seconds)
{
	double idle;

	/* proc(5): "uptime idle\n"; one field or no newline is a cut file,
	 * and "359" may be the start of "3591.20" */
	if (scan_decimal(&buf, seconds) < 0 || scan_decimal(&buf, &idle) < 0)
		return -1;
	if (*buf != '\n') {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int
uptime_read(const char *root, double *seconds)
{
	char *buf = util_read_file(root, "uptime", 4096, NULL);
	int rc;

	if (!buf)
		return -1;
	rc = uptime_parse(buf, seconds);
	free(buf);
	return rc;
}

int
loadavg_parse(const char *buf, double load[3])
{
	for (int i = 0; i < 3; i++)
		if (scan_decimal(&buf, &load[i]) < 0)
			return -1;
	/* "0.03 0.09 0.05 1/77 4908\n": the runnable count must follow, or
	 * the third number may be cut ("0.03 0.09 0") */
	if (*buf != ' ') {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int
loadavg_read(const char *root, double load[3])
{
	char *buf = util_read_file(root, "loadavg", 4096, NULL);
	int rc;

	if (!buf)
		return -1;
	rc = loadavg_parse(buf, load);
	free(buf);
	return rc;
}
