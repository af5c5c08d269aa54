#!/bin/sh
# cli.sh LA4AI — the command line end to end, as a learner and as a script would use it,
# against a copy of the course and a temporary progress folder. Prints TAP.
set -u
la4ai=$1
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
. "$here/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root="$tmp/course"
mkdir -p "$root"
cp -R "$src/lessons" "$src/exercises" "$src/graders" "$root/"
export LA4AI_ROOT="$root" LA4AI_PROGRESS_DIR="$tmp/progress" LA4AI_LEARNER=bea
stub="$root/exercises/week01/vec_basics.c"
ref="$root/graders/week01/vec_basics/reference.c"
fx="$here/fixtures"
run() { "$la4ai" "$@" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"; }
rc() { cat "$tmp/rc"; }
has() { grep -q -- "$1" "$tmp/out" "$tmp/err"; }

# --- help and usage
run --help; expect "--help lists the commands" sh -c "[ $(rc) -eq 0 ] && grep -q check '$tmp/out'"
for c in list show check watch hint solution reset progress lab validate answer; do
    run "$c" --help; expect "$c --help" sh -c "[ $(rc) -eq 0 ] && grep -q usage '$tmp/out'"
done
run frobnicate; expect "an unknown command exits 2" [ "$(rc)" -eq 2 ]
run check; expect "check without an exercise exits 2" [ "$(rc)" -eq 2 ]
run check no_such_thing; expect "check of an unknown exercise exits 2" [ "$(rc)" -eq 2 ]

# --- list
run list --json
expect "list --json names vec_basics with its week, lesson, file and status" sh -c \
    "grep -q '\"id\":[[:space:]]*\"vec_basics\"' '$tmp/out' && grep -q '\"file\":[[:space:]]*\"exercises/week01/vec_basics.c\"' '$tmp/out' && grep -q '\"status\":[[:space:]]*\"not-started\"' '$tmp/out' && grep -q '\"lesson\"' '$tmp/out'"
run list; expect "list shows the weeks and what comes next" sh -c "grep -q 'Week 1' '$tmp/out' && grep -q 'Next:' '$tmp/out' && grep -q coming '$tmp/out'"

# --- check: the stub fails, with a hint; the attempt is recorded
run check vec_basics; expect "check of the stub exits 1" [ "$(rc)" -eq 1 ]
expect "a failing check shows a test that failed and the first hint" sh -c "grep -q '✗' '$tmp/out' && grep -q 'Hint 1 of' '$tmp/out'"
run check vec_basics --json
expect "check --json has id, passed, compile, tests" sh -c \
    "[ $(rc) -eq 1 ] && grep -q '\"id\":\"vec_basics\"' '$tmp/out' && grep -q '\"passed\":false' '$tmp/out' && grep -q '\"compile\":{\"ok\":true' '$tmp/out' && grep -q '\"tests\":\[{\"name\"' '$tmp/out' && grep -q '\"status\":\"fail\"' '$tmp/out'"
run progress --json; expect "attempts are recorded" grep -q '"attempts":[[:space:]]*2' "$tmp/out"

# --- solution before a pass is refused; after a pass it is shown
run solution vec_basics; expect "solution before a pass is refused (exit 1)" [ "$(rc)" -eq 1 ]
cp "$ref" "$stub"
run check vec_basics; expect "check of a right solution exits 0" sh -c "[ $(rc) -eq 0 ] && grep -q 'Passed' '$tmp/out'"
run list --json; expect "list --json shows it passed" grep -q '"status":[[:space:]]*"passed"' "$tmp/out"
run solution vec_basics; expect "solution after a pass shows the reference" sh -c "[ $(rc) -eq 0 ] && grep -q vec_dot '$tmp/out'"

# --- hints
run hint gauss_solve; expect "hint shows hint 1" sh -c "[ $(rc) -eq 0 ] && grep -q 'Hint 1 of' '$tmp/out'"
run hint gauss_solve; expect "hint again shows hint 2" grep -q 'Hint 2 of' "$tmp/out"
run hint gauss_solve --all; expect "hint --all shows the hints seen" sh -c "grep -q 'Hint 1 of' '$tmp/out' && grep -q 'Hint 2 of' '$tmp/out'"

# --- reset asks first, keeps a backup, restores the stub
echo n | "$la4ai" reset vec_basics >"$tmp/out" 2>&1
expect "reset answered no changes nothing" cmp -s "$ref" "$stub"
run reset vec_basics --yes
expect "reset --yes restores the stub" grep -q TODO "$stub"
expect "reset kept the learner's file as a backup" sh -c "ls '$tmp/progress/backups/' | grep -q '^vec_basics-'"

# --- misbehaving solutions: each fails with a message naming what happened, within seconds
misbehave() { # fixture, text the report must hold, description
    run check vec_basics --file "$fx/$1.c" --json --timeout 2
    if [ "$(rc)" -eq 1 ] && grep -q -- "$2" "$tmp/out"; then ok "$3"
    else not_ok "$3" "exit $(rc)" "$(head -c 1500 "$tmp/out")" "$(head -c 300 "$tmp/err")"; fi
}
misbehave calls_exit "called exit(0)" "a stub calling exit(0) fails, and says so"
misbehave calls_uexit "did not run to its end" "a stub ending the process unseen cannot pass"
misbehave loops_forever "did not finish within 2 s" "an endless loop is stopped and named"
misbehave overflows "heap-buffer-overflow in vec_axpy at" "a buffer overflow names the function and line"
misbehave floods_output "printed [0-9]* bytes in all" "a flood of output is capped"
misbehave eats_memory "memory limit" "unbounded allocation is stopped and named"
misbehave forks "called fork()" "fork() is refused and named"
misbehave crashes "null pointer\|SEGV\|segmentation" "a NULL dereference is named"
run check vec_basics --file "$fx/loops_forever.c" --json --timeout 2
expect "other tests still report after one loops" grep -q '"status":"pass"' "$tmp/out"
run check vec_basics --file "$fx/does_not_compile.c" --json
expect "a compile error is reported with file:line" sh -c \
    "[ $(rc) -eq 1 ] && grep -q '\"ok\":false' '$tmp/out' && grep -q 'does_not_compile.c:7:' '$tmp/out'"
run check vec_basics --file "$fx/missing_function.c"
expect "a missing function is named" sh -c "[ $(rc) -eq 1 ] && grep -q 'vec_angle() is not defined' '$tmp/out'"

# --- practice answers
q=$(python3 -c "
import json, sys
w = json.load(open('$root/lessons/week01.json'))
for l in w['lessons']:
    for s in l['sections']:
        if s['type'] == 'question' and s['kind'] == 'choice':
            print(s['id'], s['answer'], len(s['choices'])); sys.exit()")
set -- $q
qid=$1 right=$(printf "\\$(printf %o $((97 + $2)))") wrong=$(printf "\\$(printf %o $((97 + ($2 + 1) % $3)))")
run answer "$qid" "$wrong"; expect "a wrong answer exits 1" [ "$(rc)" -eq 1 ]
run answer "$qid" "$right"; expect "a right answer exits 0" [ "$(rc)" -eq 0 ]
run answer "$qid" "zzz"; expect "an unreadable answer exits 2" [ "$(rc)" -eq 2 ]
expect "answers are recorded" grep -q "\"$qid\"" "$tmp/progress/bea.json"

# --- show marks a lesson read
lesson=$(python3 -c "import json; print(json.load(open('$root/lessons/week01.json'))['lessons'][1]['id'])")
run show "$lesson"; expect "show prints a lesson" sh -c "[ $(rc) -eq 0 ] && grep -q 'Watch' '$tmp/out'"
run progress --json; expect "and marks it read" grep -q '"lessons_read":[[:space:]]*1' "$tmp/out"

# --- a corrupted progress file is set aside and the last good copy restored
cp "$tmp/progress/bea.json" "$tmp/good.json"
printf '{"format": 1, "exercises": {' >"$tmp/progress/bea.json"
run progress --json
expect "a corrupted progress file is reported" sh -c "[ $(rc) -eq 0 ] && grep -qi 'corrupt\|could not be read' '$tmp/err'"
expect "the corrupted file is kept aside" sh -c "ls '$tmp/progress' | grep -q 'bea.json.corrupt-'"

# --- data sets: status, and a fetch that either verifies or says clearly it could not
run data status
expect "data status lists the data sets and their substitutes" sh -c \
    "[ $(rc) -eq 0 ] && grep -q fashion-mnist '$tmp/out' && grep -q ml-100k '$tmp/out' && grep -q mall '$tmp/out'"
run data fetch nonsense; expect "data fetch of an unknown set exits 2" [ "$(rc)" -eq 2 ]
LA4AI_DATA_DIR="$tmp/data" "$la4ai" data fetch ml-100k >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"
expect "data fetch verifies the download or says why it could not" sh -c \
    "{ [ $(rc) -eq 0 ] && grep -q verified '$tmp/out'; } || { [ $(rc) -eq 1 ] && grep -q 'could not download\|not installed' '$tmp/err'; }"

# --- validate catches a broken lesson file with file:line:col
printf '{\n  "format": 1,\n  "week": 2,\n  "title": oops\n}\n' >"$root/lessons/week02.json"
run validate
expect "validate reports a syntax error as file:line:col" sh -c \
    "[ $(rc) -eq 1 ] && grep -q 'lessons/week02.json:4:' '$tmp/err'"
finish
