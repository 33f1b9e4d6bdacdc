/* window.c: the GTK 4 widgets of sysdash-desktop: cards, alert banner,
 * Cairo trend, export controls and status line, all filled from struct
 * view; --dump-state reads the texts back from the widgets. */
#include "window.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define PROG "sysdash-desktop"

static const char *const card_key[VIEW_CARD_MAX] = {
	"health", "cpu", "ram", "disk", "uptime",
};

/* Series colours that read on light and dark backgrounds alike. */
static const GdkRGBA cpu_rgb = {0.21, 0.52, 0.89, 1}; /* #3584e4 */
static const GdkRGBA ram_rgb = {0.90, 0.38, 0.00, 1}; /* #e66100 */

struct card {
	GtkWidget *box, *title, *value, *detail, *flag;
};

struct app {
	const struct sd_config *cfg;
	const struct window_opts *o;
	struct view *v;
	struct settings *s;
	struct worker *w;
	GtkWidget *win, *banner, *trend, *check, *entry, *status;
	struct card card[VIEW_CARD_MAX];
	GtkFileChooserNative *chooser;
	guint timer, first;
	bool alive;
	unsigned long samples, skipped;
	bool reported; /* the current export error went to stderr */
};

static const char css[] =
	".card { border: 1px solid alpha(currentColor, 0.25); border-radius: "
	"8px;"
	"  padding: 8px 10px; }\n"
	".card:focus-visible { outline: 2px solid #3584e4; }\n"
	".card .value { font-size: 18pt; font-weight: bold; }\n"
	".card .flag { font-weight: bold; }\n"
	".card.alert { border: 2px solid #e01b24; background-color: "
	"alpha(#e01b24, 0.16); }\n"
	".card.warn { border: 2px solid #e5a50a; background-color: "
	"alpha(#e5a50a, 0.16); }\n"
	".banner { padding: 6px 10px; border-radius: 6px; font-weight: bold; "
	"}\n"
	".banner.ok { background-color: alpha(#2ec27e, 0.22); }\n"
	".banner.warn { background-color: alpha(#e5a50a, 0.30); }\n"
	".banner.alert { background-color: #c01c28; color: #ffffff; }\n"
	".status.error { color: #e01b24; font-weight: bold; }\n";

static void
set_level_class(GtkWidget *w, enum view_level l)
{
	int i;

	for (i = 0; i < VIEW_LEVEL_MAX; i++)
		gtk_widget_remove_css_class(
			w, view_level_name((enum view_level)i));
	gtk_widget_add_css_class(w, view_level_name(l));
}

static enum view_level
level_class(GtkWidget *w)
{
	int i;

	for (i = VIEW_LEVEL_MAX - 1; i > 0; i--)
		if (gtk_widget_has_css_class(
			    w, view_level_name((enum view_level)i)))
			return (enum view_level)i;
	return VIEW_WAITING;
}

/* One "key=value" line; line breaks in values become spaces. */
static void
dump_line(GString *out, const char *key, const char *val)
{
	const char *p;

	g_string_append_printf(out, "%s=", key);
	for (p = val; *p; p++)
		g_string_append_c(out, *p == '\n' || *p == '\r' ? ' ' : *p);
	g_string_append_c(out, '\n');
}

/* What the window shows, read from its widgets, written atomically. */
static void
dump_state(struct app *a)
{
	GString *out = g_string_new(NULL);
	GError *e = NULL;
	char key[64], num[32];
	int i;

	dump_line(out, "title", gtk_window_get_title(GTK_WINDOW(a->win)));
	dump_line(out, "level", view_level_name(level_class(a->banner)));
	dump_line(out, "banner", gtk_label_get_text(GTK_LABEL(a->banner)));
	for (i = 0; i < VIEW_CARD_MAX; i++) {
		const struct card *c = &a->card[i];

		snprintf(key, sizeof(key), "%s.level", card_key[i]);
		dump_line(out, key, view_level_name(level_class(c->box)));
		snprintf(key, sizeof(key), "%s.title", card_key[i]);
		dump_line(out, key, gtk_label_get_text(GTK_LABEL(c->title)));
		snprintf(key, sizeof(key), "%s.value", card_key[i]);
		dump_line(out, key, gtk_label_get_text(GTK_LABEL(c->value)));
		snprintf(key, sizeof(key), "%s.detail", card_key[i]);
		dump_line(out, key, gtk_label_get_text(GTK_LABEL(c->detail)));
		snprintf(key, sizeof(key), "%s.flag", card_key[i]);
		dump_line(out, key,
		          gtk_widget_get_visible(c->flag) ?
		                  gtk_label_get_text(GTK_LABEL(c->flag)) :
		                  "");
		snprintf(key, sizeof(key), "%s.accessible", card_key[i]);
		dump_line(out, key, a->v->card[i].accessible);
	}
	dump_line(out, "status", gtk_label_get_text(GTK_LABEL(a->status)));
	dump_line(out, "status.error",
	          gtk_widget_has_css_class(a->status, "error") ? "1" : "0");
	dump_line(out, "export.enabled",
	          gtk_check_button_get_active(GTK_CHECK_BUTTON(a->check)) ?
	                  "1" :
	                  "0");
	dump_line(out, "export.path",
	          gtk_editable_get_text(GTK_EDITABLE(a->entry)));
	snprintf(num, sizeof(num), "%lu", a->v->exp.rows);
	dump_line(out, "export.rows", num);
	snprintf(num, sizeof(num), "%d", a->v->trend.len);
	dump_line(out, "trend.points", num);
	snprintf(num, sizeof(num), "%lu", a->samples);
	dump_line(out, "samples", num);
	snprintf(num, sizeof(num), "%d", a->v->score);
	dump_line(out, "score", num);
	if (!g_file_set_contents(a->o->dump_state, out->str, (gssize)out->len,
	                         &e)) {
		fprintf(stderr, PROG ": --dump-state: %s\n", e->message);
		g_error_free(e);
	}
	g_string_free(out, TRUE);
}

static void
show_view(struct app *a)
{
	const struct view *v = a->v;
	bool err;
	int i;

	for (i = 0; i < VIEW_CARD_MAX; i++) {
		const struct view_card *vc = &v->card[i];
		struct card *c = &a->card[i];

		gtk_label_set_text(GTK_LABEL(c->title), vc->title);
		gtk_label_set_text(GTK_LABEL(c->value), vc->value);
		gtk_label_set_text(GTK_LABEL(c->detail), vc->detail);
		gtk_widget_set_visible(c->detail, *vc->detail != '\0');
		gtk_label_set_text(GTK_LABEL(c->flag), vc->flag);
		gtk_widget_set_visible(c->flag, *vc->flag != '\0');
		set_level_class(c->box, vc->level);
		gtk_accessible_update_property(GTK_ACCESSIBLE(c->box),
		                               GTK_ACCESSIBLE_PROPERTY_LABEL,
		                               vc->accessible, -1);
	}
	gtk_label_set_text(GTK_LABEL(a->banner), v->banner);
	set_level_class(a->banner, v->level);
	gtk_label_set_text(GTK_LABEL(a->status), v->status_line);
	err = *v->sample_error || (v->exp.enabled && v->exp.failing);
	if (err)
		gtk_widget_add_css_class(a->status, "error");
	else
		gtk_widget_remove_css_class(a->status, "error");
	gtk_widget_queue_draw(a->trend);
	if (a->o->dump_state)
		dump_state(a);
}

/* The sampler's way: an export error once per outage on stderr too. */
static void
report_export(struct app *a)
{
	const struct view_export *x = &a->v->exp;

	if (x->failing && !a->reported) {
		fprintf(stderr, PROG ": %s (sampling goes on)\n", x->error);
		a->reported = true;
	} else if (!x->failing && a->reported) {
		fprintf(stderr, PROG ": writing %s again\n", x->path);
		a->reported = false;
	}
}

static void
on_result(const struct worker_result *r, void *data)
{
	struct app *a = data;

	if (!a->alive)
		return;
	a->samples++;
	if (r->sampled) {
		view_update(a->v, &r->m);
		if (r->exported)
			view_export_result(a->v, r->export_rc, r->export_error);
	} else {
		view_sample_failed(a->v, r->error);
	}
	report_export(a);
	show_view(a);
}

static gboolean
tick(gpointer data)
{
	struct app *a = data;

	if (!worker_request(a->w, a->v->exp.enabled, a->v->exp.path))
		a->skipped++; /* the last sample is still running: no queue */
	return G_SOURCE_CONTINUE;
}

static gboolean
first_tick(gpointer data)
{
	struct app *a = data;

	a->first = 0;
	tick(a);
	return G_SOURCE_REMOVE;
}

/* The trend: CPU and RAM percent of the last samples, 0..100. */
static void
draw_trend(GtkDrawingArea *area, cairo_t *cr, int w, int h, gpointer data)
{
	struct app *a = data;
	const struct view_trend *t = &a->v->trend;
	GdkRGBA fg;
	double x0 = 4, x1 = w - 4, y0 = 6, y1 = h - 6, cpu, ram;
	int s, i, y;

	(void)area;
	gtk_style_context_get_color(gtk_widget_get_style_context(a->trend),
	                            &fg);
	cairo_set_line_width(cr, 1);
	for (y = 0; y <= 100; y += 25) {
		double py = y1 - (y1 - y0) * y / 100.0;

		cairo_set_source_rgba(cr, fg.red, fg.green, fg.blue,
		                      y % 50 ? 0.08 : 0.2);
		cairo_move_to(cr, x0, py + 0.5);
		cairo_line_to(cr, x1, py + 0.5);
		cairo_stroke(cr);
	}
	if (t->len < 1)
		return;
	cairo_set_line_width(cr, 2);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	for (s = 0; s < 2; s++) {
		const GdkRGBA *c = s ? &ram_rgb : &cpu_rgb;

		gdk_cairo_set_source_rgba(cr, c);
		for (i = 0; i < t->len; i++) {
			/* the newest sample sits at the right edge */
			double px = x1 - (x1 - x0) * (t->len - 1 - i) /
			                         (VIEW_TREND_MAX - 1);
			double v;

			view_trend_get(t, i, &cpu, &ram);
			v = s ? ram : cpu;
			if (i == 0)
				cairo_move_to(cr, px,
				              y1 - (y1 - y0) * v / 100.0);
			else
				cairo_line_to(cr, px,
				              y1 - (y1 - y0) * v / 100.0);
		}
		if (t->len == 1)
			cairo_rel_line_to(cr, -2, 0);
		cairo_stroke(cr);
	}
}

static void
save_settings(struct app *a)
{
	char err[4400];

	if (!a->o->settings_file)
		return;
	if (settings_save(a->o->settings_file, a->s, err, sizeof(err)) < 0)
		fprintf(stderr, PROG ": cannot save the settings: %s\n", err);
}

/* The entry's text becomes the export path ("" means the Desktop one). */
static void
apply_path(struct app *a)
{
	char def[4096];
	char *text = g_strstrip(
		g_strdup(gtk_editable_get_text(GTK_EDITABLE(a->entry))));

	if (!*text && view_default_export_path(def, sizeof(def)) == 0) {
		g_free(text);
		text = g_strdup(def);
		gtk_editable_set_text(GTK_EDITABLE(a->entry), text);
	}
	if (strcmp(text, a->v->exp.path)) {
		view_export_set(a->v, a->v->exp.enabled, text);
		if (view_default_export_path(def, sizeof(def)) == 0 &&
		    !strcmp(def, text))
			a->s->path[0] = '\0';
		else
			snprintf(a->s->path, sizeof(a->s->path), "%s", text);
		a->reported = false;
		save_settings(a);
		show_view(a);
	}
	g_free(text);
}

static void
on_entry_activate(GtkEntry *e, gpointer data)
{
	(void)e;
	apply_path(data);
}

static void
on_entry_leave(GtkEventControllerFocus *f, gpointer data)
{
	(void)f;
	apply_path(data);
}

static void
on_toggle(GtkCheckButton *b, gpointer data)
{
	struct app *a = data;

	a->s->export_on = gtk_check_button_get_active(b);
	view_export_set(a->v, a->s->export_on, NULL);
	gtk_widget_set_sensitive(a->entry, a->s->export_on);
	a->reported = false;
	save_settings(a);
	show_view(a);
}

static void
on_default(GtkButton *b, gpointer data)
{
	struct app *a = data;
	char def[4096];

	(void)b;
	if (view_default_export_path(def, sizeof(def)) < 0)
		return;
	gtk_editable_set_text(GTK_EDITABLE(a->entry), def);
	apply_path(a);
}

static void
on_chosen(GtkNativeDialog *d, int response, gpointer data)
{
	struct app *a = data;
	GFile *f;
	char *path;

	if (response == GTK_RESPONSE_ACCEPT &&
	    (f = gtk_file_chooser_get_file(GTK_FILE_CHOOSER(d)))) {
		if ((path = g_file_get_path(f))) {
			gtk_editable_set_text(GTK_EDITABLE(a->entry), path);
			apply_path(a);
			g_free(path);
		}
		g_object_unref(f);
	}
	g_clear_object(&a->chooser);
}

static void
on_choose(GtkButton *b, gpointer data)
{
	struct app *a = data;
	const struct catalog *cat = a->v->cat;
	GFile *cur;

	(void)b;
	if (a->chooser)
		return;
	a->chooser = gtk_file_chooser_native_new(
		catalog_get(cat, "Choose the export file"), GTK_WINDOW(a->win),
		GTK_FILE_CHOOSER_ACTION_SAVE, catalog_get(cat, "_Select"),
		catalog_get(cat, "_Cancel"));
	cur = g_file_new_for_path(a->v->exp.path);
	gtk_file_chooser_set_file(GTK_FILE_CHOOSER(a->chooser), cur, NULL);
	g_object_unref(cur);
	g_signal_connect(a->chooser, "response", G_CALLBACK(on_chosen), a);
	gtk_native_dialog_show(GTK_NATIVE_DIALOG(a->chooser));
}

static GtkWidget *
label(const char *css_class, bool wrap)
{
	GtkWidget *l = gtk_label_new(NULL);

	gtk_label_set_xalign(GTK_LABEL(l), 0);
	gtk_label_set_wrap(GTK_LABEL(l), wrap);
	if (css_class)
		gtk_widget_add_css_class(l, css_class);
	return l;
}

static void
make_card(struct card *c)
{
	c->box = g_object_new(GTK_TYPE_BOX, "orientation",
	                      GTK_ORIENTATION_VERTICAL, "spacing", 2,
	                      "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
	                      NULL);
	gtk_widget_add_css_class(c->box, "card");
	/* Tab reaches each card; a screen reader reads its one-line name */
	gtk_widget_set_focusable(c->box, TRUE);
	gtk_widget_set_hexpand(c->box, TRUE);
	c->title = label("title", true);
	c->value = label("value", false);
	c->detail = label("detail", true);
	c->flag = label("flag", true);
	gtk_box_append(GTK_BOX(c->box), c->title);
	gtk_box_append(GTK_BOX(c->box), c->value);
	gtk_box_append(GTK_BOX(c->box), c->detail);
	gtk_box_append(GTK_BOX(c->box), c->flag);
}

static GtkWidget *
make_cards(struct app *a)
{
	GtkWidget *grid = gtk_grid_new();

	gtk_grid_set_column_spacing(GTK_GRID(grid), 8);
	gtk_grid_set_row_spacing(GTK_GRID(grid), 8);
	gtk_grid_set_column_homogeneous(GTK_GRID(grid), TRUE);
	for (int i = 0; i < VIEW_CARD_MAX; i++)
		make_card(&a->card[i]);
	gtk_grid_attach(GTK_GRID(grid), a->card[VIEW_HEALTH].box, 0, 0, 1, 2);
	gtk_grid_attach(GTK_GRID(grid), a->card[VIEW_CPU].box, 1, 0, 1, 1);
	gtk_grid_attach(GTK_GRID(grid), a->card[VIEW_RAM].box, 2, 0, 1, 1);
	gtk_grid_attach(GTK_GRID(grid), a->card[VIEW_DISK].box, 1, 1, 1, 1);
	gtk_grid_attach(GTK_GRID(grid), a->card[VIEW_UPTIME].box, 2, 1, 1, 1);
	return grid;
}

static GtkWidget *
make_trend(struct app *a)
{
	const struct catalog *cat = a->v->cat;
	GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 2);
	GtkWidget *legend = label(NULL, true);
	char *markup = g_markup_printf_escaped(
		"<b>%s</b>   <span foreground='#3584e4'>━━</span> %s   "
		"<span foreground='#e66100'>━━</span> %s",
		catalog_get(cat, "CPU and memory trend"),
		a->v->card[VIEW_CPU].title, a->v->card[VIEW_RAM].title);

	gtk_label_set_markup(GTK_LABEL(legend), markup);
	g_free(markup);
	a->trend = gtk_drawing_area_new();
	gtk_widget_set_size_request(a->trend, -1, 90);
	gtk_widget_set_vexpand(a->trend, TRUE);
	gtk_drawing_area_set_draw_func(GTK_DRAWING_AREA(a->trend), draw_trend,
	                               a, NULL);
	gtk_accessible_update_property(
		GTK_ACCESSIBLE(a->trend), GTK_ACCESSIBLE_PROPERTY_LABEL,
		catalog_get(cat, "CPU and memory trend"),
		GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
		catalog_get(cat, "Graph of CPU and memory use in percent over "
	                         "the last samples"),
		-1);
	gtk_box_append(GTK_BOX(box), legend);
	gtk_box_append(GTK_BOX(box), a->trend);
	return box;
}

static GtkWidget *
make_export(struct app *a)
{
	const struct catalog *cat = a->v->cat;
	GtkWidget *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
	GtkWidget *choose, *def;
	GtkEventController *focus;

	a->check = gtk_check_button_new_with_label(
		catalog_get(cat, "Export to CSV"));
	gtk_check_button_set_active(GTK_CHECK_BUTTON(a->check),
	                            a->s->export_on);
	a->entry = gtk_entry_new();
	gtk_widget_set_hexpand(a->entry, TRUE);
	gtk_editable_set_text(GTK_EDITABLE(a->entry), a->v->exp.path);
	gtk_widget_set_sensitive(a->entry, a->s->export_on);
	gtk_accessible_update_property(GTK_ACCESSIBLE(a->entry),
	                               GTK_ACCESSIBLE_PROPERTY_LABEL,
	                               catalog_get(cat, "Export file"), -1);
	choose = gtk_button_new_with_mnemonic(catalog_get(cat, "_Choose…"));
	def = gtk_button_new_with_mnemonic(
		catalog_get(cat, "_Desktop default"));
	g_signal_connect(a->check, "toggled", G_CALLBACK(on_toggle), a);
	g_signal_connect(a->entry, "activate", G_CALLBACK(on_entry_activate),
	                 a);
	focus = gtk_event_controller_focus_new();
	g_signal_connect(focus, "leave", G_CALLBACK(on_entry_leave), a);
	gtk_widget_add_controller(a->entry, focus);
	g_signal_connect(choose, "clicked", G_CALLBACK(on_choose), a);
	g_signal_connect(def, "clicked", G_CALLBACK(on_default), a);
	gtk_box_append(GTK_BOX(row), a->check);
	gtk_box_append(GTK_BOX(row), a->entry);
	gtk_box_append(GTK_BOX(row), choose);
	gtk_box_append(GTK_BOX(row), def);
	return row;
}

static gboolean
on_close_request(GtkWindow *w, gpointer data)
{
	struct app *a = data;

	(void)w;
	a->alive = false;
	return FALSE; /* let GTK destroy the window */
}

static void
add_css(void)
{
	GtkCssProvider *p = gtk_css_provider_new();

	gtk_css_provider_load_from_data(p, css, -1);
	gtk_style_context_add_provider_for_display(
		gdk_display_get_default(), GTK_STYLE_PROVIDER(p),
		GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
	g_object_unref(p);
}

static void
add_shortcuts(struct app *a)
{
	GtkEventController *sc = gtk_shortcut_controller_new();

	/* Ctrl+Q and Ctrl+W close the window, as in other GTK programs */
	gtk_shortcut_controller_add_shortcut(
		GTK_SHORTCUT_CONTROLLER(sc),
		gtk_shortcut_new(gtk_shortcut_trigger_parse_string(
					 "<Control>q|<Control>w"),
	                         gtk_named_action_new("window.close")));
	gtk_widget_add_controller(a->win, sc);
}

struct app *
window_open(const struct sd_config *cfg, const struct window_opts *o,
            struct view *v, struct settings *s, char *err, size_t errlen)
{
	struct app *a = g_new0(struct app, 1);
	GtkWidget *box;

	a->cfg = cfg;
	a->o = o;
	a->v = v;
	a->s = s;
	add_css();
	a->win = gtk_window_new();
	gtk_window_set_title(GTK_WINDOW(a->win), "sysdash");
	gtk_window_set_icon_name(GTK_WINDOW(a->win), "sysdash");
	gtk_window_set_default_size(GTK_WINDOW(a->win), 640, 520);
	box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 8);
	gtk_widget_set_margin_start(box, 12);
	gtk_widget_set_margin_end(box, 12);
	gtk_widget_set_margin_top(box, 12);
	gtk_widget_set_margin_bottom(box, 12);
	a->banner = g_object_new(GTK_TYPE_LABEL, "accessible-role",
	                         GTK_ACCESSIBLE_ROLE_ALERT, "xalign", 0.0f,
	                         "wrap", TRUE, NULL);
	gtk_widget_add_css_class(a->banner, "banner");
	a->status = g_object_new(GTK_TYPE_LABEL, "accessible-role",
	                         GTK_ACCESSIBLE_ROLE_STATUS, "xalign", 0.0f,
	                         "wrap", TRUE, "selectable", FALSE, NULL);
	gtk_widget_add_css_class(a->status, "status");
	gtk_box_append(GTK_BOX(box), a->banner);
	gtk_box_append(GTK_BOX(box), make_cards(a));
	gtk_box_append(GTK_BOX(box), make_trend(a));
	gtk_box_append(GTK_BOX(box), make_export(a));
	gtk_box_append(GTK_BOX(box), a->status);
	gtk_window_set_child(GTK_WINDOW(a->win), box);
	add_shortcuts(a);
	g_signal_connect(a->win, "close-request", G_CALLBACK(on_close_request),
	                 a);
	if (o->startup_note)
		view_sample_failed(v, o->startup_note);
	a->w = worker_start(cfg, on_result, a, err, errlen);
	if (!a->w) {
		gtk_window_destroy(GTK_WINDOW(a->win));
		g_free(a);
		return NULL;
	}
	a->alive = true;
	show_view(a);
	if (o->startup_note) /* said once; the first sample replaces it */
		*v->sample_error = '\0';
	gtk_window_present(GTK_WINDOW(a->win));
	a->timer = g_timeout_add((guint)(o->interval * 1000), tick, a);
	a->first = g_timeout_add(o->interval > 0.3 ? 300 : 50, first_tick, a);
	return a;
}

bool
window_alive(const struct app *a)
{
	return a->alive;
}

void
window_close(struct app *a)
{
	if (a->alive)
		gtk_window_close(GTK_WINDOW(a->win));
}

int
window_snapshot(struct app *a)
{
	GdkPaintable *p;
	GtkSnapshot *snap;
	GskRenderNode *node;
	GdkTexture *tex = NULL;
	char tmp[4200];
	int w, h, rc = -1;

	if (!a->alive || !a->o->snapshot)
		return -1;
	w = gtk_widget_get_width(a->win);
	h = gtk_widget_get_height(a->win);
	p = gtk_widget_paintable_new(a->win);
	snap = gtk_snapshot_new();
	gdk_paintable_snapshot(p, snap, w, h);
	node = gtk_snapshot_free_to_node(snap);
	if (node) {
		tex = gsk_renderer_render_texture(
			gtk_native_get_renderer(GTK_NATIVE(a->win)), node,
			&GRAPHENE_RECT_INIT(0, 0, w, h));
		gsk_render_node_unref(node);
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", a->o->snapshot);
	if (tex && gdk_texture_save_to_png(tex, tmp) &&
	    rename(tmp, a->o->snapshot) == 0)
		rc = 0;
	else
		fprintf(stderr, PROG ": --snapshot %s: cannot save the PNG\n",
		        a->o->snapshot);
	if (tex)
		g_object_unref(tex);
	g_object_unref(p);
	return rc;
}

void
window_free(struct app *a)
{
	if (a->timer)
		g_source_remove(a->timer);
	if (a->first)
		g_source_remove(a->first);
	a->alive = false;
	worker_stop(a->w);
	g_clear_object(&a->chooser);
	g_free(a);
}
