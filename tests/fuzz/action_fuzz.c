/* action_fuzz.c: libFuzzer harness for the POST /api/action body: the
 * parser and the name lookup a request goes through before anything runs. */
#include "actions.h"
#include "actreq.h"

#include <json.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *action, *token, *why;
	enum action_id id;
	json_object *o;
	char *body = malloc(size + 1);

	if (!body)
		return 0;
	memcpy(body, data, size);
	body[size] = '\0';
	o = actreq_parse(body, size, &action, &token, &why);
	if (!o && !why)
		abort(); /* every refusal says why */
	if (action && action_lookup(action, &id) == 0 &&
	    strcmp(action, action_name(id)))
		abort(); /* only the exact names resolve */
	json_object_put(o);
	free(body);
	return 0;
}
