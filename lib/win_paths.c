/* win_paths.c: paths_export_dir() of paths.h on Windows: the user's Desktop
 * (SHGetKnownFolderPath(FOLDERID_Desktop)), as the old tool used. */
#include "paths.h"

#include "win.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <shlobj.h>

int
paths_export_dir(char *buf, size_t n)
{
	PWSTR w = NULL;
	char *s = NULL;
	int len = -1;

	if (SHGetKnownFolderPath(&FOLDERID_Desktop, 0, NULL, &w) == S_OK &&
	    (s = win_utf8(w)) &&
	    GetFileAttributesW(w) != INVALID_FILE_ATTRIBUTES)
		len = snprintf(buf, n, "%s", s);
	CoTaskMemFree(w);
	free(s);
	if (len >= 0 && (size_t)len < n)
		return 0;
	if (n < 2) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(buf, ".");
	return 0;
}
