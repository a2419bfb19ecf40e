#!/usr/bin/env bash
# A one-node Slurm cluster on localhost, started and torn down here: munged
# with a fresh key, slurmctld and slurmd as root with every file in a
# temporary directory. It runs deploy/slurm/submit.sh: a 4-task job array
# coding the sample corpus into one SQLite file per task, then the merge
# job (--dependency=afterok). The combined store must equal a
# single-process run (tests/cluster/compare_stores.py).
#
#   tests/cluster/slurm_test.sh BUILD/khaldun [SHARED_DIR]
#
# Needs root and Debian's slurm-wlm, slurmctld, slurmd and munge; exits 77
# (skipped) without them.
set -euo pipefail
bin=$(realpath "$1")
shared=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
for tool in munged slurmctld slurmd sbatch squeue scontrol; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "slurm_test: $tool not installed (apt-get install slurm-wlm slurmctld slurmd munge); skipped"
    exit 77
  fi
done
if [ "$(id -u)" -ne 0 ]; then
  echo "slurm_test: slurmd must run as root; skipped"
  exit 77
fi

tmp=$(mktemp -d /tmp/khaldun-slurm-XXXXXX)
chmod 755 "$tmp"
cleanup() {
  set +e
  for daemon in slurmd slurmctld munged; do
    if [ -f "$tmp/$daemon.pid" ]; then
      pid=$(cat "$tmp/$daemon.pid")
      kill "$pid" 2>/dev/null
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null
    fi
  done
  if [ "${KHALDUN_KEEP_SLURM_DIR:-0}" = "1" ]; then
    echo "slurm_test: kept $tmp"
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
host=$(hostname -s)
cpus=$(nproc)
ctld_port=$(free_port)
slurmd_port=$(free_port)
mkdir -p "$tmp/munge" "$tmp/state" "$tmp/spool" "$tmp/log" "$tmp/work"

# munge: a fresh key, its own socket, run as root (--force: the key and
# socket are root's, not munge's).
dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
chmod 600 "$tmp/munge/munge.key"
chmod 700 "$tmp/munge"
munged --force --key-file="$tmp/munge/munge.key" --socket="$tmp/munge/munge.socket" \
  --pid-file="$tmp/munged.pid" --log-file="$tmp/log/munged.log" --seed-file="$tmp/munge/seed"

cat >"$tmp/slurm.conf" <<CONF
ClusterName=khaldun-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge/munge.socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool/slurmd-%n
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
MinJobAge=300
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
CONF
export SLURM_CONF="$tmp/slurm.conf"
slurmctld -c -f "$SLURM_CONF"   # -c: no saved state
slurmd -f "$SLURM_CONF" -N "$host"

# Wait for the node to be idle.
for i in $(seq 60); do
  state=$(sinfo -h -N -o %t 2>/dev/null | head -1 || true)
  [ "$state" = "idle" ] && break
  if [ "$i" -eq 60 ]; then
    echo "slurm_test: the node did not come up (state '$state')" >&2
    tail -20 "$tmp/log/slurmctld.log" "$tmp/log/slurmd.log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "slurm_test: cluster up ($host, $cpus CPUs)"

cd "$root"
inputs="$root/examples/corpus"
if [ -n "$shared" ] && [ -f "$shared/seed/article.txt" ]; then inputs+=" $(realpath "$shared/seed/article.txt")"; fi
# The reference: one process over the same inputs.
# shellcheck disable=SC2086
"$bin" run --db "$tmp/single.db" $inputs

cd "$tmp/work"
out=$(KHALDUN="$bin" KHALDUN_INPUTS="$inputs" KHALDUN_DB="$tmp/work/shards" \
  KHALDUN_OUT="$tmp/work/merged.db" "$root/deploy/slurm/submit.sh" 4)
echo "slurm_test: $out"
merge_job=$(echo "$out" | sed -n 's/.*merge job \([0-9]*\).*/\1/p')
for i in $(seq 600); do
  if ! squeue -h -j "$merge_job" 2>/dev/null | grep -q .; then break; fi
  if [ "$i" -eq 600 ]; then
    echo "slurm_test: jobs still queued after 5 minutes" >&2
    squeue >&2
    exit 1
  fi
  sleep 0.5
done
state=$(scontrol show job "$merge_job" | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
echo "slurm_test: merge job $merge_job $state"
cat khaldun-code-*.out khaldun-merge-*.out
[ "$state" = "COMPLETED" ] || { echo "slurm_test: merge job $state" >&2; exit 1; }
n=0
for k in 0 1 2 3; do
  [ -f shards/shard-$k.db ] || { echo "slurm_test: shard $k missing" >&2; exit 1; }
  n=$((n + 1))
done
python3 "$here/compare_stores.py" --min-articles 10 "$tmp/single.db" "$tmp/work/merged.db"

# srun inside one job of two tasks: each task takes its shard from
# SLURM_PROCID/SLURM_NTASKS (the batch shell itself, which has them too,
# is not a step and would take the whole input).
# shellcheck disable=SC2086
mkdir -p "$tmp/work/srun"
srun_job=$(sbatch --parsable --ntasks=2 --output="$tmp/work/srun-%j.out" \
  --wrap "$bin run --db $tmp/work/srun/shard-{shard}.db $inputs; srun $bin run --db $tmp/work/srun/shard-{shard}-of-{shards}.db $inputs")
srun_job=${srun_job%%;*}
for i in $(seq 600); do
  if ! squeue -h -j "$srun_job" 2>/dev/null | grep -q .; then break; fi
  sleep 0.5
done
cat "$tmp"/work/srun-*.out
state=$(scontrol show job "$srun_job" | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
[ "$state" = "COMPLETED" ] || { echo "slurm_test: srun job $state" >&2; exit 1; }
# The batch shell stored everything in shard 0 of 1; the two srun tasks split it.
"$bin" merge "$tmp/work/srun-whole.db" "$tmp/work/srun/shard-0.db"
python3 "$here/compare_stores.py" "$tmp/single.db" "$tmp/work/srun-whole.db"
"$bin" merge "$tmp/work/srun-merged.db" "$tmp/work/srun/shard-0-of-2.db" "$tmp/work/srun/shard-1-of-2.db"
python3 "$here/compare_stores.py" "$tmp/single.db" "$tmp/work/srun-merged.db"
echo "slurm_test: passed"
