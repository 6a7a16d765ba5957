// fanout_rtl.cpp -- the C interface of include/fanout_rtl.h over the Verilated
// models built by harness/CMakeLists.txt (one per configuration).
#include "fanout_rtl.h"
#include "fanout_cc.h"

#include <cctype>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "fanout_rtl_configs.h"  // generated: the models built, FO_RTL_CONFIGS(X)
#include "rtl_wrapper.h"
#include "verilated.h"
#include "verilated_syms.h"
#include "verilated_vcd_c.h"
#if FO_RTL_HAVE_FST
#include "verilated_fst_c.h"
#endif

namespace fo_harness {

void set_error(fo_error* err, const char* fmt, ...) {
    if (!err) return;
    va_list ap;
    va_start(ap, fmt);
    std::vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
}

void find_table_banks(VerilatedContext* ctx, const fo_params& p,
                      std::vector<const VerilatedVar*>& banks) {
    const unsigned nb = fo_pins::fo_cfg_banks_n(p.nports);
    const unsigned depth = (p.ngroups + nb - 1) / nb;
    banks.assign(nb, nullptr);
    const VerilatedScopeNameMap* scopes = ctx->scopeNameMap();
    if (!scopes) return;
    for (const auto& sc : *scopes) {
        // the bank number follows "g_cbank" ("g_cbank__BRA__3__KET__" or "g_cbank[3]")
        const std::string name = sc.first;
        const size_t at = name.find("g_cbank");
        if (at == std::string::npos) continue;
        size_t i = at + 7;
        while (i < name.size() && !std::isdigit(static_cast<unsigned char>(name[i])) && name[i] != '.') ++i;
        if (i >= name.size() || !std::isdigit(static_cast<unsigned char>(name[i]))) continue;
        const unsigned b = static_cast<unsigned>(std::strtoul(name.c_str() + i, nullptr, 10));
        const VerilatedVarNameMap* vars = sc.second->varsp();
        if (!vars || b >= nb) continue;
        for (const auto& v : *vars) {
            const VerilatedVar& var = v.second;
            if (var.udims() != 1 || static_cast<unsigned>(var.elements(1)) != depth) continue;
            if (static_cast<unsigned>(var.elements(0)) != p.nports) continue;
            const VerilatedVarType ty = var.vltype();
            if (ty != VLVT_UINT8 && ty != VLVT_UINT16 && ty != VLVT_UINT32 && ty != VLVT_UINT64)
                continue;
            banks[b] = &var;
        }
    }
}

template <class V, class TFP>
static int make(const fo_params& p, const fo_rtl_opts& o, fo_rtl** out, fo_error* err) {
    RtlWrapper<V, TFP>* r = new RtlWrapper<V, TFP>(p);
    const int rc = r->init(o, err);
    if (rc != FO_OK) {
        delete r;
        return rc;
    }
    *out = r;
    return FO_OK;
}

// The FST model of a configuration, if it was built (FANOUT_RTL_FST=ON).
template <class VFST>
struct MakeFst {
    static int run(const fo_params& p, const fo_rtl_opts& o, fo_rtl** out, fo_error* err) {
#if FO_RTL_HAVE_FST
        return make<VFST, VerilatedFstC>(p, o, out, err);
#else
        (void)p; (void)o; (void)out;
        set_error(err, "FST waveforms were not built in (configure with -DFANOUT_RTL_FST=ON); use VCD");
        return FO_EINPUT;
#endif
    }
};
template <>
struct MakeFst<void> {
    static int run(const fo_params&, const fo_rtl_opts&, fo_rtl**, fo_error* err) {
        set_error(err, "FST waveforms are not built for this configuration (only for "
                       "FANOUT_RTL_FST_CONFIGS; configure with -DFANOUT_RTL_FST=ON for all); use --vcd");
        return FO_EINPUT;
    }
};

struct Config {
    unsigned nports, ngroups, slots, lat, lookups;
};
static const Config kConfigs[] = {
#define FO_X(VCD, FST, NP, NG, SL, LAT, LK) {NP, NG, SL, LAT, LK},
    FO_RTL_CONFIGS(FO_X)
#undef FO_X
};

static std::string config_list(const char* sep) {
    std::string s;
    for (const Config& c : kConfigs) {
        char b[128];
        std::snprintf(b, sizeof b, "nports=%u ngroups=%u slots=%u sram_latency=%u lookups=%u",
                      c.nports, c.ngroups, c.slots, c.lat, c.lookups);
        if (!s.empty()) s += sep;
        s += b;
    }
    return s;
}

static int stepper_step(void* obj, const fo_inputs* in, fo_outputs* out) {
    return static_cast<fo_rtl*>(obj)->step(in, out);
}
static void stepper_destroy(void* obj) { delete static_cast<fo_rtl*>(obj); }

static const char* stepper_error(void* obj) {
    return static_cast<fo_rtl*>(obj)->error.c_str();
}

// fo_stepper may or may not have an `error` member (a later addition):
// set it where it exists.
template <class S, class = void>
struct HasErrorCb : std::false_type {};
template <class S>
struct HasErrorCb<S, std::void_t<decltype(std::declval<S&>().error)>> : std::true_type {};
template <class S>
static void set_error_cb(S* s) {
    if constexpr (HasErrorCb<S>::value) s->error = stepper_error;
}

}  // namespace fo_harness

using namespace fo_harness;

extern "C" {

void fo_rtl_opts_default(fo_rtl_opts* o) {
    std::memset(o, 0, sizeof *o);
    o->wave = nullptr;
    o->fst = 0;
    o->wave_from = 0;
    o->wave_to = UINT64_MAX;
    o->rand_reset = 0;
    o->seed = 0;
    o->progress = nullptr;
    o->progress_ctx = nullptr;
    o->threads = 1;
}

unsigned fo_rtl_threads_built(void) { return FO_RTL_THREADS; }

// What compiled this file (and so the Verilated model: one C++ compiler per
// build), and the flags of the model.
const char* fo_rtl_build_info(void) {
    return "C++ " FO_CC_NAME ", generated code " FO_RTL_OPT_FAST " (per cycle) " FO_RTL_OPT_SLOW
           " (construction) " FO_RTL_OPT_GLOBAL " (Verilator runtime), threaded models: " FO_RTL_THREADS_STR;
}

int fo_rtl_built(void) { return 1; }

int fo_rtl_fst_all(void) {
    int all = 1;
#define FO_X(VCD, FST, NP, NG, SL, LAT, LK) all &= std::is_void<FST>::value ? 0 : 1;
    FO_RTL_CONFIGS(FO_X)
#undef FO_X
    return all && FO_RTL_HAVE_FST;
}

void fo_rtl_configs(char* buf, size_t n) {
    if (!buf || n == 0) return;
    std::snprintf(buf, n, "%s", config_list("; ").c_str());
}

size_t fo_rtl_config_list(fo_params* out, size_t max) {
    size_t n = 0;
    for (const Config& c : kConfigs) {
        if (out && n < max) {
            out[n].nports = c.nports;
            out[n].ngroups = c.ngroups;
            out[n].slots = c.slots;
            out[n].sram_latency = c.lat;
            out[n].lookups = c.lookups;
        }
        n++;
    }
    return n;
}

int fo_rtl_create(const fo_params* pp, const fo_rtl_opts* op, fo_rtl** out, fo_error* err) {
    if (!out) return FO_EINPUT;
    *out = nullptr;
    fo_params p;
    if (pp) {
        p = *pp;
    } else {
        p.nports = FO_DEFAULT_NPORTS;
        p.ngroups = FO_DEFAULT_NGROUPS;
        p.slots = FO_DEFAULT_SLOTS;
        p.sram_latency = FO_DEFAULT_SRAM_LAT;
        p.lookups = FO_DEFAULT_LOOKUPS;
    }
    fo_rtl_opts o;
    if (op) o = *op;
    else fo_rtl_opts_default(&o);
    if (o.threads > 1 && o.threads != FO_RTL_THREADS) {
        if (FO_RTL_THREADS > 1)
            set_error(err, "the threaded models were built with --threads %u, not %u "
                           "(configure with -DFANOUT_RTL_THREADS=%u)", FO_RTL_THREADS, o.threads, o.threads);
        else
            set_error(err, "no threaded model built (configure with -DFANOUT_RTL_THREADS=%u)", o.threads);
        return FO_EINPUT;
    }
    if (o.threads > 1 && o.fst) {
        set_error(err, "the threaded models write VCD only; use --vcd");
        return FO_EINPUT;
    }
    try {
#define FO_MATCH(NP, NG, SL, LAT, LK) \
    (p.nports == (NP) && p.ngroups == (NG) && p.slots == (SL) && p.sram_latency == (LAT) && p.lookups == (LK))
#define FO_X(THR, NP, NG, SL, LAT, LK) \
    if (o.threads > 1 && FO_MATCH(NP, NG, SL, LAT, LK)) return make<THR, VerilatedVcdC>(p, o, out, err);
        FO_RTL_THREADED(FO_X)
#undef FO_X
#define FO_X(VCD, FST, NP, NG, SL, LAT, LK)  \
    if (o.threads <= 1 && FO_MATCH(NP, NG, SL, LAT, LK)) \
        return o.fst ? MakeFst<FST>::run(p, o, out, err) : make<VCD, VerilatedVcdC>(p, o, out, err);
        FO_RTL_CONFIGS(FO_X)
#undef FO_X
#undef FO_MATCH
    } catch (const std::bad_alloc&) {
        set_error(err, "rtl: out of memory");
        return FO_ENOMEM;
    }
    // A configuration string as -DFANOUT_RTL_CONFIGS takes it (LOOKUPS only when not the default).
    auto cfg_str = [](unsigned np, unsigned ng, unsigned sl, unsigned lat, unsigned lk) {
        std::string s = std::to_string(np) + ":" + std::to_string(ng) + ":" + std::to_string(sl) + ":" +
                        std::to_string(lat);
        return lk == FO_DEFAULT_LOOKUPS ? s : s + ":" + std::to_string(lk);
    };
    std::string cfgs;
    for (const Config& c : kConfigs)
        cfgs += cfg_str(c.nports, c.ngroups, c.slots, c.lat, c.lookups) + ";";
    set_error(err,
              "no RTL built for nports=%u ngroups=%u slots=%u sram_latency=%u lookups=%u; built: %s; add it "
              "with -DFANOUT_RTL_CONFIGS=\"%s%s\"",
              p.nports, p.ngroups, p.slots, p.sram_latency, p.lookups, config_list(", ").c_str(), cfgs.c_str(),
              cfg_str(p.nports, p.ngroups, p.slots, p.sram_latency, p.lookups).c_str());
    return FO_EINPUT;
}

int fo_rtl_step(fo_rtl* r, const fo_inputs* in, fo_outputs* out) {
    if (!r || !in || !out) return FO_EINPUT;
    return r->step(in, out);
}

void fo_rtl_destroy(fo_rtl* r) { delete r; }

void fo_rtl_expect(fo_rtl* r, const fo_outputs* ref) {
    if (r && ref) r->expect(ref);
}

int fo_rtl_dump_table(fo_rtl* r, const char* path, fo_error* err) {
    if (!r || !path) return FO_EIO;
    const bool to_stdout = std::strcmp(path, "-") == 0;
    std::FILE* f = to_stdout ? stdout : std::fopen(path, "w");
    if (!f) {
        set_error(err, "%s: cannot write", path);
        return FO_EIO;
    }
    int rc = r->dump_table(f, err);
    if (to_stdout) {
        if (std::fflush(f) != 0 && rc == FO_OK) {
            set_error(err, "%s: cannot write", path);
            rc = FO_EIO;
        }
    } else if (std::fclose(f) != 0 && rc == FO_OK) {
        set_error(err, "%s: cannot write", path);
        rc = FO_EIO;
    }
    return rc;
}

int fo_rtl_coverage_built(void) { return VM_COVERAGE ? 1 : 0; }

int fo_rtl_write_coverage(fo_rtl* r, const char* path, fo_error* err) {
    if (!r || !path) return FO_EINPUT;
    return r->write_coverage(path, err);
}

void fo_rtl_stepper(fo_rtl* r, fo_stepper* s) {
    std::memset(s, 0, sizeof *s);
    s->obj = r;
    s->step = stepper_step;
    s->destroy = stepper_destroy;
    s->name = "rtl";
    set_error_cb(s);
}

}  // extern "C"
