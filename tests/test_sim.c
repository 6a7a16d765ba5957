/* test_sim.c -- the stepper factory every verb opens what it runs on with
 * (model/run/sim.c): a model for any valid parameters, the RTL only for a
 * configuration built (else bad input naming what is built), and closing
 * what is open, or nothing. */
#include "tb.h"
#include "run.h"
#include <string.h>

/* A model opens for the parameters given, steps an idle cycle, and closes. */
static void test_sim_model_opens_steps_and_closes(void **state)
{
    (void)state;
    fo_params p;
    fo_params_default(&p);
    p.nports = 8, p.ngroups = 1024;
    fo_sim sim;
    fo_sim_opts o;
    fo_sim_opts_default(&o);
    o.checks = 1;
    fo_error err = { "" };
    assert_int_equal(fo_sim_open(&sim, FO_SIM_MODEL, &p, &o, &err), FO_OK);
    assert_non_null(sim.model);
    assert_null(sim.rtl);
    assert_string_equal(sim.s.name, "model");
    fo_inputs in;
    fo_outputs out;
    memset(&in, 0, sizeof in);
    assert_int_equal(sim.s.step(sim.s.obj, &in, &out), FO_OK);
    assert_int_equal(out.nev, 0);
    assert_true(out.idle);
    fo_sim_close(&sim);
    assert_null(sim.s.obj);
    assert_null(sim.model);
}

/* Parameters a model cannot take are bad input, and nothing is left open. */
static void test_sim_bad_params_leave_nothing_open(void **state)
{
    (void)state;
    fo_params p;
    fo_params_default(&p);
    p.nports = 3;
    fo_sim sim;
    fo_error err = { "" };
    assert_int_equal(fo_sim_open(&sim, FO_SIM_MODEL, &p, NULL, &err), FO_EINPUT);
    assert_true(err.msg[0]);
    assert_null(sim.s.obj);
    fo_sim_close(&sim);                     /* a zeroed sim is fine */
}

/* The RTL of a configuration not built: bad input, naming what is built
 * (or that no RTL is built at all). */
static void test_sim_rtl_unbuilt_config_is_bad_input(void **state)
{
    (void)state;
    fo_params p;
    fo_params_default(&p);
    p.nports = 5, p.ngroups = 1024, p.slots = 3, p.lookups = 1;   /* never a built configuration */
    fo_sim sim;
    fo_error err = { "" };
    assert_int_equal(fo_sim_open(&sim, FO_SIM_RTL, &p, NULL, &err), FO_EINPUT);
    assert_null(sim.s.obj);
    assert_null(sim.rtl);
    assert_true(strstr(err.msg, "built") != NULL);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_sim_model_opens_steps_and_closes),
    cmocka_unit_test(test_sim_bad_params_leave_nothing_open),
    cmocka_unit_test(test_sim_rtl_unbuilt_config_is_bad_input),
};

TB_MAIN("sim", tests)
