#!/bin/bash
# Re-code a corpus with mpirun: RANKS processes of `khaldun run`, each
# taking its shard from OMPI_COMM_WORLD_RANK/SIZE (or PMI_RANK/PMI_SIZE
# under MPICH) and writing its own SQLite file, then one `khaldun merge`
# that combines them and merges repeated reports once (docs/cluster.md).
#
#   KHALDUN_INPUTS="/data/crawl" deploy/mpi/run.sh 8 --hostfile hosts
#   KHALDUN_DB=postgresql://coder@db/events KHALDUN_INPUTS=/data/crawl \
#     deploy/mpi/run.sh 32 --hostfile hosts
#
# Environment: KHALDUN_INPUTS (required; the same paths on every host),
# KHALDUN_DB (a postgresql:// URL, or a directory on shared storage for the
# shard files; default ./khaldun-shards), KHALDUN_OUT (the combined store,
# default ./khaldun.db), KHALDUN (the binary). Extra arguments go to mpirun
# (--hostfile, --map-by, --allow-run-as-root...).
set -euo pipefail
ranks=${1:?usage: run.sh RANKS [mpirun options...]}
shift
: "${KHALDUN_INPUTS:?set KHALDUN_INPUTS to the corpus paths}"
bin=${KHALDUN:-khaldun}
db=${KHALDUN_DB:-$PWD/khaldun-shards}
read -r -a inputs <<<"$KHALDUN_INPUTS"
case "$db" in
  postgres://* | postgresql://*)
    mpirun -np "$ranks" "$@" "$bin" run --db "$db" "${inputs[@]}"
    exec "$bin" db merge --db "$db"
    ;;
esac
mkdir -p "$db"
mpirun -np "$ranks" "$@" "$bin" run --db "$db/shard-{shard}.db" "${inputs[@]}"
shards=()
for ((k = 0; k < ranks; k++)); do shards+=("$db/shard-$k.db"); done
"$bin" merge "${KHALDUN_OUT:-$PWD/khaldun.db}" "${shards[@]}"
