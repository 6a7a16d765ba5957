/* regress_waves.c -- what `fanout regress` prints and writes for a failure:
 * the one command that reproduces it (absolute paths, so that it runs as
 * printed from any folder), and with --waves-on-fail its waveform and
 * GTKWave view, made by co-simulation whichever side failed. */
#define _POSIX_C_SOURCE 200809L
#include "regress.h"
#include "verbs.h"
#include "waves.h"
#include "fanout_rtl.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* An absolute path, so that a printed command runs from any folder. */
static void abs_path(const char *p, char *buf, size_t n)
{
    char cwd[PATH_MAX];
    int k = -1;
    if (p[0] != '/' && getcwd(cwd, sizeof cwd))
        k = snprintf(buf, n, "%s/%s", cwd, strncmp(p, "./", 2) ? p : p + 2);
    if (k < 0 || (size_t)k >= n)               /* absolute already, or too long: as given */
        snprintf(buf, n, "%s", p);
}

/* This fanout, by its absolute path. */
static void self_path(char *buf, size_t n)
{
    ssize_t k = readlink("/proc/self/exe", buf, n - 1);
    if (k <= 0)
        snprintf(buf, n, "fanout");
    else
        buf[k] = 0;
}

void fo_regress_wave_path(const vector *v, const char *wdir, const char *ext, char *buf, size_t n)
{
    const char *base = strrchr(v->name, '/') ? strrchr(v->name, '/') + 1 : v->name;
    char d[PATH_MAX];
    abs_path(wdir ? wdir : ".", d, sizeof d);
    snprintf(buf, n, "%s/%s.%s", d, base, ext);
}

void fo_regress_repro(FILE *f, const vector *v, const result *r, const regress_opts *ro)
{
    char exe[PATH_MAX], stim[PATH_MAX], trace[PATH_MAX], wave[PATH_MAX + 64];
    const char *base = strrchr(v->name, '/') ? strrchr(v->name, '/') + 1 : v->name;
    self_path(exe, sizeof exe);
    if (v->scenario && !r->kept[0]) {           /* a reseed that could not be kept */
        fprintf(f, "%s gen %s --seed %llu --ports %u --groups %u -o %s.stim.gz && %s cosim %s.stim.gz --check",
                exe, v->scenario, (unsigned long long)v->seed, v->params.nports, v->params.ngroups, base,
                exe, base);
        return;
    }
    abs_path(v->stim ? v->stim : "(missing stimulus)", stim, sizeof stim);
    abs_path(v->trace ? v->trace : "(missing trace)", trace, sizeof trace);
    if (!fo_rtl_built()) {
        fprintf(f, "%s model %s --gold %s%s", exe, stim, trace, v->scenario ? " --check" : "");
        return;
    }
    fo_regress_wave_path(v, ro->wdir, ro->fmt, wave, sizeof wave);
    fprintf(f, "%s cosim %s --gold %s%s --%s %s", exe, stim, trace, v->scenario ? " --check" : "", ro->fmt,
            wave);
}

/* Co-simulation of a failing run with its waveform, in a child (an RTL
 * assertion ends the process that runs it, not regress), stderr to FILE
 * err: its exit status. */
static int cosim_waves(const vector *v, const char *fmt, const char *wave, const char *err)
{
    fo_cosim_req req = { v->stim, v->trace, NULL, wave, !strcmp(fmt, "fst"), v->scenario != NULL, 1 };
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen(err, "w", stderr))
            _exit(2);
        _exit(fo_cosim(&req));
    }
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
        return 2;
    return WEXITSTATUS(status);
}

void fo_regress_waves(const vector *v, const result *r, const regress_opts *ro)
{
    char wave[PATH_MAX + 64], save[PATH_MAX + 80], err[PATH_MAX + 64];
    if (r->status != 1 || !v->stim || !v->trace)
        return;
    if (!fo_rtl_built()) {
        printf("  no waveform: this fanout has no RTL built in\n");
        return;
    }
    fo_regress_wave_path(v, ro->wdir, "err", err, sizeof err);
    fo_regress_wave_path(v, ro->wdir, ro->fmt, wave, sizeof wave);
    int rc = cosim_waves(v, ro->fmt, wave, err);
    if (rc == 2 && !strcmp(ro->fmt, "fst")) {   /* no FST model of this configuration */
        fo_regress_wave_path(v, ro->wdir, "vcd", wave, sizeof wave);
        rc = cosim_waves(v, "vcd", wave, err);
    }
    fo_wave_savefile(wave, save, sizeof save);
    if (rc == 1 && !access(save, R_OK)) {
        printf("  waveform: %s; view it: gtkwave %s %s\n", wave, wave, save);
        unlink(err);
        return;
    }
    printf("  no waveform (co-simulation %s, messages in %s)\n",
           rc == 0 ? "passed: the failure is not in the model or the RTL" : "could not run", err);
}
