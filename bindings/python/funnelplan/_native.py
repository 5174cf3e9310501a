# funnelplan — ctypes mirror of the C API.
# SPDX-License-Identifier: MIT
"""The C structures and functions of ``libfunnelplan``, bound once at import.

``_api`` (generated from the headers by ``tests/python/gen_api.py``) holds
the constants, enum values, struct layouts and function signatures of the
public headers; here they become ctypes: every struct a ``Structure`` (a
``Union`` for an unnamed union member) with the header's fields in the
header's order (``size_t`` is ``c_size_t``, ``bool`` ``c_bool``, an enum
``c_int``; the array pointers of ``fpl_plan_batch`` are ``c_void_p``, set
from buffer addresses without building a ctypes object per buffer), and
every function bound once as ``fn.<name without fpl_>``. Their layout is
fixed for a major version (the ABI rule in ``common.h``), which the loader
checks against :data:`_loader.ABI_MAJOR`; at import every struct's size is
compared with the library's (``fpl_abi_size``), and the test
``fpl_mirrors.py`` compares every field's offset with the C compiler's.

A function returning ``fpl_status`` takes its trailing ``fpl_error *`` from
the binding, which raises :class:`FunnelError` for any status but
``FPL_OK``, with where the library says the fault is.
"""

import ctypes
import re
import types
import typing
from ctypes import POINTER, Structure, byref

from . import _api, _loader
from ._errors import FunnelError

# The headers' constants and enum values, as _native.MAX_STAGES and so on.
globals().update({k: v for k, v in vars(_api).items() if k.isupper()})

_SCALARS = {"double": ctypes.c_double, "size_t": ctypes.c_size_t, "bool": ctypes.c_bool,
            "uint64": ctypes.c_uint64, "uint32": ctypes.c_uint32, "int": ctypes.c_int,
            "uint": ctypes.c_uint, "char": ctypes.c_char, "str": ctypes.c_char_p,
            "ptr": ctypes.c_void_p, "void": None}


def _entries(text):
    """The entries of an ``_api`` table, continuation lines joined."""
    return [" ".join(e.split()) for e in re.split(r"\n(?=\S)", text.strip())]


def _mirrors():
    """Every struct of ``_api.STRUCTS`` as a ctypes class, by C name."""
    decls = {}
    for entry in _entries(_api.STRUCTS):
        head, _, body = entry.partition(":")
        name = head.split()[-1].replace(".", "_")
        decls[name] = (head, [f.split() for f in body.split(";") if f.strip()])
    built = {}

    def build(name):
        if name not in built:
            head, fields = decls[name]
            union = head.startswith("union ")
            cls = built[name] = type(name, (ctypes.Union if union else Structure,), {})
            if union:  # unnamed in the header: the C type of the member
                cls._c_type_ = "__typeof__(((%s *)0)->%s)" % tuple(head.split()[1].split("."))
            cls._fields_ = [(field, ctype(t)) for t, field in fields]
        return built[name]

    def ctype(text):
        m = re.fullmatch(r"(\w+)(\*?)(?:\[(\d+)\])?", text)
        base = _SCALARS[m.group(1)] if m.group(1) in _SCALARS else build(m.group(1))
        if m.group(2):
            base = POINTER(base) if base is not ctypes.c_char else POINTER(ctypes.c_char)
        return base * int(m.group(3)) if m.group(3) else base

    for name in decls:
        build(name)
    return built, ctype


_MIRRORS, _ctype = _mirrors()
globals().update(_MIRRORS)

if typing.TYPE_CHECKING:
    # The names put in globals() above (constants, enum values, the ctypes
    # mirrors) are unknown to a type checker: they are Any to it.
    def __getattr__(name: str) -> typing.Any: ...

#: The mirrors in the order of the C enum fpl_abi_struct, so that
#: fpl_abi_size(i) is the C compiler's sizeof(STRUCTS[i]) in the library
#: that was loaded. None holds the place of a retired struct (size 0).
STRUCTS = tuple(None if name is None else _MIRRORS[name] for name in _api.ABI_ORDER)

#: The view structs (render.h; no fpl_abi_size).
VIEW_STRUCTS = (_MIRRORS["fpl_node"], _MIRRORS["fpl_view"])

NO_INDEX = ctypes.c_size_t(-1).value  # FPL_NO_INDEX

#: Every function: (name, argtypes, restype), restype _STATUS for an fpl_status.
_STATUS = "status"
FUNCTIONS = tuple(
    (m.group(1), [_ctype(t) for t in filter(None, m.group(2).split(", "))],  # type: ignore
     _STATUS if m.group(3) == "status" else _ctype(m.group(3)))  # type: ignore
    for m in (re.fullmatch(r"(\w+)\((.*)\) (\S+)", e) for e in _entries(_api.FUNCTIONS)))

lib, library_path = _loader.load([name for name, _, _ in FUNCTIONS])


error_struct = _MIRRORS["fpl_error"]


def _bind(name, argtypes, restype):
    """The C function; one that returns an fpl_status takes its trailing
    ``fpl_error *`` from here and raises a :class:`FunnelError` that carries
    where the library said the failure is."""
    func = getattr(lib, name)
    if restype is not _STATUS:
        func.argtypes = argtypes
        func.restype = restype
        return func
    func.argtypes = list(argtypes) + [POINTER(_MIRRORS["fpl_error"])]
    func.restype = ctypes.c_int

    def call(*args):
        err = error_struct()
        result = func(*args, err)  # a struct for a pointer: passed by reference
        if result != 0:
            raise error(result, where=err)
        return result

    call.__name__ = name
    call.c_function = func
    return call


# fn.plan_compute is fpl_plan_compute, and so on.
fn = types.SimpleNamespace(**{name[len("fpl_"):]: _bind(name, argtypes, restype)
                              for name, argtypes, restype in FUNCTIONS})


def _check_layout():
    """Refuse a library whose structs are not laid out as mirrored here."""
    wrong = ["%s is %d bytes here, %d in the library" % (s.__name__, ctypes.sizeof(s),
                                                         fn.abi_size(i))
             for i, s in enumerate(STRUCTS)
             if s is not None and ctypes.sizeof(s) != fn.abi_size(i)]
    if wrong:
        raise ImportError("funnelplan: the ctypes mirror of the C structs does not match %s: %s"
                          % (library_path, "; ".join(wrong)))


_check_layout()


def status_name(code):
    """The symbolic name of a status code (``fpl_status_name``)."""
    return fn.status_name(code).decode("ascii")


_PREFIX = "FPL_ERR_"


def _status_codes():
    """Every status the library knows, name -> code, read from the library."""
    codes = {}
    code = 0
    while True:
        name = status_name(code)
        if name == _PREFIX + "UNKNOWN":
            return codes
        codes[name] = code
        code += 1


STATUS = _status_codes()


#: The library's statuses by name without their prefix (``ERR["NULL"]``),
#: for the refusals the package decides (``_common.refuse``).
ERR = {name[len(_PREFIX):]: code for name, code in STATUS.items() if name.startswith(_PREFIX)}

_NEEDED = ("NULL", "PARSE_SYNTAX", "PARSE_OVERFLOW", "PARSE_EMPTY", "PARSE_NEGATIVE", "PERIOD",
           "STAGE_COUNT", "STAGE_NAME_UTF8", "STAGE_UNKNOWN", "VOLUME", "TARGET",
           "CHANGE_SYNTAX", "CHANGE_COUNT", "STEP", "STAGE_DUPLICATE", "VOLUME_WHOLE",
           "CONFIDENCE", "CONFIDENCE_COUNT", "TRIALS", "VARIATION", "HISTORY", "DATE", "MONTHS",
           "WEIGHTS", "WEIGHTS_COUNT", "LAG", "REPS", "QUOTA", "ATTAINMENT", "ELAPSED", "ACTUAL",
           "THRESHOLD", "CRITERION", "CRITERION_DUPLICATE", "CRITERION_COUNT", "ANSWER",
           "CSV_HEADER", "MIX", "MIX_SHARES", "BANDS")
if STATUS.get("FPL_OK") != 0 or any(name not in ERR for name in _NEEDED):
    raise ImportError("funnelplan: %s does not report the expected status names" % library_path)


def error(code, context=None, cls=FunnelError, where=None):
    """The :class:`FunnelError` for a status code, with the library's message
    and, from ``where`` (an :class:`fpl_error`), the field, list entry and
    bytes at fault (the message then worded for the field:
    ``fpl_error_message``)."""
    described = where is not None and where.status == code
    message = fn.error_message(byref(where)) if described else fn.strerror(code)
    exc = cls(status_name(code), message.decode("utf-8", "replace"), code=code,
              context=context, is_input_error=bool(fn.status_is_input_error(code)))
    if described:
        exc.field = fn.field_name(where.field).decode("ascii") if where.field else None
        exc.index = None if where.index == NO_INDEX else where.index
        exc.offset = where.offset
        exc.length = where.length
        exc.line = where.line or None
    return exc


def error_named(name, context=None, cls=FunnelError, field=None, index=None):
    """The :class:`FunnelError` for a status given by its symbolic name;
    with ``field`` (a field's name, see :data:`FIELDS`) and ``index``, worded
    and described as the library would."""
    if field is None:
        return error(STATUS[name], context, cls)
    where = _MIRRORS["fpl_error"](status=STATUS[name], field=FIELDS[field],
                                  index=NO_INDEX if index is None else index)
    return error(where.status, context, cls, where=where)


def _field_codes():
    """Every field the library names, name -> code, read from the library."""
    codes = {}
    code = 1
    while True:
        name = fn.field_name(code).decode("ascii")
        if name == "unknown":
            return codes
        codes[name] = code
        code += 1


FIELDS = _field_codes()


def _limits():
    """Every limit the library states, name -> fpl_bounds (limits.h)."""
    limits = {}
    code = 0
    while fn.limit_name(code) is not None:
        limits[fn.limit_name(code).decode("ascii")] = fn.limit_bounds(code)
        code += 1
    return limits


#: The least, greatest and default value of each limited input, from the
#: library: ``LIMITS["trials"].max_whole`` is 10000000.
LIMITS = _limits()


version_string = fn.version_string().decode("ascii")
version_number = fn.version_number()
