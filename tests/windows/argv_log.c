/* argv_log.c: the test hook program for SYSDASH_ACTION_TEST_EXEC on
 * Windows: appends its whole command line (UTF-8, one line) to the file
 * named by SYSDASH_ARGV_LOG, prints a fake output naming it, and exits with
 * SYSDASH_FAKE_EXIT (default 0). */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

int
main(void)
{
	char line[4096], *log = getenv("SYSDASH_ARGV_LOG"),
			 *code = getenv("SYSDASH_FAKE_EXIT");
	FILE *f;

	if (WideCharToMultiByte(CP_UTF8, 0, GetCommandLineW(), -1, line,
	                        sizeof(line), NULL, NULL) <= 0)
		return 125;
	if (log && (f = fopen(log, "ab"))) {
		fprintf(f, "%s\n", line);
		fclose(f);
	}
	printf("Windows IP Configuration (fake) for: %s\r\n", line);
	return code ? atoi(code) : 0;
}
