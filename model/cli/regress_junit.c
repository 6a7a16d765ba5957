/* regress_junit.c -- the JUnit XML of `fanout regress`, valid against the
 * Jenkins xUnit plugin's schema (tests/junit/junit-10.xsd): properties only
 * at testsuite level (the reseed base, the shard, the configurations), each
 * testcase's stimulus, seed, cycles and reproduce command in its
 * <system-out>; dotted classnames ("vectors.small", "reseed.p8_g1024_s64_l2");
 * a mismatch is a <failure>, a bad vector or configuration an <error>,
 * counted apart in the testsuite's errors. */
#define _POSIX_C_SOURCE 200809L
#include "regress.h"
#include "fanout_rtl.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

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
static void vector_seed(const vector *v, char *buf, size_t n)
{
    snprintf(buf, n, "unknown");
    if (v->scenario) {
        snprintf(buf, n, "%llu", (unsigned long long)v->seed);
        return;
    }
    gzFile f = gzopen(v->stim, "rb");
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

/* classname: the run's folder, dotted ("vectors.small"); a golden vector's
 * path is taken relative to the regress folder. */
static void classname(FILE *f, const vector *v, const char *dir, const char **base)
{
    const char *name = v->name;
    size_t k = strlen(dir);
    if (!v->scenario && !strncmp(name, dir, k) && name[k] == '/')
        name += k + 1;
    const char *slash = strrchr(name, '/');
    *base = slash ? slash + 1 : name;
    fputs(v->scenario ? "" : "vectors", f);
    if (!v->scenario && slash)
        fputc('.', f);
    for (const char *p = name; slash && p < slash; p++)
        fputc(*p == '/' || *p == '.' ? (*p == '/' ? '.' : '_') : *p, f);
}

static void prop(FILE *f, const char *name, const char *value)
{
    fprintf(f, "    <property name=\"%s\" value=\"", name);
    xml_text(f, value);
    fputs("\"/>\n", f);
}

static void testcase(FILE *f, const vector *v, const result *r, const regress_opts *ro)
{
    const char *base;
    char seed[64], cmd[2048];
    fputs("  <testcase classname=\"", f);
    classname(f, v, ro->dir, &base);
    fputs("\" name=\"", f);
    xml_text(f, base);
    fprintf(f, "\" time=\"%.3f\">\n", r->seconds);
    vector_seed(v, seed, sizeof seed);
    cmd[0] = 0;
    if (r->status) {
        FILE *m = fmemopen(cmd, sizeof cmd, "w");
        if (m) { fo_regress_repro(m, v, r, ro); fclose(m); }
        const char *el = r->status == 1 ? "failure" : "error";
        fprintf(f, "    <%s message=\"", el);
        xml_text(f, r->msg);
        fprintf(f, "\" type=\"%s\">", r->status == 2 ? "configuration" : r->phase[0] ? r->phase : "input");
        xml_text(f, r->msg);
        fputs("\nreproduce: ", f);
        xml_text(f, cmd);
        fprintf(f, "</%s>\n", el);
    }
    fputs("    <system-out>", f);
    if (v->scenario) {
        fprintf(f, "scenario: %s\n", v->scenario);
        if (r->kept[0]) {
            fputs("kept: ", f);
            xml_text(f, r->kept);
            fputs(".stim.gz, .trace.gz, .repro\n", f);
        }
    } else {
        fputs("stimulus: ", f);
        xml_text(f, v->stim);
        fputc('\n', f);
    }
    fprintf(f, "seed: %s\ncycles: %llu\n", seed, (unsigned long long)r->cycles);
    if (r->status) {
        fputs("repro: ", f);
        xml_text(f, cmd);
        fputc('\n', f);
    }
    if (r->status == 1 && ro->wdir && v->stim && v->trace) {
        char wave[4200];
        fo_regress_wave_path(v, ro->wdir, ro->fmt, wave, sizeof wave);
        fputs("[[ATTACHMENT|", f);
        xml_text(f, wave);
        fputs("]]\n", f);
    }
    fputs("</system-out>\n  </testcase>\n", f);
}

int fo_regress_junit(const char *path, const vecs *vs, const result *res, const regress_opts *ro,
                     double total)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        fprintf(stderr, "fanout regress: %s: cannot write: %s\n", path, strerror(errno));
        return -1;
    }
    size_t fails = 0, errors = 0;
    for (size_t i = 0; i < vs->n; i++)
        fails += res[i].status == 1, errors += res[i].status == 2;
    char host[256] = "unknown", val[1024];
    gethostname(host, sizeof host);
    host[sizeof host - 1] = 0;
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites tests=\"%zu\" failures=\"%zu\" "
               "errors=\"%zu\" time=\"%.3f\">\n<testsuite name=\"fanout-regress%s", vs->n, fails, errors, total,
            ro->shard ? " shard " : "");
    xml_text(f, ro->shard ? ro->shard : "");
    fprintf(f, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" time=\"%.3f\" hostname=\"", vs->n, fails,
            errors, total);
    xml_text(f, host);
    fputs("\">\n  <properties>\n", f);
    prop(f, "vectors", ro->dir);
    prop(f, "mode", ro->model && ro->rtl ? "model and co-simulation" : ro->model ? "model only" : "co-simulation only");
    prop(f, "shard", ro->shard ? ro->shard : "1/1");
    snprintf(val, sizeof val, "%llu", (unsigned long long)ro->reseed);
    prop(f, "reseed", val);
    if (ro->reseed) {
        snprintf(val, sizeof val, "%llu", (unsigned long long)ro->seed_base);
        prop(f, "seed_base", val);
        snprintf(val, sizeof val, "fanout regress %s --reseed %llu --seed %llu%s%s", ro->dir,
                 (unsigned long long)ro->reseed, (unsigned long long)ro->seed_base,
                 ro->shard ? " --shard " : "", ro->shard ? ro->shard : "");
        prop(f, "repeat", val);
        if (ro->keep)
            prop(f, "kept_failures", ro->keep);
    }
    if (fo_rtl_built()) {
        fo_rtl_configs(val, sizeof val);
        prop(f, "rtl_configurations", val);
    }
    fputs("  </properties>\n", f);
    for (size_t i = 0; i < vs->n; i++)
        testcase(f, &vs->v[i], &res[i], ro);
    fputs("</testsuite>\n</testsuites>\n", f);
    if (fclose(f) || rename(tmp, path)) {
        fprintf(stderr, "fanout regress: %s: write failed\n", path);
        unlink(tmp);
        return -1;
    }
    return 0;
}
