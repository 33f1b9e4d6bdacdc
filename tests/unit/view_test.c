/* view_test.c: the desktop view model (lib/view.c) through the real
 * catalogs msgfmt built from po/ ($SYSDASH_LOCALEDIR, default
 * build/locale): card texts, alert levels and the banner in each language,
 * the trend buffer, language choice, numbers, the default export path;
 * and the .mo reader (lib/catalog.c) on hostile files. */
#include "testutil.h"

#include "catalog.h"
#include "paths.h"
#include "view.h"

static struct catalog cats[SD_LANG_MAX];

static const char *
localedir(void)
{
	const char *dir = getenv("SYSDASH_LOCALEDIR");

	return dir && *dir ? dir : "build/locale";
}

/* The catalog of l (English has none: its texts are the msgids). */
static const struct catalog *
cat(enum sd_lang l)
{
	return l == SD_EN ? NULL : &cats[l];
}

static int
setup_all(void **state)
{
	char err[512];
	int l;

	(void)state;
	for (l = 0; l < SD_LANG_MAX; l++)
		if (l != SD_EN &&
		    catalog_open(&cats[l], localedir(), sd_lang_code(l),
		                 "sysdash", err, sizeof(err)) < 0)
			fail_msg("%s", err);
	return 0;
}

static void
sample(struct metrics *m, double cpu, double ram, double disk)
{
	memset(m, 0, sizeof(*m));
	m->when.tv_sec = 1795000000;
	m->cpu_percent = cpu;
	m->ram_percent = ram;
	m->ram_used_gib = 6.62;
	m->ram_total_gib = 15.37;
	m->disk_percent = disk;
	m->disk_used_gib = 120.55;
	m->disk_total_gib = 250;
	snprintf(m->uptime_hms, sizeof(m->uptime_hms), "03:25:45");
	m->cpu_alert_threshold = 80;
	m->ram_alert_threshold = 90;
	m->cpu_alert = cpu >= 80;
	m->ram_alert = ram >= 90;
}

struct normal_want {
	enum sd_lang lang;
	const char *titles[VIEW_CARD_MAX];
	const char *cpu, *ram_detail, *status, *banner, *waiting, *last;
};

static const struct normal_want normal[] = {
	{SD_FR,
         {"Santé du système", "Processeur", "Mémoire vive", "Disque",
          "Temps de fonctionnement"},
         "12,5\u202f%",
         "6,62 / 15,37 Gio",
         "Bon",
         "Tout va bien : aucun seuil dépassé",
         "En attente des premières mesures…",
         "Dernière mesure à "},
	{SD_EN,
         {"System health", "CPU", "Memory", "Disk", "Uptime"},
         "12.5%",
         "6.62 / 15.37 GiB",
         "Good",
         "All clear: no threshold exceeded",
         "Waiting for the first measurements…",
         "Last sample at "},
	{SD_ES,
         {"Salud del sistema", "Procesador", "Memoria", "Disco",
          "Tiempo en marcha"},
         "12,5\u00a0%",
         "6,62 / 15,37 GiB",
         "Buena",
         "Todo en orden: ningún umbral superado",
         "Esperando las primeras mediciones…",
         "Última medición a las "},
	{SD_RU,
         {"Состояние системы", "Процессор", "Память", "Диск", "Время работы"},
         "12,5\u00a0%",
         "6,62 / 15,37 ГиБ",
         "Хорошо",
         "Всё в порядке: пороги не превышены",
         "Ожидание первых измерений…",
         "Последнее измерение в "},
};

static void
normal_texts_per_language(void **state)
{
	struct metrics m;
	struct view v;
	size_t i;
	int c;

	(void)state;
	sample(&m, 12.5, 43.1, 71.0);
	for (i = 0; i < sizeof(normal) / sizeof(normal[0]); i++) {
		const struct normal_want *w = &normal[i];

		view_init(&v, w->lang, cat(w->lang));
		assert_int_equal(v.level, VIEW_WAITING);
		assert_string_equal(v.banner, w->waiting);
		assert_string_equal(v.card[VIEW_CPU].value, "–");
		view_update(&v, &m);
		for (c = 0; c < VIEW_CARD_MAX; c++) {
			assert_string_equal(v.card[c].title, w->titles[c]);
			assert_string_equal(v.card[c].flag, "");
			assert_int_equal(v.card[c].level, VIEW_OK);
		}
		assert_string_equal(v.card[VIEW_CPU].value, w->cpu);
		assert_string_equal(v.card[VIEW_RAM].detail, w->ram_detail);
		assert_string_equal(v.card[VIEW_UPTIME].value, "03:25:45");
		/* 0.35 + 0.35 + 0.30 * (1 - 1/30) = 0.99 */
		assert_int_equal(v.score, 99);
		assert_int_equal(v.status, HEALTH_OK);
		assert_string_equal(v.card[VIEW_HEALTH].value, "99 / 100");
		assert_string_equal(v.card[VIEW_HEALTH].detail, w->status);
		assert_int_equal(v.level, VIEW_OK);
		assert_string_equal(v.banner, w->banner);
		assert_true(!strncmp(v.status_line, w->last, strlen(w->last)));
		assert_true(
			tu_contains(v.card[VIEW_RAM].accessible, w->titles[2]));
		assert_true(tu_contains(v.card[VIEW_RAM].accessible,
		                        w->ram_detail));
	}
}

struct alert_want {
	enum sd_lang lang;
	const char *cpu_flag, *banner, *critical;
};

static const struct alert_want alerts[] = {
	{SD_FR, "Seuil d’alerte atteint (80\u202f%)",
         "Alerte : Processeur à 95,0\u202f% (seuil 80\u202f%), Mémoire vive à "
         "92,3\u202f% (seuil 90\u202f%)",
         "Critique"},
	{SD_EN, "Alert threshold reached (80%)",
         "Alert: CPU at 95.0% (threshold 80%), Memory at 92.3% (threshold 90%)",
         "Critical"},
	{SD_ES, "Umbral de alerta alcanzado (80\u00a0%)",
         "Alerta: Procesador al 95,0\u00a0% (umbral 80\u00a0%), Memoria al "
         "92,3\u00a0% (umbral 90\u00a0%)",
         "Crítica"},
	{SD_RU, "Достигнут порог тревоги (80\u00a0%)",
         "Тревога: Процессор — 95,0\u00a0% (порог 80\u00a0%), Память — "
         "92,3\u00a0% (порог 90\u00a0%)",
         "Критично"},
};

static void
alert_texts_per_language(void **state)
{
	struct metrics m;
	struct view v;
	size_t i;

	(void)state;
	sample(&m, 95.0, 92.3, 50.0);
	for (i = 0; i < sizeof(alerts) / sizeof(alerts[0]); i++) {
		const struct alert_want *w = &alerts[i];

		view_init(&v, w->lang, cat(w->lang));
		view_update(&v, &m);
		assert_int_equal(v.card[VIEW_CPU].level, VIEW_ALERT);
		assert_int_equal(v.card[VIEW_RAM].level, VIEW_ALERT);
		assert_int_equal(v.card[VIEW_DISK].level, VIEW_OK);
		assert_string_equal(v.card[VIEW_CPU].flag, w->cpu_flag);
		assert_true(
			tu_contains(v.card[VIEW_CPU].accessible, w->cpu_flag));
		assert_string_equal(v.card[VIEW_DISK].flag, "");
		/* 0.35*0.1 + 0.35*(1-32.3/40) + 0.30 = 0.402375 */
		assert_int_equal(v.score, 40);
		assert_int_equal(v.status, HEALTH_CRITICAL);
		assert_int_equal(v.card[VIEW_HEALTH].level, VIEW_ALERT);
		assert_string_equal(v.card[VIEW_HEALTH].detail, w->critical);
		assert_string_equal(v.card[VIEW_HEALTH].flag, "");
		assert_true(tu_contains(v.card[VIEW_HEALTH].accessible,
		                        w->critical));
		assert_int_equal(v.level, VIEW_ALERT);
		assert_string_equal(v.banner, w->banner);
	}
}

static void
only_ram_alert_and_warn_health(void **state)
{
	struct metrics m;
	struct view v;

	(void)state;
	view_init(&v, SD_EN, NULL);
	/* 0.35*0.6 + 0.35*0.75 + 0.30*(2/3) = 0.6725: warn, no threshold */
	sample(&m, 70, 70, 80);
	view_update(&v, &m);
	assert_int_equal(v.score, 67);
	assert_int_equal(v.status, HEALTH_WARN);
	assert_int_equal(v.card[VIEW_HEALTH].level, VIEW_WARN);
	assert_string_equal(v.card[VIEW_HEALTH].detail, "Needs attention");
	assert_string_equal(v.card[VIEW_HEALTH].accessible,
	                    "System health: 67 / 100, Needs attention");
	assert_int_equal(v.card[VIEW_CPU].level, VIEW_OK);
	assert_int_equal(v.level, VIEW_WARN);
	assert_string_equal(v.banner, "All clear: no threshold exceeded");
	/* exactly at the threshold is an alert (>=), and the window follows
	 * the sample back to normal */
	sample(&m, 10, 90.0, 10);
	view_update(&v, &m);
	assert_int_equal(v.card[VIEW_RAM].level, VIEW_ALERT);
	assert_int_equal(v.card[VIEW_CPU].level, VIEW_OK);
	assert_string_equal(v.banner, "Alert: Memory at 90.0% (threshold 90%)");
	sample(&m, 10, 20, 10);
	view_update(&v, &m);
	assert_int_equal(v.level, VIEW_OK);
	assert_string_equal(v.card[VIEW_RAM].flag, "");
}

static void
french_without_catalog_function_is_english(void **state)
{
	struct metrics m;
	struct view v;

	(void)state;
	sample(&m, 12.5, 43.1, 71.0);
	view_init(&v, SD_FR, NULL);
	view_update(&v, &m);
	/* no translator: English words, French numbers */
	assert_string_equal(v.card[VIEW_CPU].title, "CPU");
	assert_string_equal(v.card[VIEW_CPU].value, "12,5\u202f%");
}

/* A .mo built here by msgfmt from a .po text (po is written to dir). */
static int
build_mo(const char *dir, const char *po, const char *endian, char *mo,
         size_t n)
{
	char cmd[4096];

	tu_write_str(dir, "x.po", po);
	snprintf(mo, n, "%s/xx/LC_MESSAGES", dir);
	snprintf(cmd, sizeof(cmd),
	         "mkdir -p '%s' && msgfmt --endianness=%s -o '%s/sysdash.mo' "
	         "'%s/x.po'",
	         mo, endian, mo, dir);
	return system(cmd);
}

static const char hostile_po[] =
	"msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
	"msgid \"Alert: %s\"\nmsgstr \"%n%d%s%s%s%s%x%\"\n\n"
	"msgid \"%s / %s GiB\"\nmsgstr "
	"\"%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s\"\n\n"
	"msgid \"CPU\"\nmsgstr \"\"\n";

/* A translation is data: printf directives in it are printed, not run; an
 * empty translation gives the msgid; both byte orders read alike. */
static void
hostile_translation_is_not_a_format(void **state)
{
	static const char *const endian[] = {"little", "big"};
	char *dir = tu_mkdtemp(), mo[1024], err[512];
	struct catalog c;
	struct metrics m;
	struct view v;
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		assert_int_equal(
			build_mo(dir, hostile_po, endian[i], mo, sizeof(mo)),
			0);
		assert_int_equal(catalog_open(&c, dir, "xx", "sysdash", err,
		                              sizeof(err)),
		                 0);
		assert_int_equal(c.swap, i == 1);
		sample(&m, 95, 10, 10);
		view_init(&v, SD_EN, &c);
		view_update(&v, &m);
		assert_string_equal(v.banner,
		                    "%n%dCPU at 95.0% (threshold 80%)%x%");
		assert_string_equal(v.card[VIEW_RAM].detail, "6.6215.37");
		assert_string_equal(v.card[VIEW_CPU].title, "CPU");
		assert_string_equal(catalog_get(&c, "not there"), "not there");
		catalog_close(&c);
	}
	tu_rmtree(dir);
}

static void
catalog_lookups(void **state)
{
	(void)state;
	assert_string_equal(catalog_get(&cats[SD_RU], "Disk"), "Диск");
	assert_string_equal(catalog_get(&cats[SD_ES], "Good"), "Buena");
	assert_string_equal(catalog_get(&cats[SD_FR], "Uptime"),
	                    "Temps de fonctionnement");
	assert_string_equal(catalog_get(&cats[SD_FR], ""), "");
	assert_string_equal(catalog_get(&cats[SD_FR], "Disk "), "Disk ");
	assert_string_equal(catalog_get(NULL, "Disk"), "Disk");
}

/* Corrupts a copy of the French catalog and expects a refusal. */
static void
expect_bad(const char *data, size_t len, const char *why)
{
	struct catalog c;
	char err[256], *copy = malloc(len ? len : 1);

	assert_non_null(copy);
	memcpy(copy, data, len);
	if (catalog_parse(&c, copy, len, err, sizeof(err)) != -1)
		fail_msg("accepted: %s", why);
	assert_true(tu_contains(err, "message catalog: "));
	assert_null(c.data);
	assert_string_equal(catalog_get(&c, "Disk"), "Disk");
}

static void
catalog_refuses_hostile_files(void **state)
{
	const struct catalog *fr = &cats[SD_FR];
	char *d = malloc(fr->len), err[512];
	uint32_t v, first_trans_off;
	struct catalog c;
	char *dir;

	(void)state;
	assert_non_null(d);
	expect_bad("", 0, "empty");
	expect_bad(fr->data, 27, "truncated header");
	expect_bad(fr->data, fr->len / 2, "truncated tables");
	memcpy(d, fr->data, fr->len);
	d[0] ^= 1;
	expect_bad(d, fr->len, "bad magic");
	memcpy(d, fr->data, fr->len);
	v = 0x7fffffffU; /* a huge count */
	memcpy(d + 8, &v, 4);
	expect_bad(d, fr->len, "huge count");
	memcpy(d, fr->data, fr->len);
	v = (uint32_t)fr->len - 4; /* the msgid table at the end */
	memcpy(d + 12, &v, 4);
	expect_bad(d, fr->len, "table out of the file");
	memcpy(d, fr->data, fr->len);
	memcpy(&first_trans_off, d + fr->trans + 4, 4);
	v = 0xfffffff0U; /* a translation length past the end */
	memcpy(d + fr->trans, &v, 4);
	expect_bad(d, fr->len, "string out of the file");
	memcpy(d, fr->data, fr->len);
	d[fr->len - 1] = 'x'; /* the last string loses its NUL */
	expect_bad(d, fr->len, "no NUL");
	memcpy(d, fr->data, fr->len);
	memcpy(d + fr->orig + 8, d + fr->orig + 16, 8); /* two equal msgids */
	expect_bad(d, fr->len, "unsorted");
	(void)first_trans_off;
	free(d);
	/* a missing catalog is ENOENT with the path; a huge one EFBIG */
	dir = tu_mkdtemp();
	assert_int_equal(
		catalog_open(&c, dir, "de", "sysdash", err, sizeof(err)), -1);
	assert_int_equal(errno, ENOENT);
	assert_true(
		tu_contains(err, "/de/LC_MESSAGES/sysdash.mo: No such file"));
	assert_string_equal(catalog_get(&c, "Disk"), "Disk");
	{
		char sub[1024], *huge = tu_huge_line("", 'x', CATALOG_MAX + 10);

		snprintf(sub, sizeof(sub), "mkdir -p %s/big/LC_MESSAGES", dir);
		assert_int_equal(system(sub), 0);
		snprintf(sub, sizeof(sub), "%s/big/LC_MESSAGES", dir);
		tu_write_str(sub, "sysdash.mo", huge);
		free(huge);
		assert_int_equal(catalog_open(&c, dir, "big", "sysdash", err,
		                              sizeof(err)),
		                 -1);
		assert_int_equal(errno, EFBIG);
		tu_write_str(sub, "sysdash.mo",
		             "garbage, not a catalog at all");
		assert_int_equal(catalog_open(&c, dir, "big", "sysdash", err,
		                              sizeof(err)),
		                 -1);
		assert_true(tu_contains(err, "bad magic"));
		assert_true(tu_contains(err, "big/LC_MESSAGES/sysdash.mo"));
	}
	tu_rmtree(dir);
}

static void
trend_keeps_the_last_60_oldest_first(void **state)
{
	struct view_trend t;
	double cpu, ram;
	int i;

	(void)state;
	memset(&t, 0, sizeof(t));
	assert_int_equal(view_trend_get(&t, 0, &cpu, &ram), -1);
	for (i = 0; i < 3; i++)
		view_trend_push(&t, i, 100 - i);
	assert_int_equal(t.len, 3);
	assert_int_equal(view_trend_get(&t, 2, &cpu, &ram), 0);
	assert_near(cpu, 2, 0);
	assert_near(ram, 98, 0);
	assert_int_equal(view_trend_get(&t, 3, &cpu, &ram), -1);
	assert_int_equal(view_trend_get(&t, -1, &cpu, &ram), -1);
	for (i = 3; i < 150; i++)
		view_trend_push(&t, i, 100 - i);
	assert_int_equal(t.len, VIEW_TREND_MAX);
	for (i = 0; i < VIEW_TREND_MAX; i++) {
		assert_int_equal(view_trend_get(&t, i, &cpu, &ram), 0);
		assert_near(cpu, 90 + i, 0);
		assert_near(ram, 10 - i, 0);
	}
	assert_int_equal(view_trend_get(&t, VIEW_TREND_MAX, &cpu, &ram), -1);
}

static void
view_update_feeds_the_trend(void **state)
{
	struct metrics m;
	struct view v;
	double cpu, ram;
	int i;

	(void)state;
	view_init(&v, SD_EN, NULL);
	for (i = 0; i < 61; i++) {
		sample(&m, i, 50, 10);
		view_update(&v, &m);
	}
	assert_int_equal(v.trend.len, 60);
	assert_int_equal(view_trend_get(&v.trend, 0, &cpu, &ram), 0);
	assert_near(cpu, 1, 0);
	assert_int_equal(view_trend_get(&v.trend, 59, &cpu, &ram), 0);
	assert_near(cpu, 60, 0);
}

static void
language_choice(void **state)
{
	static const struct {
		const char *sd, *language, *all, *msgs, *lang;
		int rc;
		enum sd_lang want;
	} c[] = {
		{NULL, NULL, NULL, NULL, NULL, 0, SD_FR},
		{"", "", "", "", "", 0, SD_FR},
		{NULL, NULL, NULL, NULL, "ru_RU.UTF-8", 0, SD_RU},
		{NULL, NULL, NULL, NULL, "de_DE.UTF-8", 0, SD_FR},
		{NULL, NULL, NULL, NULL, "C", 0, SD_FR},
		{NULL, NULL, "es_ES.UTF-8", "en_GB.UTF-8", "ru_RU", 0, SD_ES},
		{NULL, NULL, NULL, "en_GB.UTF-8", "ru_RU", 0, SD_EN},
		{NULL, "de:ru:en", NULL, NULL, "fr_FR.UTF-8", 0, SD_RU},
		{NULL, "de", NULL, NULL, "es_ES.UTF-8", 0, SD_ES},
		/* LANGUAGE is ignored under the C locale, as gettext does */
		{NULL, "ru", NULL, NULL, "C", 0, SD_FR},
		{NULL, "ru", NULL, NULL, NULL, 0, SD_FR},
		{NULL, "::r:russian:", NULL, NULL, "en_US", 0, SD_EN},
		{"en", "ru", NULL, NULL, "es_ES", 0, SD_EN},
		{"ru", NULL, NULL, NULL, NULL, 0, SD_RU},
		/* any case, as every part reads SYSDASH_LANG */
		{"RU", NULL, NULL, NULL, "es_ES", 0, SD_RU},
		{"de", NULL, NULL, NULL, "es_ES", -1, SD_FR},
		{"fr_FR", NULL, NULL, NULL, NULL, -1, SD_FR},
		{"en\n", NULL, NULL, NULL, NULL, -1, SD_FR},
	};
	enum sd_lang got;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		got = SD_LANG_MAX;
		if (view_lang_pick(c[i].sd, c[i].language, c[i].all, c[i].msgs,
		                   c[i].lang, &got) != c[i].rc ||
		    got != c[i].want)
			fail_msg("case %zu: rc/lang %d, want %d", i, (int)got,
			         (int)c[i].want);
	}
}

static void
numbers_per_language(void **state)
{
	char b[32], tiny[4];

	(void)state;
	assert_int_equal(view_fmt_number(SD_FR, 12.345, 2, b, sizeof(b)), 5);
	assert_string_equal(b, "12,35");
	view_fmt_number(SD_EN, 12.345, 2, b, sizeof(b));
	assert_string_equal(b, "12.35");
	view_fmt_number(SD_RU, 0, 1, b, sizeof(b));
	assert_string_equal(b, "0,0");
	view_fmt_number(SD_ES, 100, 0, b, sizeof(b));
	assert_string_equal(b, "100");
	assert_int_equal(view_fmt_number(SD_FR, 12345.5, 1, tiny, sizeof(tiny)),
	                 -1);
}

static char *saved_home;

static void
export_path_defaults(void **state)
{
	char *home = tu_mkdtemp(), dir[2048], path[4096], want[4200];
	char huge[6000];

	(void)state;
	saved_home = home;
	setenv("HOME", home, 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_DESKTOP_DIR");
	/* no Desktop anywhere: the current folder, as the old tool */
	assert_int_equal(view_default_export_path(path, sizeof(path)), 0);
	assert_string_equal(path, "./metrics_desktop.csv");
	/* ~/Desktop when it exists */
	snprintf(dir, sizeof(dir), "%s/Desktop", home);
	assert_int_equal(mkdir(dir, 0755), 0);
	view_default_export_path(path, sizeof(path));
	snprintf(want, sizeof(want), "%s/Desktop/metrics_desktop.csv", home);
	assert_string_equal(path, want);
	/* user-dirs.dirs of a French desktop wins over ~/Desktop */
	snprintf(dir, sizeof(dir), "%s/.config", home);
	assert_int_equal(mkdir(dir, 0755), 0);
	tu_write_str(dir, "user-dirs.dirs",
	             "# comment\nXDG_DESKTOP_DIR=\"$HOME/Bureau\"\n");
	snprintf(dir, sizeof(dir), "%s/Bureau", home);
	assert_int_equal(mkdir(dir, 0755), 0);
	view_default_export_path(path, sizeof(path));
	snprintf(want, sizeof(want), "%s/Bureau/metrics_desktop.csv", home);
	assert_string_equal(path, want);
	/* XDG_DESKTOP_DIR first; a missing or huge one is passed over */
	setenv("XDG_DESKTOP_DIR", home, 1);
	view_default_export_path(path, sizeof(path));
	snprintf(want, sizeof(want), "%s/metrics_desktop.csv", home);
	assert_string_equal(path, want);
	setenv("XDG_DESKTOP_DIR", "/nonexistent/desk", 1);
	view_default_export_path(path, sizeof(path));
	snprintf(want, sizeof(want), "%s/Bureau/metrics_desktop.csv", home);
	assert_string_equal(path, want);
	memset(huge, 'a', sizeof(huge) - 1);
	huge[0] = '/';
	huge[sizeof(huge) - 1] = '\0';
	setenv("XDG_DESKTOP_DIR", huge, 1);
	view_default_export_path(path, sizeof(path));
	assert_string_equal(path, want);
	/* a buffer too small for the file name is an error, not a cut path */
	assert_int_equal(view_default_export_path(path, 12), -1);
	unsetenv("XDG_DESKTOP_DIR");
	tu_rmtree(home);
	saved_home = NULL;
}

static void
status_line_follows_export_and_samples(void **state)
{
	struct metrics m;
	struct view v;

	(void)state;
	view_init(&v, SD_FR, cat(SD_FR));
	view_export_set(&v, true, "/tmp/x.csv");
	sample(&m, 10, 10, 10);
	view_update(&v, &m);
	view_export_result(&v, 0, NULL);
	assert_int_equal(v.exp.rows, 1);
	assert_true(!strncmp(v.status_line, "Dernière mesure à ", 19));
	view_export_result(&v, -1, "open /tmp/x.csv: Permission denied");
	assert_true(v.exp.failing);
	assert_string_equal(
		v.status_line,
		"Échec de l’export : open /tmp/x.csv: Permission denied "
		"(les mesures continuent)");
	/* the next sample keeps the error up until a write succeeds */
	view_update(&v, &m);
	assert_true(tu_contains(v.status_line, "Permission denied"));
	view_export_result(&v, 0, NULL);
	assert_int_equal(v.exp.rows, 2);
	assert_false(v.exp.failing);
	assert_true(tu_contains(v.status_line, "Dernière mesure"));
	/* a new path or switching export off clears the error */
	view_export_result(&v, -1, "boom");
	view_export_set(&v, true, "/tmp/y.csv");
	assert_false(v.exp.failing);
	assert_string_equal(v.exp.path, "/tmp/y.csv");
	view_export_result(&v, -1, "boom");
	view_export_set(&v, false, NULL);
	assert_false(v.exp.failing);
	assert_true(tu_contains(v.status_line, "Dernière mesure"));
	/* a failed sample is said, the values stay */
	view_sample_failed(&v, "read /x/proc/stat: No such file or directory");
	assert_string_equal(
		v.status_line,
		"Impossible de lire les mesures : read /x/proc/stat: "
		"No such file or directory");
	assert_string_equal(v.card[VIEW_CPU].value, "10,0\u202f%");
	view_update(&v, &m);
	assert_true(tu_contains(v.status_line, "Dernière mesure"));
}

static int
teardown_all(void **state)
{
	int l;

	(void)state;
	tu_rmtree(saved_home);
	for (l = 0; l < SD_LANG_MAX; l++)
		catalog_close(&cats[l]);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normal_texts_per_language),
		cmocka_unit_test(alert_texts_per_language),
		cmocka_unit_test(only_ram_alert_and_warn_health),
		cmocka_unit_test(french_without_catalog_function_is_english),
		cmocka_unit_test(hostile_translation_is_not_a_format),
		cmocka_unit_test(catalog_lookups),
		cmocka_unit_test(catalog_refuses_hostile_files),
		cmocka_unit_test(trend_keeps_the_last_60_oldest_first),
		cmocka_unit_test(view_update_feeds_the_trend),
		cmocka_unit_test(language_choice),
		cmocka_unit_test(numbers_per_language),
		cmocka_unit_test(export_path_defaults),
		cmocka_unit_test(status_line_follows_export_and_samples),
	};

	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
