#!/usr/bin/env bash
# Measures what one analyzer adds to a whole run: alternating runs of
# `passthrough -disable NAME ./...` and `passthrough ./...` in a module
# from the proxy, medians and their ratio.
#
# usage: testdata/bench/analyzer-cost.sh NAME MODULE@VERSION [RUNS]
set -euo pipefail
name=$1 module=$2 runs=${3:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/passthrough" "$root/cmd/passthrough"
src=$(go mod download -json "$module" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
cp -r "$src" "$work/mod" && chmod -R u+w "$work/mod"
cd "$work/mod"
go mod download >/dev/null 2>&1 || true
# Without the results cache: a replayed run measures the cache, not the
# analyzer.
export PASSTHROUGH_CACHE=off
"$work/passthrough" ./... >/dev/null 2>&1 || true # warm the caches
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
without=() with=()
for _ in $(seq "$runs"); do
	without+=("$(seconds "$work/passthrough" -disable "$name" ./...)")
	with+=("$(seconds "$work/passthrough" ./...)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
a=$(median "${without[@]}") b=$(median "${with[@]}")
echo "module:  $module ($runs runs each, medians)"
echo "without $name: ${a}s"
echo "with $name:    ${b}s"
echo "ratio:   $(echo "scale=3; $b / $a" | bc)"
