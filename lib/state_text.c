/* state_text.c: the text of the --once state file, "sysdash-cpu 1 <btime>
 * <total> <busy> <time>\n", and when a state may stand for the previous
 * sample. Platform-neutral: state.c (POSIX) and win_state.c (Windows) do
 * the file. */
#include "state.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
state_keep(const char *prog, const char *path, const struct cpu_times *now,
           const struct metrics *m)
{
	struct cpu_state st = {
		.cpu = *now,
		.btime = m->boot_time,
		.when = (double)m->when.tv_sec + (double)m->when.tv_nsec / 1e9,
	};

	if (state_save(path, &st) == 0)
		return 0;
	fprintf(stderr,
	        "%s: save state %s: %s (next --once samples 250 ms instead)\n",
	        prog, path, util_open_strerror(errno));
	return -1;
}

int
state_format(const struct cpu_state *s, char *buf, size_t n)
{
	int len = snprintf(buf, n, "sysdash-cpu 1 %ld %llu %llu %.3f\n",
	                   s->btime, s->cpu.total, s->cpu.busy, s->when);

	return len < 0 || (size_t)len >= n ? -1 : len;
}

double
state_age(const struct cpu_state *s, long btime, long slack, double now)
{
	double age = now - s->when;

	if (labs(s->btime - btime) > slack ||
	    !(age >= 0 && age <= STATE_MAX_AGE))
		return -1;
	return age;
}
