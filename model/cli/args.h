/* args.h -- the small option parser every verb uses. */
#ifndef FO_ARGS_H
#define FO_ARGS_H

#include <stdint.h>
#include <stdio.h>

typedef struct fo_args {
    int    argc;
    char **argv;
    int    i;            /* next argument */
    const char *verb;
    const char *usage;   /* the verb's usage text */
    char  *pos[8];       /* positional arguments */
    int    npos;
    int    bad;          /* a usage error was reported */
    char  *value;        /* the value after '=' of the last option */
    char   name[64];     /* the last option's name */
    /* Printed after the usage on --help (e.g. the RTL configurations built), or NULL. */
    void (*help_more)(FILE *f);
} fo_args;

void fo_args_init(fo_args *a, int argc, char **argv, const char *verb, const char *usage);
/* Next option name ("--seed", "-o"), or NULL at the end; positionals are
 * collected into a->pos.  "--help" prints the usage and exits 0. */
const char *fo_args_next(fo_args *a);
/* The option's value (the next argument, or after '='); NULL: usage error. */
const char *fo_args_value(fo_args *a, const char *opt);
int  fo_args_u64(fo_args *a, const char *opt, uint64_t max, uint64_t *v);
/* The value of an option that sets parameter `param` ("nports", ...): a
 * number in the parameter's range, the one range message of
 * fo_param_check() otherwise.  0, or -1 (usage error reported). */
int  fo_args_param(fo_args *a, const char *opt, const char *param, unsigned *v);
/* The candidate nearest to `word` (edit distance at most 2, or a prefix of
 * it), or NULL: "did you mean" for verbs and options. */
const char *fo_nearest(const char *word, const char *const *cand, size_t n);
/* Reports "fanout VERB: msg" and the usage, returns 2.  For "unknown option
 * 'X'" it adds "; did you mean 'Y'?" from the options the usage names. */
int  fo_usage_error(fo_args *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
