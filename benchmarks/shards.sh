#!/usr/bin/env bash
# Rendering across machines, measured on one: the shipped notebooks rendered cold as 1, 2 and 4
# shards through a shared HTTP cache (nginx with WebDAV, scripts/cache-server.sh), each shard a
# separate copy of the project with its own empty local cache, the shards run as parallel
# processes (stand-ins for machines); then `lemma publish --from-cache` from another copy with an
# empty local cache (the final CI job), checked byte for byte against the committed output/.
# Needs `make build` and nginx (scripts/test-tools.sh installs nginx-light). Takes a few minutes:
# every shard set renders everything cold.
#
#   bash benchmarks/shards.sh            # SHARDS="1 2 4" by default
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
lemma=$repo/.build/release/lemma
[ -x "$lemma" ] || { echo "build first: make build" >&2; exit 1; }
shard_counts=${SHARDS:-1 2 4}
cores=$(nproc)
work=$(mktemp -d)
chmod 755 "$work"  # nginx's workers (nobody, when started by root) reach the store through it
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
bash scripts/cache-server.sh "$work/nginx" "$port" 512m > /dev/null 2>&1 &
server=$!
trap 'kill $server 2> /dev/null; wait $server 2> /dev/null; rm -rf "$work"' EXIT
up=no
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" 2> /dev/null && { up=yes; break; }; sleep 0.1; done
[ "$up" = yes ] || { echo "nginx did not start: $(cat "$work/nginx/logs/error.log" 2> /dev/null)" >&2; exit 1; }
now() { python3 -c 'import time; print(time.perf_counter())'; }
copy() { mkdir -p "$1" && cp -r notebooks lemma.yml "$1/"; }

rows=()
for n in $shard_counts; do
  url="http://127.0.0.1:$port/run-$n"
  jobs=$(( cores / n > 0 ? cores / n : 1 ))
  start=$(now)
  pids=()
  for i in $(seq 1 "$n"); do
    copy "$work/n$n/shard-$i"
    (cd "$work/n$n/shard-$i" && /usr/bin/time -f "%e" -o ../time-$i "$lemma" render --shard "$i/$n" --jobs "$jobs" \
      --remote-cache "$url" > ../log-$i 2>&1) &
    pids+=($!)
  done
  failed=0
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  wall=$(python3 -c "print(f'{$(now) - $start:.1f}')")
  [ "$failed" = 0 ] || { echo "a shard of $n failed:" >&2; cat "$work/n$n"/log-* >&2; exit 1; }
  longest=$(cat "$work/n$n"/time-* | sort -n | tail -1)
  each=$(for i in $(seq 1 "$n"); do printf '%s (%s) ' "$(cat "$work/n$n/time-$i")" \
    "$(grep -c '^\[' "$work/n$n/log-$i")"; done)
  copy "$work/n$n/publisher"
  start=$(now)
  (cd "$work/n$n/publisher" && "$lemma" publish --from-cache --remote-cache "$url" > ../publish-log 2>&1) \
    || { cat "$work/n$n/publish-log" >&2; exit 1; }
  publish=$(python3 -c "print(f'{$(now) - $start:.2f}')")
  if diff -r -q "$work/n$n/publisher/output" "$repo/output" > /dev/null; then same=yes; else same=NO; fi
  rows+=("| $n | $jobs | $wall s | $each| $longest s | $publish s | $same |")
done

echo "Shards through a shared HTTP cache: $(ls notebooks/*.md | wc -l) shipped notebooks, $cores cores, $(date -u +%Y-%m-%d)"
echo
echo "| shards | --jobs each | wall, shards in parallel | each shard: s (notebooks) | longest shard | publish --from-cache | site = output/ |"
echo "| ---: | ---: | ---: | --- | ---: | ---: | --- |"
printf '%s\n' "${rows[@]}"
echo
echo "On k real machines a sharded render takes about its longest shard plus the publish job. Here the"
echo "shards share $cores cores, so running them at once cannot beat one shard using every core, and each"
echo "shard's time (measured while sharing) overstates what it would take on a machine of its own. The split"
echo "is by a hash of each path (stable, needs no coordination), not by cost: a shard's time is bounded below"
echo "by the heaviest notebook in it."
