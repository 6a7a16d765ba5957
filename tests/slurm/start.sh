#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, as root, for tests: installs
# slurm-wlm and munge if missing, writes a minimal slurm.conf into DIR, starts
# munged (if none runs), slurmctld and slurmd, and waits for the node to be idle.
#   tests/slurm/start.sh DIR     then: SLURM_CONF=DIR/slurm.conf sbatch ...
#   tests/slurm/start.sh --stop DIR   stops what it started (by the pids in DIR)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
if [ "${1:-}" = --stop ]; then
  dir=$2
  pids=()
  for p in slurmd slurmctld munged; do
    [ -s "$dir/$p.pid" ] && pids+=("$(cat "$dir/$p.pid")")
  done
  # daemons whose pid file is not (yet) written: found by our config's path
  for p in $(pgrep -f -- "-f $dir/slurm.conf" || true); do pids+=("$p"); done
  [ ${#pids[@]} -eq 0 ] && exit 0
  kill "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 1 20); do             # gone before the caller removes DIR
    kill -0 "${pids[@]}" 2>/dev/null || exit 0
    sleep 0.5
  done
  exit 0
fi
dir=$1
[ "$(id -u)" = 0 ] || { echo "slurm/start.sh: run as root" >&2; exit 2; }
"$top/tests/install-deps.sh" >/dev/null
mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
host=$(hostname -s)
cpus=$(nproc)
# Minimal single-node settings: root runs everything, no cgroups, no accounting.
cat > "$dir/slurm.conf" <<CONF
ClusterName=fanout
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/builtin
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
# munge: a key and a daemon (ours, with its own socket, unless one runs).
if [ ! -s /etc/munge/munge.key ]; then
  mkdir -p /etc/munge
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2>/dev/null
  chown munge:munge /etc/munge/munge.key 2>/dev/null || true
  chmod 400 /etc/munge/munge.key
fi
if ! pgrep -x munged >/dev/null; then
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge 2>/dev/null || true
  runuser -u munge -- /usr/sbin/munged
  pgrep -n -x -u munge munged > "$dir/munged.pid" || { echo "slurm/start.sh: munged did not start" >&2; exit 1; }
fi
for _ in $(seq 1 20); do               # munge answers before Slurm needs it
  munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break
  sleep 0.5
done
munge -n | unmunge >/dev/null || { echo "slurm/start.sh: munge does not work" >&2; exit 1; }
export SLURM_CONF=$dir/slurm.conf
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 1 30); do
  for d in slurmctld slurmd; do        # ours, not another cluster's answering on these ports
    if [ -s "$dir/$d.pid" ] && ! kill -0 "$(cat "$dir/$d.pid")" 2>/dev/null; then
      echo "slurm/start.sh: $d exited (ports 16817/16818 in use?):" >&2; tail -n 5 "$dir/$d.log" >&2; exit 1
    fi
  done
  if [ -s "$dir/slurmctld.pid" ] && [ -s "$dir/slurmd.pid" ] && sinfo -h -o '%t' 2>/dev/null | grep -qx idle; then
    echo "slurm/start.sh: node $host idle ($cpus CPUs); SLURM_CONF=$SLURM_CONF"; exit 0
  fi
  sleep 1
done
echo "slurm/start.sh: the node did not come up; sinfo: $(sinfo 2>&1 | tail -2)" >&2
tail -n 5 "$dir/slurmctld.log" "$dir/slurmd.log" >&2 || true
exit 1
