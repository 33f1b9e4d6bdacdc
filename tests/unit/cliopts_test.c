/* cliopts_test.c: the sampling CLI's option parser (lib/cliopts.c): every
 * option, the options only some programs take, combinations that cannot
 * go together, and the exact messages of bad usage. */
#include <unistd.h>

#include "cliopts.h"
#include "testutil.h"

static int usage_calls;

static void
usage(FILE *f)
{
	(void)f;
	usage_calls++;
}

static const struct cli_prog linux_prog = {
	"prog",
	"prog 1.0",
	CLI_STATE | CLI_ROLLUP,
	usage,
};
static const struct cli_prog bare_prog = {"bare", "bare 1.0", 0, usage};

/* cli_parse on a NULL-terminated list; what it wrote to stderr in err */
static int
parse(const struct cli_prog *p, struct cli_opts *o, char *err, size_t n, ...)
{
	char *argv[32];
	int argc = 0, saved = dup(2), rc;
	FILE *tmp = tmpfile();
	va_list ap;
	size_t got;

	va_start(ap, n);
	argv[argc++] = (char *)p->name;
	while ((argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	assert_non_null(tmp);
	fflush(stderr);
	dup2(fileno(tmp), 2);
	rc = cli_parse(p, argc, argv, o);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	got = fread(err, 1, n - 1, tmp);
	err[got] = '\0';
	fclose(tmp);
	return rc;
}

static void
every_option(void **state)
{
	struct cli_opts o;
	char err[512];

	(void)state;
	assert_int_equal(parse(&linux_prog, &o, err, sizeof err, "--interval",
	                       "0.5", "--count", "3", "--export-csv", "a.csv",
	                       "--export-jsonl=b.jsonl", "--state", "s",
	                       "--quiet", "--no-rollup", NULL),
	                 0);
	assert_string_equal(err, "");
	assert_true(o.interval == 0.5);
	assert_int_equal(o.count, 3);
	assert_string_equal(o.csv, "a.csv");
	assert_string_equal(o.jsonl, "b.jsonl");
	assert_string_equal(o.state, "s");
	assert_true(o.quiet && o.no_rollup);
	assert_false(o.once || o.no_export || o.rebuild);
	/* a second parse starts afresh: nothing left from the first */
	assert_int_equal(parse(&linux_prog, &o, err, sizeof err, "-q", "--once",
	                       "--no-export", NULL),
	                 0);
	assert_true(o.quiet && o.once && o.no_export);
	assert_true(o.interval == 0);
	assert_int_equal(o.count, 0);
	assert_string_equal(o.csv, "");
	assert_int_equal(parse(&linux_prog, &o, err, sizeof err,
	                       "--rebuild-history", "--export-csv", "x", NULL),
	                 0);
	assert_true(o.rebuild);
}

static void
help_and_version_end_the_run(void **state)
{
	struct cli_opts o;
	char err[512];

	(void)state;
	usage_calls = 0;
	assert_int_equal(parse(&bare_prog, &o, err, sizeof err, "--help",
	                       "--bogus", NULL),
	                 1);
	assert_int_equal(parse(&bare_prog, &o, err, sizeof err, "-h", NULL), 1);
	assert_int_equal(usage_calls, 2);
	assert_int_equal(parse(&bare_prog, &o, err, sizeof err, "-V", NULL), 1);
	assert_string_equal(err, "");
}

#define BAD(p, msg, ...)                                                       \
	do {                                                                   \
		assert_int_equal(                                              \
			parse(p, &o, err, sizeof err, __VA_ARGS__, NULL), -1); \
		assert_string_equal(err, msg);                                 \
	} while (0)

static void
bad_usage_said_exactly(void **state)
{
	struct cli_opts o;
	char err[512], *huge;

	(void)state;
	BAD(&linux_prog,
	    "prog: --interval: must be a number of seconds from 0.1 to 86400, "
	    "got '0.05'\n(try prog --help)\n",
	    "--interval", "0.05");
	BAD(&linux_prog,
	    "prog: --interval: must be a number of seconds from 0.1 to 86400, "
	    "got 'nan'\n(try prog --help)\n",
	    "--interval", "nan");
	BAD(&linux_prog,
	    "prog: --count: must be a whole number from 1 to 1000000000, got "
	    "'0'\n(try prog --help)\n",
	    "--count", "0");
	BAD(&linux_prog, "prog: --count: needs a value\n(try prog --help)\n",
	    "--count");
	BAD(&linux_prog, "prog: unknown option '--nope'\n(try prog --help)\n",
	    "--nope");
	BAD(&linux_prog, "prog: unexpected argument 'x'\n(try prog --help)\n",
	    "x");
	BAD(&linux_prog,
	    "prog: --once and --count cannot be combined\n(try prog --help)\n",
	    "--once", "--count", "2");
	BAD(&linux_prog,
	    "prog: --no-export cannot be combined with an export path\n"
	    "(try prog --help)\n",
	    "--no-export", "--export-jsonl", "j");
	BAD(&linux_prog,
	    "prog: --rebuild-history takes only --export-csv (and "
	    "--export-jsonl, --quiet)\n(try prog --help)\n",
	    "--rebuild-history", "--once");
	/* a path longer than the buffer: refused, the start quoted */
	huge = tu_huge_line("", 'p', 5000);
	assert_int_equal(
		parse(&linux_prog, &o, err, sizeof err, "--state", huge, NULL),
		-1);
	assert_non_null(strstr(err, "prog: --state: path too long: ppp"));
	free(huge);
}

/* The Windows CLI takes neither --state nor the history options */
static void
extras_only_where_taken(void **state)
{
	struct cli_opts o;
	char err[512];

	(void)state;
	BAD(&bare_prog, "bare: unknown option '--state'\n(try bare --help)\n",
	    "--state", "s");
	BAD(&bare_prog,
	    "bare: unknown option '--rebuild-history'\n(try bare --help)\n",
	    "--rebuild-history");
	BAD(&bare_prog,
	    "bare: unknown option '--no-rollup'\n(try bare --help)\n",
	    "--no-rollup");
	assert_int_equal(parse(&bare_prog, &o, err, sizeof err, "--once",
	                       "--export-csv", "c", NULL),
	                 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_option),
		cmocka_unit_test(help_and_version_end_the_run),
		cmocka_unit_test(bad_usage_said_exactly),
		cmocka_unit_test(extras_only_where_taken),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
