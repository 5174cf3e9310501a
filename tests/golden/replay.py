# SPDX-License-Identifier: MIT
"""Replays the golden corpus of the command line and diffs every byte.

Usage: replay.py [--jobs N] [--cli PATH] [CORPUS_DIR]

Every case of CORPUS_DIR/cases/*.golden (default: the directory of this file)
runs against $FUNNELPLAN_CLI (or --cli) in a fresh temporary directory that
holds the case's input files, with the case's locale variables, and must
print the recorded stdout and stderr and exit with the recorded status. On a
mismatch the case, a unified diff of stdout and stderr and the two statuses
are printed, and the exit status is 1. Standard library only; capture.py
uses the same runner to record the corpus (see README.md).
"""

import argparse
import concurrent.futures
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# The variables that name a locale: the only part of the environment a case
# records (the program reads no other variable). LOCPATH is recorded as the
# placeholder "{LOCPATH}": the locales the build generated (meson passes
# their directory in $FUNNELPLAN_TEST_LOCPATH).
LOCALE_VARS = re.compile(r"^(LC_[A-Z_]+|LANG|LANGUAGE|LOCPATH)$")
LOCPATH_PLACEHOLDER = "{LOCPATH}"
# The case's directory, where it appears in an output.
CASEDIR_PLACEHOLDER = b"{CASEDIR}"
TIMEOUT = 60


# --------------------------------------------------------------------------
# The corpus: cases/*.golden, plain text so that a git diff shows the lines
# of an output that changed. A case:
#
#   ### ID
#   from: ["the meson test that ran it"]
#   args: ["plan", "--stage", "lead=1%", ...]      (JSON, like env and file)
#   env: {"LC_ALL": "C"}
#   status: 0
#   file: {"path": "d0/saas.funnel", "kind": "file"}
#   |the file's lines, each after a "|"
#   stdin:
#   stdout:
#   |...
#   stderr:
#
# In a block of bytes (file, stdin, stdout, stderr) a line is "|" and its
# text, or "~" and a JSON string when it is not plain UTF-8 text (control
# characters, bytes that are not UTF-8: kept as \udcXX, Python's
# surrogateescape); a last line without a newline is followed by
# "\ no newline at end". In memory a case holds bytes: stdout, stderr,
# stdin (None when the case gives none) and the data of its files.

NO_NEWLINE = "\\ no newline at end"
_PLAIN = re.compile("[^\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029\ud800-\udfff]*")
_SURROGATE = re.compile("[\ud800-\udfff]")


def to_text(data):
    return data.decode("utf-8", "surrogateescape")


def to_bytes(text):
    return text.encode("utf-8", "surrogateescape")


def js(obj):
    """Compact JSON on one line, UTF-8 kept readable, lone surrogates escaped."""
    text = json.dumps(obj, ensure_ascii=False)
    return _SURROGATE.sub(lambda m: "\\u%04x" % ord(m.group()), text)


def block(data):
    """bytes -> the lines of a block."""
    parts = to_text(data).split("\n")
    complete = parts[-1] == ""
    out = ["|" + p if _PLAIN.fullmatch(p) else "~" + json.dumps(p)
           for p in (parts[:-1] if complete else parts)]
    return out if complete else out + [NO_NEWLINE]


def unblock(lines):
    """The lines of a block -> bytes."""
    texts, complete = [], True
    for line in lines:
        if line == NO_NEWLINE:
            complete = False
        else:
            texts.append(line[1:] if line[0] == "|" else json.loads(line[1:]))
    return to_bytes("\n".join(texts) + ("\n" if complete and texts else ""))


def dump_case(c):
    lines = ["### " + c["id"], "from: " + js(c["from"]), "args: " + js(c["args"]),
             "env: " + js(c["env"]), "status: %d" % c["status"]]
    for f in c.get("files", ()):
        lines.append("file: " + js({k: v for k, v in f.items() if k != "data"}))
        if "data" in f:
            lines += block(f["data"])
    if c.get("stdin") is not None:
        lines += ["stdin:"] + block(c["stdin"])
    lines += ["stdout:"] + block(c["stdout"]) + ["stderr:"] + block(c["stderr"])
    return "\n".join(lines) + "\n"


def parse(text, name="corpus"):
    cases = []
    c = target = None
    for n, line in enumerate(text.split("\n"), 1):
        try:
            if line[:1] in ("|", "~") or line == NO_NEWLINE:
                target.append(line)
                continue
            if target is not None:
                holder, key, lines = target_of
                holder[key] = unblock(lines)
                target = None
            if not line:
                continue
            key, _, value = line.partition(": ") if ": " in line else line.partition(":")
            if line.startswith("### "):
                c = {"id": line[4:]}
                cases.append(c)
            elif key in ("from", "args", "env"):
                c[key] = json.loads(value)
            elif key == "status":
                c[key] = int(value)
            elif key == "file":
                f = json.loads(value)
                c.setdefault("files", []).append(f)
                if f["kind"] == "file":
                    target = []
                    target_of = (f, "data", target)
            elif key in ("stdin", "stdout", "stderr") and not value:
                target = []
                target_of = (c, key, target)
            else:
                raise ValueError("unknown line")
        except (ValueError, TypeError, AttributeError, KeyError) as e:
            raise ValueError("%s:%d: %s: %r" % (name, n, e, line[:80])) from None
    if target is not None:
        holder, key, lines = target_of
        holder[key] = unblock(lines)
    for c in cases:
        missing = {"from", "args", "env", "status", "stdout", "stderr"} - set(c)
        if missing:
            raise ValueError("%s: case %s has no %s" % (name, c["id"], ", ".join(sorted(missing))))
    return cases


def corpus_files(corpus_dir):
    d = os.path.join(corpus_dir, "cases")
    return sorted(os.path.join(d, n) for n in os.listdir(d) if n.endswith(".golden"))


def load(corpus_dir):
    cases = []
    for path in corpus_files(corpus_dir):
        with open(path, encoding="utf-8", newline="") as f:
            cases.extend(parse(f.read(), path))
    return cases


def save(corpus_dir, cases, group):
    """Writes cases into cases/GROUP.golden files (group(case) names the
    file); files no case goes to are removed."""
    d = os.path.join(corpus_dir, "cases")
    os.makedirs(d, exist_ok=True)
    groups = {}
    for c in cases:
        groups.setdefault(group(c), []).append(c)
    for path in corpus_files(corpus_dir):
        if os.path.basename(path)[:-len(".golden")] not in groups:
            os.remove(path)
    for name, members in sorted(groups.items()):
        with open(os.path.join(d, name + ".golden"), "w", encoding="utf-8", newline="") as f:
            f.write("\n".join(dump_case(c) for c in members))


# --------------------------------------------------------------------------
# Running a case

def case_env(case, locpath):
    env = {k: v for k, v in os.environ.items() if not LOCALE_VARS.match(k)}
    for k, v in case["env"].items():
        env[k] = v.replace(LOCPATH_PLACEHOLDER, locpath) if k == "LOCPATH" else v
    return env


def materialise(case, root):
    """Writes the case's input files under root (its working directory)."""
    for f in case.get("files", ()):
        path = os.path.join(root, f["path"])
        parent = os.path.dirname(path)
        if parent:
            os.makedirs(parent, exist_ok=True)
        if f["kind"] == "file":
            with open(path, "wb") as out:
                out.write(f["data"])
        elif f["kind"] == "dir":
            os.makedirs(path, exist_ok=True)
        elif f["kind"] == "symlink":
            os.symlink(os.path.join(root, f["target"]), path)
        else:
            raise ValueError("case %s: unknown file kind %r" % (case["id"], f["kind"]))


def run_case(cli, case, locpath, tmp_root=None):
    """(status, stdout bytes, stderr bytes) of one case, in a fresh directory;
    the directory's path in an output is replaced by {CASEDIR}."""
    root = tempfile.mkdtemp(prefix="fpl-golden-", dir=tmp_root)
    try:
        materialise(case, root)
        stdin = case.get("stdin")
        r = subprocess.run([cli] + [to_bytes(a) for a in case["args"]], cwd=root,
                           env=case_env(case, locpath),
                           input=stdin,
                           stdin=subprocess.DEVNULL if stdin is None else None,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
        key = os.fsencode(root)
        return (r.returncode, r.stdout.replace(key, CASEDIR_PLACEHOLDER),
                r.stderr.replace(key, CASEDIR_PLACEHOLDER))
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run_all(cli, cases, locpath, jobs, fn=None):
    """[result of fn(case) or run_case] in the order of cases, on a thread pool."""
    fn = fn or (lambda c: run_case(cli, c, locpath))
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(fn, cases))


def describe(case):
    parts = ["case %s (from %s)" % (case["id"], ", ".join(case["from"])),
             "  args: %s" % js(case["args"]),
             "  env: %s" % js(case["env"])]
    for f in case.get("files", ()):
        parts.append("  file %s (%s)" % (js(f["path"]), f["kind"]))
    if case.get("stdin") is not None:
        parts.append("  stdin: %d bytes" % len(case["stdin"]))
    return "\n".join(parts)


def diff(name, want, got):
    lines = difflib.unified_diff(to_text(want).splitlines(True), to_text(got).splitlines(True),
                                 "%s (recorded)" % name, "%s (now)" % name)
    return "".join(l if l.endswith("\n") else l + "\n" + NO_NEWLINE + "\n" for l in lines)


def default_jobs():
    return max(2, min(8, 2 * (os.cpu_count() or 1)))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=HERE)
    ap.add_argument("--cli", default=os.environ.get("FUNNELPLAN_CLI"))
    ap.add_argument("--jobs", type=int, default=default_jobs())
    ap.add_argument("--max-failures", type=int, default=20,
                    help="cases shown in full (all are counted)")
    opts = ap.parse_args(argv)
    if not opts.cli or not os.access(opts.cli, os.X_OK):
        print("replay.py: no funnelplan binary: set FUNNELPLAN_CLI or pass --cli "
              "(got %r)" % opts.cli, file=sys.stderr)
        return 2
    locpath = os.environ.get("FUNNELPLAN_TEST_LOCPATH", "")
    cases = load(opts.corpus)
    if not cases:
        print("replay.py: the corpus in %s is empty" % opts.corpus, file=sys.stderr)
        return 2
    results = run_all(opts.cli, cases, locpath, opts.jobs)
    failed = 0
    for case, (status, out, err) in zip(cases, results):
        want_out, want_err = case["stdout"], case["stderr"]
        if (status, out, err) == (case["status"], want_out, want_err):
            continue
        failed += 1
        if failed > opts.max_failures:
            continue
        print("FAIL " + describe(case))
        if status != case["status"]:
            print("  exit status: recorded %d, now %d" % (case["status"], status))
        if out != want_out:
            print(diff("stdout", want_out, out), end="")
        if err != want_err:
            print(diff("stderr", want_err, err), end="")
        print()
    print("golden: %d cases, %d failed%s" % (len(cases), failed,
          " (%d shown)" % min(failed, opts.max_failures) if failed else ""))
    if failed:
        print("golden: a deliberate change? re-record with tests/golden/capture.py --update "
              "and review the diff (see tests/golden/README.md)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
