/* http.h: the FastCGI glue every sysdash endpoint shares: the accept loop
 * (libfcgi FCGX_*, or one plain CGI request), routing with 404/405, query
 * validation through one table, and JSON answers. */
#ifndef SYSDASH_HTTP_H
#define SYSDASH_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include <fcgiapp.h>

struct json_object;

/* One request. Pointers stay valid until the handler returns. */
struct http_req {
	FCGX_Stream *in, *out; /* NULL in CGI mode: stdin and stdout */
	FCGX_ParamArray envp;  /* the request's parameters (environ in CGI) */
	const char *method;    /* REQUEST_METHOD, "" when absent */
	const char *path;      /* the route: PATH_INFO, else DOCUMENT_URI,
	                        * else REQUEST_URI up to '?' */
	const char *query;     /* QUERY_STRING, "" when absent */
	bool head;             /* HEAD: send headers only */
	bool sent;             /* an answer went out */
};

typedef void (*http_handler)(struct http_req *r, void *arg);

/* A path, the methods it takes ("GET, HEAD" — also the Allow header of
 * the 405 answer) and its handler. */
struct http_route {
	const char *path;
	const char *allow;
	http_handler fn;
};

/* Answers requests until shut down (SIGTERM, SIGINT, SIGUSR1): FastCGI on
 * the socket spawn-fcgi left on fd 0, or a single plain CGI request when
 * FCGX_IsCGI() says there is none. Each request is routed through routes:
 * an unknown path gets 404, a method not in the route's allow list 405
 * with Allow, both as JSON; a handler that sends nothing gets 500. Returns
 * main's exit status. */
int http_serve(const struct http_route *routes, size_t n, void *arg);

/* The request parameter name (HTTP_AUTHORIZATION, CONTENT_TYPE...) or
 * NULL. */
const char *http_param(const struct http_req *r, const char *name);

/* Sends status, the headers (Content-Type, Content-Length, Cache-Control:
 * no-store, then extra: preformatted "Name: value\r\n" lines or NULL) and,
 * unless HEAD, the body. 0, or -1 when the client went away. */
int http_send(struct http_req *r, int status, const char *type,
              const char *extra, const char *body, size_t len);

/* Sends a JSON object (compact, slashes unescaped) and puts it. A NULL o
 * (allocation failure) becomes a 500. */
int http_send_json(struct http_req *r, int status, struct json_object *o,
                   const char *extra);

/* Sends {"error": msg} with status. */
int http_error(struct http_req *r, int status, const char *msg);

/* Reads the request body (CONTENT_LENGTH bytes) into buf, which has room
 * for max + 1 bytes, and NUL-terminates it. -1 with errno EFBIG when it
 * announces more than max bytes, EINVAL when CONTENT_LENGTH is not a
 * number, EIO when it ends early. */
int http_read_body(struct http_req *r, char *buf, size_t max, size_t *len);

/* A query field and its validator: parse gets the first value of name,
 * percent-decoded ('+' is a space), or NULL when absent, and returns 0, or
 * -1 to refuse the request with 400 and msg. */
#define HTTP_VALUE_MAX 1024

struct http_field {
	const char *name;
	int (*parse)(const char *value, void *out);
	void *out;
	const char *msg;
};

/* Validates the whole query against the table before any work. Returns 0,
 * or -1 having answered 400 {"error": msg}. Unknown fields are ignored; a
 * bad %-escape is kept as written (as Werkzeug did); a value longer than
 * HTTP_VALUE_MAX bytes is refused with 400. */
int http_query(struct http_req *r, const struct http_field *fields, size_t n);

/* The reason phrase for a status ("Not Found"). */
const char *http_reason(int status);

#endif
