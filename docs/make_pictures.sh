#!/bin/sh
# Regenerates the README's pictures from the command line's `--format svg`,
# rendered to PNG by headless Chromium at 800 px wide:
#   docs/funnel.png    worked example 1 (plan)
#   docs/schedule.png  the guide's seasonal schedule
#
# Usage: docs/make_pictures.sh [BUILD_DIR]     (default: build)
# Needs a built funnelplan in BUILD_DIR and Chromium with a sans-serif font:
#   apt-get install -y --no-install-recommends chromium fonts-dejavu-core
# SPDX-License-Identifier: MIT
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
funnelplan=$build/bindings/cli/funnelplan
if [ ! -x "$funnelplan" ]; then
    echo "make_pictures.sh: no $funnelplan (build it: meson setup build && ninja -C build)" >&2
    exit 1
fi
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
    echo "make_pictures.sh: chromium not installed (apt-get install chromium fonts-dejavu-core)" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

# picture NAME FUNNELPLAN-ARGS...: docs/NAME.png from `funnelplan ARGS --format svg`.
picture() {
    name=$1
    shift
    "$funnelplan" "$@" --format svg >"$work/$name.svg"
    height=$(sed -n 's/^<svg .* height="\([0-9]*\)".*/\1/p' "$work/$name.svg")
    HOME=$work "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --disable-dev-shm-usage --user-data-dir="$work/profile-$name" \
        --window-size="800,$height" --screenshot="$work/$name.png" \
        "file://$work/$name.svg" >"$work/$name.log" 2>&1 || {
        cat "$work/$name.log" >&2
        exit 1
    }
    cp "$work/$name.png" "$root/docs/$name.png"
    echo "docs/$name.png: 800 x $height"
}

picture funnel plan --stage lead=1% --stage accepted=10% --deal-size 50000 \
    --revenue 1000000 --per year
picture schedule schedule --stage lead=10% --stage opportunity=25% --deal-size 10000 \
    --revenue 1.2M --per year --start 2027-01 --seasonality 6,6,8,8,9,9,6,5,9,10,12,12 \
    --lag lead=1m --lag opportunity=2m
