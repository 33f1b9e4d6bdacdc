/* win_disk.c: disk_read() of sysdash.h on Windows, GetDiskFreeSpaceExW on
 * the system drive (or SYSDASH_DISK_PATH), as psutil.disk_usage does. */
#include "win.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

int
win_system_drive(char *buf, size_t n)
{
	wchar_t w[MAX_PATH];
	UINT len = GetWindowsDirectoryW(w, MAX_PATH);

	if (len < 2 || len >= MAX_PATH || w[1] != L':') {
		errno = ENOENT;
		return -1;
	}
	if (n < 4) {
		errno = ENAMETOOLONG;
		return -1;
	}
	snprintf(buf, n, "%c:\\", (char)w[0]);
	return 0;
}

int
disk_read(const char *path, struct disk_info *d)
{
	ULARGE_INTEGER avail, total, free_all;
	char drive[8];
	wchar_t *w;
	BOOL ok;

	if (!strcmp(path, "/")) {
		if (win_system_drive(drive, sizeof(drive)) < 0)
			return -1;
		path = drive;
	}
	if (!(w = win_wide(path)))
		return -1;
	ok = GetDiskFreeSpaceExW(w, &avail, &total, &free_all);
	free(w);
	if (!ok) {
		errno = win_errno(GetLastError());
		return -1;
	}
	if (free_all.QuadPart > total.QuadPart) {
		errno = EINVAL;
		return -1;
	}
	d->total = total.QuadPart;
	d->used = total.QuadPart - free_all.QuadPart;
	/* psutil on Windows: percent = used / total, i.e. the volume's free
	 * bytes (not only the caller's quota) as the rest */
	d->avail = free_all.QuadPart;
	return 0;
}

/* as disk.c: used / (used + avail); here used + avail is the total */
double
disk_percent(const struct disk_info *d)
{
	unsigned long long all = d->used + d->avail;

	return all ? (double)d->used * 100.0 / (double)all : 0;
}
