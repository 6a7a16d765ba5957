// pins.h -- bit-field access to Verilated ports of any width.
//
// Verilator maps a packed port of W bits to CData (W <= 8), SData (<= 16),
// IData (<= 32), QData (<= 64) or VlWide<words> (> 64, 32-bit words, word 0
// the least significant).  The NPORTS-wide buses of fanout_switch take any of
// these depending on the configuration, so every access goes through
// get_bits()/set_bits(), which pick the representation at compile time.
#ifndef FANOUT_HARNESS_PINS_H
#define FANOUT_HARNESS_PINS_H

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "verilated.h"

namespace fo_pins {

// Config banks (commit lanes) of an n-port switch: the smallest power of two >= n.
inline unsigned fo_cfg_banks_n(unsigned n) {
    unsigned b = 1;
    while (b < n) b <<= 1;
    return b;
}

inline uint64_t mask64(unsigned width) {
    return width >= 64 ? ~0ULL : ((1ULL << width) - 1);
}

template <class T>
struct is_wide : std::false_type {};
template <std::size_t N>
struct is_wide<VlWide<N>> : std::true_type {
    static constexpr std::size_t words = N;
};

// Bits [lsb+width-1 : lsb] of a port (width <= 64).
template <class T>
inline uint64_t get_bits(const T& s, unsigned lsb, unsigned width) {
    if constexpr (std::is_integral<T>::value) {
        if (lsb >= 64) return 0;
        return (static_cast<uint64_t>(s) >> lsb) & mask64(width);
    } else {
        static_assert(is_wide<T>::value, "unexpected Verilated port type");
        constexpr unsigned nbits = 32 * is_wide<T>::words;
        uint64_t v = 0;
        unsigned got = 0;
        while (got < width && lsb + got < nbits) {
            const unsigned bit = lsb + got;
            const unsigned bo = bit & 31u;
            unsigned take = 32u - bo;
            if (take > width - got) take = width - got;
            const uint64_t chunk = (static_cast<uint64_t>(s.at(bit >> 5)) >> bo) & mask64(take);
            v |= chunk << got;
            got += take;
        }
        return v;
    }
}

// Sets bits [lsb+width-1 : lsb] of a port to v (width <= 64); the others keep
// their value.  Bits beyond the port are ignored.
template <class T>
inline void set_bits(T& s, unsigned lsb, unsigned width, uint64_t v) {
    v &= mask64(width);
    if constexpr (std::is_integral<T>::value) {
        if (lsb >= 64) return;
        const uint64_t m = mask64(width) << lsb;
        const uint64_t cur = static_cast<uint64_t>(s);
        s = static_cast<T>((cur & ~m) | ((v << lsb) & m));
    } else {
        static_assert(is_wide<T>::value, "unexpected Verilated port type");
        constexpr unsigned nbits = 32 * is_wide<T>::words;
        unsigned put = 0;
        while (put < width && lsb + put < nbits) {
            const unsigned bit = lsb + put;
            const unsigned bo = bit & 31u;
            unsigned take = 32u - bo;
            if (take > width - put) take = width - put;
            const uint32_t m = static_cast<uint32_t>(mask64(take) << bo);
            const uint32_t chunk = static_cast<uint32_t>(((v >> put) & mask64(take)) << bo);
            EData& w = s.at(bit >> 5);
            w = (w & ~m) | chunk;
            put += take;
        }
    }
}

// Width in bits that a port type can hold (for sanity checks).
template <class T>
constexpr unsigned capacity_bits() {
    if constexpr (std::is_integral<T>::value) {
        return 8 * sizeof(T);
    } else {
        return 32 * is_wide<T>::words;
    }
}

}  // namespace fo_pins

#endif  // FANOUT_HARNESS_PINS_H
