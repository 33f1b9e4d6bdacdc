/* action.c: POST /api/action runs one approved action; GET /api/actions
 * lists them with their availability. Safe by construction: a request
 * picks a name from a fixed table and never an argument; the token is read
 * once at start and compared in constant time; every attempt is audited. */
#include "actions.h"
#include "actreq.h"
#include "export.h"
#include "http.h"
#include "sysdash.h"

#include <errno.h>
#include <fcntl.h>
#include <json.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#define PROG "action.fcgi"
#define BODY_MAX 4096
#define TOKEN_MIN 16

struct server {
	struct sd_config cfg;
	struct action_env env;
	char token[512];
	bool enabled;
	const char *disabled; /* why actions are off, for the 403 */
	char tmpdir[512], home[512], test_exec[1024];
	char audit[1100];
	/* the 400 for a name not in the table: "unknown action: use one of
	 * flush_dns, ..." */
	char unknown_msg[ACT_LIST_MAX + 32];
	struct action_scratch scratch; /* action_run's working memory */
};

/* One audit line per attempt, allowed or not; never the token. */
struct attempt {
	struct timespec start;
	const char *action; /* as requested (may be hostile), or NULL */
	int status;
	const char *outcome; /* "ok", "failed", "refused" */
	const char *message;
};

static double
ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) * 1e3 +
	       (double)(now.tv_nsec - t->tv_nsec) / 1e6;
}

/* The length of s cut to at most max bytes, never inside a UTF-8 sequence. */
static size_t
cut_utf8(const char *s, size_t max)
{
	size_t n = strnlen(s, max);

	if (n == max)
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	return n;
}

static void
audit(const struct server *s, struct http_req *r, const struct attempt *a)
{
	const char *client = http_param(r, "REMOTE_ADDR");
	json_object *o = json_object_new_object();
	struct timespec now;
	char ts[48], err[512], dur[32];

	clock_gettime(CLOCK_REALTIME, &now);
	util_iso8601(&now, ts, sizeof(ts));
	util_fmt_fixed(dur, sizeof(dur), ms_since(&a->start), 1);
	json_object_object_add(o, "time", json_object_new_string(ts));
	json_object_object_add(o, "client",
	                       json_object_new_string(client ? client : ""));
	/* a hostile name is kept, cut to 64 bytes, JSON-escaped */
	json_object_object_add(
		o, "action",
		a->action ? json_object_new_string_len(
				    a->action, (int)cut_utf8(a->action, 64)) :
			    NULL);
	json_object_object_add(o, "outcome",
	                       json_object_new_string(a->outcome));
	json_object_object_add(o, "status", json_object_new_int(a->status));
	json_object_object_add(o, "duration_ms",
	                       json_object_new_double_s(atof(dur), dur));
	json_object_object_add(o, "message",
	                       json_object_new_string(a->message));
	/* 0640: the log names clients */
	if (export_append_json(s->audit, 0640, o, err, sizeof(err)) < 0)
		fprintf(stderr, PROG ": audit: %s\n", err);
	json_object_put(o);
}

/* Answers {"error": msg} with status and audits it as refused. */
static void
refuse(const struct server *s, struct http_req *r, struct attempt *a,
       int status, const char *msg, const char *extra)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "error", json_object_new_string(msg));
	http_send_json(r, status, o, extra);
	a->status = status;
	a->outcome = "refused";
	a->message = msg;
	audit(s, r, a);
}

/* Same length and bytes, in time that depends only on the secret. */
static bool
token_equal(const char *given, const char *secret)
{
	size_t lg = strlen(given), ls = strlen(secret);
	unsigned char d = lg != ls;

	for (size_t i = 0; i < ls; i++)
		d |= (unsigned char)((i < lg ? given[i] : 0) ^ secret[i]);
	return d == 0;
}

/* A page on another site must not make a browser run actions. The Origin
 * must be scheme://Host, the scheme being the one the client used:
 * REQUEST_SCHEME from nginx (a trusted proxy's X-Forwarded-Proto, so the
 * public https:// origin behind Render's TLS), else any. */
static const char *
cross_site(struct http_req *r)
{
	const char *site = http_param(r, "HTTP_SEC_FETCH_SITE");
	const char *origin = http_param(r, "HTTP_ORIGIN");
	const char *host = http_param(r, "HTTP_HOST");
	const char *scheme = http_param(r, "REQUEST_SCHEME");
	const char *auth;

	if (site && !strcasecmp(site, "cross-site"))
		return "cross-site request refused";
	if (!origin)
		return NULL; /* curl and scripts send none */
	auth = strstr(origin, "://");
	if (!auth || !host || strcasecmp(auth + 3, host))
		return "request from another origin refused";
	if (scheme && *scheme &&
	    ((size_t)(auth - origin) != strlen(scheme) ||
	     strncasecmp(origin, scheme, strlen(scheme))))
		return "request from another origin refused (scheme)";
	return NULL;
}

static bool
is_json_type(const char *ct)
{
	size_t n;

	if (!ct)
		return false;
	while (*ct == ' ')
		ct++;
	n = strcspn(ct, "; ");
	return n == 16 && !strncasecmp(ct, "application/json", 16);
}

/* The token from "Authorization: Bearer TOKEN" (the scheme in any case,
 * one or more spaces: RFC 7235), or the old tool's bare "Authorization:
 * TOKEN"; else (no header, another scheme) the body's "token". */
static const char *
given_token(struct http_req *r, const char *in_body)
{
	const char *auth = http_param(r, "HTTP_AUTHORIZATION");

	if (auth && !strncasecmp(auth, "Bearer", 6) &&
	    (auth[6] == ' ' || auth[6] == '\t')) {
		auth += 6;
		while (*auth == ' ' || *auth == '\t')
			auth++;
		return auth;
	}
	if (auth && *auth && !strpbrk(auth, " \t"))
		return auth;
	return in_body ? in_body : "";
}

/* One run of a given action at a time, across worker processes. */
static int
lock_action(const struct server *s, enum action_id id)
{
	char path[1200];
	int fd;

	snprintf(path, sizeof(path), "%s/.action-%s.lock", s->cfg.data_dir,
	         action_name(id));
	if ((fd = util_open_regular(path, O_RDWR | O_CREAT, 0600)) < 0)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

/* collect_logs archives the /api/status answer of the moment. */
static char *
status_now(const struct server *s)
{
	struct cpu_times now;
	struct metrics m;
	char err[256], *out = NULL;
	json_object *o;

	if (metrics_collect_fresh(&s->cfg, 250, &now, &m, err, sizeof(err)) < 0)
		return NULL;
	if ((o = json_status(&m))) {
		out = strdup(json_object_to_json_string_ext(
			o, JSON_C_TO_STRING_PRETTY |
				   JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
	}
	return out;
}

static void
run_and_answer(struct server *s, struct http_req *r, struct attempt *a,
               enum action_id id)
{
	static struct action_result res;
	json_object *o;
	char *status = NULL;
	int lock;

	if ((lock = lock_action(s, id)) < 0) {
		refuse(s, r, a, errno == EWOULDBLOCK ? 409 : 500,
		       errno == EWOULDBLOCK ? "this action is already running" :
		                              "cannot take the action lock",
		       NULL);
		return;
	}
	if (id == ACT_COLLECT_LOGS)
		s->env.status_json = status = status_now(s);
	action_run(id, &s->env, &s->scratch, &res);
	s->env.status_json = NULL;
	free(status);
	close(lock);
	o = json_object_new_object();
	json_object_object_add(o, "action",
	                       json_object_new_string(action_name(id)));
	json_object_object_add(o, "ok", json_object_new_boolean(res.ok));
	json_object_object_add(o, "message",
	                       json_object_new_string(res.message));
	if (res.has_counts) {
		json_object_object_add(o, "files",
		                       json_object_new_int64(res.files));
		json_object_object_add(o, "bytes",
		                       json_object_new_int64(res.bytes));
	}
	if (res.has_path) {
		json_object_object_add(o, "path",
		                       json_object_new_string(res.path));
		json_object_object_add(o, "size",
		                       json_object_new_int64(res.bytes));
	}
	http_send_json(r, 200, o, NULL);
	a->status = 200;
	a->outcome = res.ok ? "ok" : "failed";
	a->message = res.message;
	audit(s, r, a);
}

static void
on_action(struct http_req *r, void *arg)
{
	struct server *s = arg;
	struct attempt a = {.action = NULL};
	static char body[BODY_MAX + 1];
	const char *why, *token;
	json_object *o;
	enum action_id id;
	size_t len;

	clock_gettime(CLOCK_MONOTONIC, &a.start);
	/* set by nginx alone (a header arrives as HTTP_*): it refused the body
	 */
	if ((why = http_param(r, "SYSDASH_REFUSED")) && !strcmp(why, "413")) {
		refuse(s, r, &a, 413, "body larger than 4 KiB", NULL);
		return;
	}
	if ((why = cross_site(r))) {
		refuse(s, r, &a, 403, why, NULL);
		return;
	}
	if (!s->enabled) {
		refuse(s, r, &a, 403, s->disabled, NULL);
		return;
	}
	if (http_read_body(r, body, BODY_MAX, &len) < 0) {
		if (errno == EFBIG)
			refuse(s, r, &a, 413, "body larger than 4 KiB", NULL);
		else
			refuse(s, r, &a, 400, "cannot read the body", NULL);
		return;
	}
	if (!is_json_type(http_param(r, "CONTENT_TYPE"))) {
		refuse(s, r, &a, 415, "Content-Type must be application/json",
		       NULL);
		return;
	}
	if (!(o = actreq_parse(body, len, &a.action, &token, &why))) {
		refuse(s, r, &a, 400, why, NULL);
		return;
	}
	if (!token_equal(given_token(r, token), s->token)) {
		refuse(s, r, &a, 401, "Unauthorized",
		       "WWW-Authenticate: Bearer realm=\"sysdash\"\r\n");
		json_object_put(o);
		return;
	}
	if (!a.action || action_lookup(a.action, &id) < 0)
		refuse(s, r, &a, 400, s->unknown_msg, NULL);
	else
		run_and_answer(s, r, &a, id);
	json_object_put(o);
}

static void
on_list(struct http_req *r, void *arg)
{
	struct server *s = arg;
	json_object *o = json_object_new_object();
	json_object *list = json_object_new_array();
	char reason[256];

	for (int i = 0; i < ACT_MAX; i++) {
		json_object *a = json_object_new_object();
		bool ok = action_available((enum action_id)i, &s->env, reason,
		                           sizeof(reason));

		json_object_object_add(
			a, "name",
			json_object_new_string(action_name((enum action_id)i)));
		json_object_object_add(a, "available",
		                       json_object_new_boolean(ok));
		json_object_object_add(a, "reason",
		                       json_object_new_string(reason));
		json_object_array_add(list, a);
	}
	json_object_object_add(o, "actions", list);
	/* extras: whether actions run at all, and why not */
	json_object_object_add(o, "enabled",
	                       json_object_new_boolean(s->enabled));
	json_object_object_add(
		o, "disabled_reason",
		s->enabled ? NULL : json_object_new_string(s->disabled));
	http_send_json(r, 200, o, NULL);
}

static int
copy_env(char *dst, size_t n, const char *name, const char *def)
{
	const char *v = getenv(name);

	if (!v || !*v)
		v = def;
	if (strlen(v) >= n) {
		fprintf(stderr, PROG ": %s: path too long\n", name);
		return -1;
	}
	memcpy(dst, v, strlen(v) + 1);
	return 0;
}

/* Takes t as the token when its length fits, else says why actions stay
 * off. what names where it came from. */
static void
take_token(struct server *s, const char *t, size_t len, const char *what)
{
	if (len == 0) {
		fprintf(stderr, PROG ": %s is empty: actions stay disabled\n",
		        what);
		s->disabled = "actions are disabled: the token is empty";
	} else if (len < TOKEN_MIN || len >= sizeof(s->token) ||
	           memchr(t, '\0', len)) {
		fprintf(stderr,
		        PROG ": %s must be 16 to 511 characters long (no NUL): "
		             "actions stay disabled\n",
		        what);
		s->disabled = len < TOKEN_MIN ?
		                      "actions are disabled: the token is "
		                      "shorter than 16 characters" :
		                      "actions are disabled: the token is "
		                      "longer than 511 characters";
	} else {
		memcpy(s->token, t, len);
		s->token[len] = '\0';
		s->enabled = true;
	}
}

/* ACTION_TOKEN_FILE: the token is the file's content less one final line
 * end. Only a regular file, at most 4 KiB. */
static void
token_from_file(struct server *s, const char *path)
{
	char *buf = NULL;
	size_t cap = 0, len = 0;
	int fd, rc = -1;

	if ((fd = util_open_regular(path, O_RDONLY, 0)) >= 0) {
		rc = util_pread_all(fd, &buf, &cap, 4096, &len);
		close(fd);
	}
	if (rc < 0) {
		fprintf(stderr,
		        PROG ": ACTION_TOKEN_FILE: open %s: %s: actions stay "
		             "disabled\n",
		        path, util_open_strerror(errno));
		s->disabled =
			"actions are disabled: the token file cannot be read";
	} else {
		if (len && buf[len - 1] == '\n')
			len--;
		if (len && buf[len - 1] == '\r')
			len--;
		take_token(s, buf, len, "the token in ACTION_TOKEN_FILE");
	}
	if (buf)
		explicit_bzero(buf, cap);
	free(buf);
}

/* The token from ACTION_TOKEN_FILE (what scripts/serve passes), else from
 * ACTION_TOKEN, read once at start. The variable is removed from our
 * environment either way. */
static void
load_token(struct server *s)
{
	const char *file = getenv("ACTION_TOKEN_FILE");
	const char *t = getenv("ACTION_TOKEN");

	s->disabled = "actions are disabled: set ACTION_TOKEN (16 characters "
		      "or more) in the server's environment to enable them";
	if (file && *file)
		token_from_file(s, file);
	else if (t && *t)
		take_token(s, t, strlen(t), "ACTION_TOKEN");
	/* /proc/<pid>/environ shows the original strings to our own user:
	 * wipe the value there, not just the pointer */
	if (t)
		explicit_bzero((char *)t, strlen(t));
	unsetenv("ACTION_TOKEN");
}

static int
setup(struct server *s)
{
	struct passwd *pw = getpwuid(geteuid());
	char err[256];

	if (config_load(&s->cfg, SD_SERVER, err, sizeof(err)) < 0) {
		fprintf(stderr, PROG ": %s\n", err);
		return -1;
	}
	load_token(s);
	if (copy_env(s->tmpdir, sizeof(s->tmpdir), "TMPDIR", "/tmp") < 0 ||
	    copy_env(s->test_exec, sizeof(s->test_exec),
	             "SYSDASH_ACTION_TEST_EXEC", "") < 0)
		return -1;
	/* the service user's home, not whatever HOME the starter had */
	snprintf(s->home, sizeof(s->home), "%s",
	         pw && pw->pw_dir ? pw->pw_dir : "/nonexistent");
	if (*s->test_exec &&
	    (s->test_exec[0] != '/' || access(s->test_exec, X_OK) < 0)) {
		fprintf(stderr,
		        PROG ": SYSDASH_ACTION_TEST_EXEC: not an absolute path "
		             "to an executable: %s\n",
		        s->test_exec);
		return -1;
	}
	snprintf(s->audit, sizeof(s->audit), "%s/actions.jsonl",
	         s->cfg.data_dir);
	strcpy(s->unknown_msg, "unknown action: use one of ");
	action_list(s->unknown_msg + strlen(s->unknown_msg),
	            sizeof(s->unknown_msg) - strlen(s->unknown_msg));
	s->env.tmpdir = s->tmpdir;
	s->env.home = s->home;
	s->env.data_dir = s->cfg.data_dir;
	s->env.csv_path = s->cfg.csv;
	s->env.test_exec = *s->test_exec ? s->test_exec : NULL;
	return 0;
}

int
main(void)
{
	static struct server s;
	static const struct http_route routes[] = {
		{"/api/action", "POST", on_action},
		{"/api/actions", "GET, HEAD", on_list},
	};

	if (setup(&s) < 0)
		return 1;
	return http_serve(routes, sizeof(routes) / sizeof(routes[0]), &s);
}
