#!/usr/bin/env bash
# Compares two revisions of passthrough on a real module, in one run,
# alternating, and prints median wall time, CPU time and peak memory of
# each, with the ratios B/A. Use it to check that a change costs what it
# should ("no more than 5% slower than before").
#
# usage: testdata/bench/compare.sh REV_A REV_B [MODULE@VERSION] [RUNS]
# e.g.:  testdata/bench/compare.sh 32f7457 HEAD github.com/stacklok/toolhive@v0.10.0 3
set -euo pipefail
rev_a=${1:?usage: compare.sh REV_A REV_B [MODULE@VERSION] [RUNS]}
rev_b=${2:?usage: compare.sh REV_A REV_B [MODULE@VERSION] [RUNS]}
module=${3:-github.com/github/github-mcp-server@v0.30.0}
runs=${4:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for side in a b; do
	rev=rev_$side
	mkdir -p "$work/src-$side"
	git -C "$root" archive "${!rev}" | tar -x -C "$work/src-$side"
	(cd "$work/src-$side" && go build -o "$work/passthrough-$side" ./cmd/passthrough)
done

src=$(go mod download -json "$module" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
cp -r "$src" "$work/mod" && chmod -R u+w "$work/mod"
cd "$work/mod"
go mod download >/dev/null 2>&1 || true
"$work/passthrough-a" ./... >/dev/null 2>&1 || true # warm the build and file caches

# The results cache is off (revisions before it ignore the variable):
# a run replayed from it would measure the cache, not the analysis.
export PASSTHROUGH_CACHE=off
measure() { # appends "wall cpu kilobytes" to $2
	/usr/bin/time -f "%e %U %S %M" -o "$work/time" "$1" ./... >/dev/null 2>&1 || true
	tail -n 1 "$work/time" | awk '{print $1, $2 + $3, $4}' >>"$2" # time prefixes a line when the tool exits 1 (findings)
}
for i in $(seq "$runs"); do
	measure "$work/passthrough-a" "$work/a"
	measure "$work/passthrough-b" "$work/b"
done
median() { awk -v c="$1" '{print $c}' "$2" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "module: $module ($runs runs each, alternating, medians)"
for side in a b; do
	rev=rev_$side
	printf '%s %-12s wall %7.2fs  cpu %7.2fs  %6d MiB\n' "$side" "${!rev}" "$(median 1 "$work/$side")" "$(median 2 "$work/$side")" "$(($(median 3 "$work/$side") / 1024))"
done
awk -v wa="$(median 1 "$work/a")" -v wb="$(median 1 "$work/b")" -v ca="$(median 2 "$work/a")" -v cb="$(median 2 "$work/b")" \
	-v ma="$(median 3 "$work/a")" -v mb="$(median 3 "$work/b")" \
	'BEGIN { printf "b/a: wall %.3fx  cpu %.3fx  memory %.3fx\n", wb/wa, cb/ca, mb/ma }'
