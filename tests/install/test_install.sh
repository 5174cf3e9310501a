#!/bin/bash
# funnelplan — `meson install` into a fresh prefix, then everything used from
# there as a user would: a C program built through pkg-config, the CLI, the
# Python package (without FUNNELPLAN_LIBRARY), the man page and the bash
# completion.
# SPDX-License-Identifier: MIT
#
# Usage: test_install.sh SOURCE_DIR MESON NINJA
# (tests/meson.build passes the source tree and the meson and ninja that
# build it). The C compiler is $FUNNELPLAN_TEST_CC (else cc), Python is
# $FUNNELPLAN_TEST_PYTHON (else python3). Set FUNNELPLAN_KEEP_INSTALL=1 to
# keep the temporary directory for a look.

set -u

if [ $# -ne 3 ]; then
    echo "usage: $0 SOURCE_DIR MESON NINJA" >&2
    exit 2
fi
src=$1
meson=$2
ninja=$3
cc=${FUNNELPLAN_TEST_CC:-cc}
python=${FUNNELPLAN_TEST_PYTHON:-python3}

# Nothing from the build tree under test may leak into the installed one.
unset FUNNELPLAN_LIBRARY FUNNELPLAN_CLI PYTHONPATH LD_LIBRARY_PATH DESTDIR PKG_CONFIG_PATH
export LC_ALL=C
export NINJA=$ninja # the ninja meson uses for the new build

tmp=$(mktemp -d "${TMPDIR:-/tmp}/funnelplan-install.XXXXXX") || exit 1
if [ -z "${FUNNELPLAN_KEEP_INSTALL:-}" ]; then
    trap 'rm -rf "$tmp"' EXIT
else
    echo "keeping $tmp"
fi
prefix=$tmp/prefix
log=$tmp/log
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# Runs a command quietly; on failure shows its output and stops the test.
step() {
    echo "== $*"
    if ! "$@" >"$log" 2>&1; then
        cat "$log"
        echo "FAIL: $*"
        exit 1
    fi
}

# The one file under the prefix whose path matches a pattern (find -path).
find_one() {
    find "$prefix" -path "$1" -print 2>/dev/null | sort | head -n 1
}

# ---- configure, build and install a fresh build of the source tree -------------

step "$meson" setup "$tmp/build" "$src" --prefix="$prefix" -Dtests=false -Ddocs=disabled
step "$ninja" -C "$tmp/build"
step "$meson" install -C "$tmp/build" --no-rebuild
cd "$tmp" || exit 1 # away from the source tree

for f in funnelplan.h funnelplan/plan.h funnelplan/version.h; do
    [ -f "$prefix/include/$f" ] || fail "$prefix/include/$f is not installed"
done

# ---- C: examples/embed.c through pkg-config ------------------------------------

pc=$(find_one '*/pkgconfig/funnelplan.pc')
if [ -z "$pc" ]; then
    fail "no pkgconfig/funnelplan.pc under $prefix"
    find "$prefix" -type f
    exit 1
fi
export PKG_CONFIG_PATH=${pc%/*}
libdir=$(pkg-config --variable=libdir funnelplan)
case $libdir in
"$prefix"/*) ;;
*) fail "pkg-config's libdir $libdir is not in $prefix" ;;
esac
ls "$libdir"/libfunnelplan.so* >/dev/null 2>&1 || fail "no libfunnelplan.so in $libdir"
cflags=$(pkg-config --cflags funnelplan) || fail "pkg-config --cflags funnelplan"
libs=$(pkg-config --libs funnelplan) || fail "pkg-config --libs funnelplan"
echo "== $cc $cflags $src/examples/embed.c $libs"
# shellcheck disable=SC2086 # the compiler and the flags are word lists
if $cc $cflags -o "$tmp/embed" "$src/examples/embed.c" $libs >"$log" 2>&1; then
    if LD_LIBRARY_PATH=$libdir "$tmp/embed" >"$log" 2>&1; then
        grep -q "all figures as in worked example 1" "$log" || fail "embed: $(cat "$log")"
    else
        cat "$log"
        fail "the installed embed example exits with an error"
    fi
    # It ran against the installed library, not another one.
    if command -v ldd >/dev/null; then
        LD_LIBRARY_PATH=$libdir ldd "$tmp/embed" | grep -q "libfunnelplan.* => $libdir/" ||
            fail "embed is not linked to $libdir: $(LD_LIBRARY_PATH=$libdir ldd "$tmp/embed")"
    fi
else
    cat "$log"
    fail "examples/embed.c does not build against the installed library"
fi

# ---- the CLI ---------------------------------------------------------------------

cli=$prefix/bin/funnelplan
if [ -x "$cli" ]; then
    echo "== $cli plan (worked example 1)"
    if LD_LIBRARY_PATH=$libdir "$cli" plan --stage lead=1% --stage accepted=10% \
        --deal-size 50000 --revenue 1000000 --per year --format json >"$tmp/plan.json" 2>"$log"; then
        "$python" - "$tmp/plan.json" <<'EOF' || fail "the installed CLI's plan is wrong"
import json, sys
p = json.load(open(sys.argv[1]))
assert p["command"] == "plan", p
assert p["deals_whole"] == 20, p["deals_whole"]
assert [s["required_whole"] for s in p["stages"]] == [20000, 200], p["stages"]
EOF
    else
        cat "$log"
        fail "the installed CLI exits with an error"
    fi
    LD_LIBRARY_PATH=$libdir "$cli" --version | grep -q "^funnelplan $(cat "$src/VERSION")\$" ||
        fail "the installed CLI's --version is not $(cat "$src/VERSION")"
else
    fail "no $cli"
fi

# ---- Python: the package from the prefix's site directory ----------------------

init=$(find_one '*/funnelplan/__init__.py')
if [ -z "$init" ]; then
    fail "the Python package is not installed under $prefix"
else
    package=${init%/*}
    site=${package%/*}
    echo "== the Python package from $site"
    for f in "$src"/bindings/python/funnelplan/*.py; do
        [ -f "$package/${f##*/}" ] || fail "${f##*/} of the package is not installed"
    done
    [ -f "$package/_paths.py" ] || fail "_paths.py is not installed"
    [ -f "$package/py.typed" ] || fail "py.typed is not installed"
    if PYTHONPATH=$site PYTHONDONTWRITEBYTECODE=1 "$python" - "$prefix" >"$log" 2>&1 <<'EOF'; then
import os, sys
import funnelplan as fp
prefix = os.path.realpath(sys.argv[1])
where = os.path.realpath(fp.__file__)
assert where.startswith(prefix + os.sep), "the package is imported from %s" % where
lib = os.path.realpath(fp.library_path)
assert lib.startswith(prefix + os.sep), "the library is loaded from %s" % fp.library_path
p = fp.Funnel([("lead", "1%"), ("accepted", "10%")], deal_size=50_000).plan(
    revenue="1M", per="year")
assert (p.deals_whole, p.stages[0].required_whole) == (20, 20000), p
print("library", fp.library_path)
EOF
        cat "$log"
    else
        cat "$log"
        fail "the installed Python package does not import or compute"
    fi
fi

# ---- the man page ----------------------------------------------------------------

manpage=$prefix/share/man/man1/funnelplan.1
if [ -f "$manpage" ]; then
    if command -v man >/dev/null; then
        echo "== MANPATH=$prefix/share/man man -P cat funnelplan"
        MANPATH=$prefix/share/man MANWIDTH=80 man -P cat funnelplan >"$tmp/man.txt" 2>"$log"
        grep -q "^NAME" "$tmp/man.txt" &&
            grep -q "funnelplan . plan a sales funnel" "$tmp/man.txt" ||
            fail "man funnelplan does not show the page: $(head -c 2000 "$tmp/man.txt" "$log")"
    else
        echo "(man is not installed: the page is not rendered)"
    fi
else
    fail "no $manpage"
fi

# ---- the bash completion -----------------------------------------------------

completion=$(find_one '*/bash-completion/completions/funnelplan')
if [ -z "$completion" ]; then
    fail "no bash-completion/completions/funnelplan under $prefix"
else
    echo "== $completion"
    got=$(bash -c 'source "$1" && COMP_WORDS=(funnelplan pl) COMP_CWORD=1 &&
                   _funnelplan funnelplan pl funnelplan && echo "${COMPREPLY[*]}"' \
        bash "$completion" 2>&1)
    [ "$got" = "plan" ] || fail "the installed completion of 'funnelplan pl' is '$got'"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "installed and used from $prefix: OK"
