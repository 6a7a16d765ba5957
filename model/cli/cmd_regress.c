/* cmd_regress.c -- `fanout regress`: every golden vector in a folder through
 * the model and through co-simulation, and with --reseed fresh seeds of every
 * scenario at every built configuration, in parallel, summed up; sharding,
 * JUnit XML (regress_junit.c), coverage (regress_cov.c), and a reproduction
 * command for every failure.  One run: regress_run.c. */
#define _POSIX_C_SOURCE 200809L
#include "verbs.h"
#include "args.h"
#include "run.h"
#include "gen.h"
#include "regress.h"
#include "fanout_rtl.h"
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char USAGE[] =
    "usage: fanout regress [DIR] [-j N] [--model-only | --rtl-only] [--junit F]\n"
    "                      [--shard I/N] [--waves-on-fail WDIR [--waves-format fst|vcd]]\n"
    "                      [--filter TEXT] [--list]\n"
    "                      [--reseed N [--seed S] [--keep-dir KDIR]] [--coverage [--coverage-dir CDIR]]\n"
    "       fanout regress --coverage-merge CDIR... [--coverage-dir OUT]\n"
    "  Runs every golden vector (NAME.stim[.gz] beside NAME.trace[.gz]) under DIR\n"
    "  (default: vectors), recursively: the C model against the golden trace, and\n"
    "  the RTL in lock-step with the model against it (co-simulation).\n"
    "  -j N              N runs at once (default: the number of CPUs)\n"
    "  --model-only      only the model against the golden traces\n"
    "  --rtl-only        only co-simulation\n"
    "  --junit F         write JUnit XML (one testcase per run; the Jenkins xUnit schema)\n"
    "  --shard I/N       run only shard I of N (1 <= I <= N): run k (vectors in name order,\n"
    "                    then the reseeded runs) belongs to shard (k mod N) + 1, so N\n"
    "                    machines run each exactly once\n"
    "  --waves-on-fail WDIR  rerun each failing vector (model or co-simulation) in\n"
    "                    co-simulation with a waveform window that ends at its first\n"
    "                    mismatch: WDIR/NAME.fst and the GTKWave view WDIR/NAME.gtkw\n"
    "  --waves-format F  fst or vcd; default fst when every configuration built has\n"
    "                    an FST model (fanout rtl --help says), vcd otherwise\n"
    "  --filter TEXT     only runs whose name contains TEXT\n"
    "  --list            list the selected runs and exit\n"
    "  --reseed N        besides the vectors, N fresh seeds of every scenario (fanout gen\n"
    "                    --help) at every built RTL configuration: co-simulation with the\n"
    "                    model's invariant checks on, no golden trace (--model-only: the\n"
    "                    model and its checks); runs are named reseed/CONFIG/SCENARIO-sSEED\n"
    "  --seed S          the first seed (default: from the clock, printed); seeds S..S+N-1\n"
    "  --keep-dir KDIR   a failing seed is kept there as a vector, KDIR/CONFIG/SCENARIO-sSEED\n"
    "                    .stim.gz, .trace.gz (the model's) and .repro (default: reseed-failures)\n"
    "  --coverage        line, branch, toggle and functional coverage of the RTL and\n"
    "                    functional coverage of the model, in a coverage build (tests/coverage.sh\n"
    "                    builds one, once): merged into CDIR (--coverage-dir, default: coverage):\n"
    "                    merged.dat, coverage.info, html/ (genhtml), uncovered.txt, fcov.txt,\n"
    "                    fcov-runs.txt, summary.txt\n"
    "  --coverage-merge CDIR...  merge the coverage folders of shards into OUT (--coverage-dir)\n"
    "  Exit 0 when every run passes, 1 when any fails, 2 on bad usage.\n";

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && !strcmp(s + n - k, suf);
}

static char *trace_for(const char *stim)
{
    size_t n = strlen(stim), base = n - (ends_with(stim, ".gz") ? 8 : 5);
    char *t = malloc(base + 10);
    if (!t)
        return NULL;
    struct stat sb;
    memcpy(t, stim, base);
    strcpy(t + base, ".trace.gz");
    if (!stat(t, &sb))
        return t;
    strcpy(t + base, ".trace");
    if (!stat(t, &sb))
        return t;
    free(t);
    return NULL;
}

static int collect(const char *dir, const char *filter, vecs *out)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "%s: cannot open: %s\n", dir, strerror(errno));
        return -1;
    }
    struct dirent *de;
    int rc = 0;
    while (!rc && (de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        size_t n = strlen(dir) + strlen(de->d_name) + 2;
        char *path = malloc(n);
        if (!path) { rc = -1; break; }
        snprintf(path, n, "%s/%s", dir, de->d_name);
        struct stat sb;
        if (!stat(path, &sb) && S_ISDIR(sb.st_mode)) {
            rc = collect(path, filter, out);
            free(path);
            continue;
        }
        if (!(ends_with(path, ".stim") || ends_with(path, ".stim.gz")) ||
            (filter && !strstr(path, filter))) {
            free(path);
            continue;
        }
        if (fo_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v)) {
            free(path);
            rc = -1;
            break;
        }
        vector *v = &out->v[out->n++];
        memset(v, 0, sizeof *v);
        v->stim = path;
        v->trace = trace_for(path);
        size_t base = strlen(path) - (ends_with(path, ".gz") ? 8 : 5);
        v->name = strndup(path, base);
    }
    closedir(d);
    return rc;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const vector *)a)->name, ((const vector *)b)->name);
}

/* ---- the parallel loop ---------------------------------------------------- */

typedef struct slot { pid_t pid; int fd; size_t idx; } slot;

static int read_all(int fd, void *buf, size_t n)
{
    char *p = buf;
    while (n) {
        ssize_t k = read(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k, n -= (size_t)k;
    }
    return 0;
}

static void report_line(const vector *v, const result *r, size_t done, size_t n)
{
    printf("[%zu/%zu] %-4s %-40s %10llu cycles %8.2f s%s%s\n", done, n,
           r->status == 0 ? "PASS" : r->status == 1 ? "FAIL" : "ERR", v->name,
           (unsigned long long)r->cycles, r->seconds, r->status ? "  " : "", r->status ? r->msg : "");
    fflush(stdout);
}

/* CPU seconds (user + system) of this process so far. */
static double cpu_self(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru))
        return 0;
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
}

/* The runs' CPU seconds, summed (what `regress` and `bench` print). */
static double cpu_total(const result *res, size_t n)
{
    double cpu = 0;
    for (size_t i = 0; i < n; i++)
        cpu += res[i].cpu;
    return cpu;
}

/* How run_all reports each finished run: a line each (a log), one progress
 * line rewritten in place (a terminal), or nothing (fanout bench). */
enum { SHOW_LINES, SHOW_TTY, SHOW_NONE };

static void run_all(const vecs *vs, result *res, unsigned jobs, const regress_opts *ro, int show)
{
    slot *sl = calloc(jobs, sizeof *sl);
    size_t next = 0, done = 0, fails = 0;
    unsigned busy = 0;
    double t0 = fo_now();
    while (done < vs->n) {
        while (busy < jobs && next < vs->n) {
            int fds[2];
            if (pipe(fds)) { perror("pipe"); exit(2); }
            fflush(stdout);
            fflush(stderr);
            pid_t pid = fork();
            if (pid == 0) {
                close(fds[0]);
                result r;
                char cov[4096];
                if (ro->cdir)
                    snprintf(cov, sizeof cov, "%s/vec-%05zu.dat", ro->cdir, next);
                fo_regress_run(&vs->v[next], ro, ro->cdir ? cov : NULL, &r);
                r.cpu = cpu_self();     /* the child's own: it starts at the fork */
                ssize_t w = write(fds[1], &r, sizeof r);
                _exit(w == (ssize_t)sizeof r ? 0 : 3);
            }
            close(fds[1]);
            for (unsigned j = 0; j < jobs; j++)
                if (!sl[j].pid) { sl[j] = (slot){ pid, fds[0], next }; break; }
            busy++, next++;
        }
        int status;
        pid_t pid = wait(&status);
        if (pid < 0)
            break;
        for (unsigned j = 0; j < jobs; j++) {
            if (sl[j].pid != pid)
                continue;
            result *r = &res[sl[j].idx];
            if (read_all(sl[j].fd, r, sizeof *r)) {
                memset(r, 0, sizeof *r);
                r->status = 1;
                snprintf(r->msg, sizeof r->msg, "the run crashed (%s %d)",
                         WIFSIGNALED(status) ? "signal" : "exit", WIFSIGNALED(status) ? WTERMSIG(status)
                                                                                : WEXITSTATUS(status));
            }
            close(sl[j].fd);
            done++, busy--;
            fails += r->status != 0;
            if (show == SHOW_TTY) {
                double el = fo_now() - t0, eta = done ? el / (double)done * (double)(vs->n - done) : 0;
                if (r->status)
                    printf("\r\033[KFAIL %s: %s\n", vs->v[sl[j].idx].name, r->msg);
                printf("\r\033[Kregress: %zu/%zu vectors, %zu failed, %.0f s elapsed, ~%.0f s left",
                       done, vs->n, fails, el, eta);
                fflush(stdout);
            } else if (show == SHOW_LINES) {
                report_line(&vs->v[sl[j].idx], r, done, vs->n);
            }
            sl[j].pid = 0;
        }
    }
    if (show == SHOW_TTY)
        printf("\n");
    free(sl);
}

/* ---- reseeding -------------------------------------------------------- */

/* The built RTL configurations ("nports=32 ngroups=65536 slots=16
 * sram_latency=2; ..."); without the RTL, the two of the golden vectors. */
static size_t built_configs(fo_params *out, size_t max)
{
    size_t n;
    if (!fo_rtl_built()) {
        fo_params_default(&out[0]);
        out[1] = out[0];
        out[1].nports = 8, out[1].ngroups = 1024;
        return 2;
    }
    n = fo_rtl_config_list(out, max);
    if (n > max)
        n = max;
    return n;
}

/* N seeds of every scenario at every configuration, appended to vs in a
 * fixed order (configuration, scenario, seed), filtered like vectors. */
static int add_reseeds(vecs *vs, const regress_opts *ro, const char *filter)
{
    fo_params cfg[16];
    size_t ncfg = built_configs(cfg, 16);
    for (size_t c = 0; c < ncfg; c++) {
        char cname[64];
        fo_regress_cfg_name(&cfg[c], cname, sizeof cname);
        for (size_t s = 0; fo_gen_scenarios[s]; s++) {
            for (uint64_t k = 0; k < ro->reseed; k++) {
                char name[256];
                snprintf(name, sizeof name, "reseed/%s/%s-s%llu", cname, fo_gen_scenarios[s],
                         (unsigned long long)(ro->seed_base + k));
                if (filter && !strstr(name, filter))
                    continue;
                if (fo_grow((void **)&vs->v, &vs->cap, vs->n + 1, sizeof *vs->v))
                    return -1;
                vector *v = &vs->v[vs->n];
                memset(v, 0, sizeof *v);
                if (!(v->name = strdup(name)))
                    return -1;
                v->scenario = fo_gen_scenarios[s];
                v->seed = ro->seed_base + k;
                v->params = cfg[c];
                vs->n++;
            }
        }
    }
    return 0;
}

/* ---- the command ------------------------------------------------------- */

static void free_vecs(vecs *vs)
{
    for (size_t i = 0; i < vs->n; i++)
        free(vs->v[i].stim), free(vs->v[i].trace), free(vs->v[i].name);
    free(vs->v);
}

/* The table, the failures with their reproduce commands, and the closing
 * line: errors (a bad vector, an unbuilt configuration) count as failed and
 * are named apart. */
static size_t summary(vecs *vs, result *res, const regress_opts *ro, double total)
{
    size_t pass = 0, fail = 0, errs = 0;
    printf("\n%-44s %10s %9s %9s  %-6s %8s\n", "run", "cycles", "packets", "copies", "result", "seconds");
    for (size_t i = 0; i < vs->n; i++) {
        const result *r = &res[i];
        printf("%-44s %10llu %9llu %9llu  %-6s %8.2f\n", vs->v[i].name, (unsigned long long)r->cycles,
               (unsigned long long)r->packets, (unsigned long long)r->copies,
               r->status == 0 ? "pass" : r->status == 1 ? "FAIL" : "ERROR", r->seconds);
        r->status ? fail++ : pass++;
        errs += r->status == 2;
    }
    if (fail) {
        printf("\nfailures (reproduce each with the command below it):\n");
        for (size_t i = 0; i < vs->n; i++) {
            result *r = &res[i];
            vector *v = &vs->v[i];
            if (!r->status)
                continue;
            if (r->kept[0] && !v->stim) {        /* a kept reseed: now a vector on disk */
                size_t k = strlen(r->kept) + 12;
                v->stim = malloc(k), v->trace = malloc(k);
                if (v->stim && v->trace) {
                    snprintf(v->stim, k, "%s.stim.gz", r->kept);
                    snprintf(v->trace, k, "%s.trace.gz", r->kept);
                }
            }
            printf("%s [%s%s]: %s\n  ", v->name, r->status == 2 ? "error, " : "", r->phase[0] ? r->phase : "input",
                   r->msg);
            fo_regress_repro(stdout, v, r, ro);
            printf("\n");
            if (r->kept[0])
                printf("  kept as a vector: %s.stim.gz, .trace.gz, .repro\n", r->kept);
            if (ro->wdir)
                fo_regress_waves(v, r, ro);
        }
    }
    printf("\nregress: %.1f s wall clock, %.1f CPU s (the runs' user + system)\n", total, cpu_total(res, vs->n));
    if (ro->reseed)
        printf("regress: reseeded from seed %llu (repeat: --reseed %llu --seed %llu)\n",
               (unsigned long long)ro->seed_base, (unsigned long long)ro->reseed,
               (unsigned long long)ro->seed_base);
    printf("%zu passed, %zu failed", pass, fail);
    if (errs) {
        printf(" (%zu of them error%s, not a mismatch:", errs, errs > 1 ? "s" : "");
        for (size_t i = 0; i < vs->n; i++)
            if (res[i].status == 2)
                printf(" %s", vs->v[i].name);
        printf(")");
    }
    printf("\n");
    return fail;
}

static int mkdir_or_exists(const char *d)
{
    if (mkdir(d, 0777) && errno != EEXIST) {
        fprintf(stderr, "fanout regress: %s: cannot create: %s\n", d, strerror(errno));
        return -1;
    }
    return 0;
}

int fo_cmd_regress(int argc, char **argv)
{
    fo_args a;
    fo_args_init(&a, argc, argv, "regress", USAGE);
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    uint64_t jobs = ncpu > 0 ? (uint64_t)ncpu : 1, si = 0, sn = 0, seed = 0;
    int list = 0, coverage = 0, merge = 0, have_seed = 0;
    const char *junit = NULL, *filter = NULL, *o;
    regress_opts ro = { .model = 1, .rtl = 1, .keep = "reseed-failures",
                        .fmt = fo_rtl_fst_all() ? "fst" : "vcd" };
    const char *cdir = "coverage";
    while ((o = fo_args_next(&a))) {
        if (!strcmp(o, "-j")) { if (fo_args_u64(&a, o, 256, &jobs)) return 2; }
        else if (!strcmp(o, "--model-only")) ro.rtl = 0;
        else if (!strcmp(o, "--rtl-only")) ro.model = 0;
        else if (!strcmp(o, "--junit")) junit = fo_args_value(&a, o);
        else if (!strcmp(o, "--waves-on-fail")) ro.wdir = fo_args_value(&a, o);
        else if (!strcmp(o, "--waves-format")) {
            const char *f = fo_args_value(&a, o);
            if (f && strcmp(f, "fst") && strcmp(f, "vcd"))
                return fo_usage_error(&a, "--waves-format: '%s' is not fst or vcd", f);
            if (f)
                ro.fmt = !strcmp(f, "fst") ? "fst" : "vcd";
        }
        else if (!strcmp(o, "--filter")) filter = fo_args_value(&a, o);
        else if (!strcmp(o, "--list")) list = 1;
        else if (!strcmp(o, "--coverage")) coverage = 1;
        else if (!strcmp(o, "--coverage-dir")) cdir = fo_args_value(&a, o);
        else if (!strcmp(o, "--coverage-merge")) merge = 1;
        else if (!strcmp(o, "--reseed")) { if (fo_args_u64(&a, o, 100000, &ro.reseed)) return 2; }
        else if (!strcmp(o, "--seed")) { if (fo_args_u64(&a, o, UINT64_MAX / 2, &seed)) return 2; have_seed = 1; }
        else if (!strcmp(o, "--keep-dir")) ro.keep = fo_args_value(&a, o);
        else if (!strcmp(o, "--shard")) {
            const char *s = fo_args_value(&a, o);
            unsigned long long i, n;
            char c;
            if (!s || sscanf(s, "%llu/%llu%c", &i, &n, &c) != 2 || n == 0 || i < 1 || i > n)
                return fo_usage_error(&a, "--shard wants I/N with 1 <= I <= N");
            si = i, sn = n, ro.shard = s;
        }
        else return fo_usage_error(&a, "unknown option '%s'", o);
        if (a.bad) return 2;
    }
    if (a.bad) return 2;
    if (merge) {
        if (!a.npos)
            return fo_usage_error(&a, "--coverage-merge wants the coverage folders of the shards");
        return fo_regress_cov_merge(cdir, a.pos, (int)a.npos);
    }
    if (!ro.model && !ro.rtl)
        return fo_usage_error(&a, "--model-only and --rtl-only exclude each other");
    if (have_seed && !ro.reseed)
        return fo_usage_error(&a, "--seed goes with --reseed N");
    if (jobs == 0)
        jobs = 1;
    if (a.npos > 1)
        return fo_usage_error(&a, "one folder, please");
    ro.dir = a.npos ? a.pos[0] : "vectors";
    ro.seed_base = have_seed ? seed : (uint64_t)time(NULL);
    if (coverage && !ro.rtl)
        return fo_usage_error(&a, "--coverage measures the RTL: not with --model-only");
    if (coverage && !fo_rtl_coverage_built()) {
        fprintf(stderr, "fanout regress: --coverage: this fanout is not a coverage build; "
                        "tests/coverage.sh builds one (build-cov/fanout) and runs it\n");
        return 2;
    }
    if (ro.rtl && !fo_rtl_built()) {
        fprintf(stderr, "fanout regress: this fanout has no RTL built in; use --model-only\n");
        return 2;
    }
    vecs all = { 0 };
    if (collect(ro.dir, filter, &all))
        return 2;
    if (all.n)                          /* no vectors: all.v is NULL, which qsort must not get */
        qsort(all.v, all.n, sizeof *all.v, by_name);
    if (!all.n && !ro.reseed) {
        fprintf(stderr, "fanout regress: no vectors (NAME.stim[.gz] with NAME.trace[.gz]) under %s\n", ro.dir);
        return 2;
    }
    if (ro.reseed && add_reseeds(&all, &ro, filter)) {
        fprintf(stderr, "fanout regress: out of memory\n");
        free_vecs(&all);
        return 2;
    }
    vecs vs = all;
    if (sn) {                          /* keep runs k with k mod N == I-1 */
        size_t k = 0;
        for (size_t i = 0; i < all.n; i++) {
            if (i % sn == si - 1)
                vs.v[k++] = all.v[i];
            else
                free(all.v[i].stim), free(all.v[i].trace), free(all.v[i].name);
        }
        vs.n = k;
    }
    if (vs.n == 0) {
        fprintf(stderr, "fanout regress: no runs selected under %s%s\n", ro.dir, sn ? " in this shard" : "");
        free_vecs(&vs);
        return 2;
    }
    if (list) {
        for (size_t i = 0; i < vs.n; i++)
            printf("%s\n", vs.v[i].name);
        free_vecs(&vs);
        return 0;
    }
    if ((coverage && mkdir_or_exists(cdir)) || (ro.wdir && mkdir_or_exists(ro.wdir))) {
        free_vecs(&vs);
        return 2;
    }
    ro.cdir = coverage ? cdir : NULL;
    int tty = isatty(1);
    printf("regress: %zu runs under %s%s, %s, %llu at once\n", vs.n, ro.dir, sn ? " (this shard)" : "",
           ro.model && ro.rtl ? "model and co-simulation" : ro.model ? "model only" : "co-simulation only",
           (unsigned long long)jobs);
    if (ro.reseed)
        printf("regress: reseed: %llu seeds from %llu (--seed %llu repeats them) of every scenario at every "
               "configuration, failures kept in %s\n", (unsigned long long)ro.reseed,
               (unsigned long long)ro.seed_base, (unsigned long long)ro.seed_base, ro.keep);
    result *res = calloc(vs.n, sizeof *res);
    if (!res) {
        free_vecs(&vs);
        return 2;
    }
    double t0 = fo_now();
    run_all(&vs, res, (unsigned)jobs, &ro, tty ? SHOW_TTY : SHOW_LINES);
    double total = fo_now() - t0;
    int rc = summary(&vs, res, &ro, total) ? 1 : 0;
    if (coverage && fo_regress_cov_report(cdir, &vs, res))
        rc = rc ? rc : 2;
    if (junit && fo_regress_junit(junit, &vs, res, &ro, total))
        rc = 2;
    free_vecs(&vs);
    free(res);
    return rc;
}

int fo_regress_all(const char *dir, unsigned jobs, vecs *vs, result **res, double *wall, double *cpu)
{
    regress_opts ro = { .model = 1, .rtl = 1, .dir = dir, .keep = "reseed-failures", .fmt = "vcd" };
    memset(vs, 0, sizeof *vs);
    *res = NULL;
    if (collect(dir, NULL, vs))
        return 2;
    if (!vs->n) {
        fprintf(stderr, "fanout: no vectors (NAME.stim[.gz] with NAME.trace[.gz]) under %s\n", dir);
        return 2;
    }
    qsort(vs->v, vs->n, sizeof *vs->v, by_name);
    if (!(*res = calloc(vs->n, sizeof **res))) {
        free_vecs(vs);
        fprintf(stderr, "fanout: out of memory\n");
        return 2;
    }
    double t0 = fo_now();
    run_all(vs, *res, jobs ? jobs : 1, &ro, SHOW_NONE);
    *wall = fo_now() - t0;
    *cpu = cpu_total(*res, vs->n);
    return 0;
}

void fo_regress_free(vecs *vs, result *res)
{
    free_vecs(vs);
    free(res);
}
