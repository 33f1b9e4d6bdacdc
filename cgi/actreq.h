/* actreq.h: the body of POST /api/action, parsed and checked before any
 * work (pure: no I/O, so the fuzzer drives it directly). */
#ifndef SYSDASH_ACTREQ_H
#define SYSDASH_ACTREQ_H

#include <stddef.h>

struct json_object;

/* Parses body (len bytes, NUL-terminated) as one JSON object, nesting at
 * at most 7 levels (the object and 6 inside it), nothing after it but blanks.
 * Returns the object (the caller puts it) with *action and *token pointing into
 * it, each NULL when absent or not a string; or NULL with *why, a message for a
 * 400. */
struct json_object *actreq_parse(const char *body, size_t len,
                                 const char **action, const char **token,
                                 const char **why);

#endif
