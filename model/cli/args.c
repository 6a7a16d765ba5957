/* args.c -- option parsing for the verbs: --name value, --name=value, -o F. */
#include "args.h"
#include "fanout.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fo_args_init(fo_args *a, int argc, char **argv, const char *verb, const char *usage)
{
    memset(a, 0, sizeof *a);
    a->argc = argc;
    a->argv = argv;
    a->verb = verb;
    a->usage = usage;
}

/* Levenshtein distance of two short words (longer ones: a large number). */
static size_t distance(const char *x, const char *y)
{
    size_t n = strlen(x), m = strlen(y), row[64];
    if (n >= 63 || m >= 63)
        return 99;
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j], best = diag + (x[i - 1] != y[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[m];
}

const char *fo_nearest(const char *word, const char *const *cand, size_t n)
{
    const char *best = NULL;
    size_t bd = 3;
    for (size_t i = 0; i < n; i++) {
        size_t d = distance(word, cand[i]);
        if (d > 2 && strlen(word) >= 3 && !strncmp(cand[i], word, strlen(word)))
            d = 2;                                   /* a prefix: --sram for --sram-latency */
        if (d < bd)
            best = cand[i], bd = d;
    }
    return best;
}

/* The options a usage text names: every "-x" or "--name" token. */
static size_t usage_options(const char *usage, char opts[][32], size_t max)
{
    size_t n = 0;
    for (const char *s = usage; *s && n < max; s++) {
        if (*s != '-' || (s > usage && s[-1] != ' ' && s[-1] != '[' && s[-1] != '\n' && s[-1] != '|'))
            continue;
        size_t k = strspn(s, "-abcdefghijklmnopqrstuvwxyz0123456789");
        if (k < 2 || k >= 32 || s[1] == ' ')
            continue;
        memcpy(opts[n], s, k);
        opts[n][k] = 0;
        size_t i = 0;
        while (i < n && strcmp(opts[i], opts[n]))
            i++;
        n += i == n;
        s += k - 1;
    }
    return n;
}

int fo_usage_error(fo_args *a, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "fanout %s: %s", a->verb, msg);
    /* Every verb reports an unknown option in these words: one place suggests. */
    if (!strncmp(msg, "unknown option '", 16)) {
        char opts[64][32], word[64];
        const char *cand[64];
        size_t n = usage_options(a->usage, opts, 64);
        for (size_t i = 0; i < n; i++)
            cand[i] = opts[i];
        snprintf(word, sizeof word, "%.*s", (int)strcspn(msg + 16, "'"), msg + 16);
        const char *near = fo_nearest(word, cand, n);
        if (near)
            fprintf(stderr, "; did you mean '%s'?", near);
    }
    fprintf(stderr, "\n%s", a->usage);
    a->bad = 1;
    return 2;
}

const char *fo_args_next(fo_args *a)
{
    while (a->i < a->argc) {
        char *s = a->argv[a->i++];
        if (s[0] != '-' || !strcmp(s, "-")) {
            if (a->npos == 8) {
                fo_usage_error(a, "too many arguments");
                return NULL;
            }
            a->pos[a->npos++] = s;
            continue;
        }
        if (!strcmp(s, "--help") || !strcmp(s, "-h")) {
            fputs(a->usage, stdout);
            if (a->help_more)
                a->help_more(stdout);
            exit(0);
        }
        if (s[1] != '-' && s[2]) {             /* -j2, -oFILE */
            a->name[0] = '-', a->name[1] = s[1], a->name[2] = 0;
            a->value = s + 2;
            return a->name;
        }
        char *eq = strchr(s, '=');
        if (eq && (size_t)(eq - s) < sizeof a->name) {
            memcpy(a->name, s, (size_t)(eq - s));
            a->name[eq - s] = 0;
            a->value = eq + 1;
            return a->name;
        }
        a->value = NULL;
        return s;
    }
    return NULL;
}

const char *fo_args_value(fo_args *a, const char *opt)
{
    if (a->value) {
        const char *v = a->value;
        a->value = NULL;
        return v;
    }
    if (a->i >= a->argc) {
        fo_usage_error(a, "%s needs a value", opt);
        return NULL;
    }
    return a->argv[a->i++];
}

int fo_args_u64(fo_args *a, const char *opt, uint64_t max, uint64_t *v)
{
    const char *s = fo_args_value(a, opt);
    if (!s)
        return -1;
    char *end;
    unsigned long long x = strtoull(s, &end, 10);
    if (!*s || *end || s[0] == '-' || x > max) {
        fo_usage_error(a, "%s: '%s' is not a number in 0..%llu", opt, s, (unsigned long long)max);
        return -1;
    }
    *v = x;
    return 0;
}

int fo_args_param(fo_args *a, const char *opt, const char *param, unsigned *v)
{
    uint64_t x;
    fo_error err = { "" };
    if (fo_args_u64(a, opt, UINT64_MAX, &x))
        return -1;
    if (fo_param_check(param, x, &err)) {
        fo_usage_error(a, "%s: %s", opt, err.msg);
        return -1;
    }
    *v = (unsigned)x;
    return 0;
}
