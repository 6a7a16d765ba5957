/* regress.h -- the parts of `fanout regress`, one job per file:
 *   cmd_regress.c    options, the list of runs, shards, the parallel loop, the summary
 *   regress_run.c    one run in a child: a golden vector, or a reseeded scenario
 *   regress_junit.c  the JUnit XML (Jenkins xUnit schema, tests/junit/junit-10.xsd)
 *   regress_cov.c    code and functional coverage: merge, report, shard merge
 *   regress_waves.c  reproduce commands, --waves-on-fail */
#ifndef FO_REGRESS_H
#define FO_REGRESS_H

#include "fanout.h"
#include "fcov.h"
#include <stdio.h>

/* One run: a golden vector (scenario NULL: stim and trace are files), or a
 * reseeded scenario (generated in the run; stim and trace are set only when
 * a failure is kept). */
typedef struct vector {
    char       *stim, *trace, *name;
    const char *scenario;       /* reseed: fo_gen_scenarios[i] */
    uint64_t    seed;           /* reseed: the seed */
    fo_params   params;         /* reseed: the configuration */
} vector;

typedef struct vecs { vector *v; size_t n, cap; } vecs;

typedef struct result {
    int      status;            /* 0 pass, 1 fail, 2 error (bad vector or configuration) */
    char     phase[8];          /* "model" or "cosim": where it failed */
    uint64_t cycles, packets, copies, mismatch_cycle;
    unsigned nports;            /* the stimulus's */
    double   seconds;           /* wall clock of the run */
    double   cpu;               /* CPU seconds of its process (user + system) */
    char     msg[512];
    char     kept[512];         /* reseed failure: the kept vector, without .stim.gz */
    uint64_t fcov[FO_FCOV_NPOINTS];  /* functional coverage counted in the model */
} result;

/* What every run of one regress shares. */
typedef struct regress_opts {
    int         model, rtl;     /* the model against the golden trace; co-simulation */
    const char *cdir;           /* coverage folder, or NULL */
    const char *keep;           /* reseed: where a failing seed's vector is kept */
    const char *wdir;           /* --waves-on-fail folder, or NULL */
    const char *fmt;            /* --waves-format: "fst" or "vcd" */
    const char *dir;            /* the vectors' folder */
    uint64_t    seed_base;      /* reseed: the first seed */
    uint64_t    reseed;         /* reseed: seeds per scenario and configuration (0: none) */
    const char *shard;          /* "I/N" or NULL */
} regress_opts;

/* regress_run.c: run v (in a child process) into r; cov: this run's RTL
 * coverage file, or NULL. */
void fo_regress_run(const vector *v, const regress_opts *ro, const char *cov, result *r);
/* The configuration's short name, "p8_g1024_s64_l2". */
void fo_regress_cfg_name(const fo_params *p, char *buf, size_t n);

/* regress_waves.c: the command that reproduces a failed run (absolute
 * paths); the waveform path of a run (WDIR/NAME.EXT); --waves-on-fail: the
 * waveform and GTKWave view of a failed golden vector, by co-simulation. */
void fo_regress_repro(FILE *f, const vector *v, const result *r, const regress_opts *ro);
void fo_regress_wave_path(const vector *v, const char *wdir, const char *ext, char *buf, size_t n);
void fo_regress_waves(const vector *v, const result *r, const regress_opts *ro);

/* cmd_regress.c: every golden vector under dir through the model and
 * co-simulation, jobs at a time, printing nothing (fanout bench's regression
 * figure): *vs sorted by name, *res one per vector (free with
 * fo_regress_free), *wall the wall-clock seconds of the whole, *cpu the sum of
 * the runs' CPU seconds.  0, or 2 with a message on stderr (no vector). */
int  fo_regress_all(const char *dir, unsigned jobs, vecs *vs, result **res, double *wall, double *cpu);
void fo_regress_free(vecs *vs, result *res);

/* regress_junit.c */
int  fo_regress_junit(const char *path, const vecs *vs, const result *res, const regress_opts *ro,
                      double total);

/* regress_cov.c: merge the runs' coverage in cdir (vec-*.dat), report it
 * with the functional coverage; fo_regress_cov_merge: the same over the
 * coverage folders of several shards, into out. */
int  fo_regress_cov_report(const char *cdir, const vecs *vs, const result *res);
int  fo_regress_cov_merge(const char *out, char **dirs, int ndirs);

#endif
