/* waves.c -- progress of the clear sweep, and the save file beside the
 * waveform of a mismatch (waves.h). */
#include "waves.h"
#include "fanout_rtl.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void fo_meter_init(fo_meter *m, const char *label, int quiet)
{
    memset(m, 0, sizeof *m);
    m->label = label;
    m->quiet = quiet;
    m->tty = isatty(2);
    m->t0 = fo_now();
    m->next = m->t0 + 1.0;          /* a step shorter than a second shows nothing */
}

void fo_meter_sweep(void *ctx, uint64_t done, uint64_t total)
{
    fo_meter *m = ctx;
    double now = fo_now();
    if (m->quiet || (done < total && now < m->next) || (done == total && !m->shown))
        return;
    fprintf(stderr, "%s%s: clearing the group table: %llu of %llu cycles, %.1f s%s", m->tty ? "\r" : "",
            m->label, (unsigned long long)done, (unsigned long long)total, now - m->t0,
            m->tty && done < total ? "   " : "\n");
    fflush(stderr);
    m->shown = 1;
    m->next = now + (m->tty ? 0.5 : 10.0);
}

void fo_wave_where(const fo_run_result *r, char *buf, size_t n)
{
    char a[160], b[160];
    buf[0] = 0;
    if (!r->mismatch_pin[0] || !*fo_rtl_wave_name(r->mismatch_pin, r->mismatch_port, 0, a, sizeof a))
        return;
    fo_rtl_wave_name(r->mismatch_pin, r->mismatch_port, 1, b, sizeof b);
    snprintf(buf, n, "; in the waveform: %s (rtl), %s (model)", a, b);
}

void fo_wave_savefile(const char *wave, char *buf, size_t n)
{
    const char *dot = strrchr(wave, '.'), *slash = strrchr(wave, '/');
    size_t k = dot && (!slash || dot > slash) ? (size_t)(dot - wave) : strlen(wave);
    snprintf(buf, n, "%.*s.gtkw", (int)k, wave);
}

int fo_wave_view(const char *verb, const char *wave, int fst, const fo_run_result *r, const char *what,
                 uint64_t from, uint64_t to)
{
    char save[4096];
    fo_wave_savefile(wave, save, sizeof save);
    fo_wave_focus f = { r->mismatch_cycle, from, to, r->mismatch_ingress, r->mismatch_egress,
                        r->mismatch_config, r->mismatch_pin[0] ? r->mismatch_pin : NULL, what,
                        r->mismatch_config && r->mismatch_port >= 0 ? r->mismatch_port : 0 };
    fo_error err = { "" };
    if (fo_rtl_write_view(wave, fst, save, &f, &err)) {
        fprintf(stderr, "%s: %s\n", verb, err.msg);
        return -1;
    }
    fprintf(stderr, "%s: waveform of cycles %llu..%llu written to %s; view it: gtkwave %s %s\n", verb,
            (unsigned long long)from, (unsigned long long)to, wave, wave, save);
    return 0;
}
