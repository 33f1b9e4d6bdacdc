/* csv_test.c: CSV_HEADER and csv_row_format (lib/csv.c) against docs/API.md's
 * header and example row. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sysdash.h"
#include "testutil.h"

/* Copied by hand from docs/API.md, "Files". */
#define API_HEADER                                                      \
	"timestamp,cpu_percent,ram_percent,ram_used_gib,ram_total_gib," \
	"disk_percent,disk_used_gib,disk_total_gib,uptime_seconds,"     \
	"uptime_hms,cpu_alert,ram_alert\n"

static int
set_tz(void **state)
{
	(void)state;
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	return 0;
}

static void
header_matches_api(void **state)
{
	(void)state;
	assert_string_equal(CSV_HEADER, API_HEADER);
}

#define EXAMPLE_ROW                                                       \
	"2026-11-24T10:15:30.123+01:00,12.5,43.1,6.62,15.37,71.0,120.55," \
	"250.00,12345.67,03:25:45,False,False\n"

static void
example_row(void **state)
{
	struct metrics m;
	char buf[512];

	(void)state;
	tu_example_metrics(&m);
	assert_int_equal(csv_row_format(&m, buf, sizeof buf),
	                 (int)strlen(EXAMPLE_ROW));
	assert_string_equal(buf, EXAMPLE_ROW);
}

/* Booleans are Python's True/False. */
static void
alerts_are_true_false(void **state)
{
	struct metrics m;
	char buf[512];

	(void)state;
	tu_example_metrics(&m);
	m.cpu_percent = 95.0;
	m.cpu_alert = true;
	assert_true(csv_row_format(&m, buf, sizeof buf) > 0);
	assert_string_equal(buf, "2026-11-24T10:15:30.123+01:00,95.0,43.1,"
	                         "6.62,15.37,71.0,120.55,250.00,12345.67,"
	                         "03:25:45,True,False\n");
	m.ram_percent = 91.2;
	m.ram_alert = true;
	assert_true(csv_row_format(&m, buf, sizeof buf) > 0);
	assert_string_equal(buf, "2026-11-24T10:15:30.123+01:00,95.0,91.2,"
	                         "6.62,15.37,71.0,120.55,250.00,12345.67,"
	                         "03:25:45,True,True\n");
}

/* 1 decimal for percents, 2 for GiB and uptime seconds; zeros and 100
 * keep their decimals; long uptimes keep all their hours. */
static void
number_formats(void **state)
{
	struct metrics m;
	char buf[512];

	(void)state;
	tu_example_metrics(&m);
	m.cpu_percent = 0.0;
	m.ram_percent = 100.0;
	m.ram_used_gib = 0.0;
	m.disk_percent = 5.0;
	m.disk_used_gib = 0.5;
	m.disk_total_gib = 1024.0;
	m.uptime_seconds = 443045.0;
	strcpy(m.uptime_hms, "123:04:05");
	assert_true(csv_row_format(&m, buf, sizeof buf) > 0);
	assert_string_equal(buf, "2026-11-24T10:15:30.123+01:00,0.0,100.0,"
	                         "0.00,15.37,5.0,0.50,1024.00,443045.00,"
	                         "123:04:05,False,False\n");
}

/* The row needs strlen + 1 bytes; one less is -1, never a cut row. */
static void
buffer_too_small(void **state)
{
	struct metrics m;
	char buf[512];
	int n = (int)strlen(EXAMPLE_ROW);

	(void)state;
	tu_example_metrics(&m);
	assert_int_equal(csv_row_format(&m, buf, (size_t)n + 1), n);
	assert_string_equal(buf, EXAMPLE_ROW);
	assert_int_equal(csv_row_format(&m, buf, (size_t)n), -1);
	assert_int_equal(csv_row_format(&m, buf, 10), -1);
	assert_int_equal(csv_row_format(&m, buf, 0), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_matches_api),
		cmocka_unit_test(example_row),
		cmocka_unit_test(alerts_are_true_false),
		cmocka_unit_test(number_formats),
		cmocka_unit_test(buffer_too_small),
	};

	return cmocka_run_group_tests(tests, set_tz, NULL);
}
