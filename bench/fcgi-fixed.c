/* fcgi-fixed.c: the benchmark's reference, a bare libfcgi responder that
 * answers every request with a fixed JSON body of argv[1] bytes (or n= in
 * the query), with the headers sysdash's programs send. Built and run by
 * scripts/bench only (not part of `make all`): it measures what nginx + libfcgi
 * cost by themselves.
 */
#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BODY_MAX 65536

static volatile sig_atomic_t stopping;

static void
on_signal(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

/* The body size: n=BYTES in the query, else the default. */
static long
size_of(FCGX_Request *req, long def)
{
	const char *q = FCGX_GetParam("QUERY_STRING", req->envp);
	long n;

	if (!q || strncmp(q, "n=", 2) != 0)
		return def;
	n = strtol(q + 2, NULL, 10);
	return n >= 10 && n <= BODY_MAX ? n : def;
}

int
main(int argc, char **argv)
{
	static char pad[BODY_MAX];
	struct sigaction sa;
	FCGX_Request req;
	long def = argc > 1 ? strtol(argv[1], NULL, 10) : 440;

	if (def < 10 || def > BODY_MAX) {
		fprintf(stderr, "usage: fcgi-fixed BYTES (10..%d)\n", BODY_MAX);
		return 2;
	}
	memset(pad, 'x', sizeof(pad));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* multiwatch stops its children with SIGUSR1; libfcgi's own handler
	 * would set only its flag, and the loop below would spin */
	sigaction(SIGUSR1, &sa, NULL);
	if (FCGX_Init() != 0 ||
	    FCGX_InitRequest(&req, 0, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		return 1;
	for (;;) {
		int rc = FCGX_Accept_r(&req);
		long n;

		if (rc == -EINTR && !stopping)
			continue;
		if (rc < 0)
			break;
		/* {"pad":"xxx...x"}: n bytes in all */
		n = size_of(&req, def);
		FCGX_FPrintF(
			req.out,
			"Status: 200 OK\r\nContent-Type: application/json\r\n"
			"Content-Length: %ld\r\nCache-Control: no-store\r\n\r\n"
			"{\"pad\":\"",
			n);
		FCGX_PutStr(pad, (int)(n - 10), req.out);
		FCGX_PutStr("\"}", 2, req.out);
		FCGX_Finish_r(&req);
	}
	return 0;
}
