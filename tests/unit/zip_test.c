/* zip_test.c: lib/zip.c, the stored .zip writer of the Windows
 * collect_logs action (built and run on Linux and, as an .exe, under Wine):
 * the CRC-32 check value, every header field of a two-member archive, an
 * empty member, and the refusals. */
#include "testutil.h"
#include "zip.h"

#include <stdint.h>

static uint32_t
rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static unsigned
rd16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static void
crc_check_value(void **state)
{
	(void)state;
	/* the standard check value of CRC-32/ISO-HDLC */
	assert_int_equal(zip_crc32("123456789", 9), 0xCBF43926u);
	assert_int_equal(zip_crc32("", 0), 0);
}

static void
two_members(void **state)
{
	struct zip_member m[2] = {{"a.txt", "hello", 5}, {"empty.csv", "", 0}};
	struct tm tm = {.tm_year = 126,
	                .tm_mon = 11,
	                .tm_mday = 6,
	                .tm_hour = 11,
	                .tm_min = 20,
	                .tm_sec = 31};
	unsigned char *z;
	char *out;
	size_t len, cd, second;

	(void)state;
	assert_int_equal(zip_build(m, 2, &tm, &out, &len), 0);
	z = (unsigned char *)out;
	/* two local headers (30 + name + data), two central entries
	 * (46 + name), the end record (22) */
	assert_int_equal(len, 30 + 5 + 5 + 30 + 9 + 46 + 5 + 46 + 9 + 22);
	assert_int_equal(rd32(z), 0x04034b50u);
	assert_int_equal(rd16(z + 8), 0);                        /* stored */
	assert_int_equal(rd16(z + 10), 11 << 11 | 20 << 5 | 15); /* 11:20:30 */
	assert_int_equal(rd16(z + 12), 46 << 9 | 12 << 5 | 6); /* 2026-12-06 */
	assert_int_equal(rd32(z + 14), zip_crc32("hello", 5));
	assert_int_equal(rd32(z + 18), 5);
	assert_int_equal(rd32(z + 22), 5);
	assert_int_equal(rd16(z + 26), 5);
	assert_memory_equal(z + 30, "a.txthello", 10);
	second = 40;
	assert_int_equal(rd32(z + second), 0x04034b50u);
	assert_int_equal(rd32(z + second + 18), 0);
	cd = second + 30 + 9;
	assert_int_equal(rd32(z + cd), 0x02014b50u);
	assert_int_equal(rd32(z + cd + 42), 0); /* first member's offset */
	assert_int_equal(rd32(z + cd + 46 + 5 + 42), second);
	assert_int_equal(rd32(z + len - 22), 0x06054b50u);
	assert_int_equal(rd16(z + len - 22 + 10), 2); /* entries */
	assert_int_equal(rd32(z + len - 22 + 12),
	                 46 + 5 + 46 + 9); /* directory size */
	assert_int_equal(rd32(z + len - 22 + 16), cd);
	free(out);
}

static void
refusals(void **state)
{
	struct zip_member bad[] = {{"", "x", 1}};
	struct tm tm = {.tm_year = 70, .tm_mday = 1};
	char *out = NULL, name[300];
	size_t len;

	(void)state;
	assert_int_equal(zip_build(bad, 1, &tm, &out, &len), -1);
	assert_int_equal(errno, EINVAL);
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	bad[0].name = name;
	assert_int_equal(zip_build(bad, 1, &tm, &out, &len), -1);
	assert_int_equal(zip_build(bad, -1, &tm, &out, &len), -1);
	assert_int_equal(zip_build(bad, 65, &tm, &out, &len), -1);
	/* no members: just the end record; a year before 1980 is 1980 */
	assert_int_equal(zip_build(NULL, 0, &tm, &out, &len), 0);
	assert_int_equal(len, 22);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(crc_check_value),
		cmocka_unit_test(two_members),
		cmocka_unit_test(refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
