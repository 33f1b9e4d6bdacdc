/* util_test.c: file reading, paths, number parsing, time formatting,
 * write_all and rounding (lib/util.c). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sysdash.h"
#include "testutil.h"

/* ---- util_read_file ------------------------------------------------- */

static void
read_file_whole_fixture(void **state)
{
	char *want = tu_slurp("real/proc/meminfo");
	size_t len = 0;
	char *got = util_read_file(tu_fixture("real/proc"), "meminfo",
	                           SD_FILE_MAX, &len);

	(void)state;
	assert_non_null(got);
	assert_int_equal(len, strlen(want));
	assert_string_equal(got, want);
	free(got);
	free(want);
}

/* /proc files report st_size 0: the reader must read to EOF. */
static void
read_file_live_proc(void **state)
{
	size_t len = 0;
	char *got = util_read_file("/proc", "meminfo", SD_FILE_MAX, &len);

	(void)state;
	assert_non_null(got);
	assert_true(len > 100);
	assert_int_equal(strlen(got), len);
	assert_memory_equal(got, "MemTotal:", 9);
	free(got);
}

static void
read_file_empty(void **state)
{
	size_t len = 99;
	char *got = util_read_file(tu_fixture("empty/proc"), "stat",
	                           SD_FILE_MAX, &len);

	(void)state;
	assert_non_null(got);
	assert_int_equal(len, 0);
	assert_int_equal(got[0], '\0');
	free(got);
}

/* The garbage fixture holds NUL bytes: len counts every byte (2048 bytes
 * of noise + 23 bytes of text), and the buffer is still NUL-terminated. */
static void
read_file_binary_length(void **state)
{
	size_t len = 0;
	char *got = util_read_file(tu_fixture("garbage/proc"), "stat",
	                           SD_FILE_MAX, &len);

	(void)state;
	assert_non_null(got);
	assert_int_equal(len, 2048 + 23);
	assert_int_equal(got[len], '\0');
	assert_memory_equal(got + 2048, "\n}{ not a proc file ]]\n", 23);
	free(got);
}

/* max is inclusive: a file of exactly max bytes is fine ("EFBIG when the
 * file exceeds max bytes"). */
static void
read_file_exactly_max_fits(void **state)
{
	char *dir = tu_mkdtemp();
	char *big = tu_huge_line("x", 'y', SD_FILE_MAX);
	size_t len = 0;
	char *got;

	(void)state;
	tu_write_str(dir, "ten", "0123456789");
	got = util_read_file(dir, "ten", 10, &len);
	assert_non_null(got);
	assert_int_equal(len, 10);
	assert_string_equal(got, "0123456789");
	free(got);
	tu_write_str(dir, "fits", big);
	free(big);
	big = util_read_file(dir, "fits", SD_FILE_MAX, &len);
	assert_non_null(big);
	assert_int_equal(len, SD_FILE_MAX);
	free(big);
	tu_rmtree(dir);
}

/* A small max is honoured too: 10 bytes with max 9 is EFBIG. */
static void
read_file_small_max_enforced(void **state)
{
	char *dir = tu_mkdtemp();
	size_t len = 0;
	char *got;

	(void)state;
	tu_write_str(dir, "ten", "0123456789");
	errno = 0;
	got = util_read_file(dir, "ten", 9, &len);
	if (got)
		fail_msg("util_read_file max 9 returned %zu bytes", len);
	assert_int_equal(errno, EFBIG);
	tu_rmtree(dir);
}

/* One line over 1 MiB, written at run time. */
static void
read_file_huge_is_efbig(void **state)
{
	char *dir = tu_mkdtemp();
	char *big = tu_huge_line("x", 'y', SD_FILE_MAX + 1);
	size_t len = 0;

	(void)state;
	tu_write_str(dir, "huge", big);
	errno = 0;
	assert_null(util_read_file(dir, "huge", SD_FILE_MAX, &len));
	assert_int_equal(errno, EFBIG);
	free(big);
	tu_rmtree(dir);
}

static void
read_file_errors(void **state)
{
	char longname[8192];
	size_t len;

	(void)state;
	errno = 0;
	assert_null(util_read_file(tu_fixture("real/proc"), "nope", SD_FILE_MAX,
	                           &len));
	assert_int_equal(errno, ENOENT);
	errno = 0;
	assert_null(
		util_read_file(tu_fixture("real"), "proc", SD_FILE_MAX, &len));
	assert_int_equal(errno, EISDIR);
	memset(longname, 'n', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	errno = 0;
	assert_null(util_read_file("/tmp", longname, SD_FILE_MAX, &len));
	assert_int_equal(errno, ENAMETOOLONG);
}

/* ---- util_next_line, util_path -------------------------------------- */

static void
next_line(void **state)
{
	const char *s = "ab\ncd\n";
	const char *p;

	(void)state;
	p = util_next_line(s);
	assert_ptr_equal(p, s + 3);
	p = util_next_line(p);
	assert_ptr_equal(p, s + 6);
	assert_int_equal(*p, '\0');
	s = "no newline";
	assert_ptr_equal(util_next_line(s), s + strlen(s));
	s = "";
	assert_ptr_equal(util_next_line(s), s);
}

/* "/proc/stat" is 10 characters: it fits in 11 bytes, not in 10. */
static void
path_join_and_truncation(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(util_path(buf, sizeof buf, "/proc", "stat"), 0);
	assert_string_equal(buf, "/proc/stat");
	assert_int_equal(util_path(buf, 11, "/proc", "stat"), 0);
	assert_string_equal(buf, "/proc/stat");
	errno = 0;
	assert_int_equal(util_path(buf, 10, "/proc", "stat"), -1);
	assert_int_equal(errno, ENAMETOOLONG);
}

/* ---- number parsing ------------------------------------------------- */

static void
parse_double_good(void **state)
{
	double v = -1;

	(void)state;
	assert_int_equal(util_parse_double("1.5", &v), 0);
	assert_near(v, 1.5, 0);
	assert_int_equal(util_parse_double("80", &v), 0);
	assert_near(v, 80.0, 0);
	assert_int_equal(util_parse_double("0", &v), 0);
	assert_near(v, 0.0, 0);
	assert_int_equal(util_parse_double("-2.25", &v), 0);
	assert_near(v, -2.25, 0);
	assert_int_equal(util_parse_double("1e3", &v), 0);
	assert_near(v, 1000.0, 0);
}

/* err 0: either EINVAL or ERANGE will do (nan and inf). */
static void
expect_double_fails(const char *s, int err)
{
	double v = 0;

	errno = 0;
	if (util_parse_double(s, &v) != -1)
		fail_msg("util_parse_double accepted \"%s\" as %g", s, v);
	if (err)
		assert_int_equal(errno, err);
	else
		assert_true(errno == EINVAL || errno == ERANGE);
}

static void
parse_double_bad(void **state)
{
	(void)state;
	expect_double_fails("", EINVAL);
	expect_double_fails("abc", EINVAL);
	expect_double_fails("1.5x", EINVAL);
	expect_double_fails("1.5 ", EINVAL);
	expect_double_fails("80%", EINVAL);
	expect_double_fails("nan", 0);
	expect_double_fails("NaN", 0);
	expect_double_fails("inf", 0);
	expect_double_fails("-infinity", 0);
	expect_double_fails("1e999", ERANGE);
	expect_double_fails("-1e999", ERANGE);
}

static void
parse_long_good(void **state)
{
	long v = 0;

	(void)state;
	assert_int_equal(util_parse_long("42", 0, 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(util_parse_long("0", 0, 100, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(util_parse_long("100", 0, 100, &v), 0);
	assert_int_equal(v, 100);
	assert_int_equal(util_parse_long("-7", -10, 10, &v), 0);
	assert_int_equal(v, -7);
	assert_int_equal(util_parse_long("1000000000", 1, 1000000000, &v), 0);
	assert_int_equal(v, 1000000000);
}

static void
expect_long_fails(const char *s, long min, long max, int err)
{
	long v = 0;

	errno = 0;
	if (util_parse_long(s, min, max, &v) != -1)
		fail_msg("util_parse_long accepted \"%s\" as %ld", s, v);
	assert_int_equal(errno, err);
}

static void
parse_long_bad(void **state)
{
	(void)state;
	expect_long_fails("", 0, 100, EINVAL);
	expect_long_fails("abc", 0, 100, EINVAL);
	expect_long_fails("12a", 0, 100, EINVAL);
	expect_long_fails("1.5", 0, 100, EINVAL);
	expect_long_fails("101", 0, 100, ERANGE);
	expect_long_fails("-1", 0, 100, ERANGE);
	expect_long_fails("1000000001", 1, 1000000000, ERANGE);
	expect_long_fails("99999999999999999999999", 0, LONG_MAX, ERANGE);
	expect_long_fails("-99999999999999999999999", LONG_MIN, 0, ERANGE);
}

static void
scan_ull_good(void **state)
{
	const char *s = "  42abc";
	unsigned long long v = 0;

	(void)state;
	assert_int_equal(util_scan_ull(&s, &v), 0);
	assert_int_equal(v, 42);
	assert_string_equal(s, "abc");
	s = "18446744073709551615 rest";
	assert_int_equal(util_scan_ull(&s, &v), 0);
	assert_true(v == ULLONG_MAX);
	assert_string_equal(s, " rest");
	s = "0";
	assert_int_equal(util_scan_ull(&s, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(*s, '\0');
}

static void
scan_ull_bad(void **state)
{
	static const char *const inval[] = {"", "   ", "abc", "-5", "\n5"};
	const char *s;
	unsigned long long v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof inval / sizeof inval[0]; i++) {
		s = inval[i];
		v = 7;
		errno = 0;
		if (util_scan_ull(&s, &v) != -1)
			fail_msg("util_scan_ull accepted \"%s\" as %llu",
			         inval[i], v);
		assert_int_equal(errno, EINVAL);
	}
	s = "18446744073709551616";
	errno = 0;
	assert_int_equal(util_scan_ull(&s, &v), -1);
	assert_int_equal(errno, ERANGE);
	s = "99999999999999999999999999999999";
	errno = 0;
	assert_int_equal(util_scan_ull(&s, &v), -1);
	assert_int_equal(errno, ERANGE);
}

/* ---- util_iso8601, util_hms ----------------------------------------- */

static void
with_tz(const char *tz)
{
	assert_int_equal(setenv("TZ", tz, 1), 0);
	tzset();
}

/* 1795511730 = 2026-11-24T09:15:30Z (Python: datetime(2026, 11, 24, 9,
 * 15, 30, tzinfo=timezone.utc).timestamp()). Milliseconds are truncated
 * as Python's isoformat(timespec="milliseconds") does. */
static void
iso8601_offsets(void **state)
{
	struct timespec t = {.tv_sec = 1795511730, .tv_nsec = 123456789};
	char buf[64];

	(void)state;
	with_tz("CET-1CEST,M3.5.0,M10.5.0/3");
	assert_int_equal(util_iso8601(&t, buf, sizeof buf), 0);
	assert_string_equal(buf, "2026-11-24T10:15:30.123+01:00");
	with_tz("UTC0");
	assert_int_equal(util_iso8601(&t, buf, sizeof buf), 0);
	assert_string_equal(buf, "2026-11-24T09:15:30.123+00:00");
	with_tz("EST5");
	assert_int_equal(util_iso8601(&t, buf, sizeof buf), 0);
	assert_string_equal(buf, "2026-11-24T04:15:30.123-05:00");
	with_tz("NPT-5:45");
	assert_int_equal(util_iso8601(&t, buf, sizeof buf), 0);
	assert_string_equal(buf, "2026-11-24T15:00:30.123+05:45");
	with_tz("NST3:30");
	assert_int_equal(util_iso8601(&t, buf, sizeof buf), 0);
	assert_string_equal(buf, "2026-11-24T05:45:30.123-03:30");
	unsetenv("TZ");
	tzset();
}

/* .999999999 s stays in its second: ".999", never ".1000". */
static void
iso8601_truncates_milliseconds(void **state)
{
	struct timespec t = {.tv_sec = 1795511730, .tv_nsec = 999999999};
	char buf[64];

	(void)state;
	with_tz("UTC0");
	assert_int_equal(util_iso8601(&t, buf, sizeof buf), 0);
	assert_string_equal(buf, "2026-11-24T09:15:30.999+00:00");
	t.tv_nsec = 0;
	assert_int_equal(util_iso8601(&t, buf, sizeof buf), 0);
	assert_string_equal(buf, "2026-11-24T09:15:30.000+00:00");
	unsetenv("TZ");
	tzset();
}

/* "2026-11-24T09:15:30.123+00:00" is 29 characters: 30 bytes fit, 29 do
 * not. */
static void
iso8601_small_buffer(void **state)
{
	struct timespec t = {.tv_sec = 1795511730, .tv_nsec = 123000000};
	char buf[64];

	(void)state;
	with_tz("UTC0");
	assert_int_equal(util_iso8601(&t, buf, 30), 0);
	assert_string_equal(buf, "2026-11-24T09:15:30.123+00:00");
	assert_int_equal(util_iso8601(&t, buf, 29), -1);
	assert_int_equal(util_iso8601(&t, buf, 1), -1);
	unsetenv("TZ");
	tzset();
}

/* 12345.67 s = 3 h 25 min 45.67 s -> 03:25:45 (docs/API.md's CSV example);
 * 123*3600 + 4*60 + 5 = 443045 -> 123:04:05, hours never wrap;
 * 359.53 (the real fixture) -> 00:05:59; fractions are dropped. */
static void
hms_formats(void **state)
{
	char buf[32];

	(void)state;
	util_hms(12345.67, buf, sizeof buf);
	assert_string_equal(buf, "03:25:45");
	util_hms(443045.0, buf, sizeof buf);
	assert_string_equal(buf, "123:04:05");
	util_hms(359.53, buf, sizeof buf);
	assert_string_equal(buf, "00:05:59");
	util_hms(0.0, buf, sizeof buf);
	assert_string_equal(buf, "00:00:00");
	util_hms(59.999, buf, sizeof buf);
	assert_string_equal(buf, "00:00:59");
	util_hms(86400.0, buf, sizeof buf);
	assert_string_equal(buf, "24:00:00");
	util_hms(3599.0, buf, sizeof buf);
	assert_string_equal(buf, "00:59:59");
}

/* A buffer too small is cut, still NUL-terminated (ASan checks the
 * bounds). */
static void
hms_small_buffer(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'Z', sizeof buf);
	util_hms(443045.0, buf, 4);
	assert_true(strlen(buf) <= 3);
	assert_int_equal(buf[4], 'Z');
}

/* ---- util_write_all ------------------------------------------------- */

static void
write_all_to_file(void **state)
{
	char *dir = tu_mkdtemp();
	char path[1024];
	char back[64];
	int fd;

	(void)state;
	snprintf(path, sizeof path, "%s/out", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
	assert_true(fd >= 0);
	assert_int_equal(util_write_all(fd, "row one\n", 8), 0);
	assert_int_equal(util_write_all(fd, "row two\n", 8), 0);
	close(fd);
	fd = open(path, O_RDONLY);
	assert_int_equal(read(fd, back, sizeof back), 16);
	close(fd);
	assert_memory_equal(back, "row one\nrow two\n", 16);
	tu_rmtree(dir);
}

static void
write_all_errors(void **state)
{
	int fd = open("/dev/full", O_WRONLY);

	(void)state;
	assert_true(fd >= 0);
	errno = 0;
	assert_int_equal(util_write_all(fd, "x\n", 2), -1);
	assert_int_equal(errno, ENOSPC);
	close(fd);
	errno = 0;
	assert_int_equal(util_write_all(-1, "x\n", 2), -1);
	assert_int_equal(errno, EBADF);
}

/* RLIMIT_FSIZE of 10 bytes: write(2) of 20 bytes stores 10 and returns
 * 10 with no errno. That short write is an error (ENOSPC, or EFBIG if the
 * implementation asks again). In a child so the limit stays there. */
static void
write_all_short_write(void **state)
{
	char *dir = tu_mkdtemp();
	char path[1024];
	struct stat st;
	pid_t pid;
	int status;

	(void)state;
	snprintf(path, sizeof path, "%s/limited", dir);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rlimit rl = {.rlim_cur = 10, .rlim_max = 10};
		int fd, rc, e;

		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
			_exit(10);
		fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
		if (fd < 0)
			_exit(11);
		errno = 0;
		rc = util_write_all(fd, "0123456789abcdefghij", 20);
		e = errno;
		if (rc != -1)
			_exit(12);
		_exit(e == ENOSPC || e == EFBIG ? 0 : 13);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 10);
	tu_rmtree(dir);
}

/* ---- util_round, util_fmt_fixed: Python's round() ------------------- */

static void
round_like_python(void **state)
{
	(void)state;
	/* round(12.34, 1) = 12.3, round(12.36, 1) = 12.4 */
	assert_true(util_round(12.34, 1) == 12.3);
	assert_true(util_round(12.36, 1) == 12.4);
	/* round(99.96, 1) = 100.0 */
	assert_true(util_round(99.96, 1) == 100.0);
	/* 340548 / 24683656 * 100 = 1.3796... -> 1.4 (real meminfo) */
	assert_true(util_round(340548.0 / 24683656 * 100, 1) == 1.4);
	assert_true(util_round(23.540054321, 2) == 23.54);
	assert_true(util_round(-23.546, 2) == -23.55);
	assert_true(util_round(0.0, 1) == 0.0);
	assert_true(util_round(250.0, 2) == 250.0);
	/* exact binary ties go to even, as Python: round(0.125, 2) = 0.12,
	 * round(0.375, 2) = 0.38, round(2.5, 0) = 2.0 */
	assert_true(util_round(0.125, 2) == 0.12);
	assert_true(util_round(0.375, 2) == 0.38);
	assert_true(util_round(2.5, 0) == 2.0);
}

/* Decimal ties that are not binary ties: Python rounds the exact binary
 * value, which lies below or above the tie.
 *   2.675 = 2.67499999999999982236431605997495353221893310546875
 *     round(2.675, 2) = 2.67, round(-2.675, 2) = -2.67
 *   0.15 = 0.1499999999999999944488848768742172978818416595458984375
 *     round(0.15, 1) = 0.1
 *   1.005 = 1.00499999999999989341858963598497211933135986328125
 *     round(1.005, 2) = 1.0
 *   0.05 = 0.05000000000000000277555756156289135105907917022705078125
 *     round(0.05, 1) = 0.1
 * rint(v * 10^d) / 10^d gets these wrong because 2.675 * 100 and
 * 0.05 * 10 round to exact ties (267.5, 0.5) in double. */
static void
round_decimal_ties_like_python(void **state)
{
	(void)state;
	assert_true(util_round(0.05, 1) == 0.1);
	assert_true(util_round(2.675, 2) == 2.67);
	assert_true(util_round(-2.675, 2) == -2.67);
	assert_true(util_round(0.15, 1) == 0.1);
	assert_true(util_round(1.005, 2) == 1.0);
}

/* util_fmt_fixed: exactly `decimals` digits for an already rounded v. */
static void
fmt_fixed(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(util_fmt_fixed(buf, sizeof buf, 12.5, 1), 4);
	assert_string_equal(buf, "12.5");
	assert_int_equal(util_fmt_fixed(buf, sizeof buf, 250.0, 2), 6);
	assert_string_equal(buf, "250.00");
	util_fmt_fixed(buf, sizeof buf, 0.0, 1);
	assert_string_equal(buf, "0.0");
	util_fmt_fixed(buf, sizeof buf, 6.62, 2);
	assert_string_equal(buf, "6.62");
	util_fmt_fixed(buf, sizeof buf, 43.1, 1);
	assert_string_equal(buf, "43.1");
	util_fmt_fixed(buf, sizeof buf, -2.67, 2);
	assert_string_equal(buf, "-2.67");
	util_fmt_fixed(buf, sizeof buf, 0.5, 2);
	assert_string_equal(buf, "0.50");
	util_fmt_fixed(buf, sizeof buf, 12345.67, 2);
	assert_string_equal(buf, "12345.67");
	util_fmt_fixed(buf, sizeof buf, 7.0, 0);
	assert_string_equal(buf, "7");
	/* "250.00" needs 7 bytes */
	assert_int_equal(util_fmt_fixed(buf, 7, 250.0, 2), 6);
	assert_int_equal(util_fmt_fixed(buf, 6, 250.0, 2), -1);
}

/* util_utf8_valid: RFC 3629, the bounds of each rule and cut sequences */
static void
utf8_valid_bounds(void **state)
{
	static const char *const good[] = {
		"",
		"plain",
		"caf\xc3\xa9",
		"\xe2\x82\xac",
		"\xf0\x9f\x98\x80",
		"\xed\x9f\xbf",     /* U+D7FF, just below the surrogates */
		"\xf4\x8f\xbf\xbf", /* U+10FFFF, the last code point */
	};
	static const char *const bad[] = {
		"\x80",
		"\xc3",
		"caf\xe9",
		"\xc0\xaf",
		"\xc1\xbf",
		"\xe0\x9f\xbf",     /* overlong 3 bytes */
		"\xed\xa0\x80",     /* U+D800 */
		"\xf0\x8f\xbf\xbf", /* overlong 4 bytes */
		"\xf4\x90\x80\x80", /* U+110000 */
		"\xf5\x80\x80\x80",
		"\xff",
		"\xe2\x82",
		"a\xf0\x9f\x98",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!util_utf8_valid(good[i], strlen(good[i])))
			fail_msg("good[%zu] refused", i);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (util_utf8_valid(bad[i], strlen(bad[i])))
			fail_msg("bad[%zu] accepted", i);
	/* n counts: the euro sign cut by n, a NUL inside allowed */
	assert_false(util_utf8_valid("\xe2\x82\xac", 2));
	assert_true(util_utf8_valid("a\0b", 3));
}

/* util_gib: bytes / 2^30, to 2 decimals */
static void
gib_two_decimals(void **state)
{
	(void)state;
	assert_true(util_gib(0) == 0.0);
	assert_true(util_gib(1073741824ULL) == 1.0);
	assert_true(util_gib(1610612736ULL) == 1.5);
	/* 16647884800 / 2^30 = 15.5045..., 5368709000 / 2^30 = 4.99999... */
	assert_true(util_gib(16647884800ULL) == 15.5);
	assert_true(util_gib(5368709000ULL) == 5.0);
}

/* util_fmt_shortest: the fewest digits that read back, exponent only for
 * the tiny and the huge */
static void
fmt_shortest(void **state)
{
	static const struct {
		double v;
		const char *want;
	} cases[] = {
		{0.0, "0"},
		{100.0, "100"},
		{0.1, "0.1"},
		{43.1, "43.1"},
		{-2.5, "-2.5"},
		{1.0 / 3, "0.3333333333333333"},
		{0.0001, "0.0001"},
		{0.00001, "1e-05"},
		{1e15, "1000000000000000"},
		{1e16, "1e+16"},
		{16777216.0, "16777216"},
		{123456789.125, "123456789.125"},
	};
	char buf[32];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(util_fmt_shortest(buf, sizeof buf, cases[i].v),
		                 (int)strlen(cases[i].want));
		assert_string_equal(buf, cases[i].want);
	}
	/* "43.1" needs 5 bytes */
	assert_int_equal(util_fmt_shortest(buf, 5, 43.1), 4);
	assert_int_equal(util_fmt_shortest(buf, 4, 43.1), -1);
}

/* ---- util_open_regular, util_utf8_clean --------------------------------- */

/* a folder another user may write: no link, no FIFO, no folder, no hang */
static void
open_regular_refuses_odd_files(void **state)
{
	char *dir = tu_mkdtemp();
	char path[1024], target[1024];
	int fd;

	(void)state;
	tu_write_str(dir, "plain", "x\n");
	snprintf(path, sizeof path, "%s/plain", dir);
	fd = util_open_regular(path, O_RDONLY, 0);
	assert_true(fd >= 0);
	/* O_NONBLOCK is not left on the descriptor */
	assert_int_equal(fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
	close(fd);

	snprintf(target, sizeof target, "%s/plain", dir);
	snprintf(path, sizeof path, "%s/link", dir);
	assert_int_equal(symlink(target, path), 0);
	errno = 0;
	assert_int_equal(
		util_open_regular(path, O_RDWR | O_APPEND | O_CREAT, 0644), -1);
	assert_int_equal(errno, ELOOP);
	assert_string_equal(util_open_strerror(ELOOP),
	                    "is a symbolic link (refused)");
	/* a dangling link is not followed to create its target either */
	snprintf(path, sizeof path, "%s/dangling", dir);
	snprintf(target, sizeof target, "%s/created-through-link", dir);
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(util_open_regular(path, O_RDWR | O_CREAT, 0644), -1);
	assert_int_equal(access(target, F_OK), -1);

	/* a FIFO with no writer: refused at once, for reading and writing */
	snprintf(path, sizeof path, "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0644), 0);
	errno = 0;
	assert_int_equal(util_open_regular(path, O_RDONLY, 0), -1);
	assert_int_equal(errno, EFTYPE_SD);
	assert_string_equal(util_open_strerror(EFTYPE_SD),
	                    "not a regular file (refused)");
	assert_int_equal(
		util_open_regular(path, O_RDWR | O_APPEND | O_CREAT, 0644), -1);
	assert_int_equal(errno, EFTYPE_SD);

	/* a folder, and /dev/null (a device) */
	assert_int_equal(util_open_regular(dir, O_RDONLY, 0), -1);
	assert_int_equal(errno, EFTYPE_SD);
	{
		struct stat st;

		/* some sandboxes give a regular file as /dev/null */
		if (stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode)) {
			assert_int_equal(
				util_open_regular("/dev/null", O_RDONLY, 0),
				-1);
			assert_int_equal(errno, EFTYPE_SD);
		}
	}
	/* missing: the kernel's own errno */
	snprintf(path, sizeof path, "%s/missing", dir);
	assert_int_equal(util_open_regular(path, O_RDONLY, 0), -1);
	assert_int_equal(errno, ENOENT);
	assert_string_equal(util_open_strerror(ENOENT), strerror(ENOENT));
	tu_rmtree(dir);
}

static void
utf8_clean(void **state)
{
	char out[64];

	(void)state;
	util_utf8_clean(out, sizeof out, "plain-host.example");
	assert_string_equal(out, "plain-host.example");
	/* valid multi-byte text is kept as it is */
	util_utf8_clean(
		out, sizeof out,
		"h\xc3\xa9te-\xd0\xb4\xd0\xbe\xd0\xbc-\xf0\x9f\x96\xa5");
	assert_string_equal(
		out, "h\xc3\xa9te-\xd0\xb4\xd0\xbe\xd0\xbc-\xf0\x9f\x96\xa5");
	/* a lone byte, a cut sequence, an overlong '/', a surrogate, > U+10FFFF
	 */
	util_utf8_clean(out, sizeof out,
	                "a\xff"
	                "b");
	assert_string_equal(out, "a\xef\xbf\xbd"
	                         "b");
	util_utf8_clean(out, sizeof out, "x\xc3");
	assert_string_equal(out, "x\xef\xbf\xbd");
	util_utf8_clean(out, sizeof out, "\xc0\xaf");
	assert_string_equal(out, "\xef\xbf\xbd\xef\xbf\xbd");
	util_utf8_clean(out, sizeof out, "\xed\xa0\x80");
	assert_string_equal(out, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	util_utf8_clean(out, sizeof out, "\xf4\x90\x80\x80");
	assert_string_equal(out,
	                    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	/* control characters would break CSV rows and log lines */
	util_utf8_clean(out, sizeof out, "a\nb\tc\x7f");
	assert_string_equal(out, "a?b?c?");
	/* never a cut character at the end of a small buffer */
	util_utf8_clean(out, 5, "ab\xff");
	assert_string_equal(out, "ab");
	util_utf8_clean(out, 6, "ab\xff");
	assert_string_equal(out, "ab\xef\xbf\xbd");
	util_utf8_clean(out, 1, "abc");
	assert_string_equal(out, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(read_file_whole_fixture),
		cmocka_unit_test(read_file_live_proc),
		cmocka_unit_test(read_file_empty),
		cmocka_unit_test(read_file_binary_length),
		cmocka_unit_test(read_file_exactly_max_fits),
		cmocka_unit_test(read_file_small_max_enforced),
		cmocka_unit_test(read_file_huge_is_efbig),
		cmocka_unit_test(read_file_errors),
		cmocka_unit_test(next_line),
		cmocka_unit_test(path_join_and_truncation),
		cmocka_unit_test(parse_double_good),
		cmocka_unit_test(parse_double_bad),
		cmocka_unit_test(parse_long_good),
		cmocka_unit_test(parse_long_bad),
		cmocka_unit_test(scan_ull_good),
		cmocka_unit_test(scan_ull_bad),
		cmocka_unit_test(iso8601_offsets),
		cmocka_unit_test(iso8601_truncates_milliseconds),
		cmocka_unit_test(iso8601_small_buffer),
		cmocka_unit_test(hms_formats),
		cmocka_unit_test(hms_small_buffer),
		cmocka_unit_test(write_all_to_file),
		cmocka_unit_test(write_all_errors),
		cmocka_unit_test(write_all_short_write),
		cmocka_unit_test(round_like_python),
		cmocka_unit_test(round_decimal_ties_like_python),
		cmocka_unit_test(fmt_fixed),
		cmocka_unit_test(fmt_shortest),
		cmocka_unit_test(gib_two_decimals),
		cmocka_unit_test(utf8_valid_bounds),
		cmocka_unit_test(open_regular_refuses_odd_files),
		cmocka_unit_test(utf8_clean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
