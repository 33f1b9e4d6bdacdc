/* win_mem.c: physical memory and page file on Windows from
 * GlobalMemoryStatusEx, and psutil's Windows percent and used. */
#include "win.h"

#include <errno.h>
#include <string.h>
#include <windows.h>

int
win_mem_read(struct mem_info *m)
{
	MEMORYSTATUSEX st;

	memset(m, 0, sizeof(*m));
	st.dwLength = sizeof(st);
	if (!GlobalMemoryStatusEx(&st)) {
		errno = win_errno(GetLastError());
		return -1;
	}
	if (st.ullTotalPhys == 0) {
		errno = EINVAL;
		return -1;
	}
	m->total = st.ullTotalPhys;
	m->available = m->free = st.ullAvailPhys;
	m->avail_known = true;
	/* ullTotalPageFile is physical memory plus page files */
	m->swap_total = st.ullTotalPageFile > st.ullTotalPhys ?
	                        st.ullTotalPageFile - st.ullTotalPhys :
	                        0;
	m->swap_free = st.ullAvailPageFile > st.ullAvailPhys ?
	                       st.ullAvailPageFile - st.ullAvailPhys :
	                       0;
	if (m->swap_free > m->swap_total)
		m->swap_free = m->swap_total;
	return 0;
}

/* psutil on Windows: percent = (total - avail) / total, used = total - avail
 * (mem.c has the Linux definitions, with buffers and caches) */
double
mem_percent(const struct mem_info *m)
{
	return m->total ? (double)(m->total - m->available) * 100.0 /
	                          (double)m->total :
	                  0;
}

unsigned long long
mem_used(const struct mem_info *m)
{
	return m->total - m->available;
}
