/* export_json.c: JSON lines on top of export.h, written the one way the
 * API writes JSON (plain, "/" not escaped), for the JSONL export and the
 * audit and webhook logs. Platform-neutral: export.h is export.c on Linux,
 * win_export.c on Windows. */
#include "export.h"

#include <json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
export_write_json(struct export *e, struct json_object *o, char *err,
                  size_t errlen)
{
	size_t len;
	const char *s = json_object_to_json_string_length(
		o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE,
		&len);
	char *line;
	int rc;

	if (!s || !(line = malloc(len + 1))) {
		snprintf(err, errlen, "write %s: out of memory", e->path);
		return -1;
	}
	memcpy(line, s, len);
	line[len] = '\n';
	rc = export_write(e, line, len + 1, err, errlen);
	free(line);
	return rc;
}

int
export_append_json(const char *path, unsigned mode, struct json_object *o,
                   char *err, size_t errlen)
{
	struct export e;
	int rc;

	rc = export_open_mode(&e, path, NULL, mode, err, errlen);
	if (rc == 0)
		rc = export_write_json(&e, o, err, errlen);
	export_close(&e);
	return rc;
}
