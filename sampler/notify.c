/* notify.c: sysdash-notify, the webhook sender. The sampler starts it for
 * each post so that libcurl, timeouts and retries stay off the sampling
 * path; scripts/notify-test runs it by hand to check a webhook. */
#include "alert.h"
#include "export.h"
#include "message.h"
#include "state.h"
#include "sysdash.h"
#include "webhook.h"

#include <curl/curl.h>
#include <errno.h>
#include <getopt.h>
#include <json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PROG "sysdash-notify"
#define TRIES 3
#define TIMEOUT_S 5L

struct outcome {
	long http; /* last HTTP status, 0 when none came back */
	int tries;
	bool ok;
	bool refused; /* a 4xx other than 429: retrying cannot help */
	char error[CURL_ERROR_SIZE + 64];
};

/* {"text": "..."}: Slack, Mattermost and the old tool's receivers */
static json_object *
payload_text(const char *text)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "text", json_object_new_string(text));
	return o;
}

/* A message with one Adaptive Card, as Teams' Workflows webhooks take it:
 * the first line is the title, the rest one text block each. */
static json_object *
payload_teams(const char *text)
{
	json_object *msg = json_object_new_object();
	json_object *atts = json_object_new_array();
	json_object *att = json_object_new_object();
	json_object *card = json_object_new_object();
	json_object *body = json_object_new_array();
	const char *line = text;

	json_object_object_add(
		card, "$schema",
		json_object_new_string(
			"http://adaptivecards.io/schemas/adaptive-card.json"));
	json_object_object_add(card, "type",
	                       json_object_new_string("AdaptiveCard"));
	json_object_object_add(card, "version", json_object_new_string("1.4"));
	for (int i = 0; *line; i++) {
		size_t len = strcspn(line, "\n");
		json_object *tb = json_object_new_object();

		json_object_object_add(tb, "type",
		                       json_object_new_string("TextBlock"));
		json_object_object_add(
			tb, "text", json_object_new_string_len(line, (int)len));
		json_object_object_add(tb, "wrap", json_object_new_boolean(1));
		if (i == 0) {
			json_object_object_add(
				tb, "weight", json_object_new_string("Bolder"));
			json_object_object_add(
				tb, "size", json_object_new_string("Medium"));
		}
		json_object_array_add(body, tb);
		line += len + (line[len] == '\n');
	}
	json_object_object_add(card, "body", body);
	json_object_object_add(
		att, "contentType",
		json_object_new_string(
			"application/vnd.microsoft.card.adaptive"));
	json_object_object_add(att, "contentUrl", NULL);
	json_object_object_add(att, "content", card);
	json_object_array_add(atts, att);
	json_object_object_add(msg, "type", json_object_new_string("message"));
	json_object_object_add(msg, "attachments", atts);
	return msg;
}

/* Bytes that are not UTF-8 (a Latin-1 host name) become '?': JSON is
 * UTF-8 and receivers refuse anything else. */
static void
utf8_fix(char *s)
{
	unsigned char *p = (unsigned char *)s;

	while (*p) {
		int n = *p < 0x80                         ? 0 :
		        (*p & 0xe0) == 0xc0 && *p >= 0xc2 ? 1 :
		        (*p & 0xf0) == 0xe0               ? 2 :
		        (*p & 0xf8) == 0xf0 && *p <= 0xf4 ? 3 :
		                                            -1;
		int ok = n >= 0;

		for (int i = 1; ok && i <= n; i++)
			ok = (p[i] & 0xc0) == 0x80;
		if (!ok) {
			*p++ = '?';
			continue;
		}
		p += n + 1;
	}
}

static size_t
discard(char *p, size_t size, size_t n, void *ud)
{
	(void)p;
	(void)ud;
	return size * n;
}

/* Network errors, 5xx and 429 may pass on a later try; other 4xx won't. */
static bool
retryable(CURLcode rc, long http)
{
	if (rc != CURLE_OK)
		return true;
	return http == 429 || http >= 500;
}

static void
post(const char *url, const char *body, struct outcome *out)
{
	char errbuf[CURL_ERROR_SIZE];
	struct curl_slist *hdr = NULL;
	CURL *h = curl_easy_init();
	CURLcode rc = CURLE_FAILED_INIT;

	memset(out, 0, sizeof(*out));
	if (!h) {
		snprintf(out->error, sizeof(out->error),
		         "curl_easy_init failed");
		return;
	}
	hdr = curl_slist_append(
		hdr, "Content-Type: application/json; charset=utf-8");
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	curl_easy_setopt(h, CURLOPT_TIMEOUT, TIMEOUT_S);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "sysdash/" SYSDASH_VERSION);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	for (int backoff = 1; out->tries < TRIES; backoff *= 2) {
		errbuf[0] = '\0';
		out->http = 0;
		out->tries++;
		rc = curl_easy_perform(h);
		if (rc == CURLE_OK)
			curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE,
			                  &out->http);
		if (!retryable(rc, out->http) || out->tries == TRIES)
			break;
		sleep((unsigned)backoff); /* 1 s, then 2 s */
	}
	out->ok = rc == CURLE_OK && out->http >= 200 && out->http < 300;
	out->refused = rc == CURLE_OK && out->http >= 400 && out->http < 500 &&
	               out->http != 429;
	if (rc != CURLE_OK)
		snprintf(out->error, sizeof(out->error), "%s",
		         errbuf[0] ? errbuf : curl_easy_strerror(rc));
	else if (!out->ok)
		snprintf(out->error, sizeof(out->error), "HTTP %ld", out->http);
	curl_slist_free_all(hdr);
	curl_easy_cleanup(h);
}

/* One JSON line per outcome in webhooks.jsonl: what a user checks first. */
static void
log_outcome(const char *path, const char *kind, const char *where,
            const struct outcome *out)
{
	struct timespec now;
	char ts[48], err[512];
	json_object *o = json_object_new_object();

	clock_gettime(CLOCK_REALTIME, &now);
	util_iso8601(&now, ts, sizeof(ts));
	json_object_object_add(o, "time", json_object_new_string(ts));
	json_object_object_add(o, "kind", json_object_new_string(kind));
	json_object_object_add(o, "ok", json_object_new_boolean(out->ok));
	json_object_object_add(o, "http_status",
	                       out->http ? json_object_new_int((int)out->http) :
	                                   NULL);
	json_object_object_add(o, "tries", json_object_new_int(out->tries));
	json_object_object_add(o, "error",
	                       out->ok ? NULL :
	                                 json_object_new_string(out->error));
	json_object_object_add(o, "url", json_object_new_string(where));
	if (export_append_json(path, 0640, o, err, sizeof(err)) < 0)
		fprintf(stderr, PROG ": %s\n", err);
	json_object_put(o);
}

static void
usage(FILE *f)
{
	fprintf(f,
	        "usage: " PROG
	        " --kind critical|reminder|resolved|test [--text TEXT]\n"
	        "                      [--state PATH] [--log PATH]\n"
	        "Posts one message to WEBHOOK_URL (WEBHOOK_FORMAT text or "
	        "teams):\n"
	        "5 s timeout, up to 3 tries on network errors, 5xx and 429.\n"
	        "Without --text it samples this host and writes the message "
	        "in\n"
	        "SYSDASH_LANG. Each outcome goes to stderr and, as a JSON "
	        "line, to\n"
	        "--log (default: webhooks.jsonl in the data folder).\n"
	        "Exit status: 0 delivered, 1 not delivered, 2 bad usage.\n");
}

/* The message when none was given: this host, now. */
static int
sample_message(const struct sd_config *c, const struct wh_config *w,
               enum alert_kind kind, char *text, size_t n)
{
	struct cpu_times now;
	struct metrics m;
	char err[512];

	if (metrics_collect_fresh(c, 250, &now, &m, err, sizeof(err)) < 0) {
		fprintf(stderr, PROG ": %s\n", err);
		return -1;
	}
	return msg_format(w->lang, kind, &m, text, n);
}

/* What the command line asks for. */
struct args {
	enum alert_kind kind;
	const char *state, *log;
	char text[2048];
};

/* 0 to go on; -1 to exit with *code (0 after --help, 2 on bad usage). */
static int
parse_args(int argc, char **argv, struct args *a, int *code)
{
	static const struct option longopts[] = {
		{"kind", required_argument, NULL, 'k'},
		{"text", required_argument, NULL, 't'},
		{"state", required_argument, NULL, 's'},
		{"log", required_argument, NULL, 'l'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;

	*a = (struct args){.kind = ALERT_MAX};
	*code = 2;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			if (alert_kind_parse(optarg, &a->kind) < 0 ||
			    a->kind == ALERT_NONE) {
				fprintf(stderr,
				        PROG ": --kind: critical, reminder, "
				             "resolved or test, got '%.20s'\n",
				        optarg);
				return -1;
			}
			break;
		case 't':
			if (strlen(optarg) >= sizeof(a->text)) {
				fprintf(stderr,
				        PROG
				        ": --text: longer than %zu bytes\n",
				        sizeof(a->text) - 1);
				return -1;
			}
			memcpy(a->text, optarg, strlen(optarg) + 1);
			break;
		case 's':
			a->state = optarg;
			break;
		case 'l':
			a->log = optarg;
			break;
		case 'h':
			usage(stdout);
			*code = 0;
			return -1;
		default:
			usage(stderr);
			return -1;
		}
	}
	if (a->kind == ALERT_MAX || optind < argc) {
		usage(stderr);
		return -1;
	}
	return 0;
}

/* Posts text in the webhook's format; -1 when curl cannot start. */
static int
send_text(const struct wh_config *w, const char *text, struct outcome *out)
{
	json_object *body;

	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fprintf(stderr, PROG ": curl_global_init failed\n");
		return -1;
	}
	body = w->format == WH_TEAMS ? payload_teams(text) : payload_text(text);
	post(w->url,
	     json_object_to_json_string_ext(
		     body,
		     JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE),
	     out);
	json_object_put(body);
	curl_global_cleanup();
	return 0;
}

/* The outcome on stderr, for whoever ran us by hand. */
static void
report(enum alert_kind kind, const char *where, const struct outcome *out)
{
	const char *tries = out->tries == 1 ? "try" : "tries";

	if (out->ok)
		fprintf(stderr, PROG ": %s to %s: delivered, HTTP %ld, %d %s\n",
		        alert_kind_name(kind), where, out->http, out->tries,
		        tries);
	else
		fprintf(stderr,
		        PROG ": %s to %s: NOT delivered after %d %s: %s%s\n",
		        alert_kind_name(kind), where, out->tries, tries,
		        out->error,
		        out->refused ? " (refused: not tried again before the "
		                       "status changes)" :
		                       "");
}

/* The sampler reads the state to space its next post of this kind. */
static void
record_state(const char *path, enum alert_kind kind, const struct outcome *out)
{
	enum alert_outcome d = out->ok      ? ALERT_DELIVERED :
	                       out->refused ? ALERT_REFUSED :
	                                      ALERT_FAILED;
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	if (alert_record(path, kind, d,
	                 (double)now.tv_sec + (double)now.tv_nsec / 1e9) < 0)
		fprintf(stderr, PROG ": webhook state: %s\n", strerror(errno));
}

int
main(int argc, char **argv)
{
	struct sd_config cfg;
	struct wh_config w;
	struct outcome out;
	struct args a;
	char err[512], where[256];
	int code;

	if (parse_args(argc, argv, &a, &code) < 0)
		return code;
	if (config_load(&cfg, SD_CLI, err, sizeof(err)) < 0 ||
	    wh_config_load(&w, cfg.data_dir, err, sizeof(err)) < 0) {
		fprintf(stderr, PROG ": %s\n", err);
		return 2;
	}
	if (!w.enabled) {
		fprintf(stderr,
		        PROG ": WEBHOOK_URL is not set: nothing to send to\n");
		return 2;
	}
	if (!*a.text &&
	    sample_message(&cfg, &w, a.kind, a.text, sizeof(a.text)) < 0)
		return 1;
	utf8_fix(a.text);
	if (send_text(&w, a.text, &out) < 0)
		return 1;
	wh_redact(w.url, where, sizeof(where));
	report(a.kind, where, &out);
	if (!a.log) {
		char dir[sizeof(w.dir)];

		memcpy(dir, w.dir, sizeof(dir));
		state_make_dirs(dir);
	}
	log_outcome(a.log ? a.log : w.log_path, alert_kind_name(a.kind), where,
	            &out);
	record_state(a.state ? a.state : w.state_path, a.kind, &out);
	return out.ok ? 0 : 1;
}
