/* cmd_diff.c -- `fanout diff A B`: compare two traces as text and name the
 * first line where they differ. */
#include "verbs.h"
#include "args.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

static const char USAGE[] =
    "usage: fanout diff A B\n"
    "  Compares two traces (plain or .gz) line by line, as text.  Exit 0 when they\n"
    "  are identical, 1 at the first difference (both lines named, with their\n"
    "  files and line numbers), 2 when a file cannot be read.\n";

/* Reads one line without its newline; 1: a line, 0: end, -1: error. */
static int get(gzFile f, char *buf, int n)
{
    if (!gzgets(f, buf, n)) {
        int zerr;
        gzerror(f, &zerr);
        return zerr == Z_OK || zerr == Z_STREAM_END ? 0 : -1;
    }
    buf[strcspn(buf, "\r\n")] = 0;
    return 1;
}

int fo_cmd_diff(int argc, char **argv)
{
    fo_args a;
    fo_args_init(&a, argc, argv, "diff", USAGE);
    const char *o;
    while ((o = fo_args_next(&a)))
        return fo_usage_error(&a, "unknown option '%s'", o);
    if (a.bad)
        return 2;
    if (a.npos != 2)
        return fo_usage_error(&a, "two traces, please");
    const char *pa = a.pos[0], *pb = a.pos[1];
    gzFile fa = gzopen(pa, "rb"), fb = gzopen(pb, "rb");
    if (!fa || !fb) {
        fprintf(stderr, "%s: cannot open: %s\n", !fa ? pa : pb, strerror(errno));
        if (fa) gzclose(fa);
        if (fb) gzclose(fb);
        return 2;
    }
    static char la[16384], lb[16384];
    unsigned long line = 0;
    int rc = 0;
    for (;;) {
        line++;
        int ra = get(fa, la, sizeof la), rb = get(fb, lb, sizeof lb);
        if (ra < 0 || rb < 0) {
            fprintf(stderr, "%s:%lu: read error (truncated or corrupt gzip?)\n", ra < 0 ? pa : pb, line);
            rc = 2;
            break;
        }
        if (!ra && !rb) {
            printf("identical: %lu lines\n", line - 1);
            break;
        }
        if (ra && rb && !strcmp(la, lb))
            continue;
        printf("first difference at line %lu:\n", line);
        printf("%s:%lu: %s\n", pa, line, ra ? la : "(end of file)");
        printf("%s:%lu: %s\n", pb, line, rb ? lb : "(end of file)");
        rc = 1;
        break;
    }
    gzclose(fa);
    gzclose(fb);
    return rc;
}
