/* waves.h -- what the verbs print and write around a waveform: the progress
 * of the RTL's clear sweep, where a mismatch is in the waveform, and the
 * GTKWave save file beside it (the file itself: harness/waves.cpp). */
#ifndef FO_WAVES_H
#define FO_WAVES_H

#include "run.h"

/* Progress of a long step on stderr: after 1 s, a live line on a terminal, a
 * plain line every 10 s in a log; nothing with quiet. */
typedef struct fo_meter {
    const char *label;
    double t0, next;
    int quiet, tty, shown;
} fo_meter;

/* Cycles dumped after the mismatch in its automatic window. */
#define FO_WAVE_AFTER 100

void fo_meter_init(fo_meter *m, const char *label, int quiet);
/* fo_rtl_opts.progress: the group table's clear sweep, done of total cycles. */
void fo_meter_sweep(void *m, uint64_t done, uint64_t total);

/* "; in the waveform: RTLPIN (rtl), MODELPIN (model)" for the pin that
 * differs, or "" when the mismatch is not on one pin. */
void fo_wave_where(const fo_run_result *r, char *buf, size_t n);
/* The save file of a waveform: x.vcd, x.fst -> x.gtkw. */
void fo_wave_savefile(const char *wave, char *buf, size_t n);
/* Writes the save file beside `wave` (cycles from..to dumped) for the
 * mismatch in r (message `what`), and prints
 * "VERB: waveform of cycles A..B: WAVE; view it: gtkwave WAVE SAVE".
 * 0, or -1 (said on stderr). */
int fo_wave_view(const char *verb, const char *wave, int fst, const fo_run_result *r, const char *what,
                 uint64_t from, uint64_t to);

#endif
