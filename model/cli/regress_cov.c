/* regress_cov.c -- coverage of `fanout regress --coverage` (a tree built with
 * FANOUT_RTL_COVERAGE=ON, tests/coverage.sh): each run's Verilator coverage
 * (line, branch, toggle, and rtl/fanout_fcov.v's cover properties) merged
 * with verilator_coverage, an lcov file and genhtml's HTML, the RTL lines no
 * run reaches, and functional coverage counted both in the RTL and in the
 * model (fcov.c).  Shards merge with `fanout regress --coverage-merge`.
 *
 * Files in the coverage folder: merged.dat (Verilator), coverage.info (lcov),
 * html/, uncovered.txt, fcov-model.txt (the model's counts, summed over
 * runs), fcov-runs.txt (per run: the points it reaches), fcov.txt (the
 * table), summary.txt (one line per figure: KIND PERCENT HIT TOTAL). */
#define _POSIX_C_SOURCE 200809L
#include "regress.h"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The value of key `key` in a coverage.dat item (keys and values are
 * separated by \001 and \002). */
static int cov_field(const char *item, const char *key, char *val, size_t n)
{
    char pat[32];
    snprintf(pat, sizeof pat, "\001%s\002", key);
    const char *p = strstr(item, pat);
    if (!p)
        return -1;
    p += strlen(pat);
    size_t k = strcspn(p, "\001'");
    if (k >= n)
        k = n - 1;
    memcpy(val, p, k);
    val[k] = 0;
    return 0;
}

/* One coverage point, keyed without the model it came from: the same RTL
 * line in two configurations is one point, reached if either reaches it
 * (a line can be unreachable in one configuration: a group id >= NGROUPS
 * cannot occur with 65,536 groups). */
typedef struct covpt {
    char *key;              /* type \t file \t line \t hier \t comment */
    unsigned long count;
} covpt;

typedef struct covset { covpt *pt; size_t n, cap; } covset;

static int covpt_cmp(const void *a, const void *b)
{
    return strcmp(((const covpt *)a)->key, ((const covpt *)b)->key);
}

static void covset_free(covset *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->pt[i].key);
    free(s->pt);
}

/* Read a coverage.dat; user points (fanout_fcov.v) are keyed by name only. */
static int read_dat(const char *path, covset *s)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "fanout regress: %s: cannot read\n", path);
        return -1;
    }
    char *line = NULL;
    size_t lcap = 0;
    int rc = 0;
    while (!rc && getline(&line, &lcap, f) > 0) {
        char page[128] = "", file[1024] = "", lno[16] = "", comment[256] = "", hier[512] = "";
        if (line[0] != 'C' || cov_field(line, "page", page, sizeof page))
            continue;
        cov_field(line, "f", file, sizeof file);
        cov_field(line, "l", lno, sizeof lno);
        cov_field(line, "o", comment, sizeof comment);
        cov_field(line, "h", hier, sizeof hier);
        const char *q = strrchr(line, '\'');
        const char *type = strncmp(page, "v_", 2) ? page : page + 2;    /* "line/parser..." */
        const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
        int user = !strncmp(type, "user", 4);
        if (fo_grow((void **)&s->pt, &s->cap, s->n + 1, sizeof *s->pt)) {
            rc = -1;
            break;
        }
        size_t k = strlen(type) + strlen(base) + strlen(lno) + strlen(hier) + strlen(comment) + 8;
        s->pt[s->n].key = malloc(k);
        if (!s->pt[s->n].key) { rc = -1; break; }
        if (user)
            snprintf(s->pt[s->n].key, k, "user\t\t\t\t%s", comment);
        else
            snprintf(s->pt[s->n].key, k, "%.*s\t%s\t%s\t%s\t%s", (int)strcspn(type, "/"), type, base, lno,
                     hier, comment);
        s->pt[s->n].count = q ? strtoul(q + 1, NULL, 10) : 0;
        s->n++;
    }
    free(line);
    fclose(f);
    if (s->n)                           /* no points: pt may be NULL, which qsort must not get */
        qsort(s->pt, s->n, sizeof *s->pt, covpt_cmp);
    return rc;
}

/* The RTL's count of each functional point in s; -1 where the build has no such point. */
static void rtl_fcov(const covset *s, long long *n)
{
    for (unsigned i = 0; i < FO_FCOV_NPOINTS; i++)
        n[i] = -1;
    for (size_t i = 0; i < s->n; i++) {
        if (strncmp(s->pt[i].key, "user\t", 5))
            continue;
        int k = fo_fcov_find(strrchr(s->pt[i].key, '\t') + 1);
        if (k >= 0)
            n[k] = (n[k] < 0 ? 0 : n[k]) + (long long)s->pt[i].count;
    }
}

/* fcov-model.txt: "runs N", "nports N" (the largest), then "NAME COUNT". */
static int write_model_fcov(const char *cdir, size_t runs, unsigned nports, const uint64_t *n)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/fcov-model.txt", cdir);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fprintf(f, "runs %zu\nnports %u\n", runs, nports);
    for (unsigned i = 0; i < FO_FCOV_NPOINTS; i++)
        fprintf(f, "%s %llu\n", fo_fcov_name(i), (unsigned long long)n[i]);
    return fclose(f);
}

static int read_model_fcov(const char *cdir, size_t *runs, unsigned *nports, uint64_t *n)
{
    char path[4200], name[64];
    unsigned long long v;
    snprintf(path, sizeof path, "%s/fcov-model.txt", cdir);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "fanout regress: %s: cannot read\n", path);
        return -1;
    }
    while (fscanf(f, "%63s %llu", name, &v) == 2) {
        int k = fo_fcov_find(name);
        if (!strcmp(name, "runs"))
            *runs += (size_t)v;
        else if (!strcmp(name, "nports") && v > *nports)
            *nports = (unsigned)v;
        else if (k >= 0)
            n[k] += v;
    }
    fclose(f);
    return 0;
}

/* The functional coverage table: stdout and fcov.txt. */
static void report_fcov(const char *cdir, size_t runs, unsigned nports, const uint64_t *model,
                        const long long *rtl, FILE *sum)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/fcov.txt", cdir);
    FILE *f = fopen(path, "w");
    FILE *outs[2] = { stdout, f };
    unsigned mh = 0, mt = 0, rh = 0, rt = 0;
    for (unsigned i = 0; i < FO_FCOV_NPOINTS; i++) {
        if (!fo_fcov_exists(i, nports))
            continue;
        mt++, mh += model[i] > 0;
        rt++, rh += rtl[i] > 0;
    }
    for (int o = 0; o < 2; o++) {
        FILE *w = outs[o];
        if (!w)
            continue;
        fprintf(w, "\nfunctional coverage over %zu runs (model: drops, ops and fan-out in packets, the "
                   "rest in cycles; RTL: rtl/fanout_fcov.v, cycles):\n  %-26s %12s %12s\n", runs, "point", "model", "rtl");
        for (unsigned i = 0; i < FO_FCOV_NPOINTS; i++) {
            if (!fo_fcov_exists(i, nports))
                continue;
            char m[32], r[32];
            snprintf(m, sizeof m, "%llu", (unsigned long long)model[i]);
            if (rtl[i] >= 0)
                snprintf(r, sizeof r, "%lld", rtl[i]);
            else
                snprintf(r, sizeof r, "(not built)");
            fprintf(w, "  %-26s %12s %12s\n", fo_fcov_name(i), m, r);
        }
        fprintf(w, "  reached: model %u of %u, RTL %u of %u\n", mh, mt, rh, rt);
        fputs("  not reached by any run, model:", w);
        for (unsigned i = 0; i < FO_FCOV_NPOINTS; i++)
            if (fo_fcov_exists(i, nports) && !model[i])
                fprintf(w, " %s", fo_fcov_name(i));
        fputs("\n  not reached by any run, RTL:", w);
        for (unsigned i = 0; i < FO_FCOV_NPOINTS; i++)
            if (fo_fcov_exists(i, nports) && rtl[i] <= 0)
                fprintf(w, " %s", fo_fcov_name(i));
        fputs("\n", w);
    }
    if (f)
        fclose(f);
    fprintf(sum, "fcov_model %.2f %u %u\nfcov_rtl %.2f %u %u\n", mt ? 100.0 * mh / mt : 0.0, mh, mt,
            rt ? 100.0 * rh / rt : 0.0, rh, rt);
}

/* Sum up merged.dat by kind, list the RTL lines no run reaches, lcov + HTML,
 * and the functional coverage. */
static int summarize(const char *cdir, size_t runs, unsigned nports, const uint64_t *model)
{
    char cmd[8192], path[4200];
    snprintf(cmd, sizeof cmd, "verilator_coverage --write-info '%s/coverage.info' '%s/merged.dat'", cdir, cdir);
    if (system(cmd) != 0) {
        fprintf(stderr, "fanout regress: writing the lcov file failed: %s\n", cmd);
        return -1;
    }
    covset s = { 0 };
    snprintf(path, sizeof path, "%s/merged.dat", cdir);
    if (read_dat(path, &s)) {
        covset_free(&s);
        return -1;
    }
    snprintf(path, sizeof path, "%s/uncovered.txt", cdir);
    FILE *u = fopen(path, "w");
    struct { char type[24]; unsigned long hit, total; } t[8];
    int nt = 0;
    unsigned long nunc = 0;
    char last[2048] = "";
    for (size_t i = 0; i < s.n; i++) {
        unsigned long c = s.pt[i].count;
        while (i + 1 < s.n && !strcmp(s.pt[i + 1].key, s.pt[i].key))
            c += s.pt[++i].count;                 /* the same point in another model */
        char *key = s.pt[i].key, *f1 = strchr(key, '\t');
        char type[24];
        snprintf(type, sizeof type, "%.*s", (int)(f1 - key), key);
        if (!strcmp(type, "user"))
            continue;                             /* functional: reported apart */
        int k = 0;
        while (k < nt && strcmp(t[k].type, type))
            k++;
        if (k == nt && nt < 8) {
            snprintf(t[nt].type, sizeof t[nt].type, "%s", type);
            t[nt].hit = t[nt].total = 0;
            nt++;
        }
        if (k < nt)
            t[k].total++, t[k].hit += c > 0;
        if (c == 0 && strcmp(type, "toggle") && u) {
            /* file:line once per line and kind, whatever the instance */
            char *f2 = strchr(f1 + 1, '\t'), *f3 = strchr(f2 + 1, '\t'), *f4 = strchr(f3 + 1, '\t');
            char here[2048];
            snprintf(here, sizeof here, "rtl/%.*s:%.*s: %s (%s)", (int)(f2 - f1 - 1), f1 + 1,
                     (int)(f3 - f2 - 1), f2 + 1, f4 + 1, type);
            if (strcmp(here, last)) {
                fprintf(u, "%s\n", here);
                nunc++;
                snprintf(last, sizeof last, "%s", here);
            }
        }
    }
    if (u)
        fclose(u);
    long long rtl[FO_FCOV_NPOINTS];
    rtl_fcov(&s, rtl);
    covset_free(&s);
    snprintf(path, sizeof path, "%s/summary.txt", cdir);
    FILE *sum = fopen(path, "w");
    if (!sum) {
        fprintf(stderr, "fanout regress: %s: cannot write\n", path);
        return -1;
    }
    printf("\ncoverage of the RTL over %zu runs (%s/merged.dat; a point in several "
           "configurations counts once, reached if any reaches it):\n", runs, cdir);
    for (int k = 0; k < nt; k++) {
        double pc = t[k].total ? 100.0 * (double)t[k].hit / (double)t[k].total : 0.0;
        printf("  %-8s %6.2f%%  (%lu of %lu points)\n", t[k].type, pc, t[k].hit, t[k].total);
        fprintf(sum, "%s %.2f %lu %lu\n", t[k].type, pc, t[k].hit, t[k].total);
    }
    printf("  RTL lines (line and branch points) no run reaches: %lu, listed in %s/uncovered.txt\n", nunc, cdir);
    report_fcov(cdir, runs, nports, model, rtl, sum);
    fprintf(sum, "runs %zu\n", runs);
    if (fclose(sum))
        return -1;
    snprintf(cmd, sizeof cmd, "genhtml -q -o '%s/html' '%s/coverage.info' >/dev/null 2>&1", cdir, cdir);
    if (system(cmd) != 0) {
        fprintf(stderr, "fanout regress: genhtml failed (lcov installed? tests/install-deps.sh): %s\n", cmd);
        return -1;
    }
    printf("  HTML: %s/html/index.html; figures: %s/summary.txt\n", cdir, cdir);
    return 0;
}

/* The points one run's coverage file reaches (fcov-runs.txt). */
static void run_points(FILE *f, const char *dat, const vector *v, const result *r)
{
    fprintf(f, "%s\tmodel:", v->name);
    for (unsigned i = 0; i < FO_FCOV_NPOINTS; i++)
        if (r->fcov[i])
            fprintf(f, " %s", fo_fcov_name(i));
    fputs("\trtl:", f);
    covset s = { 0 };
    if (!read_dat(dat, &s)) {
        long long n[FO_FCOV_NPOINTS];
        rtl_fcov(&s, n);
        for (unsigned i = 0; i < FO_FCOV_NPOINTS; i++)
            if (n[i] > 0)
                fprintf(f, " %s", fo_fcov_name(i));
    }
    covset_free(&s);
    fputc('\n', f);
}

int fo_regress_cov_report(const char *cdir, const vecs *vs, const result *res)
{
    char cmd[8192], path[4200];
    uint64_t model[FO_FCOV_NPOINTS] = { 0 };
    unsigned nports = 0;
    snprintf(path, sizeof path, "%s/fcov-runs.txt", cdir);
    FILE *f = fopen(path, "w");
    for (size_t i = 0; i < vs->n; i++) {
        char dat[4200];
        snprintf(dat, sizeof dat, "%s/vec-%05zu.dat", cdir, i);
        if (f)
            run_points(f, dat, &vs->v[i], &res[i]);
        for (unsigned k = 0; k < FO_FCOV_NPOINTS; k++)
            model[k] += res[i].fcov[k];
    }
    if (f)
        fclose(f);
    for (size_t i = 0; i < vs->n; i++)       /* the largest: its fan-out buckets exist */
        nports = res[i].nports > nports ? res[i].nports : nports;
    snprintf(cmd, sizeof cmd, "verilator_coverage --write '%s/merged.dat' '%s'/vec-*.dat && rm -f '%s'/vec-*.dat",
             cdir, cdir, cdir);
    if (system(cmd) != 0) {
        fprintf(stderr, "fanout regress: merging coverage failed: %s\n", cmd);
        return -1;
    }
    if (write_model_fcov(cdir, vs->n, nports, model))
        return -1;
    return summarize(cdir, vs->n, nports, model);
}

int fo_regress_cov_merge(const char *out, char **dirs, int ndirs)
{
    if (mkdir(out, 0777) && errno != EEXIST) {
        fprintf(stderr, "fanout regress: %s: cannot create: %s\n", out, strerror(errno));
        return 2;
    }
    size_t len = 256, runs = 0;
    for (int i = 0; i < ndirs; i++)
        len += strlen(dirs[i]) + 16;
    char *cmd = malloc(len + strlen(out));
    if (!cmd)
        return 2;
    int k = sprintf(cmd, "verilator_coverage --write '%s/merged.dat'", out);
    uint64_t model[FO_FCOV_NPOINTS] = { 0 };
    unsigned nports = 0;
    char path[4200];
    snprintf(path, sizeof path, "%s/fcov-runs.txt", out);
    FILE *runsf = fopen(path, "w");
    for (int i = 0; i < ndirs; i++) {
        k += sprintf(cmd + k, " '%s/merged.dat'", dirs[i]);
        if (read_model_fcov(dirs[i], &runs, &nports, model)) {
            free(cmd);
            if (runsf)
                fclose(runsf);
            return 2;
        }
        snprintf(path, sizeof path, "%s/fcov-runs.txt", dirs[i]);
        FILE *r = fopen(path, "r");
        int c;
        while (r && runsf && (c = fgetc(r)) != EOF)
            fputc(c, runsf);
        if (r)
            fclose(r);
    }
    if (runsf)
        fclose(runsf);
    int rc = system(cmd);
    if (rc != 0) {
        fprintf(stderr, "fanout regress: merging coverage failed: %s\n", cmd);
        free(cmd);
        return 2;
    }
    free(cmd);
    if (write_model_fcov(out, runs, nports, model))
        return 2;
    printf("regress: coverage of %d shards (%zu runs) merged into %s\n", ndirs, runs, out);
    return summarize(out, runs, nports, model) ? 2 : 0;
}
