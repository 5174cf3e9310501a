# funnelplan — plan_batch: the single plans bit for bit, over the caller's
# buffers without copying them.
# SPDX-License-Identifier: MIT
"""``funnelplan.plan_batch`` against ``Funnel(...).plan(deals=...)`` (every
figure identical), over every kind of buffer; the library is shown to read
the caller's memory and write the result's (addresses recorded by a hook
around ``fpl_plan_batch_compute``); refusals name what was wrong, and the
first funnel at fault.

The numpy cases run when numpy is importable (``/usr/bin/python3`` with
Debian's ``python3-numpy``) and are skipped otherwise: the README's test
command installs no numpy, and the package needs none."""

import array
import ctypes
import random
import subprocess
import sys
import unittest
from unittest import mock

from fpl_support import package_env

import funnelplan as fp
from funnelplan import _batch, _native

try:
    import numpy
except ImportError:
    numpy = None

NO_NUMPY = ("numpy is not importable by %s (the README's test command installs none); "
            "run this file with /usr/bin/python3 (Debian's python3-numpy) to cover it"
            % sys.executable)
needs_numpy = unittest.skipIf(numpy is None, NO_NUMPY)

NAN = float("nan")
INF = float("inf")


def doubles(values):
    return array.array("d", values)


def bytes_address(data):
    """The address of the bytes of a ``bytes`` object (no copy)."""
    return ctypes.cast(ctypes.c_char_p(data), ctypes.c_void_p).value


def writable_address(buffer):
    holder = ctypes.c_char.from_buffer(buffer)
    try:
        return ctypes.addressof(holder)
    finally:
        del holder


def output_address(a):
    if isinstance(a, array.array):
        return a.buffer_info()[0]
    return a.__array_interface__["data"][0]


def random_batch(rng, n_stages, n_funnels):
    """Stage-major rates and deals: mostly realistic, some exact traps
    (0.29 / 0.69 make products that land just off an integer), long funnels
    with high rates so that counts stay below 2^53."""
    low = 0.1 if n_stages <= 6 else 0.6
    trap = 0.29 if n_stages <= 6 else 0.69
    rates = doubles(trap if rng.random() < 0.2 else
                    (rng.randint(int(low * 1000), 1000) / 1000 if rng.random() < 0.5
                     else rng.uniform(low, 1.0))
                    for _ in range(n_stages * n_funnels))
    deals = doubles(rng.choice((rng.randint(1, 100000) / 8, rng.uniform(0.01, 5000),
                                float(rng.randint(1, 50))))
                    for _ in range(n_funnels))
    return rates, deals


class Recorder:
    """Wraps fpl_plan_batch_compute: records the struct the library gets,
    and runs ``during`` (if any) while the call is under way."""

    def __init__(self, during=None):
        self.calls = []
        self.during = during
        self.real = _native.fn.plan_batch_compute

    def __call__(self, batch_ref):
        b = batch_ref._obj
        self.calls.append({name: getattr(b, name) for name, _ in b._fields_})
        if self.during is not None:
            self.during()
        return self.real(batch_ref)

    def __enter__(self):
        self.patch = mock.patch.object(_native.fn, "plan_batch_compute", self)
        self.patch.start()
        return self

    def __exit__(self, *exc):
        self.patch.stop()


class SameAsSinglePlans(unittest.TestCase):

    def assertSamePlans(self, result, rates, deals, n_stages):
        n = len(deals)
        self.assertEqual((result.n_stages, result.n_funnels), (n_stages, n))
        required = list(result.required)
        whole = list(result.required_whole)
        for i in range(n):
            p = fp.Funnel([("s%d" % k, rates[k * n + i]) for k in range(n_stages)]).plan(
                deals=deals[i])
            where = "funnel %d of %d×%d" % (i, n_stages, n)
            self.assertEqual(result.deals_whole[i], p.deals_whole, where)
            for k, s in enumerate(p.stages):
                # identical bits, not merely close
                self.assertEqual(required[k * n + i].hex(), s.required.hex(), where)
                self.assertEqual(whole[k * n + i], s.required_whole, where)
            self.assertEqual(result.funnel(i), (p.deals_whole,
                                                tuple(s.required for s in p.stages),
                                                tuple(s.required_whole for s in p.stages)))

    def test_random_funnels_every_figure_identical(self):
        rng = random.Random(20240917)
        total = 0
        for n_stages, n_funnels in ((1, 40), (2, 60), (3, 60), (5, 80), (8, 40), (13, 20),
                                    (32, 10)):
            rates, deals = random_batch(rng, n_stages, n_funnels)
            self.assertSamePlans(fp.plan_batch(rates, deals), rates, deals, n_stages)
            total += n_funnels
        self.assertEqual(total, 310)

    def test_worked_examples_side_by_side(self):
        b = fp.plan_batch(doubles([0.01, 0.27, 0.10, 0.25]), doubles([20, 10]))
        self.assertEqual(list(b.required_whole), [20000, 149, 200, 40])
        self.assertEqual(list(b.deals_whole), [20, 10])
        self.assertEqual(b.required[0], 20000.0)
        self.assertEqual(b.to_dict(), {
            "n_funnels": 2, "n_stages": 2, "deals_whole": [20, 10],
            "required": [[20000.0, 40 / 0.27], [200.0, 40.0]],
            "required_whole": [[20000, 149], [200, 40]]})

    def test_fractional_deals_round_up_as_single_plans(self):
        rates = doubles([0.29] * 6)
        deals = doubles([0.5, 1.5, 14.5 / 0.29 / 10, 1e14 + 0.5, 2.0000000000000004, 7.0])
        self.assertSamePlans(fp.plan_batch(rates, deals, 1), rates, deals, 1)


class InputKinds(unittest.TestCase):
    """Every kind of buffer gives the same result."""

    rates = doubles([0.01, 0.27, 0.5, 0.10, 0.25, 0.5])
    deals = doubles([20, 10, 3])
    expected = fp.plan_batch(rates, deals).to_dict()

    def check(self, rates, deals, n_stages=None):
        b = fp.plan_batch(rates, deals, n_stages)
        self.assertEqual(b.to_dict(), self.expected)
        return b

    def test_array_memoryview_bytes_ctypes(self):
        r, d = self.rates, self.deals
        cases = {
            "array": (r, d),
            "memoryview": (memoryview(r), memoryview(d)),
            "read-only memoryview": (memoryview(r).toreadonly(), memoryview(d).toreadonly()),
            "bytes": (bytes(r), bytes(d)),
            "bytearray": (bytearray(bytes(r)), bytearray(bytes(d))),
            "memoryview of bytes": (memoryview(bytes(r)), memoryview(bytes(d))),
            "2-D memoryview": (memoryview(bytes(r)).cast("d", (2, 3)), d),
            "ctypes arrays": ((ctypes.c_double * 6)(*r), (ctypes.c_double * 3)(*d)),
            "slice of a larger buffer": (memoryview(bytes(8) + bytes(r))[8:], d),
        }
        for name, (rates, deals) in cases.items():
            with self.subTest(name):
                b = self.check(rates, deals)
                for a in (b.required, b.required_whole, b.deals_whole):
                    self.assertIsInstance(a, array.array)
                    self.assertEqual(a.typecode, "d")
                self.assertEqual(len(b.required), 6)
                self.check(rates, deals, 2)

    @needs_numpy
    def test_numpy_in_numpy_out(self):
        r2 = numpy.array(self.rates).reshape(2, 3)
        read_only = r2.copy()
        read_only.flags.writeable = False
        for name, rates, deals in (("1-D", numpy.array(self.rates), numpy.array(self.deals)),
                                   ("2-D", r2, numpy.array(self.deals)),
                                   ("2-D with array deals", r2, self.deals),
                                   ("read-only", read_only, numpy.array(self.deals)),
                                   ("explicit little-endian dtype",
                                    r2.astype("=f8"), numpy.array(self.deals, "=f8"))):
            with self.subTest(name):
                b = self.check(rates, deals)
                self.assertIsInstance(b.required, numpy.ndarray)
                self.assertEqual(b.required.shape, (2, 3))
                self.assertEqual(b.required_whole.shape, (2, 3))
                self.assertEqual(b.deals_whole.shape, (3,))
                self.assertEqual(b.required_whole.dtype, numpy.float64)
                self.assertEqual(b.required_whole[0, 1], 149.0)

    @needs_numpy
    def test_numpy_deals_with_array_rates_give_arrays(self):
        b = self.check(self.rates, numpy.array(self.deals))
        self.assertIsInstance(b.required, array.array)


class NoCopies(unittest.TestCase):
    """The library gets the caller's addresses, and the result's."""

    def addresses(self, rates, deals, **kw):
        with Recorder() as rec:
            b = fp.plan_batch(rates, deals, **kw)
        (call,) = rec.calls
        self.assertEqual(call["required"], output_address(b.required))
        self.assertEqual(call["required_whole"], output_address(b.required_whole))
        self.assertEqual(call["deals_whole"], output_address(b.deals_whole))
        return call["rates"], call["deals"]

    def test_writable_buffers_are_read_in_place(self):
        r, d = doubles([0.5] * 8), doubles([3.0] * 4)
        self.assertEqual(self.addresses(r, d), (r.buffer_info()[0], d.buffer_info()[0]))
        ba = bytearray(bytes(r))
        self.assertEqual(self.addresses(ba, d)[0], writable_address(ba))
        ba.extend(b"12345678")  # no export left behind

    def test_read_only_buffers_are_read_in_place(self):
        r, d = bytes(doubles([0.5] * 8)), bytes(doubles([3.0] * 4))
        self.assertEqual(self.addresses(r, d), (bytes_address(r), bytes_address(d)))
        padded = bytes(16) + r
        view = memoryview(padded)[16:]
        self.assertEqual(self.addresses(view, d)[0], bytes_address(padded) + 16)
        view.release()  # no export of the caller's memoryview left behind
        ro = memoryview(doubles([0.5] * 8)).toreadonly()
        self.assertEqual(self.addresses(ro, d)[0], ro.obj.buffer_info()[0])

    @needs_numpy
    def test_numpy_arrays_are_read_in_place(self):
        r = numpy.full((2, 4), 0.5)
        r.flags.writeable = False
        d = numpy.full(4, 3.0)
        self.assertEqual(self.addresses(r, d), (r.__array_interface__["data"][0],
                                                d.__array_interface__["data"][0]))

    def test_inputs_are_pinned_during_the_call_and_released_after(self):
        r, d = doubles([0.5] * 8), doubles([3.0] * 4)
        refused = []

        def resize():
            for a in (r, d):
                try:
                    a.append(1.0)
                except BufferError:
                    refused.append(a)

        with Recorder(during=resize):
            fp.plan_batch(r, d)
        self.assertEqual(len(refused), 2)  # could not be resized under the library
        r.append(1.0)                      # and can be again
        d.append(1.0)

    def test_out_is_written_in_place(self):
        r, d = doubles([0.5] * 8), doubles([3.0] * 4)
        first = fp.plan_batch(r, d)
        addresses = [output_address(a) for a in (first.required, first.required_whole,
                                                 first.deals_whole)]
        r[0] = 0.25
        again = fp.plan_batch(r, d, out=first)
        self.assertIs(again, first)
        self.assertEqual([output_address(a) for a in (first.required, first.required_whole,
                                                      first.deals_whole)], addresses)
        self.assertEqual(first.funnel(0).required_whole, (24, 6))
        # any writable double buffers will do
        mine = fp.PlanBatch(4, 2, (ctypes.c_double * 8)(), bytearray(64),
                            memoryview(doubles([0] * 4)))
        self.assertIs(fp.plan_batch(r, d, out=mine), mine)
        self.assertEqual(mine.to_dict(), first.to_dict())
        self.assertEqual(list(mine.required), list(first.required))
        self.addresses(r, d, out=first)

    def test_without_pythonapi_only_read_only_non_numpy_buffers_are_copied(self):
        r, d = doubles([0.5] * 8), doubles([3.0] * 4)
        expected = fp.plan_batch(r, d).to_dict()
        with mock.patch.object(_batch, "_get_buffer", None):
            self.assertEqual(self.addresses(r, d), (r.buffer_info()[0], d.buffer_info()[0]))
            rb = bytes(r)
            self.assertNotEqual(self.addresses(rb, d)[0], bytes_address(rb))  # the copy
            self.assertEqual(fp.plan_batch(rb, d).to_dict(), expected)
            if numpy is not None:
                rn = numpy.array(r)
                rn.flags.writeable = False
                self.assertEqual(self.addresses(rn, d)[0], rn.__array_interface__["data"][0])
            r.append(1.0)  # released


class Refusals(unittest.TestCase):

    def assertRefused(self, status, call, *, contains=(), type_error=False):
        with self.assertRaises(fp.FunnelError) as cm:
            call()
        e = cm.exception
        self.assertEqual(e.status, status, str(e))
        self.assertEqual(e.code, _native.STATUS[status])
        self.assertTrue(e.is_input_error)
        self.assertEqual(isinstance(e, TypeError), type_error, str(e))
        self.assertEqual(str(e), "%s: %s" % (e.context, e.message))
        for text in contains:
            self.assertIn(text, str(e))
        return e

    def test_wrong_formats(self):
        d = doubles([1.0, 2.0])
        for name, rates, shown in (("float", array.array("f", [0.5] * 4), "'f'"),
                                   ("int", array.array("i", [1] * 4), "'i'"),
                                   ("long long", array.array("q", [1] * 4), "'q'"),
                                   ("signed bytes", array.array("b", [1] * 32), "'b'"),
                                   ("2-D raw bytes", memoryview(bytes(32)).cast("B", (2, 16)),
                                    "'B'")):
            with self.subTest(name):
                self.assertRefused("FPL_ERR_PARSE_SYNTAX", lambda: fp.plan_batch(rates, d),
                                   contains=("rates (", shown, "format 'd'"), type_error=True)
                self.assertRefused("FPL_ERR_PARSE_SYNTAX", lambda: fp.plan_batch(d, rates),
                                   contains=("deals (", shown), type_error=True)

    def test_not_buffers(self):
        for value in ([0.5, 0.5], (0.5,), "0.5", 0.5, {"a": 1}):
            with self.subTest(value=value):
                self.assertRefused("FPL_ERR_PARSE_SYNTAX",
                                   lambda: fp.plan_batch(value, doubles([1])),
                                   contains=("rates ", "not a buffer", "array.array('d')"),
                                   type_error=True)
        self.assertRefused("FPL_ERR_NULL", lambda: fp.plan_batch(None, doubles([1])),
                           contains=("rates None",))
        self.assertRefused("FPL_ERR_NULL", lambda: fp.plan_batch(doubles([0.5]), None),
                           contains=("deals None",))

    def test_strided_and_odd_shaped_buffers(self):
        r = doubles([0.5] * 8)
        self.assertRefused("FPL_ERR_PARSE_SYNTAX",
                           lambda: fp.plan_batch(memoryview(r)[::2], doubles([1] * 2)),
                           contains=("must be C-contiguous", "strides (16,)"))
        self.assertRefused("FPL_ERR_PARSE_SYNTAX",
                           lambda: fp.plan_batch(bytes(13), doubles([1])),
                           contains=("13 bytes", "8-byte doubles"))
        self.assertRefused("FPL_ERR_PARSE_SYNTAX",
                           lambda: fp.plan_batch(r, memoryview(bytes(r)).cast("d", (2, 4))),
                           contains=("deals (memoryview, shape (2, 4))", "must be 1-D"))

    @needs_numpy
    def test_numpy_refusals(self):
        grid = numpy.full((4, 6), 0.5)
        deals = numpy.ones(3)
        for name, rates, contains, type_error in (
                ("column slice", grid[:, ::2], ("must be C-contiguous", "ascontiguousarray"),
                 False),
                ("transposed", numpy.full((3, 4), 0.5).T, ("must be C-contiguous",), False),
                ("1-D strided", grid.ravel()[::8], ("must be C-contiguous",), False),
                ("float32", numpy.full((2, 3), 0.5, numpy.float32), ("format 'f'",), True),
                ("int64", numpy.ones((2, 3), numpy.int64), ("format 'l'",), True),
                ("big-endian", numpy.full((2, 3), 0.5, ">f8"), ("format '>d'",), True),
                ("3-D", numpy.full((2, 3, 1), 0.5), ("shape (2, 3, 1)", "2-D"), False),
                ("0-D", numpy.float64(0.5), ("must be 1-D",), False)):
            with self.subTest(name):
                self.assertRefused("FPL_ERR_PARSE_SYNTAX", lambda: fp.plan_batch(rates, deals),
                                   contains=("rates (numpy.",) + contains, type_error=type_error)

    def test_sizes_that_disagree(self):
        r = doubles([0.5] * 12)
        d = doubles([1.0] * 4)
        for name, call, contains in (
                ("n_stages given", lambda: fp.plan_batch(r, d, 4), ("need n_stages × len(deals)",
                                                                    "= 16 rates")),
                ("not whole stages", lambda: fp.plan_batch(r, doubles([1.0] * 5)),
                 ("12 doubles) for 5 funnels", "not a whole number of stages")),
                ("rates without deals", lambda: fp.plan_batch(r, doubles([])),
                 ("rates without deals",)),
                ("2-D rows", lambda: fp.plan_batch(memoryview(bytes(r)).cast("d", (3, 4)), d, 2),
                 ("shape (3, 4)) with n_stages 2", "(n_stages, len(deals))")),
                ("2-D columns", lambda: fp.plan_batch(memoryview(bytes(r)).cast("d", (2, 6)), d),
                 ("shape (2, 6)) with 4 deals",))):
            with self.subTest(name):
                self.assertRefused("FPL_ERR_STAGE_COUNT", call, contains=contains)

    def test_stage_counts(self):
        stage = _native.fn.strerror(_native.STATUS["FPL_ERR_STAGE_COUNT"]).decode()
        d = doubles([1.0])
        self.assertRefused("FPL_ERR_STAGE_COUNT", lambda: fp.plan_batch(doubles([0.5] * 33), d),
                           contains=("n_stages 33: " + stage,))
        self.assertRefused("FPL_ERR_STAGE_COUNT", lambda: fp.plan_batch(doubles([]), d, 0),
                           contains=("n_stages 0: " + stage,))
        self.assertRefused("FPL_ERR_STAGE_COUNT", lambda: fp.plan_batch(doubles([]), doubles([]),
                                                                        33))
        for value in (True, "2", 2.0):
            with self.subTest(n_stages=value):
                self.assertRefused("FPL_ERR_STAGE_COUNT",
                                   lambda: fp.plan_batch(doubles([0.5] * 2), d, value),
                                   contains=("n_stages ",), type_error=True)

    def test_layout(self):
        self.assertRefused("FPL_ERR_PARSE_SYNTAX",
                           lambda: fp.plan_batch(doubles([0.5]), doubles([1]),
                                                 layout="funnel-major"),
                           contains=("layout 'funnel-major'", "stage-major"))

    def test_bad_out(self):
        r, d = doubles([0.5] * 4), doubles([1.0] * 2)
        good = fp.plan_batch(r, d)
        other = fp.plan_batch(doubles([0.5] * 6), doubles([1.0] * 2))
        ro = fp.PlanBatch(2, 2, memoryview(bytes(32)), good.required_whole, good.deals_whole)
        short = fp.PlanBatch(2, 2, doubles([0] * 3), good.required_whole, good.deals_whole)
        onto_rates = fp.PlanBatch(2, 2, good.required, r, good.deals_whole)
        twice = fp.PlanBatch(2, 2, good.required, good.required, good.deals_whole)
        for name, out, status, contains in (
                ("not a PlanBatch", [1, 2], "FPL_ERR_PARSE_SYNTAX", ("must be a PlanBatch",)),
                ("other dimensions", other, "FPL_ERR_STAGE_COUNT", ("out (3 stages × 2",)),
                ("read-only", ro, "FPL_ERR_PARSE_SYNTAX", ("out.required (memoryview)",
                                                           "writable")),
                ("too short", short, "FPL_ERR_STAGE_COUNT", ("out.required (3 doubles)",)),
                ("overlaps rates", onto_rates, "FPL_ERR_PARSE_SYNTAX",
                 ("out.required_whole: overlaps rates",)),
                ("overlaps itself", twice, "FPL_ERR_PARSE_SYNTAX",
                 ("out.required_whole: overlaps out.required",))):
            with self.subTest(name):
                self.assertRefused(status, lambda: fp.plan_batch(r, d, out=out),
                                   contains=contains, type_error=name == "not a PlanBatch")


class FirstFunnelAtFault(unittest.TestCase):

    def batch(self):
        return doubles([0.5] * 3000), doubles([10.0] * 1000)

    def assertNamed(self, rates, deals, status, funnel, input_error=True):
        with self.assertRaises(fp.FunnelError) as cm:
            fp.plan_batch(rates, deals)
        e = cm.exception
        message = _native.fn.strerror(_native.STATUS[status]).decode()
        self.assertEqual((e.status, e.message, e.context, str(e), e.is_input_error),
                         (status, message, "funnel %d" % funnel,
                          "funnel %d: %s" % (funnel, message), input_error))

    def test_each_fault_names_its_funnel(self):
        for funnel, stage, rate, deals, status in (
                (777, 1, 1.5, 10.0, "FPL_ERR_RATE_RANGE"), (3, 2, 0.0, 10.0, "FPL_ERR_RATE_RANGE"),
                (999, 0, NAN, 10.0, "FPL_ERR_RATE_RANGE"), (500, 0, 0.5, NAN, "FPL_ERR_DEALS"),
                (0, 0, 0.5, -1.0, "FPL_ERR_DEALS"), (256, 0, 0.5, INF, "FPL_ERR_DEALS"),
                (12, 0, 0.5, 2e15, "FPL_ERR_TOO_LARGE"), (13, 0, 1e-300, 1e10, "FPL_ERR_OVERFLOW")):
            with self.subTest(funnel=funnel, status=status):
                rates, d = self.batch()
                rates[stage * 1000 + funnel] = rate
                d[funnel] = deals
                self.assertNamed(rates, d, status, funnel,
                                 status not in ("FPL_ERR_TOO_LARGE", "FPL_ERR_OVERFLOW"))

    def test_the_first_of_two_faults_is_named(self):
        rates, deals = self.batch()
        rates[2 * 1000 + 600] = 2.0
        deals[400] = 0.0
        self.assertNamed(rates, deals, "FPL_ERR_DEALS", 400)

    @needs_numpy
    def test_numpy_fault(self):
        rates = numpy.full((3, 1000), 0.5)
        rates[1, 777] = 1.5
        with self.assertRaises(fp.FunnelError) as cm:
            fp.plan_batch(rates, numpy.full(1000, 10.0))
        self.assertEqual(str(cm.exception), "funnel 777: rate must be above 0% and at most 100%")


class EmptyBatches(unittest.TestCase):

    def test_empty(self):
        for rates, deals in ((doubles([]), doubles([])), (b"", b""),
                             (memoryview(b""), bytearray())):
            with self.subTest(type(rates).__name__):
                b = fp.plan_batch(rates, deals, 3)
                self.assertEqual((b.n_stages, b.n_funnels), (3, 0))
                self.assertEqual((len(b.required), len(b.required_whole), len(b.deals_whole)),
                                 (0, 0, 0))
                self.assertEqual(b.to_dict(), {"n_funnels": 0, "n_stages": 3, "deals_whole": [],
                                               "required": [[], [], []],
                                               "required_whole": [[], [], []]})

    @needs_numpy
    def test_empty_numpy(self):
        b = fp.plan_batch(numpy.empty((4, 0)), numpy.empty(0))
        self.assertEqual((b.n_stages, b.n_funnels), (4, 0))
        self.assertEqual((b.required.shape, b.deals_whole.shape), ((4, 0), (0,)))


class Result(unittest.TestCase):

    def test_plan_batch_result(self):
        b = fp.plan_batch(doubles([0.5, 0.25, 1.0, 0.5]), doubles([1.0, 2.0]))
        self.assertEqual(repr(b), "PlanBatch(n_funnels=2, n_stages=2)")
        self.assertEqual(b.funnel(-1), b.funnel(1))
        self.assertEqual(b.funnel(1), fp.BatchFunnel(2, (16.0, 4.0), (16, 4)))
        for bad in (2, -3):
            with self.assertRaises(IndexError):
                b.funnel(bad)
        with self.assertRaises(AttributeError):
            b.n_stages = 3  # frozen

    def test_no_numpy_needed(self):
        """The package imports and plans with numpy made unimportable, and
        never imports numpy itself."""
        code = "\n".join((
            "import array, struct, sys",
            "class NoNumpy:",
            "    def find_spec(self, name, path=None, target=None):",
            "        if name == 'numpy' or name.startswith('numpy.'):",
            "            raise ImportError('no numpy here')",
            "sys.meta_path.insert(0, NoNumpy())",
            "import funnelplan",
            "b = funnelplan.plan_batch(array.array('d', [0.01, 0.1]), struct.pack('=d', 2.0))",
            "assert list(b.required_whole) == [2000.0, 20.0], list(b.required_whole)",
            "assert 'numpy' not in sys.modules",
            "print('ok')"))
        out = subprocess.run([sys.executable, "-c", code], env=package_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        self.assertEqual((out.returncode, out.stdout.decode().strip()), (0, "ok"),
                         out.stderr.decode())


if __name__ == "__main__":
    unittest.main()
