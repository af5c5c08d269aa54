#!/bin/sh
# bench/run.sh — la4ai's performance targets, measured side by side with their baselines.
#
#   feedback: `la4ai check gram_schmidt` on the reference solution (warm) against compiling
#             and linking that same file alone with the same compiler and flags. Target ≤ 1.3×.
#   start-up: `la4ai list` with every written week loaded, against `true`. Target ≪ 50 ms.
#
# Usage: sh bench/run.sh [RUNS]   (default 15; the median of the runs is reported)
set -eu
cd "$(dirname "$0")/.."
runs=${1:-15}
[ -x build/la4ai ] || { echo "build first: sh bootstrap.sh test (or meson compile -C build)"; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LA4AI_PROGRESS_DIR="$tmp/progress" LA4AI_LEARNER=bench

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# time_runs N CMD… : prints the median wall time in ms
time_runs() {
    k=$1; shift
    i=0
    while [ $i -lt "$k" ]; do
        s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
        echo $(( (e - s) / 1000 ))
        i=$((i + 1))
    done | median | awk '{printf "%.1f", $1/1000}'
}

ref=graders/week02/gram_schmidt/reference.c
cc=$(sed -n 's/#define LA4AI_CC "\(.*\)"/\1/p' build/la4ai_config.h)
flags="-std=c11 -g -O1 -fno-omit-frame-pointer -Wall -Wextra -fsanitize=address,undefined -fno-sanitize-recover=all -Iexercises"
printf 'int main(void) { return 0; }\n' >"$tmp/main.c"
$cc $flags -c "$tmp/main.c" -o "$tmp/main.o"
link=$(sed -n 's/#define LA4AI_LINK_FLAGS "\(.*\)"/\1/p' build/la4ai_config.h)
# the file alone, with the same compiler and flags — the default linker, and the one la4ai uses
baseline() { $cc $flags "$ref" "$tmp/main.o" -Wl,--unresolved-symbols=ignore-all -lm -o "$tmp/alone"; }
baseline_same_linker() { $cc $flags $link "$ref" "$tmp/main.o" -Wl,--unresolved-symbols=ignore-all -lm -o "$tmp/alone"; }
check() { build/la4ai check gram_schmidt --file "$ref"; }

baseline; check >/dev/null 2>&1 || true   # warm the caches
b=$(time_runs "$runs" baseline)
g=$(time_runs "$runs" baseline_same_linker)
c=$(time_runs "$runs" check)
l=$(time_runs "$runs" build/la4ai list)
t=$(time_runs "$runs" true)
printf '%-44s %10s %10s %8s %8s\n' "benchmark (median of $runs)" "la4ai ms" "base ms" ratio target
printf '%-44s %10s %10s %8s %8s\n' "check gram_schmidt vs cc+link of the file" "$c" "$b" \
    "$(awk "BEGIN{printf \"%.2f\", $c/$b}")" "≤ 1.30"
printf '%-44s %10s %10s %8s %8s\n' "  … the same, both linked by ${link#-fuse-ld=}" "$c" "$g" \
    "$(awk "BEGIN{printf \"%.2f\", $c/$g}")" "≤ 1.30"
printf '%-44s %10s %10s %8s %8s\n' "list (all weeks loaded) vs true" "$l" "$t" \
    "$(awk "BEGIN{printf \"%.1f\", $l/($t>0?$t:1)}")" "< 50 ms"
