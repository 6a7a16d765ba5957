/* cmd_regress.c -- `fanout regress`: every golden vector in a folder through
 * the model and through co-simulation, in parallel, summed up; JUnit XML for
 * CI, deterministic sharding, and a reproduction command for every failure. */
#define _POSIX_C_SOURCE 200809L
#include "verbs.h"
#include "args.h"
#include "run.h"
#include "fanout_rtl.h"
#include "waves.h"
#include <dirent.h>
#include <limits.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

static const char USAGE[] =
    "usage: fanout regress [DIR] [-j N] [--model-only | --rtl-only] [--junit F]\n"
    "                      [--shard I/N] [--waves-on-fail WDIR [--waves-format fst|vcd]]\n"
    "                      [--filter TEXT] [--list]\n"
    "                      [--coverage [--coverage-dir CDIR]]\n"
    "  Runs every golden vector (NAME.stim[.gz] beside NAME.trace[.gz]) under DIR\n"
    "  (default: vectors), recursively: the C model against the golden trace, and\n"
    "  the RTL in lock-step with the model against it (co-simulation).\n"
    "  -j N              N vectors at once (default: the number of CPUs)\n"
    "  --model-only      only the model against the golden traces\n"
    "  --rtl-only        only co-simulation\n"
    "  --junit F         write JUnit XML (one testcase per vector)\n"
    "  --shard I/N       run only shard I of N (1 <= I <= N): vector k (in name order)\n"
    "                    belongs to shard (k mod N) + 1, so N machines cover each once\n"
    "  --waves-on-fail WDIR  rerun each failing vector (model or co-simulation) in\n"
    "                    co-simulation with a waveform window that ends at its first\n"
    "                    mismatch: WDIR/NAME.fst and the GTKWave view WDIR/NAME.gtkw\n"
    "  --waves-format F  fst or vcd; default fst when every configuration built has\n"
    "                    an FST model (fanout rtl --help says), vcd otherwise\n"
    "  --filter TEXT     only vectors whose path contains TEXT\n"
    "  --list            list the selected vectors and exit\n"
    "  --coverage        line and toggle coverage of the RTL over the vectors: builds\n"
    "                    a coverage tree (BUILD-cov) if this fanout is not one, runs the\n"
    "                    vectors there, merges with verilator_coverage into CDIR\n"
    "                    (--coverage-dir, default: coverage): merged.dat, coverage.info,\n"
    "                    uncovered.txt (the RTL lines no vector reaches), html/ (genhtml)\n"
    "  Exit 0 when every vector passes, 1 when any fails, 2 on bad usage.\n";

typedef struct vector {
    char *stim, *trace, *name;
} vector;

typedef struct result {
    int      status;          /* 0 pass, 1 fail, 2 error (bad vector) */
    char     phase[8];        /* "model" or "cosim": where it failed */
    uint64_t cycles, packets, copies, mismatch_cycle;
    double   seconds;
    char     msg[512];
} result;

typedef struct vecs { vector *v; size_t n, cap; } vecs;

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
        if (out->n == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 64;
            vector *v = realloc(out->v, cap * sizeof *v);
            if (!v) { free(path); rc = -1; break; }
            out->v = v, out->cap = cap;
        }
        vector *v = &out->v[out->n++];
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

/* ---- one vector (in a child process) ------------------------------------ */

static void run_vector(const vector *v, int model, int rtl, const char *cov, result *r)
{
    memset(r, 0, sizeof *r);
    double t0 = fo_now();
    fo_error err = { "" };
    fo_stim *st = NULL;
    int rc = FO_OK;
    if (!v->trace) {
        snprintf(r->msg, sizeof r->msg, "%s: no golden trace beside it", v->stim);
        r->status = 2;
        return;
    }
    rc = fo_stim_load(v->stim, &st, &err);
    fo_run_opts o;
    fo_run_opts_default(&o);
    o.gold = v->trace;
    fo_run_result res = { 0 };
    if (!rc && model) {
        strcpy(r->phase, "model");
        fo_model *m;
        fo_stepper s;
        rc = fo_model_create(&st->params, &m, &err);
        if (!rc) {
            fo_model_stepper(m, &s);
            rc = fo_run(st, &s, NULL, &o, &res, &err);
            fo_model_destroy(m);
        }
    }
    if (!rc && rtl) {
        strcpy(r->phase, "cosim");
        fo_model *m = NULL;
        fo_rtl *rt = NULL;
        fo_stepper dut, ref;
        fo_rtl_opts ro;
        fo_rtl_opts_default(&ro);
        rc = fo_rtl_create(&st->params, &ro, &rt, &err);
        if (!rc)
            rc = fo_model_create(&st->params, &m, &err);
        if (!rc) {
            fo_rtl_stepper(rt, &dut);
            fo_model_stepper(m, &ref);
            rc = fo_run(st, &dut, &ref, &o, &res, &err);
        }
        if (rt && cov) {
            fo_error e2;
            if (fo_rtl_write_coverage(rt, cov, &e2) && !rc) {
                err = e2;
                rc = FO_EIO;
            }
        }
        fo_model_destroy(m);
        if (rt)
            fo_rtl_destroy(rt);
    }
    fo_stim_free(st);
    r->status = rc == FO_OK ? 0 : (rc == FO_EMISMATCH || rc == FO_EHANG) ? 1 : 2;
    r->cycles = res.cycles;
    r->packets = res.packets;
    r->copies = res.copies;
    r->mismatch_cycle = res.mismatch_cycle;
    r->seconds = fo_now() - t0;
    if (rc)
        snprintf(r->msg, sizeof r->msg, "%s", err.msg);
}

/* ---- reporting ---------------------------------------------------------- */

/* ---- waveforms of failures (--waves-on-fail, --waves-format) ------------- */

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

/* The waveform of vector v: WDIR/NAME.EXT (WDIR "." without --waves-on-fail). */
static void wave_path(const vector *v, const char *wdir, const char *ext, char *buf, size_t n)
{
    const char *base = strrchr(v->name, '/') ? strrchr(v->name, '/') + 1 : v->name;
    char d[PATH_MAX];
    abs_path(wdir ? wdir : ".", d, sizeof d);
    snprintf(buf, n, "%s/%s.%s", d, base, ext);
}

/* The one command that reproduces a failure and dumps its waveform, with
 * absolute paths; the model alone where no RTL is built. */
static void repro(FILE *f, const vector *v, const char *wdir, const char *fmt)
{
    char exe[PATH_MAX], stim[PATH_MAX], trace[PATH_MAX], wave[PATH_MAX + 64];
    self_path(exe, sizeof exe);
    abs_path(v->stim, stim, sizeof stim);
    abs_path(v->trace ? v->trace : "(missing trace)", trace, sizeof trace);
    if (!fo_rtl_built()) {
        fprintf(f, "%s model %s --gold %s", exe, stim, trace);
        return;
    }
    wave_path(v, wdir, fmt, wave, sizeof wave);
    fprintf(f, "%s cosim %s --gold %s --%s %s", exe, stim, trace, fmt, wave);
}

static void xml_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default:
            if ((unsigned char)*s >= 0x20 || *s == '\n')
                fputc(*s, f);
        }
    }
}

/* The seed of a generated vector, from its "# ... seed N" comment. */
static void vector_seed(const char *stim, char *buf, size_t n)
{
    snprintf(buf, n, "unknown");
    gzFile f = gzopen(stim, "rb");
    char line[512];
    for (int i = 0; f && i < 40 && gzgets(f, line, sizeof line); i++) {
        char *s = strstr(line, "seed ");
        if (line[0] == '#' && s) {
            snprintf(buf, n, "%.*s", (int)strcspn(s + 5, " \r\n"), s + 5);
            break;
        }
    }
    if (f)
        gzclose(f);
}

static int write_junit(const char *path, const vecs *vs, const result *res, const char *wdir,
                       const char *fmt, double total)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        fprintf(stderr, "%s: cannot write: %s\n", path, strerror(errno));
        return -1;
    }
    size_t fails = 0, errors = 0;
    for (size_t i = 0; i < vs->n; i++)
        fails += res[i].status == 1, errors += res[i].status == 2;
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
               "<testsuite name=\"fanout-regress\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
               "time=\"%.3f\">\n", vs->n, fails, errors, total);
    for (size_t i = 0; i < vs->n; i++) {
        const vector *v = &vs->v[i];
        const result *r = &res[i];
        char seed[64];
        vector_seed(v->stim, seed, sizeof seed);
        const char *slash = strrchr(v->name, '/');
        fprintf(f, "  <testcase classname=\"");
        if (slash) { fprintf(f, "%.*s", (int)(slash - v->name), v->name); }
        else fputs("vectors", f);
        fprintf(f, "\" name=\"%s\" time=\"%.3f\">\n", slash ? slash + 1 : v->name, r->seconds);
        fprintf(f, "    <properties>\n      <property name=\"stimulus\" value=\"");
        xml_text(f, v->stim);
        fprintf(f, "\"/>\n      <property name=\"seed\" value=\"%s\"/>\n"
                   "      <property name=\"cycles\" value=\"%llu\"/>\n", seed, (unsigned long long)r->cycles);
        if (r->status) {
            char cmd[2048];
            FILE *m = fmemopen(cmd, sizeof cmd, "w");
            if (m) { repro(m, v, wdir, fmt); fclose(m); } else cmd[0] = 0;
            fprintf(f, "      <property name=\"repro\" value=\"");
            xml_text(f, cmd);
            fprintf(f, "\"/>\n");
        }
        fprintf(f, "    </properties>\n");
        if (r->status) {
            fprintf(f, "    <%s message=\"", r->status == 1 ? "failure" : "error");
            xml_text(f, r->msg);
            fprintf(f, "\" type=\"%s\">", r->phase[0] ? r->phase : "input");
            xml_text(f, r->msg);
            fprintf(f, "\nreproduce: ");
            char cmd[2048];
            FILE *m = fmemopen(cmd, sizeof cmd, "w");
            if (m) { repro(m, v, wdir, fmt); fclose(m); xml_text(f, cmd); }
            fprintf(f, "</%s>\n", r->status == 1 ? "failure" : "error");
            if (wdir && r->status == 1) {
                char wave[PATH_MAX + 64];
                wave_path(v, wdir, fmt, wave, sizeof wave);
                fprintf(f, "    <system-out>[[ATTACHMENT|");
                xml_text(f, wave);
                fprintf(f, "]]</system-out>\n");
            }
        }
        fprintf(f, "  </testcase>\n");
    }
    fprintf(f, "</testsuite>\n</testsuites>\n");
    if (fclose(f) || rename(tmp, path)) {
        fprintf(stderr, "%s: write failed\n", path);
        unlink(tmp);
        return -1;
    }
    return 0;
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

static void run_all(const vecs *vs, result *res, unsigned jobs, int model, int rtl, const char *cdir,
                    int tty)
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
                if (cdir)
                    snprintf(cov, sizeof cov, "%s/vec-%05zu.dat", cdir, next);
                run_vector(&vs->v[next], model, rtl, cdir ? cov : NULL, &r);
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
            if (tty) {
                double el = fo_now() - t0, eta = done ? el / (double)done * (double)(vs->n - done) : 0;
                if (r->status)
                    printf("\r\033[KFAIL %s: %s\n", vs->v[sl[j].idx].name, r->msg);
                printf("\r\033[Kregress: %zu/%zu vectors, %zu failed, %.0f s elapsed, ~%.0f s left",
                       done, vs->n, fails, el, eta);
                fflush(stdout);
            } else {
                report_line(&vs->v[sl[j].idx], r, done, vs->n);
            }
            sl[j].pid = 0;
        }
    }
    if (tty)
        printf("\n");
    free(sl);
}

/* `fanout cosim` on a failing vector in a child (stderr to FILE err): its exit status. */
static int cosim_waves(const vector *v, const char *fmt, const char *wave, const char *err)
{
    char opt[8];
    snprintf(opt, sizeof opt, "--%s", fmt);
    char *argv[] = { v->stim, "--gold", v->trace, opt, (char *)wave, "--quiet", NULL };
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen(err, "w", stderr))
            _exit(2);
        _exit(fo_cmd_cosim(6, argv));
    }
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
        return 2;
    return WEXITSTATUS(status);
}

/* --waves-on-fail: the waveform and its GTKWave view of a failing vector,
 * whichever side failed, by co-simulation (FST, or VCD where no FST model of
 * its configuration is built). */
static void waves(const vector *v, const result *r, const char *wdir, const char *fmt)
{
    char wave[PATH_MAX + 64], save[PATH_MAX + 80], err[PATH_MAX + 64];
    if (r->status != 1 || !v->trace)
        return;
    if (!fo_rtl_built()) {
        printf("  no waveform: this fanout has no RTL built in\n");
        return;
    }
    wave_path(v, wdir, "err", err, sizeof err);
    wave_path(v, wdir, fmt, wave, sizeof wave);
    int rc = cosim_waves(v, fmt, wave, err);
    if (rc == 2 && !strcmp(fmt, "fst")) {         /* no FST model of this configuration */
        wave_path(v, wdir, "vcd", wave, sizeof wave);
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

/* ---- coverage ------------------------------------------------------------ */

/* This fanout has no coverage: build the tree BUILD-cov with it (once) and
 * run the same regress there. */
static int coverage_rebuild(int argc, char **argv)
{
    char dir[2048], cmd[8192], exe[2100];
    snprintf(dir, sizeof dir, "%s-cov", FANOUT_BINARY_DIR);
    snprintf(exe, sizeof exe, "%s/fanout", dir);
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    snprintf(cmd, sizeof cmd, "cmake -S '%s' -B '%s' -DCMAKE_BUILD_TYPE=Release -DFANOUT_RTL_COVERAGE=ON "
             ">/dev/null && cmake --build '%s' -j%ld --target fanout >/dev/null",
             FANOUT_SOURCE_DIR, dir, dir, ncpu > 0 ? ncpu : 1);
    printf("regress: building the RTL with coverage in %s (once; a few minutes)\n", dir);
    fflush(stdout);
    if (system(cmd) != 0) {
        fprintf(stderr, "fanout regress: the coverage build in %s failed: %s\n", dir, cmd);
        return 2;
    }
    char **nargv = calloc((size_t)argc + 3, sizeof *nargv);
    if (!nargv)
        return 2;
    nargv[0] = exe;
    nargv[1] = "regress";
    for (int i = 0; i < argc; i++)
        nargv[i + 2] = argv[i];
    execv(exe, nargv);
    fprintf(stderr, "fanout regress: cannot run %s: %s\n", exe, strerror(errno));
    free(nargv);
    return 2;
}

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

static int covpt_cmp(const void *a, const void *b)
{
    return strcmp(((const covpt *)a)->key, ((const covpt *)b)->key);
}

/* Merge the per-vector coverage, sum it up by type (line, toggle, ...),
 * list the RTL lines that no vector reaches. */
static int coverage_report(const char *cdir, size_t nvec)
{
    char cmd[8192], path[4200];
    snprintf(cmd, sizeof cmd, "verilator_coverage --write '%s/merged.dat' '%s'/vec-*.dat && "
             "verilator_coverage --write-info '%s/coverage.info' '%s/merged.dat' && "
             "rm -f '%s'/vec-*.dat", cdir, cdir, cdir, cdir, cdir);
    if (system(cmd) != 0) {
        fprintf(stderr, "fanout regress: merging coverage failed: %s\n", cmd);
        return -1;
    }
    snprintf(path, sizeof path, "%s/merged.dat", cdir);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: cannot read\n", path);
        return -1;
    }
    covpt *pt = NULL;
    size_t n = 0, cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    while (getline(&line, &lcap, f) > 0) {
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
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            covpt *np = realloc(pt, cap * sizeof *np);
            if (!np)
                break;
            pt = np;
        }
        size_t k = strlen(type) + strlen(base) + strlen(lno) + strlen(hier) + strlen(comment) + 8;
        pt[n].key = malloc(k);
        if (!pt[n].key)
            break;
        snprintf(pt[n].key, k, "%.*s\t%s\t%s\t%s\t%s", (int)strcspn(type, "/"), type, base, lno, hier, comment);
        pt[n].count = q ? strtoul(q + 1, NULL, 10) : 0;
        n++;
    }
    free(line);
    fclose(f);
    if (n)                              /* no points: pt may be NULL, which qsort must not get */
        qsort(pt, n, sizeof *pt, covpt_cmp);
    snprintf(path, sizeof path, "%s/uncovered.txt", cdir);
    FILE *u = fopen(path, "w");
    struct { char type[24]; unsigned long hit, total; } t[8];
    int nt = 0;
    unsigned long nunc = 0;
    char last[2048] = "";
    for (size_t i = 0; i < n; i++) {
        unsigned long c = pt[i].count;
        while (i + 1 < n && !strcmp(pt[i + 1].key, pt[i].key))
            c += pt[++i].count;                   /* the same point in another model */
        char *key = pt[i].key, *f1 = strchr(key, '\t');
        char type[24];
        snprintf(type, sizeof type, "%.*s", (int)(f1 - key), key);
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
    for (size_t i = 0; i < n; i++)
        free(pt[i].key);
    free(pt);
    if (u)
        fclose(u);
    printf("\ncoverage of the RTL over %zu vectors (%s/merged.dat; a point in several "
           "configurations counts once, reached if any reaches it):\n", nvec, cdir);
    for (int k = 0; k < nt; k++)
        printf("  %-8s %6.2f%%  (%lu of %lu points)\n", t[k].type,
               t[k].total ? 100.0 * (double)t[k].hit / (double)t[k].total : 0.0, t[k].hit, t[k].total);
    printf("  RTL lines (line and branch points) no vector reaches: %lu, listed in %s/uncovered.txt\n",
           nunc, cdir);
    if (system("command -v genhtml >/dev/null 2>&1") == 0) {
        snprintf(cmd, sizeof cmd, "genhtml -q -o '%s/html' '%s/coverage.info' >/dev/null 2>&1", cdir, cdir);
        if (system(cmd) == 0)
            printf("  HTML: %s/html/index.html\n", cdir);
    } else {
        printf("  (install lcov for an HTML page: genhtml %s/coverage.info)\n", cdir);
    }
    return 0;
}

int fo_cmd_regress(int argc, char **argv)
{
    fo_args a;
    fo_args_init(&a, argc, argv, "regress", USAGE);
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    uint64_t jobs = ncpu > 0 ? (uint64_t)ncpu : 1, si = 0, sn = 0;
    int model = 1, rtl = 1, list = 0, coverage = 0;
    const char *junit = NULL, *wdir = NULL, *filter = NULL, *cdir = "coverage", *o;
    const char *fmt = fo_rtl_fst_all() ? "fst" : "vcd";    /* --waves-format */
    while ((o = fo_args_next(&a))) {
        if (!strcmp(o, "-j")) { if (fo_args_u64(&a, o, 256, &jobs)) return 2; }
        else if (!strcmp(o, "--model-only")) rtl = 0;
        else if (!strcmp(o, "--rtl-only")) model = 0;
        else if (!strcmp(o, "--junit")) junit = fo_args_value(&a, o);
        else if (!strcmp(o, "--waves-on-fail")) wdir = fo_args_value(&a, o);
        else if (!strcmp(o, "--waves-format")) {
            const char *f = fo_args_value(&a, o);
            if (f && strcmp(f, "fst") && strcmp(f, "vcd"))
                return fo_usage_error(&a, "--waves-format: '%s' is not fst or vcd", f);
            if (f)
                fmt = !strcmp(f, "fst") ? "fst" : "vcd";
        }
        else if (!strcmp(o, "--filter")) filter = fo_args_value(&a, o);
        else if (!strcmp(o, "--list")) list = 1;
        else if (!strcmp(o, "--coverage")) coverage = 1;
        else if (!strcmp(o, "--coverage-dir")) cdir = fo_args_value(&a, o);
        else if (!strcmp(o, "--shard")) {
            const char *s = fo_args_value(&a, o);
            unsigned long long i, n;
            char c;
            if (!s || sscanf(s, "%llu/%llu%c", &i, &n, &c) != 2 || n == 0 || i < 1 || i > n)
                return fo_usage_error(&a, "--shard wants I/N with 1 <= I <= N");
            si = i, sn = n;
        }
        else return fo_usage_error(&a, "unknown option '%s'", o);
        if (a.bad) return 2;
    }
    if (a.bad) return 2;
    if (!model && !rtl)
        return fo_usage_error(&a, "--model-only and --rtl-only exclude each other");
    if (jobs == 0)
        jobs = 1;
    if (a.npos > 1)
        return fo_usage_error(&a, "one folder, please");
    const char *dir = a.npos ? a.pos[0] : "vectors";
    if (coverage && !rtl)
        return fo_usage_error(&a, "--coverage measures the RTL: not with --model-only");
    if (coverage && !fo_rtl_coverage_built())
        return coverage_rebuild(argc, argv);
    if (rtl && !fo_rtl_built()) {
        fprintf(stderr, "fanout regress: this fanout has no RTL built in; use --model-only\n");
        return 2;
    }
    vecs all = { 0 };
    if (collect(dir, filter, &all))
        return 2;
    if (all.n)                          /* no vectors: all.v is NULL, which qsort must not get */
        qsort(all.v, all.n, sizeof *all.v, by_name);
    vecs vs = { 0 };
    vs.v = all.v;
    if (sn) {                          /* keep vectors k with k mod N == I-1 */
        size_t k = 0;
        for (size_t i = 0; i < all.n; i++) {
            if (i % sn == si - 1)
                vs.v[k++] = all.v[i];
            else
                free(all.v[i].stim), free(all.v[i].trace), free(all.v[i].name);
        }
        vs.n = k;
    } else {
        vs.n = all.n;
    }
    if (vs.n == 0) {
        fprintf(stderr, "fanout regress: no vectors (NAME.stim[.gz] with NAME.trace[.gz]) under %s\n", dir);
        return 2;
    }
    if (list) {
        for (size_t i = 0; i < vs.n; i++)
            printf("%s\n", vs.v[i].name);
        return 0;
    }
    if (coverage && mkdir(cdir, 0777) && errno != EEXIST) {
        fprintf(stderr, "%s: cannot create: %s\n", cdir, strerror(errno));
        return 2;
    }
    if (wdir && mkdir(wdir, 0777) && errno != EEXIST) {
        fprintf(stderr, "%s: cannot create: %s\n", wdir, strerror(errno));
        return 2;
    }
    int tty = isatty(1);
    printf("regress: %zu vectors under %s%s, %s, %llu at once\n", vs.n, dir, sn ? " (this shard)" : "",
           model && rtl ? "model and co-simulation" : model ? "model only" : "co-simulation only",
           (unsigned long long)jobs);
    result *res = calloc(vs.n, sizeof *res);
    if (!res)
        return 2;
    double t0 = fo_now();
    run_all(&vs, res, (unsigned)jobs, model, rtl, coverage ? cdir : NULL, tty);
    double total = fo_now() - t0;

    size_t pass = 0, fail = 0;
    printf("\n%-44s %10s %9s %9s  %-6s %8s\n", "vector", "cycles", "packets", "copies", "result", "seconds");
    for (size_t i = 0; i < vs.n; i++) {
        const result *r = &res[i];
        printf("%-44s %10llu %9llu %9llu  %-6s %8.2f\n", vs.v[i].name, (unsigned long long)r->cycles,
               (unsigned long long)r->packets, (unsigned long long)r->copies,
               r->status == 0 ? "pass" : r->status == 1 ? "FAIL" : "ERROR", r->seconds);
        r->status ? fail++ : pass++;
    }
    if (fail) {
        printf("\nfailures (reproduce each with the command below it):\n");
        for (size_t i = 0; i < vs.n; i++) {
            if (!res[i].status)
                continue;
            printf("%s [%s]: %s\n  ", vs.v[i].name, res[i].phase[0] ? res[i].phase : "input", res[i].msg);
            repro(stdout, &vs.v[i], wdir, fmt);
            printf("\n");
            if (wdir)
                waves(&vs.v[i], &res[i], wdir, fmt);
        }
    }
    printf("\nregress: %.1f s wall clock\n%zu passed, %zu failed\n", total, pass, fail);
    int rc = fail ? 1 : 0;
    if (coverage && coverage_report(cdir, vs.n))
        rc = rc ? rc : 2;
    if (junit && write_junit(junit, &vs, res, wdir, fmt, total))
        rc = 2;
    for (size_t i = 0; i < vs.n; i++)
        free(vs.v[i].stim), free(vs.v[i].trace), free(vs.v[i].name);
    free(vs.v);
    free(res);
    return rc;
}
