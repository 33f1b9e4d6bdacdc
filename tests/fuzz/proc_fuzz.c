/* proc_fuzz.c: libFuzzer harness for every /proc and cgroup parser in lib/
 * (cpu_parse, mem_parse + the MemAvailable fallback, uptime_parse,
 * loadavg_parse, cgroup_parse_max, cgroup_parse_cpu_max). The first byte
 * picks the parser, the rest is the file. */
#include "sysdash.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cpu_times t;
	struct mem_info m;
	double d, load[3];
	unsigned long long v;
	bool lim;
	long btime;
	int ncpu;
	char *buf;

	if (size < 1)
		return 0;
	if (!(buf = malloc(size)))
		return 0;
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	switch (data[0] % 6) {
	case 0:
		if (cpu_parse(buf, &t, &ncpu, &btime) == 0 && t.busy > t.total)
			abort(); /* busy is part of total */
		break;
	case 1:
		if (mem_parse(buf, &m) == 0) {
			if (m.available > m.total)
				abort();
			mem_fallback_avail(&m, buf, 4096);
			(void)mem_percent(&m);
			(void)mem_used(&m);
		}
		break;
	case 2:
		(void)uptime_parse(buf, &d);
		break;
	case 3:
		(void)loadavg_parse(buf, load);
		break;
	case 4:
		(void)cgroup_parse_max(buf, &v, &lim);
		break;
	default:
		(void)cgroup_parse_cpu_max(buf, &d, &lim);
		break;
	}
	free(buf);
	return 0;
}
