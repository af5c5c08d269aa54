#!/bin/sh
# integration.sh LA4AI — for every exercise: the pristine stub compiles cleanly and fails its
# grader; the reference passes it. Also: the lesson files validate. Prints TAP.
set -u
la4ai=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LA4AI_PROGRESS_DIR="$tmp/progress" LA4AI_LEARNER=integration

if "$la4ai" validate >"$tmp/validate" 2>&1; then ok "la4ai validate"
else not_ok "la4ai validate" "$(cat "$tmp/validate")"; fi

ids=$("$la4ai" list --json | sed -n 's/^[[:space:]]*"id":[[:space:]]*"\([a-z0-9_]*\)".*/\1/p')
[ -n "$ids" ] || not_ok "la4ai list --json names the exercises"
for id in $ids; do
    "$la4ai" check "$id" --pristine --json >"$tmp/out" 2>"$tmp/err"; rc=$?
    if [ $rc -eq 1 ] && grep -q '"passed":false' "$tmp/out" && grep -q '"ok":true' "$tmp/out" \
        && grep -q '"status":"fail"\|"status":"error"' "$tmp/out"; then
        ok "$id: the pristine stub compiles and fails its grader"
    else
        not_ok "$id: the pristine stub compiles and fails its grader" "exit $rc" \
            "$(head -c 1500 "$tmp/out")" "$(head -c 500 "$tmp/err")"
    fi
    if grep -q '"compile":{"ok":true,"output":""' "$tmp/out"; then
        ok "$id: the pristine stub compiles without warnings"
    else
        not_ok "$id: the pristine stub compiles without warnings" "$(head -c 800 "$tmp/out")"
    fi
    "$la4ai" check "$id" --reference --json >"$tmp/out" 2>"$tmp/err"; rc=$?
    if [ $rc -eq 0 ] && grep -q '"passed":true' "$tmp/out"; then
        ok "$id: the reference passes its grader"
    else
        not_ok "$id: the reference passes its grader" "exit $rc" "$(head -c 3000 "$tmp/out")" \
            "$(head -c 500 "$tmp/err")"
    fi
done
finish
