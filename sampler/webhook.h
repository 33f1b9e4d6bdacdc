/* webhook.h: webhook configuration and the sampler's side of sending: it
 * decides (alert.h) and hands the post to sysdash-notify, a child process,
 * so a slow or dead receiver never delays a sample. */
#ifndef WEBHOOK_H
#define WEBHOOK_H

#include "alert.h"
#include "message.h"

enum wh_format { WH_TEXT, WH_TEAMS };

struct wh_config {
	bool enabled; /* WEBHOOK_URL is set */
	char url[2048];
	double min_seconds;    /* WEBHOOK_MIN_SECONDS, default 300 */
	enum wh_format format; /* WEBHOOK_FORMAT: text (default), teams */
	enum sd_lang lang;     /* SYSDASH_LANG: fr (default), en, es, ru */
	char dir[4096];        /* where webhook.state and webhooks.jsonl live */
	char state_path[4200];
	char log_path[4200];
	char notify_bin[4096]; /* SYSDASH_NOTIFY, else beside our binary */
	bool failing;          /* the state file is unusable (reported once) */
};

/* Reads and checks WEBHOOK_URL, WEBHOOK_MIN_SECONDS, WEBHOOK_FORMAT and
 * SYSDASH_LANG; webhook.state and webhooks.jsonl go in data_dir (the
 * sd_config's). -1 with a message naming the variable in err. */
int wh_config_load(struct wh_config *w, const char *data_dir, char *err,
                   size_t errlen);

/* Accepts only http:// and https:// URLs with a host and no blanks or
 * control characters. 0, or -1 with the reason in err. */
int wh_url_check(const char *url, char *err, size_t errlen);

/* The URL with its secret part hidden: scheme, host and the first few
 * characters of the path ("https://hooks.slack.com/serv…"). */
void wh_redact(const char *url, char *buf, size_t n);

/* Called on every sample: steps the shared state and, when a post is due,
 * starts sysdash-notify without waiting for it. */
void wh_on_sample(struct wh_config *w, const struct metrics *m);

#endif
