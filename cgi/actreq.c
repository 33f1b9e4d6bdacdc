/* actreq.c: parsing of the POST /api/action body (see actreq.h). */
#include "actreq.h"

#include <json.h>
#include <string.h>

static const char *
string_member(json_object *o, const char *key)
{
	json_object *v;

	if (json_object_object_get_ex(o, key, &v) &&
	    json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	return NULL;
}

json_object *
actreq_parse(const char *body, size_t len, const char **action,
             const char **token, const char **why)
{
	json_tokener *tok = json_tokener_new_ex(8);
	json_object *o = NULL;
	size_t end;

	*action = *token = NULL;
	*why = "body is not valid JSON";
	if (!tok) {
		*why = "out of memory";
		return NULL;
	}
	/* a NUL inside the body would hide the rest from the parser */
	if (strlen(body) == len)
		o = json_tokener_parse_ex(tok, body, (int)len);
	if (o && json_tokener_get_error(tok) == json_tokener_success) {
		end = json_tokener_get_parse_end(tok);
		while (end < len && strchr(" \t\r\n", body[end]))
			end++;
		if (end != len) {
			json_object_put(o);
			o = NULL;
		} else if (!json_object_is_type(o, json_type_object)) {
			json_object_put(o);
			o = NULL;
			*why = "body must be a JSON object like {\"action\": \"cleanup_temp\"}";
		}
	} else {
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	if (o) {
		*action = string_member(o, "action");
		*token = string_member(o, "token");
	}
	return o;
}
