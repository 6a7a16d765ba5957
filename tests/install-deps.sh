#!/usr/bin/env bash
# Installs the Debian 12 packages fanout needs, if any is missing.
# Run as root (or with sudo) on a fresh machine; a no-op when all are there.
# Extra package names given as arguments are installed too (the benchmark
# report, docs/benchmarks.sh, adds gnuplot-nox).
set -euo pipefail
# clang + libclang-rt-14-dev: libFuzzer (tests/fuzz.sh); valgrind: the memcheck tests;
# xvfb: GTKWave opens the saved views without a display (tests/waves.sh);
# libxml2-utils: xmllint (JUnit schema check); lcov: genhtml (coverage HTML);
# slurm-wlm + munge: the Slurm test (tests/slurm)
pkgs=(gcc g++ make cmake zlib1g-dev libcmocka-dev verilator libsystemc-dev iverilog yosys gtkwave
      xvfb clang libclang-rt-14-dev valgrind libxml2-utils lcov slurm-wlm munge "$@")
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "install-deps: missing packages and not root: apt-get install ${missing[*]}" >&2; exit 2; fi
else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
