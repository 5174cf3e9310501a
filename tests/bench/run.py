#!/usr/bin/env python3
# funnelplan — the benchmarks of docs/performance.md, in one run.
# SPDX-License-Identifier: MIT
"""Plans 10^6 funnels of 5 stages every way a user could and prints one table.

    /usr/bin/python3 tests/bench/run.py [BUILD]      (BUILD defaults to ./build)

Everything in the table is measured in this one run, on the same funnels:

- the C batch, ``fpl_plan_batch_compute``, the ``memcpy`` roofline and a loop
  of ``fpl_plan_compute`` (``tests/bench/bench_batch``, all in one process);
- ``funnelplan.plan_batch`` with numpy arrays and with ``array.array`` inputs;
- the same math in numpy (vectorised over the funnels, stage by stage) and in
  a pure-Python loop (on a subset, scaled to 10^6 funnels);
- the CLI's ``plan`` as a whole process (median of many runs, beside the
  median of ``/bin/true`` started the same way);
- instructions per funnel under ``valgrind --tool=callgrind`` (noise-free);
- ``odds``: the volume for a confidence near 10^7 units against one exact
  tail probability, and Monte Carlo trials per second (ctypes on the library).

Speeds are ratios between figures of this run (STYLE.md: "measured in
benchmarks, reported as ratios against a baseline run in the same process or
the same script"). The funnels are those of bench_batch: its splitmix64
sequence is reproduced here, so every row plans the very same numbers, and
numpy's and pure Python's results are checked bit for bit against the
library's before any time is reported.

Needs Debian's python3-numpy (``apt-get install python3-numpy``) for the numpy
rows (they say so when numpy is missing) and valgrind for the instruction
counts. Builds what it needs first (``meson setup BUILD`` when BUILD is not a
meson build directory, then ``ninja -C BUILD``).
"""

import argparse
import array
import ctypes
import gc
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EPS16 = 16.0 * sys.float_info.epsilon
SEED = 20240509  # bench_batch.c's seed
CLI_ARGS = ["plan", "--stage", "lead=10%", "--stage", "mql=40%", "--stage", "sql=50%",
            "--stage", "opportunity=25%", "--stage", "proposal=30%", "--deals", "20",
            "--format", "json"]


def fail(message):
    print("run.py: " + message, file=sys.stderr)
    sys.exit(1)


# -- building --------------------------------------------------------------


def note(message):
    print("run.py: " + message, file=sys.stderr, flush=True)


def build(build_dir, run_build):
    """The paths of what is measured, built first unless told not to."""
    if run_build:
        if not os.path.exists(os.path.join(build_dir, "build.ninja")):
            subprocess.run(["meson", "setup", build_dir], cwd=ROOT, check=True)
        subprocess.run(["ninja", "-C", build_dir], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    paths = {
        "bench": os.path.join(build_dir, "tests", "bench", "bench_batch"),
        "cli": os.path.join(build_dir, "bindings", "cli", "funnelplan"),
        "lib": os.path.join(build_dir, "libfunnelplan.so"),
    }
    if not os.path.exists(paths["bench"]):
        fail("%s is missing: tests/bench is built when the tests are (-Dtests=true) and "
             "tests/meson.build holds subdir('bench')" % paths["bench"])
    if not os.path.exists(paths["lib"]):
        fail("%s is missing: the shared library is needed (default_library=both)"
             % paths["lib"])
    return paths


def build_info(build_dir):
    info = {}
    try:
        with open(os.path.join(build_dir, "meson-info", "intro-buildoptions.json")) as f:
            options = {o["name"]: o["value"] for o in json.load(f)}
        info["buildtype"] = "%s (-O%s%s)" % (options.get("buildtype"), options.get("optimization"),
                                             " -g" if options.get("debug") else "")
    except (OSError, ValueError, KeyError):
        info["buildtype"] = "unknown"
    # The compiler and flags of the batch kernel (its own static library).
    info["compiler"], info["kernel_flags"] = "unknown", ""
    try:
        with open(os.path.join(build_dir, "meson-info", "intro-targets.json")) as f:
            for target in json.load(f):
                if target["name"] == "funnelplan_batch":
                    source = target["target_sources"][0]
                    version = subprocess.run(source["compiler"] + ["--version"],
                                             stdout=subprocess.PIPE, universal_newlines=True)
                    info["compiler"] = version.stdout.split("\n")[0]
                    info["kernel_flags"] = " ".join(
                        p for p in source["parameters"]
                        if re.match(r"-(O|g$|f(tree|vect|no-trapping|PIC)|m)", p))
    except (OSError, ValueError, KeyError, IndexError):
        pass
    return info


def machine():
    """The CPU as /proc/cpuinfo names it (with family and model), the number
    of CPUs, and the CPU's flags."""
    fields = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                fields.setdefault(key.strip(), value.strip())
    except OSError:
        pass
    model = "%s (family %s, model %s)" % (fields.get("model name", "unknown CPU"),
                                          fields.get("cpu family", "?"), fields.get("model", "?"))
    return model, os.cpu_count(), set(fields.get("flags", "").split())


# -- the funnels: bench_batch.c's, reproduced -------------------------------


def splitmix64(np, count):
    """The first `count` numbers of bench_batch.c's generator."""
    with np.errstate(over="ignore"):
        j = np.arange(1, count + 1, dtype=np.uint64)
        z = np.uint64(SEED) + j * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def make_funnels(np, n, stages):
    """rates (stages × n, stage-major, contiguous) and deals (n), as bench_batch."""
    z = splitmix64(np, n * (stages + 1)).reshape(n, stages + 1)
    deals = (np.uint64(1) + z[:, 0] % np.uint64(1000)).astype(np.float64)
    rates = np.ascontiguousarray(
        ((np.uint64(10) + z[:, 1:] % np.uint64(991)).astype(np.float64) / 1000.0).T)
    return rates, deals


def make_funnels_pure(n, stages):
    """The same funnels without numpy (for the library check when numpy is missing)."""
    mask = (1 << 64) - 1
    state = SEED
    rates = [[0.0] * n for _ in range(stages)]
    deals = [0.0] * n
    for i in range(n):
        for k in range(-1, stages):
            state = (state + 0x9E3779B97F4A7C15) & mask
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
            z ^= z >> 31
            if k < 0:
                deals[i] = float(1 + z % 1000)
            else:
                rates[k][i] = (10 + z % 991) / 1000.0
    return rates, deals


# -- timing ----------------------------------------------------------------


def best_of(reps, func):
    """Best wall time of `reps` calls (garbage collector off, as timeit does)."""
    gc_was = gc.isenabled()
    gc.disable()
    try:
        best = math.inf
        result = None
        for _ in range(reps):
            t0 = time.perf_counter()
            result = func()
            best = min(best, time.perf_counter() - t0)
        return best, result
    finally:
        if gc_was:
            gc.enable()


def time_processes(runs, cli):
    """Medians of `runs` starts of the CLI's plan and of /bin/true, interleaved."""
    true_prog = shutil.which("true") or "/bin/true"
    cli_times, true_times = [], []
    for _ in range(runs):
        for argv, times in (([true_prog], true_times), ([cli] + CLI_ARGS, cli_times)):
            t0 = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - t0)
    return statistics.median(cli_times), statistics.median(true_times)


# -- the C benchmark --------------------------------------------------------


def run_c_bench(bench, n, stages, reps, processes):
    """bench_batch's times, from the process (of `processes`) whose batch was
    fastest: every figure of one process, so that their ratios stay
    same-process ones. (On a virtual machine a process can land on slower
    memory for its whole life; the batch and memcpy then slow down alike.)"""
    best = None
    for _ in range(processes):
        out = subprocess.run([bench, "--funnels", str(n), "--stages", str(stages),
                              "--reps", str(reps)],
                             check=True, stdout=subprocess.PIPE, universal_newlines=True).stdout
        times = {}
        for line in out.splitlines():
            m = re.match(r"^(batch|memcpy-traffic|memcpy-all|scalar)\s+([0-9.eE+-]+) s", line)
            if m:
                times[m.group(1)] = float(m.group(2))
        if "check ok" not in out or len(times) != 4:
            fail("bench_batch did not print its four times and `check ok`:\n" + out)
        if best is None or times["batch"] < best["batch"]:
            best = times
    return best


def callgrind(valgrind, argv, toggle=None):
    """Instructions executed by argv under callgrind, and the batch kernel's clone."""
    with tempfile.TemporaryDirectory() as tmp:
        out_file = os.path.join(tmp, "callgrind.out")
        cmd = [valgrind, "--tool=callgrind", "--callgrind-out-file=" + out_file]
        if toggle:
            cmd.append("--toggle-collect=" + toggle)
        r = subprocess.run(cmd + argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           universal_newlines=True)
        m = re.search(r"Collected\s*:\s*(\d+)", r.stderr)
        if r.returncode != 0 or not m:
            fail("callgrind failed on %s:\n%s" % (" ".join(argv), r.stderr))
        clone = None
        with open(out_file, errors="replace") as f:
            c = re.search(r"\bkernel\.(avx2|default|avx512\w*|arch_\w+)", f.read())
            clone = c.group(1) if c else None
        return int(m.group(1)), clone


# -- the same math, elsewhere ------------------------------------------------


def numpy_plan(np, rates, deals):
    """What a numpy user writes: stage by stage, bottom up, over all funnels."""
    def ceil_tolerant(x):
        nearest = np.round(x)
        return np.where(np.abs(x - nearest) <= EPS16 * x, nearest, np.ceil(x))
    stages = rates.shape[0]
    required = np.empty_like(rates)
    required_whole = np.empty_like(rates)
    deals_whole = ceil_tolerant(deals)
    exact, whole = deals, deals_whole
    for k in range(stages - 1, -1, -1):
        exact = exact / rates[k]
        whole = ceil_tolerant(whole / rates[k])
        required[k] = exact
        required_whole[k] = whole
    return required, required_whole, deals_whole


def python_plan(rates, deals):
    """What a pure-Python user writes: one funnel at a time, floats and math."""
    stages = len(rates)
    n = len(deals)
    required = [[0.0] * n for _ in range(stages)]
    required_whole = [[0.0] * n for _ in range(stages)]
    deals_whole = [0.0] * n
    ceil = math.ceil
    for i in range(n):
        exact = deals[i]
        nearest = round(exact)
        whole = float(nearest if abs(exact - nearest) <= EPS16 * exact else ceil(exact))
        deals_whole[i] = whole
        for k in range(stages - 1, -1, -1):
            r = rates[k][i]
            exact = exact / r
            x = whole / r
            nearest = round(x)
            whole = float(nearest if abs(x - nearest) <= EPS16 * x else ceil(x))
            required[k][i] = exact
            required_whole[k][i] = whole
    return required, required_whole, deals_whole


def funnel_plan_loop(fp, rates, deals):
    """What a funnelplan user writes without plan_batch: Funnel.plan per funnel."""
    stages = len(rates)
    out = []
    for i in range(len(deals)):
        funnel = fp.Funnel([("s%d" % k, rates[k][i]) for k in range(stages)])
        out.append(funnel.plan(deals=deals[i]))
    return out


class Library:
    """fpl_plan_batch_compute through ctypes: the reference the checks use."""

    class Batch(ctypes.Structure):
        _fields_ = [("n_funnels", ctypes.c_size_t), ("n_stages", ctypes.c_size_t),
                    ("rates", ctypes.c_void_p), ("deals", ctypes.c_void_p),
                    ("required", ctypes.c_void_p), ("required_whole", ctypes.c_void_p),
                    ("deals_whole", ctypes.c_void_p)]

    def __init__(self, path):
        self.lib = ctypes.CDLL(os.path.abspath(path))
        self.lib.fpl_plan_batch_compute.argtypes = [ctypes.POINTER(self.Batch),
                                                    ctypes.POINTER(ctypes.c_size_t)]
        self.lib.fpl_plan_batch_compute.restype = ctypes.c_int

    def plan(self, rates, deals, stages):
        """rates, deals: flat array('d'); returns three new array('d')."""
        n = len(deals)
        out = (array.array("d", bytes(8 * n * stages)), array.array("d", bytes(8 * n * stages)),
               array.array("d", bytes(8 * n)))
        self.plan_into(rates, deals, stages, out)
        return out

    def plan_into(self, rates, deals, stages, out):
        """The same into three array('d') of the right sizes (reused, as in C)."""
        addresses = [a.buffer_info()[0] for a in (rates, deals) + tuple(out)]
        b = self.Batch(len(deals), stages, *addresses)
        bad = ctypes.c_size_t(0)
        st = self.lib.fpl_plan_batch_compute(ctypes.byref(b), ctypes.byref(bad))
        if st != 0:
            fail("fpl_plan_batch_compute refused funnel %d (status %d)" % (bad.value, st))


def batch_arrays(result):
    """(required, required_whole, deals_whole) of a funnelplan.PlanBatch."""
    return result.required, result.required_whole, result.deals_whole


def same_bits(a, b):
    """Two sequences of doubles, bit for bit."""
    return bytes(memoryview(a).cast("B")) == bytes(memoryview(b).cast("B"))


def flatten(stage_lists):
    out = array.array("d")
    for row in stage_lists:
        out.extend(row)
    return out


# -- the table ---------------------------------------------------------------


def fmt_time(seconds):
    if seconds >= 1.0:
        return "%.2f s" % seconds
    if seconds >= 1e-3:
        return "%.2f ms" % (seconds * 1e3)
    return "%.1f µs" % (seconds * 1e6)


def fmt_rate(per_second):
    if per_second >= 1e6:
        return "%.1f M/s" % (per_second / 1e6)
    return "%.0f k/s" % (per_second / 1e3)


def verdict(ok, how_far=""):
    return ("**met**" if ok else "**missed**" + (" (%s)" % how_far if how_far else ""))


def odds_rows(lib_path, reps):
    """The odds rows: volume for a confidence near 10^7 units, against one exact
    probability at that volume, and Monte Carlo trials per second (ctypes
    straight on the library, so the times are the library's)."""
    lib = ctypes.CDLL(lib_path)
    if not hasattr(lib, "fpl_odds_volume_for"):
        return [("`odds`", "not available (the library has no odds)", "", "", "", "—")]
    dbl = ctypes.c_double
    lib.fpl_odds_volume_for.argtypes = [dbl, dbl, dbl, ctypes.POINTER(dbl)]
    lib.fpl_odds_tail.argtypes = [dbl, dbl, dbl, ctypes.POINTER(dbl), ctypes.POINTER(dbl)]
    rate, deals = 0.012, 120000.0  # k / p = 10^7 units
    out = dbl()
    if lib.fpl_odds_volume_for(rate, deals, 0.9, ctypes.byref(out)) != 0:
        fail("fpl_odds_volume_for refused the benchmark case")
    volume = out.value
    calls = 200
    t_vol, _ = best_of(reps, lambda: [lib.fpl_odds_volume_for(rate, deals, c, ctypes.byref(out))
                                      for c in (0.5, 0.8, 0.9, 0.95, 0.99) * (calls // 5)])
    t_vol /= calls
    up, low = dbl(), dbl()
    t_tail, _ = best_of(reps, lambda: [lib.fpl_odds_tail(volume, rate, deals, ctypes.byref(up),
                                                         ctypes.byref(low))
                                       for _ in range(calls)])
    t_tail /= calls
    rows = [("`odds` volume for a confidence, %.0f units at %.1f%% for %.0f deals (per level,"
             " ctypes call included)" % (volume, 100 * rate, deals), fmt_time(t_vol), "",
             "%.1f× one exact P(deals ≥ k) at that volume (%s)" % (t_vol / t_tail,
                                                                    fmt_time(t_tail)),
             "≤ 1 ms", verdict(t_vol <= 1e-3, fmt_time(t_vol)))]

    # Monte Carlo: the library's own generator, 10^5 trials of 100 and of 10^7
    # units, through the Python package's struct mirrors.
    from funnelplan import _native as nat
    if not hasattr(nat, "fpl_odds_sim_input"):
        return rows + [("`odds` Monte Carlo", "not available (no Python mirror)", "", "", "",
                        "—")]
    Sim = nat.fpl_odds_sim_input
    funnel = nat.fpl_funnel()
    lib.fpl_funnel_add_stage.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, dbl]
    lib.fpl_funnel_add_stage(ctypes.byref(funnel), b"lead", 4, rate)
    terms = nat.fpl_terms()
    terms.target = 2  # FPL_TARGET_DEALS
    terms.deals = deals
    trials = 100000
    work = (dbl * (2 * trials))()
    result = nat.fpl_odds_sim()
    lib.fpl_odds_simulate.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p,
                                      ctypes.POINTER(dbl), ctypes.c_size_t, ctypes.c_void_p]
    times = {}
    for units in (100.0, volume):
        sim = Sim()
        sim.volume, sim.trials, sim.seed = units, trials, 1
        t, status = best_of(max(1, min(reps, 3)),
                            lambda: lib.fpl_odds_simulate(ctypes.byref(funnel),
                                                          ctypes.byref(terms), ctypes.byref(sim),
                                                          work, 2 * trials,
                                                          ctypes.byref(result)))
        if status != 0:
            fail("fpl_odds_simulate refused the benchmark case (%d)" % status)
        times[units] = t
    rows.append(("`odds` Monte Carlo, %d trials of 100 units at %.1f%% (one binomial draw"
                 " each)" % (trials, 100 * rate), fmt_time(times[100.0]),
                 fmt_rate(trials / times[100.0]).replace("funnels", "trials"), "", "", ""))
    rows.append(("`odds` Monte Carlo, %d trials of %.0f units" % (trials, volume),
                 fmt_time(times[volume]),
                 fmt_rate(trials / times[volume]).replace("funnels", "trials"),
                 "%.1f× the time of 100 units (beta splitting: O(log n) draws)"
                 % (times[volume] / times[100.0]), "", ""))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("build", nargs="?", default="build", help="meson build directory (./build)")
    ap.add_argument("--funnels", type=int, default=1000000)
    ap.add_argument("--stages", type=int, default=5)
    ap.add_argument("--reps", type=int, default=7, help="best of REPS for every timing (7)")
    ap.add_argument("--python-funnels", type=int, default=10000,
                    help="funnels in the pure-Python loop, scaled to --funnels (10^4)")
    ap.add_argument("--plan-funnels", type=int, default=1000,
                    help="funnels in the loop of Funnel.plan, scaled (10^3)")
    ap.add_argument("--processes", type=int, default=3,
                    help="bench_batch processes; the one with the fastest batch is kept (3)")
    ap.add_argument("--cli-runs", type=int, default=200, help="CLI processes to time (200)")
    ap.add_argument("--callgrind-funnels", type=int, default=10000)
    ap.add_argument("--no-build", action="store_true", help="do not run meson and ninja")
    args = ap.parse_args()

    build_dir = os.path.abspath(os.path.join(ROOT, args.build) if not os.path.isabs(args.build)
                                else args.build)
    paths = build(build_dir, not args.no_build)
    n, stages, reps = args.funnels, args.stages, args.reps
    model, cores, flags = machine()
    binfo = build_info(build_dir)

    # The package, from this tree, over this build's library (no __pycache__
    # left in the tree).
    sys.dont_write_bytecode = True
    os.environ["FUNNELPLAN_LIBRARY"] = paths["lib"]
    sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))
    import funnelplan as fp
    try:
        import numpy as np
    except ImportError:
        np = None
    lib = Library(paths["lib"])

    # 1. Processes first, while this interpreter is small.
    note("%d CLI processes and as many /bin/true" % args.cli_runs)
    cli_median, true_median = time_processes(args.cli_runs, paths["cli"])

    # 2. The C benchmark: batch, memcpy roofline, fpl_plan_compute loop.
    note("bench_batch, %d processes" % args.processes)
    c = run_c_bench(paths["bench"], n, stages, reps, args.processes)

    # 3. The funnels, as bench_batch made them, and the library's plans of them.
    if np is not None:
        rates_np, deals_np = make_funnels(np, n, stages)
        rates_arr = array.array("d", rates_np.tobytes())
        deals_arr = array.array("d", deals_np.tobytes())
        sub = args.python_funnels
        rates_sub = rates_np[:, :sub].tolist()
        deals_sub = deals_np[:sub].tolist()
        psub = args.plan_funnels
        rates_psub = rates_np[:, :psub].tolist()
        deals_psub = deals_np[:psub].tolist()
    else:
        sub = args.python_funnels
        rates_l, deals_l = make_funnels_pure(n, stages)
        rates_arr = flatten(rates_l)
        deals_arr = array.array("d", deals_l)
        rates_sub = [row[:sub] for row in rates_l]
        deals_sub = deals_l[:sub]
        psub = args.plan_funnels
        rates_psub = [row[:psub] for row in rates_l]
        deals_psub = deals_l[:psub]
        del rates_l, deals_l
    ref = lib.plan(rates_arr, deals_arr, stages)
    # The C batch again, in this process (ctypes, output buffers reused): the
    # same-process baseline of the numpy and Python rows.
    scratch = lib.plan(rates_arr, deals_arr, stages)
    t_here, _ = best_of(reps, lambda: lib.plan_into(rates_arr, deals_arr, stages, scratch))
    del scratch

    rows = []  # (what, time, funnels/s, ratio, target, met)
    t_c = c["batch"]
    moved = n * (3 * stages + 2) * 8  # bytes read and written by one batch
    # the clone the ifunc resolver picks, as src/batch.c lists them
    clone = ("AVX-512 clone" if "avx512f" in flags else
             "AVX2 clone" if "avx2" in flags else "portable clone")
    rows.append(("C `fpl_plan_batch_compute` (%s; output buffers reused), bench_batch: best "
                 "process of %d" % (clone, args.processes),
                 fmt_time(t_c), fmt_rate(n / t_c), "1 (the reference of the C rows)", "", ""))
    rows.append(("C `fpl_plan_batch_compute` called through ctypes in run.py's Python process "
                 "(buffers reused)", fmt_time(t_here), fmt_rate(n / t_here),
                 "%.2f× bench_batch's; the reference of the rows below" % (t_here / t_c), "", ""))
    frac = c["memcpy-traffic"] / t_c
    rows.append(("C `memcpy` of the same traffic (%d MB copied: %d MB read + written, as the "
                 "batch)" % (moved // 2 // 10**6, moved // 10**6),
                 fmt_time(c["memcpy-traffic"]), fmt_rate(n / c["memcpy-traffic"]),
                 "C batch runs at %.0f%% of it" % (100 * frac), "≥ 70%",
                 verdict(frac >= 0.70, "%.0f%%: %.1f× too slow" % (100 * frac, 0.70 / frac))))
    rows.append(("C `memcpy` of all %d MB (twice the traffic; for reference)" % (moved // 10**6),
                 fmt_time(c["memcpy-all"]), fmt_rate(n / c["memcpy-all"]),
                 "C batch runs at %.0f%% of it" % (100 * c["memcpy-all"] / t_c), "", ""))
    rows.append(("C loop of `fpl_plan_compute`, one call per funnel", fmt_time(c["scalar"]),
                 fmt_rate(n / c["scalar"]), "C batch %.1f× faster" % (c["scalar"] / t_c), "", ""))

    # 4. numpy: the same math, checked against the library bit for bit.
    note("numpy, plan_batch, pure Python")
    if np is not None:
        t_np, res_np = best_of(reps, lambda: numpy_plan(np, rates_np, deals_np))
        for got, want, name in zip(res_np, ref, ("required", "required_whole", "deals_whole")):
            if not same_bits(np.ascontiguousarray(got), want):
                fail("numpy's %s differs from the library's" % name)
        del res_np
        rows.append(("numpy %s, the same math (%d vectorised steps; results equal the "
                     "library's bit for bit)" % (np.__version__, stages), fmt_time(t_np),
                     fmt_rate(n / t_np), "C batch %.1f× faster (bench_batch's: %.1f×)"
                     % (t_np / t_here, t_np / t_c), "≥ 2.5×",
                     verdict(t_np / t_here >= 2.5, "%.2f×" % (t_np / t_here))))
    else:
        rows.append(("numpy, the same math", "numpy not installed "
                     "(`apt-get install python3-numpy`, run with /usr/bin/python3)",
                     "", "", "≥ 2.5×", "—"))

    # 5. funnelplan.plan_batch: numpy and array.array inputs, new arrays out;
    #    numpy with out= (the arrays of an earlier result, as the C batch's).
    t_py = {}
    if hasattr(fp, "plan_batch"):
        calls = []
        if np is not None:
            calls.append(("numpy", "numpy arrays in, new numpy arrays out",
                          lambda: fp.plan_batch(rates_np, deals_np, stages)))
        calls.append(("array.array", "`array.array` in, new `array.array` out",
                      lambda: fp.plan_batch(rates_arr, deals_arr, stages)))
        if np is not None:
            try:
                reused = fp.plan_batch(rates_np, deals_np, stages)
                fp.plan_batch(rates_np, deals_np, stages, out=reused)
                calls.append(("out=", "numpy arrays in, `out=` an earlier result (reused)",
                              lambda: fp.plan_batch(rates_np, deals_np, stages, out=reused)))
            except TypeError:  # a plan_batch without out=
                pass
        for key, label, call in calls:
            t, res = best_of(reps, call)
            for got, want, name in zip(batch_arrays(res), ref,
                                       ("required", "required_whole", "deals_whole")):
                if not same_bits(got, want):
                    fail("plan_batch's %s (%s) differs from the library's" % (name, label))
            del res
            t_py[key] = t
            rows.append(("Python `funnelplan.plan_batch`, %s" % label, fmt_time(t),
                         fmt_rate(n / t), "%.2f× C batch time (bench_batch's: %.2f×)"
                         % (t / t_here, t / t_c), "≤ 1.2×",
                         verdict(t / t_here <= 1.2, "%.2f×" % (t / t_here))))
    else:
        rows.append(("Python `funnelplan.plan_batch`", "not available yet (the package has "
                     "no plan_batch)", "", "", "≤ 1.2×", "—"))

    # 6. Pure Python, on a subset, scaled.
    t_sub, res_pure = best_of(max(1, min(reps, 3)), lambda: python_plan(rates_sub, deals_sub))
    req, whole, dw = res_pure
    if (any(not same_bits(array.array("d", req[k]), ref[0][k * n:k * n + sub])
            for k in range(stages)) or
            any(not same_bits(array.array("d", whole[k]), ref[1][k * n:k * n + sub])
                for k in range(stages)) or
            not same_bits(array.array("d", dw), ref[2][:sub])):
        fail("the pure-Python loop differs from the library")
    t_pure = t_sub * n / sub
    what = ("pure-Python loop, the same math (%d funnels, time × %d; results equal the "
            "library's)" % (sub, n // sub))
    batch_times = [(k, t_py[k]) for k in ("numpy", "array.array") if k in t_py]
    if batch_times:
        rows.append((what, fmt_time(t_pure), fmt_rate(n / t_pure),
                     "; ".join("`plan_batch` (%s in) %.0f× faster" % (k, t_pure / t)
                               for k, t in batch_times), "≥ 50×",
                     "; ".join("%s %s" % (k, verdict(t_pure / t >= 50, "%.0f×" % (t_pure / t)))
                               for k, t in batch_times)))
    else:
        rows.append((what, fmt_time(t_pure), fmt_rate(n / t_pure),
                     "C batch %.0f× faster" % (t_pure / t_here), "≥ 50× (for plan_batch)",
                     "—"))
    t_psub, _ = best_of(max(1, min(reps, 3)),
                        lambda: funnel_plan_loop(fp, rates_psub, deals_psub))
    t_plan = t_psub * n / psub
    rows.append(("Python loop of `Funnel(...).plan(deals=...)` (%d funnels, time × %d)"
                 % (psub, n // psub), fmt_time(t_plan), fmt_rate(n / t_plan),
                 "C batch %.0f× faster" % (t_plan / t_here), "", ""))

    # 7. Processes.
    rows.append(("CLI `funnelplan plan`, 5 stages, `--format json`: whole process, median of %d"
                 % args.cli_runs, fmt_time(cli_median), "",
                 "%.2f× the median `/bin/true` (%s)" % (cli_median / true_median,
                                                        fmt_time(true_median)),
                 "≤ 3 ms", verdict(cli_median <= 3e-3, fmt_time(cli_median))))
    rows.extend(odds_rows(paths["lib"], reps))

    # 8. Instructions: callgrind, N funnels, with and without each way.
    valgrind = shutil.which("valgrind")
    if valgrind:
        note("callgrind")
        cn = args.callgrind_funnels
        base = [paths["bench"], "--funnels", str(cn), "--stages", str(stages), "--reps", "1",
                "--run"]
        none, _ = callgrind(valgrind, base + ["none"])
        with_batch, cg_clone = callgrind(valgrind, base + ["batch"])
        with_scalar, _ = callgrind(valgrind, base + ["scalar"])
        inside, _ = callgrind(valgrind, base + ["batch"], toggle="fpl_plan_batch_compute")
        per_batch = (with_batch - none) / cn
        per_scalar = (with_scalar - none) / cn
        rows.append(("callgrind: instructions per funnel, C batch (%d funnels, %s clone; "
                     "%.1f inside `fpl_plan_batch_compute`)"
                     % (cn, cg_clone or "?", inside / cn), "%.1f" % per_batch, "", "", "", ""))
        rows.append(("callgrind: instructions per funnel, loop of `fpl_plan_compute`",
                     "%.0f" % per_scalar, "", "%.1f× the batch's" % (per_scalar / per_batch),
                     "", ""))
        cli_ir, _ = callgrind(valgrind, [paths["cli"]] + CLI_ARGS)
        rows.append(("callgrind: instructions of one CLI `plan` process (start to exit)",
                     "{:,}".format(cli_ir), "", "", "", ""))
    else:
        rows.append(("callgrind instructions per funnel", "valgrind not installed", "", "", "",
                     ""))

    print("funnelplan benchmarks: %d funnels × %d stages, best of %d, all measured in this run"
          " (tests/bench/run.py)" % (n, stages, reps))
    print("machine: %s, %d cores (%s), Linux %s; Python %s%s"
          % (model, cores, "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "no AVX2", platform.release(),
             platform.python_version(),
             ", numpy %s" % np.__version__ if np is not None else ", no numpy"))
    print("build: %s; %s; batch kernel: %s" % (binfo["buildtype"], binfo["compiler"],
                                               binfo["kernel_flags"]))
    print()
    header = ("what", "time for %s funnels, or count" % ("10^6" if n == 10**6 else n),
              "funnels/s", "ratio", "target", "met")
    table = [header, tuple("---" for _ in header)] + rows
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for r in table:
        cells = ("-" * w for w in widths) if r[0] == "---" else \
            (cell.ljust(w) for cell, w in zip(r, widths))
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
