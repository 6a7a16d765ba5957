/* cmd_gen.c -- `fanout gen`: write a stimulus for a named scenario. */
#include "verbs.h"
#include "args.h"
#include "gen.h"
#include "fanout_io.h"
#include "fanout_rtl.h"
#include <stdio.h>
#include <string.h>

static void usage_text(char *buf, size_t n)
{
    size_t k = (size_t)snprintf(buf, n,
        "usage: fanout gen SCENARIO [--seed N] [--ports N] [--groups N] [--size N]\n"
        "                  [--slots N] [--sram-latency N] [--lookups N] -o FILE\n"
        "  Writes a stimulus (gzip when FILE ends in .gz; '-' for stdout).\n"
        "  --seed N      PRNG seed (default 1): the same options give the same file\n"
        "  --ports N     nports, 4..64 (default 32);  --groups N  ngroups, 1024..65536 (default 65536;\n"
        "                with --ports alone: the table size of a built RTL configuration\n"
        "                with N ports, so that `fanout rtl` and `cosim` run it)\n"
        "  --size N      scale: packets or tokens (0: the scenario's default)\n"
        "  --slots N, --sram-latency N, --lookups N   other parameters, written as param lines\n"
        "scenarios:\n");
    for (int i = 0; fo_gen_scenarios[i] && k < n; i++)
        k += (size_t)snprintf(buf + k, n - k, "  %-13s %s\n", fo_gen_scenarios[i],
                              fo_gen_describe(fo_gen_scenarios[i]));
}

/* --ports N without --groups: the table size (and, unless given, the slots
 * and latency) of a built RTL configuration with N ports; none built: the
 * default size, and a line that says what was written and what cannot run it. */
static void pick_table(fo_gen_opts *g, int slots, int lat, int lookups)
{
    fo_params cfg[64];
    size_t n = fo_rtl_config_list(cfg, 64);
    for (size_t i = 0; i < n && i < 64; i++) {
        const fo_params *c = &cfg[i];
        if (c->nports != g->nports || (slots && c->slots != g->extra.slots) ||
            (lat && c->sram_latency != g->extra.sram_latency) || (lookups && c->lookups != g->extra.lookups))
            continue;
        g->ngroups = c->ngroups;
        g->extra.slots = c->slots;
        g->extra.sram_latency = c->sram_latency;
        g->extra.lookups = c->lookups;
        return;
    }
    char built[2048];
    fo_rtl_configs(built, sizeof built);
    fprintf(stderr, "fanout gen: wrote nports=%u ngroups=%u: no RTL configuration built has %u ports "
            "(built: %s); `fanout model` runs it, `fanout rtl` and `cosim` need -DFANOUT_RTL_CONFIGS\n",
            g->nports, g->ngroups, g->nports, fo_rtl_built() ? built : "none");
}

int fo_cmd_gen(int argc, char **argv)
{
    char usage[4096];
    usage_text(usage, sizeof usage);
    fo_args a;
    fo_args_init(&a, argc, argv, "gen", usage);
    fo_gen_opts g;
    memset(&g, 0, sizeof g);
    g.seed = 1;
    g.nports = FO_DEFAULT_NPORTS;
    g.ngroups = FO_DEFAULT_NGROUPS;
    fo_params_default(&g.extra);
    const char *out = NULL, *o;
    uint64_t v;
    int ports = 0, groups = 0, slots = 0, lat = 0, lookups = 0;     /* given on the command line */
    while ((o = fo_args_next(&a))) {
        if (!strcmp(o, "-o")) out = fo_args_value(&a, o);
        else if (!strcmp(o, "--seed")) { if (fo_args_u64(&a, o, UINT64_MAX, &g.seed)) return 2; }
        else if (!strcmp(o, "--ports")) { if (fo_args_param(&a, o, "nports", &g.nports)) return 2; ports = 1; }
        else if (!strcmp(o, "--groups")) { if (fo_args_param(&a, o, "ngroups", &g.ngroups)) return 2; groups = 1; }
        else if (!strcmp(o, "--size")) { if (fo_args_u64(&a, o, 100000000, &v)) return 2; g.size = (unsigned)v; }
        else if (!strcmp(o, "--slots")) { if (fo_args_param(&a, o, "slots", &g.extra.slots)) return 2; slots = 1; }
        else if (!strcmp(o, "--sram-latency")) {
            if (fo_args_param(&a, o, "sram_latency", &g.extra.sram_latency)) return 2;
            lat = 1;
        }
        else if (!strcmp(o, "--lookups")) { if (fo_args_param(&a, o, "lookups", &g.extra.lookups)) return 2; lookups = 1; }
        else return fo_usage_error(&a, "unknown option '%s'", o);
        if (a.bad) return 2;
    }
    if (a.bad) return 2;
    if (a.npos != 1)
        return fo_usage_error(&a, "name one scenario");
    if (!out)
        return fo_usage_error(&a, "-o FILE is required");
    if (ports && !groups)
        pick_table(&g, slots, lat, lookups);
    fo_error err = { "" };
    g.extra.nports = g.nports;
    g.extra.ngroups = g.ngroups;
    if (fo_params_check(&g.extra, &err))
        return fo_usage_error(&a, "%s", err.msg);
    if (!fo_gen_describe(a.pos[0]))
        return fo_usage_error(&a, "unknown scenario '%s'", a.pos[0]);

    /* Written under a temporary name, renamed when complete. */
    fo_wfile *w;
    int rc = fo_wfile_open(out, &w, &err);
    if (!rc) {
        rc = fo_gen_write(a.pos[0], &g, fo_wfile_gz(w), &err);
        if (rc)
            fo_wfile_abort(w);
        else
            rc = fo_wfile_commit(w, &err);
    }
    if (rc) {
        fprintf(stderr, "%s\n", err.msg);
        return fo_exit_code(rc);
    }
    return 0;
}
