#!/usr/bin/env bash
# Measures passthrough on a real module against two floors, in one run,
# alternating, and prints wall time and peak memory (medians) with ratios
# to the type-check floor:
#   type-check  go/packages LoadAllSyntax of the module and its
#               dependencies, nothing else (testdata/bench/typecheck);
#   ssa-only    the same, plus the x/tools checker building SSA for every
#               package with a fact type (testdata/bench/ssaonly);
#   passthrough the command, all analyzers, without its results cache.
# Then the command with its results cache: empty, again on the same tree,
# and after a change to one file.
# Then, unless VET=0, go vet -vettool=passthrough with an empty build
# cache (cold) and again with the cache it filled (warm): the go
# command's per-package caching of analysis results.
#
# usage: testdata/bench/run.sh [MODULE@VERSION] [RUNS]
# default: github.com/github/github-mcp-server@v0.30.0, 3 runs each.
set -euo pipefail
module=${1:-github.com/github/github-mcp-server@v0.30.0}
runs=${2:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

(cd "$root" && go build -o "$work/passthrough" ./cmd/passthrough)
(cd "$root/testdata/bench" && go build -o "$work/ssaonly" ./ssaonly && go build -o "$work/typecheck" ./typecheck)

src=$(go mod download -json "$module" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
cp -r "$src" "$work/mod" && chmod -R u+w "$work/mod"
cd "$work/mod"
go mod download >/dev/null 2>&1 || true
"$work/ssaonly" ./... >/dev/null 2>&1 || true # warm the build and file caches

measure() { # prints "seconds kilobytes"
	/usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
	tail -n 1 "$work/time" # time prefixes a line when the command exits non-zero (findings)
}
declare -a tc_t tc_m ssa_t ssa_m pt_t pt_m
for i in $(seq "$runs"); do
	read -r t m < <(measure "$work/typecheck" ./...); tc_t+=("$t"); tc_m+=("$m")
	read -r t m < <(measure "$work/ssaonly" ./...); ssa_t+=("$t"); ssa_m+=("$m")
	read -r t m < <(measure "$work/passthrough" -cache=off ./...); pt_t+=("$t"); pt_m+=("$m")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
tt=$(median "${tc_t[@]}"); tm=$(median "${tc_m[@]}")
row() { # name seconds kilobytes
	awk -v n="$1" -v t="$2" -v m="$3" -v tt="$tt" -v tm="$tm" \
		'BEGIN { printf "%-12s %7.1fs %7d MiB   time %.2fx  memory %.2fx\n", n, t, m/1024, t/tt, m/tm }'
}
echo "module: $module ($runs runs each, medians; ratios to the type-check floor)"
row type-check "$tt" "$tm"
row ssa-only "$(median "${ssa_t[@]}")" "$(median "${ssa_m[@]}")"
row passthrough "$(median "${pt_t[@]}")" "$(median "${pt_m[@]}")"

# The results cache: an empty one, then the same tree again, then after a
# one-line change to the first Go file of the module's first package.
results=$(mktemp -d "$work/results.XXXX")
read -r t1 m1 < <(measure "$work/passthrough" -cache="$results" ./...)
read -r t2 m2 < <(measure "$work/passthrough" -cache="$results" ./...)
first=$(go list -f '{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}' ./... 2>/dev/null | awk 'NR == 1')
echo "// changed" >>"$first"
read -r t3 m3 < <(measure "$work/passthrough" -cache="$results" ./...)
echo "results cache: empty ${t1}s $((m1 / 1024)) MiB; unchanged tree ${t2}s $((m2 / 1024)) MiB; after changing ${first#"$work/mod/"} ${t3}s $((m3 / 1024)) MiB"

if [ "${VET:-1}" != 0 ]; then
	# Peak memory is that of the largest process (go vet runs one tool
	# process per package).
	cache=$(mktemp -d "$work/gocache.XXXX")
	read -r t m < <(GOCACHE=$cache measure go vet -vettool="$work/passthrough" ./...)
	echo "go vet, empty build cache:   ${t}s  largest process $((m / 1024)) MiB"
	read -r t m < <(GOCACHE=$cache measure go vet -vettool="$work/passthrough" ./...)
	echo "go vet, again (warm cache):  ${t}s  largest process $((m / 1024)) MiB"
fi
