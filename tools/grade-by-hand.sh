#!/bin/sh
# grade-by-hand.sh WEEK ID [FILE] — build and run one grader without meson or la4ai, the way
# la4ai check does it (sanitizers on, guards force-included). For writing graders.
# FILE defaults to the stub exercises/weekWEEK/ID.c. Extra sources: LINKS="a.c b.c".
set -eu
week=$1 id=$2
root=$(cd "$(dirname "$0")/.." && pwd)
file=${3:-$root/exercises/week$week/$id.c}
out=$(mktemp -d)
flags="-std=c11 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
gcc $flags -Wall -Wextra -I"$root/exercises" -I"$root/graders/lib" -include "$root/graders/lib/la4guard.h" \
    -c "$file" -o "$out/learner.o"
for l in ${LINKS:-}; do gcc $flags -I"$root/exercises" -c "$l" -o "$out/$(basename "$l" .c).link.o"; done
gcc $flags -Wall -Wextra -pedantic -I"$root/exercises" -I"$root/graders/lib" \
    "$root/graders/week$week/$id/grader.c" "$root/graders/lib/la4grade.c" "$root/graders/lib/la4main.c" "$root/graders/lib/la4guard.c" \
    "$out"/*.o $(pkg-config --libs check) -lm -o "$out/grader"
cd "$out" && ASAN_OPTIONS=detect_leaks=0 ./grader; rc=$?
rm -rf "$out"
exit $rc
