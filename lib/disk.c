/* disk.c: file system usage from statvfs, as psutil.disk_usage reports it. */
#include "sysdash.h"

#include <errno.h>
#include <sys/statvfs.h>

int
disk_read(const char *path, struct disk_info *d)
{
	struct statvfs st;
	unsigned long long frsize;

	if (statvfs(path, &st) < 0)
		return -1;
	frsize = st.f_frsize ? st.f_frsize : st.f_bsize;
	if (st.f_bfree > st.f_blocks) {
		errno = EINVAL;
		return -1;
	}
	d->total = (unsigned long long)st.f_blocks * frsize;
	d->used = (unsigned long long)(st.f_blocks - st.f_bfree) * frsize;
	/* f_bavail, not f_bfree: space reserved for root is not the user's */
	d->avail = (unsigned long long)st.f_bavail * frsize;
	return 0;
}

double
disk_percent(const struct disk_info *d)
{
	unsigned long long all = d->used + d->avail;

	return all ? (double)d->used * 100.0 / (double)all : 0;
}
