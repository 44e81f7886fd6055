#!/usr/bin/env bash
# Measures passthrough against the SSA-only baseline on a real module, both
# in one run, alternating, and prints wall time and peak memory with ratios.
#
# usage: testdata/bench/run.sh [MODULE@VERSION] [RUNS]
# default: github.com/github/github-mcp-server@v0.30.0, 3 runs each.
set -euo pipefail
module=${1:-github.com/github/github-mcp-server@v0.30.0}
runs=${2:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/passthrough" "$root/cmd/passthrough"
(cd "$root/testdata/bench" && go build -o "$work/ssaonly" ./ssaonly)

src=$(go mod download -json "$module" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
cp -r "$src" "$work/mod" && chmod -R u+w "$work/mod"
cd "$work/mod"
go mod download >/dev/null 2>&1 || true
"$work/ssaonly" ./... >/dev/null 2>&1 || true # warm the build and file caches

measure() { # prints "seconds kilobytes"
	/usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
	tail -n 1 "$work/time" # time prefixes a line when the command exits non-zero (findings)
}
declare -a pt_t pt_m base_t base_m
for i in $(seq "$runs"); do
	read -r t m < <(measure "$work/ssaonly" ./...); base_t+=("$t"); base_m+=("$m")
	read -r t m < <(measure "$work/passthrough" ./...); pt_t+=("$t"); pt_m+=("$m")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
bt=$(median "${base_t[@]}"); bm=$(median "${base_m[@]}")
pt=$(median "${pt_t[@]}"); pm=$(median "${pt_m[@]}")
echo "module:      $module ($runs runs each, medians)"
echo "ssa-only:    ${bt}s  $((bm / 1024)) MiB"
echo "passthrough: ${pt}s  $((pm / 1024)) MiB"
awk -v pt="$pt" -v bt="$bt" -v pm="$pm" -v bm="$bm" 'BEGIN { printf "ratio:       time %.2fx  memory %.2fx\n", pt/bt, pm/bm }'
