/* state_text_test.c: the --once state's text and its age rule
 * (lib/state_text.c), pure, so it runs as a Windows binary under Wine
 * too. */
#include "state.h"
#include "testutil.h"

static const struct cpu_state st = {
	.cpu = {.busy = 5451, .total = 71752},
	.btime = 1795633413,
	.when = 1795634000.5,
};

/* the exact line, read back to the same values; one byte short refused */
static void
format_round_trip(void **state)
{
	static const char want[] =
		"sysdash-cpu 1 1795633413 71752 5451 1795634000.500\n";
	struct cpu_state back;
	char buf[128];

	(void)state;
	assert_int_equal(state_format(&st, buf, sizeof buf), (int)strlen(want));
	assert_string_equal(buf, want);
	assert_int_equal(state_parse(buf, &back), 0);
	assert_int_equal(back.btime, st.btime);
	assert_true(back.cpu.busy == st.cpu.busy);
	assert_true(back.cpu.total == st.cpu.total);
	assert_true(back.when == st.when);
	assert_int_equal(state_format(&st, buf, sizeof want),
	                 (int)strlen(want));
	assert_int_equal(state_format(&st, buf, sizeof want - 1), -1);
}

/* usable when from this boot (within slack), not in the future, at most
 * STATE_MAX_AGE old */
static void
age_rule(void **state)
{
	const double t = st.when;

	(void)state;
	assert_true(state_age(&st, st.btime, 0, t + 60) == 60);
	assert_true(state_age(&st, st.btime, 0, t) == 0);
	assert_true(state_age(&st, st.btime, 0, t + STATE_MAX_AGE) ==
	            STATE_MAX_AGE);
	assert_true(state_age(&st, st.btime, 0, t + STATE_MAX_AGE + 0.001) ==
	            -1);
	assert_true(state_age(&st, st.btime, 0, t - 0.5) == -1);
	/* another boot */
	assert_true(state_age(&st, st.btime + 1, 0, t + 60) == -1);
	assert_true(state_age(&st, st.btime - 1, 0, t + 60) == -1);
	/* a boot time derived from the uptime: a second or two either way */
	assert_true(state_age(&st, st.btime + 2, 2, t + 60) == 60);
	assert_true(state_age(&st, st.btime - 2, 2, t + 60) == 60);
	assert_true(state_age(&st, st.btime + 3, 2, t + 60) == -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(format_round_trip),
		cmocka_unit_test(age_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
