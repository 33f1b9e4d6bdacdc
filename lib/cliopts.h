/* cliopts.h: the options of the sampling CLI, one parser for
 * sysdash-sampler (Linux) and sysdash.exe (Windows), and the usage-error
 * message every sysdash program prints. */
#ifndef CLIOPTS_H
#define CLIOPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Options only some programs take (struct cli_prog's extras). */
enum {
	CLI_STATE = 1 << 0,  /* --state PATH */
	CLI_ROLLUP = 1 << 1, /* --rebuild-history, --no-rollup */
};

struct cli_opts {
	double interval; /* seconds; 0 when not given */
	long count;      /* 0: until stopped */
	bool once, quiet, no_export;
	bool rebuild, no_rollup; /* CLI_ROLLUP */
	char csv[4096], jsonl[4096];
	char state[4096]; /* CLI_STATE */
};

struct cli_prog {
	const char *name;    /* starts each message: "sysdash-sampler: ..." */
	const char *version; /* what --version prints */
	unsigned extras;     /* CLI_STATE | CLI_ROLLUP */
	void (*usage)(FILE *f);
};

/* Prints "name: <message>" and "(try name --help)" on stderr. Returns -1,
 * for `return cli_bad(...)`. */
int cli_bad(const struct cli_prog *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Copies src into dst (n bytes), or says "what: path too long" and
 * returns -1. */
int cli_copy_path(const struct cli_prog *p, char *dst, size_t n,
                  const char *src, const char *what);

/* Parses argv with getopt_long into o (zeroed first). Returns 1 after
 * printing --help or --version (exit 0), 0 to run, -1 on bad usage (said
 * on stderr; exit 2). */
int cli_parse(const struct cli_prog *p, int argc, char **argv,
              struct cli_opts *o);

#endif
