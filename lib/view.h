/* view.h: the desktop windows' view model. Plain C, no toolkit: from one
 * sample it makes every text a window shows (cards, alert banner, status
 * line, accessible names), the alert levels, the health score, the trend of
 * the last samples and the export state. The GTK window (desktop/) and the
 * Win32 one only draw what is in struct view. */
#ifndef VIEW_H
#define VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "catalog.h"
#include "sysdash.h"

enum view_card_id {
	VIEW_HEALTH,
	VIEW_CPU,
	VIEW_RAM,
	VIEW_DISK,
	VIEW_UPTIME,
	VIEW_CARD_MAX
};

/* How a card or the whole window looks: WAITING before the first sample,
 * OK, WARN (health "warn"), ALERT (a threshold reached, health critical). */
enum view_level {
	VIEW_WAITING,
	VIEW_OK,
	VIEW_WARN,
	VIEW_ALERT,
	VIEW_LEVEL_MAX
};

/* Samples kept for the trend, oldest dropped first. */
#define VIEW_TREND_MAX 60

struct view_card {
	char title[96];   /* "Processeur" */
	char value[64];   /* "12,5 %", "87 / 100", "03:25:45" */
	char detail[160]; /* "6,62 / 15,37 Gio", "Bon" */
	char flag[160]; /* the alert in words ("" when none): never colour alone
	                 */
	char accessible[640]; /* title, value, detail and flag in one sentence
	                       */
	enum view_level level;
};

struct view_trend {
	double cpu[VIEW_TREND_MAX], ram[VIEW_TREND_MAX]; /* percent */
	int len;  /* samples held, 0..VIEW_TREND_MAX */
	int head; /* index of the oldest */
};

struct view_export {
	bool enabled;
	char path[4096];
	bool failing;       /* the last write failed */
	char error[4400];   /* its message, "" when none */
	unsigned long rows; /* rows written since start */
};

struct view {
	enum sd_lang lang;
	const struct catalog *cat; /* texts of lang; NULL: the English msgids */
	bool have_sample;
	struct view_card card[VIEW_CARD_MAX];
	enum view_level level; /* the whole window: worst of the cards */
	char banner[512]; /* "Tout va bien : aucun seuil dépassé" or the alerts
	                   */
	int score;        /* health score 0..100 */
	enum health_status status;
	char last_time[32];     /* local time of the last sample, "10:15:30" */
	char sample_error[512]; /* "" unless the last sample failed */
	char status_line[4600]; /* last sample time, or the export/sample error
	                         */
	struct view_trend trend;
	struct view_export exp;
};

/* Empty view in lang (WAITING cards with their titles), its texts from cat
 * (po/<lang>.po built by msgfmt; NULL for English). cat must outlive v. */
void view_init(struct view *v, enum sd_lang lang, const struct catalog *cat);

/* Makes every text from one sample and pushes it onto the trend. */
void view_update(struct view *v, const struct metrics *m);

/* A sample that could not be taken: the status line says why, the cards
 * keep the last values. */
void view_sample_failed(struct view *v, const char *err);

/* The outcome of writing the last sample's row: rc 0 counts a row, -1
 * records err for the status line. */
void view_export_result(struct view *v, int rc, const char *err);

/* Changes the export switch or path (clears a previous error). */
void view_export_set(struct view *v, bool enabled, const char *path);

/* Adds one sample to the trend (view_update calls it). */
void view_trend_push(struct view_trend *t, double cpu, double ram);

/* The i-th sample, oldest first (0..len-1). 0, or -1 when out of range. */
int view_trend_get(const struct view_trend *t, int i, double *cpu, double *ram);

/* The language from SYSDASH_LANG when set (an unknown value there is an
 * error: -1), else the first of LANGUAGE (a colon list), LC_ALL,
 * LC_MESSAGES, LANG that names fr, en, es or ru ("ru_RU.UTF-8" is ru);
 * French when none does. Arguments may be NULL. */
int view_lang_pick(const char *sysdash_lang, const char *language,
                   const char *lc_all, const char *lc_messages,
                   const char *lang, enum sd_lang *out);

const char *view_level_name(enum view_level l); /* "waiting", "ok", ... */

/* v with `decimals` digits, in the language's way: "12,5" in fr/es/ru,
 * "12.5" in en. Returns the length or -1 when buf is too small. */
int view_fmt_number(enum sd_lang l, double v, int decimals, char *buf,
                    size_t n);

/* The window's default export file: metrics_desktop.csv in the folder the
 * sampler exports to by default (paths_export_dir). 0 or -1. */
int view_default_export_path(char *buf, size_t n);

#define VIEW_EXPORT_NAME "metrics_desktop.csv"

#endif
