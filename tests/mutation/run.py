#!/usr/bin/env python3
"""The mutation step: do the tests notice a wrong library?

Each mutant of tests/mutation/mutants.json changes one comparison, constant
or check in src/ (`find`, which must occur exactly once in `file`, becomes
`replace`). The runner copies the source tree once into a scratch
directory, builds it, checks that the tests pass unmutated, then for each
mutant writes the changed file, rebuilds and runs the mutant's tests (the
`unit` suite and the tests it names): a mutant is killed when a test fails.
Mutants listed with an `equivalent` reason change no behaviour (the reason
says why) and are not run. The kill rate of the behaviour-changing mutants
is printed; below --bar (95%) the step fails and lists the survivors.

    tests/mutation/run.py                 # every mutant
    tests/mutation/run.py --sample 12     # 12 of them, chosen by the date
    tests/mutation/run.py --only plan-ceil-tolerance
    tests/mutation/run.py --check         # the list is well formed, no build

A sample rotates with the day (or --seed), so CI covers the whole list over
a few runs while each run stays short.
"""

import argparse
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
LIST = os.path.join(HERE, "mutants.json")
KEYS = {"id", "file", "find", "replace", "tests", "equivalent", "why"}


def load():
    with open(LIST, encoding="utf-8") as f:
        mutants = json.load(f)
    problems = []
    seen = set()
    for m in mutants:
        where = m.get("id", "?")
        if set(m) - KEYS or not {"id", "file", "find", "replace", "why"} <= set(m):
            problems.append("%s: keys %s" % (where, sorted(m)))
            continue
        if m["id"] in seen:
            problems.append("%s: two mutants share this id" % where)
        seen.add(m["id"])
        path = os.path.join(ROOT, m["file"])
        if not m["file"].startswith("src/") or not os.path.isfile(path):
            problems.append("%s: %s is not a file of src/" % (where, m["file"]))
            continue
        with open(path, encoding="utf-8") as f:
            count = f.read().count(m["find"])
        if count != 1:
            problems.append("%s: `%s` occurs %d times in %s" % (where, m["find"], count,
                                                                 m["file"]))
        if m["find"] == m["replace"]:
            problems.append("%s: the replacement changes nothing" % where)
    return mutants, problems


def run(cmd, cwd, log, timeout):
    """True when cmd exits 0; its output goes to log."""
    try:
        r = subprocess.run(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, timeout=timeout)
    except subprocess.TimeoutExpired:
        log.write(b"\n(timed out)\n")
        return False
    return r.returncode == 0


def test_commands(build, tests, maxfail=0):
    """The meson test runs for a mutant: the unit suite, then the named tests.
    With maxfail 1 a run stops at its first failing test: one failure is
    enough to kill a mutant, and the commands stop at the first that fails."""
    base = ["meson", "test", "-C", build, "--no-rebuild", "--num-processes", "2",
            "--print-errorlogs"] + (["--maxfail", str(maxfail)] if maxfail else [])
    cmds = [base + ["--suite", "unit"]]
    suites = [t[len("suite:"):] for t in tests if t.startswith("suite:")]
    names = [t for t in tests if not t.startswith("suite:")]
    for suite in suites:
        cmds.append(base + ["--suite", suite])
    if names:
        cmds.append(base + names)
    return cmds


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sample", type=int, default=0, help="run only this many mutants")
    ap.add_argument("--seed", default=None, help="the sample's seed (default: today's date)")
    ap.add_argument("--only", action="append", default=[], help="run the mutant with this id")
    ap.add_argument("--bar", type=float, default=95.0, help="least kill rate, in percent")
    ap.add_argument("--check", action="store_true", help="check the list only")
    ap.add_argument("--work", default=None, help="scratch directory (default: a temporary one)")
    args = ap.parse_args()

    mutants, problems = load()
    if problems:
        for p in problems:
            print("mutants.json: " + p, file=sys.stderr)
        return 2
    live = [m for m in mutants if not m.get("equivalent")]
    modules = sorted({m["file"] for m in mutants})
    print("mutation: %d mutants (%d equivalent, listed with their reason) over %d files of src/"
          % (len(mutants), len(mutants) - len(live), len(modules)))
    if args.check:
        return 0
    chosen = live
    if args.only:
        chosen = [m for m in live if m["id"] in args.only]
        if len(chosen) != len(set(args.only)):
            print("mutation: no such mutant among %s" % args.only, file=sys.stderr)
            return 2
    elif args.sample and args.sample < len(live):
        seed = args.seed or datetime.date.today().isoformat()
        chosen = random.Random(seed).sample(live, args.sample)
        print("mutation: a sample of %d, seed %s" % (len(chosen), seed))

    scratch = args.work or tempfile.mkdtemp(prefix="fpl-mutation-")
    tree = os.path.join(scratch, "tree")
    build = os.path.join(scratch, "build")
    shutil.rmtree(tree, ignore_errors=True)
    shutil.rmtree(build, ignore_errors=True)
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True,
                           stdout=subprocess.PIPE).stdout.decode().split("\0")
    for rel in filter(None, files):
        src = os.path.join(ROOT, rel)
        if os.path.isfile(src):
            os.makedirs(os.path.dirname(os.path.join(tree, rel)), exist_ok=True)
            shutil.copy2(src, os.path.join(tree, rel))
    shared = os.path.join(ROOT, "..", "shared")
    if os.path.isdir(shared) and not os.path.exists(os.path.join(scratch, "shared")):
        shutil.copytree(shared, os.path.join(scratch, "shared"))
    log_path = os.path.join(scratch, "mutation.log")
    with open(log_path, "wb") as log:
        if not run(["meson", "setup", build, "-Ddocs=disabled"], tree, log, 600) or \
                not run(["ninja", "-C", build], tree, log, 1800):
            print("mutation: the unmutated tree does not build (see %s)" % log_path,
                  file=sys.stderr)
            return 1
        needed = sorted({t for m in chosen for t in m.get("tests", [])})
        for cmd in test_commands(build, needed):
            if not run(cmd, tree, log, 1800):
                print("mutation: the unmutated tree fails %s (see %s)" % (cmd[7:], log_path),
                      file=sys.stderr)
                return 1
        killed, survivors, stillborn = [], [], []
        for m in chosen:
            start = time.time()
            path = os.path.join(tree, m["file"])
            with open(path, encoding="utf-8") as f:
                original = f.read()
            with open(path, "w", encoding="utf-8") as f:
                f.write(original.replace(m["find"], m["replace"]))
            log.write(("\n==== mutant %s\n" % m["id"]).encode())
            log.flush()
            try:
                if not run(["ninja", "-C", build], tree, log, 600):
                    stillborn.append(m)
                    verdict = "does not build"
                elif all(run(cmd, tree, log, 900)
                         for cmd in test_commands(build, m.get("tests", []), maxfail=1)):
                    survivors.append(m)
                    verdict = "SURVIVED"
                else:
                    killed.append(m)
                    verdict = "killed"
            finally:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(original)
            print("mutation: %-36s %-14s %5.1f s  (%s)" % (m["id"], verdict, time.time() - start,
                                                          m["why"]), flush=True)
        run(["ninja", "-C", build], tree, log, 600)
    judged = len(killed) + len(survivors)
    rate = 100.0 * len(killed) / judged if judged else 100.0
    print("mutation: %d killed of %d (%.1f%%), bar %.0f%%" % (len(killed), judged, rate, args.bar))
    for m in survivors:
        print("mutation: survivor %s in %s: `%s` -> `%s`" % (m["id"], m["file"], m["find"],
                                                              m["replace"]))
    for m in stillborn:
        print("mutation: %s does not build: mend the list" % m["id"], file=sys.stderr)
    if not args.work:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0 if rate >= args.bar and not stillborn else 1


if __name__ == "__main__":
    sys.exit(main())
