/* verbs.h -- one function per `fanout` verb. */
#ifndef FO_VERBS_H
#define FO_VERBS_H

int fo_cmd_gen(int argc, char **argv);
int fo_cmd_model(int argc, char **argv);
int fo_cmd_rtl(int argc, char **argv);
int fo_cmd_cosim(int argc, char **argv);
int fo_cmd_diff(int argc, char **argv);
int fo_cmd_stats(int argc, char **argv);
int fo_cmd_regress(int argc, char **argv);
int fo_cmd_bench(int argc, char **argv);

/* `fanout cosim` as a function, for another verb that needs one (regress
 * --waves-on-fail): STIM in lock-step, compared with GOLD when given; with a
 * waveform, a mismatch reruns and dumps the 2,000 cycles before it and its
 * GTKWave view.  Returns the verb's exit status (messages on stderr). */
typedef struct fo_cosim_req {
    const char *stim, *gold, *out, *wave;   /* NULL: none (stim is required) */
    int fst;                                /* wave is FST, not VCD */
    int check;                              /* the model checks its invariants */
    int quiet;                              /* no summary line */
} fo_cosim_req;
int fo_cosim(const fo_cosim_req *r);

/* Exit status of a fo_* return code: 0 ok, 1 mismatch or failed check, 2 bad input. */
int fo_exit_code(int rc);

#endif
