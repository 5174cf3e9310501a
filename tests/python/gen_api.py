# funnelplan — writes bindings/python/funnelplan/_api.py from the C headers.
# SPDX-License-Identifier: MIT
"""Reads ``include/funnelplan/*.h`` and writes what the Python package
mirrors of them: the integer ``#define`` constants, the values of every
enum (but the statuses and fields, which the package reads from the library
by name), the order of ``enum fpl_abi_struct``, and every struct with its
fields (``_native`` builds the ``ctypes.Structure`` classes from it).

    python3 tests/python/gen_api.py            # rewrites the module
    python3 tests/python/gen_api.py --check    # exit 1 if it differs

The meson test ``python api`` runs ``--check``: a header changed without the
module being written again fails it (and ``fpl_mirrors.py`` then checks every
offset against the C compiler).
"""

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
HEADERS = os.path.join(REPO, "include", "funnelplan")
OUT = os.path.join(REPO, "bindings", "python", "funnelplan", "_api.py")

# Enums whose values the package reads from the library instead.
_FROM_LIBRARY = ("fpl_status", "fpl_field", "fpl_abi_struct")
_SCALARS = {"double": "double", "size_t": "size_t", "bool": "bool", "uint64_t": "uint64",
            "uint32_t": "uint32", "int": "int", "unsigned": "uint", "char": "char",
            "void": "void"}


def _text(name):
    with open(os.path.join(HEADERS, name), encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def _headers():
    """The module headers in the umbrella's order (each after what it uses)."""
    with open(os.path.join(HEADERS, os.pardir, "funnelplan.h"), encoding="utf-8") as f:
        return re.findall(r'^#include "funnelplan/(\w+\.h)"', f.read(), re.M)


def _value(expr, consts):
    """An integer #define's value (or a whole double's written as a decimal,
    such as FPL_WHOLE_MAX, 2^53), or None if it is neither."""
    if re.fullmatch(r"\d+\.0+", expr.strip()):
        return int(expr.strip().split(".")[0])
    expr = re.sub(r"\(\s*(size_t|int|unsigned)\s*\)", "", expr)
    expr = re.sub(r"\b(\d+)[uU]\b", r"\1", expr)
    expr = re.sub(r"\bFPL_(\w+)", lambda m: str(consts.get(m.group(1), "x")), expr)
    if not re.fullmatch(r"[\d\s()+*/-]+", expr):
        return None
    return eval(expr.replace("/", "//"))  # only digits and + - * / ( )


def read():
    consts, enums, structs, enum_types = {}, [], [], set()
    texts = [_text(h) for h in _headers()]
    for text in texts:  # a function pointer (a callback) is a plain pointer here
        for m in re.finditer(r"typedef [^;{}]*\(\*(\w+)\)\s*\(", text):
            _SCALARS[m.group(1)] = "ptr"
    for text in texts:
        for m in re.finditer(r"^#define FPL_(\w+)[ \t]+(.+?)\s*$", text, re.M):
            value = _value(m.group(2), consts)
            if value is not None and not value < 0:
                consts[m.group(1)] = value
    for text in texts:
        for m in re.finditer(r"typedef enum (\w+) \{(.*?)\} \1;", text, re.S):
            enum_types.add(m.group(1))
            values, nxt = [], 0
            for item in filter(None, (i.strip() for i in m.group(2).split(","))):
                name, _, value = (p.strip() for p in item.partition("="))
                nxt = int(value, 0) if value and value.lstrip("-").isdigit() else nxt
                values.append((name, nxt))
                nxt += 1
            enums.append((m.group(1), values))
    for text in texts:
        for m in re.finditer(r"typedef struct (\w+) \{(.*?)\} \1;", text, re.S):
            structs.append((m.group(1), _fields(m.group(1), m.group(2), consts, enum_types,
                                                structs)))
    functions = []
    for text in texts:
        for m in re.finditer(r"FPL_API\s+([^;(]*?)\s*\b(fpl_\w+)\s*\(([^)]*)\)\s*;", text, re.S):
            params = [" ".join(p.split()) for p in m.group(3).split(",")]
            status = m.group(1).strip() == "fpl_status"
            if status:  # the binding adds the trailing fpl_error *err itself
                if params[-1] != "fpl_error *err":
                    raise SystemExit("gen_api: %s does not end with fpl_error *err" % m.group(2))
                params.pop()
            params = [_param(p, enum_types) for p in params if p != "void"]
            functions.append("%s(%s) %s" % (m.group(2), ", ".join(params),
                                            "status" if status else _param(m.group(1),
                                                                          enum_types)))
    return consts, enums, structs, functions


def _param(decl, enum_types):
    """A parameter's or a result's type: ``double``, ``fpl_plan*``, ``str``
    (``const char *``), ``char*`` (a buffer to write), ``int`` (an enum)."""
    if re.fullmatch(r"const\s+char\s*\*\s*const\s*\*\s*\w*", decl.strip()):
        return "ptr"  # an array of texts (fpl_suggest's candidates)
    m = re.fullmatch(r"(const\s+)?(\w+)\s*(\*?)\s*\w*", decl.strip())
    ctype, pointer = m.group(2), m.group(3)
    if pointer and ctype == "char" and m.group(1):
        return "str"
    base = "int" if ctype in enum_types else _SCALARS.get(ctype, ctype)
    return base + pointer


def _fields(struct, body, consts, enum_types, structs):
    fields = []
    body = re.sub(r"union \{(.*?)\}\s*(\w+);",
                  lambda m: _union(struct, m, consts, enum_types, structs), body, flags=re.S)
    for decl in filter(None, (d.strip() for d in body.split(";"))):
        m = re.fullmatch(r"(const\s+)?([\w ]+?)\s*(\*?)\s*(\w+)\s*(?:\[(.+)\])?", decl, re.S)
        if m is None:
            raise SystemExit("gen_api: cannot read %r in %s" % (decl, struct))
        ctype, pointer, name, count = m.group(2), m.group(3), m.group(4), m.group(5)
        if pointer:
            kind = ("str" if ctype == "char" else
                    ctype + "*" if ctype.startswith("fpl_") and ctype not in enum_types
                    else "ptr")
        elif ctype in enum_types:
            kind = "int"
        else:
            kind = _SCALARS.get(ctype, ctype)
        if count:
            n = _value(count, consts)
            if n is None:
                raise SystemExit("gen_api: cannot size %s.%s[%s]" % (struct, name, count))
            kind += "[%d]" % n
        fields.append("%s %s" % (kind, name))
    return fields


def _union(struct, m, consts, enum_types, structs):
    """An unnamed union member: a union of its own, named struct_member."""
    name = "%s_%s" % (struct, m.group(2))
    structs.append(("union %s.%s" % (struct, m.group(2)),
                    _fields(name, m.group(1), consts, enum_types, structs)))
    return " %s %s;" % (name, m.group(2))


def module():
    consts, enums, structs, functions = read()
    out = ["# funnelplan — the C API as include/funnelplan/*.h declares it.",
           "# Generated by tests/python/gen_api.py from the headers: do not edit (the",
           "# meson test 'python api' fails when this file and the headers differ).",
           "# SPDX-License-Identifier: MIT",
           '"""The constants, enum values and struct layouts of the public headers,',
           "for ``_native`` to mirror (names without their ``FPL_`` prefix).\"\"\"",
           "", "# #define"]
    out += ["%s = %d" % item for item in consts.items() if not item[0].startswith("VERSION_")]
    out += ["", "# enum values, one enum a line"]
    abi = []
    for name, values in enums:
        if name == "fpl_abi_struct":
            abi = [v[0][len("FPL_ABI_"):].lower() for v in values if v[0] != "FPL_ABI_COUNT"]
        if name in _FROM_LIBRARY:
            continue
        numbers = [v[1] for v in values]
        out.append(_wrap("(%s) = %s" % (", ".join(v[0][len("FPL_"):] for v in values),
                                        "range(%d)" % len(values)
                                        if numbers == list(range(len(values))) else
                                        "(%s)" % ", ".join(map(str, numbers)))))
        out.append(_wrap("%s_NAMES = (%s)" % (name[len("fpl_"):].upper(),
                                              ", ".join('"%s"' % v[0] for v in values))))
    out += ["", "#: The structs in the order of enum fpl_abi_struct (None: retired).",
            _wrap("ABI_ORDER = (%s)" % ", ".join(
                "None" if a.startswith("reserved") else '"fpl_%s"' % a for a in abi))]
    out += ["", "#: Every struct (and unnamed union) in declaration order, field by field:",
            "#: ``type name``, ``type[count] name``; ``str`` is ``const char *``, ``ptr``",
            "#: any other data pointer, ``fpl_x*`` a pointer to a struct; ``union s.m`` the",
            "#: unnamed union of member m of struct s.",
            'STRUCTS = """']
    for name, fields in structs:
        out += _wrap_fields("%s:" % name, fields)
    out += ['"""', "", "#: Every function: ``name(parameter types) result type``, as for STRUCTS;",
            "#: ``status`` is an fpl_status, whose trailing ``fpl_error *`` is left out.",
            'FUNCTIONS = """']
    for f in functions:
        out += _wrap_fields("", [f], ", ")
    out += ['"""', ""]
    return "\n".join(out)


def _wrap(line):
    """A line of a tuple, wrapped inside its parentheses."""
    if len(line) <= 99:
        return line
    indent = line.index("(") + 1
    parts, cur, lines = re.split(r"(?<=,) ", line), "", []
    for p in parts:
        if cur and len(cur) + 1 + len(p) > 99:
            lines.append(cur)
            cur = " " * indent + p
        else:
            cur = cur + " " + p if cur else p
    return "\n".join(lines + [cur])


def _wrap_fields(head, items, sep=";"):
    """``head`` and the items, wrapped at 99 columns (continued lines indented)."""
    if sep != ";":  # a function: split its parameters
        items = re.split(r"(?<=,) ", items[0])
        sep = ""
    lines, cur = [], head
    for item in items:
        piece = (" " if cur.strip() else "") + item + sep
        if len(cur) + len(piece) > 99:
            lines.append(cur)
            cur = "    "
            piece = piece.lstrip()
        cur += piece
    return lines + [cur]


def main():
    text = module()
    if sys.argv[1:] == ["--check"]:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                print("gen_api: %s differs from the headers; run python3 tests/python/gen_api.py"
                      % os.path.relpath(OUT, REPO))
                return 1
        print("gen_api: %s is the headers' API" % os.path.relpath(OUT, REPO))
        return 0
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
