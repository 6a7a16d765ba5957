// waves.cpp -- the GTKWave save file (.gtkw) written beside every waveform of
// a mismatch, and the names of the pins in the waveform (include/fanout_rtl.h).
//
// Every signal the view shows is named ONCE, in kSignals below, relative to
// the Verilated top (harness/fanout_tb.v: `dut` is fanout_switch).  When the
// RTL renames a signal, fix it here; the test waves_savefile_signals_exist
// (tests/waves.sh) opens a save file in GTKWave and fails on any name the
// waveform does not have.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include <unistd.h>

#include "fanout_rtl.h"
#include "fanout_rtl_configs.h"  // FO_RTL_HAVE_FST
#if FO_RTL_HAVE_FST
#include "gtkwave/fstapi.h"  // the reader of the fstapi.c that verilated_fst_c.cpp compiles in
#endif

namespace {

// What a group of the view is about.
enum Stage { kCycle, kPinIn, kPinOut, kPinCommit, kParser, kLookup, kReplicator, kEgress, kConfig };

struct Signal {
    Stage stage;
    const char* path;  // below kRoot; "%p": the ingress port, "%e": the egress port, "%l": the commit lane
};

// The top as GTKWave names it (Verilator: scope TOP, then the top module).
const char kRoot[] = "TOP.fanout_tb.";

// The table: in each stage, in the order shown.
const Signal kSignals[] = {
    {kCycle, "cycle"},
    {kCycle, "clk_i"},
    {kCycle, "init_done_o"},
    {kCycle, "idle_o"},
    {kCycle, "model.idle"},
    // the pins that can differ, the RTL's above the model's
    {kPinIn, "port[%p].in_valid"},
    {kPinIn, "port[%p].in_data"},
    {kPinIn, "port[%p].in_ready"},
    {kPinIn, "model.port[%p].in_ready"},
    {kPinOut, "port[%e].out_valid"},
    {kPinOut, "model.port[%e].out_valid"},
    {kPinOut, "port[%e].out_ready"},
    {kPinOut, "port[%e].out_data"},
    {kPinOut, "model.port[%e].out_data"},
    {kPinOut, "model.port[%e].out_sop"},
    // (lane %l: the config bank of the group whose commit differs)
    {kPinCommit, "lane[%l].commit_valid"},
    {kPinCommit, "model.lane[%l].commit_valid"},
    {kPinCommit, "lane[%l].commit_op"},
    {kPinCommit, "model.lane[%l].commit_op"},
    {kPinCommit, "lane[%l].commit_gid"},
    {kPinCommit, "model.lane[%l].commit_gid"},
    {kPinCommit, "lane[%l].commit_bitmap"},
    {kPinCommit, "model.lane[%l].commit_bitmap"},
    {kPinCommit, "commit_valid_o"},
    {kPinCommit, "model_commit_valid_i"},
    {kPinCommit, "commit_inband_o"},
    {kPinCommit, "commit_port_o"},
    // ingress parser p (rtl/fanout_parser.v)
    {kParser, "dut.g_port[%p].u_parser.in_valid_i"},
    {kParser, "dut.g_port[%p].u_parser.in_data_i"},
    {kParser, "dut.g_port[%p].u_parser.in_ready_o"},
    {kParser, "dut.g_port[%p].u_parser.state_q"},
    {kParser, "dut.g_port[%p].u_parser.cnt_q"},
    {kParser, "dut.g_port[%p].u_parser.slot_q"},
    {kParser, "dut.g_port[%p].u_parser.alloc_o"},
    {kParser, "dut.g_port[%p].u_parser.alloc_slot_o"},
    {kParser, "dut.g_port[%p].u_parser.drop_valid_o"},
    {kParser, "dut.g_port[%p].u_parser.drop_reason_o"},
    {kParser, "dut.g_port[%p].u_parser.cfg_req_o"},
    // its lookup (rtl/fanout_group_sram.v: port p's FIFO and pipeline, the shared read port)
    {kLookup, "dut.u_group_sram.g_port[%p].hold_q"},
    {kLookup, "dut.u_group_sram.g_port[%p].v_q"},
    {kLookup, "dut.u_group_sram.g_port[%p].slot_q"},
    {kLookup, "dut.u_group_sram.g_port[%p].mc_q"},
    {kLookup, "dut.u_group_sram.mc_gnt"},
    {kLookup, "dut.u_group_sram.issue"},
    {kLookup, "dut.u_group_sram.lkp_valid_o"},
    {kLookup, "dut.u_group_sram.lkp_word_o"},
    // its replicator (rtl/fanout_replicator.v)
    {kReplicator, "dut.g_port[%p].u_replicator.lkp_valid_i"},
    {kReplicator, "dut.g_port[%p].u_replicator.lkp_slot_i"},
    {kReplicator, "dut.g_port[%p].u_replicator.hdr_i"},
    {kReplicator, "dut.g_port[%p].u_replicator.push_o"},
    {kReplicator, "dut.g_port[%p].u_replicator.drop_valid_o"},
    {kReplicator, "dut.g_port[%p].u_replicator.busy_q"},
    {kReplicator, "dut.g_port[%p].u_replicator.lkp_q"},
    {kReplicator, "dut.g_port[%p].u_replicator.pend_q"},
    {kReplicator, "dut.g_port[%p].u_replicator.rel_o"},
    {kReplicator, "dut.g_port[%p].u_replicator.rel_slot_o"},
    // its cell buffer (rtl/fanout_payload_buf.v)
    {kReplicator, "dut.g_port[%p].u_payload_buf.cavail_o"},
    {kReplicator, "dut.g_port[%p].u_payload_buf.wdone_o"},
    {kReplicator, "dut.g_port[%p].u_payload_buf.gnt_o"},
    // the egress queue of port e (rtl/fanout_egress_queue.v)
    {kEgress, "dut.g_egress[%e].u_egress.push_i"},
    {kEgress, "dut.g_egress[%e].u_egress.rv_q"},
    {kEgress, "dut.g_egress[%e].u_egress.rp_q"},
    {kEgress, "dut.g_egress[%e].u_egress.rs_q"},
    {kEgress, "dut.g_egress[%e].u_egress.rk_q"},
    {kEgress, "dut.g_egress[%e].u_egress.ask_valid_o"},
    {kEgress, "dut.g_egress[%e].u_egress.gnt_i"},
    {kEgress, "dut.g_egress[%e].u_egress.sc_q"},
    {kEgress, "dut.g_egress[%e].u_egress.active_q"},
    {kEgress, "dut.g_egress[%e].u_egress.cidx_q"},
    {kEgress, "dut.g_egress[%e].u_egress.out_valid_o"},
    {kEgress, "dut.g_egress[%e].u_egress.out_data_o"},
    {kEgress, "dut.g_egress[%e].u_egress.out_ready_i"},
    // the config engine (rtl/fanout_cfg_engine.v)
    {kConfig, "dut.u_cfg_engine.cmd_valid_i"},
    {kConfig, "dut.u_cfg_engine.cmd_op_i"},
    {kConfig, "dut.u_cfg_engine.cmd_gid_i"},
    {kConfig, "dut.u_cfg_engine.req_i"},
    {kConfig, "dut.u_cfg_engine.grant_o"},
    {kConfig, "dut.u_cfg_engine.g_lane[%l].v_q"},
    {kConfig, "dut.u_cfg_engine.g_lane[%l].st_q"},
    {kConfig, "dut.u_cfg_engine.rd_addr_o"},
    {kConfig, "dut.u_cfg_engine.wr_en_o"},
    {kConfig, "dut.u_cfg_engine.wr_addr_o"},
    {kConfig, "dut.u_cfg_engine.wr_data_o"},
};

// The pins a mismatch names (fo_rtl_wave_name), below kRoot, with the range
// GTKWave shows (fixed by harness/fanout_tb.v).
struct Pin {
    const char* pin;
    const char* rtl;    // "%d": the port
    const char* model;
};
const Pin kPins[] = {
    {"in_ready", "port[%d].in_ready", "model.port[%d].in_ready"},
    {"out_valid", "port[%d].out_valid", "model.port[%d].out_valid"},
    {"out_data", "port[%d].out_data[63:0]", "model.port[%d].out_data[63:0]"},
    {"idle", "idle_o", "model.idle"},
    {"commit_valid", "lane[%d].commit_valid", "model.lane[%d].commit_valid"},
    {"commit_op", "lane[%d].commit_op[2:0]", "model.lane[%d].commit_op[2:0]"},
    {"commit_gid", "lane[%d].commit_gid[15:0]", "model.lane[%d].commit_gid[15:0]"},
    {"commit_bitmap", "lane[%d].commit_bitmap[63:0]", "model.lane[%d].commit_bitmap[63:0]"},
};

std::string subst(const char* path, int p, int e, int l) {
    std::string s;
    for (const char* c = path; *c; ++c) {
        if (c[0] == '%' && (c[1] == 'p' || c[1] == 'e' || c[1] == 'l')) {
            s += std::to_string(c[1] == 'p' ? p : c[1] == 'e' ? e : l);
            ++c;
        } else {
            s += *c;
        }
    }
    return s;
}

// A declared name without its bit range: "a.b[63:0]" -> "a.b".
std::string base_name(const std::string& n) {
    const size_t k = n.rfind('[');
    if (k != std::string::npos && n.back() == ']' && n.find(':', k) != std::string::npos)
        return n.substr(0, k);
    return n;
}

using Names = std::map<std::string, std::string>;  // base name -> name as GTKWave lists it

void add_name(Names* names, const std::vector<std::string>& scope, std::string var) {
    std::string full;
    for (const std::string& s : scope) full += s + ".";
    std::string v;
    for (char c : var)
        if (c != ' ') v += c;  // FST: "out_data [63:0]"
    full += v;
    names->emplace(base_name(full), full);
}

// The $scope/$var declarations of a VCD file (its header only).
bool vcd_names(const char* path, Names* names) {
    std::FILE* f = std::fopen(path, "r");
    if (!f) return false;
    std::vector<std::string> scope;
    char tok[4096];
    bool ok = false;
    while (std::fscanf(f, "%4095s", tok) == 1) {
        if (!std::strcmp(tok, "$scope")) {
            char type[64], name[4096];
            if (std::fscanf(f, "%63s %4095s", type, name) != 2) break;
            scope.push_back(name);
        } else if (!std::strcmp(tok, "$upscope")) {
            if (!scope.empty()) scope.pop_back();
        } else if (!std::strcmp(tok, "$var")) {
            char type[64], width[32], id[64], name[4096];
            if (std::fscanf(f, "%63s %31s %63s %4095s", type, width, id, name) != 4) break;
            std::string var = name;
            if (std::fscanf(f, "%4095s", tok) == 1 && std::strcmp(tok, "$end")) var += tok;
            add_name(names, scope, var);
        } else if (!std::strcmp(tok, "$enddefinitions")) {
            ok = true;
            break;
        }
    }
    std::fclose(f);
    return ok;
}

bool fst_names(const char* path, Names* names) {
#if FO_RTL_HAVE_FST
    void* ctx = fstReaderOpen(path);
    if (!ctx) return false;
    std::vector<std::string> scope;
    while (const fstHier* h = fstReaderIterateHier(ctx)) {
        if (h->htyp == FST_HT_SCOPE) scope.push_back(h->u.scope.name);
        else if (h->htyp == FST_HT_UPSCOPE && !scope.empty()) scope.pop_back();
        else if (h->htyp == FST_HT_VAR) add_name(names, scope, h->u.var.name);
    }
    fstReaderClose(ctx);
    return true;
#else
    (void)path;
    (void)names;
    return false;
#endif
}

// One trace line: the name as declared, in binary (1 bit), decimal (the
// cycle) or hex; a name the waveform lacks is written as is.
struct Writer {
    std::FILE* f;
    const Names& names;
    unsigned flags = 0;

    void set_flags(unsigned fl) {
        if (fl != flags) std::fprintf(f, "@%x\n", fl);
        flags = fl;
    }
    void begin(const std::string& label) {
        set_flags(0x800200);  // grp_begin | blank
        std::fprintf(f, "-%s\n", label.c_str());
    }
    void end(const std::string& label) {
        set_flags(0x1000200);  // grp_end | blank
        std::fprintf(f, "-%s\n", label.c_str());
    }
    void trace(const std::string& rel, bool dec) {
        const std::string base = kRoot + rel;
        const auto it = names.find(base);
        const std::string name = it == names.end() ? base : it->second;
        const bool vec = name != base_name(name) || it == names.end();
        set_flags(dec ? 0x24 : vec ? 0x22 : 0x28);  // dec/hex/bin | rjustify
        std::fprintf(f, "%s\n", name.c_str());
    }
    int lane = 0;  // the commit lane shown (%l)
    void group(const std::string& label, Stage st, int p, int e) {
        begin(label);
        for (const Signal& s : kSignals)
            if (s.stage == st) trace(subst(s.path, p, e, lane), st == kCycle && !std::strcmp(s.path, "cycle"));
        end(label);
    }
};

// An absolute path (the save file does not exist yet: no realpath).
std::string absolute(const char* path) {
    if (path[0] == '/') return path;
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) return path;
    return std::string(cwd) + "/" + (std::strncmp(path, "./", 2) ? path : path + 2);
}

}  // namespace

extern "C" {

const char* fo_rtl_wave_name(const char* pin, int port, int model, char* buf, size_t n) {
    if (!buf || !n) return buf;
    buf[0] = 0;
    for (const Pin& p : kPins) {
        if (!pin || std::strcmp(pin, p.pin)) continue;
        char rel[128];
        std::snprintf(rel, sizeof rel, model ? p.model : p.rtl, port);
        std::snprintf(buf, n, "%s%s", kRoot, rel);
    }
    return buf;
}

int fo_rtl_write_view(const char* wave, int fst, const char* save, const fo_wave_focus* fo,
                      fo_error* err) {
    Names names;
    if (!(fst ? fst_names(wave, &names) : vcd_names(wave, &names))) {
        if (err) std::snprintf(err->msg, sizeof err->msg, "%s: cannot read the waveform's signals", wave);
        return FO_EIO;
    }
    const std::string tmp = std::string(save) + ".tmp";
    std::FILE* f = std::fopen(tmp.c_str(), "w");
    if (!f) {
        if (err) std::snprintf(err->msg, sizeof err->msg, "%s: cannot write", save);
        return FO_EIO;
    }
    // GTKWave shows 2^-z / 200 time units a pixel at zoom z: about 40 cycles in the
    // ~880-pixel wave pane of a 1600-pixel window ([size] below).  A view that would
    // run past the end of the waveform is reset to its start, so the view begins 20
    // cycles before the marker, or early enough to end with the waveform.
    const uint64_t ps = FO_WAVE_PS_PER_CYCLE;
    const uint64_t span = 40, before = 20;  // cycles
    // The marker at the cycle's start: from there to its rising edge (+500 ps) every pin,
    // registered, combinational and the model's, shows that cycle's value.
    const uint64_t mark = fo->cycle * ps;
    uint64_t first = fo->cycle > before ? fo->cycle - before : 0;
    if (fo->to < first + 3 * span / 2) first = fo->to > 3 * span / 2 ? fo->to - 3 * span / 2 : 0;
    if (first < fo->from) first = fo->from;
    const uint64_t start = first * ps;
    const double zoom = -std::log2(static_cast<double>(span * ps) * 200.0 / 880.0);
    std::fprintf(f, "[*] fanout: the view of a co-simulation mismatch; open with: gtkwave WAVE THIS.gtkw\n");
    std::fprintf(f, "[*] time: cycle c of the trace is c ns (the clock rises at c.500 ns); "
                    "the signal `cycle` carries it; model.* is the C model's value of the pin above it\n");
    if (fo->what) std::fprintf(f, "[*] mismatch: %s\n", fo->what);
    std::fprintf(f, "[dumpfile] \"%s\"\n[savefile] \"%s\"\n", absolute(wave).c_str(), absolute(save).c_str());
    std::fprintf(f, "[timestart] %llu\n[size] 1600 900\n[pos] -1 -1\n", static_cast<unsigned long long>(start));
    std::fprintf(f, "*%.6f %llu", zoom, static_cast<unsigned long long>(mark));
    for (int i = 0; i < 26; ++i) std::fprintf(f, " -1");
    std::fprintf(f, "\n[treeopen] TOP.\n[treeopen] %s\n[sst_width] 280\n[signals_width] 420\n"
                    "[sst_expanded] 1\n[sst_vpaned_height] 300\n", kRoot);
    Writer w{f, names};
    w.lane = fo->lane;
    w.group("cycle", kCycle, 0, 0);
    const int in = fo->ingress, eg = fo->egress;
    const bool pin_in = fo->pin && !std::strcmp(fo->pin, "in_ready");
    if (eg >= 0) w.group("egress " + std::to_string(eg) + " pins: rtl, then model", kPinOut, in, eg);
    if (in >= 0 && (pin_in || eg < 0))
        w.group("ingress " + std::to_string(in) + " pins: rtl, then model", kPinIn, in, eg);
    if (fo->config) w.group("commit pins: rtl, then model", kPinCommit, in, eg);
    if (in >= 0) {
        const std::string p = " (ingress " + std::to_string(in) + ")";
        w.group("parser" + p, kParser, in, eg);
        w.group("lookup" + p, kLookup, in, eg);
        w.group("replicator" + p, kReplicator, in, eg);
    }
    if (eg >= 0) w.group("egress queue " + std::to_string(eg), kEgress, in, eg);
    if (fo->config) w.group("config engine", kConfig, in, eg);
    const bool bad = std::fclose(f) != 0;
    if (bad || std::rename(tmp.c_str(), save) != 0) {
        std::remove(tmp.c_str());
        if (err) std::snprintf(err->msg, sizeof err->msg, "%s: cannot write", save);
        return FO_EIO;
    }
    return FO_OK;
}

}  // extern "C"
