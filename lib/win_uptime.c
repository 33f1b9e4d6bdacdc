/* win_uptime.c: seconds since boot on Windows (GetTickCount64, which does
 * not wrap after 49.7 days as GetTickCount does). */
#include "win.h"

#include <windows.h>

double
win_uptime(void)
{
	return (double)GetTickCount64() / 1000.0;
}
