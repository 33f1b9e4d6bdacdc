/* webhook.c: webhook settings, URL checks and the hand-off to
 * sysdash-notify (posix_spawn; SIGCHLD is ignored so children reap
 * themselves). */
#include "webhook.h"

#include "state.h"

#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

extern char **environ;

/* [user@]host[:port] or [user@][v6]:port: the port is digits <= 65535 */
static int
port_check(const char *auth, size_t len)
{
	const char *end = auth + len, *at = memrchr(auth, '@', len), *colon;
	long port = 0;

	if (at)
		auth = at + 1;
	if (*auth == '[') {
		const char *rb = memchr(auth, ']', (size_t)(end - auth));

		if (!rb || (rb + 1 < end && rb[1] != ':'))
			return -1;
		colon = rb + 1 < end ? rb + 1 : NULL;
	} else {
		colon = memchr(auth, ':', (size_t)(end - auth));
	}
	if (!colon)
		return 0;
	for (const char *p = colon + 1; p < end; p++) {
		if (*p < '0' || *p > '9' ||
		    (port = port * 10 + (*p - '0')) > 65535)
			return -1;
	}
	return 0;
}

int
wh_url_check(const char *url, char *err, size_t errlen)
{
	const char *host;
	size_t hostlen;

	if (strlen(url) >= 2048) {
		snprintf(err, errlen,
		         "WEBHOOK_URL: longer than 2047 characters");
		return -1;
	}
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f) {
			snprintf(err, errlen,
			         "WEBHOOK_URL: contains a blank or "
			         "control character");
			return -1;
		}
	if (!strncasecmp(url, "https://", 8))
		host = url + 8;
	else if (!strncasecmp(url, "http://", 7))
		host = url + 7;
	else {
		snprintf(err, errlen,
		         "WEBHOOK_URL: only http:// and https:// "
		         "URLs are accepted, got '%.*s'",
		         (int)strcspn(url, ":/?#@"), url);
		return -1;
	}
	hostlen = strcspn(host, "/?#");
	if (hostlen == 0 || host[0] == ':' || host[0] == '@' ||
	    host[hostlen - 1] == '@' || host[hostlen - 1] == ':') {
		snprintf(err, errlen, "WEBHOOK_URL: no host name in the URL");
		return -1;
	}
	if (port_check(host, hostlen) < 0) {
		snprintf(err, errlen,
		         "WEBHOOK_URL: the port must be a number "
		         "from 0 to 65535");
		return -1;
	}
	return 0;
}

void
wh_redact(const char *url, char *buf, size_t n)
{
	const char *host = strstr(url, "://");
	const char *at, *path;
	size_t hostlen, keep;

	if (!host) {
		snprintf(buf, n, "(invalid URL)");
		return;
	}
	host += 3;
	hostlen = strcspn(host, "/?#");
	/* user:password@ is a secret too */
	at = memchr(host, '@', hostlen);
	if (at) {
		hostlen -= (size_t)(at + 1 - host);
		host = at + 1;
	}
	path = host + hostlen;
	keep = strlen(path) < 5 ? strlen(path) : 5;
	while (keep > 0 && ((unsigned char)path[keep] & 0xc0) == 0x80)
		keep--; /* not inside a UTF-8 character */
	snprintf(buf, n, "%.*s://%.*s%.*s%s", (int)(strstr(url, "://") - url),
	         url, (int)hostlen, host, (int)keep, path,
	         path[keep] ? "…" : "");
}

static int
env_choice(const char *name, const char *def, const char *const *choices,
           int nchoices, int *out, char *err, size_t errlen)
{
	const char *v = getenv(name);

	if (!v || !*v)
		v = def;
	for (int i = 0; i < nchoices; i++)
		if (!strcasecmp(v, choices[i])) {
			*out = i;
			return 0;
		}
	snprintf(err, errlen, "%s: must be one of", name);
	for (int i = 0; i < nchoices; i++)
		snprintf(err + strlen(err), errlen - strlen(err), " %s",
		         choices[i]);
	snprintf(err + strlen(err), errlen - strlen(err), ", got '%.20s'", v);
	return -1;
}

/* sysdash-notify sits beside the sampler, built or installed */
static void
find_notify(char *buf, size_t n)
{
	const char *env = getenv("SYSDASH_NOTIFY");
	char self[4096];
	ssize_t len;

	if (env && *env) {
		snprintf(buf, n, "%s", env);
		return;
	}
	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len <= 0) {
		snprintf(buf, n, "sysdash-notify");
		return;
	}
	self[len] = '\0';
	snprintf(buf, n, "%s/sysdash-notify", dirname(self));
}

int
wh_config_load(struct wh_config *w, const char *data_dir, char *err,
               size_t errlen)
{
	static const char *const formats[] = {"text", "teams"};
	const char *langs[SD_LANG_MAX];
	const char *url = getenv("WEBHOOK_URL");
	const char *min = getenv("WEBHOOK_MIN_SECONDS");
	int format, lang;

	memset(w, 0, sizeof(*w));
	for (int i = 0; i < SD_LANG_MAX; i++)
		langs[i] = sd_lang_code((enum sd_lang)i);
	w->min_seconds = 300;
	if (min && *min &&
	    (util_parse_double(min, &w->min_seconds) < 0 ||
	     w->min_seconds < 0 || w->min_seconds > 31536000)) {
		snprintf(err, errlen,
		         "WEBHOOK_MIN_SECONDS: must be a number of "
		         "seconds from 0 to 31536000, got '%.40s'",
		         min);
		return -1;
	}
	if (env_choice("WEBHOOK_FORMAT", "text", formats, 2, &format, err,
	               errlen) < 0 ||
	    env_choice("SYSDASH_LANG", "fr", langs, SD_LANG_MAX, &lang, err,
	               errlen) < 0)
		return -1;
	w->format = (enum wh_format)format;
	w->lang = (enum sd_lang)lang;
	if (!url || !*url)
		return 0;
	if (wh_url_check(url, err, errlen) < 0)
		return -1;
	snprintf(w->url, sizeof(w->url), "%s", url);
	if ((size_t)snprintf(w->dir, sizeof(w->dir), "%s", data_dir) >=
	    sizeof(w->dir)) {
		snprintf(err, errlen, "SYSDASH_DATA_DIR: path too long");
		return -1;
	}
	snprintf(w->state_path, sizeof(w->state_path), "%s/webhook.state",
	         w->dir);
	snprintf(w->log_path, sizeof(w->log_path), "%s/webhooks.jsonl", w->dir);
	find_notify(w->notify_bin, sizeof(w->notify_bin));
	w->enabled = true;
	return 0;
}

static void
spawn_notify(const struct wh_config *w, enum alert_kind kind, const char *text,
             double now)
{
	char *argv[] = {
		"sysdash-notify",
		"--kind",
		(char *)alert_kind_name(kind),
		"--state",
		(char *)w->state_path,
		"--log",
		(char *)w->log_path,
		"--text",
		(char *)text,
		NULL,
	};
	pid_t pid;
	int rc;

	/* WEBHOOK_URL and WEBHOOK_FORMAT reach it through the environment:
	 * the URL's secret never shows in ps */
	rc = posix_spawn(&pid, w->notify_bin, NULL, NULL, argv, environ);
	if (rc != 0) {
		fprintf(stderr,
		        "sysdash-sampler: webhook: cannot start %s: %s "
		        "(%s not sent)\n",
		        w->notify_bin, strerror(rc), alert_kind_name(kind));
		alert_record(w->state_path, kind, ALERT_FAILED, now);
	}
}

void
wh_on_sample(struct wh_config *w, const struct metrics *m)
{
	struct health h;
	char text[2048], dir[4096];
	double now = (double)m->when.tv_sec + (double)m->when.tv_nsec / 1e9;
	int k;

	health_compute(m->cpu_percent, m->ram_percent, m->disk_percent, &h);
	memcpy(dir, w->dir, sizeof(dir));
	if (state_make_dirs(dir) < 0 ||
	    (k = alert_update(w->state_path, h.status, now, w->min_seconds)) <
	            0) {
		if (!w->failing)
			fprintf(stderr,
			        "sysdash-sampler: webhook state %s: %s "
			        "(notifications paused)\n",
			        w->state_path, strerror(errno));
		w->failing = true;
		return;
	}
	w->failing = false;
	if (k == ALERT_NONE)
		return;
	if (msg_format(w->lang, (enum alert_kind)k, m, text, sizeof(text)) < 0)
		return;
	spawn_notify(w, (enum alert_kind)k, text, now);
}
