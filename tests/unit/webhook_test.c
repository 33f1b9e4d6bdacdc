/* webhook_test.c: webhook settings and URL checks (sampler/webhook.c), the
 * redacted URL shown in logs, and the message texts in the four languages
 * (sampler/message.c). */
#include "message.h"
#include "webhook.h"
#include "testutil.h"

#include <sys/wait.h>
#include <time.h>

/* ---- helpers ------------------------------------------------------------- */

/* True when s is well-formed UTF-8 (no cut or overlong sequences). */
static int
utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int n;
		unsigned cp;

		if (*p < 0x80) {
			p++;
			continue;
		}
		if ((*p & 0xe0) == 0xc0) {
			n = 1;
			cp = *p & 0x1f;
		} else if ((*p & 0xf0) == 0xe0) {
			n = 2;
			cp = *p & 0x0f;
		} else if ((*p & 0xf8) == 0xf0) {
			n = 3;
			cp = *p & 0x07;
		} else {
			return 0;
		}
		p++;
		for (int i = 0; i < n; i++, p++) {
			if ((*p & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (*p & 0x3f);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
	}
	return 1;
}

static const char *const ENV_VARS[] = {
	"WEBHOOK_URL",    "WEBHOOK_MIN_SECONDS", "WEBHOOK_FORMAT",
	"SYSDASH_LANG",   "SYSDASH_DATA_DIR",    "SYSDASH_NOTIFY",
	"XDG_STATE_HOME",
};

static int
clear_env(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(ENV_VARS) / sizeof(ENV_VARS[0]); i++)
		unsetenv(ENV_VARS[i]);
	return 0;
}

/* The sampler's order: config_load (the data folder), then
 * wh_config_load. */
static int
load(struct wh_config *w, char *err, size_t n)
{
	static struct sd_config c;

	if (config_load(&c, SD_CLI, err, n) < 0)
		return -1;
	return wh_config_load(w, c.data_dir, err, n);
}

/* wh_config_load must fail naming var (and say nothing else is enabled). */
static void
expect_config_error(const char *var)
{
	struct wh_config w;
	char err[512] = "";

	if (load(&w, err, sizeof(err)) != -1)
		fail_msg("wh_config_load accepted %s=\"%s\"", var, getenv(var));
	if (!tu_contains(err, var))
		fail_msg("error for %s=\"%s\" does not name it: %s", var,
		         getenv(var), err);
}

static void
load_ok(struct wh_config *w)
{
	char err[512] = "";

	if (load(w, err, sizeof(err)) != 0)
		fail_msg("wh_config_load: %s", err);
}

/* ---- wh_url_check -------------------------------------------------------- */

static void
url_check_accepts_http_and_https(void **state)
{
	static const char *const good[] = {
		"http://example.com",
		"http://example.com/",
		"https://hooks.slack.com/services/T000/B000/XXXX",
		"HTTPS://HOOKS.SLACK.COM/services/x",
		"http://127.0.0.1:8080/hooks/x",
		"http://[::1]:8080/hooks/x",
		"https://user:pass@example.com/x",
		("https://prod-00.westeurope.logic.azure.com:443/workflows/abc/"
	         "triggers/"
	         "manual/paths/"
	         "invoke?api-version=2016-06-01&sp=%2Ftriggers&sig=abc"),
		"http://example.com?key=x",
		"http://example.com:65535/x",
	};
	char err[512];

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		err[0] = '\0';
		if (wh_url_check(good[i], err, sizeof(err)) != 0)
			fail_msg("wh_url_check refused %s: %s", good[i], err);
	}
}

static void
url_check_refuses_other_schemes_and_no_host(void **state)
{
	static const char *const bad[] = {
		"",
		"ftp://example.com/x",
		"file:///etc/passwd",
		"javascript:alert(1)",
		"gopher://example.com/",
		"example.com/hooks/x",
		"//example.com/x",
		"http:/example.com/x",
		"http:example.com",
		"httpx://example.com",
		"http://",
		"https://",
		"http:///x",
		"http://:80/x",
		"http://user@/x",
		"http://?x",
		"http://#x",
		"http://exa mple.com/",
		"http://example.com/a b",
		"http://example.com/\n",
		"http://example.com/\r\nX-Injected: 1",
		"http://example.com/\x7f",
		"\thttp://example.com/",
		"http://example.com/\t",
	};
	char err[512];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		if (wh_url_check(bad[i], err, sizeof(err)) != -1)
			fail_msg("wh_url_check accepted \"%s\"", bad[i]);
		if (!tu_contains(err, "WEBHOOK_URL"))
			fail_msg("error for \"%s\" does not name WEBHOOK_URL: "
			         "%s",
			         bad[i], err);
	}
	assert_int_equal(wh_url_check("ftp://x/y", err, sizeof(err)), -1);
	assert_true(tu_contains(err, "http://") &&
	            tu_contains(err, "https://"));
}

static void
url_check_refuses_huge(void **state)
{
	char *url = tu_huge_line("https://example.com/", 'a', 5000);
	char err[512] = "";

	(void)state;
	url[4999] = 'a'; /* no newline: just long */
	assert_int_equal(wh_url_check(url, err, sizeof(err)), -1);
	assert_true(tu_contains(err, "WEBHOOK_URL"));
	url[2047] = '\0'; /* 2047 characters fit */
	assert_int_equal(wh_url_check(url, err, sizeof(err)), 0);
	free(url);
}

/* A port is digits, 0..65535 (RFC 3986 3.2.3); curl refuses anything else
 * at the first post, long after start-up. */
static void
url_check_refuses_bad_ports(void **state)
{
	static const char *const bad[] = {
		"http://example.com:abc/x", "http://example.com:99999/x",
		"http://example.com:8a/x",  "https://example.com:-1/x",
		"http://127.0.0.1:65536/x", "http://[::1]:http/x",
	};
	char err[512];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		if (wh_url_check(bad[i], err, sizeof(err)) != -1)
			fail_msg("wh_url_check accepted \"%s\"", bad[i]);
		assert_true(tu_contains(err, "WEBHOOK_URL"));
	}
}

/* The refusal names the variable but never repeats a secret. */
static void
url_check_message_hides_secrets(void **state)
{
	static const char *const bad[] = {
		"ftp://alice:PWSECRET@example.com/QSECRET",
		"hooks.example.com?sig=QSECRET",
		"hooks.example.com/services/QSECRET",
		"mailto:QSECRET@example.com",
		"http://:PWSECRET@/QSECRET",
	};
	char err[512];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		assert_int_equal(wh_url_check(bad[i], err, sizeof(err)), -1);
		if (tu_contains(err, "SECRET"))
			fail_msg("the error for \"%s\" shows its secret: %s",
			         bad[i], err);
	}
}

/* ---- wh_redact ----------------------------------------------------------- */

static void
expect_redact(const char *url, const char *want)
{
	char buf[512];

	memset(buf, 'Z', sizeof(buf));
	wh_redact(url, buf, sizeof(buf));
	if (strcmp(buf, want))
		fail_msg("wh_redact(\"%s\") = \"%s\", want \"%s\"", url, buf,
		         want);
}

static void
redact_keeps_scheme_host_and_five_characters(void **state)
{
	(void)state;
	expect_redact("https://hooks.slack.com/services/T000/B000/XXXX",
	              "https://hooks.slack.com/serv…");
	expect_redact("http://127.0.0.1:8080/hooks/abc",
	              "http://127.0.0.1:8080/hook…");
	expect_redact("http://[::1]:8080/hooks/abc", "http://[::1]:8080/hook…");
	expect_redact("HTTPS://Example.COM/Services/x",
	              "HTTPS://Example.COM/Serv…");
	expect_redact("http://example.com", "http://example.com");
	expect_redact("http://example.com/", "http://example.com/");
	expect_redact("http://example.com/abcd", "http://example.com/abcd");
	expect_redact("http://example.com/abcde", "http://example.com/abcd…");
	expect_redact("http://example.com?sig=SECRET",
	              "http://example.com?sig=…");
	expect_redact("http://example.com#SECRETFRAG",
	              "http://example.com#SECR…");
	expect_redact("not a url", "(invalid URL)");
}

/* user:password@ is a secret too. */
static void
redact_drops_credentials(void **state)
{
	(void)state;
	expect_redact("https://alice:PWSECRET@example.com/hooks/QSECRET",
	              "https://example.com/hook…");
	expect_redact("https://alice@example.com", "https://example.com");
}

/* A small buffer gets a cut but terminated string and nothing past it. */
static void
redact_respects_the_buffer(void **state)
{
	const char *url = "https://hooks.slack.com/services/T000/B000/XXXX";
	char buf[32];

	(void)state;
	memset(buf, 'Z', sizeof(buf));
	wh_redact(url, buf, 12);
	assert_int_equal(strlen(buf), 11);
	assert_memory_equal(buf, "https://hoo", 11);
	for (size_t i = 12; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 'Z');
	wh_redact(url, buf, 1);
	assert_string_equal(buf, "");
}

/* The redacted URL lands in webhooks.jsonl: it must stay valid UTF-8 when
 * the path has non-ASCII characters (wh_url_check lets them through). */
static void
redact_does_not_cut_a_character(void **state)
{
	static const char *const urls[] = {
		"http://example.com/a\xc3\xa9\xe2\x82\xac-SECRET", /* a é € */
		"http://example.com/\xd1\x85\xd1\x83\xd0\xba-SECRET", /* хук */
		"http://example.com/ab\xf0\x9f\x94\xb4-SECRET",       /* 🔴 */
	};
	char buf[256];

	(void)state;
	for (size_t i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		wh_redact(urls[i], buf, sizeof(buf));
		if (!utf8_valid(buf))
			fail_msg(
				"wh_redact(\"%s\") = \"%s\" is not valid UTF-8",
				urls[i], buf);
		assert_false(tu_contains(buf, "SECRET"));
	}
}

/* ---- msg_format ---------------------------------------------------------- */

static void
metrics_of(struct metrics *m, const char *host, double cpu, double ram,
           double disk)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->hostname, sizeof(m->hostname), "%s", host);
	snprintf(m->timestamp, sizeof(m->timestamp),
	         "2026-11-24T10:15:30.123+01:00");
	m->cpu_percent = cpu;
	m->ram_percent = ram;
	m->disk_percent = disk;
	m->cpu_alert_threshold = 80;
	m->ram_alert_threshold = 90;
	m->cpu_alert = cpu >= 80;
	m->ram_alert = ram >= 90;
}

static char *
format(enum sd_lang l, enum alert_kind k, const struct metrics *m)
{
	static char buf[2048];

	if (msg_format(l, k, m, buf, sizeof(buf)) != 0)
		fail_msg("msg_format(lang %d, %s) failed", (int)l,
		         alert_kind_name(k));
	if (!utf8_valid(buf))
		fail_msg("msg_format(lang %d, %s) is not UTF-8: %s", (int)l,
		         alert_kind_name(k), buf);
	return buf;
}

/* The old tool's language, whole: title, host and score, the figures with
 * what crossed its threshold, the time of the sample.
 * 100/99.9/50: cpu 0, ram 1-39.9/40 -> 0, disk 1 -> 0.30 -> 30 critical. */
static void
french_critical_whole(void **state)
{
	struct metrics m;

	(void)state;
	metrics_of(&m, "web-01", 100.0, 99.9, 50.0);
	assert_string_equal(format(SD_FR, ALERT_CRITICAL, &m),
	                    "🔴 Alerte sysdash : état critique\n"
	                    "Hôte : web-01 — score 30/100 (critique)\n"
	                    "⚠ CPU 100.0 % (seuil 80 % dépassé) · ⚠ RAM 99.9 % "
	                    "(seuil 90 % dépassé)"
	                    " · Disque 50.0 %\n"
	                    "2026-11-24T10:15:30.123+01:00");
}

static void
english_resolved_whole(void **state)
{
	struct metrics m;

	(void)state;
	metrics_of(&m, "web-01", 12.5, 43.1, 71.0);
	/* 1, 1, 1-1/30 -> .35+.35+.29 = .99 -> 99 ok */
	assert_string_equal(format(SD_EN, ALERT_RESOLVED, &m),
	                    "✅ sysdash: resolved, back to normal\n"
	                    "Host: web-01 — score 99/100 (ok)\n"
	                    "CPU 12.5 % · RAM 43.1 % · Disk 71.0 %\n"
	                    "2026-11-24T10:15:30.123+01:00");
}

/* critical -> warn with RAM still over its threshold is no "back to
 * normal": the title says "no longer critical" and line 2 the status. */
static void
resolved_to_warn_is_not_back_to_normal(void **state)
{
	static const struct {
		enum sd_lang l;
		const char *title, *warn;
	} langs[] = {
		{SD_FR, "🟠 sysdash : n'est plus critique\n",
	         "(à surveiller)"},
		{SD_EN, "🟠 sysdash: no longer critical\n", "(warning)"},
		{SD_ES, "🟠 sysdash: ya no está en estado crítico\n",
	         "(atención)"},
		{SD_RU, "🟠 sysdash: уже не критично\n",
	         "(внимание)"},
	};
	struct metrics m;

	(void)state;
	/* cpu 20 -> 1, ram 92 -> 1-32/40 = .2, disk 50 -> 1:
	 * .35 + .07 + .30 = .72 -> 72, warn */
	metrics_of(&m, "web-01", 20.0, 92.0, 50.0);
	for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
		const char *text = format(langs[i].l, ALERT_RESOLVED, &m);

		if (strncmp(text, langs[i].title, strlen(langs[i].title)))
			fail_msg("lang %d: %s", (int)langs[i].l, text);
		assert_true(tu_contains(text, langs[i].warn));
		assert_true(tu_contains(text, " 72/100 "));
		assert_true(tu_contains(text, "⚠ RAM 92.0 %"));
	}
	/* ok again: back to normal */
	metrics_of(&m, "web-01", 20.0, 50.0, 50.0);
	{
		static const char normal[] =
			"✅ sysdash : retour à la normale\n";

		assert_true(!strncmp(format(SD_FR, ALERT_RESOLVED, &m), normal,
		                     sizeof(normal) - 1));
	}
}

/* Every language: four lines, the host, the score and its word, each
 * figure, a ⚠ on exactly what crossed. */
static void
every_language_names_host_score_and_figures(void **state)
{
	static const struct {
		enum sd_lang l;
		const char *host, *disk, *crit, *warn, *ok;
	} langs[] = {
		{SD_FR, "Hôte : ", "Disque", "(critique)", "(à surveiller)",
	         "(normal)"},
		{SD_EN, "Host: ", "Disk", "(critical)", "(warning)", "(ok)"},
		{SD_ES, "Equipo: ", "Disco", "(crítico)", "(atención)",
	         "(normal)"},
		{SD_RU, "Хост: ", "Диск", "(критично)", "(внимание)",
	         "(норма)"},
	};
	struct metrics crit, warn, ok, full;
	char want[256];

	(void)state;
	metrics_of(&crit, "db \"main\" é", 100.0, 99.9, 50.0);
	metrics_of(&warn, "db", 60.0, 70.0, 80.0); /* 74 warn */
	metrics_of(&ok, "db", 10.0, 20.0, 30.0);   /* 100 ok */
	metrics_of(&full, "db", 10.0, 20.0, 95.5); /* disk crossed */
	for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
		const char *t = format(langs[i].l, ALERT_CRITICAL, &crit);
		int lines = 0;

		for (const char *p = t; *p; p++)
			lines += *p == '\n';
		assert_int_equal(lines, 3);
		snprintf(want, sizeof(want), "%sdb \"main\" é — ",
		         langs[i].host);
		if (!tu_contains(t, want))
			fail_msg("lang %zu: no \"%s\" in %s", i, want, t);
		snprintf(want, sizeof(want), " 30/100 %s", langs[i].crit);
		if (!tu_contains(t, want))
			fail_msg("lang %zu: no \"%s\" in %s", i, want, t);
		assert_true(tu_contains(t, "⚠ CPU 100.0 % ("));
		assert_true(tu_contains(t, " 80 % "));
		assert_true(tu_contains(t, "⚠ RAM 99.9 % ("));
		assert_true(tu_contains(t, " 90 % "));
		snprintf(want, sizeof(want), " · %s 50.0 %%\n", langs[i].disk);
		if (!tu_contains(t, want))
			fail_msg("lang %zu: no \"%s\" in %s", i, want, t);
		t = format(langs[i].l, ALERT_REMINDER, &warn);
		snprintf(want, sizeof(want), " 74/100 %s", langs[i].warn);
		if (!tu_contains(t, want))
			fail_msg("lang %zu: no \"%s\" in %s", i, want, t);
		assert_false(tu_contains(t, "⚠"));
		t = format(langs[i].l, ALERT_RESOLVED, &ok);
		snprintf(want, sizeof(want), " 100/100 %s", langs[i].ok);
		if (!tu_contains(t, want))
			fail_msg("lang %zu: no \"%s\" in %s", i, want, t);
		assert_true(tu_contains(t, "CPU 10.0 % · RAM 20.0 %"));
		t = format(langs[i].l, ALERT_TEST, &full);
		snprintf(want, sizeof(want), "⚠ %s 95.5 %% (", langs[i].disk);
		if (!tu_contains(t, want))
			fail_msg("lang %zu: no \"%s\" in %s", i, want, t);
	}
}

/* Each language has its own title for each kind, with the right sign. */
static void
titles_differ_by_kind_and_language(void **state)
{
	static const char *const sign[ALERT_MAX] = {NULL, "🔴", "🔴", "✅", "🔔"};
	char titles[SD_LANG_MAX][ALERT_MAX][256];
	struct metrics m;

	(void)state;
	metrics_of(&m, "h", 1, 1, 1);
	for (int l = 0; l < SD_LANG_MAX; l++)
		for (int k = ALERT_CRITICAL; k < ALERT_MAX; k++) {
			const char *t =
				format((enum sd_lang)l, (enum alert_kind)k, &m);
			size_t len = strcspn(t, "\n");

			assert_true(len > 8 && len < sizeof(titles[l][k]));
			memcpy(titles[l][k], t, len);
			titles[l][k][len] = '\0';
			if (strncmp(titles[l][k], sign[k], strlen(sign[k])))
				fail_msg("title \"%s\" (lang %d, %s) does not "
				         "start with %s",
				         titles[l][k], l,
				         alert_kind_name((enum alert_kind)k),
				         sign[k]);
			assert_true(tu_contains(titles[l][k], "sysdash"));
		}
	for (int l = 0; l < SD_LANG_MAX; l++)
		for (int k = ALERT_CRITICAL; k < ALERT_MAX; k++)
			for (int l2 = 0; l2 < SD_LANG_MAX; l2++)
				for (int k2 = ALERT_CRITICAL; k2 < ALERT_MAX;
				     k2++)
					if ((l != l2 || k != k2) &&
					    !strcmp(titles[l][k],
					            titles[l2][k2]))
						fail_msg(
							"same title \"%s\" for "
							"(%d, %d) and (%d, %d)",
							titles[l][k], l, k, l2,
							k2);
}

/* The threshold shown is the one configured: CPU_ALERT=85.5 crossed by
 * 85.7 must not read "threshold 86 % crossed". */
static void
fractional_threshold_shown_as_set(void **state)
{
	struct metrics m;
	const char *t;

	(void)state;
	metrics_of(&m, "h", 85.7, 20.0, 30.0);
	m.cpu_alert_threshold = 85.5;
	m.cpu_alert = true;
	t = format(SD_EN, ALERT_TEST, &m);
	if (!tu_contains(t, "⚠ CPU 85.7 % (threshold 85.5 % crossed)"))
		fail_msg("threshold 85.5 not shown as set: %s", t);
}

static void
small_buffer_fails_cleanly(void **state)
{
	struct metrics m;
	char big[2048], buf[2048];
	size_t len;

	(void)state;
	metrics_of(&m, "web-01", 100.0, 99.9, 50.0);
	assert_int_equal(
		msg_format(SD_RU, ALERT_REMINDER, &m, big, sizeof(big)), 0);
	len = strlen(big);
	assert_int_equal(msg_format(SD_RU, ALERT_REMINDER, &m, buf, len + 1),
	                 0);
	assert_string_equal(buf, big);
	errno = 0;
	assert_int_equal(msg_format(SD_RU, ALERT_REMINDER, &m, buf, len), -1);
	assert_int_equal(errno, ENOSPC);
	assert_int_equal(msg_format(SD_RU, ALERT_REMINDER, &m, buf, 10), -1);
	assert_true(strlen(buf) < 10);
}

/* The longest host name (255 bytes) fits the sampler's 2048-byte message
 * in every language and kind. */
static void
longest_host_fits(void **state)
{
	struct metrics m;
	char host[256];

	(void)state;
	memset(host, 0, sizeof(host));
	for (size_t i = 0; i + 2 <= 254; i += 2)
		memcpy(host + i, "\xd0\xaf", 2); /* Я */
	host[254] = 'x';
	metrics_of(&m, host, 100.0, 100.0, 100.0);
	for (int l = 0; l < SD_LANG_MAX; l++)
		for (int k = ALERT_CRITICAL; k < ALERT_MAX; k++)
			assert_true(tu_contains(
				format((enum sd_lang)l, (enum alert_kind)k, &m),
				host));
}

static void
lang_names(void **state)
{
	enum sd_lang l = SD_LANG_MAX;

	(void)state;
	assert_int_equal(sd_lang_parse("fr", &l), 0);
	assert_int_equal(l, SD_FR);
	assert_int_equal(sd_lang_parse("EN", &l), 0);
	assert_int_equal(l, SD_EN);
	assert_int_equal(sd_lang_parse("Es", &l), 0);
	assert_int_equal(l, SD_ES);
	assert_int_equal(sd_lang_parse("ru", &l), 0);
	assert_int_equal(l, SD_RU);
	for (const char *const *s = (const char *const[]){"de", "", "fr_FR",
	                                                  "f", "english", NULL};
	     *s; s++) {
		l = SD_RU;
		errno = 0;
		assert_int_equal(sd_lang_parse(*s, &l), -1);
		assert_int_equal(errno, EINVAL);
		assert_int_equal(l, SD_RU);
	}
}

/* ---- wh_config_load ------------------------------------------------------ */

static void
config_defaults(void **state)
{
	struct wh_config w;

	(void)state;
	load_ok(&w);
	assert_false(w.enabled);
	assert_near(w.min_seconds, 300, 0);
	assert_int_equal(w.format, WH_TEXT);
	assert_int_equal(w.lang, SD_FR);
	setenv("WEBHOOK_URL", "", 1);
	setenv("WEBHOOK_MIN_SECONDS", "", 1);
	setenv("WEBHOOK_FORMAT", "", 1);
	setenv("SYSDASH_LANG", "", 1);
	load_ok(&w);
	assert_false(w.enabled);
	assert_near(w.min_seconds, 300, 0);
	assert_int_equal(w.format, WH_TEXT);
	assert_int_equal(w.lang, SD_FR);
}

static void
config_with_url(void **state)
{
	struct wh_config w;
	char self[4096], want[4200];
	ssize_t n;

	(void)state;
	setenv("WEBHOOK_URL", "https://hooks.slack.com/services/T/B/X", 1);
	setenv("SYSDASH_DATA_DIR", "/srv/sysdash data", 1);
	setenv("WEBHOOK_MIN_SECONDS", "2.5", 1);
	setenv("WEBHOOK_FORMAT", "TEAMS", 1);
	setenv("SYSDASH_LANG", "ru", 1);
	load_ok(&w);
	assert_true(w.enabled);
	assert_string_equal(w.url, "https://hooks.slack.com/services/T/B/X");
	assert_near(w.min_seconds, 2.5, 0);
	assert_int_equal(w.format, WH_TEAMS);
	assert_int_equal(w.lang, SD_RU);
	assert_string_equal(w.state_path, "/srv/sysdash data/webhook.state");
	assert_string_equal(w.log_path, "/srv/sysdash data/webhooks.jsonl");
	/* sysdash-notify beside our own binary */
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	assert_true(n > 0);
	self[n] = '\0';
	*strrchr(self, '/') = '\0';
	snprintf(want, sizeof(want), "%s/sysdash-notify", self);
	assert_string_equal(w.notify_bin, want);
	/* or where SYSDASH_NOTIFY says */
	setenv("SYSDASH_NOTIFY", "/opt/x/sysdash-notify", 1);
	load_ok(&w);
	assert_string_equal(w.notify_bin, "/opt/x/sysdash-notify");
	/* without SYSDASH_DATA_DIR: the XDG state folder */
	unsetenv("SYSDASH_DATA_DIR");
	setenv("XDG_STATE_HOME", "/xdg/state", 1);
	load_ok(&w);
	assert_string_equal(w.state_path, "/xdg/state/sysdash/webhook.state");
}

static void
config_min_seconds(void **state)
{
	static const struct {
		const char *s;
		double v;
	} good[] = {
		{"0", 0},
		{"1", 1},
		{"300", 300},
		{"0.5", 0.5},
		{"31536000", 31536000},
	};
	static const char *const bad[] = {
		"-1",  "-0.001", "31536000.5", "31536001", "abc", "nan",
		"inf", "-inf",   "1e999",      "5s",       "5 s", "300\n",
	};
	struct wh_config w;

	(void)state;
	setenv("WEBHOOK_URL", "http://127.0.0.1:9/x", 1);
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		setenv("WEBHOOK_MIN_SECONDS", good[i].s, 1);
		load_ok(&w);
		assert_near(w.min_seconds, good[i].v, 0);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setenv("WEBHOOK_MIN_SECONDS", bad[i], 1);
		expect_config_error("WEBHOOK_MIN_SECONDS");
	}
	/* checked even with no URL: a typo is caught before the URL is set */
	unsetenv("WEBHOOK_URL");
	setenv("WEBHOOK_MIN_SECONDS", "soon", 1);
	expect_config_error("WEBHOOK_MIN_SECONDS");
}

static void
config_format_and_lang(void **state)
{
	static const char *const bad_formats[] = {"slack", "json", "text ",
	                                          "Teams2"};
	static const char *const bad_langs[] = {"de", "fr_FR.UTF-8", "english",
	                                        "e"};
	struct wh_config w;

	(void)state;
	setenv("WEBHOOK_URL", "http://127.0.0.1:9/x", 1);
	setenv("WEBHOOK_FORMAT", "text", 1);
	load_ok(&w);
	assert_int_equal(w.format, WH_TEXT);
	setenv("WEBHOOK_FORMAT", "teams", 1);
	load_ok(&w);
	assert_int_equal(w.format, WH_TEAMS);
	for (size_t i = 0; i < sizeof(bad_formats) / sizeof(bad_formats[0]);
	     i++) {
		setenv("WEBHOOK_FORMAT", bad_formats[i], 1);
		expect_config_error("WEBHOOK_FORMAT");
	}
	unsetenv("WEBHOOK_FORMAT");
	setenv("SYSDASH_LANG", "Es", 1);
	load_ok(&w);
	assert_int_equal(w.lang, SD_ES);
	for (size_t i = 0; i < sizeof(bad_langs) / sizeof(bad_langs[0]); i++) {
		setenv("SYSDASH_LANG", bad_langs[i], 1);
		expect_config_error("SYSDASH_LANG");
	}
}

static void
config_bad_url_and_dir(void **state)
{
	struct wh_config w;
	char *dir = tu_huge_line("/tmp/", 'd', 5000);
	char err[16];

	(void)state;
	setenv("WEBHOOK_URL", "ftp://example.com/x", 1);
	expect_config_error("WEBHOOK_URL");
	setenv("WEBHOOK_URL", "http://exa mple.com/x", 1);
	expect_config_error("WEBHOOK_URL");
	setenv("WEBHOOK_URL", "http://example.com/x", 1);
	dir[4999] = 'd';
	setenv("SYSDASH_DATA_DIR", dir, 1);
	expect_config_error("SYSDASH_DATA_DIR");
	/* a tiny error buffer is cut, not overrun */
	setenv("SYSDASH_LANG", "klingon", 1);
	memset(err, 'Z', sizeof(err));
	assert_int_equal(load(&w, err, sizeof(err)), -1);
	assert_true(memchr(err, '\0', sizeof(err)) != NULL);
	free(dir);
}

/* ---- wh_on_sample -------------------------------------------------------- */

/* The sampler hands the post to sysdash-notify with the documented
 * arguments (the URL only in the environment) and does not wait for it. */
static void
on_sample_spawns_notify_without_waiting(void **state)
{
	char *dir = tu_mkdtemp();
	char script[1024], args[1024], stamp[1024], buf[4096];
	struct wh_config w;
	struct metrics m;
	struct timespec a, b;
	double took;
	FILE *f;

	(void)state;
	snprintf(script, sizeof(script), "%s/fake-notify", dir);
	snprintf(args, sizeof(args), "%s/args", dir);
	snprintf(stamp, sizeof(stamp), "%s/done", dir);
	f = fopen(script, "w");
	assert_non_null(f);
	fprintf(f,
	        "#!/bin/sh\nsleep 1\nfor a in \"$@\"; do printf '%%s\\n' "
	        "\"$a\"; done > '%s'\n"
	        "printf '%%s' \"$WEBHOOK_URL\" > '%s'\n",
	        args, stamp);
	fclose(f);
	assert_int_equal(chmod(script, 0755), 0);
	setenv("WEBHOOK_URL", "http://127.0.0.1:9/hooks/SECRET", 1);
	setenv("SYSDASH_DATA_DIR", dir, 1);
	setenv("SYSDASH_NOTIFY", script, 1);
	setenv("SYSDASH_LANG", "en", 1);
	load_ok(&w);
	metrics_of(&m, "web-01", 100.0, 99.9, 50.0);
	clock_gettime(CLOCK_REALTIME, &m.when);
	clock_gettime(CLOCK_MONOTONIC, &a);
	wh_on_sample(&w, &m); /* first critical sample */
	m.when.tv_sec += 1;
	wh_on_sample(&w, &m); /* second: posts */
	clock_gettime(CLOCK_MONOTONIC, &b);
	took = (double)(b.tv_sec - a.tv_sec) +
	       (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	assert_true(took < 0.5);
	for (int i = 0; i < 100 && access(stamp, F_OK) != 0; i++) {
		struct timespec t = {0, 50 * 1000000L};

		nanosleep(&t, NULL);
	}
	{
		char *got;
		char want[2048];

		f = fopen(args, "r");
		assert_non_null(f);
		buf[fread(buf, 1, sizeof(buf) - 1, f)] = '\0';
		fclose(f);
		snprintf(want, sizeof(want),
		         "--kind\ncritical\n--state\n%s/"
		         "webhook.state\n--log\n%s/webhooks.jsonl\n--text\n",
		         dir, dir);
		if (strncmp(buf, want, strlen(want)))
			fail_msg("notify arguments:\n%s\nwant them to start "
			         "with:\n%s",
			         buf, want);
		got = buf + strlen(want);
		assert_true(tu_contains(got, "sysdash alert: critical\nHost: "
		                             "web-01 — score 30/100"));
		assert_false(tu_contains(buf, "SECRET"));
		f = fopen(stamp, "r");
		assert_non_null(f);
		buf[fread(buf, 1, sizeof(buf) - 1, f)] = '\0';
		fclose(f);
		assert_string_equal(buf, "http://127.0.0.1:9/hooks/SECRET");
	}
	while (waitpid(-1, NULL, 0) > 0)
		;
	tu_rmtree(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(url_check_accepts_http_and_https),
		cmocka_unit_test(url_check_refuses_other_schemes_and_no_host),
		cmocka_unit_test(url_check_refuses_huge),
		cmocka_unit_test(url_check_refuses_bad_ports),
		cmocka_unit_test(url_check_message_hides_secrets),
		cmocka_unit_test(redact_keeps_scheme_host_and_five_characters),
		cmocka_unit_test(redact_drops_credentials),
		cmocka_unit_test(redact_respects_the_buffer),
		cmocka_unit_test(redact_does_not_cut_a_character),
		cmocka_unit_test(french_critical_whole),
		cmocka_unit_test(english_resolved_whole),
		cmocka_unit_test(resolved_to_warn_is_not_back_to_normal),
		cmocka_unit_test(every_language_names_host_score_and_figures),
		cmocka_unit_test(titles_differ_by_kind_and_language),
		cmocka_unit_test(fractional_threshold_shown_as_set),
		cmocka_unit_test(small_buffer_fails_cleanly),
		cmocka_unit_test(longest_host_fits),
		cmocka_unit_test(lang_names),
		cmocka_unit_test_setup_teardown(config_defaults, clear_env,
	                                        clear_env),
		cmocka_unit_test_setup_teardown(config_with_url, clear_env,
	                                        clear_env),
		cmocka_unit_test_setup_teardown(config_min_seconds, clear_env,
	                                        clear_env),
		cmocka_unit_test_setup_teardown(config_format_and_lang,
	                                        clear_env, clear_env),
		cmocka_unit_test_setup_teardown(config_bad_url_and_dir,
	                                        clear_env, clear_env),
		cmocka_unit_test_setup_teardown(
			on_sample_spawns_notify_without_waiting, clear_env,
			clear_env),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
