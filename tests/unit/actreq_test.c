/* actreq_test.c: actreq_parse (cgi/actreq.c), the POST /api/action body:
 * a good request, members missing or of the wrong type, strict JSON only,
 * nesting, huge bodies, NULs, invalid UTF-8 and duplicate keys. */
#include <json.h>
#include <stdlib.h>
#include <string.h>

#include "actreq.h"
#include "testutil.h"

#define NOT_JSON "body is not valid JSON"
#define NOT_OBJECT \
	"body must be a JSON object like {\"action\": \"cleanup_temp\"}"

/* Parses body (len bytes); the object is put before returning. */
static int
parse(const char *body, size_t len, const char **action, const char **token,
      const char **why, char *a, char *t)
{
	json_object *o = actreq_parse(body, len, action, token, why);

	/* copy out: the strings live in o */
	strcpy(a, *action ? *action : "(null)");
	strcpy(t, *token ? *token : "(null)");
	json_object_put(o);
	return o ? 0 : -1;
}

/* Asserts body parses to the action and token given ("(null)": absent). */
static void
expect_ok(const char *body, const char *action, const char *token)
{
	const char *ap, *tp, *why;
	char a[4096], t[4096];

	if (parse(body, strlen(body), &ap, &tp, &why, a, t) < 0)
		fail_msg("refused %s: %s", body, why);
	assert_string_equal(a, action);
	assert_string_equal(t, token);
}

/* Asserts body (len bytes) is refused with message why. */
static void
expect_refused(const char *body, size_t len, const char *want)
{
	const char *ap, *tp, *why;
	char a[4096], t[4096];

	if (parse(body, len, &ap, &tp, &why, a, t) == 0)
		fail_msg("accepted %.80s", body);
	assert_null(ap);
	assert_null(tp);
	assert_string_equal(why, want);
}

static void
expect_bad_json(const char *body)
{
	expect_refused(body, strlen(body), NOT_JSON);
}

static void
good_requests(void **state)
{
	(void)state;
	expect_ok("{\"action\": \"cleanup_temp\"}", "cleanup_temp", "(null)");
	expect_ok("{\"action\":\"flush_dns\",\"token\":\"s3cret\"}",
	          "flush_dns", "s3cret");
	/* blanks around, other members ignored, escapes decoded */
	expect_ok(" \r\n\t{ \"token\" : \"a\\\"b\\\\c\", \"extra\": [1, {}],"
	          " \"action\" : \"collect_logs\" } \n\t ",
	          "collect_logs", "a\"b\\c");
	expect_ok("{\"action\": \"caf\\u00e9\"}", "caf\xc3\xa9", "(null)");
	expect_ok("{\"action\": \"\xe2\x82\xac\"}", "\xe2\x82\xac", "(null)");
	expect_ok("{\"action\": \"\"}", "", "(null)");
}

/* An object without them, or with them of another type: parsed, each
 * NULL (the endpoint answers 400 "unknown action" / 401). */
static void
missing_or_wrong_types(void **state)
{
	(void)state;
	expect_ok("{}", "(null)", "(null)");
	expect_ok("{\"Action\": \"flush_dns\"}", "(null)", "(null)");
	expect_ok("{\"action\": 1, \"token\": true}", "(null)", "(null)");
	expect_ok("{\"action\": null, \"token\": 3.5}", "(null)", "(null)");
	expect_ok("{\"action\": [\"flush_dns\"], \"token\": {\"t\": \"x\"}}",
	          "(null)", "(null)");
	expect_ok("{\"action\": {\"action\": \"flush_dns\"}, \"token\": \"k\"}",
	          "(null)", "k");
	/* "\u0000" would hide the rest of the string from C: not a string */
	expect_ok("{\"action\": \"flush_dns\\u0000rm -rf\", \"token\": \"k\"}",
	          "(null)", "k");
	expect_ok("{\"action\": \"a\", \"token\": \"\\u0000\"}", "a", "(null)");
}

/* Valid JSON that is not an object, a literal at the very end among them
 * (json-c is told where the text ends), and null, which json-c parses to
 * NULL. */
static void
not_an_object(void **state)
{
	static const char *const bodies[] = {
		"[]",
		"[{\"action\": \"flush_dns\"}]",
		"\"flush_dns\"",
		"42 ",
		" \"cleanup_temp\" \n",
		"42",
		"null",
		"true",
		"false",
		"-0.5e3",
	};

	(void)state;
	for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++)
		expect_refused(bodies[i], strlen(bodies[i]), NOT_OBJECT);
	/* still not JSON: two values, a cut literal */
	expect_refused("4 2", 3, NOT_JSON);
	expect_refused("tru", 3, NOT_JSON);
	expect_refused("{\"action\": \"a\"} 1", 18, NOT_JSON);
}

/* What json-c takes by default and JSON does not. */
static void
strict_json_only(void **state)
{
	(void)state;
	expect_bad_json("");
	expect_bad_json("   \n");
	expect_bad_json("{");
	expect_bad_json("{\"action\": \"flush_dns\"");
	expect_bad_json("{\"action\": \"flush_dns}");
	expect_bad_json("{'action': 'flush_dns'}");
	expect_bad_json("{action: \"flush_dns\"}");
	expect_bad_json("{\"action\": \"flush_dns\",}");
	expect_bad_json("{\"action\": \"flush_dns\"} /* c */");
	expect_bad_json("// c\n{\"action\": \"flush_dns\"}");
	expect_bad_json("{\"action\": True}");
	expect_bad_json("{\"n\": 007}");
	/* anything but blanks after the object */
	expect_bad_json("{\"action\": \"flush_dns\"}x");
	expect_bad_json("{\"action\": \"flush_dns\"}{}");
	expect_bad_json("{} {}");
	expect_bad_json("{}\f");
}

/* A NUL inside the body (len beyond the C string) is refused, not parsed
 * up to the NUL. */
static void
nul_inside(void **state)
{
	static const char body[] = "{\"action\": \"flush_dns\"}\0{\"x\": 1}";

	(void)state;
	expect_refused(body, sizeof body - 1, NOT_JSON);
	expect_refused("{\"action\"\0: \"a\"}", 16, NOT_JSON);
	/* trailing NULs would pass the blank skip (strchr finds the '\0') */
	expect_refused("{\"action\": \"a\"}\0", 16, NOT_JSON);
	expect_refused("{\"action\": \"a\"} \0\0\n", 18, NOT_JSON);
}

/* Invalid UTF-8 anywhere: Latin-1, a cut sequence, a lone continuation
 * byte, in a value, a key or after the object. */
static void
invalid_utf8(void **state)
{
	(void)state;
	expect_bad_json("{\"action\": \"caf\xe9\"}");
	expect_bad_json("{\"action\": \"\xc3\"}");
	expect_bad_json("{\"action\": \"\x80\"}");
	expect_bad_json("{\"action\": \"\xe2\x82\"}");
	expect_bad_json("{\"act\xff\": \"a\"}");
	expect_bad_json("{\"action\": \"a\"} \xff");
	/* what json-c's own check lets through: an overlong '/', a
	 * surrogate, a code point over U+10FFFF */
	expect_bad_json("{\"action\": \"\xc0\xaf\"}");
	expect_bad_json("{\"action\": \"\xed\xa0\x80\"}");
	expect_bad_json("{\"action\": \"\xf4\x90\x80\x80\"}");
}

/* An escaped lone surrogate comes out as U+FFFD (json-c replaces it), never
 * as the bytes of a surrogate. */
static void
escaped_surrogate_is_replaced(void **state)
{
	(void)state;
	expect_ok("{\"action\": \"a\\ud800\", \"token\": \"t\"}",
	          "a\xef\xbf\xbd", "t");
	expect_ok("{\"action\": \"a\", \"token\": \"\\udfff\"}", "a",
	          "\xef\xbf\xbd");
	/* a pair is one character and fine */
	expect_ok("{\"action\": \"\\ud83d\\ude00\"}", "\xf0\x9f\x98\x80",
	          "(null)");
}

/* json_tokener_new_ex(8) takes 7 levels: the object and 6 inside it
 * (actreq.h says "at most 8 deep"); one more is refused. */
static void
nesting(void **state)
{
	(void)state;
	expect_ok("{\"action\": \"a\", \"x\": [[[[[[1]]]]]]}", "a", "(null)");
	expect_ok("{\"x\": [[[[{\"y\": {}}]]]], \"action\": \"b\"}", "b",
	          "(null)");
	expect_bad_json("{\"action\": \"a\", \"x\": [[[[[[[1]]]]]]]}");
	expect_bad_json("{\"x\": [[[[{\"y\": {\"z\": [1]}}]]]], \"a\": 1}");
}

/* A body far over the endpoint's 4 KiB (the parser itself has no limit):
 * a 1 MiB token comes back whole; 1 MiB of '[' is refused, not recursed
 * into. */
static void
huge(void **state)
{
	size_t n = 1 << 20;
	char *body = malloc(n + 64), *tok = malloc(n + 1);
	const char *ap, *tp, *why;
	json_object *o;

	(void)state;
	assert_non_null(body);
	assert_non_null(tok);
	memset(tok, 'k', n);
	tok[n] = '\0';
	snprintf(body, n + 64, "{\"action\": \"flush_dns\", \"token\": \"%s\"}",
	         tok);
	o = actreq_parse(body, strlen(body), &ap, &tp, &why);
	assert_non_null(o);
	assert_string_equal(ap, "flush_dns");
	assert_int_equal(strlen(tp), n);
	assert_string_equal(tp, tok);
	json_object_put(o);
	memset(body, '[', n);
	body[n] = '\0';
	expect_refused(body, n, NOT_JSON);
	free(tok);
	free(body);
}

/* json-c keeps the last of duplicate keys, as Python's json (the old
 * tool) did: the member the endpoint checks is the one that runs. */
static void
duplicate_keys(void **state)
{
	(void)state;
	expect_ok("{\"action\": \"flush_dns\", \"action\": \"cleanup_temp\"}",
	          "cleanup_temp", "(null)");
	expect_ok("{\"token\": \"good\", \"action\": \"a\", \"token\": 1}", "a",
	          "(null)");
	expect_ok("{\"action\": 1, \"action\": \"collect_logs\"}",
	          "collect_logs", "(null)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_requests),
		cmocka_unit_test(missing_or_wrong_types),
		cmocka_unit_test(not_an_object),
		cmocka_unit_test(strict_json_only),
		cmocka_unit_test(nul_inside),
		cmocka_unit_test(invalid_utf8),
		cmocka_unit_test(escaped_surrogate_is_replaced),
		cmocka_unit_test(nesting),
		cmocka_unit_test(huge),
		cmocka_unit_test(duplicate_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
