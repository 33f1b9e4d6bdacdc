/* history_test.c: the CSV tail reader (lib/history.c): limit= values, every
 * tolerance case of the history fixtures, block boundaries, long lines, the
 * rotated predecessor and the JSON it gives. */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include <json.h>
#include <stdlib.h>

#include "history.h"
#include "sysdash.h"
#include "testutil.h"

static struct hist_row rows[HIST_LIMIT_MAX];

/* Reads fixture history/<rel> with limit n; returns the row count. */
static size_t
tail(const char *rel, size_t n)
{
	size_t count = 12345;

	if (hist_tail(tu_fixture(rel), rows, n, &count) != 0)
		fail_msg("hist_tail %s: %s", rel, strerror(errno));
	assert_true(count <= n);
	return count;
}

static void
row_is(const struct hist_row *r, const char *ts, double cpu, double ram,
       double disk, const char *hms)
{
	assert_string_equal(r->timestamp, ts);
	assert_near(r->cpu_percent, cpu, 1e-9);
	assert_near(r->ram_percent, ram, 1e-9);
	assert_near(r->disk_percent, disk, 1e-9);
	assert_string_equal(r->uptime_hms, hms);
}

static void
limit_values(void **state)
{
	static const struct {
		const char *in;
		size_t want;
	} cases[] = {
		{NULL, 200},
		{"", 200},
		{"abc", 200},
		{"0", 1},
		{"-5", 1},
		{"501", 500},
		{"500", 500},
		{"1", 1},
		{"42", 42},
		{" 7 ", 7},
		{"+9", 9},
		{"10.5", 200},
		{"1e3", 200},
		{"5abc", 200},
		{"0x10", 200},
		{"-", 200},
		{"99999999999999999999999999", 500},
		{"-99999999999999999999999999", 1},
		{"00012", 12},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (hist_limit(cases[i].in) != cases[i].want)
			fail_msg("hist_limit(\"%s\") = %zu, want %zu",
			         cases[i].in ? cases[i].in : "(null)",
			         hist_limit(cases[i].in), cases[i].want);
}

static void
ours_all_and_last_two(void **state)
{
	(void)state;
	assert_int_equal(tail("history/ours.csv", 200), 5);
	row_is(&rows[0], "2026-11-24T10:15:30.123+01:00", 12.5, 43.1, 61.2,
	       "123:05:05");
	row_is(&rows[1], "2026-11-24T10:15:32.124+01:00", 85.0, 43.2, 61.2,
	       "123:05:07");
	row_is(&rows[4], "2026-11-24T10:15:38.127+01:00", 100.0, 43.0, 61.3,
	       "123:05:13");
	assert_int_equal(tail("history/ours.csv", 2), 2);
	row_is(&rows[0], "2026-11-24T10:15:36.126+01:00", 0.0, 43.0, 61.3,
	       "123:05:11");
	row_is(&rows[1], "2026-11-24T10:15:38.127+01:00", 100.0, 43.0, 61.3,
	       "123:05:13");
	assert_int_equal(tail("history/ours.csv", 1), 1);
	assert_string_equal(rows[0].timestamp, "2026-11-24T10:15:38.127+01:00");
}

static void
old_tool_naive_timestamps(void **state)
{
	(void)state;
	assert_int_equal(tail("history/old-tool.csv", 200), 3);
	row_is(&rows[0], "2025-12-27T18:59:36.829610", 7.8, 55.3, 48.9,
	       "01:00:00");
	row_is(&rows[2], "2025-12-27T18:59:40.977001", 12.0, 90.0, 48.9,
	       "01:00:04");
}

static void
partial_last_line_skipped(void **state)
{
	(void)state;
	assert_int_equal(tail("history/partial-last.csv", 200), 3);
	row_is(&rows[2], "2026-11-24T10:15:34.125+01:00", 3.0, 91.4, 61.2,
	       "123:05:09");
	assert_int_equal(tail("history/partial-last.csv", 1), 1);
	assert_string_equal(rows[0].timestamp, "2026-11-24T10:15:34.125+01:00");
}

static void
crlf_and_bom(void **state)
{
	(void)state;
	assert_int_equal(tail("history/crlf.csv", 200), 3);
	row_is(&rows[0], "2026-11-24T09:00:00.000+01:00", 1.5, 30.0, 50.0,
	       "02:00:00");
	row_is(&rows[2], "2026-11-24T09:00:04.000+01:00", 3.5, 31.0, 50.1,
	       "02:00:04");
}

static void
empty_header_only_and_missing(void **state)
{
	size_t count = 99;

	(void)state;
	assert_int_equal(tail("history/header-only.csv", 200), 0);
	assert_int_equal(tail("history/empty.csv", 200), 0);
	assert_int_equal(tail("history/no-such-file.csv", 200), 0);
	assert_int_equal(
		hist_tail("/nonexistent/dir/metrics.csv", rows, 5, &count), 0);
	assert_int_equal(count, 0);
}

static void
bad_rows_skipped(void **state)
{
	(void)state;
	assert_int_equal(tail("history/bad-numbers.csv", 200), 3);
	row_is(&rows[0], "2026-11-24T10:00:00.000+01:00", 10.0, 20.0, 30.0,
	       "01:00:00");
	row_is(&rows[1], "2026-11-24T10:00:24.000+01:00", 13.5, 22.5, 31.5,
	       "01:00:24");
	row_is(&rows[2], "2026-11-24T10:00:28.000+01:00", 15.25, 24.0, 32.0,
	       "01:00:28");
	/* the limit counts good rows, not lines */
	assert_int_equal(tail("history/bad-numbers.csv", 2), 2);
	assert_string_equal(rows[0].timestamp, "2026-11-24T10:00:24.000+01:00");
}

static void
columns_by_header_name(void **state)
{
	(void)state;
	assert_int_equal(tail("history/reordered.csv", 200), 2);
	row_is(&rows[0], "2026-11-24T11:00:00.000+01:00", 5.5, 40.25, 70.5,
	       "00:10:00");
	row_is(&rows[1], "2026-11-24T11:00:02.000+01:00", 6.0, 40.5, 70.5,
	       "00:10:02");
}

static void
header_repeated_mid_file(void **state)
{
	(void)state;
	assert_int_equal(tail("history/header-mid.csv", 200), 5);
	for (int i = 0; i < 5; i++) {
		char ts[40], hms[16];

		snprintf(ts, sizeof ts, "2026-11-24T12:00:%02d.000+01:00",
		         2 * i);
		snprintf(hms, sizeof hms, "00:01:%02d", 2 * i);
		row_is(&rows[i], ts, 1.0 + i, 11.0 + i, 21.0 + i, hms);
	}
	/* the last rows take the columns of the header just above them */
	assert_int_equal(tail("history/header-mid.csv", 2), 2);
	row_is(&rows[0], "2026-11-24T12:00:06.000+01:00", 4.0, 14.0, 24.0,
	       "00:01:06");
	assert_int_equal(tail("history/header-mid.csv", 3), 3);
	row_is(&rows[0], "2026-11-24T12:00:04.000+01:00", 3.0, 13.0, 23.0,
	       "00:01:04");
}

static void
no_header_uses_api_order(void **state)
{
	(void)state;
	assert_int_equal(tail("history/noheader.csv", 200), 2);
	row_is(&rows[1], "2026-11-24T13:00:02.000+01:00", 51.0, 61.0, 71.0,
	       "00:02:02");
}

static void
rotated_predecessor(void **state)
{
	(void)state;
	assert_int_equal(tail("history/rotated/metrics.csv", 5), 5);
	row_is(&rows[0], "2026-11-23T23:59:54.000+01:00", 22.0, 32.0, 42.0,
	       "23:59:54");
	row_is(&rows[2], "2026-11-23T23:59:58.000+01:00", 24.0, 34.0, 44.0,
	       "23:59:58");
	row_is(&rows[3], "2026-11-24T00:00:00.000+01:00", 25.0, 35.0, 45.0,
	       "24:00:00");
	row_is(&rows[4], "2026-11-24T00:00:02.000+01:00", 26.0, 36.0, 46.0,
	       "24:00:02");
	assert_int_equal(tail("history/rotated/metrics.csv", 2), 2);
	assert_string_equal(rows[0].timestamp, "2026-11-24T00:00:00.000+01:00");
	assert_int_equal(tail("history/rotated/metrics.csv", 500), 6);
	assert_string_equal(rows[0].timestamp, "2026-11-23T23:59:52.000+01:00");
	assert_int_equal(tail("history/rotated-fresh/metrics.csv", 200), 4);
	assert_string_equal(rows[3].timestamp, "2026-11-23T23:59:58.000+01:00");
}

/* Row i of a generated file: values derived from i, a padding column of
 * varying width so that lines straddle the 64 KiB read blocks. */
static int
gen_row(char *buf, size_t n, int i)
{
	char pad[200];
	int w = (i * 37) % 150;

	memset(pad, 'x', (size_t)w);
	pad[w] = '\0';
	return snprintf(buf, n,
	                "2026-01-01T00:%02d:%02d.000+00:00,%d.%d,%d.5,"
	                "%d.25,%02d:%02d:%02d,%s\n",
	                (i / 60) % 60, i % 60, i % 100, i % 10, (i * 7) % 100,
	                (i * 3) % 100, i / 3600, (i / 60) % 60, i % 60, pad);
}

static void
generated_file_across_blocks(void **state)
{
	char *dir = tu_mkdtemp(), path[1024], line[512];
	const int total = 6000;
	FILE *f;
	size_t count;

	(void)state;
	snprintf(path, sizeof path, "%s/big.csv", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("timestamp,cpu_percent,ram_percent,disk_percent,uptime_hms,pad\n",
	      f);
	for (int i = 0; i < total; i++) {
		gen_row(line, sizeof line, i);
		fputs(line, f);
	}
	assert_int_equal(fclose(f), 0);
	assert_int_equal(hist_tail(path, rows, HIST_LIMIT_MAX, &count), 0);
	assert_int_equal(count, HIST_LIMIT_MAX);
	for (size_t k = 0; k < count; k++) {
		int i = total - HIST_LIMIT_MAX + (int)k;
		char ts[40], hms[16];

		snprintf(ts, sizeof ts, "2026-01-01T00:%02d:%02d.000+00:00",
		         (i / 60) % 60, i % 60);
		snprintf(hms, sizeof hms, "%02d:%02d:%02d", i / 3600,
		         (i / 60) % 60, i % 60);
		row_is(&rows[k], ts, i % 100 + (i % 10) / 10.0,
		       (i * 7) % 100 + 0.5, (i * 3) % 100 + 0.25, hms);
	}
	tu_rmtree(dir);
}

/* A line of exactly HIST_LINE_MAX bytes is read; one byte more is skipped
 * unread, as is a 3 MiB line straddling blocks. */
static void
long_lines(void **state)
{
#define LONG_ROW "2026-02-02T00:00:0%d.000+00:00,1.0,2.0,3.0,00:00:0%d,"
	char *dir = tu_mkdtemp(), path[1024], *huge;
	char fit[HIST_LINE_MAX + 2], over[HIST_LINE_MAX + 3];
	size_t count;
	FILE *f;
	int n;

	(void)state;
	n = snprintf(fit, sizeof fit, LONG_ROW, 1, 1);
	memset(fit + n, 'a', HIST_LINE_MAX - (size_t)n);
	fit[HIST_LINE_MAX] = '\0';
	n = snprintf(over, sizeof over, LONG_ROW, 2, 2);
	memset(over + n, 'b', HIST_LINE_MAX + 1 - (size_t)n);
	over[HIST_LINE_MAX + 1] = '\0';
	huge = tu_huge_line(
		"2026-02-02T00:00:03.000+00:00,1.0,2.0,3.0,00:00:03,", 'c',
		3 * 1024 * 1024);
	snprintf(path, sizeof path, "%s/long.csv", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f,
	        "timestamp,cpu_percent,ram_percent,disk_percent,uptime_hms,x\n"
	        "2026-02-02T00:00:00.000+00:00,9.0,9.0,9.0,00:00:00,\n"
	        "%s\n%s\n%s"
	        "2026-02-02T00:00:04.000+00:00,4.0,4.0,4.0,00:00:04,\n",
	        fit, over, huge);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(hist_tail(path, rows, 10, &count), 0);
	assert_int_equal(count, 3);
	assert_string_equal(rows[0].timestamp, "2026-02-02T00:00:00.000+00:00");
	assert_string_equal(rows[1].timestamp, "2026-02-02T00:00:01.000+00:00");
	assert_string_equal(rows[2].timestamp, "2026-02-02T00:00:04.000+00:00");
	free(huge);
	tu_rmtree(dir);
}

static void
odd_files(void **state)
{
	char *dir = tu_mkdtemp();
	char path[1024];
	size_t count;

	(void)state;
	/* a header still being written, and nothing else */
	tu_write_str(dir, "half.csv", "timestamp,cpu_per");
	snprintf(path, sizeof path, "%s/half.csv", dir);
	assert_int_equal(hist_tail(path, rows, 10, &count), 0);
	assert_int_equal(count, 0);
	/* binary noise with NUL bytes and newlines */
	tu_write(dir, "noise.csv", "\0\x01\n\xff\xfe,\0,\n\n,,,\n", 14);
	snprintf(path, sizeof path, "%s/noise.csv", dir);
	assert_int_equal(hist_tail(path, rows, 10, &count), 0);
	assert_int_equal(count, 0);
	/* a folder is not a CSV file */
	errno = 0;
	assert_int_equal(hist_tail(dir, rows, 10, &count), -1);
	assert_int_equal(errno, EFTYPE_SD);
	/* a FIFO as the CSV or as its .1: refused at once, never a hang in
	 * open() (the worker would wait for a writer forever) */
	tu_write_str(dir, "f.csv",
	             "timestamp,cpu_percent,ram_percent,disk_percent\n"
	             "2026-03-03T03:03:03Z,1,2,3\n");
	snprintf(path, sizeof path, "%s/f.csv.1", dir);
	assert_int_equal(mkfifo(path, 0644), 0);
	snprintf(path, sizeof path, "%s/f.csv", dir);
	errno = 0;
	assert_int_equal(hist_tail(path, rows, 10, &count), -1);
	assert_int_equal(errno, EFTYPE_SD);
	snprintf(path, sizeof path, "%s/fifo.csv", dir);
	assert_int_equal(mkfifo(path, 0644), 0);
	assert_int_equal(hist_tail(path, rows, 10, &count), -1);
	assert_int_equal(errno, EFTYPE_SD);
	/* a symbolic link as the CSV: refused, not followed */
	snprintf(path, sizeof path, "%s/link.csv", dir);
	{
		char target[1024];

		snprintf(target, sizeof target, "%s/secs.csv", dir);
		assert_int_equal(symlink(target, path), 0);
	}
	assert_int_equal(hist_tail(path, rows, 10, &count), -1);
	assert_int_equal(errno, ELOOP);
	/* uptime_hms derived from uptime_seconds when the column is absent */
	tu_write_str(dir, "secs.csv",
	             "timestamp,cpu_percent,ram_percent,"
	             "disk_percent,uptime_seconds\n"
	             "2026-03-03T03:03:03Z,1,2,3,3661\n");
	snprintf(path, sizeof path, "%s/secs.csv", dir);
	assert_int_equal(hist_tail(path, rows, 10, &count), 0);
	assert_int_equal(count, 1);
	row_is(&rows[0], "2026-03-03T03:03:03Z", 1, 2, 3, "01:01:01");
	tu_rmtree(dir);
}

static void
parse_row_fields(void **state)
{
	struct hist_cols c;
	struct hist_row r;
	static const char *const good[] = {
		"2026-11-24T10:15:30.123+01:00,\"12.5\",1,2,0,0,0,0,0,1:00:00",
		"2026-11-24 10:15:30,  12.5 ,1,2,0,0,0,0,0,1:00:00",
		"2026-11-24T10:15:30Z,12.5,1,2,0,0,0,0,0,1:00:00",
		"2026-11-24T10:15:30-0500,12.5,1,2,0,0,0,0,0,1:00:00\r",
	};
	static const char *const bad[] = {
		"2026-11-24T10:15:30+1:00,12.5,1,2,0,0,0,0,0,1:00:00",
		"2026-11-24T10:15:30.,12.5,1,2,0,0,0,0,0,1:00:00",
		"2026-11-24,12.5,1,2,0,0,0,0,0,1:00:00",
		"2026-11-24T10:15:30,12.5.1,1,2,0,0,0,0,0,1:00:00",
		"2026-11-24T10:15:30,12.5,1,2,0,0,0,0,0,100:0:00",
		"2026-11-24T10:15:30,12.5,1,2,0,0,0,0,0,",
		"2026-11-24T10:15:30,1 2,1,2,0,0,0,0,0,1:00:00",
		"",
	};

	(void)state;
	hist_default_cols(&c);
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (hist_parse_row(good[i], strlen(good[i]), &c, &r) != 0)
			fail_msg("refused: %s", good[i]);
		assert_near(r.cpu_percent, 12.5, 1e-12);
		assert_string_equal(r.uptime_hms, "1:00:00");
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		errno = 0;
		if (hist_parse_row(bad[i], strlen(bad[i]), &c, &r) != -1)
			fail_msg("accepted: %s", bad[i]);
		assert_int_equal(errno, EINVAL);
	}
	/* a header lacking a required column gives no rows */
	assert_true(
		hist_parse_header("timestamp,cpu_percent,ram_percent", 33, &c));
	assert_false(c.usable);
	assert_false(hist_parse_header("time,cpu_percent", 16, &c));
}

static void
json_like_python(void **state)
{
	json_object *o;
	const char *s;

	(void)state;
	assert_int_equal(tail("history/ours.csv", 3), 3);
	o = hist_json(rows, 3);
	assert_non_null(o);
	s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	assert_string_equal(s, "{\"count\":3,\"data\":["
	                       "{\"timestamp\":\"2026-11-24T10:15:34.125+01:"
	                       "00\",\"cpu_percent\":3.0,"
	                       "\"ram_percent\":91.4,\"disk_percent\":61.2,"
	                       "\"uptime_hms\":\"123:05:09\"},"
	                       "{\"timestamp\":\"2026-11-24T10:15:36.126+01:"
	                       "00\",\"cpu_percent\":0.0,"
	                       "\"ram_percent\":43.0,\"disk_percent\":61.3,"
	                       "\"uptime_hms\":\"123:05:11\"},"
	                       "{\"timestamp\":\"2026-11-24T10:15:38.127+01:"
	                       "00\",\"cpu_percent\":100.0,"
	                       "\"ram_percent\":43.0,\"disk_percent\":61.3,"
	                       "\"uptime_hms\":\"123:05:13\"}]}");
	json_object_put(o);
	o = hist_json(rows, 0);
	assert_string_equal(
		json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
		"{\"count\":0,\"data\":[]}");
	json_object_put(o);
	assert_int_equal(tail("history/bad-numbers.csv", 1), 1);
	o = hist_json(rows, 1);
	assert_true(tu_contains(
		json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
		"\"cpu_percent\":15.25,"));
	json_object_put(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(limit_values),
		cmocka_unit_test(ours_all_and_last_two),
		cmocka_unit_test(old_tool_naive_timestamps),
		cmocka_unit_test(partial_last_line_skipped),
		cmocka_unit_test(crlf_and_bom),
		cmocka_unit_test(empty_header_only_and_missing),
		cmocka_unit_test(bad_rows_skipped),
		cmocka_unit_test(columns_by_header_name),
		cmocka_unit_test(header_repeated_mid_file),
		cmocka_unit_test(no_header_uses_api_order),
		cmocka_unit_test(rotated_predecessor),
		cmocka_unit_test(generated_file_across_blocks),
		cmocka_unit_test(long_lines),
		cmocka_unit_test(odd_files),
		cmocka_unit_test(parse_row_fields),
		cmocka_unit_test(json_like_python),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
