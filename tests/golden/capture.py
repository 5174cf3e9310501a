#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Captures the golden corpus of the command line (see README.md).

Usage:
  capture.py [--build DIR]             run the test suites that launch the CLI
                                       through a logging wrapper, then record
                                       every distinct command line afresh
  capture.py --update [--build DIR]    re-record the outputs of the cases
                                       already in the corpus (a deliberate
                                       change: review the diff in git)

Both record with the binary of the build (DIR/bindings/cli/funnelplan,
default DIR: build/ at the top of the tree) and write tests/golden/cases/.
A full capture also rewrites the exclusions at the end of README.md.
"""

import base64
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SYSTEM_DIRS = (b"/dev/", b"/proc/", b"/sys/")
# Paths under /dev or /proc that stand for a descriptor the test handed over.
INHERITED = re.compile(rb"^/(dev/(stdin|stdout|stderr|fd/|tty)|proc/(self|thread-self|\d+)/fd/)")
MAX_INPUT = 4 << 20      # the wrapper reads no file larger than this
CORPUS_MAX_INPUT = 256 << 10  # a case keeps no input larger than this
ARGFILE_DEPTH = 8
# The variables that name a locale (as in replay.py).
LOCALE_VARS = re.compile(r"^(LC_[A-Z_]+|LANG|LANGUAGE|LOCPATH)$")


# --------------------------------------------------------------------------
# The argument list as the program reads it (bindings/cli/args.c). Shared by
# the wrapper (to find the files a command line reads) and the capture (to
# rewrite the paths in them).

def argfile_items(data):
    """[(start, end, [(token_start, token_end)])] of the lines of a @FILE that
    give arguments, or None when the program refuses the file (NUL byte)."""
    if b"\0" in data:
        return None
    out = []
    i = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    n = len(data)
    while i < n:
        j = data.find(b"\n", i)
        end, nxt = (n, n) if j < 0 else (j, j + 1)
        start = i
        i = nxt
        if end > start and data[end - 1:end] == b"\r":
            end -= 1
        while start < end and data[start:start + 1] in (b" ", b"\t"):
            start += 1
        while end > start and data[end - 1:end] in (b" ", b"\t"):
            end -= 1
        if start == end or data[start:start + 1] == b"#":
            continue
        k = start
        while k < end and data[k:k + 1] not in (b" ", b"\t"):
            k += 1
        if end - start > 2 and data[start:start + 2] == b"--" and k < end:
            v = k
            while v < end and data[v:v + 1] in (b" ", b"\t"):
                v += 1
            out.append((start, end, [(start, k), (v, end)]))
        else:
            out.append((start, end, [(start, end)]))
    return out


def expand(argv, read):
    """The program's argument list: (tokens, at_refs, complete).

    argv: bytes arguments; read(path) -> bytes, or None when the program
    could not read the file. tokens: [(bytes, origin)]; at_refs: [(origin,
    path)] of the @FILE arguments; an origin is ("argv", index) or
    ("file", path, start, end), the span of the bytes in the file."""
    tokens, refs = [], []

    def add(arg, origin, depth):
        if arg.startswith(b"@"):
            refs.append((origin, arg[1:]))
            if arg == b"@" or depth + 1 > ARGFILE_DEPTH:
                return False
            data = read(arg[1:])
            items = None if data is None else argfile_items(data)
            if items is None:
                return False
            for start, end, spans in items:
                if len(spans) == 2:
                    for s, e in spans:
                        tokens.append((data[s:e], ("file", arg[1:], s, e)))
                elif not add(data[start:end], ("file", arg[1:], start, end), depth + 1):
                    return False
            return True
        tokens.append((arg, origin))
        return True

    for i, arg in enumerate(argv):
        if not add(arg, ("argv", i), 0):
            return tokens, refs, False
    return tokens, refs, True


def starts_option(arg):
    return len(arg) > 2 and arg[:2] == b"--"


def leads_refs(tokens):
    """[(origin, path, prefix)] of the --leads values among tokens; prefix is
    b"--leads=" for the joined spelling, else b""."""
    out = []
    for i, (tok, origin) in enumerate(tokens):
        if tok == b"--leads" and i + 1 < len(tokens) and not starts_option(tokens[i + 1][0]):
            out.append((tokens[i + 1][1], tokens[i + 1][0], b""))
        elif tok.startswith(b"--leads="):
            out.append((origin, tok[8:], b"--leads="))
    return out


# The commands whose positional argument is an input file (`-` for stdin),
# and their options that take no value: every other option of theirs takes
# the next token as its value (main() checks this against their --help).
FILE_COMMANDS = {b"learn": {b"--backtest", b"--help", b"-h"}}


def input_refs(tokens):
    """[(origin, path, prefix)] of the inputs the command line names: the
    --leads values, and the positional FILE of the FILE_COMMANDS."""
    out = leads_refs(tokens)
    if not tokens or tokens[0][0] not in FILE_COMMANDS:
        return out
    flags = FILE_COMMANDS[tokens[0][0]]
    value_next = False
    for tok, origin in tokens[1:]:
        if value_next:
            value_next = False
        elif starts_option(tok) or (tok[:1] == b"-" and tok != b"-"):
            value_next = b"=" not in tok and tok not in flags
        else:
            out.append((origin, tok, b""))
    return out


def check_file_commands(cli):
    """Fails when a FILE_COMMANDS flag list no longer matches --help."""
    for cmd, flags in FILE_COMMANDS.items():
        text = help_of(cli, [os.fsdecode(cmd)])
        listed = set(re.findall(r"^  (--[a-z-]+)(?:  |$)", text, re.M))
        listed = {os.fsencode(f) for f in listed}
        if listed != {f for f in flags if f.startswith(b"--")}:
            raise SystemExit("capture.py: the options of %s that take no value are %s, not %s: "
                             "update FILE_COMMANDS" % (os.fsdecode(cmd), sorted(listed),
                                                       sorted(flags)))


# --------------------------------------------------------------------------
# The wrapper: records an invocation into the log directory, then execs the
# real binary with the same descriptors, environment and arguments.

WRAPPER = r'''#!%(python)s -I
# Written by tests/golden/capture.py: logs this invocation of funnelplan,
# then execs the real binary (same descriptors, environment, exit status).
import os, stat


def _fd(fd):
    try:
        st = os.fstat(fd)
    except OSError:
        return "closed"
    m = st.st_mode
    if stat.S_ISFIFO(m):
        return "pipe"
    if stat.S_ISREG(m):
        return "file"
    if stat.S_ISCHR(m):
        return "chr %%d,%%d" %% (os.major(st.st_rdev), os.minor(st.st_rdev))
    return "other"


FDS = [_fd(0), _fd(1), _fd(2)]   # before any file of ours can take a free number
REAL = %(real)r
LOG = %(log)r


def log():
    import base64, json, sys, time
    sys.path.insert(0, %(here)r)
    import capture as cap
    argv = [os.fsencode(a) for a in sys.argv[1:]]
    cwd = os.getcwd()
    files = {}

    def look(path):
        """Records what path is (relative to the working directory)."""
        key = os.fsdecode(path)
        if key in files:
            return files[key]
        a = os.path.normpath(os.path.join(os.fsencode(cwd), path))
        rec = files[key] = {"abs": os.fsdecode(a)}
        if a.startswith(cap.SYSTEM_DIRS):
            rec["kind"] = "system"
            return rec
        try:
            st = os.lstat(path)
        except OSError as e:
            rec["kind"] = "missing"
            rec["errno"] = e.errno
            return rec
        if stat.S_ISLNK(st.st_mode):
            rec["kind"] = "symlink"
            target = os.readlink(path)
            rec["target"] = os.fsdecode(target)
            look(os.path.normpath(os.path.join(os.path.dirname(a), target)))
        elif stat.S_ISDIR(st.st_mode):
            rec["kind"] = "dir"
        elif stat.S_ISREG(st.st_mode):
            rec["kind"] = "file"
            rec["size"] = st.st_size
            if st.st_size <= cap.MAX_INPUT:
                with open(path, "rb") as f:
                    rec["data"] = base64.b64encode(f.read(cap.MAX_INPUT + 1)).decode()
        else:
            rec["kind"] = "fifo" if stat.S_ISFIFO(st.st_mode) else "special"
        return rec

    def read(path):
        rec = look(path)
        for _ in range(40):
            if rec.get("kind") != "symlink":
                break
            a = os.path.join(os.path.dirname(os.fsencode(rec["abs"])), os.fsencode(rec["target"]))
            rec = files.get(os.fsdecode(os.path.normpath(a))) or {}
        if "data" in rec:
            return base64.b64decode(rec["data"])
        return None

    tokens, refs, complete = cap.expand(argv, read)
    stdin = None
    for origin, path, prefix in cap.input_refs(tokens):
        if path == b"-":
            if FDS[0] in ("pipe", "file") and stdin is None:
                chunks = []
                while True:
                    b = os.read(0, 1 << 16)
                    if not b:
                        break
                    chunks.append(b)
                data = b"".join(chunks)
                stdin = base64.b64encode(data).decode()
                fd = os.memfd_create("stdin", 0)
                os.write(fd, data)
                os.lseek(fd, 0, os.SEEK_SET)
                os.dup2(fd, 0)
                os.close(fd)
        else:
            look(path)
    env = {k: v for k, v in os.environ.items() if cap.LOCALE_VARS.match(k)}
    rec = {"argv": [os.fsdecode(a) for a in argv], "cwd": cwd, "env": env, "fds": FDS,
           "uid": os.geteuid(), "source": os.environ.get("GOLDEN_SOURCE", ""),
           "files": files, "stdin": stdin,
           "wrapped": bool(os.environ.get("FUNNELPLAN_CLI_WRAPPER"))}
    name = os.path.join(LOG, "%%d-%%d.json" %% (time.time_ns(), os.getpid()))
    with open(name + ".part", "w") as f:
        json.dump(rec, f)
    os.rename(name + ".part", name)


try:
    log()
except Exception as e:  # the run goes on; the capture counts the failure
    try:
        import json
        with open(os.path.join(LOG, "error-%%d.json" %% os.getpid()), "w") as f:
            json.dump({"error": repr(e)}, f)
    except Exception:
        pass
os.execv(REAL, [REAL] + __import__("sys").argv[1:])
'''


# --------------------------------------------------------------------------
# From a logged invocation to a case: paths made relative to the case's
# directory, input files and stdin attached; or the reason it is left out.

def fsb(text):
    return os.fsencode(text)


def fss(data):
    return os.fsdecode(data)


def normalise(rec):
    """(case, None), or (None, reason) for an invocation that cannot be
    replayed as it ran."""
    import tempfile
    import replay
    if rec.get("wrapped"):
        return None, "run under $FUNNELPLAN_CLI_WRAPPER (valgrind): the capture runs without it"
    if rec["uid"] != os.geteuid():
        return None, "run as another user (uid %d): the permission test" % rec["uid"]
    fds = rec["fds"]
    if "closed" in fds[1:]:
        return None, "stdout or stderr closed: the write failure is the point"
    if "chr 1,7" in fds[1:]:
        return None, "stdout or stderr is /dev/full: the write failure is the point"
    files = rec["files"]
    cwd = fsb(rec["cwd"])

    def resolve(key):
        """The key of the record that holds the data of key (symlinks followed)."""
        seen = set()
        while key in files and files[key]["kind"] == "symlink" and key not in seen:
            seen.add(key)
            f = files[key]
            key = fss(os.path.normpath(os.path.join(os.path.dirname(fsb(f["abs"])),
                                                    fsb(f["target"]))))
        return key

    def read(path):
        f = files.get(resolve(fss(path)), {})
        return base64.b64decode(f["data"]) if "data" in f else None

    argv = [fsb(a) for a in rec["argv"]]
    tokens, at_refs, _ = expand(argv, read)
    for key, f in files.items():
        if f["kind"] == "fifo":
            return None, "reads a FIFO: its contents cannot be logged without consuming them"
        if f["kind"] == "special":
            return None, "reads a device or socket outside /dev"
        if f["kind"] == "system" and INHERITED.match(fsb(f["abs"])):
            return None, "reads a descriptor the test passed on (/dev/stdin, /dev/fd/N)"
        if f["kind"] == "file" and ("data" not in f or f["size"] > CORPUS_MAX_INPUT):
            return None, ("reads an input larger than %d KiB (the 1 MiB @FILE limit, "
                          "the large score files): too large to keep" % (CORPUS_MAX_INPUT >> 10))
    stdin = None
    leads = input_refs(tokens)
    if any(path == b"-" for _, path, _ in leads):
        if rec["stdin"] is not None:
            stdin = base64.b64decode(rec["stdin"])
        elif fds[0] == "chr 1,3":
            stdin = b""
        else:
            return None, "reads stdin that is neither a pipe, a file nor /dev/null"

    tokens_of_dir = {}
    tmp_root = fsb(tempfile.gettempdir())

    def mapped(path):
        if not path:
            return path
        a = os.path.normpath(os.path.join(cwd, path))
        if a.startswith(SYSTEM_DIRS):
            return path
        if not path.startswith(b"/") and b".." not in path.split(b"/"):
            return path
        d, base = os.path.split(a)
        if d == tmp_root:   # a temporary directory (or file) itself: its name is random
            d, base = a, b""
        t = tokens_of_dir.setdefault(d, b"d%d" % len(tokens_of_dir))
        return t + b"/" + base if base else t

    edits = {}   # key of a file -> [(start, end, bytes)]

    def edit(origin, new):
        if origin[0] == "argv":
            argv[origin[1]] = new
        else:
            edits.setdefault(resolve(fss(origin[1])), []).append((origin[2], origin[3], new))

    for origin, path in at_refs:
        if mapped(path) != path:
            edit(origin, b"@" + mapped(path))
    for origin, path, prefix in leads:
        if path != b"-" and mapped(path) != path:
            edit(origin, prefix + mapped(path))

    case_files = []
    for key, f in files.items():
        path = mapped(fsb(key))
        if f["kind"] == "file":
            data = base64.b64decode(f["data"])
            for s, e, new in sorted(edits.get(key, ()), reverse=True):
                data = data[:s] + new + data[e:]
            case_files.append({"path": fss(path), "kind": "file", "data": data})
        elif f["kind"] == "dir":
            case_files.append({"path": fss(path), "kind": "dir"})
        elif f["kind"] == "symlink":
            target = os.path.normpath(os.path.join(os.path.dirname(fsb(f["abs"])),
                                                   fsb(f["target"])))
            case_files.append({"path": fss(path), "kind": "symlink",
                               "target": fss(mapped(target))})
    case_files.sort(key=lambda f: (f["path"], f["kind"]))
    for i in range(1, len(case_files)):
        if case_files[i]["path"] == case_files[i - 1]["path"] and case_files[i] != case_files[i - 1]:
            return None, "two inputs end up at one path"
    case_files = [f for i, f in enumerate(case_files) if i == 0 or f != case_files[i - 1]]

    if any(fsb(ROOT) + b"/" in a for a in argv):
        return None, "the command line names a path in the source tree (add it to input_refs)"
    tmp = tmp_root + b"/"
    if any(tmp in a for a in argv) or any(
            tmp in f.get("data", b"") for f in case_files):
        return None, "the command line still names a temporary path"
    env = dict(rec["env"])
    if "LOCPATH" in env:
        env["LOCPATH"] = replay.LOCPATH_PLACEHOLDER
    toks = [t for t, _ in tokens]
    case = {"args": [fss(a) for a in argv], "env": env, "from": [rec["source"]]}
    if case_files:
        case["files"] = case_files
    if stdin is not None:
        case["stdin"] = stdin
    case["_cmd"] = fss(toks[0]) if toks else ""
    case["_pinned"] = any(t == b"--format" or t.startswith(b"--format=") for t in toks)
    case["_help"] = any(t in (b"--help", b"--version") for t in toks)
    return case, None


def case_key(c):
    import replay
    files = [dict(f, data=replay.to_text(f["data"])) if "data" in f else f
             for f in c.get("files", [])]
    stdin = None if c.get("stdin") is None else replay.to_text(c["stdin"])
    return replay.js([c["args"], c["env"], files, stdin])


def merge(cases):
    """Cases deduplicated (the first kept, its sources merged), with ids."""
    import hashlib
    out = {}
    for c in cases:
        k = case_key(c)
        if k in out:
            out[k]["from"] = sorted(set(out[k]["from"]) | set(c["from"]))
        else:
            c["id"] = hashlib.sha256(k.encode("utf-8", "surrogatepass")).hexdigest()[:12]
            c["from"] = sorted(set(c["from"]))
            out[k] = c
    return list(out.values())


# --------------------------------------------------------------------------
# The program's commands and their formats, from its own --help.

def help_of(cli, args):
    import subprocess
    return subprocess.run([cli] + args + ["--help"], stdout=subprocess.PIPE,
                          check=True).stdout.decode()


def commands_and_formats(cli):
    """{command: [formats]}, in the order --help lists them."""
    text = help_of(cli, [])
    section = text.split("\nCommands:\n", 1)[1].split("\n\n", 1)[0]
    out = {}
    for line in section.splitlines():
        name = line.split()[0]
        h = help_of(cli, [name])
        m = re.search(r"^  --format FORMAT +(.*)$", h, re.M)
        out[name] = re.findall(r"\b(table|json|csv|svg)\b", m.group(1)) if m else []
    return out


def variants(cases, formats):
    """For each case of a command with --format that does not pin one (and
    asks for no help), the same line with each other format."""
    out = []
    for c in cases:
        fmts = formats.get(c["_cmd"], [])
        if c["_pinned"] or c["_help"] or not fmts:
            continue
        for f in fmts:
            if f == "table":
                continue
            v = {k: v for k, v in c.items() if k != "id"}
            v["args"] = c["args"] + ["--format", f]
            v["from"] = [s + " +format" for s in c["from"]]
            v["_pinned"] = True
            out.append(v)
    return out


def case_format(c, formats):
    """The format a case asks for (for the summary)."""
    args = [fsb(a) for a in c["args"]]
    data = {fsb(f["path"]): f["data"] for f in c.get("files", []) if "data" in f}
    tokens, _, complete = expand(args, lambda p: data.get(p))
    toks = [t for t, _ in tokens]
    if not complete:   # an @FILE the program refuses: the rest as written
        last = max((o[1] for _, o in tokens if o[0] == "argv"), default=-1)
        toks += [a for a in args[last + 1:] if not a.startswith(b"@")]
    fmt = "table"
    for i, t in enumerate(toks):
        if t == b"--format" and i + 1 < len(toks):
            fmt = fss(toks[i + 1])
        elif t.startswith(b"--format="):
            fmt = fss(t[9:])
    cmd = fss(toks[0]) if toks else ""
    if cmd not in formats or any(t in (b"--help", b"--version") for t in toks):
        return cmd if cmd in formats else "other", "-"
    return cmd, fmt


def group_of(formats):
    return lambda c: c["args"][0] if c["args"] and c["args"][0] in formats else "other"


# --------------------------------------------------------------------------
# Recording

def record(cli, cases, jobs):
    """Runs every case twice; fills status, stdout, stderr. Returns
    (recorded cases, [(case, reason)] of those whose two runs differed)."""
    import replay
    locpath = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(cli))),
                           "tests", "locales")

    def twice(c):
        try:
            return replay.run_case(cli, c, locpath), replay.run_case(cli, c, locpath)
        except Exception as e:  # a timeout: not reproducible either
            return ("error", repr(e)), None

    kept, dropped = [], []
    for c, (a, b) in zip(cases, replay.run_all(cli, cases, locpath, jobs, fn=twice)):
        if a != b:
            dropped.append((c, "not reproducible: two runs printed different output"))
            continue
        c["status"], out, err = a
        c["stdout"], c["stderr"] = out, err
        kept.append(c)
    return kept, dropped


def public(c):
    return {k: v for k, v in c.items() if not k.startswith("_")}


def summary(cases, formats):
    counts = {}
    for c in cases:
        k = case_format(c, formats)
        counts[k] = counts.get(k, 0) + 1
    lines = []
    for cmd in list(formats) + ["other"]:
        row = {f: n for (c, f), n in counts.items() if c == cmd}
        if row:
            lines.append("  %-12s %5d  %s" % (cmd, sum(row.values()), ", ".join(
                "%s %d" % (f, n) for f, n in sorted(row.items()))))
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Running the suites through the wrapper

def selected_tests(build, wrapper):
    """[(name, cmd, cwd, env)] of the tests that launch the CLI: the cli
    suite, the python tests that use the CLI, and examples/recipes.sh."""
    import json
    import subprocess
    tests = json.loads(subprocess.run(["meson", "introspect", "--tests", build],
                                      stdout=subprocess.PIPE, check=True).stdout)
    pydir = os.path.join(ROOT, "tests", "python")
    out = []
    for t in tests:
        suites = {s.split(":")[-1] for s in t["suite"]}
        env = dict(os.environ)
        env.update(t["env"])
        for k in ("FUNNELPLAN_CLI_WRAPPER", "FUNNELPLAN_CLI_WRAPPER_EVERY"):
            env.pop(k, None)
        env["GOLDEN_SOURCE"] = t["name"]
        cmd, cwd = list(t["cmd"]), t["workdir"] or build
        if "cli" in suites:
            env["FUNNELPLAN_CLI"] = wrapper
        elif "python" in suites and t["name"].startswith("python test_"):
            # one meson test per file of tests/python (tests/meson.build):
            # those that launch the CLI, recorded as from "python" as when
            # the suite was a single test
            mod = t["name"][len("python "):]
            with open(os.path.join(pydir, mod + ".py"), encoding="utf-8") as f:
                if not re.search(r"cli_path\(|FUNNELPLAN_CLI", f.read()):
                    continue
            cmd, cwd = [cmd[0], "-m", "unittest", "-v", mod], pydir
            env["GOLDEN_SOURCE"] = "python"
            env["FUNNELPLAN_CLI"] = wrapper
        elif "examples" in suites and t["name"] == "recipes.sh":
            cmd = cmd[:-1] + [wrapper]
        else:
            continue
        out.append((t["name"], cmd, cwd, env))
    return out


def run_suites(build, real, workdir, jobs):
    """Runs the selected tests with the wrapper; returns the logged records
    and the number of wrapper failures."""
    import concurrent.futures
    import json
    import subprocess
    log = os.path.join(workdir, "log")
    os.makedirs(log)
    wrapper = os.path.join(workdir, "funnelplan")
    with open(wrapper, "w", encoding="utf-8") as f:
        f.write(WRAPPER % {"python": sys.executable, "real": real, "log": log, "here": HERE})
    # Not executable by others: the permission test then runs no launch as
    # user nobody (who could not run the wrapper's interpreter anyway).
    os.chmod(wrapper, 0o750)
    tests = selected_tests(build, wrapper)

    def one(t):
        name, cmd, cwd, env = t
        r = subprocess.run(["nice", "-n", "10"] + cmd, cwd=cwd, env=env,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=3600)
        return name, r.returncode, r.stdout.decode("utf-8", "replace")

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for name, rc, text in pool.map(one, tests):
            print("  %-22s exit %d" % (name, rc), flush=True)
            if rc != 0:
                print("    (a test failed under the wrapper; its launches are logged "
                      "all the same)\n    " + "\n    ".join(text.splitlines()[-15:]))
    records, errors = [], 0
    for n in sorted(os.listdir(log)):
        if n.endswith(".part"):
            continue
        with open(os.path.join(log, n), encoding="utf-8") as f:
            rec = json.load(f)
        if "error" in rec:
            errors += 1
            print("  wrapper error: " + rec["error"])
            continue
        records.append(rec)
    return records, errors


# --------------------------------------------------------------------------

EXCLUDED_BEGIN = "<!-- excluded: written by capture.py -->"
EXCLUDED_END = "<!-- end of excluded -->"


def write_excluded(excluded):
    import replay
    by_reason = {}
    for source, args, reason in excluded:
        by_reason.setdefault(reason, []).append((source, args))
    lines = [EXCLUDED_BEGIN, "",
             "%d launches of the last full capture are not in the corpus:" % len(excluded), ""]
    for reason, items in sorted(by_reason.items(), key=lambda kv: -len(kv[1])):
        lines.append("- %d: %s" % (len(items), reason))
        seen = set()
        for source, args in items:
            text = " ".join(replay.js(a) if re.search(r"[\s\"'\\]", a) or not a else a
                            for a in args)
            # (temporary directories have random names: one name for all)
            text = re.sub(r"(^|[\s@=])/tmp/[^/\s]+", r"\1/tmp/TMP", text)
            text = text if len(text) <= 110 else text[:107] + "..."
            if (source, text) in seen:
                continue
            seen.add((source, text))
            lines.append("  - `%s`: `funnelplan %s`" % (source, text.replace("`", "'")))
    lines += ["", EXCLUDED_END]
    path = os.path.join(HERE, "README.md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if EXCLUDED_BEGIN in text:
        head, rest = text.split(EXCLUDED_BEGIN, 1)
        tail = rest.split(EXCLUDED_END, 1)[1]
    else:
        head, tail = text.rstrip("\n") + "\n\n", "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + "\n".join(lines) + tail)


def main(argv=None):
    """capture.py [--build DIR] [--update] [--summary] [--jobs N]"""
    import argparse
    import shutil
    import tempfile
    import time
    import replay
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--update", action="store_true",
                    help="re-record the outputs of the cases in the corpus")
    ap.add_argument("--summary", action="store_true",
                    help="print the cases of the corpus by command and format")
    ap.add_argument("--jobs", type=int, default=2, help="tests or cases at a time")
    opts = ap.parse_args(argv)
    build = os.path.abspath(opts.build)
    cli = os.path.join(build, "bindings", "cli", "funnelplan")
    if not os.access(cli, os.X_OK):
        print("capture.py: no %s (build first: ninja -C %s)" % (cli, opts.build), file=sys.stderr)
        return 2
    formats = commands_and_formats(cli)
    check_file_commands(cli)
    start = time.monotonic()
    if opts.summary:
        print(summary(replay.load(HERE), formats))
        return 0
    if opts.update:
        cases = replay.load(HERE)
        kept, dropped = record(cli, cases, opts.jobs)
        for c, reason in dropped:
            print("capture.py: case %s: %s" % (c["id"], reason), file=sys.stderr)
        if dropped:
            return 1
        replay.save(HERE, kept, group_of(formats))
        print("re-recorded %d cases in %.0f s; review with git diff tests/golden"
              % (len(kept), time.monotonic() - start))
        return 0

    workdir = tempfile.mkdtemp(prefix="fpl-golden-capture-")
    try:
        print("running the tests through the logging wrapper:", flush=True)
        records, errors = run_suites(build, cli, workdir, opts.jobs)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if errors:
        print("capture.py: the wrapper failed %d times" % errors, file=sys.stderr)
        return 1
    cases, excluded = [], []
    for rec in records:
        c, reason = normalise(rec)
        if c is None:
            excluded.append((rec["source"], rec["argv"], reason))
        else:
            cases.append(c)
    base = merge(cases)
    allcases = merge(base + variants(base, formats))
    print("%d launches logged, %d excluded; %d distinct command lines, %d with the format "
          "variants" % (len(records), len(excluded), len(base), len(allcases)), flush=True)
    kept, dropped = record(cli, allcases, opts.jobs)
    excluded += [(", ".join(c["from"]), c["args"], reason) for c, reason in dropped]
    kept.sort(key=lambda c: (replay.js(c["args"]), c["id"]))
    replay.save(HERE, [public(c) for c in kept], group_of(formats))
    write_excluded(excluded)
    print("recorded %d cases in %.0f s:\n%s" % (len(kept), time.monotonic() - start,
                                               summary(kept, formats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
