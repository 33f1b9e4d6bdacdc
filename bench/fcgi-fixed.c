/* fcgi-fixed.c: the benchmark's reference, a bare libfcgi responder that
 * answers every request with the same JSON body of argv[1] bytes, with the
 * headers sysdash's programs send. Built and run by scripts/bench only (not
 * part of `make all`): it measures what nginx + libfcgi cost by themselves.
 */
#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile sig_atomic_t stopping;

static void
on_signal(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

int
main(int argc, char **argv)
{
	static char body[65536], head[256];
	struct sigaction sa;
	FCGX_Request req;
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 440;
	int hl;

	if (n < 12 || n > (long)sizeof(body)) {
		fprintf(stderr, "usage: fcgi-fixed BYTES (12..%zu)\n", sizeof(body));
		return 2;
	}
	/* {"pad":"xxx...x"} of exactly n bytes */
	memset(body, 'x', (size_t)n);
	memcpy(body, "{\"pad\":\"", 8);
	memcpy(body + n - 2, "\"}", 2);
	hl = snprintf(head, sizeof(head),
	              "Status: 200 OK\r\nContent-Type: application/json\r\n"
	              "Content-Length: %ld\r\nCache-Control: no-store\r\n\r\n", n);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* multiwatch stops its children with SIGUSR1; libfcgi's own handler
	 * would set only its flag, and the loop below would spin */
	sigaction(SIGUSR1, &sa, NULL);
	if (FCGX_Init() != 0 || FCGX_InitRequest(&req, 0, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		return 1;
	for (;;) {
		int rc = FCGX_Accept_r(&req);

		if (rc == -EINTR && !stopping)
			continue;
		if (rc < 0)
			break;
		FCGX_PutStr(head, hl, req.out);
		FCGX_PutStr(body, (int)n, req.out);
		FCGX_Finish_r(&req);
	}
	return 0;
}
