/* inband_wait.h -- per in-band config packet, what its sender waits and
 * what the switch takes, as `fanout bench` and `fanout stats` report them
 * (SPEC 5 and 8):
 *   sender-side wait: from the cycle its last flit is first *offered* on the
 *     ingress pins to its commit.  A switch may hold that flit (in_ready
 *     low) while its config engine is busy; the sender sees the hold.
 *   commit latency:   from the cycle the last flit is *taken* to the commit
 *     (a constant of the design).
 * Fed either cycle by cycle from the pins and events of a run (the driver's
 * side: the cycle a flit is first offered is what the sender sees), or from
 * a trace, where a flit's offer is not recorded: there the last flit of a
 * burst is taken as offered at header acceptance + len, and the commit
 * latency is unknown. */
#ifndef FO_INBAND_WAIT_H
#define FO_INBAND_WAIT_H

#include "fanout.h"
#include "stats_math.h"

typedef struct fo_inband_wait {
    fo_latq    q[FO_MAX_PORTS];     /* per port: config packets accepted, not yet committed */
    uint64_t   hdr[FO_MAX_PORTS];   /* per port: the header of the packet on the pins */
    unsigned   pos[FO_MAX_PORTS];   /* per port: flits of it taken so far */
    uint64_t   off[FO_MAX_PORTS];   /* per port: the cycle the flit now offered was first offered */
    fo_samples wait;                /* sender-side wait of each commit (cycles) */
    fo_samples lat;                 /* commit latency after the last flit is taken (cycles) */
    uint64_t   packets;             /* config packets accepted */
    uint64_t   unpaired;            /* cfg commits with no config packet before them */
    int        fail;                /* out of memory: the figures are incomplete */
} fo_inband_wait;

void fo_iw_init(fo_inband_wait *w);
void fo_iw_free(fo_inband_wait *w);
/* One cycle of a run: the ingress pins (in_valid, in_data) and in_ready,
 * then that cycle's events (cfg commits, drops).  Pins before events: a
 * packet whose header is taken and dropped in one cycle is then matched. */
void fo_iw_cycle(fo_inband_wait *w, uint64_t t, const fo_inputs *in, const fo_outputs *out);
/* From a trace: a config packet's header accepted on `port`, its last flit
 * offered (header acceptance + len, for a burst) at `offered`. */
void fo_iw_accepted(fo_inband_wait *w, unsigned port, uint32_t tag, uint64_t offered);
/* From a trace: one event (cfg commits and drops matter). */
void fo_iw_event(fo_inband_wait *w, uint64_t t, const fo_event *ev);

#endif
