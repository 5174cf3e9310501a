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

# expect_near OUTPUT KEY VALUE: the first "KEY": NUMBER in OUTPUT is VALUE to
# 1e-9, relative. Exact values are doubles: 33% x 1.1 has no exact binary
# form, so the 118,800 of worked example 3 is printed as 118800.00000000017.
expect_near() {
    got=$(printf '%s\n' "$1" | grep -oE "\"$2\": *-?[0-9][0-9.eE+-]*" | head -n 1 |
          sed 's/^[^:]*: *//')
    [ -n "$got" ] || fail "no number \"$2\" in: $1"
    awk -v g="$got" -v w="$3" 'BEGIN {
        d = g - w; if (d < 0) d = -d
        s = w < 0 ? -w : w; if (s < 1) s = 1
        exit !(d <= 1e-9 * s)
    }' || fail "\"$2\" is $got, expected $3"
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

# 7. What is a better close rate worth? (worked example 3)
#    75 opportunities a month at 33% and 4,000 a deal; the close rate improves
#    by 10% (relative) to 36.3%. Over 12 months: 297 -> 326.7 deals,
#    1,188,000 -> 1,306,800 revenue, +118,800 (9,900 a month). An investment of
#    50,000 has roi (118,800 - 50,000) / 50,000 = 1.376 and pays back in
#    50,000 / 9,900 = 5.05 months. The table also says what counting whole
#    deals would show: 326 deals, 1,304,000 (the source's 1,306,000 slipped).
"$fp" whatif --stage opportunity=33% --deal-size 4000 --volume 75 --at opportunity \
    --change opportunity=+10% --horizon 12 --invest 50000
out=$("$fp" whatif --stage opportunity=33% --deal-size 4000 --volume 75 --at opportunity \
      --change opportunity=+10% --horizon 12 --invest 50000 --format json)
expect_json "$out" mode '"volume"'
expect_json "$out" horizon 12
expect_near "$out" revenue_horizon 118800
expect_near "$out" gain_horizon 118800
expect_near "$out" roi 1.376
expect_near "$out" payback_periods 5.0505050505050505

# 8. The same target for less: worked example 2 needs 75 opportunities a month
#    for 100,000 at a third; at 40% it needs 62.5. At 200 an opportunity that
#    saves 2,500 a month, 30,000 over a year (the default horizon): an
#    investment of 20,000 has roi 0.5 and pays back in 8 months.
"$fp" whatif --stage opportunity=1/3 --deal-size 4000 --revenue 100000 \
    --cost-per-lead 200 --change opportunity=40% --invest 20000
out=$("$fp" whatif --stage opportunity=1/3 --deal-size 4000 --revenue 100000 \
      --cost-per-lead 200 --change opportunity=40% --invest 20000 --format json)
expect_json "$out" mode '"target"'
expect_near "$out" gain_horizon 30000
expect_near "$out" roi 0.5
expect_near "$out" payback_periods 8

# 9. Which lever pays most? 2,000 leads a month, 10% become SQLs, 50% of those
#    opportunities, 25% of those close at 4,000: 25 deals, 100,000 a month.
#    +1pp on the 10% stage is +10% of the deals (10,000 a month), as much as
#    +10% on the deal size; on the 25% stage +4,000, on the 50% stage +2,000.
"$fp" sensitivity --stage lead=10% --stage sql=50% --stage opportunity=25% \
    --deal-size 4000 --volume 2000
out=$("$fp" sensitivity --stage lead=10% --stage sql=50% --stage opportunity=25% \
      --deal-size 4000 --volume 2000 --format json)
first=$(printf '%s\n' "$out" | grep -oE '"lever": *"[^"]*"' | head -n 1 | sed 's/^[^:]*: *//')
[ "$first" = '"lead"' ] || fail "the first row is $first, expected the 10% stage: $out"
expect_near "$out" revenue_delta 10000
#    Equal relative steps move revenue equally: +10% on any lever is +10,000,
#    so every row has a share of 1.
out=$("$fp" sensitivity --stage lead=10% --stage sql=50% --stage opportunity=25% \
      --deal-size 4000 --volume 2000 --step +10% --format json)
shares=$(printf '%s\n' "$out" | grep -oE '"share": *[0-9][0-9.eE+-]*' | sed 's/^[^:]*: *//')
[ "$(printf '%s\n' "$shares" | wc -l)" -eq 4 ] || fail "expected 4 rows in: $out"
for share in $shares; do
    expect_near "\"share\": $share" share 1
done

# 10. Goal seek: what close rate makes 125,000 a month from 75 opportunities
#     at 4,000? 31.25 deals / 75 = 41.67%, +26.26% on today's 33%.
"$fp" solve --stage opportunity=33% --deal-size 4000 --volume 75 --at opportunity \
    --revenue 125000 --for opportunity
out=$("$fp" solve --stage opportunity=33% --deal-size 4000 --volume 75 --at opportunity \
      --revenue 125000 --for opportunity --format json)
expect_json "$out" lever '"opportunity"'
expect_near "$out" value 0.41666666666666667
expect_near "$out" change 0.26262626262626263
#     ... or how many opportunities at 33%: 94.70.
out=$("$fp" solve --stage opportunity=33% --deal-size 4000 --volume 75 \
      --revenue 125000 --for volume --format json)
expect_near "$out" value 94.696969696969697

# 11. How likely is the target? (worked example 4, beyond the source)
#    100 leads at 12% give 12 customers only 54.6% of the time; 136 leads
#    make it 90%.
"$fp" odds --stage lead=12% --deals 12 --volume 100
out=$("$fp" odds --stage lead=12% --deals 12 --volume 100 --format json)
expect_near "$out" p_hit 0.54578170871907
printf '%s\n' "$out" | tr -d ' \n' | grep -q '"confidence":0.9,"volume":136' ||
    fail "expected 136 leads for 90% in: $out"
#    The plan beside the volume for a 90% chance at every stage:
"$fp" plan --stage lead=12% --deals 12 --confidence 90%
#    The 12% known only from 12 wins in 100 leads: a seeded Monte Carlo.
#    The same seed prints the same figures, on any machine.
a=$("$fp" odds --stage lead=12% --deals 12 --volume 100 --history lead=12/100 --seed 7 --format json)
b=$("$fp" odds --stage lead=12% --deals 12 --volume 100 --history lead=12/100 --seed 7 --format json)
[ "$a" = "$b" ] || fail "the same seed gave different figures"

# 12. Which lead channels pay, and the cheapest mix for 40 deals a month.
#    Search (40 a lead, 600 at most) and webinars (90, 300 at most, 40% of
#    their leads qualify) fill first; display (35, half as good) supplies
#    the rest and loses money at any volume. 79,000 a month, 1,975 a deal.
"$fp" channels --stage lead=20% --stage sql=50% --stage opportunity=25% \
    --deal-size 4000 --margin 60% \
    --channel 'search: cost-per-lead=40, capacity=600' \
    --channel 'webinars: cost-per-lead=90, capacity=300, rate=40%' \
    --channel 'display: cost-per-lead=35, quality=0.5' --deals 40
#    With every channel capped, the most they can bring is the answer (exit 1).
expect_status 1 "$fp" channels --stage lead=20% --stage sql=50% --stage opportunity=25% \
    --channel 'search: cost-per-lead=40, capacity=600' --deals 40

# 13. A seasonal year month by month: leads a month before opportunities, two
#    months from opportunity to deal; the year's marketing starts in October.
"$fp" schedule --stage lead=10% --stage opportunity=25% --deal-size 10000 \
    --revenue 1.2M --per year --start 2027-01 \
    --seasonality 6,6,8,8,9,9,6,5,9,10,12,12 --lag lead=1m --lag opportunity=2m
out=$("$fp" schedule --stage lead=10% --stage opportunity=25% --deal-size 10000 \
      --revenue 1.2M --per year --start 2027-01 \
      --seasonality 6,6,8,8,9,9,6,5,9,10,12,12 --lag lead=1m --lag opportunity=2m --format csv)
printf '%s\n' "$out" | grep -q '^2026-10,false,' || fail "expected October 2026 first in: $out"

# 14. Halfway through the quarter: the leads are off track and will show in deals
#    in about three months; the pipeline covers 3.5x, but these rates need 4x.
"$fp" pace --stage lead=10% --stage opportunity=25% --deals 30 --per quarter \
    --start 2027-01-01 --as-of 2027-02-14 --actual lead=450 --actual opportunity=58 \
    --actual-deals 14 --open opportunity=56 --lag lead=1m --lag opportunity=2m
out=$("$fp" pace --stage lead=10% --stage opportunity=25% --deals 30 --per quarter \
      --elapsed 50% --actual lead=450 --actual-deals 14 --open opportunity=56 --format json)
expect_near "$out" required 4

# 15. Exit statuses, for scripts: 2 for bad input, 1 for a question without
#     an answer (a whole count above 2^53, a change that pushes a rate above
#     100%, a target no rate can reach), 3 when the output cannot be written.
expect_status 2 "$fp" plan --stage lead=150% --deals 10 >/dev/null
expect_status 2 "$fp" plan --stage lead=1% --deals 1,5 >/dev/null
expect_status 1 "$fp" plan --stage lead=1% --deals 1e15 >/dev/null
#     33% + 70 points is 103%; 400,000 a month needs a close rate of 133%.
expect_status 1 "$fp" whatif --stage opportunity=33% --deal-size 4000 --volume 75 \
    --change opportunity=+70pp >/dev/null
expect_status 1 "$fp" whatif --stage opportunity=95% --deal-size 4000 --volume 75 \
    --change opportunity=+10% >/dev/null
expect_status 1 "$fp" solve --stage opportunity=33% --deal-size 4000 --volume 75 \
    --revenue 400000 --for opportunity >/dev/null
#     A change that cannot be read is bad input: no '=', points on an amount.
expect_status 2 "$fp" whatif --stage opportunity=33% --deal-size 4000 --volume 75 \
    --change opportunity+10% >/dev/null
expect_status 2 "$fp" whatif --stage opportunity=33% --deal-size 4000 --volume 75 \
    --change deal-size=+3pp >/dev/null
#     A question without an answer prints nothing on standard output.
out=$("$fp" whatif --stage opportunity=33% --deal-size 4000 --volume 75 \
      --change opportunity=+70pp 2>/dev/null || true)
[ -z "$out" ] || fail "output for a rate pushed over 100%: $out"
#     ... and one line on standard error naming the change:
#   funnelplan: --change 'opportunity=+70pp': the change pushes a rate outside 0% to 100%, ...
msg=$("$fp" whatif --stage opportunity=33% --deal-size 4000 --volume 75 \
      --change opportunity=+70pp 2>&1 >/dev/null || true)
case $msg in
    "funnelplan: --change 'opportunity=+70pp': "*) ;;
    *) fail "unexpected message: $msg" ;;
esac
if [ -w /dev/full ]; then
    expect_status 3 "$fp" plan --stage lead=12% --deals 12 >/dev/full
fi
# The message names the option and the value:
#   funnelplan: --stage 'lead=150%': rate must be above 0% and at most 100%
msg=$("$fp" plan --stage lead=150% --deals 10 2>&1 >/dev/null || true)
case $msg in
    "funnelplan: --stage 'lead=150%': "*) ;;
    *) fail "unexpected message: $msg" ;;
esac

echo "recipes.sh: all recipes ran as documented"
