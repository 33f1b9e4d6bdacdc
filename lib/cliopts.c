/* cliopts.c: the sampling CLI's options (see cliopts.h). Plain C and
 * getopt_long: built for Linux and, with mingw-w64, for Windows. */
#include "cliopts.h"
#include "sysdash.h"

#include <getopt.h>
#include <stdarg.h>
#include <string.h>

/* getopt_long's codes for the long options */
enum {
	O_INTERVAL = 256,
	O_COUNT,
	O_ONCE,
	O_CSV,
	O_JSONL,
	O_NOEXP,
	O_STATE,
	O_QUIET,
	O_HELP,
	O_VERSION,
	O_REBUILD,
	O_NOROLLUP
};

int
cli_bad(const struct cli_prog *p, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", p->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(try %s --help)\n", p->name);
	return -1;
}

int
cli_copy_path(const struct cli_prog *p, char *dst, size_t n, const char *src,
              const char *what)
{
	if (strlen(src) >= n)
		return cli_bad(p, "%s: path too long: %.64s...", what, src);
	memcpy(dst, src, strlen(src) + 1);
	return 0;
}

/* Whether the program takes option c (an option it does not take is left
 * out of getopt's table: it reads as unknown, its value as an argument). */
static bool
taken(const struct cli_prog *p, int c)
{
	if (c == O_STATE)
		return p->extras & CLI_STATE;
	if (c == O_REBUILD || c == O_NOROLLUP)
		return p->extras & CLI_ROLLUP;
	return true;
}

/* One option c (its value in optarg): 1 to exit 0 (help, version), 0 to
 * go on, -1 on bad usage. */
static int
parse_opt(const struct cli_prog *p, int c, char **argv, struct cli_opts *o)
{
	switch (c) {
	case O_INTERVAL:
		if (util_parse_double(optarg, &o->interval) < 0 ||
		    o->interval < SD_INTERVAL_MIN ||
		    o->interval > SD_INTERVAL_MAX)
			return cli_bad(p,
			               "--interval: must be a number of "
			               "seconds from 0.1 to 86400, got '%.40s'",
			               optarg);
		return 0;
	case O_COUNT:
		if (util_parse_long(optarg, 1, 1000000000L, &o->count) < 0)
			return cli_bad(p,
			               "--count: must be a whole number "
			               "from 1 to 1000000000, got '%.40s'",
			               optarg);
		return 0;
	case O_ONCE:
		o->once = true;
		return 0;
	case O_CSV:
		return cli_copy_path(p, o->csv, sizeof(o->csv), optarg,
		                     "--export-csv");
	case O_JSONL:
		return cli_copy_path(p, o->jsonl, sizeof(o->jsonl), optarg,
		                     "--export-jsonl");
	case O_NOEXP:
		o->no_export = true;
		return 0;
	case O_STATE:
		return cli_copy_path(p, o->state, sizeof(o->state), optarg,
		                     "--state");
	case 'q':
	case O_QUIET:
		o->quiet = true;
		return 0;
	case O_REBUILD:
		o->rebuild = true;
		return 0;
	case O_NOROLLUP:
		o->no_rollup = true;
		return 0;
	case 'h':
	case O_HELP:
		p->usage(stdout);
		return 1;
	case 'V':
	case O_VERSION:
		printf("%s\n", p->version);
		return 1;
	case ':':
		return cli_bad(p, "%s: needs a value", argv[optind - 1]);
	default:
		return cli_bad(p, "unknown option '%s'", argv[optind - 1]);
	}
}

/* The options that cannot go together; 0 or -1. */
static int
check_combos(const struct cli_prog *p, const struct cli_opts *o)
{
	if (o->once && o->count)
		return cli_bad(p, "--once and --count cannot be combined");
	if (o->no_export && (*o->csv || *o->jsonl))
		return cli_bad(p, "--no-export cannot be combined with an "
		                  "export path");
	if (o->rebuild && (o->no_export || o->no_rollup || o->once || o->count))
		return cli_bad(p, "--rebuild-history takes only --export-csv "
		                  "(and --export-jsonl, --quiet)");
	return 0;
}

int
cli_parse(const struct cli_prog *p, int argc, char **argv, struct cli_opts *o)
{
	static const struct option all[] = {
		{"interval", required_argument, NULL, O_INTERVAL},
		{"count", required_argument, NULL, O_COUNT},
		{"once", no_argument, NULL, O_ONCE},
		{"export-csv", required_argument, NULL, O_CSV},
		{"export-jsonl", required_argument, NULL, O_JSONL},
		{"no-export", no_argument, NULL, O_NOEXP},
		{"state", required_argument, NULL, O_STATE},
		{"quiet", no_argument, NULL, O_QUIET},
		{"help", no_argument, NULL, O_HELP},
		{"rebuild-history", no_argument, NULL, O_REBUILD},
		{"no-rollup", no_argument, NULL, O_NOROLLUP},
		{"version", no_argument, NULL, O_VERSION},
		{NULL, 0, NULL, 0},
	};
	struct option longopts[sizeof(all) / sizeof(all[0])];
	size_t n = 0;
	int c, rc;

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (!all[i].name || taken(p, all[i].val))
			longopts[n++] = all[i];
	memset(o, 0, sizeof(*o));
	optind = 0; /* a full restart: argv may be another one than last time */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hqV", longopts, NULL)) != -1)
		if ((rc = parse_opt(p, c, argv, o)) != 0)
			return rc;
	if (optind < argc)
		return cli_bad(p, "unexpected argument '%s'", argv[optind]);
	return check_combos(p, o);
}
