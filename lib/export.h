/* export.h: append-only line files (CSV and JSONL exports, audit logs)
 * that survive crashes, full disks, concurrent writers and removed files. */
#ifndef EXPORT_H
#define EXPORT_H

#include <stdbool.h>
#include <stddef.h>

struct export
{
	char path[4096];
	const char *header; /* written when the file is empty; NULL for JSONL */
	int fd;             /* -1 while the file cannot be opened */
	unsigned mode;      /* for a file we create: 0644, or 0640 */
	bool failing;       /* last write failed; reported once per outage */
	char last_err[256];
};

/* Checks at start-up that path can be written (an existing writable regular
 * file, or a new file in an existing writable folder) without creating
 * anything. Returns 0, or -1 with a message naming the path in err. */
int export_check(const char *path, char *err, size_t errlen);

/* Opens path for appending (creating it 0644). header may be NULL. Returns 0
 * or -1 with a message in err; the export is usable either way: writes
 * retry the open. Only a regular file is opened, never through a symbolic
 * link and never blocking (a FIFO is refused): the folder may be writable
 * by a less trusted user. */
int export_open(struct export *e, const char *path, const char *header,
                char *err, size_t errlen);

/* export_open, creating the file with the given mode (0640 for logs that
 * name clients). */
int export_open_mode(struct export *e, const char *path, const char *header,
                     unsigned mode, char *err, size_t errlen);

/* Appends one line (newline included) with a single write(2) under flock:
 * adds the header to an empty file and ends a half-written last line first,
 * in the same write. Reopens the path when it no longer names the open file
 * (removed, or renamed by a rotation). A failed or short write (a full
 * disk) is cut off again under the lock, so the file always ends at a row
 * boundary. Returns 0, or -1 with a message in err (the caller reports it;
 * the next call retries). */
int export_write(struct export *e, const char *line, size_t len, char *err,
                 size_t errlen);

struct json_object;

/* Appends o as one JSON line with export_write, written as the API writes
 * JSON: no spaces, "/" not escaped. Returns 0, or -1 with err. */
int export_write_json(struct export *e, struct json_object *o, char *err,
                      size_t errlen);

/* Opens path (created with mode), appends o as one JSON line and closes it:
 * for logs written now and then (audit logs, webhooks.jsonl). Returns 0, or
 * -1 with a message naming the path in err. */
int export_append_json(const char *path, unsigned mode, struct json_object *o,
                       char *err, size_t errlen);

/* Closes the file if open; e may be closed twice or never opened (fd -1). */
void export_close(struct export *e);

#endif
