/* win_util.c: the Windows side of util (sysdash.h) and of win.h: UTF-8 and
 * wide strings, whole-file reads through _wfopen, local timestamps with
 * their UTC offset, system error texts. */
#include "win.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <windows.h>

wchar_t *
win_wide(const char *utf8)
{
	int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8, -1,
	                            NULL, 0);
	wchar_t *w;

	if (n <= 0) {
		errno = EINVAL;
		return NULL;
	}
	if (!(w = malloc((size_t)n * sizeof(*w))))
		return NULL;
	MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8, -1, w, n);
	return w;
}

char *
win_utf8(const wchar_t *w)
{
	int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
	char *s;

	if (n <= 0) {
		errno = EINVAL;
		return NULL;
	}
	if (!(s = malloc((size_t)n)))
		return NULL;
	WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
	return s;
}

char *
win_getenv(const char *name)
{
	wchar_t *wn = win_wide(name), *v;
	char *s = NULL;

	if (!wn)
		return NULL;
	v = _wgetenv(wn);
	if (v && *v)
		s = win_utf8(v);
	free(wn);
	return s;
}

const char *
win_strerror(unsigned long code, char *buf, size_t n)
{
	wchar_t w[512];
	DWORD len = FormatMessageW(
		FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
		NULL, code, MAKELANGID(LANG_ENGLISH, SUBLANG_DEFAULT), w,
		sizeof(w) / sizeof(w[0]), NULL);

	while (len > 0 && (w[len - 1] == L'\n' || w[len - 1] == L'\r' ||
	                   w[len - 1] == L' ' || w[len - 1] == L'.'))
		w[--len] = 0;
	if (len == 0 || WideCharToMultiByte(CP_UTF8, 0, w, -1, buf, (int)n,
	                                    NULL, NULL) <= 0)
		snprintf(buf, n, "Windows error %lu", code);
	return buf;
}

int
win_errno(unsigned long code)
{
	switch (code) {
	case ERROR_FILE_NOT_FOUND:
	case ERROR_PATH_NOT_FOUND:
	case ERROR_INVALID_DRIVE:
	case ERROR_BAD_NETPATH:
		return ENOENT;
	case ERROR_ACCESS_DENIED:
	case ERROR_SHARING_VIOLATION:
	case ERROR_LOCK_VIOLATION:
	case ERROR_WRITE_PROTECT:
		return EACCES;
	case ERROR_DISK_FULL:
	case ERROR_HANDLE_DISK_FULL:
		return ENOSPC;
	case ERROR_FILENAME_EXCED_RANGE:
		return ENAMETOOLONG;
	case ERROR_NOT_ENOUGH_MEMORY:
	case ERROR_OUTOFMEMORY:
		return ENOMEM;
	case ERROR_DIRECTORY:
		return ENOTDIR;
	default:
		return EIO;
	}
}

void
win_now(struct timespec *t)
{
	FILETIME ft;
	ULARGE_INTEGER u;

	GetSystemTimePreciseAsFileTime(&ft);
	u.LowPart = ft.dwLowDateTime;
	u.HighPart = ft.dwHighDateTime;
	/* 100 ns since 1601-01-01; the Unix epoch is 11644473600 s later */
	u.QuadPart -= 116444736000000000ULL;
	t->tv_sec = (time_t)(u.QuadPart / 10000000ULL);
	t->tv_nsec = (long)(u.QuadPart % 10000000ULL) * 100;
}

char *
util_read_file(const char *dir, const char *name, size_t max, size_t *len)
{
	char path[4096], *buf;
	wchar_t *w;
	size_t used;
	FILE *f;
	int saved;

	if (util_path(path, sizeof(path), dir, name) < 0 ||
	    !(w = win_wide(path)))
		return NULL;
	f = _wfopen(w, L"rb");
	saved = errno;
	free(w);
	if (!f) {
		errno = saved;
		return NULL;
	}
	if (!(buf = malloc(max + 2))) {
		fclose(f);
		return NULL;
	}
	used = fread(buf, 1, max + 1, f);
	saved = ferror(f) ? EIO : used > max ? EFBIG : 0;
	fclose(f);
	if (saved) {
		free(buf);
		errno = saved;
		return NULL;
	}
	buf[used] = '\0';
	if (len)
		*len = used;
	return buf;
}

int
util_iso8601(const struct timespec *t, char *buf, size_t n)
{
	__time64_t s = t->tv_sec;
	struct tm tm;
	char date[32];
	long off;
	int len;

	if (_localtime64_s(&tm, &s) != 0)
		return -1;
	if (!strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm))
		return -1;
	/* the local broken-down time read back as UTC: seconds east of UTC,
	 * daylight saving included */
	off = (long)(_mkgmtime64(&tm) - s);
	len = snprintf(buf, n, "%s.%03ld%c%02ld:%02ld", date,
	               t->tv_nsec / 1000000, off < 0 ? '-' : '+',
	               labs(off) / 3600 % 100, labs(off) / 60 % 60);
	return len < 0 || (size_t)len >= n ? -1 : 0;
}
