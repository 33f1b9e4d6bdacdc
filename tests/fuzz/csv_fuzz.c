/* csv_fuzz.c: libFuzzer harness for the history CSV reader: the header and
 * row parsers on each line, then hist_tail on the whole input as a file
 * (its backwards block reading is where an off-by-one would hide). */
#include "history.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
parse_lines(const char *buf, size_t size)
{
	struct hist_cols c;
	struct hist_row r;
	size_t start = 0;

	hist_default_cols(&c);
	for (size_t i = 0; i <= size; i++) {
		if (i < size && buf[i] != '\n')
			continue;
		if (!hist_parse_header(buf + start, i - start, &c) &&
		    hist_parse_row(buf + start, i - start, &c, &r) == 0 &&
		    (!(r.cpu_percent >= 0 && r.cpu_percent <= 100) ||
		     !memchr(r.timestamp, '\0', sizeof(r.timestamp))))
			abort(); /* the contract: 0..100, a terminated string */
		start = i + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hist_row rows[HIST_LIMIT_MAX];
	char path[64];
	size_t count;
	int fd;

	parse_lines((const char *)data, size);
	fd = memfd_create("csv", 0);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		if (hist_tail(path, rows, 7, &count) == 0 && count > 7)
			abort();
		if (hist_tail(path, rows, HIST_LIMIT_MAX, &count) == 0 &&
		    count > HIST_LIMIT_MAX)
			abort();
	}
	close(fd);
	return 0;
}
