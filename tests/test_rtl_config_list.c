/* test_rtl_config_list.c -- fo_rtl_config_list returns, in order, the RTL
 * configurations the build was asked for (-DFANOUT_RTL_CONFIGS), and
 * fo_rtl_configs prints exactly those: the verbs (bench, gen, regress) learn
 * them from the array, never by parsing the text.
 * usage: test_rtl_config_list NP:NG:SL:LAT[:LK] ... (the configured list). */
#include "fanout_rtl.h"
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    fo_params got[64];
    size_t n = fo_rtl_config_list(got, 64), want = (size_t)argc - 1;
    if (fo_rtl_config_list(NULL, 0) != n || n != want) {
        printf("FAIL: %zu configurations listed, %zu configured\n", n, want);
        return 1;
    }
    char text[4096] = "", built[4096];
    for (size_t i = 0; i < n; i++) {
        unsigned np, ng, sl, lat, lk = 4;
        if (sscanf(argv[i + 1], "%u:%u:%u:%u:%u", &np, &ng, &sl, &lat, &lk) < 4) {
            printf("FAIL: bad argument '%s'\n", argv[i + 1]);
            return 1;
        }
        const fo_params *p = &got[i];
        if (p->nports != np || p->ngroups != ng || p->slots != sl || p->sram_latency != lat ||
            p->lookups != lk) {
            printf("FAIL: configuration %zu is %u:%u:%u:%u:%u, configured %s\n", i, p->nports, p->ngroups,
                   p->slots, p->sram_latency, p->lookups, argv[i + 1]);
            return 1;
        }
        size_t k = strlen(text);
        snprintf(text + k, sizeof text - k, "%snports=%u ngroups=%u slots=%u sram_latency=%u lookups=%u",
                 i ? "; " : "", np, ng, sl, lat, lk);
    }
    fo_rtl_configs(built, sizeof built);
    if (strcmp(text, built)) {
        printf("FAIL: fo_rtl_configs says '%s', the list '%s'\n", built, text);
        return 1;
    }
    printf("%zu configurations: %s\n", n, built);
    return 0;
}
