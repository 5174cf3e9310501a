#!/usr/bin/env python3
"""Fail if the shared library imports anything the locale, the allocator or
stdio could sneak in through.

Usage: check_symbols.py LIBRARY

The library promises: no locale-dependent parsing or formatting, no
allocation, no I/O. Its undefined dynamic symbols are the proof.
"""
import re
import subprocess
import sys

BANNED = re.compile(
    r"^(strto(d|f|ld|l|ll|ul|ull|imax|umax)|ato[fil]|atoll|v?f?s?n?scanf|"
    r"v?[fs]?n?printf|v?dprintf|v?asprintf|setlocale|newlocale|uselocale|duplocale|"
    r"localeconv|nl_langinfo|str(n)?casecmp|strcoll|strxfrm|strftime|"
    r"(to|is)(lower|upper|alpha|digit|alnum|space|punct|xdigit|print|graph|cntrl|blank)|"
    r"__ctype_\w+|mbs\w*|mbr?towc|wc\w*|"
    r"malloc|calloc|realloc|reallocarray|free|aligned_alloc|posix_memalign|"
    r"fopen|fclose|fwrite|fread|puts|fputs|putchar|getenv|rand|srand|random|time)$")

def main() -> int:
    lib = sys.argv[1]
    out = subprocess.run(["nm", "-D", "--undefined-only", lib], check=True,
                         capture_output=True, text=True).stdout
    names = sorted({line.split()[-1].split("@")[0] for line in out.splitlines() if line.strip()})
    banned = [n for n in names if BANNED.match(n)]
    print("undefined symbols:", " ".join(names))
    if banned:
        print("BANNED symbols used by the library:", " ".join(banned))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
