#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# funnelplan recipes: questions a sales or marketing manager asks, as command
# lines to copy. Run them all (they are checked, so they never rot):
#
#     bash examples/recipes.sh ./build/bindings/cli/funnelplan
#
# The argument is the funnelplan binary (a path, or a name on PATH).
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 FUNNELPLAN" >&2
    exit 2
fi
case $1 in
    */*) fp=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") ;;
    *) fp=$(command -v "$1") ;;
esac
# The saved funnel is named relative to the repository root.
cd "$(dirname "$0")/.."

fail() {
    echo "recipes.sh: $*" >&2
    exit 1
}

# expect_json OUTPUT KEY VALUE: OUTPUT has "KEY": VALUE (JSON is one object).
expect_json() {
    printf '%s\n' "$1" | grep -Eq "\"$2\": *$3([,}[:space:]]|$)" ||
        fail "expected \"$2\": $3 in: $1"
}

# expect_status WANT COMMAND...: COMMAND exits WANT (and fails if it does not).
# Standard output goes where the caller's goes; standard error is discarded.
expect_status() {
    want=$1
    shift
    status=0
    "$@" 2>/dev/null || status=$?
    [ "$status" -eq "$want" ] || fail "exit status $status, expected $want: $*"
}

# 1. How many leads for a year's revenue? (worked example 1)
#    1,000,000 a year at 50,000 a deal; 1% of leads accepted, 10% of those won:
#    20 deals, 200 accepted leads, 20,000 leads (1,666.67 a month).
"$fp" plan --stage lead=1% --stage accepted=10% --deal-size 50000 --revenue 1000000 --per year
out=$("$fp" plan --stage lead=1% --stage accepted=10% --deal-size 50000 \
      --revenue 1000000 --per year --format json)
expect_json "$out" deals_whole 20
expect_json "$out" required_whole 20000

# 2. The same as a spreadsheet: one CSV row per stage, numbers locale-free.
"$fp" plan --stage lead=1% --stage accepted=10% --deal-size 50k --revenue 1M \
    --per year --format csv

# 3. A saved funnel: stages and deal size live in a file of options
#    (examples/saas.funnel); the question goes on the command line.
#    120,000 a month at 12,000 a deal: 10 deals, 40 opportunities, 80 SQLs,
#    200 MQLs and 667 leads (666.67 exact); at 25 per lead the budget is
#    16,666.67 a month and a deal costs 1,666.67.
"$fp" plan @examples/saas.funnel --revenue 120k --cost-per-lead 25
out=$("$fp" plan @examples/saas.funnel --revenue 120k --cost-per-lead 25 --format json)
expect_json "$out" deals_whole 10
expect_json "$out" required_whole 667

# 4. Forward: what do 75 opportunities a month bring? (worked example 3)
#    24.75 deals and 99,000 a month; 297 deals and 1,188,000 a year.
"$fp" forecast --stage opportunity=33% --deal-size 4000 --volume 75 --at opportunity
out=$("$fp" forecast --stage opportunity=33% --deal-size 4000 --volume 75 \
      --at opportunity --format json)
expect_json "$out" deals 24.75

# 5. Are we on track? 750 leads a month against the saved funnel's
#    120,000 target: 11.25 deals, attainment 1.125 (ahead by 1.25 deals).
"$fp" forecast @examples/saas.funnel --volume 750 --revenue 120k
out=$("$fp" forecast @examples/saas.funnel --volume 750 --revenue 120k --format json)
expect_json "$out" attainment 1.125

# 6. Whole units (worked example 5): 10 deals at 25% need 40 accepted leads;
#    40 at 27% are 148.148..., so marketing owes 149 leads.
"$fp" plan --stage mql=27% --stage accepted=25% --deals 10

# 7. Exit statuses, for scripts: 2 for bad input, 1 for a question without
#    an answer (a whole count above 2^53), 3 when the output cannot be written.
expect_status 2 "$fp" plan --stage lead=150% --deals 10 >/dev/null
expect_status 2 "$fp" plan --stage lead=1% --deals 1,5 >/dev/null
expect_status 1 "$fp" plan --stage lead=12% --deals 1e16 >/dev/null
if [ -w /dev/full ]; then
    expect_status 3 "$fp" plan --stage lead=12% --deals 12 >/dev/full
fi
# The message names the option and the value:
#   funnelplan: --stage 'lead=150%': rate must be between 0% and 100%
msg=$("$fp" plan --stage lead=150% --deals 10 2>&1 >/dev/null || true)
case $msg in
    "funnelplan: --stage 'lead=150%': "*) ;;
    *) fail "unexpected message: $msg" ;;
esac

echo "recipes.sh: all recipes ran as documented"
