# tap.sh — tiny TAP helpers for the shell tests (sourced).
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
# not_ok DESCRIPTION [DETAIL…]: every line of the details becomes a TAP comment
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do printf '%s\n' "$l" | sed 's/^/#   /'; done; }
# expect DESCRIPTION CONDITION-COMMAND… : ok when the command succeeds
expect() { d=$1; shift; if "$@" >/dev/null 2>&1; then ok "$d"; else not_ok "$d" "command: $*"; fi; }
finish() { echo "1..$n"; echo "# $((n - failed)) passed, $failed failed"; [ "$failed" -eq 0 ]; }
