/* rtl_stub.c -- fo_rtl_* when fanout is built without the RTL
 * (-DFANOUT_RTL=OFF): every RTL verb says so, with exit status 2. */
#include "fanout_rtl.h"
#include <stdio.h>
#include <string.h>

void fo_rtl_opts_default(fo_rtl_opts *o) { memset(o, 0, sizeof *o); o->wave_to = UINT64_MAX; o->threads = 1; }
int  fo_rtl_built(void) { return 0; }
unsigned fo_rtl_threads_built(void) { return 1; }
const char *fo_rtl_build_info(void) { return "none (built without the RTL)"; }
int  fo_rtl_fst_all(void) { return 0; }
void fo_rtl_configs(char *buf, size_t n) { snprintf(buf, n, "none"); }
size_t fo_rtl_config_list(fo_params *out, size_t max) { (void)out; (void)max; return 0; }
int  fo_rtl_create(const fo_params *p, const fo_rtl_opts *o, fo_rtl **out, fo_error *err)
{
    (void)p; (void)o;
    *out = NULL;
    snprintf(err->msg, sizeof err->msg, "this fanout was built without the RTL (cmake -DFANOUT_RTL=ON)");
    return FO_EINPUT;
}
int  fo_rtl_step(fo_rtl *r, const fo_inputs *in, fo_outputs *out) { (void)r; (void)in; (void)out; return FO_EINPUT; }
void fo_rtl_destroy(fo_rtl *r) { (void)r; }
int  fo_rtl_dump_table(fo_rtl *r, const char *path, fo_error *err) { (void)r; (void)path; (void)err; return FO_EINPUT; }
void fo_rtl_stepper(fo_rtl *r, fo_stepper *s) { (void)r; memset(s, 0, sizeof *s); }
int  fo_rtl_coverage_built(void) { return 0; }
int  fo_rtl_write_coverage(fo_rtl *r, const char *path, fo_error *err) { (void)r; (void)path; (void)err; return FO_EINPUT; }
void fo_rtl_expect(fo_rtl *r, const fo_outputs *ref) { (void)r; (void)ref; }
int  fo_rtl_write_view(const char *wave, int fst, const char *save, const fo_wave_focus *f, fo_error *err)
{
    (void)wave; (void)fst; (void)save; (void)f;
    snprintf(err->msg, sizeof err->msg, "this fanout was built without the RTL (cmake -DFANOUT_RTL=ON)");
    return FO_EINPUT;
}
const char *fo_rtl_wave_name(const char *pin, int port, int model, char *buf, size_t n)
{
    (void)pin; (void)port; (void)model;
    if (n)
        buf[0] = 0;
    return buf;
}
