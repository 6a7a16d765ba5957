/* gen.h -- the stimulus generator behind `fanout gen` (SPEC sections 6 and 7).
 *
 * Every scenario builds a complete stimulus (SPEC section 6) that is a
 * pure function of the options: the same options give byte-identical output
 * on every machine (a local splitmix64 PRNG seeded from --seed, no clock).
 */
#ifndef FANOUT_GEN_H
#define FANOUT_GEN_H

#include "fanout.h"
#include "fanout_io.h"
#include <zlib.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fo_gen_opts {
    uint64_t seed;        /* --seed, default 1 */
    unsigned nports;      /* --ports, default 32 */
    unsigned ngroups;     /* --groups, default 65536 */
    unsigned size;        /* --size: scale (number of packets/tokens, scenario-specific meaning, 0 = scenario default) */
    fo_params extra;      /* slots, sram_latency, lookups: written as param lines only if they differ from the defaults */
} fo_gen_opts;

/* Names of the scenarios, NULL-terminated, and a one-line description of each. */
extern const char *const fo_gen_scenarios[];
const char *fo_gen_describe(const char *scenario);

/* Build the stimulus of `scenario` in memory (*out, freed by fo_stim_free):
   its header comment, notes before the packets they explain, and terse param
   lines, so that fo_stim_write writes the file `fanout gen` writes.
   FO_OK, or FO_EINPUT (unknown scenario, or options the scenario cannot
   honour) / FO_ENOMEM with err->msg set (and *out NULL). */
int fo_gen_build(const char *scenario, const fo_gen_opts *o, fo_stim **out, fo_error *err);

/* fo_gen_build, then the one stimulus writer (fo_stim_write_gz) into `out`
   (a gzFile opened for writing by the caller: plain or gzip).  FO_OK, or as
   fo_gen_build, or FO_EIO with err->msg set. */
int fo_gen_write(const char *scenario, const fo_gen_opts *o, gzFile out, fo_error *err);

#ifdef __cplusplus
}
#endif
#endif /* FANOUT_GEN_H */
