/* sample_cost.c: CPU time of one sample (read every source, format the CSV
 * row and the JSON line, append both), in a tight loop without the sleep,
 * so the figure is the work itself. Built and run by scripts/bench-sampler. */
#include "sysdash.h"

#include <json.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	struct sd_config c;
	struct sd_sources src;
	struct cpu_times prev, now;
	struct metrics m;
	char err[512], row[1024];
	long n = argc > 1 ? atol(argv[1]) : 5000;
	const char *out = argc > 2 ? argv[2] : "/dev/null";
	int fd = open(out, O_WRONLY | O_APPEND | O_CREAT, 0644);
	double t0;

	if (fd < 0 || config_load(&c, SD_SERVER, err, sizeof(err)) < 0 ||
	    cpu_read(c.proc_root, &prev, NULL, NULL) < 0) {
		fprintf(stderr, "sample_cost: setup failed: %s\n", err);
		return 1;
	}
	sources_open(&src, &c);
	t0 = cpu_seconds();
	for (long i = 0; i < n; i++) {
		json_object *o;
		int len;

		if (metrics_sample(&src, &prev, &now, &m, err, sizeof(err)) <
		    0) {
			fprintf(stderr, "sample_cost: %s\n", err);
			return 1;
		}
		prev = now;
		len = csv_row_format(&m, row, sizeof(row));
		if (write(fd, row, (size_t)len) != len)
			return 1;
		o = json_metrics(&m);
		len = snprintf(row, sizeof(row), "%s\n",
		               json_object_to_json_string_ext(
				       o, JSON_C_TO_STRING_PLAIN));
		if (write(fd, row, (size_t)len) != len)
			return 1;
		json_object_put(o);
	}
	printf("%.1f\n", (cpu_seconds() - t0) / (double)n * 1e6);
	return 0;
}
