/* rollup_cost.c: CPU time of the sampler's once-a-minute tier update
 * (ru_sync rolling the minute just ended into the 1-min tier, and an hour
 * into the 1-h tier when one ends) on a long CSV whose tiers are built:
 * appends a minute of rows at a 2 s interval, then syncs, M times. Built
 * and run by scripts/bench-history. Usage: rollup_cost CSV END MINUTES,
 * END the Unix time just after the CSV's last row. */
#include "rollup.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double
cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	const char *csv = argc > 3 ? argv[1] : NULL;
	long long t = argc > 3 ? atoll(argv[2]) : 0;
	long m = argc > 3 ? atol(argv[3]) : 0;
	char err[600], row[256], ts[40];
	struct ru_stats st;
	double spent = 0, worst = 0;
	int fd;

	if (!csv || m < 1 || (fd = open(csv, O_WRONLY | O_APPEND)) < 0) {
		fprintf(stderr, "usage: rollup_cost CSV END MINUTES\n");
		return 2;
	}
	t = (t + 59) / 60 * 60;
	for (long i = 0; i < m; i++) {
		double t0;

		for (int k = 0; k < 30; k++, t += 2) {
			time_t tt = (time_t)t;
			struct tm tm;
			int len;

			gmtime_r(&tt, &tm);
			strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
			len = snprintf(row, sizeof(row),
			               "%s.000+00:00,%d.5,41.0,6.00,"
			               "15.00,60.0,100.00,250.00,1.0,00:00:01,"
			               "False,False\n",
			               ts, k);
			if (write(fd, row, (size_t)len) != len)
				return 1;
		}
		t0 = cpu_seconds();
		if (ru_sync(csv, t + RU_GRACE + 1, RU_NOWAIT, &st, err,
		            sizeof(err)) != 0) {
			fprintf(stderr, "rollup_cost: %s\n", err);
			return 1;
		}
		t0 = cpu_seconds() - t0;
		spent += t0;
		worst = t0 > worst ? t0 : worst;
		if (st.built || st.rows != 30) {
			fprintf(stderr,
			        "rollup_cost: minute %ld: %s, %llu rows\n", i,
			        st.built ? "rebuilt" : "caught up",
			        (unsigned long long)st.rows);
			return 1;
		}
	}
	printf("%.1f %.1f\n", spent / (double)m * 1e6, worst * 1e6);
	return 0;
}
