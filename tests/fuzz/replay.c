/* replay.c -- a fuzz target without libFuzzer: runs LLVMFuzzerTestOneInput
 * once on each file named (a folder: on each file in it), so the committed
 * corpus and every past finding (tests/fuzz/regress/) replay in the normal
 * CTest suite, with gcc, under ASan or valgrind like any test.  A finding
 * aborts, which fails the test. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz_file.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 1 << 16, n = 0, k;
    uint8_t *buf = malloc(cap);
    while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0)
        if ((n += k) == cap) {
            uint8_t *b = realloc(buf, cap *= 2);
            if (!b)
                free(buf);
            buf = b;
        }
    fclose(f);
    if (!buf)
        return -1;
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 0;
}

static int replay(const char *path, unsigned *count)
{
    struct stat sb;
    if (stat(path, &sb)) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(sb.st_mode)) {
        ++*count;
        return replay_file(path);
    }
    DIR *d = opendir(path);
    struct dirent *de;
    int rc = d ? 0 : -1;
    while (d && !rc && (de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char sub[4096];
        snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
        rc = replay(sub, count);
    }
    if (d)
        closedir(d);
    return rc;
}

int main(int argc, char **argv)
{
    unsigned count = 0;
    for (int i = 1; i < argc; i++)
        if (replay(argv[i], &count))
            return 2;
    printf("%s: %u inputs replayed, no finding\n", argv[0], count);
    return 0;
}
