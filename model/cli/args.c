/* args.c -- option parsing for the verbs: --name value, --name=value, -o F. */
#include "args.h"
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

int fo_usage_error(fo_args *a, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "fanout %s: ", a->verb);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
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
