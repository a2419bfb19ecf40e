#!/bin/bash
# Submits a sharded re-coding: the array of N coding tasks, then the merge
# job, which starts only when every task has succeeded.
#
#   KHALDUN_INPUTS="/data/crawl /data/feeds" deploy/slurm/submit.sh 16
#   KHALDUN_DB=postgresql://coder@db/events KHALDUN_INPUTS=/data/crawl \
#     deploy/slurm/submit.sh 64 --partition=batch --cpus-per-task=8
#
# Extra arguments go to both sbatch calls (partition, account, time...).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
n=${1:?usage: submit.sh N_TASKS [sbatch options...]}
shift
array=$(sbatch --parsable --export=ALL --array="0-$((n - 1))" "$@" "$here/khaldun-array.sbatch")
array=${array%%;*}
merge=$(KHALDUN_SHARDS=$n sbatch --parsable --export=ALL --dependency="afterok:$array" "$@" \
  "$here/khaldun-merge.sbatch")
merge=${merge%%;*}
echo "array job $array ($n tasks), merge job $merge"
