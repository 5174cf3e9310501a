#!/usr/bin/env python3
"""Generate the locales the tests switch to, without root.

Usage: make_locales.py OUTDIR STAMP

Builds de_DE.UTF-8 (decimal comma), fr_FR.UTF-8 (decimal comma, narrow
no-break space grouping) and tr_TR.UTF-8 (dotless i casing) into OUTDIR with
localedef, for use through LOCPATH. Needs Debian's `locales` package (the
locale sources); when they are missing the stamp says so and the tests that
need the locales fail with that message instead of passing untested.
"""
import os
import subprocess
import sys

LOCALES = ("de_DE", "fr_FR", "tr_TR")


def main() -> int:
    outdir, stamp = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    problems = []
    for name in LOCALES:
        target = os.path.join(outdir, name + ".UTF-8")
        if os.path.isdir(target):
            continue
        try:
            # -c: keep going on warnings; the result is checked below.
            subprocess.run(["localedef", "-c", "-i", name, "-f", "UTF-8", target],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        except OSError as exc:
            problems.append(f"{name}: {exc}")
            continue
        if not os.path.isdir(target):
            problems.append(f"{name}: localedef made nothing (install Debian's 'locales')")
    with open(stamp, "w", encoding="utf-8") as f:
        f.write("ok\n" if not problems else "\n".join(problems) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
