/* fanout_main.c -- the `fanout` command: one program, one verb per job. */
#include "verbs.h"
#include "fanout.h"
#include "args.h"
#include "fanout_rtl.h"
#include "fanout_cc.h"
#include <stdio.h>
#include <string.h>

#ifndef FANOUT_VERSION
#define FANOUT_VERSION "unknown"
#endif

static const struct verb {
    const char *name;
    int (*fn)(int, char **);
    const char *what;
} verbs[] = {
    { "gen",     fo_cmd_gen,     "write a stimulus for a scenario" },
    { "model",   fo_cmd_model,   "run the C model, write its trace" },
    { "rtl",     fo_cmd_rtl,     "run the Verilated RTL alone, write its trace" },
    { "cosim",   fo_cmd_cosim,   "run the model and the RTL in lock-step" },
    { "diff",    fo_cmd_diff,    "compare two traces, name the first difference" },
    { "stats",   fo_cmd_stats,   "load, latency, drops and setup latency of a run" },
    { "regress", fo_cmd_regress, "run every golden vector in a folder, sum up" },
    { "bench",   fo_cmd_bench,   "measure the headline figures (SPEC 8) against their targets" },
};

int fo_exit_code(int rc)
{
    switch (rc) {
    case FO_OK:        return 0;
    case FO_EMISMATCH:
    case FO_EHANG:     return 1;
    default:           return 2;
    }
}

static int usage(FILE *f)
{
    fprintf(f, "usage: fanout VERB [options]   (fanout VERB --help for each)\n\n"
               "The cycle model of the fanout multicast switch: C reference model, Verilated RTL,\n"
               "co-simulation and golden-vector regression.\n\nverbs:\n");
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
        fprintf(f, "  %-8s %s\n", verbs[i].name, verbs[i].what);
    fprintf(f, "\nexit status: 0 success, 1 mismatch or failed check, 2 bad input or usage\n"
               "fanout --version: the version; the formats: docs/formats.md\n");
    return f == stdout ? 0 : 2;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage(stderr);
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))
        return usage(stdout);
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        printf("fanout %s\nC: %s\nRTL: %s\n", FANOUT_VERSION, FO_CC_NAME, fo_rtl_build_info());
        return 0;
    }
    const char *names[sizeof verbs / sizeof *verbs];
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++) {
        if (!strcmp(argv[1], verbs[i].name))
            return verbs[i].fn(argc - 2, argv + 2);
        names[i] = verbs[i].name;
    }
    const char *near = fo_nearest(argv[1], names, sizeof verbs / sizeof *verbs);
    if (near) {
        fprintf(stderr, "fanout: unknown verb '%s'; did you mean '%s'? (fanout --help lists the verbs)\n",
                argv[1], near);
        return 2;
    }
    fprintf(stderr, "fanout: unknown verb '%s'\n", argv[1]);
    return usage(stderr);
}
