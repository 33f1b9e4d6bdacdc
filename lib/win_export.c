/* win_export.c: export.h on Windows. One WriteFile per row on a
 * FILE_APPEND_DATA handle (appends are atomic at the end of file between
 * writers), LockFileEx around "empty? then the header", a regular file only
 * (never a reparse point: a symbolic link or junction is refused), paths
 * UTF-8 in and wide at CreateFileW. e->fd holds a CRT descriptor wrapping
 * the handle (_open_osfhandle), so struct export is the same everywhere. */
#include "export.h"

#include "win.h"

#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static int
werr(char *err, size_t errlen, const char *call, const char *path)
{
	DWORD code = GetLastError();
	char msg[256];

	snprintf(err, errlen, "%s %s: %s", call, path,
	         win_strerror(code, msg, sizeof(msg)));
	errno = win_errno(code);
	return -1;
}

/* The folder part of path (up to the last \ or /), "." when none. */
static void
parent_of(const char *path, char *buf, size_t n)
{
	const char *a = strrchr(path, '\\'), *b = strrchr(path, '/');
	const char *sep = a > b ? a : b;

	if (!sep)
		snprintf(buf, n, ".");
	else if (sep == path || (sep == path + 2 && path[1] == ':'))
		snprintf(buf, n, "%.*s", (int)(sep - path + 1), path);
	else
		snprintf(buf, n, "%.*s", (int)(sep - path), path);
}

int
export_check(const char *path, char *err, size_t errlen)
{
	char dir[4096];
	wchar_t *w;
	DWORD attr;

	if (!*path) {
		snprintf(err, errlen, "empty export path");
		return -1;
	}
	if (strlen(path) >= sizeof(dir)) {
		snprintf(err, errlen, "%.64s...: path too long", path);
		return -1;
	}
	if (!(w = win_wide(path))) {
		snprintf(err, errlen, "%s: not valid UTF-8", path);
		return -1;
	}
	attr = GetFileAttributesW(w);
	free(w);
	if (attr != INVALID_FILE_ATTRIBUTES) {
		if (attr & FILE_ATTRIBUTE_DIRECTORY) {
			snprintf(err, errlen, "%s: is a directory", path);
			return -1;
		}
		if (attr & FILE_ATTRIBUTE_READONLY) {
			snprintf(err, errlen, "%s: the file is read-only",
			         path);
			return -1;
		}
		return 0;
	}
	parent_of(path, dir, sizeof(dir));
	if (!(w = win_wide(dir)))
		return -1;
	attr = GetFileAttributesW(w);
	free(w);
	if (attr == INVALID_FILE_ATTRIBUTES ||
	    !(attr & FILE_ATTRIBUTE_DIRECTORY)) {
		snprintf(err, errlen, "%s: folder %s does not exist", path,
		         dir);
		return -1;
	}
	return 0;
}

static HANDLE
handle_of(const struct export *e)
{
	return (HANDLE)_get_osfhandle(e->fd);
}

static int
reopen(struct export *e, char *err, size_t errlen)
{
	BY_HANDLE_FILE_INFORMATION bi;
	wchar_t *w;
	HANDLE h;
	int fd;

	export_close(e);
	if (!(w = win_wide(e->path))) {
		snprintf(err, errlen, "open %s: not valid UTF-8", e->path);
		return -1;
	}
	/* FILE_APPEND_DATA without FILE_WRITE_DATA: every write goes to the
	 * end; FILE_FLAG_OPEN_REPARSE_POINT: a link is opened as itself */
	h = CreateFileW(w, GENERIC_READ | FILE_APPEND_DATA,
	                FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
	                NULL, OPEN_ALWAYS,
	                FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT,
	                NULL);
	free(w);
	if (h == INVALID_HANDLE_VALUE)
		return werr(err, errlen, "open", e->path);
	if (GetFileType(h) != FILE_TYPE_DISK ||
	    !GetFileInformationByHandle(h, &bi) ||
	    (bi.dwFileAttributes &
	     (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT))) {
		CloseHandle(h);
		snprintf(err, errlen, "open %s: %s", e->path,
		         bi.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT ?
		                 "is a symbolic link or junction (refused)" :
		                 "not a regular file (refused)");
		errno = EFTYPE_SD;
		return -1;
	}
	if ((fd = _open_osfhandle((intptr_t)h, _O_APPEND | _O_BINARY)) < 0) {
		CloseHandle(h);
		snprintf(err, errlen, "open %s: _open_osfhandle failed",
		         e->path);
		return -1;
	}
	e->fd = fd;
	return 0;
}

int
export_open_mode(struct export *e, const char *path, const char *header,
                 unsigned mode, char *err, size_t errlen)
{
	memset(e, 0, sizeof(*e));
	e->fd = -1;
	e->header = header;
	e->mode = mode; /* Windows: the folder's ACL decides */
	snprintf(e->path, sizeof(e->path), "%s", path);
	return reopen(e, err, errlen);
}

int
export_open(struct export *e, const char *path, const char *header, char *err,
            size_t errlen)
{
	return export_open_mode(e, path, header, 0644, err, errlen);
}

/* True when the path no longer names the open file (deleted, renamed). */
static bool
moved_away(const struct export *e)
{
	BY_HANDLE_FILE_INFORMATION a, b;
	wchar_t *w = win_wide(e->path);
	HANDLE h;
	bool moved;

	if (!w || !GetFileInformationByHandle(handle_of(e), &a)) {
		free(w);
		return true;
	}
	h = CreateFileW(
		w, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
		NULL, OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT, NULL);
	free(w);
	if (h == INVALID_HANDLE_VALUE)
		return true;
	moved = !GetFileInformationByHandle(h, &b) ||
	        a.dwVolumeSerialNumber != b.dwVolumeSerialNumber ||
	        a.nFileIndexHigh != b.nFileIndexHigh ||
	        a.nFileIndexLow != b.nFileIndexLow;
	CloseHandle(h);
	return moved;
}

/* The header for an empty file, a newline after half a row, else "". */
static const char *
prefix_for(struct export *e, LONGLONG size)
{
	OVERLAPPED ov;
	DWORD got = 0;
	char last;

	if (size == 0)
		return e->header ? e->header : "";
	memset(&ov, 0, sizeof(ov));
	ov.Offset = (DWORD)(size - 1);
	ov.OffsetHigh = (DWORD)((size - 1) >> 32);
	if (ReadFile(handle_of(e), &last, 1, &got, &ov) && got == 1 &&
	    last != '\n')
		return "\n";
	return "";
}

/* Cuts the file back to size after a short write (a full disk). */
static void
cut_back(const struct export *e, LONGLONG size)
{
	FILE_END_OF_FILE_INFO eof;
	wchar_t *w = win_wide(e->path);
	HANDLE h;

	if (!w)
		return;
	h = CreateFileW(w, GENERIC_WRITE,
	                FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
	                NULL, OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT,
	                NULL);
	free(w);
	if (h == INVALID_HANDLE_VALUE)
		return;
	eof.EndOfFile.QuadPart = size;
	SetFileInformationByHandle(h, FileEndOfFileInfo, &eof, sizeof(eof));
	CloseHandle(h);
}

int
export_write(struct export *e, const char *line, size_t len, char *err,
             size_t errlen)
{
	char buf[8192];
	const char *prefix, *out = line;
	size_t plen, n = len;
	LARGE_INTEGER size;
	OVERLAPPED ov;
	DWORD done = 0;
	HANDLE h;
	int rc = 0;

	if ((e->fd < 0 || moved_away(e)) && reopen(e, err, errlen) < 0)
		return -1;
	h = handle_of(e);
	memset(&ov, 0, sizeof(ov));
	/* the whole file, exclusively: "empty? then header" is atomic */
	if (!LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK, 0, MAXDWORD, MAXDWORD, &ov))
		return werr(err, errlen, "LockFileEx", e->path);
	if (!GetFileSizeEx(h, &size)) {
		rc = werr(err, errlen, "GetFileSizeEx", e->path);
		goto unlock;
	}
	prefix = prefix_for(e, size.QuadPart);
	plen = strlen(prefix);
	if (plen) {
		if (plen + len > sizeof(buf)) {
			snprintf(err, errlen, "write %s: row too long",
			         e->path);
			errno = E2BIG;
			rc = -1;
			goto unlock;
		}
		memcpy(buf, prefix, plen);
		memcpy(buf + plen, line, len);
		out = buf;
		n = plen + len;
	}
	/* both offsets all ones: "write at the end of file" */
	memset(&ov, 0, sizeof(ov));
	ov.Offset = ov.OffsetHigh = MAXDWORD;
	if (!WriteFile(h, out, (DWORD)n, &done, &ov)) {
		rc = werr(err, errlen, "WriteFile", e->path);
	} else if (done != n) {
		snprintf(err, errlen, "WriteFile %s: short write (disk full?)",
		         e->path);
		errno = ENOSPC;
		rc = -1;
	}
	/* part of a row went out: the file must end at a row boundary */
	if (rc < 0 && done > 0)
		cut_back(e, size.QuadPart);
unlock:
	memset(&ov, 0, sizeof(ov));
	UnlockFileEx(h, 0, MAXDWORD, MAXDWORD, &ov);
	return rc;
}

void
export_close(struct export *e)
{
	if (e->fd >= 0)
		_close(e->fd);
	e->fd = -1;
}
