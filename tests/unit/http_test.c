/* http_test.c: the FastCGI glue (cgi/http.c) driven as a plain CGI
 * program: http_serve in a child with the request in its environment and
 * stdin, its exact output read back. Routing (404, 405 with Allow, a
 * handler that sends nothing), the route's path from PATH_INFO,
 * DOCUMENT_URI or REQUEST_URI, HEAD, query validation and decoding, the
 * request body, and the answers' exact bytes. */
#include <errno.h>
#include <fcntl.h>
#include <json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "http.h"
#include "testutil.h"

#define HDRS(status, type, len)                                                \
	"Status: " status "\r\nContent-Type: " type "\r\nContent-Length: " len \
	"\r\nCache-Control: no-store\r\n"
#define JSON_ANSWER(status, len, body) \
	HDRS(status, "application/json", len) "\r\n" body

static void
h_hello(struct http_req *r, void *arg)
{
	(void)arg;
	http_send(r, 200, "text/plain", "X-A: b\r\n", "hello", 5);
}

static void
h_silent(struct http_req *r, void *arg)
{
	(void)r;
	(void)arg;
}

/* A route's handler echoes the route and path it got. */
static void
h_where(struct http_req *r, void *arg)
{
	char b[256];
	int n = snprintf(b, sizeof b, "%s %s", (const char *)arg, r->path);

	http_send(r, 200, "text/plain", NULL, b, (size_t)n);
}

static int
parse_limit(const char *v, void *out)
{
	long *l = out;

	if (!v)
		return 0;
	return util_parse_long(v, 1, 500, l);
}

static int
parse_name(const char *v, void *out)
{
	snprintf(out, HTTP_VALUE_MAX + 1, "%s", v ? v : "(absent)");
	return 0;
}

/* limit (1..500, default 200) and name, answered as "limit|name". */
static void
h_query(struct http_req *r, void *arg)
{
	long limit = 200;
	char name[HTTP_VALUE_MAX + 1], b[HTTP_VALUE_MAX + 64];
	const struct http_field fields[] = {
		{"limit", parse_limit, &limit, "limit: a number 1..500"},
		{"name", parse_name, name, "never"},
	};
	int n;

	(void)arg;
	if (http_query(r, fields, 2) < 0)
		return;
	n = snprintf(b, sizeof b, "%ld|%s", limit, name);
	http_send(r, 200, "text/plain", NULL, b, (size_t)n);
}

/* The body (at most 15 bytes) echoed, or the errno of the refusal. */
static void
h_body(struct http_req *r, void *arg)
{
	char buf[16];
	size_t len = 99;

	(void)arg;
	if (http_read_body(r, buf, 15, &len) < 0) {
		http_error(r, 400,
		           errno == EFBIG  ? "EFBIG" :
		           errno == EINVAL ? "EINVAL" :
		           errno == EIO    ? "EIO" :
		                             "other");
		return;
	}
	http_send(r, 200, "text/plain", NULL, buf, len);
}

/* A second answer is refused; headers too long for the buffer too. */
static void
h_twice(struct http_req *r, void *arg)
{
	char extra[1100];

	(void)arg;
	memset(extra, 'h', sizeof extra - 1);
	extra[sizeof extra - 1] = '\0';
	errno = 0;
	if (http_send(r, 200, "text/plain", extra, "", 0) != -1 ||
	    errno != ENAMETOOLONG || r->sent) {
		http_error(r, 500, "long headers sent");
		return;
	}
	http_send_json(r, 201, json_object_new_string("a/b"), NULL);
	errno = 0;
	if (http_send(r, 200, "text/plain", NULL, "x", 1) == -1 &&
	    errno == EALREADY)
		http_send(r, 200, "text/plain", NULL, "", 0);
}

static void
h_oom(struct http_req *r, void *arg)
{
	(void)arg;
	http_send_json(r, 200, NULL, NULL);
}

static void
h_param(struct http_req *r, void *arg)
{
	const char *v = http_param(r, "HTTP_X_TEST");

	(void)arg;
	http_error(r, 418, v ? v : "(null)");
}

static const struct http_route routes[] = {
	{"/hello", "GET, HEAD", h_hello},
	{"/silent", "GET", h_silent},
	{"/", "GET", h_where},
	{"/where", "GET,POST", h_where},
	{"/query", "GET", h_query},
	{"/body", "POST", h_body},
	{"/twice", "GET", h_twice},
	{"/oom", "GET", h_oom},
	{"/param", "GET", h_param},
};

/* Runs http_serve as a CGI program with env ("NAME=value", NULL-ended)
 * and body on stdin; returns its output (malloc'd) and exit status. */
static char *
cgi(const char *const *env, const char *body, int *status)
{
	char *dir = tu_mkdtemp(), in[1024], out[1024], *got;
	pid_t pid;
	int st;
	FILE *f;
	long n;

	snprintf(in, sizeof in, "%s/in", dir);
	snprintf(out, sizeof out, "%s/out", dir);
	tu_write_str(dir, "in", body ? body : "");
	fflush(stdout);
	if ((pid = fork()) == 0) {
		int fi = open(in, O_RDONLY),
		    fo = open(out, O_WRONLY | O_CREAT, 0600);

		if (fi < 0 || fo < 0 || dup2(fi, 0) < 0 || dup2(fo, 1) < 0 ||
		    clearenv() != 0)
			_exit(99);
		for (size_t i = 0; env[i]; i++)
			putenv((char *)env[i]);
		_exit(http_serve(routes, sizeof routes / sizeof routes[0],
		                 (void *)"route"));
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	*status = WEXITSTATUS(st);
	assert_non_null(f = fopen(out, "rb"));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	got = calloc(1, (size_t)n + 1);
	assert_non_null(got);
	assert_int_equal(fread(got, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	tu_rmtree(dir);
	return got;
}

#define expect_cgi(want, ...)                                   \
	do {                                                    \
		const char *const env_[] = {__VA_ARGS__, NULL}; \
		int st_;                                        \
		char *got_ = cgi(env_, NULL, &st_);             \
		assert_string_equal(got_, want);                \
		assert_int_equal(st_, 0);                       \
		free(got_);                                     \
	} while (0)

static void
route_answers(void **state)
{
	(void)state;
	expect_cgi(HDRS("200 OK", "text/plain", "5") "X-A: b\r\n\r\nhello",
	           "REQUEST_METHOD=GET", "PATH_INFO=/hello");
	/* HEAD: the same headers, Content-Length too, and no body */
	expect_cgi(HDRS("200 OK", "text/plain", "5") "X-A: b\r\n\r\n",
	           "REQUEST_METHOD=HEAD", "PATH_INFO=/hello");
}

/* 404 and 405 with Allow, as JSON; a method matches whole, case and all. */
#define NOT_FOUND \
	JSON_ANSWER("404 Not Found", "21", "{\"error\":\"Not Found\"}")

static void
route_refusals(void **state)
{
	(void)state;
	expect_cgi(NOT_FOUND, "REQUEST_METHOD=GET", "PATH_INFO=/nope");
	expect_cgi(NOT_FOUND, "REQUEST_METHOD=GET", "PATH_INFO=/hello/");
	expect_cgi(HDRS("405 Method Not Allowed", "application/json",
	                "30") "Allow: GET, HEAD\r\n\r\n{\"error\":\"Method Not "
	                      "Allowed\"}",
	           "REQUEST_METHOD=POST", "PATH_INFO=/hello");
	expect_cgi(HDRS("405 Method Not Allowed", "application/json",
	                "30") "Allow: GET, HEAD\r\n\r\n{\"error\":\"Method Not "
	                      "Allowed\"}",
	           "REQUEST_METHOD=get", "PATH_INFO=/hello");
	expect_cgi(HDRS("405 Method Not Allowed", "application/json",
	                "30") "Allow: GET, HEAD\r\n\r\n{\"error\":\"Method Not "
	                      "Allowed\"}",
	           "REQUEST_METHOD=GE", "PATH_INFO=/hello");
	expect_cgi(HDRS("405 Method Not Allowed", "application/json",
	                "30") "Allow: GET\r\n\r\n{\"error\":\"Method Not "
	                      "Allowed\"}",
	           "PATH_INFO=/silent");
	/* "GET,POST" without a blank splits the same */
	expect_cgi(HDRS("200 OK", "text/plain", "12") "\r\nroute /where",
	           "REQUEST_METHOD=POST", "PATH_INFO=/where");
	/* a handler that sends nothing: 500 */
	expect_cgi(JSON_ANSWER("500 Internal Server Error", "21",
	                       "{\"error\":\"no answer\"}"),
	           "REQUEST_METHOD=GET", "PATH_INFO=/silent");
}

/* PATH_INFO, else DOCUMENT_URI, else REQUEST_URI without its query, else
 * "/"; an empty one counts as absent. */
static void
route_path_sources(void **state)
{
	(void)state;
	expect_cgi(HDRS("200 OK", "text/plain", "12") "\r\nroute /where",
	           "REQUEST_METHOD=GET", "PATH_INFO=/where",
	           "DOCUMENT_URI=/nope", "REQUEST_URI=/nope");
	expect_cgi(HDRS("200 OK", "text/plain", "12") "\r\nroute /where",
	           "REQUEST_METHOD=GET", "PATH_INFO=", "DOCUMENT_URI=/where",
	           "REQUEST_URI=/nope");
	expect_cgi(HDRS("200 OK", "text/plain", "12") "\r\nroute /where",
	           "REQUEST_METHOD=GET", "REQUEST_URI=/where?x=/nope");
	expect_cgi(HDRS("200 OK", "text/plain", "7") "\r\nroute /",
	           "REQUEST_METHOD=GET");
}

#define QUERY_OK(want, len, query)                                \
	expect_cgi(HDRS("200 OK", "text/plain", len) "\r\n" want, \
	           "REQUEST_METHOD=GET", "PATH_INFO=/query",      \
	           "QUERY_STRING=" query)

/* Decoding: %XX, '+' a space, a bad escape and %00 kept as written; the first
 * of repeated fields; '&' or ';' between; names matched whole. */
static void
query_decoding(void **state)
{
	(void)state;
	QUERY_OK("200|(absent)", "12", "");
	QUERY_OK("20|a b c", "8", "limit=20&name=a%20b+c");
	QUERY_OK("5|%zz%4", "7", "name=%zz%4&limit=5&limit=9");
	QUERY_OK("7|xA/", "5", "name=x%41%2f;limit=7");
	QUERY_OK("4|(absent)", "10", "xlimit=3&limit=4&na=1");
	QUERY_OK("200|", "4", "name=&other=1");
	QUERY_OK("200|", "4", "name");
	QUERY_OK("200|=x", "6", "name==x");
	QUERY_OK("200|a%00b", "9", "name=a%00b");
}

/* A validator's refusal is 400 with its message, before any work. */
static void
query_refusals(void **state)
{
	char q[1100 + 64], want[1200], *big;
	int st;

	(void)state;
	expect_cgi(JSON_ANSWER("400 Bad Request", "34",
	                       "{\"error\":\"limit: a number 1..500\"}"),
	           "REQUEST_METHOD=GET", "PATH_INFO=/query",
	           "QUERY_STRING=limit=501");
	expect_cgi(JSON_ANSWER("400 Bad Request", "34",
	                       "{\"error\":\"limit: a number 1..500\"}"),
	           "REQUEST_METHOD=GET", "PATH_INFO=/query",
	           "QUERY_STRING=limit=");
	expect_cgi(JSON_ANSWER("400 Bad Request", "34",
	                       "{\"error\":\"limit: a number 1..500\"}"),
	           "REQUEST_METHOD=GET", "PATH_INFO=/query",
	           "QUERY_STRING=limit=1e2");
	/* %00 stays as written: a NUL would hide "junk" from the validator */
	expect_cgi(JSON_ANSWER("400 Bad Request", "34",
	                       "{\"error\":\"limit: a number 1..500\"}"),
	           "REQUEST_METHOD=GET", "PATH_INFO=/query",
	           "QUERY_STRING=limit=12%00junk");
	/* 1024 bytes as sent pass; 1025 do not, even when they decode to
	 * fewer: 1022 'n' and "%41" */
	big = malloc(2048);
	assert_non_null(big);
	strcpy(big, "QUERY_STRING=name=");
	memset(big + 18, 'n', 1024);
	big[18 + 1024] = '\0';
	{
		const char *const env[] = {"REQUEST_METHOD=GET",
		                           "PATH_INFO=/query", big, NULL};
		char *got = cgi(env, NULL, &st);

		snprintf(want, sizeof want, "%s%s",
		         HDRS("200 OK", "text/plain", "1028") "\r\n200|",
		         big + 18);
		assert_string_equal(got, want);
		free(got);
	}
	snprintf(q, sizeof q, "QUERY_STRING=limit=1&name=%s%%41", big + 20);
	{
		const char *const env[] = {"REQUEST_METHOD=GET",
		                           "PATH_INFO=/query", q, NULL};
		char *got = cgi(env, NULL, &st);

		assert_string_equal(got, JSON_ANSWER("400 Bad Request", "52",
		                                     "{\"error\":\"query field "
		                                     "name: longer than 1024 "
		                                     "bytes\"}"));
		free(got);
	}
	free(big);
}

#define BODY(want, body, ...)                                               \
	do {                                                                \
		const char *const env_[] = {"REQUEST_METHOD=POST",          \
		                            "PATH_INFO=/body", __VA_ARGS__, \
		                            NULL};                          \
		int st_;                                                    \
		char *got_ = cgi(env_, body, &st_);                         \
		assert_string_equal(got_, want);                            \
		free(got_);                                                 \
	} while (0)

#define BODY_ERR(code, len, body, cl)                                         \
	BODY(JSON_ANSWER("400 Bad Request", len, "{\"error\":\"" code "\"}"), \
	     body, cl)

static void
request_body(void **state)
{
	(void)state;
	BODY(HDRS("200 OK", "text/plain", "5") "\r\nhello", "hello",
	     "CONTENT_LENGTH=5");
	/* only CONTENT_LENGTH bytes are read */
	BODY(HDRS("200 OK", "text/plain", "3") "\r\nhel", "hello",
	     "CONTENT_LENGTH=3");
	BODY(HDRS("200 OK", "text/plain", "15") "\r\n0123456789abcde",
	     "0123456789abcdef", "CONTENT_LENGTH=15");
	BODY(HDRS("200 OK", "text/plain", "0") "\r\n", "ignored",
	     "CONTENT_LENGTH=");
	BODY(HDRS("200 OK", "text/plain", "0") "\r\n", "ignored", "X=1");
	BODY_ERR("EFBIG", "17", "0123456789abcdef", "CONTENT_LENGTH=16");
	BODY_ERR("EFBIG", "17", "", "CONTENT_LENGTH=99999999999999999999999");
	BODY_ERR("EINVAL", "18", "", "CONTENT_LENGTH=abc");
	BODY_ERR("EINVAL", "18", "", "CONTENT_LENGTH=-1");
	BODY_ERR("EINVAL", "18", "", "CONTENT_LENGTH=+5");
	BODY_ERR("EINVAL", "18", "", "CONTENT_LENGTH= 5");
	BODY_ERR("EINVAL", "18", "", "CONTENT_LENGTH=5 ");
	/* announced 10, sent 5 */
	BODY_ERR("EIO", "15", "hello", "CONTENT_LENGTH=10");
}

/* Headers too long are refused unsent; one answer per request; JSON
 * with slashes unescaped; NULL JSON is a 500; http_param reads the
 * request's own parameters. */
static void
answers(void **state)
{
	(void)state;
	expect_cgi(JSON_ANSWER("201 Unknown", "5", "\"a/b\""),
	           "REQUEST_METHOD=GET", "PATH_INFO=/twice");
	expect_cgi(JSON_ANSWER("500 Internal Server Error", "25",
	                       "{\"error\":\"out of memory\"}"),
	           "REQUEST_METHOD=GET", "PATH_INFO=/oom");
	/* 10 + 3 + 1 + 5 + 1 + 2 (UTF-8 as is) + 2 = 24 bytes */
	expect_cgi(JSON_ANSWER("418 Unknown", "24",
	                       "{\"error\":\"x/y \\\"z\\\" \xc3\xa9\"}"),
	           "REQUEST_METHOD=GET", "PATH_INFO=/param",
	           "HTTP_X_TEST=x/y \"z\" \xc3\xa9");
	expect_cgi(JSON_ANSWER("418 Unknown", "18", "{\"error\":\"(null)\"}"),
	           "REQUEST_METHOD=GET", "PATH_INFO=/param");
}

static void
reasons(void **state)
{
	static const struct {
		int status;
		const char *reason;
	} want[] = {
		{200, "OK"},
		{204, "No Content"},
		{400, "Bad Request"},
		{401, "Unauthorized"},
		{403, "Forbidden"},
		{404, "Not Found"},
		{405, "Method Not Allowed"},
		{409, "Conflict"},
		{413, "Content Too Large"},
		{415, "Unsupported Media Type"},
		{429, "Too Many Requests"},
		{500, "Internal Server Error"},
		{502, "Bad Gateway"},
		{503, "Service Unavailable"},
		{201, "Unknown"},
		{0, "Unknown"},
		{-1, "Unknown"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_string_equal(http_reason(want[i].status),
		                    want[i].reason);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(route_answers),
		cmocka_unit_test(route_refusals),
		cmocka_unit_test(route_path_sources),
		cmocka_unit_test(query_decoding),
		cmocka_unit_test(query_refusals),
		cmocka_unit_test(request_body),
		cmocka_unit_test(answers),
		cmocka_unit_test(reasons),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
