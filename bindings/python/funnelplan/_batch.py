# funnelplan — many plans in one call, over the caller's buffers.
# SPDX-License-Identifier: MIT
"""``plan_batch``: ``fpl_plan_batch_compute`` over buffer-protocol arrays.

The library reads the inputs where they are: it is given the address of the
caller's memory, taken with ``PyObject_GetBuffer`` (through
``ctypes.pythonapi``), which also pins the memory (an ``array.array`` cannot
be resized, nor a numpy array reallocated) until the call returns. The
results are written straight into arrays allocated here. This module never
imports numpy: a numpy array can only come from a caller who has imported
it, and then it is in ``sys.modules``.
"""

import array
import ctypes
import operator
import sys
from contextlib import ExitStack
from ctypes import POINTER, byref, c_char_p, c_int, c_ssize_t, c_void_p
from dataclasses import dataclass, field
from typing import Any, List, NamedTuple, Optional, Tuple

from . import _native
from ._common import (JSONDict, _describe, refuse)
from ._errors import FunnelError

__all__ = ["plan_batch", "PlanBatch", "BatchFunnel"]

LAYOUTS = ("stage-major",)

# Buffer formats read as C doubles: the native 'd' (with or without an
# explicit native byte order, as ctypes arrays give '<d'), and raw bytes
# ('B': bytes, bytearray, mmap), 8 to a double.
_DOUBLE = frozenset(("d", "@d", "=d", "<d" if sys.byteorder == "little" else ">d"))
_RAW = "B"


# ---------------------------------------------------------------------------
# The address of a buffer


class _Py_buffer(ctypes.Structure):
    """CPython's ``Py_buffer`` (``Include/pybuffer.h``; this layout since 3.3,
    part of the stable ABI since 3.11)."""
    _fields_ = [("buf", c_void_p),
                ("obj", c_void_p),
                ("len", c_ssize_t),
                ("itemsize", c_ssize_t),
                ("readonly", c_int),
                ("ndim", c_int),
                ("format", c_char_p),
                ("shape", c_void_p),
                ("strides", c_void_p),
                ("suboffsets", c_void_p),
                ("internal", c_void_p),
                ("_spare", c_void_p * 8)]  # room, should a future Python grow it


_PyBUF_SIMPLE = 0  # contiguous bytes, read-only allowed


def _buffer_api():
    """(PyObject_GetBuffer, PyBuffer_Release) as private prototypes (the shared
    ``ctypes.pythonapi`` functions keep whatever argtypes others gave them),
    or (None, None) on a Python without them or whose ``Py_buffer`` is not
    laid out as above."""
    try:
        api = ctypes.pythonapi
        get = ctypes.PYFUNCTYPE(c_int, ctypes.py_object, POINTER(_Py_buffer), c_int)(
            ("PyObject_GetBuffer", api))
        release = ctypes.PYFUNCTYPE(None, POINTER(_Py_buffer))(("PyBuffer_Release", api))
        probe = b"funnelplan"
        view = _Py_buffer()
        get(probe, byref(view), _PyBUF_SIMPLE)
        try:
            ok = (view.buf == ctypes.cast(c_char_p(probe), c_void_p).value
                  and view.len == len(probe) and view.itemsize == 1 and view.readonly == 1)
        finally:
            release(byref(view))
    except Exception:  # no pythonapi (not CPython), or a symbol missing
        return None, None
    return (get, release) if ok else (None, None)


_get_buffer, _release_buffer = _buffer_api()


def _release_view(mv):
    try:
        mv.release()
    except BufferError:  # a ctypes holder not yet collected (not CPython)
        pass


def _keep(obj):
    """A callback that only holds a reference."""


def _address(stack, obj, mv):
    """The address of the first byte of ``mv`` (a C-contiguous view of
    ``obj``), or None when it is empty. The memory stays pinned until
    ``stack`` closes.

    With ``ctypes.pythonapi`` (CPython) this never copies. Without it, a
    writable buffer is still read in place (``from_buffer``), and so is a
    read-only numpy array (``__array_interface__``); only another read-only
    buffer (``bytes``, a read-only memoryview) is copied.
    """
    if mv.nbytes == 0:
        return None
    if _get_buffer is not None:
        view = _Py_buffer()
        _get_buffer(mv, byref(view), _PyBUF_SIMPLE)
        stack.callback(_release_buffer, byref(view))
        return view.buf
    if not mv.readonly:
        holder = ctypes.c_char.from_buffer(mv)
    else:
        interface = getattr(obj, "__array_interface__", None)
        if isinstance(interface, dict) and interface.get("strides") is None:
            return interface["data"][0]  # mv pins it
        holder = ctypes.c_char.from_buffer(bytearray(mv))  # the copy
    stack.callback(_keep, holder)  # alive (and the buffer exported) until the stack closes
    return ctypes.addressof(holder)


# ---------------------------------------------------------------------------
# Inputs


def _kind(obj):
    t = type(obj)
    return t.__qualname__ if t.__module__ == "builtins" else "%s.%s" % (t.__module__,
                                                                       t.__qualname__)


def _doubles(stack, label, obj, max_ndim):
    """A C-contiguous memoryview of ``obj`` holding doubles (released when
    ``stack`` closes), with the number of doubles; FunnelError otherwise."""
    if obj is None:
        raise refuse("NULL", "%s None" % label)
    try:
        mv = memoryview(obj)
    except TypeError:
        raise refuse("PARSE_SYNTAX", "%s %s" % (label, _describe(obj)),
                     "not a buffer: give array.array('d'), a numpy float64 array, bytes "
                     "or a memoryview", typed=True) from None
    stack.callback(_release_view, mv)
    what = "%s (%s" % (label, _kind(obj))
    if mv.format in _DOUBLE and mv.itemsize == 8:
        if not 1 <= mv.ndim <= max_ndim:
            raise refuse("PARSE_SYNTAX", "%s, shape %r)" % (what, mv.shape),
                         "must be 1-D, or 2-D (n_stages, len(deals))" if max_ndim == 2
                         else "must be 1-D")
    elif mv.format == _RAW and mv.ndim == 1:
        if mv.nbytes % 8:
            raise refuse("PARSE_SYNTAX", "%s, %d bytes)" % (what, mv.nbytes),
                         "raw bytes must be a whole number of 8-byte doubles")
    else:
        raise refuse("PARSE_SYNTAX", "%s, format %r, %d-byte items)"
                     % (what, mv.format, mv.itemsize),
                     "must hold C doubles in the machine's byte order (format 'd': "
                     "array.array('d'), numpy float64) or be raw bytes", typed=True)
    if not mv.c_contiguous:
        raise refuse("PARSE_SYNTAX", "%s, shape %r, strides %r)"
                     % (what, mv.shape, mv.strides),
                     "must be C-contiguous (numpy.ascontiguousarray(a) makes a contiguous "
                     "copy of a numpy array)")
    return mv, mv.nbytes // 8


def _stage_count(n_stages):
    try:
        if isinstance(n_stages, bool):
            raise TypeError
        return operator.index(n_stages)
    except TypeError:
        raise refuse("STAGE_COUNT", "n_stages %s" % _describe(n_stages), "must be an int",
                     typed=True) from None


def _dimensions(rates, rates_mv, n_rates, n_funnels, n_stages):
    """(n_stages, n_funnels) of the batch, checked against each other."""
    given = n_stages is not None
    stages = _native.LIMITS["stages"]
    if given:
        n_stages = _stage_count(n_stages)
        if not stages.min_whole <= n_stages <= stages.max_whole:
            raise refuse("STAGE_COUNT", "n_stages %s" % _describe(n_stages))
    if rates_mv.ndim == 2:
        rows, cols = rates_mv.shape
        shape = "rates (%s, shape %r)" % (_kind(rates), rates_mv.shape)
        if given and n_stages != rows:
            raise refuse("STAGE_COUNT", "%s with n_stages %d" % (shape, n_stages),
                         "a 2-D rates array is (n_stages, len(deals))")
        if cols != n_funnels:
            raise refuse("STAGE_COUNT", "%s with %d deals" % (shape, n_funnels),
                         "a 2-D rates array is (n_stages, len(deals)): one column per deal "
                         "target")
        n_stages = rows
    else:
        what = "rates (%d doubles) for %d funnels (the length of deals)" % (n_rates, n_funnels)
        if given:
            if n_rates != n_stages * n_funnels:
                raise refuse("STAGE_COUNT", "%s with n_stages %d" % (what, n_stages),
                             "need n_stages × len(deals) = %d rates, stage-major"
                             % (n_stages * n_funnels))
        elif n_funnels == 0:
            raise refuse("STAGE_COUNT", what, "give n_stages for an empty batch" if n_rates == 0
                         else "rates without deals")
        elif n_rates % n_funnels:
            raise refuse("STAGE_COUNT", what, "not a whole number of stages per funnel")
        else:
            n_stages = n_rates // n_funnels
    if not stages.min_whole <= n_stages <= stages.max_whole:
        raise refuse("STAGE_COUNT", "n_stages %d" % n_stages)
    return n_stages


# ---------------------------------------------------------------------------
# The result


class BatchFunnel(NamedTuple):
    """One funnel of a :class:`PlanBatch` (:meth:`PlanBatch.funnel`), per
    the period of its deal target, as :class:`Plan` gives them.

    Attributes:
        deals_whole: the deals rounded up (tolerantly) to a whole deal; an int.
        required: units that must enter each stage per period, top first;
            exact, unrounded.
        required_whole: the same in whole units, cascading up the funnel; ints.
    """
    deals_whole: int
    required: Tuple[float, ...]
    required_whole: Tuple[int, ...]


def _flat(a):
    """The doubles of a C-contiguous buffer as a flat memoryview (no copy,
    but for formats memoryview cannot cast, such as ctypes' '<d')."""
    mv = memoryview(a)
    if mv.format not in ("d", "@d", _RAW):
        mv = memoryview(mv.tobytes())
    return mv.cast("B").cast("d")


@dataclass(frozen=True, eq=False)
class PlanBatch:
    """The plans of a batch, stage-major: the figure of stage ``k`` of funnel
    ``i`` is ``required[k * n_funnels + i]`` in an ``array.array('d')``, and
    ``required[k, i]`` in a numpy array of shape ``(n_stages, n_funnels)``.

    ``required`` holds the exact volumes entering each stage per period,
    ``required_whole`` the whole volumes (cascading up the funnel with the
    tolerant rounding of the single plans) and ``deals_whole`` the whole
    deals of each funnel, all as doubles (whole counts are at most 2^53, so
    exact). They are numpy arrays when ``rates`` was one, else
    ``array.array('d')``. Equality is identity (compare the arrays).

    Attributes:
        n_funnels: how many funnels the batch planned.
        n_stages: the stage count of every funnel.
        required: units that must enter each stage of each funnel per period
            (the period of its deals), stage-major; exact, unrounded doubles.
        required_whole: the same in whole units (cascading up), as doubles.
        deals_whole: every funnel's deals rounded up to a whole deal, as doubles.
    """
    n_funnels: int
    n_stages: int
    required: object = field(repr=False)
    required_whole: object = field(repr=False)
    deals_whole: object = field(repr=False)

    def funnel(self, i: int) -> BatchFunnel:
        """The figures of funnel ``i`` (negative counts from the end), as
        :meth:`Funnel.plan` gives them: a :class:`BatchFunnel`.

        >>> from array import array
        >>> b = plan_batch(array("d", [0.1, 0.2, 0.5, 0.5]), array("d", [10, 3]))
        >>> b.funnel(0), b.funnel(-1).required_whole
        (BatchFunnel(deals_whole=10, required=(200.0, 20.0), required_whole=(200, 20)), (30, 6))
        """
        n = self.n_funnels
        index = operator.index(i)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("funnel %r of a batch of %d" % (i, n))
        required = _flat(self.required)[index::n]
        whole = _flat(self.required_whole)[index::n]
        return BatchFunnel(int(_flat(self.deals_whole)[index]), tuple(required),
                           tuple(int(w) for w in whole))

    def to_dict(self) -> JSONDict:
        """Plain lists: ``required`` and ``required_whole`` one list per stage
        (top first) of one figure per funnel, whole counts as ints. For small
        batches (a million funnels make millions of Python objects).

        >>> from array import array
        >>> plan_batch(array("d", [0.1, 0.2, 0.5, 0.5]), array("d", [10, 3])).to_dict()["required"]
        [[200.0, 30.0], [20.0, 6.0]]
        """
        n = self.n_funnels
        required = _flat(self.required).tolist()
        whole = [int(w) for w in _flat(self.required_whole).tolist()]
        return {"n_funnels": n, "n_stages": self.n_stages,
                "deals_whole": [int(d) for d in _flat(self.deals_whole).tolist()],
                "required": [required[k * n:(k + 1) * n] for k in range(self.n_stages)],
                "required_whole": [whole[k * n:(k + 1) * n] for k in range(self.n_stages)]}


# ---------------------------------------------------------------------------
# The call


def _outputs(stack, out, n_stages, n_funnels):
    """The memoryviews of the arrays of ``out``, checked to be writable
    doubles of the sizes of the batch."""
    if not isinstance(out, PlanBatch):
        raise refuse("PARSE_SYNTAX", "out %s" % _describe(out),
                     "must be a PlanBatch (an earlier result, or one built from writable "
                     "buffers of doubles)", typed=True)
    if (out.n_stages, out.n_funnels) != (n_stages, n_funnels):
        raise refuse("STAGE_COUNT", "out (%r stages × %r funnels)"
                     % (out.n_stages, out.n_funnels),
                     "the batch is %d stages × %d funnels" % (n_stages, n_funnels))
    views = []
    for name in ("required", "required_whole", "deals_whole"):
        obj = getattr(out, name)
        label = "out.%s" % name
        mv, count = _doubles(stack, label, obj, 2)
        need = n_funnels if name == "deals_whole" else n_stages * n_funnels
        if mv.readonly:
            raise refuse("PARSE_SYNTAX", "%s (%s)" % (label, _kind(obj)), "must be writable")
        if count != need:
            raise refuse("STAGE_COUNT", "%s (%d doubles)" % (label, count),
                         "a batch of %d stages × %d funnels needs %d"
                         % (n_stages, n_funnels, need))
        views.append((label, obj, mv))
    return views


#: The memory of earlier results' numpy arrays, kept for the next result of
#: the same size once nothing else refers to it (CPython's reference count
#: says so): fresh memory costs the kernel's zeroing of every page, about
#: as long as the batch itself at 10^6 funnels. At most _POOL_SIZE blocks
#: of at least _POOL_MIN bytes are kept.
_POOL: List[Any] = []
_POOL_SIZE = 2
_POOL_MIN = 8 << 20


def _new_arrays(numpy, n_stages, n_funnels):
    """(required, required_whole, deals_whole): new numpy arrays, views of
    one block of memory, recycled from a result nobody holds any more."""
    cells = n_stages * n_funnels
    need = 2 * cells + n_funnels
    block = None
    if need * 8 >= _POOL_MIN and sys.implementation.name == "cpython":
        for candidate in _POOL:
            # referred to by _POOL, `candidate` and getrefcount's argument alone
            if candidate.size == need and sys.getrefcount(candidate) == 3:
                block = candidate
                break
        if block is None:
            block = numpy.empty(need)
            _POOL.insert(0, block)
            del _POOL[_POOL_SIZE:]
    if block is None:
        block = numpy.empty(need)
    return (block[:cells].reshape(n_stages, n_funnels),
            block[cells:2 * cells].reshape(n_stages, n_funnels), block[2 * cells:])


def _zeros(count):
    return array.array("d", (0.0,)) * count


def plan_batch(rates: Any, deals: Any, n_stages: Optional[int] = None, *,
               layout: str = "stage-major", out: Optional[PlanBatch] = None) -> PlanBatch:
    """Plans many funnels of one stage count at once (``fpl_plan_batch_compute``):
    a :class:`PlanBatch`, every figure identical to ``Funnel(...).plan(deals=...)``.

    Args:
        rates: the conversion rates (doubles in (0, 1]) of ``n_stages`` stages
            of ``n_funnels`` funnels, stage-major: the rate of stage ``k``
            (top first) of funnel ``i`` at ``k * n_funnels + i``. Any
            C-contiguous buffer of C doubles: ``array.array('d')``, a numpy
            float64 array, 1-D or 2-D of shape ``(n_stages, n_funnels)``, a
            ctypes ``c_double`` array, a memoryview of any of them; or raw
            bytes (``bytes``, ``bytearray``, ``mmap``: format ``'B'``), read
            as native doubles.
        deals: the deal target of every funnel, one double each (the same
            kinds of buffer, 1-D); ``len(deals)`` is ``n_funnels``.
        n_stages: the stage count (1 to 32). Optional: it is the number of
            rows of a 2-D ``rates``, else ``len(rates) // len(deals)``; an
            empty 1-D batch needs it.
        layout: only ``"stage-major"``, the library's layout (a named
            keyword, so that a call says which layout its data has). A
            funnel-major numpy array ``a`` of shape ``(n_funnels, n_stages)``
            becomes stage-major with ``numpy.ascontiguousarray(a.T)`` (a copy).
        out: a :class:`PlanBatch` to write into instead of new arrays, of the
            same ``n_stages`` and ``n_funnels``: an earlier result (a sweep
            that reuses its arrays allocates nothing and skips the page
            faults of fresh memory), or one built from writable C-contiguous
            double buffers of the right sizes, which must not overlap the
            inputs. ``out`` itself is returned; after a refusal its arrays
            hold partial results.

    Returns:
        A :class:`PlanBatch`. Its arrays are numpy arrays of shape
        ``(n_stages, n_funnels)`` (``deals_whole``: ``(n_funnels,)``) when
        ``rates`` is a numpy array, else flat ``array.array('d')`` in the same
        stage-major order. The library writes its results straight into them.

    **No copies.** The library reads ``rates`` and ``deals`` in place, read-only
    buffers included: their addresses are taken with ``PyObject_GetBuffer``
    through ``ctypes.pythonapi``, which also pins them (an ``array.array``
    cannot be resized meanwhile) until the call returns; the GIL is released
    during the calculation. The only copy is on a Python without
    ``ctypes.pythonapi`` (not CPython), and there only of a read-only buffer
    that is not a numpy array (``bytes``, a read-only memoryview). numpy is
    never imported here: nothing of this needs it.

    Raises :class:`FunnelError`: for the first funnel the library refuses,
    with its status and the funnel's index (``"funnel 777: rate must be
    between 0% and 100%"``; ``RATE_RANGE``, ``DEALS``, or
    ``TOO_LARGE``/``OVERFLOW`` with ``is_input_error``
    False); for ``n_stages`` outside 1 to 32, ``STAGE_COUNT``.
    Refusals found before the library is called carry the nearest status and
    a message that says what was expected: ``NULL`` for ``None``;
    ``PARSE_SYNTAX`` for an object that is not a buffer, a format
    other than doubles (``'f'``, ints; a :class:`FunnelTypeError`), a
    buffer that is not C-contiguous (a strided numpy slice) or has the wrong
    number of dimensions, an unknown ``layout``, an ``out`` that is read-only
    or overlaps an input; ``STAGE_COUNT`` for sizes that disagree.

    >>> from array import array
    >>> b = plan_batch(array("d", [0.01, 0.27,     # stage 0 of funnels 0 and 1
    ...                            0.10, 0.25]),   # stage 1
    ...                array("d", [20, 10]))
    >>> b.n_stages, b.n_funnels, b.deals_whole.tolist()
    (2, 2, [20.0, 10.0])
    >>> b.required_whole.tolist()    # stage-major, like the rates
    [20000.0, 149.0, 200.0, 40.0]
    >>> b.funnel(1)
    BatchFunnel(deals_whole=10, required=(148.14814814814815, 40.0), required_whole=(149, 40))
    >>> plan_batch(array("d", [0.02, 0.27, 0.10, 0.25]), array("d", [20, 10]), out=b) is b
    True
    >>> b.funnel(0).required_whole
    (10000, 200)
    """
    if layout not in LAYOUTS:
        raise refuse("PARSE_SYNTAX", "layout %s" % _describe(layout),
                     "the layout must be 'stage-major' (rates[k * len(deals) + i])")
    with ExitStack() as stack:
        rates_mv, n_rates = _doubles(stack, "rates", rates, 2)
        deals_mv, n_funnels = _doubles(stack, "deals", deals, 1)
        n_stages = _dimensions(rates, rates_mv, n_rates, n_funnels, n_stages)
        if out is not None:
            result = out
            outputs = _outputs(stack, out, n_stages, n_funnels)
        else:
            numpy = sys.modules.get("numpy")  # imported by the caller, if rates is numpy's
            if numpy is not None and isinstance(rates, numpy.ndarray):
                arrays = _new_arrays(numpy, n_stages, n_funnels)
            else:
                arrays = (_zeros(n_rates), _zeros(n_rates), _zeros(n_funnels))
            result = PlanBatch(n_funnels, n_stages, *arrays)  # type: ignore[arg-type]
            outputs = [(name, a, stack.enter_context(memoryview(a)))
                       for name, a in zip(("required", "required_whole", "deals_whole"), arrays)]
        inputs = [(label, obj, mv, _address(stack, obj, mv))
                  for label, obj, mv in (("rates", rates, rates_mv), ("deals", deals, deals_mv))]
        outputs = [(label, obj, mv, _address(stack, obj, mv)) for label, obj, mv in outputs]
        if out is not None:
            _check_overlap(inputs + outputs)
        batch = _native.fpl_plan_batch(n_funnels, n_stages,
                                       *(address for _, _, _, address in inputs + outputs))
        try:
            _native.fn.plan_batch_compute(byref(batch))
        except FunnelError as exc:
            context = "funnel %d" % exc.index if exc.index is not None else "plan_batch"
            raise exc.with_context(context) from None
    return result


def _check_overlap(buffers):
    """Refuses an output whose memory overlaps an input or another output."""
    spans = [(label, address, address + mv.nbytes)
             for label, _, mv, address in buffers if address is not None]
    for j, (label, start, end) in enumerate(spans):
        if not label.startswith("out."):
            continue
        for other, o_start, o_end in spans[:j]:
            if start < o_end and o_start < end:
                raise refuse("PARSE_SYNTAX", label,
                             "overlaps %s: the outputs need memory of their own" % other)
