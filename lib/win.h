/* win.h: the Windows side of lib/ (the win_*.c files, built only by `make
 * windows`). The readers fill the same structs as the Linux ones of
 * sysdash.h, so cpu_percent, mem_percent, mem_used, disk_percent and
 * everything after them (metrics, CSV, JSON, view) are shared; paths are
 * UTF-8 everywhere in sysdash and wide only at the system calls. */
#ifndef SYSDASH_WIN_H
#define SYSDASH_WIN_H

#include <stddef.h>
#include <wchar.h>

#include "sysdash.h"

/* ---- win_cpu.c: GetSystemTimes ----------------------------------------- */

/* CPU time of all processors in 100 ns units: total = kernel + user (kernel
 * includes idle), busy = total - idle, as psutil computes it on Windows.
 * *ncpu (may be NULL) gets GetActiveProcessorCount. 0 or -1 with errno. */
int win_cpu_read(struct cpu_times *t, int *ncpu);

/* ---- win_mem.c: GlobalMemoryStatusEx ------------------------------------ */

/* total = ullTotalPhys, available = free = ullAvailPhys (psutil on Windows:
 * used = total - available), swap from the page file. 0 or -1. */
int win_mem_read(struct mem_info *m);

/* ---- win_uptime.c: GetTickCount64 --------------------------------------- */

/* Seconds since boot. */
double win_uptime(void);

/* ---- win_disk.c: disk_read() of sysdash.h with GetDiskFreeSpaceExW ---------
 * "/" (SYSDASH_DISK_PATH's default) means the system drive (%SystemDrive%,
 * from GetWindowsDirectoryW); avail is the volume's free bytes, so percent is
 * used / total as psutil gives it on Windows. */

/* The system drive's root as UTF-8, "C:\". 0 or -1. */
int win_system_drive(char *buf, size_t n);

/* ---- win_util.c --------------------------------------------------------- */

/* UTF-8 to a malloc'd wide string and back; NULL with errno EINVAL on an
 * invalid sequence, ENOMEM. The caller frees. */
wchar_t *win_wide(const char *utf8);
char *win_utf8(const wchar_t *w);

/* The variable as UTF-8 (_wgetenv: the ANSI environment loses characters
 * outside the code page), malloc'd; NULL when unset or empty. */
char *win_getenv(const char *name);

/* FormatMessage of a GetLastError() code as UTF-8, without the final
 * newline ("Access is denied."). Returns buf. */
const char *win_strerror(unsigned long code, char *buf, size_t n);

/* errno for a GetLastError() code (ENOENT, EACCES, ENOSPC...; EIO else). */
int win_errno(unsigned long code);

/* The current time as a timespec of the Unix epoch
 * (GetSystemTimePreciseAsFileTime). */
void win_now(struct timespec *t);

#endif
