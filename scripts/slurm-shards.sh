#!/usr/bin/env bash
# Renders the project's notebooks as a Slurm job array through a shared HTTP cache, then
# publishes the site from the cache alone and checks it against output/ byte for byte: the
# sharded workflow of README "A cache shared by machines", on a real scheduler. Not part of CI.
#
# With CLUSTER=local (the default) it first starts a one-node cluster on this machine: munge,
# slurmctld and slurmd (Debian's `munge` and `slurm-wlm`, installed with apt when missing),
# configured in a scratch folder, plus nginx as the cache (scripts/cache-server.sh); everything
# is stopped at the end. With CLUSTER=existing it submits to the cluster `sbatch` already
# reaches, and REMOTE_CACHE must name a cache every node can reach.
#
#   bash scripts/slurm-shards.sh            # TASKS=3 array tasks by default
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
lemma=$repo/.build/release/lemma
[ -x "$lemma" ] || { echo "build first: make build-lemma" >&2; exit 1; }
tasks=${TASKS:-3}
cluster=${CLUSTER:-local}
work=$(mktemp -d /tmp/lemma-slurm.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  wait 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$cluster" = local ]; then
  if ! command -v slurmctld > /dev/null || ! command -v munged > /dev/null; then
    echo "Installing slurm-wlm and munge (Debian packages)..."
    sudo=""; [ "$(id -u)" != 0 ] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq slurm-wlm munge > /dev/null
  fi
  # munge: a key of our own and a socket in the scratch folder.
  mkdir -p "$work/munge"
  dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 2> /dev/null
  chmod 600 "$work/munge/munge.key"
  socket=$work/munge/munge.socket
  munged --force --key-file="$work/munge/munge.key" --socket="$socket" \
    --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" --seed-file="$work/munge/seed"
  pids+=("$(cat "$work/munge/munged.pid")")
  host=$(hostname -s)
  mkdir -p "$work/slurm/state" "$work/slurm/spool"
  cat > "$work/slurm/slurm.conf" <<CONF
ClusterName=lemma
SlurmctldHost=$host
SlurmUser=$(id -un)
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
SlurmctldPort=$((17000 + RANDOM % 1000))
SlurmdPort=$((18000 + RANDOM % 1000))
SlurmctldPidFile=$work/slurm/slurmctld.pid
SlurmdPidFile=$work/slurm/slurmd.pid
StateSaveLocation=$work/slurm/state
SlurmdSpoolDir=$work/slurm/spool
SlurmctldLogFile=$work/slurm/slurmctld.log
SlurmdLogFile=$work/slurm/slurmd.log
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=lemma Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF=$work/slurm/slurm.conf
  slurmctld -D -i > "$work/slurm/ctld.out" 2>&1 &
  pids+=($!)
  slurmd -D > "$work/slurm/d.out" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do sinfo -h -o %t 2> /dev/null | grep -q idle && break; sleep 0.2; done
  sinfo -h -o %t | grep -q idle || { cat "$work"/slurm/*.log "$work"/slurm/*.out >&2; echo "slurm did not start" >&2; exit 1; }
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  bash scripts/cache-server.sh "$work/nginx" "$port" > /dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" 2> /dev/null && break; sleep 0.1; done
  curl -s -o /dev/null "http://127.0.0.1:$port/" || { echo "nginx did not start" >&2; exit 1; }
  remote=http://127.0.0.1:$port
else
  remote=${REMOTE_CACHE:?set REMOTE_CACHE to a cache URL every node reaches}
fi

# Each array task renders its shard in a copy of its own with an empty local cache, as a
# machine of its own would.
cat > "$work/shard.sh" <<JOB
#!/usr/bin/env bash
set -euo pipefail
index=\$((SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN + 1))
copy=$work/task-\$index
mkdir -p "\$copy"
cp -r "$repo/notebooks" "$repo/lemma.yml" "\$copy/"
cd "\$copy"
"$lemma" render --shard "\$index/\$SLURM_ARRAY_TASK_COUNT" --jobs 1 --remote-cache "$remote"
JOB
chmod +x "$work/shard.sh"
start=$(date +%s)
sbatch --wait --array="1-$tasks" --cpus-per-task=1 --output="$work/task-%a.log" "$work/shard.sh"
echo "job array of $tasks tasks finished in $(( $(date +%s) - start )) s:"
cat "$work"/task-*.log

mkdir -p "$work/publisher"
cp -r notebooks lemma.yml "$work/publisher/"
(cd "$work/publisher" && "$lemma" publish --from-cache --remote-cache "$remote")
if diff -r -q "$work/publisher/output" "$repo/output"; then
  echo "the site published from the cache is byte-identical to output/"
else
  echo "the site published from the cache differs from output/" >&2
  exit 1
fi
