/* win_cpu.c: aggregate CPU time on Windows from GetSystemTimes, as psutil's
 * cpu_times() reads it; cpu_percent() (cpu.c) takes it from there. */
#include "win.h"

#include <errno.h>
#include <windows.h>

static unsigned long long
ticks(const FILETIME *f)
{
	return ((unsigned long long)f->dwHighDateTime << 32) | f->dwLowDateTime;
}

int
win_cpu_read(struct cpu_times *t, int *ncpu)
{
	FILETIME idle, kernel, user;
	unsigned long long i, k, u;

	if (!GetSystemTimes(&idle, &kernel, &user)) {
		errno = win_errno(GetLastError());
		return -1;
	}
	i = ticks(&idle);
	k = ticks(&kernel);
	u = ticks(&user);
	/* kernel time includes the idle time */
	t->total = k + u;
	t->busy = t->total >= i ? t->total - i : 0;
	if (ncpu)
		*ncpu = (int)GetActiveProcessorCount(ALL_PROCESSOR_GROUPS);
	return 0;
}
