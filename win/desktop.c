/* desktop.c: sysdash-desktop.exe, the plain Win32 window. It draws the
 * view model of lib/view.c (the GTK window's), samples and writes the CSV
 * on a worker thread (the window never blocks), and offers the old tool's
 * six Windows actions in an Actions menu (lib/win_actions.c), each run
 * audited in actions.jsonl beside the CSV. Texts come from the .mo
 * catalogs built from po/ and linked in as resources. */
#include "actions.h"
#include "catalog.h"
#include "export.h"
#include "paths.h"
#include "sysdash.h"
#include "view.h"
#include "win.h"

#include <json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <commctrl.h>

#define PROG "sysdash-desktop"
#define WM_APP_SAMPLE (WM_APP + 1)
#define WM_APP_ACTION (WM_APP + 2)
#define ID_CARD 100 /* + 10 * card + part */
#define ID_BANNER 90
#define ID_STATUS 91
#define ID_CHECK 92
#define ID_PATH 93
#define ID_DEFAULT 94
#define ID_ACTION 200 /* + enum action_id */
#define ID_QUIT 300

enum { PART_TITLE, PART_VALUE, PART_DETAIL, PART_FLAG, PART_MAX };

static const char *const card_key[VIEW_CARD_MAX] = {
	"health", "cpu", "ram", "disk", "uptime",
};
static const char *const action_label[ACT_MAX] = {
	"Flush the DNS cache",      "Restart the print spooler",
	"Clean up temporary files", "Clear the Teams cache",
	"Clear the Outlook cache",  "Collect logs",
};

struct sample_msg {
	struct metrics m;
	int sample_rc, export_rc;
	bool exported;
	char err[4400];
};

struct action_msg {
	enum action_id id;
	struct action_result res;
	double ms;
};

struct app {
	HWND win, card[VIEW_CARD_MAX][PART_MAX], banner, status, check, path,
		deflt;
	HFONT font, big, bold;
	UINT dpi;
	struct view v;
	struct catalog cat;
	struct sd_config cfg;
	double interval;
	const char *dump_state, *snapshot;
	unsigned long samples;
	struct metrics last;
	bool have_last, action_running;
	/* shared with the worker, under lock */
	CRITICAL_SECTION lock;
	bool exp_on;
	char exp_path[4096];
	HANDLE stop;
};

static struct app A;

/* ---- texts --------------------------------------------------------------- */

static const char *
tr(const char *msgid)
{
	return catalog_get(&A.cat, msgid);
}

/* UTF-8 to a wide buffer; a GTK mnemonic "_x" becomes Win32's "&x". */
static void
wide(const char *s, wchar_t *w, int n, bool mnemonic)
{
	if (MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n) <= 0)
		w[0] = 0;
	for (int i = 0; mnemonic && w[i]; i++)
		if (w[i] == L'_')
			w[i] = L'&';
}

static void
set_text(HWND h, const char *s)
{
	wchar_t w[4600], old[4600];

	wide(s, w, 4600, false);
	/* the narrow no-break space of "12,5 %" is missing from the fonts of
	 * Windows before 10 and of Wine: a plain no-break space instead */
	for (int i = 0; w[i]; i++)
		if (w[i] == 0x202F)
			w[i] = 0x00A0;
	GetWindowTextW(h, old, 4600);
	if (wcscmp(old, w))
		SetWindowTextW(h, w);
}

static void
get_text(HWND h, char *buf, size_t n)
{
	wchar_t w[4096];

	GetWindowTextW(h, w, 4096);
	if (WideCharToMultiByte(CP_UTF8, 0, w, -1, buf, (int)n, NULL, NULL) <=
	    0)
		buf[0] = 0;
}

/* The catalog of lang, linked in as RCDATA "MO_FR"...; English has none. */
static void
load_catalog(enum sd_lang lang)
{
	wchar_t name[16];
	char err[256], *copy;
	HRSRC r;
	HGLOBAL g;
	DWORD len;

	memset(&A.cat, 0, sizeof(A.cat));
	if (lang == SD_EN)
		return;
	_snwprintf(name, 16, L"MO_%hs", sd_lang_code(lang));
	_wcsupr(name);
	if (!(r = FindResourceW(NULL, name, MAKEINTRESOURCEW(10))) ||
	    !(g = LoadResource(NULL, r)) || !(len = SizeofResource(NULL, r)) ||
	    !(copy = malloc(len))) {
		fprintf(stderr, PROG ": no catalog for %s: English texts\n",
		        sd_lang_code(lang));
		return;
	}
	memcpy(copy, LockResource(g), len);
	if (catalog_parse(&A.cat, copy, len, err, sizeof(err)) < 0)
		fprintf(stderr, PROG ": catalog %s: %s\n", sd_lang_code(lang),
		        err);
}

/* SYSDASH_LANG, else the Windows display language, else French. */
static int
pick_lang(enum sd_lang *out)
{
	static const struct {
		WORD id;
		const char *code;
	} map[] = {
		{LANG_FRENCH, "fr"},
		{LANG_ENGLISH, "en"},
		{LANG_SPANISH, "es"},
		{LANG_RUSSIAN, "ru"},
	};
	const char *sys = NULL;
	WORD primary = PRIMARYLANGID(GetUserDefaultUILanguage());

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].id == primary)
			sys = map[i].code;
	return view_lang_pick(getenv("SYSDASH_LANG"), NULL, NULL, NULL, sys,
	                      out);
}

/* ---- layout (96-dpi units, scaled) -------------------------------------- */

#define W_WIDTH 600
#define W_HEIGHT 560
#define CARD_W 180
#define CARD_H 104
#define TREND_Y 268
#define TREND_H 120

static int
px(int v)
{
	return MulDiv(v, (int)A.dpi, 96);
}

static RECT
card_rect(int i)
{
	RECT r;
	int col = i < 3 ? i : i - 3, row = i < 3 ? 0 : 1;

	r.left = px(12 + col * (CARD_W + 12));
	r.top = px(44 + row * (CARD_H + 12));
	r.right = r.left + px(CARD_W);
	r.bottom = r.top + px(CARD_H);
	return r;
}

static HFONT
make_font(int pt, int weight)
{
	NONCLIENTMETRICSW nm = {.cbSize = sizeof(nm)};

	SystemParametersInfoW(SPI_GETNONCLIENTMETRICS, sizeof(nm), &nm, 0);
	nm.lfMessageFont.lfHeight = -MulDiv(pt, (int)A.dpi, 72);
	nm.lfMessageFont.lfWeight = weight;
	return CreateFontIndirectW(&nm.lfMessageFont);
}

static void
layout(void)
{
	static const int part_y[PART_MAX] = {6, 26, 58, 80},
			 part_h[PART_MAX] = {20, 30, 20, 20};
	HFONT old[3] = {A.font, A.big, A.bold};

	A.font = make_font(9, FW_NORMAL);
	A.big = make_font(15, FW_BOLD);
	A.bold = make_font(10, FW_BOLD);
	MoveWindow(A.banner, px(12), px(10), px(W_WIDTH - 40), px(26), TRUE);
	SendMessageW(A.banner, WM_SETFONT, (WPARAM)A.bold, TRUE);
	for (int i = 0; i < VIEW_CARD_MAX; i++) {
		RECT r = card_rect(i);

		for (int p = 0; p < PART_MAX; p++) {
			MoveWindow(A.card[i][p], r.left + px(8),
			           r.top + px(part_y[p]), px(CARD_W - 16),
			           px(part_h[p]), TRUE);
			SendMessageW(A.card[i][p], WM_SETFONT,
			             (WPARAM)(p == PART_VALUE ? A.big :
			                      p == PART_TITLE ? A.bold :
			                                        A.font),
			             TRUE);
		}
	}
	MoveWindow(A.check, px(12), px(TREND_Y + TREND_H + 12), px(200), px(24),
	           TRUE);
	MoveWindow(A.path, px(12), px(TREND_Y + TREND_H + 40),
	           px(W_WIDTH - 210), px(24), TRUE);
	MoveWindow(A.deflt, px(W_WIDTH - 190), px(TREND_Y + TREND_H + 40),
	           px(160), px(24), TRUE);
	MoveWindow(A.status, px(12), px(TREND_Y + TREND_H + 72),
	           px(W_WIDTH - 40), px(36), TRUE);
	for (HWND h = GetWindow(A.win, GW_CHILD); h;
	     h = GetWindow(h, GW_HWNDNEXT))
		if (h == A.check || h == A.path || h == A.deflt ||
		    h == A.status)
			SendMessageW(h, WM_SETFONT, (WPARAM)A.font, TRUE);
	for (int i = 0; i < 3; i++)
		if (old[i])
			DeleteObject(old[i]);
	InvalidateRect(A.win, NULL, TRUE);
}

/* Background and text colours of a level: the alert also has words. */
static COLORREF
level_bg(enum view_level l)
{
	switch (l) {
	case VIEW_OK:
		return RGB(0xE6, 0xF4, 0xEA);
	case VIEW_WARN:
		return RGB(0xFF, 0xF4, 0xD6);
	case VIEW_ALERT:
		return RGB(0xFD, 0xE2, 0xE1);
	default:
		return RGB(0xF1, 0xF3, 0xF4);
	}
}

static COLORREF
level_fg(enum view_level l)
{
	return l == VIEW_ALERT ? RGB(0xA5, 0x0E, 0x0E) :
	       l == VIEW_WARN  ? RGB(0x7A, 0x4F, 0x01) :
	                         RGB(0x20, 0x21, 0x24);
}

static void
paint_trend(HDC dc)
{
	RECT r = {px(12), px(TREND_Y), px(W_WIDTH - 28), px(TREND_Y + TREND_H)};
	HPEN grid = CreatePen(PS_SOLID, 1, RGB(0xDA, 0xDC, 0xE0));
	HPEN cpu = CreatePen(PS_SOLID, px(2), RGB(0x1A, 0x73, 0xE8));
	HPEN ram = CreatePen(PS_SOLID, px(2), RGB(0x93, 0x34, 0xE6));
	POINT pc[VIEW_TREND_MAX], pr[VIEW_TREND_MAX];
	int n = A.v.trend.len, w = r.right - r.left, h = r.bottom - r.top;
	HGDIOBJ old = SelectObject(dc, grid);
	wchar_t label[128];
	SIZE sz;
	int x;

	FillRect(dc, &r, GetStockObject(WHITE_BRUSH));
	for (int k = 0; k <= 4; k++) {
		MoveToEx(dc, r.left, r.top + h * k / 4, NULL);
		LineTo(dc, r.right, r.top + h * k / 4);
	}
	for (int i = 0; i < n; i++) {
		double c, m;

		view_trend_get(&A.v.trend, i, &c, &m);
		pc[i].x = pr[i].x = r.left + (VIEW_TREND_MAX - n + i) * w /
		                                     (VIEW_TREND_MAX - 1);
		pc[i].y = r.bottom - (int)(c * h / 100.0);
		pr[i].y = r.bottom - (int)(m * h / 100.0);
	}
	if (n > 1) {
		SelectObject(dc, cpu);
		Polyline(dc, pc, n);
		SelectObject(dc, ram);
		Polyline(dc, pr, n);
	}
	SelectObject(dc, old);
	SetBkMode(dc, TRANSPARENT);
	SelectObject(dc, A.font);
	wide(tr("CPU and memory trend"), label, 128, false);
	SetTextColor(dc, RGB(0x5F, 0x63, 0x68));
	TextOutW(dc, r.left + px(4), r.top + px(2), label, (int)wcslen(label));
	/* the legend, right-aligned: memory last, CPU before it */
	SetTextColor(dc, RGB(0x93, 0x34, 0xE6));
	wide(tr("Memory"), label, 128, false);
	GetTextExtentPoint32W(dc, label, (int)wcslen(label), &sz);
	x = r.right - px(4) - sz.cx;
	TextOutW(dc, x, r.top + px(2), label, (int)wcslen(label));
	SetTextColor(dc, RGB(0x1A, 0x73, 0xE8));
	wide(tr("CPU"), label, 128, false);
	GetTextExtentPoint32W(dc, label, (int)wcslen(label), &sz);
	TextOutW(dc, x - px(12) - sz.cx, r.top + px(2), label,
	         (int)wcslen(label));
	DeleteObject(grid);
	DeleteObject(cpu);
	DeleteObject(ram);
}

static void
paint(void)
{
	PAINTSTRUCT ps;
	HDC dc = BeginPaint(A.win, &ps);

	for (int i = 0; i < VIEW_CARD_MAX; i++) {
		RECT r = card_rect(i);
		HBRUSH b = CreateSolidBrush(level_bg(A.v.card[i].level));
		HPEN pen = CreatePen(
			PS_SOLID, A.v.card[i].level == VIEW_ALERT ? px(3) : 1,
			level_fg(A.v.card[i].level));
		HGDIOBJ ob = SelectObject(dc, b), op = SelectObject(dc, pen);

		RoundRect(dc, r.left, r.top, r.right, r.bottom, px(10), px(10));
		SelectObject(dc, ob);
		SelectObject(dc, op);
		DeleteObject(b);
		DeleteObject(pen);
	}
	paint_trend(dc);
	EndPaint(A.win, &ps);
}

/* ---- the view model onto the controls
 * ---------------------------------------- */

static void
render(void)
{
	for (int i = 0; i < VIEW_CARD_MAX; i++) {
		const struct view_card *c = &A.v.card[i];

		set_text(A.card[i][PART_TITLE], c->title);
		set_text(A.card[i][PART_VALUE], c->value);
		set_text(A.card[i][PART_DETAIL], c->detail);
		set_text(A.card[i][PART_FLAG], c->flag);
	}
	set_text(A.banner, A.v.banner);
	set_text(A.status, A.v.status_line);
	InvalidateRect(A.win, NULL, TRUE);
}

static void
dump_line(FILE *f, const char *key, const char *val)
{
	fprintf(f, "%s=", key);
	for (const char *p = val; *p; p++)
		fputc(*p == '\n' || *p == '\r' ? ' ' : *p, f);
	fputc('\n', f);
}

/* What the window shows, read back from its controls, written atomically
 * (the GTK window's --dump-state format). */
static void
dump_state(void)
{
	char tmp[4200], buf[4600], key[64];
	wchar_t *wt, *wd;
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", A.dump_state);
	if (!(wt = win_wide(tmp)) || !(f = _wfopen(wt, L"wb"))) {
		free(wt);
		return;
	}
	get_text(A.win, buf, sizeof(buf));
	dump_line(f, "title", buf);
	dump_line(f, "level", view_level_name(A.v.level));
	get_text(A.banner, buf, sizeof(buf));
	dump_line(f, "banner", buf);
	for (int i = 0; i < VIEW_CARD_MAX; i++) {
		static const char *const part[PART_MAX] = {"title", "value",
		                                           "detail", "flag"};

		snprintf(key, sizeof(key), "%s.level", card_key[i]);
		dump_line(f, key, view_level_name(A.v.card[i].level));
		for (int p = 0; p < PART_MAX; p++) {
			snprintf(key, sizeof(key), "%s.%s", card_key[i],
			         part[p]);
			get_text(A.card[i][p], buf, sizeof(buf));
			dump_line(f, key, buf);
		}
	}
	get_text(A.status, buf, sizeof(buf));
	dump_line(f, "status", buf);
	dump_line(f, "export.enabled",
	          SendMessageW(A.check, BM_GETCHECK, 0, 0) == BST_CHECKED ?
	                  "1" :
	                  "0");
	get_text(A.path, buf, sizeof(buf));
	dump_line(f, "export.path", buf);
	fprintf(f,
	        "export.rows=%lu\ntrend.points=%d\nsamples=%lu\nscore=%d\ndpi=%"
	        "u\n",
	        A.v.exp.rows, A.v.trend.len, A.samples, A.v.score, A.dpi);
	fclose(f);
	wd = win_wide(A.dump_state);
	if (wd)
		MoveFileExW(wt, wd, MOVEFILE_REPLACE_EXISTING);
	free(wt);
	free(wd);
}

/* The client area as a 24-bit BMP (--snapshot, for the tests). */
static void
snapshot(void)
{
	RECT r;
	HDC dc, mem;
	HBITMAP bmp;
	BITMAPINFOHEADER bi = {0};
	BITMAPFILEHEADER fh = {0};
	int w, h, stride;
	char tmp[4200], *bits;
	wchar_t *wt, *wd;
	FILE *f;

	GetClientRect(A.win, &r);
	w = r.right;
	h = r.bottom;
	stride = (w * 3 + 3) & ~3;
	dc = GetDC(A.win);
	mem = CreateCompatibleDC(dc);
	bmp = CreateCompatibleBitmap(dc, w, h);
	SelectObject(mem, bmp);
	BitBlt(mem, 0, 0, w, h, dc, 0, 0, SRCCOPY);
	bi.biSize = sizeof(bi);
	bi.biWidth = w;
	bi.biHeight = h;
	bi.biPlanes = 1;
	bi.biBitCount = 24;
	bits = malloc((size_t)stride * (size_t)h);
	if (bits && GetDIBits(mem, bmp, 0, (UINT)h, bits, (BITMAPINFO *)&bi,
	                      DIB_RGB_COLORS)) {
		fh.bfType = 0x4D42;
		fh.bfOffBits = sizeof(fh) + sizeof(bi);
		fh.bfSize = fh.bfOffBits + (DWORD)(stride * h);
		snprintf(tmp, sizeof(tmp), "%s.tmp", A.snapshot);
		if ((wt = win_wide(tmp)) && (f = _wfopen(wt, L"wb"))) {
			fwrite(&fh, sizeof(fh), 1, f);
			fwrite(&bi, sizeof(bi), 1, f);
			fwrite(bits, (size_t)stride, (size_t)h, f);
			fclose(f);
			if ((wd = win_wide(A.snapshot)))
				MoveFileExW(wt, wd, MOVEFILE_REPLACE_EXISTING);
			free(wd);
		}
		free(wt);
	}
	free(bits);
	DeleteObject(bmp);
	DeleteDC(mem);
	ReleaseDC(A.win, dc);
}

/* ---- the worker: sampling and the CSV, off the window's thread ---------- */

static DWORD WINAPI
worker(LPVOID arg)
{
	struct sd_sources src;
	struct cpu_times prev, now;
	struct export ex = {.fd = -1};
	char open_path[4096] = "";
	DWORD step = (DWORD)(A.interval * 1000.0 + 0.5);

	(void)arg;
	win_cpu_read(&prev, NULL);
	Sleep(250);
	sources_open(&src, &A.cfg);
	do {
		struct sample_msg *s = calloc(1, sizeof(*s));
		char row[1024], path[4096];
		bool on;
		int len;

		if (!s)
			continue;
		s->sample_rc = metrics_sample(&src, &prev, &now, &s->m, s->err,
		                              sizeof(s->err));
		if (s->sample_rc == 0) {
			prev = now;
			EnterCriticalSection(&A.lock);
			on = A.exp_on;
			memcpy(path, A.exp_path, sizeof(path));
			LeaveCriticalSection(&A.lock);
			if (on && (len = csv_row_format(&s->m, row,
			                                sizeof(row))) > 0) {
				if (strcmp(path, open_path)) {
					export_close(&ex);
					export_open(&ex, path, CSV_HEADER,
					            s->err, sizeof(s->err));
					memcpy(open_path, path,
					       sizeof(open_path));
				}
				s->exported = true;
				s->export_rc =
					export_write(&ex, row, (size_t)len,
				                     s->err, sizeof(s->err));
			}
		}
		if (!PostMessageW(A.win, WM_APP_SAMPLE, 0, (LPARAM)s))
			free(s);
	} while (WaitForSingleObject(A.stop, step) == WAIT_TIMEOUT);
	export_close(&ex);
	sources_close(&src);
	return 0;
}

static void
on_sample(struct sample_msg *s)
{
	if (s->sample_rc < 0) {
		view_sample_failed(&A.v, s->err);
	} else {
		view_update(&A.v, &s->m);
		A.last = s->m;
		A.have_last = true;
		if (s->exported)
			view_export_result(&A.v, s->export_rc, s->err);
	}
	A.samples++;
	render();
	UpdateWindow(A.win);
	if (A.dump_state)
		dump_state();
	if (A.snapshot)
		snapshot();
	free(s);
}

static void
export_changed(void)
{
	char path[4096];
	bool on = SendMessageW(A.check, BM_GETCHECK, 0, 0) == BST_CHECKED;

	get_text(A.path, path, sizeof(path));
	EnterCriticalSection(&A.lock);
	A.exp_on = on;
	memcpy(A.exp_path, path, sizeof(path));
	LeaveCriticalSection(&A.lock);
	view_export_set(&A.v, on, path);
	render();
}

/* ---- actions
 * ------------------------------------------------------------------ */

struct action_job {
	enum action_id id;
	char tmpdir[1024], csv[4096], hook[1024];
	char *status_json;
	struct action_env env;
};

static double
now_ms(void)
{
	LARGE_INTEGER f, c;

	QueryPerformanceFrequency(&f);
	QueryPerformanceCounter(&c);
	return (double)c.QuadPart * 1000.0 / (double)f.QuadPart;
}

/* Fills j for id: %TEMP%, the CSV, the test hook, the current stats. */
static int
job_init(struct action_job *j, enum action_id id, const char *csv,
         const struct metrics *m, char *err, size_t n)
{
	wchar_t t[MAX_PATH + 1];
	char *hook = win_getenv("SYSDASH_ACTION_TEST_EXEC"), *s;
	json_object *o;

	memset(j, 0, sizeof(*j));
	j->id = id;
	if (!GetTempPathW(MAX_PATH + 1, t) || !(s = win_utf8(t))) {
		snprintf(err, n, "GetTempPath failed");
		free(hook);
		return -1;
	}
	snprintf(j->tmpdir, sizeof(j->tmpdir), "%s", s);
	free(s);
	if (j->tmpdir[0] && j->tmpdir[strlen(j->tmpdir) - 1] == '\\')
		j->tmpdir[strlen(j->tmpdir) - 1] = 0;
	snprintf(j->csv, sizeof(j->csv), "%s", csv);
	if (hook && !(hook[0] && hook[1] == ':' && hook[2] == '\\')) {
		snprintf(err, n,
		         "SYSDASH_ACTION_TEST_EXEC must be an absolute path "
		         "(C:\\...), got '%.200s'",
		         hook);
		free(hook);
		return -1;
	}
	if (hook)
		snprintf(j->hook, sizeof(j->hook), "%s", hook);
	free(hook);
	if (m) {
		o = json_status(m);
		j->status_json = strdup(json_object_to_json_string_ext(
			o, JSON_C_TO_STRING_PRETTY));
		json_object_put(o);
	}
	j->env.tmpdir = j->tmpdir;
	j->env.home = j->tmpdir;
	j->env.data_dir = j->tmpdir;
	j->env.csv_path = j->csv;
	j->env.test_exec = j->hook[0] ? j->hook : NULL;
	j->env.status_json = j->status_json;
	return 0;
}

/* One line per run in actions.jsonl beside the CSV, with the fields of the
 * Linux audit log (cgi/action.c): time, client, action, outcome, status,
 * duration_ms, message. */
static void
audit(const char *csv, enum action_id id, const struct action_result *res,
      double ms)
{
	char dir[4096], path[4200], ts[48], dur[32], err[4400];
	json_object *o = json_object_new_object();
	struct timespec now;
	const char *sep;

	snprintf(dir, sizeof(dir), "%s", csv);
	sep = strrchr(dir, '\\') > strrchr(dir, '/') ? strrchr(dir, '\\') :
	                                               strrchr(dir, '/');
	if (sep)
		dir[sep - dir] = 0;
	else
		snprintf(dir, sizeof(dir), ".");
	snprintf(path, sizeof(path), "%s\\actions.jsonl", dir);
	win_now(&now);
	util_iso8601(&now, ts, sizeof(ts));
	util_fmt_fixed(dur, sizeof(dur), ms, 1);
	json_object_object_add(o, "time", json_object_new_string(ts));
	json_object_object_add(o, "client", json_object_new_string("desktop"));
	json_object_object_add(o, "action",
	                       json_object_new_string(action_name(id)));
	json_object_object_add(
		o, "outcome",
		json_object_new_string(res->ok ? "ok" : "failed"));
	json_object_object_add(o, "status", json_object_new_int(200));
	json_object_object_add(o, "duration_ms",
	                       json_object_new_double_s(atof(dur), dur));
	json_object_object_add(o, "message",
	                       json_object_new_string(res->message));
	if (export_append_json(path, 0644, o, err, sizeof(err)) < 0)
		fprintf(stderr, PROG ": audit: %s\n", err);
	json_object_put(o);
}

static DWORD WINAPI
action_thread(LPVOID arg)
{
	struct action_job *j = arg;
	struct action_msg *r = calloc(1, sizeof(*r));
	double t0 = now_ms();

	if (r) {
		r->id = j->id;
		action_run(j->id, &j->env, NULL, &r->res);
		r->ms = now_ms() - t0;
		audit(j->csv, j->id, &r->res, r->ms);
		if (!PostMessageW(A.win, WM_APP_ACTION, 0, (LPARAM)r))
			free(r);
	}
	free(j->status_json);
	free(j);
	return 0;
}

static bool
is_cleanup(enum action_id id)
{
	return id == ACT_CLEANUP_TEMP || id == ACT_CLEANUP_TEAMS ||
	       id == ACT_CLEANUP_OUTLOOK;
}

static void
start_action(enum action_id id)
{
	struct action_job *j;
	char err[512], why[256], path[4096], msg[1024];
	wchar_t w[1024], title[256];
	HANDLE t;

	wide(tr(action_label[id]), title, 256, false);
	if (A.action_running)
		return;
	get_text(A.path, path, sizeof(path));
	if (!(j = malloc(sizeof(*j))) ||
	    job_init(j, id, path, A.have_last ? &A.last : NULL, err,
	             sizeof(err)) < 0) {
		free(j);
		wide(err, w, 1024, false);
		MessageBoxW(A.win, w, title, MB_OK | MB_ICONERROR);
		return;
	}
	/* not available here: say why, run nothing (and audit nothing) */
	if (!action_available(id, &j->env, why, sizeof(why))) {
		wide(why, w, 1024, false);
		MessageBoxW(A.win, w, title, MB_OK | MB_ICONINFORMATION);
		free(j->status_json);
		free(j);
		return;
	}
	if (is_cleanup(id)) {
		snprintf(msg, sizeof(msg), "%s?\n\n%s", tr(action_label[id]),
		         tr("This cannot be undone."));
		wide(msg, w, 1024, false);
		if (MessageBoxW(A.win, w, title,
		                MB_YESNO | MB_ICONWARNING | MB_DEFBUTTON2) !=
		    IDYES) {
			free(j->status_json);
			free(j);
			return;
		}
	}
	if (!(t = CreateThread(NULL, 0, action_thread, j, 0, NULL))) {
		free(j->status_json);
		free(j);
		return;
	}
	CloseHandle(t);
	A.action_running = true;
}

static void
on_action(struct action_msg *r)
{
	wchar_t w[600], title[256];

	A.action_running = false;
	wide(tr(action_label[r->id]), title, 256, false);
	wide(r->res.message, w, 600, false);
	MessageBoxW(A.win, w, title,
	            MB_OK | (r->res.ok ? MB_ICONINFORMATION : MB_ICONERROR));
	free(r);
}

/* ---- the window
 * ------------------------------------------------------------------ */

static HWND
child(const wchar_t *cls, DWORD style, int id)
{
	return CreateWindowExW(0, cls, L"", WS_CHILD | WS_VISIBLE | style, 0, 0,
	                       10, 10, A.win, (HMENU)(INT_PTR)id,
	                       GetModuleHandleW(NULL), NULL);
}

static void
create_controls(void)
{
	HMENU bar = CreateMenu(), acts = CreatePopupMenu();
	char path[4096];
	wchar_t w[256];

	A.banner = child(L"STATIC", SS_LEFT | SS_NOPREFIX, ID_BANNER);
	for (int i = 0; i < VIEW_CARD_MAX; i++)
		for (int p = 0; p < PART_MAX; p++)
			A.card[i][p] =
				child(L"STATIC",
			              SS_LEFT | SS_NOPREFIX | SS_ENDELLIPSIS,
			              ID_CARD + 10 * i + p);
	A.check = child(L"BUTTON", BS_AUTOCHECKBOX | WS_TABSTOP, ID_CHECK);
	A.path = child(L"EDIT", ES_AUTOHSCROLL | WS_BORDER | WS_TABSTOP,
	               ID_PATH);
	A.deflt = child(L"BUTTON", BS_PUSHBUTTON | WS_TABSTOP, ID_DEFAULT);
	A.status = child(L"STATIC", SS_LEFT | SS_NOPREFIX, ID_STATUS);
	wide(tr("Export to CSV"), w, 256, false);
	SetWindowTextW(A.check, w);
	wide(tr("_Desktop default"), w, 256, true);
	SetWindowTextW(A.deflt, w);
	SendMessageW(A.check, BM_SETCHECK, BST_CHECKED, 0);
	if (view_default_export_path(path, sizeof(path)) == 0)
		set_text(A.path, path);
	for (int i = 0; i < ACT_MAX; i++) {
		wide(tr(action_label[i]), w, 256, false);
		if (is_cleanup((enum action_id)i))
			wcscat(w, L"…");
		AppendMenuW(acts, MF_STRING, ID_ACTION + i, w);
	}
	wide(tr("_Actions"), w, 256, true);
	AppendMenuW(bar, MF_POPUP, (UINT_PTR)acts, w);
	SetMenu(A.win, bar);
	layout();
	export_changed();
}

/* WM_CTLCOLORSTATIC: the banner and cards in their level's colours, the
 * rest on the window's background (red text while something fails). */
static LRESULT
on_ctlcolor(HDC dc, HWND ctl)
{
	static HBRUSH brush[VIEW_LEVEL_MAX];
	int id = GetDlgCtrlID(ctl), card = (id - ID_CARD) / 10;
	enum view_level l;

	if (id == ID_BANNER) {
		l = A.v.level;
	} else if (id >= ID_CARD && card < VIEW_CARD_MAX) {
		l = A.v.card[card].level;
	} else { /* checkbox, status line: on the window's background */
		SetBkColor(dc, GetSysColor(COLOR_WINDOW));
		SetTextColor(dc, A.v.exp.failing || A.v.sample_error[0] ?
		                         RGB(0xA5, 0x0E, 0x0E) :
		                         GetSysColor(COLOR_WINDOWTEXT));
		return (LRESULT)GetSysColorBrush(COLOR_WINDOW);
	}
	if (!brush[l])
		brush[l] = CreateSolidBrush(level_bg(l));
	SetTextColor(dc, level_fg(l));
	SetBkColor(dc, level_bg(l));
	return (LRESULT)brush[l];
}

/* WM_COMMAND: the buttons, the checkbox and leaving the path field. */
static void
on_command(HWND h, WPARAM wp)
{
	if (LOWORD(wp) >= ID_ACTION && LOWORD(wp) < ID_ACTION + ACT_MAX)
		start_action((enum action_id)(LOWORD(wp) - ID_ACTION));
	else if (LOWORD(wp) == ID_CHECK ||
	         (LOWORD(wp) == ID_PATH && HIWORD(wp) == EN_KILLFOCUS))
		export_changed();
	else if (LOWORD(wp) == ID_DEFAULT) {
		char path[4096];

		if (view_default_export_path(path, sizeof(path)) == 0)
			set_text(A.path, path);
		export_changed();
	} else if (LOWORD(wp) == ID_QUIT)
		DestroyWindow(h);
}

static LRESULT CALLBACK
wndproc(HWND h, UINT msg, WPARAM wp, LPARAM lp)
{
	switch (msg) {
	case WM_CREATE:
		A.win = h;
		A.dpi = GetDpiForWindow(h);
		create_controls();
		return 0;
	case WM_DPICHANGED: {
		RECT *r = (RECT *)lp;

		A.dpi = HIWORD(wp);
		SetWindowPos(h, NULL, r->left, r->top, r->right - r->left,
		             r->bottom - r->top, SWP_NOZORDER | SWP_NOACTIVATE);
		layout();
		return 0;
	}
	case WM_CTLCOLORSTATIC:
		return on_ctlcolor((HDC)wp, (HWND)lp);
	case WM_PAINT:
		paint();
		return 0;
	case WM_COMMAND:
		on_command(h, wp);
		return 0;
	case WM_APP_SAMPLE:
		on_sample((struct sample_msg *)lp);
		return 0;
	case WM_APP_ACTION:
		on_action((struct action_msg *)lp);
		return 0;
	case WM_DESTROY:
		PostQuitMessage(0);
		return 0;
	}
	return DefWindowProcW(h, msg, wp, lp);
}

/* ---- start-up
 * ------------------------------------------------------------------ */

struct opts {
	const char *action, *csv;
	bool yes;
};

static int
bad(const char *what, const char *arg)
{
	fprintf(stderr, PROG ": %s%s%s\nTry '" PROG " --help'.\n", what,
	        arg ? ": " : "", arg ? arg : "");
	return -1;
}

static void
usage(void)
{
	printf("Usage: " PROG
	       " [--interval S] [--dump-state FILE] [--snapshot FILE]\n"
	       "       " PROG " --action NAME [--yes] [--export-csv PATH]\n\n"
	       "The sysdash window: CPU, RAM, disk and uptime every 2 s, a CSV "
	       "export\n"
	       "(metrics_desktop.csv on the Desktop) and an Actions menu.\n\n"
	       "  --interval S       seconds between samples, %g to %g\n"
	       "  --dump-state FILE  after each sample, write what the window "
	       "shows\n"
	       "  --snapshot FILE    after each sample, save the window as a "
	       "BMP\n"
	       "  --action NAME      run one action without a window and exit "
	       "(0 done,\n"
	       "                     1 failed): flush_dns, restart_spooler, "
	       "cleanup_temp,\n"
	       "                     cleanup_teams, cleanup_outlook, "
	       "collect_logs;\n"
	       "                     cleanups need --yes; audited in "
	       "actions.jsonl\n"
	       "                     beside the CSV (--export-csv, else the "
	       "default)\n"
	       "  --help, --version\n\n"
	       "Environment: SYSDASH_LANG (fr, en, es, ru), CPU_ALERT, "
	       "RAM_ALERT,\n"
	       "SYSDASH_INTERVAL, SYSDASH_DISK_PATH.\n",
	       SD_INTERVAL_MIN, SD_INTERVAL_MAX);
}

/* 0 to run, 1 after --help/--version, -1 on a bad flag. */
static int
parse_args(int argc, char **argv, struct opts *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage();
			return 1;
		}
		if (!strcmp(a, "--version")) {
			printf(PROG " %s (Windows)\n", SYSDASH_VERSION);
			return 1;
		}
		if (!strcmp(a, "--yes")) {
			o->yes = true;
			continue;
		}
		if (strcmp(a, "--interval") && strcmp(a, "--dump-state") &&
		    strcmp(a, "--snapshot") && strcmp(a, "--action") &&
		    strcmp(a, "--export-csv"))
			return bad("unknown option", a);
		if (!v || !*v || !strncmp(v, "--", 2))
			return bad("needs a value", a);
		i++;
		if (!strcmp(a, "--interval")) {
			if (util_parse_double(v, &A.interval) < 0 ||
			    A.interval < SD_INTERVAL_MIN ||
			    A.interval > SD_INTERVAL_MAX)
				return bad("--interval: not a number of "
				           "seconds from 0.1 to 86400",
				           v);
		} else if (!strcmp(a, "--dump-state")) {
			A.dump_state = v;
		} else if (!strcmp(a, "--snapshot")) {
			A.snapshot = v;
		} else if (!strcmp(a, "--action")) {
			o->action = v;
		} else {
			o->csv = v;
		}
	}
	if (o->yes && !o->action)
		return bad("--yes goes with --action", NULL);
	return 0;
}

/* --action: one action, no window; the same checks, run and audit. */
static int
run_action(const struct opts *o)
{
	struct action_job j;
	struct action_result res;
	struct cpu_times now;
	struct metrics m;
	enum action_id id;
	char err[512], csv[4096];
	double t0;

	if (action_lookup(o->action, &id) < 0)
		return bad("--action: unknown action", o->action), 2;
	if (is_cleanup(id) && !o->yes)
		return bad("--action: a cleanup deletes files: confirm with "
		           "--yes",
		           o->action),
		       2;
	if (o->csv)
		snprintf(csv, sizeof(csv), "%s", o->csv);
	else if (view_default_export_path(csv, sizeof(csv)) < 0)
		return bad("no export folder", NULL), 2;
	if (metrics_collect_fresh(&A.cfg, 250, &now, &m, err, sizeof(err)) < 0)
		fprintf(stderr, PROG ": %s (the archive gets no stats)\n", err);
	if (job_init(&j, id, csv, err[0] ? NULL : &m, err, sizeof(err)) < 0)
		return bad(err, NULL), 2;
	t0 = now_ms();
	action_run(id, &j.env, NULL, &res);
	audit(csv, id, &res, now_ms() - t0);
	printf("%s: %s\n", res.ok ? "ok" : "failed", res.message);
	free(j.status_json);
	return res.ok ? 0 : 1;
}

static int
run_main(int argc, char **argv)
{
	WNDCLASSEXW wc = {.cbSize = sizeof(wc)};
	enum sd_lang lang;
	struct opts o = {0};
	char err[512];
	HANDLE th;
	MSG msg;
	int rc;

	if (config_load(&A.cfg, SD_CLI, err, sizeof(err)) < 0) {
		fprintf(stderr, PROG ": %s\n", err);
		return 2;
	}
	A.interval = A.cfg.interval;
	if ((rc = parse_args(argc, argv, &o)) != 0)
		return rc > 0 ? 0 : 2;
	if (pick_lang(&lang) < 0) {
		fprintf(stderr,
		        PROG ": SYSDASH_LANG: must be fr, en, es or ru, got "
		             "'%.40s'\n",
		        getenv("SYSDASH_LANG"));
		return 2;
	}
	load_catalog(lang);
	if (o.action)
		return run_action(&o);
	SetProcessDpiAwarenessContext(
		DPI_AWARENESS_CONTEXT_PER_MONITOR_AWARE_V2);
	InitializeCriticalSection(&A.lock);
	view_init(&A.v, lang, &A.cat);
	A.stop = CreateEventW(NULL, TRUE, FALSE, NULL);
	wc.lpfnWndProc = wndproc;
	wc.hInstance = GetModuleHandleW(NULL);
	wc.hCursor = LoadCursorW(NULL, (LPCWSTR)IDC_ARROW);
	wc.hbrBackground = (HBRUSH)(COLOR_WINDOW + 1);
	wc.lpszClassName = L"sysdash";
	wc.hIcon = LoadIconW(wc.hInstance, L"APPICON");
	RegisterClassExW(&wc);
	A.dpi = GetDpiForSystem();
	if (!CreateWindowExW(0, L"sysdash", L"sysdash",
	                     WS_OVERLAPPEDWINDOW | WS_VISIBLE, CW_USEDEFAULT,
	                     CW_USEDEFAULT, MulDiv(W_WIDTH, (int)A.dpi, 96),
	                     MulDiv(W_HEIGHT, (int)A.dpi, 96), NULL, NULL,
	                     wc.hInstance, NULL)) {
		fprintf(stderr, PROG ": CreateWindow failed\n");
		return 1;
	}
	render();
	th = CreateThread(NULL, 0, worker, NULL, 0, NULL);
	while (GetMessageW(&msg, NULL, 0, 0) > 0) {
		if (IsDialogMessageW(A.win, &msg))
			continue;
		TranslateMessage(&msg);
		DispatchMessageW(&msg);
	}
	SetEvent(A.stop);
	if (th) {
		WaitForSingleObject(th, 5000);
		CloseHandle(th);
	}
	return 0;
}

int WINAPI
wWinMain(HINSTANCE inst, HINSTANCE prev, PWSTR cmd, int show)
{
	int argc, rc;
	wchar_t **wargv = CommandLineToArgvW(GetCommandLineW(), &argc);
	char **argv;

	(void)inst, (void)prev, (void)cmd, (void)show;
	/* a GUI program started from cmd.exe: print to its console */
	if (!GetStdHandle(STD_OUTPUT_HANDLE) &&
	    AttachConsole(ATTACH_PARENT_PROCESS)) {
		freopen("CONOUT$", "w", stdout);
		freopen("CONOUT$", "w", stderr);
	}
	if (!wargv || !(argv = calloc((size_t)argc + 1, sizeof(*argv))))
		return 1;
	for (int i = 0; i < argc; i++)
		if (!(argv[i] = win_utf8(wargv[i])))
			return 2;
	rc = run_main(argc, argv);
	fflush(stdout);
	return rc;
}
