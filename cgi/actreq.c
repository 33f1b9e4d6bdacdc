/* actreq.c: parsing of the POST /api/action body (see actreq.h). */
#include "actreq.h"
#include "sysdash.h"

#include <json.h>
#include <string.h>

static const char *
string_member(json_object *o, const char *key)
{
	json_object *v;
	const char *s;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	s = json_object_get_string(v);
	/* "\u0000" inside: C would see only the part before it; and only
	 * UTF-8 goes on to the audit log, whatever json-c makes of escapes */
	if (strlen(s) != (size_t)json_object_get_string_len(v) ||
	    !util_utf8_valid(s, strlen(s)))
		return NULL;
	return s;
}

json_object *
actreq_parse(const char *body, size_t len, const char **action,
             const char **token, const char **why)
{
	json_tokener *tok = json_tokener_new_ex(8);
	json_object *o = NULL;
	bool parsed = false;
	size_t end;

	*action = *token = NULL;
	*why = "body is not valid JSON";
	if (!tok) {
		*why = "out of memory";
		return NULL;
	}
	/* JSON only: no single quotes, comments, trailing commas, True, 007
	 * or invalid UTF-8, which json-c takes by default */
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	                                    JSON_TOKENER_VALIDATE_UTF8);
	/* a NUL inside the body would hide the rest from the parser; json-c's
	 * UTF-8 check lets overlong forms (C0 AF), surrogates (ED A0 80) and
	 * code points over U+10FFFF through */
	if (strlen(body) == len && util_utf8_valid(body, len)) {
		/* with the NUL: the end of the text ends a bare 42 or true */
		o = json_tokener_parse_ex(tok, body, (int)len + 1);
		parsed = json_tokener_get_error(tok) == json_tokener_success;
	}
	if (parsed) {
		end = json_tokener_get_parse_end(tok);
		while (end < len && strchr(" \t\r\n", body[end]))
			end++;
		if (end < len) {
			json_object_put(o);
			o = NULL;
		} else if (!json_object_is_type(o, json_type_object)) {
			json_object_put(o);
			o = NULL;
			*why = "body must be a JSON object like {\"action\": "
			       "\"cleanup_temp\"}";
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
