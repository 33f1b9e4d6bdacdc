/* win_actions.c: actions.h on Windows, the old tool's six actions in their
 * Windows form: ipconfig /flushdns; the Spooler service restarted through
 * the Service Control Manager; *.tmp in %TEMP%; the Teams cache; Outlook's
 * *.tmp and *.dat; a .zip of the stats JSON, the last 200 CSV rows and
 * `ipconfig /all` in %TEMP%. Fixed paths and arguments only. Cleanups
 * delete regular files and never follow a reparse point (symbolic link,
 * junction): one is neither deleted nor entered. */
#include "actions.h"

#include "sysdash.h"
#include "win.h"
#include "zip.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <shlobj.h>

#define CMD_TIMEOUT_MS 30000
#define CMD_OUTPUT_MAX (256 * 1024)
#define SPOOLER_WAIT_MS 20000
#define TAIL_ROWS 200
#define MAX_DEPTH 32

/* classic Teams caches, under %APPDATA%\Microsoft\Teams */
static const wchar_t *const teams_caches[] = {
	L"Cache",         L"Code Cache", L"GPUCache",
	L"blob_storage",  L"databases",  L"IndexedDB",
	L"Local Storage", L"tmp",        L"Service Worker\\CacheStorage",
};
#define N_TEAMS (sizeof(teams_caches) / sizeof(teams_caches[0]))

/* A known folder (FOLDERID_RoamingAppData...) joined with sub, wide. */
static int
known(REFKNOWNFOLDERID id, const wchar_t *sub, wchar_t *buf, size_t n)
{
	PWSTR w = NULL;
	int len = -1;

	if (SHGetKnownFolderPath(id, 0, NULL, &w) == S_OK)
		len = _snwprintf(buf, n, L"%ls\\%ls", w, sub);
	CoTaskMemFree(w);
	return len < 0 || (size_t)len >= n ? -1 : 0;
}

static bool
is_dir_w(const wchar_t *p)
{
	DWORD a = GetFileAttributesW(p);

	return a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY) &&
	       !(a & FILE_ATTRIBUTE_REPARSE_POINT);
}

static bool
is_dir(const char *p)
{
	wchar_t *w = p ? win_wide(p) : NULL;
	bool r = w && is_dir_w(w);

	free(w);
	return r;
}

static void
system_exe(const wchar_t *name, wchar_t *buf, size_t n)
{
	wchar_t dir[MAX_PATH];

	if (!GetSystemDirectoryW(dir, MAX_PATH))
		wcscpy(dir, L"C:\\Windows\\System32");
	_snwprintf(buf, n, L"%ls\\%ls", dir, name);
	buf[n - 1] = 0;
}

/* The program to start: exe in the system folder, or the tests'
 * stand-in (SYSDASH_ACTION_TEST_EXEC). */
static void
app_path(const struct action_env *e, const wchar_t *exe, wchar_t *app, size_t n)
{
	wchar_t *hook = NULL;

	if (e->test_exec && (hook = win_wide(e->test_exec)))
		_snwprintf(app, n, L"%ls", hook);
	else
		system_exe(exe, app, n);
	app[n - 1] = 0;
	free(hook);
}

/* Reads the child's output into out (CMD_OUTPUT_MAX bytes, zeroed
 * beforehand) and drains the rest, so that the child never blocks on a
 * full pipe. */
static void
read_output(HANDLE rd, char *out)
{
	size_t used = 0;
	DWORD got;

	while (ReadFile(rd, out + used, (DWORD)(CMD_OUTPUT_MAX - used), &got,
	                NULL) &&
	       got > 0) {
		used += got;
		if (used == CMD_OUTPUT_MAX) {
			char sink[4096];

			while (ReadFile(rd, sink, sizeof(sink), &got, NULL) &&
			       got > 0)
				;
			break;
		}
	}
}

/* Runs System32\exe (or the test hook) with the fixed command line cmd,
 * no window, stdout and stderr into *out (malloc'd, NUL-terminated, at
 * most CMD_OUTPUT_MAX). Returns the exit code, or -1 with a message. */
static int
run_cmd(const struct action_env *e, const wchar_t *exe, const wchar_t *cmd,
        char **out, char *msg, size_t n)
{
	SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
	STARTUPINFOW si;
	PROCESS_INFORMATION pi;
	wchar_t app[MAX_PATH + 32], line[512];
	HANDLE rd, wr;
	DWORD code = 1, waited;
	char err[256];

	*out = calloc(1, CMD_OUTPUT_MAX + 1);
	if (!*out || !CreatePipe(&rd, &wr, &sa, 0)) {
		snprintf(msg, n, "Cannot run %ls: no memory or pipe", exe);
		return -1;
	}
	SetHandleInformation(rd, HANDLE_FLAG_INHERIT, 0);
	app_path(e, exe, app, sizeof(app) / sizeof(app[0]));
	_snwprintf(line, 512, L"%ls", cmd);
	line[511] = 0;
	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	si.dwFlags = STARTF_USESTDHANDLES;
	si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
	si.hStdOutput = si.hStdError = wr;
	if (!CreateProcessW(app, line, NULL, NULL, TRUE, CREATE_NO_WINDOW, NULL,
	                    NULL, &si, &pi)) {
		snprintf(msg, n, "Cannot run %ls: %s", app,
		         win_strerror(GetLastError(), err, sizeof(err)));
		CloseHandle(rd);
		CloseHandle(wr);
		return -1;
	}
	CloseHandle(wr);
	read_output(rd, *out);
	CloseHandle(rd);
	waited = WaitForSingleObject(pi.hProcess, CMD_TIMEOUT_MS);
	if (waited != WAIT_OBJECT_0) {
		TerminateProcess(pi.hProcess, 1);
		snprintf(msg, n, "%ls did not finish in %d s and was stopped.",
		         cmd, CMD_TIMEOUT_MS / 1000);
		code = (DWORD)-1;
	} else {
		GetExitCodeProcess(pi.hProcess, &code);
	}
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
	return waited == WAIT_OBJECT_0 ? (int)code : -1;
}

static bool
spooler_exists(void)
{
	SC_HANDLE scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT), svc;
	bool ok = false;

	if (scm &&
	    (svc = OpenServiceW(scm, L"Spooler", SERVICE_QUERY_STATUS))) {
		ok = true;
		CloseServiceHandle(svc);
	}
	if (scm)
		CloseServiceHandle(scm);
	return ok;
}

bool
action_available(enum action_id id, const struct action_env *e, char *reason,
                 size_t n)
{
	wchar_t p[MAX_PATH + 64];
	const char *why = NULL;
	bool any = false;

	switch (id) {
	case ACT_FLUSH_DNS:
		system_exe(L"ipconfig.exe", p, MAX_PATH + 64);
		if (!e->test_exec &&
		    GetFileAttributesW(p) == INVALID_FILE_ATTRIBUTES)
			why = "ipconfig.exe was not found in the system "
			      "folder.";
		break;
	case ACT_RESTART_SPOOLER:
		if (!spooler_exists())
			why = "No print spooler: the Spooler service is not "
			      "installed.";
		break;
	case ACT_CLEANUP_TEMP:
		if (!is_dir(e->tmpdir))
			why = "The temporary folder does not exist.";
		break;
	case ACT_CLEANUP_TEAMS:
		for (size_t i = 0; i < N_TEAMS && !any; i++) {
			wchar_t sub[128];

			_snwprintf(sub, 128, L"Microsoft\\Teams\\%ls",
			           teams_caches[i]);
			any = known(&FOLDERID_RoamingAppData, sub, p,
			            MAX_PATH + 64) == 0 &&
			      is_dir_w(p);
		}
		if (!any)
			why = "Not found: no Teams cache for this user.";
		break;
	case ACT_CLEANUP_OUTLOOK:
		if (known(&FOLDERID_LocalAppData, L"Microsoft\\Outlook", p,
		          MAX_PATH + 64) < 0 ||
		    !is_dir_w(p))
			why = "Not found: no Outlook folder for this user.";
		break;
	case ACT_COLLECT_LOGS:
		if (!is_dir(e->tmpdir))
			why = "The temporary folder does not exist.";
		break;
	default:
		why = "Unknown action.";
	}
	snprintf(reason, n, "%s", why ? why : "");
	return why == NULL;
}

/* The final path of an open handle without its "\\?\" prefix. */
static bool
final_path(HANDLE h, wchar_t *buf, DWORD n)
{
	DWORD len = GetFinalPathNameByHandleW(h, buf, n, FILE_NAME_NORMALIZED);

	if (len == 0 || len >= n)
		return false;
	if (!wcsncmp(buf, L"\\\\?\\", 4))
		memmove(buf, buf + 4, (len - 3) * sizeof(*buf));
	return true;
}

/* Deletes dir\name when it is a regular file that is itself, not reached
 * through a link: the handle is opened without following a reparse point,
 * its final path must be the folder's own final path plus name (under
 * Wine a Unix symbolic link is no reparse point, and opening it opens its
 * target: this is what catches it), and the file is deleted through that
 * same handle, so nothing can be swapped in between. */
static bool
delete_regular(const wchar_t *dirfinal, const wchar_t *path,
               const wchar_t *name)
{
	FILE_DISPOSITION_INFO del = {TRUE};
	BY_HANDLE_FILE_INFORMATION bi;
	wchar_t fin[MAX_PATH * 2], want[MAX_PATH * 2];
	HANDLE h;
	bool ok = false;

	h = CreateFileW(path, DELETE | FILE_READ_ATTRIBUTES,
	                FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
	                NULL, OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT,
	                NULL);
	if (h == INVALID_HANDLE_VALUE)
		return false;
	_snwprintf(want, MAX_PATH * 2, L"%ls\\%ls", dirfinal, name);
	want[MAX_PATH * 2 - 1] = 0;
	if (GetFileInformationByHandle(h, &bi) &&
	    !(bi.dwFileAttributes &
	      (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT)) &&
	    GetFileType(h) == FILE_TYPE_DISK &&
	    final_path(h, fin, MAX_PATH * 2) && !_wcsicmp(fin, want))
		ok = SetFileInformationByHandle(h, FileDispositionInfo, &del,
		                                sizeof(del));
	CloseHandle(h);
	return ok;
}

static bool
ends_with_ci(const wchar_t *s, const wchar_t *suffix)
{
	size_t ls = wcslen(s), lx = wcslen(suffix);

	return ls > lx && !_wcsicmp(s + ls - lx, suffix);
}

/* Deletes the regular files in dir whose names end with one of suffixes
 * (NULL: every file), into subfolders when deep. Reparse points are left
 * alone, never entered. Counts into res; *failed counts refusals. */
static void
sweep(const wchar_t *dir, const wchar_t *const *suffixes, bool deep, int depth,
      struct action_result *res, long long *failed)
{
	WIN32_FIND_DATAW fd;
	wchar_t pat[MAX_PATH * 2], path[MAX_PATH * 2], dirfinal[MAX_PATH * 2];
	HANDLE h, dh;
	bool got;

	if (depth > MAX_DEPTH)
		return;
	dh = CreateFileW(dir, FILE_READ_ATTRIBUTES,
	                 FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
	                 NULL, OPEN_EXISTING,
	                 FILE_FLAG_BACKUP_SEMANTICS |
	                         FILE_FLAG_OPEN_REPARSE_POINT,
	                 NULL);
	if (dh == INVALID_HANDLE_VALUE)
		return;
	got = final_path(dh, dirfinal, MAX_PATH * 2);
	CloseHandle(dh);
	if (!got)
		return;
	_snwprintf(pat, MAX_PATH * 2, L"%ls\\*", dir);
	pat[MAX_PATH * 2 - 1] = 0;
	h = FindFirstFileExW(pat, FindExInfoBasic, &fd, FindExSearchNameMatch,
	                     NULL, 0);
	if (h == INVALID_HANDLE_VALUE)
		return;
	do {
		bool match = suffixes == NULL;

		if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
			continue;
		if (fd.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)
			continue; /* a link or junction: not ours to follow */
		_snwprintf(path, MAX_PATH * 2, L"%ls\\%ls", dir, fd.cFileName);
		path[MAX_PATH * 2 - 1] = 0;
		if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
			if (deep)
				sweep(path, suffixes, deep, depth + 1, res,
				      failed);
			continue;
		}
		for (int i = 0; suffixes && suffixes[i] && !match; i++)
			match = ends_with_ci(fd.cFileName, suffixes[i]);
		if (!match)
			continue;
		if (delete_regular(dirfinal, path, fd.cFileName)) {
			res->files++;
			res->bytes += (long long)fd.nFileSizeHigh << 32 |
			              fd.nFileSizeLow;
		} else {
			(*failed)++; /* in use, or reached through a link */
		}
	} while (FindNextFileW(h, &fd));
	FindClose(h);
}

static void
cleaned(struct action_result *res, const char *what, long long failed)
{
	char size[32];

	action_fmt_size(res->bytes, size, sizeof(size));
	res->has_counts = true;
	res->ok = true;
	snprintf(res->message, sizeof(res->message),
	         "%s: %lld file%s deleted (%s)%s", what, res->files,
	         res->files == 1 ? "" : "s", size,
	         failed ? "; files in use or reached through a link were kept" :
	                  ".");
}

static void
cleanup_temp(const struct action_env *e, struct action_result *res)
{
	static const wchar_t *const tmp[] = {L".tmp", NULL};
	wchar_t *w = win_wide(e->tmpdir);
	char what[400];
	long long failed = 0;

	if (!w || !is_dir_w(w)) {
		snprintf(res->message, sizeof(res->message),
		         "Cannot open %s: not a folder", e->tmpdir);
		free(w);
		return;
	}
	sweep(w, tmp, false, 0, res, &failed);
	free(w);
	snprintf(what, sizeof(what), "Temporary files cleaned in %.300s",
	         e->tmpdir);
	cleaned(res, what, failed);
}

static void
cleanup_teams(struct action_result *res)
{
	wchar_t p[MAX_PATH + 64], sub[128];
	long long failed = 0;

	for (size_t i = 0; i < N_TEAMS; i++) {
		_snwprintf(sub, 128, L"Microsoft\\Teams\\%ls", teams_caches[i]);
		if (known(&FOLDERID_RoamingAppData, sub, p, MAX_PATH + 64) ==
		            0 &&
		    is_dir_w(p))
			sweep(p, NULL, true, 0, res, &failed);
	}
	cleaned(res,
	        "Teams cache cleared (Teams rebuilds it at its next start)",
	        failed);
}

static void
cleanup_outlook(struct action_result *res)
{
	static const wchar_t *const ext[] = {L".tmp", L".dat", NULL};
	wchar_t p[MAX_PATH + 64];
	long long failed = 0;

	if (known(&FOLDERID_LocalAppData, L"Microsoft\\Outlook", p,
	          MAX_PATH + 64) < 0 ||
	    !is_dir_w(p)) {
		snprintf(res->message, sizeof(res->message),
		         "No Outlook folder for this user.");
		return;
	}
	sweep(p, ext, false, 0, res, &failed);
	cleaned(res, "Outlook cache cleared", failed);
}

static void
flush_dns(const struct action_env *e, struct action_result *res)
{
	char *out = NULL, line[200];
	int rc = run_cmd(e, L"ipconfig.exe", L"ipconfig.exe /flushdns", &out,
	                 res->message, sizeof(res->message));

	if (rc == 0) {
		res->ok = true;
		snprintf(res->message, sizeof(res->message),
		         "DNS cache flushed.");
	} else if (rc > 0) {
		snprintf(line, sizeof(line), "%.*s", (int)strcspn(out, "\r\n"),
		         out);
		snprintf(res->message, sizeof(res->message),
		         "ipconfig /flushdns failed (exit %d)%s%s", rc,
		         *line ? ": " : ".", line);
	}
	free(out);
}

static const char NEED_ADMIN[] =
	"Restarting the print spooler needs administrator rights: start "
	"sysdash-desktop with \"Run as administrator\".";

/* Polls svc until it reaches state, for at most SPOOLER_WAIT_MS. */
static bool
wait_state(SC_HANDLE svc, DWORD state)
{
	SERVICE_STATUS st;

	for (int waited = 0; waited <= SPOOLER_WAIT_MS; waited += 250) {
		if (!QueryServiceStatus(svc, &st))
			return false;
		if (st.dwCurrentState == state)
			return true;
		Sleep(250);
	}
	return false;
}

static void
restart_spooler(struct action_result *res)
{
	SC_HANDLE scm, svc = NULL;
	SERVICE_STATUS st;
	char err[256];
	DWORD code;

	if (!(scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT))) {
		snprintf(res->message, sizeof(res->message),
		         "OpenSCManager: %s",
		         win_strerror(GetLastError(), err, sizeof(err)));
		return;
	}
	svc = OpenServiceW(scm, L"Spooler",
	                   SERVICE_STOP | SERVICE_START | SERVICE_QUERY_STATUS);
	if (!svc) {
		code = GetLastError();
		if (code == ERROR_ACCESS_DENIED)
			snprintf(res->message, sizeof(res->message), "%s",
			         NEED_ADMIN);
		else
			snprintf(res->message, sizeof(res->message),
			         "OpenService Spooler: %s",
			         win_strerror(code, err, sizeof(err)));
		goto out;
	}
	if (QueryServiceStatus(svc, &st) &&
	    st.dwCurrentState != SERVICE_STOPPED) {
		if (!ControlService(svc, SERVICE_CONTROL_STOP, &st) &&
		    GetLastError() != ERROR_SERVICE_NOT_ACTIVE) {
			code = GetLastError();
			snprintf(res->message, sizeof(res->message), "%s",
			         code == ERROR_ACCESS_DENIED ? NEED_ADMIN : "");
			if (code != ERROR_ACCESS_DENIED)
				snprintf(res->message, sizeof(res->message),
				         "Stopping the Spooler service: %s",
				         win_strerror(code, err, sizeof(err)));
			goto out;
		}
		if (!wait_state(svc, SERVICE_STOPPED)) {
			snprintf(res->message, sizeof(res->message),
			         "The Spooler service did not stop in %d s.",
			         SPOOLER_WAIT_MS / 1000);
			goto out;
		}
	}
	if (!StartServiceW(svc, 0, NULL)) {
		code = GetLastError();
		snprintf(res->message, sizeof(res->message),
		         "Starting the Spooler service: %s",
		         code == ERROR_ACCESS_DENIED ?
		                 NEED_ADMIN :
		                 win_strerror(code, err, sizeof(err)));
		goto out;
	}
	if (!wait_state(svc, SERVICE_RUNNING)) {
		snprintf(res->message, sizeof(res->message),
		         "The Spooler service was started but is not running "
		         "after %d s.",
		         SPOOLER_WAIT_MS / 1000);
		goto out;
	}
	res->ok = true;
	snprintf(res->message, sizeof(res->message),
	         "Print spooler restarted.");
out:
	if (svc)
		CloseServiceHandle(svc);
	CloseServiceHandle(scm);
}

/* The CSV's header line and its last TAIL_ROWS rows (reading at most the
 * last 1 MiB), malloc'd; an absent file gives "". */
static char *
csv_tail(const char *path, size_t *len)
{
	wchar_t *w = path ? win_wide(path) : NULL;
	FILE *f = w ? _wfopen(w, L"rb") : NULL;
	char head[1024], *buf, *start, *out;
	size_t hl = 0, r;
	long long size;
	int seen = 0;

	free(w);
	if (!f) {
		*len = 0;
		return calloc(1, 1);
	}
	hl = fread(head, 1, sizeof(head) - 1, f);
	head[hl] = 0;
	hl = strcspn(head, "\n");
	hl += head[hl] == '\n';
	_fseeki64(f, 0, SEEK_END);
	size = _ftelli64(f);
	_fseeki64(f, size > (1 << 20) ? size - (1 << 20) : 0, SEEK_SET);
	buf = malloc((1 << 20) + 1);
	out = malloc((1 << 20) + sizeof(head) + 1);
	if (!buf || !out) {
		fclose(f);
		free(buf);
		free(out);
		*len = 0;
		return calloc(1, 1);
	}
	r = fread(buf, 1, 1 << 20, f);
	fclose(f);
	buf[r] = 0;
	start = buf + r;
	if (start > buf && start[-1] == '\n')
		start--;
	while (start > buf && !(start[-1] == '\n' && ++seen == TAIL_ROWS))
		start--;
	/* the header itself when the whole file is in view */
	if (start == buf + 0 && size <= (1 << 20))
		start += hl;
	memcpy(out, head, hl);
	memcpy(out + hl, start, (size_t)(buf + r - start));
	*len = hl + (size_t)(buf + r - start);
	out[*len] = 0;
	free(buf);
	return out;
}

static void
collect_logs(const struct action_env *e, struct action_result *res)
{
	struct zip_member m[3];
	char *ipc = NULL, *tail, *zip = NULL, msg[256] = "";
	size_t tlen, zlen;
	SYSTEMTIME t;
	struct tm tm;
	wchar_t *w;
	FILE *f;
	int rc;

	rc = run_cmd(e, L"ipconfig.exe", L"ipconfig.exe /all", &ipc, msg,
	             sizeof(msg));
	if (rc < 0 && !ipc) {
		snprintf(res->message, sizeof(res->message), "%s", msg);
		return;
	}
	tail = csv_tail(e->csv_path, &tlen);
	m[0] = (struct zip_member){
		"stats.json", e->status_json ? e->status_json : "{}",
		strlen(e->status_json ? e->status_json : "{}")};
	m[1] = (struct zip_member){"metrics-tail.csv", tail, tlen};
	m[2] = (struct zip_member){"ipconfig-all.txt", ipc ? ipc : "",
	                           ipc ? strlen(ipc) : 0};
	GetLocalTime(&t);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = t.wYear - 1900;
	tm.tm_mon = t.wMonth - 1;
	tm.tm_mday = t.wDay;
	tm.tm_hour = t.wHour;
	tm.tm_min = t.wMinute;
	tm.tm_sec = t.wSecond;
	snprintf(res->path, sizeof(res->path),
	         "%s\\sysdash-logs-%04d%02d%02d-%02d%02d%02d.%03d.zip",
	         e->tmpdir, t.wYear, t.wMonth, t.wDay, t.wHour, t.wMinute,
	         t.wSecond, t.wMilliseconds);
	if (zip_build(m, 3, &tm, &zip, &zlen) < 0 ||
	    !(w = win_wide(res->path))) {
		snprintf(res->message, sizeof(res->message),
		         "Cannot build the archive: %s", strerror(errno));
		goto out;
	}
	/* "wx": a new file only, never an existing one or a link's target */
	f = _wfopen(w, L"wbx");
	free(w);
	if (!f || fwrite(zip, 1, zlen, f) != zlen || fclose(f) != 0) {
		snprintf(res->message, sizeof(res->message),
		         "Cannot write %s: %s", res->path, strerror(errno));
		goto out;
	}
	res->ok = true;
	res->has_path = true;
	snprintf(res->message, sizeof(res->message),
	         "Logs collected in %.400s%s", res->path,
	         rc == 0 ? "." :
	                   " (ipconfig /all failed; its output is partial).");
out:
	free(ipc);
	free(tail);
	free(zip);
}

/* w is not used here (the Windows actions allocate their few buffers):
 * NULL is fine on Windows. */
void
action_run(enum action_id id, const struct action_env *e,
           struct action_scratch *w, struct action_result *res)
{
	(void)w;
	memset(res, 0, sizeof(*res));
	switch (id) {
	case ACT_FLUSH_DNS:
		flush_dns(e, res);
		break;
	case ACT_RESTART_SPOOLER:
		restart_spooler(res);
		break;
	case ACT_CLEANUP_TEMP:
		cleanup_temp(e, res);
		break;
	case ACT_CLEANUP_TEAMS:
		cleanup_teams(res);
		break;
	case ACT_CLEANUP_OUTLOOK:
		cleanup_outlook(res);
		break;
	case ACT_COLLECT_LOGS:
		collect_logs(e, res);
		break;
	default:
		snprintf(res->message, sizeof(res->message), "Unknown action.");
	}
}
