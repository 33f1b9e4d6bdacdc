/* ftw.h for the Windows unit test build: mingw-w64 has no <ftw.h>, and the
 * lib/ tests built for Windows never remove temporary trees (the helper of
 * tests/unit/testutil.h that does is unused there, so nftw is only
 * declared: a test that calls it does not link, and is not built). */
#ifndef SYSDASH_COMPAT_FTW_H
#define SYSDASH_COMPAT_FTW_H
#include <sys/stat.h>
struct FTW {
	int base, level;
};
#define FTW_F 0
#define FTW_D 1
#define FTW_DNR 2
#define FTW_NS 3
#define FTW_SL 4
#define FTW_DP 5
#define FTW_SLN 6
#define FTW_PHYS 1
#define FTW_DEPTH 8
int nftw(const char *dir,
         int (*fn)(const char *, const struct stat *, int, struct FTW *),
         int fds, int flags);
#endif
