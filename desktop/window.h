/* window.h: the GTK 4 window. It draws what the view model (lib/view.h)
 * says and hands the user's export choices back to it. */
#ifndef WINDOW_H
#define WINDOW_H

#include <gtk/gtk.h>

#include "settings.h"
#include "view.h"
#include "worker.h"

struct window_opts {
	double interval;        /* seconds */
	const char *dump_state; /* --dump-state FILE or NULL */
	const char *snapshot;   /* --snapshot FILE or NULL (PNG on SIGUSR1) */
	const char *settings_file; /* NULL: nothing remembered */
	const char *startup_note;  /* a settings error to show, or NULL */
};

struct app;

/* Builds and shows the window; sampling starts at once. NULL with a
 * message in err when the worker cannot start. */
struct app *window_open(const struct sd_config *cfg,
                        const struct window_opts *o, struct view *v,
                        struct settings *s, char *err, size_t errlen);

/* True until the window is closed. */
bool window_alive(const struct app *a);

/* Closes the window as the user would (SIGTERM, SIGINT). */
void window_close(struct app *a);

/* Saves a PNG of the window to o->snapshot. 0 or -1. */
int window_snapshot(struct app *a);

/* Stops the timer and the worker, frees a. */
void window_free(struct app *a);

#endif
