/* sim.c -- the stepper factory (run.h): one place that opens what a verb
 * runs a stimulus on, the C model or the Verilated RTL, for a stimulus's
 * parameters. */
#include "run.h"
#include <string.h>

void fo_sim_opts_default(fo_sim_opts *o)
{
    memset(o, 0, sizeof *o);
    fo_rtl_opts_default(&o->rtl);
}

int fo_sim_open(fo_sim *sim, int kind, const fo_params *p, const fo_sim_opts *o, fo_error *err)
{
    fo_sim_opts d;
    if (!o) {
        fo_sim_opts_default(&d);
        o = &d;
    }
    memset(sim, 0, sizeof *sim);
    int rc;
    if (kind == FO_SIM_RTL) {
        rc = fo_rtl_create(p, &o->rtl, &sim->rtl, err);
        if (!rc)
            fo_rtl_stepper(sim->rtl, &sim->s);
    } else {
        rc = fo_model_create(p, &sim->model, err);
        if (!rc && o->checks)
            fo_model_set_checks(sim->model, 1);
        if (!rc && o->coverage)
            fo_model_set_coverage(sim->model, 1);
        if (!rc)
            fo_model_stepper(sim->model, &sim->s);
    }
    if (rc)
        memset(sim, 0, sizeof *sim);
    return rc;
}

void fo_sim_close(fo_sim *sim)
{
    if (sim->s.obj)
        sim->s.destroy(sim->s.obj);     /* the model's or the RTL's own destroy */
    memset(sim, 0, sizeof *sim);
}
