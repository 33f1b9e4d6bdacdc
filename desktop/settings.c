/* settings.c: desktop.ini through GKeyFile, with every value checked. */
#include "settings.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int
settings_path(char *buf, size_t n)
{
	const char *cfg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	int len;

	/* the XDG spec: a relative XDG_CONFIG_HOME is invalid, ignore it */
	if (cfg && cfg[0] == '/')
		len = snprintf(buf, n, "%s/sysdash/desktop.ini", cfg);
	else if (home && home[0] == '/')
		len = snprintf(buf, n, "%s/.config/sysdash/desktop.ini", home);
	else
		return -1;
	return len < 0 || (size_t)len >= n ? -1 : 0;
}

/* The path value: absolute, one line, fits; else -1 with why. */
static int
check_path(const char *v, size_t max, const char **why)
{
	if (!*v)
		return 0;
	if (v[0] != '/')
		*why = "path is not absolute";
	else if (strlen(v) >= max)
		*why = "path is too long";
	else if (strpbrk(v, "\n\r"))
		*why = "path holds a line break";
	else
		return 0;
	return -1;
}

int
settings_load(const char *path, struct settings *s, char *err, size_t errlen)
{
	GKeyFile *kf;
	GError *e = NULL;
	struct stat st;
	const char *why = NULL;
	char *v;
	int rc = 0;

	s->export_on = true;
	s->path[0] = '\0';
	if (stat(path, &st) < 0) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > SETTINGS_MAX) {
		snprintf(err, errlen, "%s: %s", path,
		         S_ISREG(st.st_mode) ? "larger than 64 KiB" :
		                               "not a file");
		return -1;
	}
	kf = g_key_file_new();
	if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &e)) {
		snprintf(err, errlen, "%s: %s", path, e->message);
		g_error_free(e);
		g_key_file_free(kf);
		return -1;
	}
	if (g_key_file_has_key(kf, "export", "enabled", NULL)) {
		gboolean on =
			g_key_file_get_boolean(kf, "export", "enabled", &e);

		if (e) {
			snprintf(err, errlen, "%s: [export] enabled: %s", path,
			         e->message);
			g_clear_error(&e);
			rc = -1;
		} else {
			s->export_on = on;
		}
	}
	v = g_key_file_get_string(kf, "export", "path", NULL);
	if (v && check_path(v, sizeof(s->path), &why) < 0) {
		snprintf(err, errlen, "%s: [export] path: %s", path, why);
		rc = -1;
	} else if (v) {
		snprintf(s->path, sizeof(s->path), "%s", v);
	}
	g_free(v);
	g_key_file_free(kf);
	return rc;
}

int
settings_save(const char *path, const struct settings *s, char *err,
              size_t errlen)
{
	GKeyFile *kf = g_key_file_new();
	GError *e = NULL;
	char *dir = g_path_get_dirname(path);
	int rc = 0;

	if (g_mkdir_with_parents(dir, 0700) < 0) {
		snprintf(err, errlen, "mkdir %s: %s", dir, strerror(errno));
		rc = -1;
	} else {
		g_key_file_set_boolean(kf, "export", "enabled", s->export_on);
		g_key_file_set_string(kf, "export", "path", s->path);
		if (!g_key_file_save_to_file(kf, path, &e)) {
			snprintf(err, errlen, "%s", e->message);
			g_error_free(e);
			rc = -1;
		}
	}
	g_free(dir);
	g_key_file_free(kf);
	return rc;
}
