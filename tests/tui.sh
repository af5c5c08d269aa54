#!/bin/sh
# tui.sh LA4AI — the terminal course driven as a learner would: the real binary in a tmux
# pane of 80×24, keys sent with send-keys, the screen read back with capture-pane, against a
# copy of the course and a temporary progress folder. Prints TAP. Every wait polls the screen
# (at most 20 s, 90 s for a check); nothing sleeps for long.
# LA4AI_SAVE_CAPTURES=1 also writes the screens to tests/captures/*.txt (for the README).
set -u
la4ai=$1
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
. "$here/tap.sh"
if ! command -v tmux >/dev/null 2>&1; then
    echo "1..0 # SKIP tmux is not installed"
    exit 0
fi
tmp=$(mktemp -d)
sock="la4ai-test-$$"
tm() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT
root="$tmp/course"
mkdir -p "$root"
cp -R "$src/lessons" "$src/exercises" "$src/graders" "$root/"
progress="$tmp/progress"
export LA4AI_ROOT="$root" LA4AI_PROGRESS_DIR="$progress" LA4AI_LEARNER=bea

# The "editor": puts the reference solution over the stub it is given.
cat >"$tmp/editor.sh" <<'EOF'
#!/bin/sh
f=$1
id=$(basename "$f" .c)
week=$(basename "$(dirname "$f")")
course=$(dirname "$(dirname "$(dirname "$f")")")
cp "$course/graders/$week/$id/reference.c" "$f"
EOF
chmod +x "$tmp/editor.sh"

# What to drive: the first exercise of the course, and a lesson with a choice question (its
# practice number, the right letter and a wrong one), from the course the binary loads.
"$la4ai" list --json >"$tmp/list.json" 2>/dev/null
python3 - "$tmp/list.json" "$root" >"$tmp/plan" <<'EOF'
import json, sys
exercises = json.load(open(sys.argv[1]))
weeks = sorted({e["week"] for e in exercises})
ex = exercises[0]
print(ex["id"], ex["lesson"])
for w in weeks:
    for lesson in json.load(open("%s/lessons/week%02d.json" % (sys.argv[2], w)))["lessons"]:
        n = 0
        for s in lesson["sections"]:
            if s["type"] != "question":
                continue
            n += 1
            if s["kind"] == "choice" and n <= 9:
                right = chr(97 + s["answer"])
                wrong = chr(97 + (s["answer"] + 1) % len(s["choices"]))
                print(lesson["id"], s["id"], n, right, wrong)
                sys.exit()
EOF
read -r ex ex_lesson qlesson qid qnum right wrong <<EOF
$(tr '\n' ' ' <"$tmp/plan")
EOF
stub="$root/$(python3 -c "import json,sys; print([e for e in json.load(open('$tmp/list.json')) if e['id']=='$ex'][0]['file'])")"

screen="$tmp/screen"
capture() { tm capture-pane -p -t t >"$screen" 2>/dev/null; }
# wait_for TEXT [SECONDS]: polls the screen until it shows TEXT (a grep pattern).
wait_for() {
    limit=$(( ${2:-20} * 10 )); i=0
    while [ "$i" -lt "$limit" ]; do
        capture
        grep -q -- "$1" "$screen" && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}
# gone TEXT: polls until TEXT is no longer on the screen.
gone() {
    i=0
    while [ "$i" -lt 200 ]; do
        capture
        grep -q -- "$1" "$screen" || return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}
keys() { tm send-keys -t t "$@"; }
type_text() { tm send-keys -t t -l "$1"; }
save() { # NAME: keeps the current screen for the README when asked to
    if [ -n "${LA4AI_SAVE_CAPTURES:-}" ]; then
        mkdir -p "$here/captures"
        capture
        cp "$screen" "$here/captures/$1.txt"
    fi
}
check() { # DESCRIPTION TEXT [SECONDS]
    if wait_for "$2" "${3:-20}"; then ok "$1"; else not_ok "$1" "waited for: $2" "$(cat "$screen")"; fi
}
json_true() { # PYTHON-EXPRESSION over the progress record p
    python3 -c "import json,sys; p=json.load(open('$progress/bea.json')); sys.exit(0 if ($1) else 1)" 2>/dev/null
}
# sane: the shell reads commands again and the terminal is back in cooked mode with echo.
sane() {
    keys "stty -a | tr ' ;' '\\n\\n' | grep -c -x -e icanon -e echo | sed 's/^/SANE-/'" Enter
    if wait_for "^SANE-2" 10; then ok "$1"; else not_ok "$1" "$(cat "$screen")"; fi
    keys "clear" Enter
    gone "SANE-2" >/dev/null
}
la4ai_pid() {
    shell=$(tm display-message -p -t t '#{pane_pid}')
    { pgrep -P "$shell" 2>/dev/null || ps -o pid= --ppid "$shell"; } | head -n 1
}
start() { # [ENV…]: runs la4ai with no command in the pane and waits for the map
    keys "clear; env $* '$la4ai'" Enter
    wait_for "Course map"
}

tm new-session -d -s t -x 80 -y 24 "env PS1='\$ ' EDITOR='$tmp/editor.sh' LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color sh -c 'ulimit -c 0; exec sh'"
tm set-option -t t status off >/dev/null
wait_for '\$' 10

# --- the map, with the next thing to do selected
start
check "la4ai with no command on a terminal opens the course map" "Week 1"
check "the first unfinished item is suggested on start" "Start here"
save map
keys G
check "the map lists every week, unwritten ones as coming" "Week 10.*coming"

# --- a lesson: scrolling to its end marks it read
keys /; type_text "$qlesson"; keys Enter
check "search by id opens the lesson" "Week [0-9]* · about [0-9]* min"
keys G
check "G scrolls to the end of the lesson" "end of the lesson"
i=0; while [ $i -lt 50 ] && ! json_true "p['lessons'].get('$qlesson', {}).get('read')"; do sleep 0.1; i=$((i + 1)); done
expect "reaching the end records the lesson as read" json_true "p['lessons']['$qlesson']['read']"
keys g
wait_for "about [0-9]* min" >/dev/null
save lesson

# --- practice questions: a wrong answer, then the right one
keys "$qnum"
check "a digit opens the answer prompt of that question" "your answer:"
type_text "$wrong"; keys Enter
check "a wrong answer is marked wrong at once" "Not quite"
check "and the explanation is shown" "Why:"
keys "$qnum"; wait_for "your answer:" >/dev/null
type_text "$right"; keys Enter
check "the right answer is confirmed" "Right\\."
expect "the answer is recorded as right" json_true "p['answers']['$qid']['correct'] and p['answers']['$qid']['tries'] == 2"

# --- an exercise: the stub fails, the reference (through the editor) passes
keys /; type_text "$ex"; keys Enter
check "search by id opens the exercise" "Not checked yet"
keys c
check "c checks the stub without freezing: it fails with ✗" "Last check.*✗" 90
check "each failing test is listed" "^ *✗ [a-z_]"
save exercise
keys e
check "e runs \$EDITOR and comes back to a redrawn screen" "Status"
expect "the editor changed the stub" grep -q . "$stub"
keys c
check "the check after editing passes with ✓" "passed: all" 90
expect "the pass is recorded" json_true "p['exercises']['$ex']['first_pass']"
keys s
check "s shows the reference solution after a pass" "Reference solution"
keys Escape
wait_for "passed: all" >/dev/null

# --- reset asks first and keeps her file
keys r
check "r asks before resetting" "\[y/N\]"
keys n
check "answering n changes nothing" "Nothing changed"
expect "the solution is still in place" json_true "p['exercises']['$ex']['first_pass']"
keys r; wait_for "\[y/N\]" >/dev/null; keys y
check "answering y puts the original stub back" "original stub again"
expect "her file is kept in the backups folder" sh -c "ls '$progress/backups/' | grep -q '^$ex-'"

# --- watch: a save from outside (here: la4ai reset in another terminal) re-checks it
"$la4ai" reset "$ex" --yes >/dev/null 2>&1
check "saving the file checks it again (watch)" "Last check.*✗" 90

# --- the dashboard and the help
keys d
check "d opens the dashboard" "Coding checkpoints"
check "the dashboard shows attempts and the streak" "streak"
save dashboard
keys '?'
check "? lists the keys of the screen, from its table" "the dashboard: progress"
keys Escape

# --- resizing: too small, then back
tm resize-window -t t -x 60 -y 20
check "a 60×20 window shows the too-small screen" "Terminal too small"
tm resize-window -t t -x 80 -y 24
check "back at 80×24 the screen is drawn again" "Coding checkpoints"

# --- quitting: q, Ctrl-C, SIGTERM and a crash all give the terminal back
keys q
check "q quits to the shell" '^\$'
sane "after q the terminal is sane (icanon, echo)"
expect "time spent reading is saved" json_true "p['lessons']['$qlesson']['seconds'] > 0"
expect "time spent on the exercise is saved" json_true "p['exercises']['$ex']['seconds'] > 0"

start; keys C-c
check "Ctrl-C quits" '^\$'
sane "after Ctrl-C the terminal is sane"

start; kill -TERM "$(la4ai_pid)"
check "SIGTERM quits" '^\$'
sane "after SIGTERM the terminal is sane"

start; kill -SEGV "$(la4ai_pid)"
check "a crash (SIGSEGV) ends la4ai" '^\$'
sane "after a crash the terminal is sane"

# --- colour only when wanted, ASCII when the locale is not UTF-8
colour='(\[|;)(3[0-7]|4[0-7]|[34]8;5;[0-9]+)(;|m)'
start
tm capture-pane -e -p -t t >"$tmp/colour"
expect "colours are used by default" grep -Eq "$colour" "$tmp/colour"
keys q; wait_for '^\$' >/dev/null
start NO_COLOR=1
tm capture-pane -e -p -t t >"$tmp/mono"
if grep -Eq "$colour" "$tmp/mono"; then not_ok "NO_COLOR: no colour at all"; else ok "NO_COLOR: no colour at all"; fi
keys q; wait_for '^\$' >/dev/null
start LC_ALL=C LANG=C
capture
if LC_ALL=C grep -q '[^ -~]' "$screen"; then
    not_ok "in the C locale only ASCII is drawn" "$(cat "$screen")"
else
    ok "in the C locale only ASCII is drawn"
fi
keys q; wait_for '^\$' >/dev/null

# --- not a terminal: la4ai with no command lists the course
"$la4ai" </dev/null >"$tmp/out" 2>&1
expect "without a terminal, la4ai prints the list" grep -q "Week 1" "$tmp/out"
finish
