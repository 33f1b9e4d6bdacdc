/* window_cost.c: what one history answer costs inside history.fcgi, without
 * the HTTP hop: ru_window() + ru_json_text() for a window ending at END,
 * and, for comparison, the ?limit=300 answer (hist_tail + hist_json +
 * serialising). Per call: CPU time of the thread (what other work on the
 * machine cannot inflate) and wall time; prints p50 and p99 of each.
 * Built and run by scripts/bench-history. Usage: window_cost CSV END SPAN N
 * (SPAN 0: the limit=300 answer). */
#include "history.h"
#include "rollup.h"

#include <json.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double
clk(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static struct hist_row rows[HIST_LIMIT_MAX];

int
main(int argc, char **argv)
{
	long long end = argc > 4 ? atoll(argv[2]) : 0,
		  span = argc > 4 ? atoll(argv[3]) : 0;
	int n = argc > 4 ? atoi(argv[4]) : 0;
	double *cpu = calloc((size_t)(n > 0 ? n : 1), sizeof(double));
	double *wall = calloc((size_t)(n > 0 ? n : 1), sizeof(double));

	if (argc < 5 || n < 2 || !cpu || !wall) {
		fprintf(stderr, "usage: window_cost CSV END SPAN N\n");
		return 2;
	}
	for (int i = 0; i < n; i++) {
		double c0 = clk(CLOCK_THREAD_CPUTIME_ID),
		       w0 = clk(CLOCK_MONOTONIC);

		if (span > 0) {
			struct ru_result res;
			size_t len;
			char *text;

			if (ru_window(argv[1], end - span, end, 300, &res) <
			            0 ||
			    !(text = ru_json_text(&res, &len)))
				return 1;
			free(text);
			ru_result_free(&res);
		} else {
			size_t count;
			json_object *o;

			if (hist_tail(argv[1], rows, 300, &count) < 0 ||
			    !(o = hist_json(rows, count)))
				return 1;
			json_object_to_json_string_ext(o,
			                               JSON_C_TO_STRING_PLAIN);
			json_object_put(o);
		}
		cpu[i] = clk(CLOCK_THREAD_CPUTIME_ID) - c0;
		wall[i] = clk(CLOCK_MONOTONIC) - w0;
	}
	qsort(cpu, (size_t)n, sizeof(double), cmp);
	qsort(wall, (size_t)n, sizeof(double), cmp);
	printf("%.3f %.3f %.3f %.3f\n", cpu[n / 2] / 1e3,
	       cpu[n * 99 / 100] / 1e3, wall[n / 2] / 1e3,
	       wall[n * 99 / 100] / 1e3);
	return 0;
}
