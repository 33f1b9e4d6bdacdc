/* posix.h: the few POSIX calls tests/unit/ uses that mingw-w64 lacks, for
 * the Windows unit test build (forced in with -include). */
#ifndef SYSDASH_COMPAT_POSIX_H
#define SYSDASH_COMPAT_POSIX_H
#include <direct.h>
#include <io.h>
#include <stdlib.h>
#include <string.h>

static inline char *
mkdtemp(char *tmpl)
{
	return _mktemp_s(tmpl, strlen(tmpl) + 1) == 0 && _mkdir(tmpl) == 0 ?
	               tmpl :
	               NULL;
}

static inline int
setenv(const char *name, const char *value, int overwrite)
{
	if (!overwrite && getenv(name))
		return 0;
	return _putenv_s(name, value) ? -1 : 0;
}

static inline int
unsetenv(const char *name)
{
	return _putenv_s(name, "") ? -1 : 0;
}
#endif
