/* main.c: sysdash-desktop, the native window: flags, language, settings,
 * dark mode from the desktop portal, signals, and the GTK main loop. */
#include "window.h"

#include "catalog.h"
#include "cliopts.h"
#include "paths.h"

#include <errno.h>
#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PROG "sysdash-desktop"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

struct opts {
	double interval; /* 0: from SYSDASH_INTERVAL */
	const char *dump_state, *snapshot;
};

static void
usage(FILE *f)
{
	fprintf(f,
	        "Usage: " PROG
	        " [--interval S] [--dump-state FILE] [--snapshot FILE]\n"
	        "A window with CPU, memory, disk, uptime and health, read from "
	        "/proc\n"
	        "every S seconds, with an optional CSV export.\n\n"
	        "  --interval S       seconds between samples, %g to %g "
	        "(default\n"
	        "                     SYSDASH_INTERVAL or 2)\n"
	        "  --dump-state FILE  after each sample, write what the window "
	        "shows\n"
	        "                     to FILE as key=value lines (for tests)\n"
	        "  --snapshot FILE    on SIGUSR1, save a PNG of the window to "
	        "FILE\n"
	        "  --help, --version\n\n"
	        "Language: SYSDASH_LANG (fr, en, es, ru), else the locale; "
	        "French\n"
	        "when neither names one of these. Settings: "
	        "$XDG_CONFIG_HOME/sysdash/desktop.ini.\n"
	        "Environment as for sysdash-sampler: SYSDASH_PROC_ROOT, "
	        "SYSDASH_DISK_PATH,\n"
	        "CPU_ALERT, RAM_ALERT, SYSDASH_INTERVAL.\n",
	        SD_INTERVAL_MIN, SD_INTERVAL_MAX);
}

static const struct cli_prog prog = {
	PROG,
	PROG " " SYSDASH_VERSION,
	0,
	usage,
};

/* 0 to run, 1 when --help/--version answered, -1 on a bad flag. */
static int
parse_args(int argc, char **argv, struct opts *o)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 1;
		}
		if (!strcmp(a, "--version")) {
			printf("%s\n", prog.version);
			return 1;
		}
		if (strcmp(a, "--interval") && strcmp(a, "--dump-state") &&
		    strcmp(a, "--snapshot"))
			return cli_bad(&prog, "unknown argument '%s'", a);
		if (!v)
			return cli_bad(&prog, "%s needs a value", a);
		i++;
		if (!strcmp(a, "--interval")) {
			if (util_parse_double(v, &o->interval) < 0 ||
			    o->interval < SD_INTERVAL_MIN ||
			    o->interval > SD_INTERVAL_MAX)
				return cli_bad(&prog,
				               "--interval '%s': not a number "
				               "of seconds "
				               "from 0.1 to 86400",
				               v);
		} else if (!*v) {
			return cli_bad(&prog, "%s: empty file name", a);
		} else if (!strcmp(a, "--dump-state")) {
			o->dump_state = v;
		} else {
			o->snapshot = v;
		}
	}
	return 0;
}

/* build/locale next to a build/sysdash-desktop, else the installed one */
static void
locale_dir(char *buf, size_t n)
{
	char exe[4096];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *env = getenv("SYSDASH_LOCALEDIR");

	if (env && *env) {
		snprintf(buf, n, "%s", env);
		return;
	}
	if (len > 0) {
		exe[len] = '\0';
		*strrchr(exe, '/') = '\0';
		if ((size_t)snprintf(buf, n, "%s/locale", exe) < n &&
		    access(buf, R_OK | X_OK) == 0)
			return;
	}
	snprintf(buf, n, "%s", LOCALEDIR);
}

static int
pick_lang(enum sd_lang *lang, struct catalog *cat)
{
	char dir[4096], err[4400];

	if (view_lang_pick(getenv("SYSDASH_LANG"), getenv("LANGUAGE"),
	                   getenv("LC_ALL"), getenv("LC_MESSAGES"),
	                   getenv("LANG"), lang) < 0) {
		fprintf(stderr,
		        PROG ": SYSDASH_LANG '%s': not one of fr, en, es, ru\n",
		        getenv("SYSDASH_LANG"));
		return -1;
	}
	/* GTK's own texts (the file chooser) follow the same language */
	setenv("LANGUAGE", sd_lang_code(*lang), 1);
	if (*lang == SD_EN)
		return 0;
	locale_dir(dir, sizeof(dir));
	if (catalog_open(cat, dir, sd_lang_code(*lang), "sysdash", err,
	                 sizeof(err)) < 0)
		fprintf(stderr, PROG ": %s (texts in English)\n", err);
	return 0;
}

/* ---- dark mode: org.freedesktop.appearance color-scheme (1 = dark) ---- */

static void
apply_scheme(GVariant *v)
{
	GVariant *inner;

	g_variant_ref(v);
	while (g_variant_is_of_type(v, G_VARIANT_TYPE_VARIANT)) {
		inner = g_variant_get_variant(v);
		g_variant_unref(v);
		v = inner;
	}
	if (g_variant_is_of_type(v, G_VARIANT_TYPE_UINT32))
		g_object_set(gtk_settings_get_default(),
		             "gtk-application-prefer-dark-theme",
		             g_variant_get_uint32(v) == 1, NULL);
	g_variant_unref(v);
}

static void
on_portal_signal(GDBusProxy *p, const char *sender, const char *signal,
                 GVariant *params, gpointer data)
{
	const char *ns, *key;
	GVariant *v;

	(void)p;
	(void)sender;
	(void)data;
	if (strcmp(signal, "SettingChanged") ||
	    !g_variant_is_of_type(params, G_VARIANT_TYPE("(ssv)")))
		return;
	g_variant_get(params, "(&s&sv)", &ns, &key, &v);
	if (!strcmp(ns, "org.freedesktop.appearance") &&
	    !strcmp(key, "color-scheme"))
		apply_scheme(v);
	g_variant_unref(v);
}

static void
on_portal_read(GObject *src, GAsyncResult *res, gpointer data)
{
	GVariant *r = g_dbus_proxy_call_finish(G_DBUS_PROXY(src), res, NULL);

	(void)data;
	if (!r) /* no portal, or an old one: GTK's own theme settings rule */
		return;
	apply_scheme(r);
	g_variant_unref(r);
}

static void
on_portal(GObject *src, GAsyncResult *res, gpointer data)
{
	GDBusProxy **proxy = data;

	(void)src;
	*proxy = g_dbus_proxy_new_for_bus_finish(res, NULL);
	if (!*proxy)
		return; /* no session bus: nothing to follow */
	g_signal_connect(*proxy, "g-signal", G_CALLBACK(on_portal_signal),
	                 NULL);
	g_dbus_proxy_call(*proxy, "Read",
	                  g_variant_new("(ss)", "org.freedesktop.appearance",
	                                "color-scheme"),
	                  G_DBUS_CALL_FLAGS_NONE, 2000, NULL, on_portal_read,
	                  NULL);
}

static void
follow_dark_mode(GDBusProxy **proxy)
{
	/* only with a session bus: never autolaunch one */
	if (!getenv("DBUS_SESSION_BUS_ADDRESS"))
		return;
	g_dbus_proxy_new_for_bus(
		G_BUS_TYPE_SESSION,
		G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START_AT_CONSTRUCTION, NULL,
		"org.freedesktop.portal.Desktop",
		"/org/freedesktop/portal/desktop",
		"org.freedesktop.portal.Settings", NULL, on_portal, proxy);
}

/* ---- signals -------------------------------------------------------- */

static gboolean
on_term(gpointer data)
{
	window_close(data);
	return G_SOURCE_CONTINUE;
}

static gboolean
on_usr1(gpointer data)
{
	window_snapshot(data);
	return G_SOURCE_CONTINUE;
}

/* Settings file and export path; a bad file is said, not fatal. */
static void
load_settings(struct settings *s, char *file, size_t n, char *note,
              size_t notelen)
{
	char err[4400];

	*note = '\0';
	if (settings_path(file, n) < 0) {
		*file = '\0';
		s->export_on = true;
		s->path[0] = '\0';
		return;
	}
	if (settings_load(file, s, err, sizeof(err)) < 0) {
		fprintf(stderr, PROG ": %s (defaults used)\n", err);
		snprintf(note, notelen, "%s", err);
	}
}

/* The export as the settings left it: their path, else the default. */
static void
export_start(struct view *v, const struct settings *s)
{
	char path[4096];

	if (*s->path)
		snprintf(path, sizeof(path), "%s", s->path);
	else if (view_default_export_path(path, sizeof(path)) < 0)
		snprintf(path, sizeof(path), "%s", VIEW_EXPORT_NAME);
	view_export_set(v, s->export_on, path);
}

/* Runs the window until it closes: SIGINT and SIGTERM close it, SIGUSR1
 * writes a snapshot (on_term, on_usr1). */
static void
run_window(struct app *a)
{
	guint sig[3];

	sig[0] = g_unix_signal_add(SIGINT, on_term, a);
	sig[1] = g_unix_signal_add(SIGTERM, on_term, a);
	sig[2] = g_unix_signal_add(SIGUSR1, on_usr1, a);
	while (window_alive(a))
		g_main_context_iteration(NULL, TRUE);
	for (int i = 0; i < 3; i++)
		g_source_remove(sig[i]);
}

int
main(int argc, char **argv)
{
	static struct view v;
	static struct settings s;
	static char file[4096], note[4400], err[4400];
	struct opts o = {0};
	struct window_opts wo = {0};
	struct sd_config cfg;
	struct catalog cat = {0};
	enum sd_lang lang;
	GDBusProxy *portal = NULL;
	struct app *a;
	int rc;

	if ((rc = parse_args(argc, argv, &o)) != 0)
		return rc > 0 ? 0 : 2;
	if (config_load(&cfg, SD_CLI, err, sizeof(err)) < 0) {
		fprintf(stderr, PROG ": %s\n", err);
		return 2;
	}
	if (pick_lang(&lang, &cat) < 0)
		return 2;
	load_settings(&s, file, sizeof(file), note, sizeof(note));
	if (!gtk_init_check()) {
		fprintf(stderr, PROG ": cannot open the display (DISPLAY or "
		                     "WAYLAND_DISPLAY)\n");
		catalog_close(&cat);
		return 1;
	}
	/* GTK set the locale: numbers we write stay with a decimal point */
	setlocale(LC_NUMERIC, "C");
	view_init(&v, lang, cat.data ? &cat : NULL);
	export_start(&v, &s);
	wo.interval = o.interval > 0 ? o.interval : cfg.interval;
	wo.dump_state = o.dump_state;
	wo.snapshot = o.snapshot;
	wo.settings_file = *file ? file : NULL;
	wo.startup_note = *note ? note : NULL;
	if (!(a = window_open(&cfg, &wo, &v, &s, err, sizeof(err)))) {
		fprintf(stderr, PROG ": %s\n", err);
		catalog_close(&cat);
		return 1;
	}
	follow_dark_mode(&portal);
	run_window(a);
	window_free(a);
	g_clear_object(&portal);
	catalog_close(&cat);
	return 0;
}
