/* util.c: parsing, rounding, formatting and UTF-8 cleaning shared by all of
 * lib/ on every platform (file helpers: util_posix.c, win_util.c). */
#include "sysdash.h"

#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *
util_next_line(const char *p)
{
	const char *nl = strchr(p, '\n');

	return nl ? nl + 1 : p + strlen(p);
}

int
util_path(char *buf, size_t n, const char *dir, const char *name)
{
	int len = snprintf(buf, n, "%s/%s", dir, name);

	if (len < 0 || (size_t)len >= n) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int
util_parse_double(const char *s, double *out)
{
	char *end;
	double v;

	if (!s || !*s) {
		errno = EINVAL;
		return -1;
	}
	errno = 0;
	v = strtod(s, &end);
	if (errno == ERANGE || !isfinite(v)) {
		errno = ERANGE;
		return -1;
	}
	if (end == s || *end != '\0') {
		errno = EINVAL;
		return -1;
	}
	*out = v;
	return 0;
}

int
util_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s || !*s) {
		errno = EINVAL;
		return -1;
	}
	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0') {
		errno = EINVAL;
		return -1;
	}
	if (errno == ERANGE || v < min || v > max) {
		errno = ERANGE;
		return -1;
	}
	*out = v;
	return 0;
}

int
util_scan_ull(const char **s, unsigned long long *out)
{
	const char *p = *s;
	unsigned long long v = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p < '0' || *p > '9') {
		errno = EINVAL;
		return -1;
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');

		if (v > (ULLONG_MAX - d) / 10) {
			errno = ERANGE;
			return -1;
		}
		v = v * 10 + d;
	}
	*s = p;
	*out = v;
	return 0;
}

void
util_hms(double seconds, char *buf, size_t n)
{
	unsigned long long s;

	if (!(seconds > 0))
		seconds = 0;
	if (seconds > 1e15)
		seconds = 1e15;
	s = (unsigned long long)seconds;
	snprintf(buf, n, "%02llu:%02llu:%02llu", s / 3600, s / 60 % 60, s % 60);
}

double
util_rint(double x)
{
	long long q;
	double f;

	/* beyond 2^52 every double is a whole number (and NaN stays NaN) */
	if (!(fabs(x) < 4503599627370496.0))
		return x;
	q = (long long)x;  /* toward zero */
	f = x - (double)q; /* exact */
	if (f > 0.5 || (f == 0.5 && (q & 1)))
		q++;
	else if (f < -0.5 || (f == -0.5 && (q & 1)))
		q--;
	return (double)q;
}

static const double pow10[] = {1, 10, 100, 1000, 10000};

/* The rounding error of p = a * b, exactly (Dekker's TwoProduct with
 * Veltkamp splitting; needs no FMA, hence no libm). */
static double
product_error(double a, double b, double p)
{
	const double split = 134217729.0; /* 2^27 + 1 */
	double ca = split * a, cb = split * b;
	double ah = ca - (ca - a), al = a - ah;
	double bh = cb - (cb - b), bl = b - bh;

	return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

double
util_round(double v, int decimals)
{
	double p, y, r, frac;

	if (decimals < 0 || decimals > 4 || !isfinite(v) || fabs(v) > 1e15)
		return v;
	/* Python's round() rounds the exact binary value: 2.675 is really
	 * 2.67499999..., so it gives 2.67. y = v * p may itself round onto a
	 * tie (267.5); then the sign of the product's error decides. */
	p = pow10[decimals];
	y = v * p;
	r = util_rint(y);
	frac = y - (double)(long long)y;
	if (frac == 0.5 || frac == -0.5) {
		double e = product_error(v, p, y);

		if (e > 0)
			r = y + 0.5;
		else if (e < 0)
			r = y - 0.5;
	}
	r /= p;
	return r == 0 ? 0 : r; /* no "-0.0" */
}

static const char *const lang_code[SD_LANG_MAX] = {"fr", "en", "es", "ru"};

const char *
sd_lang_code(enum sd_lang l)
{
	return l < SD_LANG_MAX ? lang_code[l] : lang_code[SD_FR];
}

int
sd_lang_parse(const char *s, enum sd_lang *l)
{
	for (int i = 0; s && i < SD_LANG_MAX; i++)
		if (!strcasecmp(s, lang_code[i])) {
			*l = (enum sd_lang)i;
			return 0;
		}
	errno = EINVAL;
	return -1;
}

const char *
util_open_strerror(int err)
{
	if (err == ELOOP)
		return "is a symbolic link (refused)";
	if (err == EFTYPE_SD)
		return "not a regular file (refused)";
	return strerror(err);
}

double
util_gib(unsigned long long bytes)
{
	return util_round((double)bytes / SD_GIB, 2);
}

int
util_fmt_shortest(char *buf, size_t n, double v)
{
	bool fixed = v == 0 || (fabs(v) >= 1e-4 && fabs(v) < 1e16);
	int len = -1;

	for (int prec = fixed ? 0 : 1; prec <= 17; prec++) {
		len = snprintf(buf, n, fixed ? "%.*f" : "%.*g", prec, v);
		if (len < 0 || (size_t)len >= n)
			return -1;
		if (strtod(buf, NULL) == v)
			break;
	}
	return len;
}

int
util_fmt_fixed(char *buf, size_t n, double v, int decimals)
{
	unsigned long long whole, frac, scaled, p;
	const char *sign;
	int len;

	if (decimals < 0 || decimals > 4 || !isfinite(v) || fabs(v) > 1e15) {
		len = snprintf(buf, n, "%.*f", decimals, v);
		return len < 0 || (size_t)len >= n ? -1 : len;
	}
	/* integer arithmetic: printf's "%f" is a tenth of a sample's CPU
	 * time when a dozen numbers go out per row */
	p = (unsigned long long)pow10[decimals];
	scaled = (unsigned long long)util_rint(fabs(v) * (double)p);
	whole = scaled / p;
	frac = scaled % p;
	sign = v < 0 && scaled ? "-" : "";
	if (decimals)
		len = snprintf(buf, n, "%s%llu.%0*llu", sign, whole, decimals,
		               frac);
	else
		len = snprintf(buf, n, "%s%llu", sign, whole);
	return len < 0 || (size_t)len >= n ? -1 : len;
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid:
 * no overlongs, no surrogates, nothing above U+10FFFF (RFC 3629). */
static size_t
utf8_len(const unsigned char *s)
{
	unsigned char c = s[0];
	size_t n;
	unsigned char lo = 0x80, hi = 0xBF;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return n;
}

bool
util_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char seq[4];

	for (size_t i = 0, len; i < n; i += len) {
		/* utf8_len reads up to 4 bytes: never past n */
		memset(seq, 0, sizeof(seq));
		memcpy(seq, p + i, n - i < 4 ? n - i : 4);
		if (!(len = utf8_len(seq)) || len > n - i)
			return false;
	}
	return true;
}

void
util_utf8_clean(char *dst, size_t n, const char *src)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t used = 0;

	if (n == 0)
		return;
	while (*s) {
		size_t len = utf8_len(s);
		const char *out = (const char *)s;
		size_t olen = len;

		if (len == 0) {
			out = "\xEF\xBF\xBD";
			olen = 3;
			len = 1;
		} else if (len == 1 && (*s < 0x20 || *s == 0x7F)) {
			out = "?";
		}
		if (used + olen >= n)
			break;
		memcpy(dst + used, out, olen);
		used += olen;
		s += len;
	}
	dst[used] = '\0';
}
