/* json_test.c: json_metrics and json_status (lib/json.c): docs/API.md's field
 * names, types and values, read back through json-c's parser. */
#include <ctype.h>
#include <json.h>
#include <stdlib.h>
#include <string.h>

#include "sysdash.h"
#include "testutil.h"

/* Serialises o, frees it, and parses the text back: what a client gets. */
static json_object *
round_trip(json_object *o, char **text)
{
	const char *s;
	json_object *back;

	assert_non_null(o);
	s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	assert_non_null(s);
	*text = strdup(s);
	json_object_put(o);
	back = json_tokener_parse(*text);
	if (!back)
		fail_msg("json-c cannot parse its own output: %s", *text);
	return back;
}

static json_object *
field(json_object *o, const char *key, json_type type)
{
	json_object *v = NULL;

	if (!json_object_object_get_ex(o, key, &v))
		fail_msg("no \"%s\"", key);
	if (!json_object_is_type(v, type) &&
	    !(type == json_type_double &&
	      json_object_is_type(v, json_type_int)))
		fail_msg("\"%s\" is a %s", key,
		         json_type_to_name(json_object_get_type(v)));
	return v;
}

static double
num(json_object *o, const char *key)
{
	return json_object_get_double(field(o, key, json_type_double));
}

/* The number after "key": in the text has at most `decimals` digits after
 * its point (docs/API.md: percents 1 decimal, GiB 2): no 43.100000000000001. */
static void
check_decimals(const char *text, const char *key, int decimals)
{
	char pat[64];
	const char *p;
	int n = 0;

	snprintf(pat, sizeof pat, "\"%s\":", key);
	p = strstr(text, pat);
	if (!p)
		fail_msg("no %s in %s", pat, text);
	p += strlen(pat);
	while (*p && *p != '.' && *p != ',' && *p != '}')
		p++;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			n++;
	if (n > decimals)
		fail_msg("%s has %d decimals in %s", key, n, text);
}

static void
stats_fields(void **state)
{
	struct metrics m;
	json_object *o, *alerts;
	char *text;

	(void)state;
	tu_example_metrics(&m);
	o = round_trip(json_metrics(&m), &text);
	assert_string_equal(
		json_object_get_string(field(o, "timestamp", json_type_string)),
		"2026-11-24T10:15:30.123+01:00");
	assert_true(num(o, "cpu_percent") == 12.5);
	assert_true(num(o, "ram_percent") == 43.1);
	assert_true(num(o, "ram_used_gib") == 6.62);
	assert_true(num(o, "ram_total_gib") == 15.37);
	assert_true(num(o, "disk_percent") == 71.0);
	assert_true(num(o, "disk_used_gib") == 120.55);
	assert_true(num(o, "disk_total_gib") == 250.0);
	assert_true(num(o, "uptime_seconds") == 12345.67);
	assert_string_equal(json_object_get_string(
				    field(o, "uptime_hms", json_type_string)),
	                    "03:25:45");
	alerts = field(o, "alerts", json_type_object);
	assert_false(json_object_get_boolean(
		field(alerts, "cpu", json_type_boolean)));
	assert_false(json_object_get_boolean(
		field(alerts, "ram", json_type_boolean)));
	assert_false(json_object_get_boolean(
		field(o, "alert_active", json_type_boolean)));
	check_decimals(text, "cpu_percent", 1);
	check_decimals(text, "ram_percent", 1);
	check_decimals(text, "disk_percent", 1);
	check_decimals(text, "ram_used_gib", 2);
	check_decimals(text, "ram_total_gib", 2);
	check_decimals(text, "disk_used_gib", 2);
	check_decimals(text, "disk_total_gib", 2);
	/* no cgroup limit: no container object */
	assert_false(json_object_object_get_ex(o, "container", NULL));
	json_object_put(o);
	free(text);
}

/* alert_active is either alert. */
static void
alerts(void **state)
{
	struct metrics m;
	json_object *o, *a;
	char *text;

	(void)state;
	tu_example_metrics(&m);
	m.ram_percent = 93.0;
	m.ram_alert = true;
	o = round_trip(json_metrics(&m), &text);
	a = field(o, "alerts", json_type_object);
	assert_false(
		json_object_get_boolean(field(a, "cpu", json_type_boolean)));
	assert_true(
		json_object_get_boolean(field(a, "ram", json_type_boolean)));
	assert_true(json_object_get_boolean(
		field(o, "alert_active", json_type_boolean)));
	json_object_put(o);
	free(text);
	m.ram_alert = false;
	m.cpu_alert = true;
	o = round_trip(json_metrics(&m), &text);
	assert_true(json_object_get_boolean(
		field(o, "alert_active", json_type_boolean)));
	json_object_put(o);
	free(text);
}

/* 12.5/43.1/71.0: cpu 1, ram 1, disk 1 - 1/30 = .9667;
 * .35 + .35 + .29 = .99 -> 99 ok; components 100, 100, 97 */
static void
status_health(void **state)
{
	struct metrics m;
	json_object *o, *h, *c;
	char *text;

	(void)state;
	tu_example_metrics(&m);
	o = round_trip(json_status(&m), &text);
	assert_true(num(o, "cpu_percent") == 12.5);
	h = field(o, "health", json_type_object);
	assert_int_equal(json_object_get_int(field(h, "score", json_type_int)),
	                 99);
	assert_string_equal(
		json_object_get_string(field(h, "status", json_type_string)),
		"ok");
	c = field(h, "components", json_type_object);
	assert_int_equal(json_object_get_int(field(c, "cpu", json_type_int)),
	                 100);
	assert_int_equal(json_object_get_int(field(c, "ram", json_type_int)),
	                 100);
	assert_int_equal(json_object_get_int(field(c, "disk", json_type_int)),
	                 97);
	json_object_put(o);
	free(text);
}

/* A cgroup v2 limit adds "container": memory.max 512 MiB = 0.5 GiB,
 * used 200 MiB = 0.1953 GiB -> 0.2, 200/512 = 39.0625 % -> 39.1,
 * cpu.max 200000/100000 = 2 cores. */
static void
container_object(void **state)
{
	struct metrics m;
	json_object *o, *c;
	char *text;

	(void)state;
	tu_example_metrics(&m);
	m.cg.mem_limited = true;
	m.cg.mem_max = 536870912ULL;
	m.cg.mem_used = 209715200ULL;
	m.cg.cpu_limited = true;
	m.cg.cpu_quota_cores = 2.0;
	o = round_trip(json_metrics(&m), &text);
	c = field(o, "container", json_type_object);
	assert_near(num(c, "memory_limit_gib"), 0.5, 1e-12);
	assert_near(num(c, "memory_used_gib"), 0.2, 1e-12);
	assert_near(num(c, "memory_percent"), 39.1, 1e-12);
	assert_near(num(c, "cpu_quota_cores"), 2.0, 1e-12);
	json_object_put(o);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stats_fields),
		cmocka_unit_test(alerts),
		cmocka_unit_test(status_health),
		cmocka_unit_test(container_object),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
