/* win_state.c: state.h's file on Windows: the --once state read and
 * replaced whole (a temp file, then MoveFileExW), never through a reparse
 * point (a symbolic link or junction), paths UTF-8 in and wide at the
 * system. The text is state_text.c's, as on Linux. */
#include "state.h"

#include "win.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define STATE_FILE_MAX 4096

/* What a path names: 0 absent, 1 a plain file, -1 anything else (a folder,
 * a reparse point: errno says which). */
static int
kind_of(const wchar_t *w)
{
	DWORD a = GetFileAttributesW(w);

	if (a == INVALID_FILE_ATTRIBUTES)
		return 0;
	if (a & FILE_ATTRIBUTE_REPARSE_POINT) {
		errno = ELOOP;
		return -1;
	}
	if (a & FILE_ATTRIBUTE_DIRECTORY) {
		errno = EFTYPE_SD;
		return -1;
	}
	return 1;
}

int
state_load(const char *path, struct cpu_state *s)
{
	char buf[STATE_FILE_MAX + 1];
	wchar_t *w = win_wide(path);
	DWORD got = 0;
	HANDLE h;
	int k;

	if (!w)
		return -1;
	if ((k = kind_of(w)) <= 0) {
		if (k == 0)
			errno = ENOENT;
		free(w);
		return -1;
	}
	h = CreateFileW(w, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE,
	                NULL, OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT,
	                NULL);
	free(w);
	if (h == INVALID_HANDLE_VALUE) {
		errno = win_errno(GetLastError());
		return -1;
	}
	if (!ReadFile(h, buf, sizeof(buf) - 1, &got, NULL)) {
		errno = win_errno(GetLastError());
		CloseHandle(h);
		return -1;
	}
	CloseHandle(h);
	if (got >= STATE_FILE_MAX) {
		errno = EFBIG;
		return -1;
	}
	buf[got] = '\0';
	return state_parse(buf, s);
}

/* CreateDirectoryW, with an existing folder as success. 0, or -1 with
 * the Windows error in *code. */
static int
make_one(const wchar_t *w, DWORD *code)
{
	DWORD a;

	if (CreateDirectoryW(w, NULL))
		return 0;
	*code = GetLastError();
	if (*code != ERROR_ALREADY_EXISTS)
		return -1;
	a = GetFileAttributesW(w);
	if (a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY))
		return 0;
	*code = ERROR_DIRECTORY; /* a file where the folder should be */
	return -1;
}

int
state_make_dirs(char *dir)
{
	DWORD code = 0;
	wchar_t *w;
	char *sep, was;
	int rc;

	/* nothing to make: "", ".", a drive ("C:") or its root ("C:\") */
	if (!*dir || !strcmp(dir, ".") ||
	    (dir[0] && dir[1] == ':' && (!dir[2] || !dir[3])))
		return 0;
	if (!(w = win_wide(dir)))
		return -1;
	rc = make_one(w, &code);
	if (rc < 0 && code == ERROR_PATH_NOT_FOUND) {
		/* the parent first, then this one again */
		sep = strrchr(dir, '\\') > strrchr(dir, '/') ?
		              strrchr(dir, '\\') :
		              strrchr(dir, '/');
		if (sep && sep != dir) {
			was = *sep;
			*sep = '\0';
			rc = state_make_dirs(dir);
			*sep = was;
			if (rc < 0) {
				free(w);
				return -1;
			}
			rc = make_one(w, &code);
		}
	}
	free(w);
	if (rc < 0)
		errno = code == ERROR_DIRECTORY ? ENOTDIR : win_errno(code);
	return rc;
}

int
state_save(const char *path, const struct cpu_state *s)
{
	char dir[4096], line[160], tmp[4200], *sep;
	wchar_t *wp = NULL, *wt = NULL;
	int len, rc = -1, saved = 0;
	DWORD put = 0;
	HANDLE h;

	if (strlen(path) >= sizeof(dir)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(dir, path, strlen(path) + 1);
	sep = strrchr(dir, '\\') > strrchr(dir, '/') ? strrchr(dir, '\\') :
	                                               strrchr(dir, '/');
	if (sep) {
		*sep = '\0';
		if (state_make_dirs(dir) < 0)
			return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.%lu.tmp", path,
	         (unsigned long)GetCurrentProcessId());
	if ((len = state_format(s, line, sizeof(line))) < 0 ||
	    !(wp = win_wide(path)) || !(wt = win_wide(tmp)))
		goto out;
	/* MoveFileExW replaces what the path names: only a plain file */
	if (kind_of(wp) < 0)
		goto out;
	h = CreateFileW(wt, GENERIC_WRITE, 0, NULL, CREATE_NEW,
	                FILE_ATTRIBUTE_NORMAL, NULL);
	if (h == INVALID_HANDLE_VALUE) {
		errno = win_errno(GetLastError());
		goto out;
	}
	if (WriteFile(h, line, (DWORD)len, &put, NULL) && put == (DWORD)len &&
	    CloseHandle(h)) {
		if (MoveFileExW(wt, wp,
		                MOVEFILE_REPLACE_EXISTING |
		                        MOVEFILE_WRITE_THROUGH))
			rc = 0;
	} else {
		CloseHandle(h);
	}
	if (rc < 0) {
		saved = win_errno(GetLastError());
		DeleteFileW(wt);
		errno = saved;
	}
out:
	free(wp);
	free(wt);
	return rc;
}
