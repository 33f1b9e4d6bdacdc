/* http.c: libfcgi accept loop (FCGX_* only: FCGI_Accept would swap the
 * process environment for each request's parameters), plain CGI fallback,
 * routing, query validation and JSON answers. */
#include "http.h"

#include <errno.h>
#include <json.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

const char *
http_reason(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 204:
		return "No Content";
	case 400:
		return "Bad Request";
	case 401:
		return "Unauthorized";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 409:
		return "Conflict";
	case 413:
		return "Content Too Large";
	case 415:
		return "Unsupported Media Type";
	case 429:
		return "Too Many Requests";
	case 500:
		return "Internal Server Error";
	case 502:
		return "Bad Gateway";
	case 503:
		return "Service Unavailable";
	default:
		return "Unknown";
	}
}

const char *
http_param(const struct http_req *r, const char *name)
{
	return FCGX_GetParam(name, r->envp);
}

static int
put(struct http_req *r, const char *p, size_t n)
{
	if (n == 0)
		return 0;
	if (r->out)
		return FCGX_PutStr(p, (int)n, r->out) == (int)n ? 0 : -1;
	return fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

int
http_send(struct http_req *r, int status, const char *type, const char *extra,
          const char *body, size_t len)
{
	char head[1024];
	int n;

	if (r->sent) {
		errno = EALREADY;
		return -1;
	}
	n = snprintf(head, sizeof(head),
	             "Status: %d %s\r\nContent-Type: %s\r\n"
	             "Content-Length: %zu\r\nCache-Control: no-store\r\n%s\r\n",
	             status, http_reason(status), type, len,
	             extra ? extra : "");
	if (n < 0 || (size_t)n >= sizeof(head)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	r->sent = true;
	if (put(r, head, (size_t)n) < 0 || (!r->head && put(r, body, len) < 0))
		return -1;
	if (!r->out)
		fflush(stdout);
	return 0;
}

int
http_send_json(struct http_req *r, int status, struct json_object *o,
               const char *extra)
{
	const char *s;
	size_t len;
	int rc;

	if (!o)
		return http_error(r, 500, "out of memory");
	s = json_object_to_json_string_length(
		o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE,
		&len);
	rc = s ? http_send(r, status, "application/json", extra, s, len) :
	         http_error(r, 500, "out of memory");
	json_object_put(o);
	return rc;
}

static int
send_error(struct http_req *r, int status, const char *msg, const char *extra)
{
	json_object *o = json_object_new_object();

	if (o)
		json_object_object_add(o, "error", json_object_new_string(msg));
	if (!o || !json_object_object_get(o, "error")) {
		static const char oom[] = "{\"error\":\"out of memory\"}";

		json_object_put(o);
		return http_send(r, 500, "application/json", NULL, oom,
		                 sizeof(oom) - 1);
	}
	return http_send_json(r, status, o, extra);
}

int
http_error(struct http_req *r, int status, const char *msg)
{
	return send_error(r, status, msg, NULL);
}

int
http_read_body(struct http_req *r, char *buf, size_t max, size_t *len)
{
	const char *cl = http_param(r, "CONTENT_LENGTH");
	unsigned long long want = 0;
	size_t got = 0;

	*len = 0;
	if (cl && *cl) {
		char *end;

		errno = 0;
		want = strtoull(cl, &end, 10);
		if (*cl < '0' || *cl > '9' || *end != '\0' || errno == ERANGE) {
			errno = errno == ERANGE ? EFBIG : EINVAL;
			return -1;
		}
	}
	if (want > max) {
		errno = EFBIG;
		return -1;
	}
	while (got < want) {
		size_t n;

		if (r->in) {
			int k = FCGX_GetStr(buf + got, (int)(want - got),
			                    r->in);

			n = k > 0 ? (size_t)k : 0;
		} else {
			n = fread(buf + got, 1, want - got, stdin);
		}
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		got += n;
	}
	buf[got] = '\0';
	*len = got;
	return 0;
}

/* ---- query -------------------------------------------------------------- */

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes p[0..n) into out (room for HTTP_VALUE_MAX + 1); -1 when
 * too long. A bad escape is kept as written, and so is %00: a NUL would
 * hide the rest of the value from the validator ("since=1764000000%00junk"
 * read as a number). */
static int
decode(const char *p, size_t n, char *out)
{
	size_t o = 0;

	if (n > HTTP_VALUE_MAX)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int hi, lo;

		if (p[i] == '+') {
			out[o++] = ' ';
		} else if (p[i] == '%' && i + 2 < n &&
		           (hi = hexval(p[i + 1])) >= 0 &&
		           (lo = hexval(p[i + 2])) >= 0 && (hi || lo)) {
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[o++] = p[i];
		}
	}
	out[o] = '\0';
	return 0;
}

/* Finds the first name=value pair for name; *v and *vn get the raw value. */
static bool
query_find(const char *q, const char *name, const char **v, size_t *vn)
{
	size_t nl = strlen(name);

	while (*q) {
		size_t len = strcspn(q, "&;");
		const char *eq = memchr(q, '=', len);
		size_t kl = eq ? (size_t)(eq - q) : len;

		if (kl == nl && memcmp(q, name, nl) == 0) {
			*v = eq ? eq + 1 : q + len;
			*vn = eq ? len - kl - 1 : 0;
			return true;
		}
		q += len;
		if (*q)
			q++;
	}
	return false;
}

int
http_query(struct http_req *r, const struct http_field *fields, size_t n)
{
	char buf[HTTP_VALUE_MAX + 1];

	for (size_t i = 0; i < n; i++) {
		const struct http_field *f = &fields[i];
		const char *v;
		size_t vn;
		bool found = query_find(r->query, f->name, &v, &vn);

		if (found && decode(v, vn, buf) < 0) {
			char msg[128];

			snprintf(msg, sizeof(msg),
			         "query field %s: longer than %d bytes",
			         f->name, HTTP_VALUE_MAX);
			http_error(r, 400, msg);
			return -1;
		}
		if (f->parse(found ? buf : NULL, f->out) < 0) {
			http_error(r, 400, f->msg);
			return -1;
		}
	}
	return 0;
}

/* ---- the loop ----------------------------------------------------------- */

static bool
method_allowed(const char *allow, const char *method)
{
	size_t ml = strlen(method);

	while (*allow) {
		size_t len = strcspn(allow, ", ");

		if (len == ml && ml > 0 && memcmp(allow, method, ml) == 0)
			return true;
		allow += len;
		allow += strspn(allow, ", ");
	}
	return false;
}

static void
dispatch(struct http_req *r, const struct http_route *routes, size_t n,
         void *arg)
{
	for (size_t i = 0; i < n; i++) {
		char allow[128];

		if (strcmp(routes[i].path, r->path) != 0)
			continue;
		if (!method_allowed(routes[i].allow, r->method)) {
			snprintf(allow, sizeof(allow), "Allow: %s\r\n",
			         routes[i].allow);
			send_error(r, 405, "Method Not Allowed", allow);
			return;
		}
		routes[i].fn(r, arg);
		if (!r->sent)
			http_error(r, 500, "no answer");
		return;
	}
	http_error(r, 404, "Not Found");
}

static void
prepare(struct http_req *r, char *pathbuf, size_t pathlen)
{
	const char *p;

	r->method = http_param(r, "REQUEST_METHOD");
	r->method = r->method ? r->method : "";
	r->query = http_param(r, "QUERY_STRING");
	r->query = r->query ? r->query : "";
	r->head = strcmp(r->method, "HEAD") == 0;
	r->sent = false;
	if ((p = http_param(r, "PATH_INFO")) && *p)
		r->path = p;
	else if ((p = http_param(r, "DOCUMENT_URI")) && *p)
		r->path = p;
	else if ((p = http_param(r, "REQUEST_URI")) && *p) {
		snprintf(pathbuf, pathlen, "%.*s", (int)strcspn(p, "?"), p);
		r->path = pathbuf;
	} else
		r->path = "/";
}

static volatile sig_atomic_t stopping;

static void
on_signal(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

/* No SA_RESTART: the signal must break libfcgi out of accept() and out of
 * the lock the workers sharing a socket take around it. */
static void
catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
}

static int
serve_cgi(const struct http_route *routes, size_t n, void *arg)
{
	struct http_req r = {.envp = environ};
	char pathbuf[1024];

	prepare(&r, pathbuf, sizeof(pathbuf));
	dispatch(&r, routes, n, arg);
	return fflush(stdout) == 0 ? 0 : 1;
}

int
http_serve(const struct http_route *routes, size_t n, void *arg)
{
	FCGX_Request req;
	char pathbuf[1024];

	if (FCGX_Init() != 0) {
		fprintf(stderr, "FCGX_Init: failed\n");
		return 1;
	}
	if (FCGX_IsCGI())
		return serve_cgi(routes, n, arg);
	catch_signals();
	/* FCGI_FAIL_ACCEPT_ON_INTR: without it libfcgi retries an interrupted
	 * lock wait forever, and SIGTERM would go unheard until the next
	 * request. */
	if (FCGX_InitRequest(&req, 0, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
		fprintf(stderr, "FCGX_InitRequest: failed\n");
		return 1;
	}
	for (;;) {
		struct http_req r = {0};
		int rc = FCGX_Accept_r(&req);

		if (rc < 0 && !stopping && rc == -EINTR)
			continue;
		if (rc < 0) {
			if (!stopping)
				fprintf(stderr, "FCGX_Accept_r: %s\n",
				        strerror(-rc));
			break;
		}
		r.in = req.in;
		r.out = req.out;
		r.envp = req.envp;
		prepare(&r, pathbuf, sizeof(pathbuf));
		dispatch(&r, routes, n, arg);
		FCGX_Finish_r(&req);
	}
	FCGX_Free(&req, 1);
	return stopping ? 0 : 1;
}
