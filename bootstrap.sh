#!/bin/sh
# bootstrap.sh [open|test] — set la4ai up on Debian and open the course (default) or run
# every test. Installs what is missing with apt-get (as root), configures the build in
# build/ on first use, builds, then runs.
set -eu
cd "$(dirname "$0")"

packages="gcc meson ninja-build pkg-config python3 git libncurses-dev libcjson-dev check
zlib1g-dev libpng-dev libstb-dev dataset-fashion-mnist tmux"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "la4ai needs:$missing"
        echo "Install them with: sudo apt-get install$missing   (then run this again)"
        exit 2
    fi
    echo "Installing:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi

[ -f build/build.ninja ] || meson setup build
meson compile -C build >/dev/null || meson compile -C build

case "${1:-open}" in
test)
    status=0
    meson test -C build --print-errorlogs || status=$?
    # One closing line for any reader: every TAP result of every suite, counted.
    log=build/meson-logs/testlog.txt
    passed=$(grep -c '^ok [0-9]' "$log" || true)
    failed=$(grep -c '^not ok [0-9]' "$log" || true)
    echo "$passed passed, $failed failed"
    exit $status
    ;;
open)
    exec build/la4ai
    ;;
*)
    echo "usage: sh bootstrap.sh [open|test]" >&2
    exit 2
    ;;
esac
