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

/* Exit status of a fo_* return code: 0 ok, 1 mismatch or failed check, 2 bad input. */
int fo_exit_code(int rc);

#endif
