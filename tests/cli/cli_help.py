"""What `funnelplan --help` and `funnelplan COMMAND --help` list, parsed.

Shared by test_man.py and test_completion.py (not a test module itself):
the man page and the bash completion are written by the program from its
own tables, and these tests hold them against what --help shows, so that a
command or an option can never be missing from either.
"""

import os
import re
import tempfile

from test_cli import run

_COMMAND_LINE = re.compile(r"^  (\S+) {2,}(\S.*)$")
_OPTION_LINE = re.compile(r"^  (--[a-z][a-z0-9-]*)(?: (\S+))? {2,}(\S.*)$")


def _section(text, title):
    """The lines of a section of a help text: after TITLE:, up to a blank line."""
    lines = text.splitlines()
    start = lines.index(title + ":") + 1
    out = []
    for line in lines[start:]:
        if not line.strip():
            break
        out.append(line)
    return out


def help_text(args=()):
    r = run(list(args) + ["--help"])
    if r.returncode != 0:
        raise AssertionError("funnelplan %s --help: exit %d, %r"
                             % (" ".join(args), r.returncode, r.stderr))
    return r.stdout.decode("utf-8")


def commands():
    """[(name, summary)] in the order of `funnelplan --help`."""
    out = []
    for line in _section(help_text(), "Commands"):
        m = _COMMAND_LINE.match(line)
        if not m:
            raise AssertionError("cannot read the command line %r of --help" % line)
        out.append((m.group(1), m.group(2)))
    return out


def options(command):
    """[(name, metavar or None, help text with its lines joined by blanks)]
    in the order of `funnelplan COMMAND --help`."""
    out = []
    for line in _section(help_text([command]), "Options"):
        m = _OPTION_LINE.match(line)
        if m:
            out.append([m.group(1), m.group(2), m.group(3).strip()])
        elif line.startswith("    ") and out:
            out[-1][2] += " " + line.strip()
        else:
            raise AssertionError("cannot read the option line %r of %s --help" % (line, command))
    return [tuple(o) for o in out]


def generated(mode, env_var):
    """The text a hidden mode writes, and the file the build made from it
    ($env_var, set by meson; None when not set)."""
    r = run([mode])
    if r.returncode != 0 or r.stderr:
        raise AssertionError("funnelplan %s: exit %d, %r" % (mode, r.returncode, r.stderr))
    text = r.stdout.decode("utf-8")
    path = os.environ.get(env_var)
    built = None
    if path:
        with open(path, encoding="utf-8") as f:
            built = f.read()
    return text, built


def script_file(text, suffix):
    """A temporary file holding text; the caller removes it."""
    fd, path = tempfile.mkstemp(suffix=suffix)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    return path


__all__ = ["commands", "options", "help_text", "generated", "script_file"]
