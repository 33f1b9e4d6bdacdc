/* view.c: from one sample to every text and alert level a desktop window
 * shows, in four languages; no toolkit and no drawing here. */
#include "view.h"

#include "paths.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The msgids are English: they are the English texts. */
#define N_(s) (s)

static const char *const card_title[VIEW_CARD_MAX] = {
	N_("System health"), N_("CPU"), N_("Memory"), N_("Disk"), N_("Uptime"),
};

static const char *const status_text[HEALTH_MAX] = {
	N_("Good"),
	N_("Needs attention"),
	N_("Critical"),
};

static const char *const level_name[VIEW_LEVEL_MAX] = {
	"waiting",
	"ok",
	"warn",
	"alert",
};

static const char *
tr(const struct view *v, const char *msgid)
{
	return catalog_get(v->cat, msgid);
}

const char *
view_level_name(enum view_level l)
{
	return l < VIEW_LEVEL_MAX ? level_name[l] : "waiting";
}

int
view_fmt_number(enum sd_lang l, double v, int decimals, char *buf, size_t n)
{
	int len = util_fmt_fixed(buf, n, util_round(v, decimals), decimals);
	char *dot;

	if (len >= 0 && l != SD_EN && (dot = strchr(buf, '.')))
		*dot = ',';
	return len;
}

static void fill(char *buf, size_t n, const char *fmt, const char *a,
                 const char *b, const char *c);

/* "12,5 %" as Intl writes it: a narrow no-break space in French, a
 * no-break space in Spanish and Russian, none in English. */
static void
fmt_percent(enum sd_lang l, double v, int decimals, char *buf, size_t n)
{
	static const char *const sep[SD_LANG_MAX] = {
		"\u202f",
		"",
		"\u00a0",
		"\u00a0",
	};
	char num[64];

	if (view_fmt_number(l, v, decimals, num, sizeof(num)) < 0)
		snprintf(num, sizeof(num), "?");
	fill(buf, n, "%s%s%%", num, sep[l < SD_LANG_MAX ? l : 0], NULL);
}

/* Fills a string from a translated format holding %s placeholders only
 * (translations are data: never hand one to printf as a format). */
static void
fill(char *buf, size_t n, const char *fmt, const char *a, const char *b,
     const char *c)
{
	const char *args[3] = {a, b, c};
	size_t o = 0;
	int k = 0;

	for (; *fmt && o + 1 < n; fmt++) {
		if (fmt[0] == '%' && fmt[1] == 's') {
			const char *s = k < 3 && args[k] ? args[k] : "";
			size_t len = strlen(s);

			k++;
			fmt++;
			if (len > n - 1 - o)
				len = n - 1 - o;
			memcpy(buf + o, s, len);
			o += len;
		} else if (fmt[0] == '%' && fmt[1] == '%') {
			buf[o++] = '%';
			fmt++;
		} else {
			buf[o++] = *fmt;
		}
	}
	buf[o] = '\0';
}

static void
set_accessible(struct view_card *c)
{
	fill(c->accessible, sizeof(c->accessible), "%s: %s", c->title, c->value,
	     NULL);
	if (*c->detail) {
		size_t o = strlen(c->accessible);

		fill(c->accessible + o, sizeof(c->accessible) - o, ", %s",
		     c->detail, NULL, NULL);
	}
	if (*c->flag) {
		size_t o = strlen(c->accessible);

		fill(c->accessible + o, sizeof(c->accessible) - o, ", %s",
		     c->flag, NULL, NULL);
	}
}

void
view_init(struct view *v, enum sd_lang lang, const struct catalog *cat)
{
	int i;

	memset(v, 0, sizeof(*v));
	v->lang = lang < SD_LANG_MAX ? lang : SD_FR;
	v->cat = cat;
	for (i = 0; i < VIEW_CARD_MAX; i++) {
		struct view_card *c = &v->card[i];

		snprintf(c->title, sizeof(c->title), "%s",
		         tr(v, card_title[i]));
		snprintf(c->value, sizeof(c->value), "–");
		c->level = VIEW_WAITING;
		set_accessible(c);
	}
	snprintf(v->banner, sizeof(v->banner), "%s",
	         tr(v, N_("Waiting for the first measurements…")));
	snprintf(v->status_line, sizeof(v->status_line), "%s", v->banner);
}

/* A threshold card (CPU, RAM): the flag says it in words. */
static void
threshold_card(struct view *v, struct view_card *c, double pct, bool alert,
               double threshold)
{
	char thr[64];

	fmt_percent(v->lang, pct, 1, c->value, sizeof(c->value));
	c->level = alert ? VIEW_ALERT : VIEW_OK;
	*c->flag = '\0';
	if (alert) {
		fmt_percent(v->lang, threshold, 0, thr, sizeof(thr));
		fill(c->flag, sizeof(c->flag),
		     tr(v, N_("Alert threshold reached (%s)")), thr, NULL,
		     NULL);
	}
}

static void
gib_pair(struct view *v, double used, double total, char *buf, size_t n)
{
	char u[64], t[64];

	view_fmt_number(v->lang, used, 2, u, sizeof(u));
	view_fmt_number(v->lang, total, 2, t, sizeof(t));
	fill(buf, n, tr(v, N_("%s / %s GiB")), u, t, NULL);
}

/* "Alerte : Processeur à 95,0 % (seuil 80 %), Mémoire à …" or all clear */
static void
make_banner(struct view *v, const struct metrics *m)
{
	char list[400] = "", item[200], val[64], thr[64];
	const struct {
		bool on;
		enum view_card_id c;
		double pct, thr;
	} a[2] = {
		{m->cpu_alert, VIEW_CPU, m->cpu_percent,
	         m->cpu_alert_threshold},
		{m->ram_alert, VIEW_RAM, m->ram_percent,
	         m->ram_alert_threshold},
	};
	int i;

	for (i = 0; i < 2; i++) {
		if (!a[i].on)
			continue;
		fmt_percent(v->lang, a[i].pct, 1, val, sizeof(val));
		fmt_percent(v->lang, a[i].thr, 0, thr, sizeof(thr));
		fill(item, sizeof(item), tr(v, N_("%s at %s (threshold %s)")),
		     v->card[a[i].c].title, val, thr);
		if (*list)
			strncat(list, ", ", sizeof(list) - strlen(list) - 1);
		strncat(list, item, sizeof(list) - strlen(list) - 1);
	}
	if (*list)
		fill(v->banner, sizeof(v->banner), tr(v, N_("Alert: %s")), list,
		     NULL, NULL);
	else
		snprintf(v->banner, sizeof(v->banner), "%s",
		         tr(v, N_("All clear: no threshold exceeded")));
}

static void
make_status_line(struct view *v)
{
	if (*v->sample_error)
		fill(v->status_line, sizeof(v->status_line),
		     tr(v, N_("Cannot read the metrics: %s")), v->sample_error,
		     NULL, NULL);
	else if (v->exp.enabled && v->exp.failing)
		fill(v->status_line, sizeof(v->status_line),
		     tr(v, N_("Export failed: %s (sampling goes on)")),
		     v->exp.error, NULL, NULL);
	else if (v->have_sample)
		fill(v->status_line, sizeof(v->status_line),
		     tr(v, N_("Last sample at %s")), v->last_time, NULL, NULL);
}

static void
health_card(struct view *v, const struct metrics *m)
{
	static const enum view_level lvl[HEALTH_MAX] = {VIEW_OK, VIEW_WARN,
	                                                VIEW_ALERT};
	struct view_card *c = &v->card[VIEW_HEALTH];
	struct health h;
	char score[16];

	health_compute(m->cpu_percent, m->ram_percent, m->disk_percent, &h);
	v->score = h.score;
	v->status = h.status;
	snprintf(score, sizeof(score), "%d", h.score);
	fill(c->value, sizeof(c->value), tr(v, N_("%s / 100")), score, NULL,
	     NULL);
	snprintf(c->detail, sizeof(c->detail), "%s",
	         tr(v, status_text[h.status]));
	/* the status word in the detail says the level, not colour alone */
	c->level = lvl[h.status];
	*c->flag = '\0';
}

void
view_update(struct view *v, const struct metrics *m)
{
	struct tm tm;
	time_t t = m->when.tv_sec;
	int i;

	v->have_sample = true;
	*v->sample_error = '\0';
	health_card(v, m);
	threshold_card(v, &v->card[VIEW_CPU], m->cpu_percent, m->cpu_alert,
	               m->cpu_alert_threshold);
	threshold_card(v, &v->card[VIEW_RAM], m->ram_percent, m->ram_alert,
	               m->ram_alert_threshold);
	gib_pair(v, m->ram_used_gib, m->ram_total_gib, v->card[VIEW_RAM].detail,
	         sizeof(v->card[VIEW_RAM].detail));
	fmt_percent(v->lang, m->disk_percent, 1, v->card[VIEW_DISK].value,
	            sizeof(v->card[VIEW_DISK].value));
	gib_pair(v, m->disk_used_gib, m->disk_total_gib,
	         v->card[VIEW_DISK].detail, sizeof(v->card[VIEW_DISK].detail));
	v->card[VIEW_DISK].level = VIEW_OK;
	snprintf(v->card[VIEW_UPTIME].value, sizeof(v->card[VIEW_UPTIME].value),
	         "%s", m->uptime_hms);
	v->card[VIEW_UPTIME].level = VIEW_OK;
	v->level = VIEW_OK;
	for (i = 0; i < VIEW_CARD_MAX; i++) {
		set_accessible(&v->card[i]);
		if (v->card[i].level > v->level)
			v->level = v->card[i].level;
	}
	make_banner(v, m);
	if (!localtime_r(&t, &tm) ||
	    !strftime(v->last_time, sizeof(v->last_time), "%H:%M:%S", &tm))
		snprintf(v->last_time, sizeof(v->last_time), "?");
	view_trend_push(&v->trend, m->cpu_percent, m->ram_percent);
	make_status_line(v);
}

void
view_sample_failed(struct view *v, const char *err)
{
	snprintf(v->sample_error, sizeof(v->sample_error), "%s",
	         err && *err ? err : "?");
	make_status_line(v);
}

void
view_export_result(struct view *v, int rc, const char *err)
{
	if (rc == 0) {
		v->exp.rows++;
		v->exp.failing = false;
		*v->exp.error = '\0';
	} else {
		v->exp.failing = true;
		snprintf(v->exp.error, sizeof(v->exp.error), "%s",
		         err && *err ? err : "?");
	}
	make_status_line(v);
}

void
view_export_set(struct view *v, bool enabled, const char *path)
{
	v->exp.enabled = enabled;
	if (path && strcmp(path, v->exp.path)) {
		snprintf(v->exp.path, sizeof(v->exp.path), "%s", path);
		v->exp.failing = false;
		*v->exp.error = '\0';
	}
	if (!enabled) {
		v->exp.failing = false;
		*v->exp.error = '\0';
	}
	make_status_line(v);
}

void
view_trend_push(struct view_trend *t, double cpu, double ram)
{
	int at;

	if (t->len < VIEW_TREND_MAX) {
		at = (t->head + t->len) % VIEW_TREND_MAX;
		t->len++;
	} else {
		at = t->head;
		t->head = (t->head + 1) % VIEW_TREND_MAX;
	}
	t->cpu[at] = cpu;
	t->ram[at] = ram;
}

int
view_trend_get(const struct view_trend *t, int i, double *cpu, double *ram)
{
	int at;

	if (i < 0 || i >= t->len)
		return -1;
	at = (t->head + i) % VIEW_TREND_MAX;
	*cpu = t->cpu[at];
	*ram = t->ram[at];
	return 0;
}

/* "ru_RU.UTF-8", "ru", "fr_CA": the language part names one of ours? */
static int
lang_of(const char *s, enum sd_lang *out)
{
	size_t len = strcspn(s, "_.@-:");
	int i;

	if (len != 2)
		return -1;
	for (i = 0; i < SD_LANG_MAX; i++)
		if (!strncasecmp(s, sd_lang_code((enum sd_lang)i), 2)) {
			*out = (enum sd_lang)i;
			return 0;
		}
	return -1;
}

int
view_lang_pick(const char *sysdash_lang, const char *language,
               const char *lc_all, const char *lc_messages, const char *lang,
               enum sd_lang *out)
{
	const char *const rest[3] = {lc_all, lc_messages, lang};
	int i;

	*out = SD_FR;
	if (sysdash_lang && *sysdash_lang) {
		return sd_lang_parse(sysdash_lang, out);
	}
	/* LANGUAGE counts only with a locale set, as in gettext */
	for (i = 0; i < 3; i++)
		if (rest[i] && *rest[i])
			break;
	if (i < 3 && strcmp(rest[i], "C") && strcmp(rest[i], "POSIX") &&
	    language) {
		const char *p = language;

		while (*p) {
			if (lang_of(p, out) == 0)
				return 0;
			p += strcspn(p, ":");
			p += *p == ':';
		}
	}
	for (i = 0; i < 3; i++)
		if (rest[i] && *rest[i])
			return lang_of(rest[i], out) == 0 ? 0 :
			                                    (*out = SD_FR, 0);
	return 0;
}

int
view_default_export_path(char *buf, size_t n)
{
	char dir[4096];

	if (paths_export_dir(dir, sizeof(dir)) < 0)
		return -1;
	if ((size_t)snprintf(buf, n, "%s" PATHS_SEP "%s", dir,
	                     VIEW_EXPORT_NAME) >= n)
		return -1;
	return 0;
}
