/* cmd_later.c -- placeholders replaced as their issues land. */
#include "verbs.h"
#include <stdio.h>

int fo_cmd_bench(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "fanout bench: not built yet\n"); return 2; }
