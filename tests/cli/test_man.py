"""Tests of the man page funnelplan(1) (`funnelplan --generate-man`).

The page the build made is $FUNNELPLAN_MAN_PAGE (meson sets it); it must be
what the program writes. It must hold every command of `funnelplan --help`
and, in each command's subsection, every option of `funnelplan COMMAND
--help` with its help text; it must be clean roff (no text line that roff
would take for a request, every hyphen and backslash escaped); and when
groff (or man) is installed it must render without a single warning.
"""

import os
import re
import shutil
import subprocess
import unittest

import cli_help
import test_cli as base

# The requests and macros the page may use (man(7), and the roff requests
# man pages commonly use).
MACROS = {"TH", "SH", "SS", "PP", "TP", "B", "BR", "I", "IR", "RS", "RE", "nf", "fi", "br",
          "nh", "ad"}
# The escapes the page may use: \e \- \& \(lq \(rq, fonts, \[uXXXX].
ESCAPE = re.compile(r"\\(?:e|-|&|\(lq|\(rq|f[BIR]|\[u[0-9A-F]{4,6}\])")


def plain(roff_lines):
    """The text of roff lines, requests dropped and escapes undone, one
    string with every run of blanks made one blank."""
    words = []
    for line in roff_lines:
        if line.startswith("."):
            m = re.match(r"\.(?:B|I|BR|IR) (.*)$", line)
            if not m:
                continue
            line = m.group(1)
        line = re.sub(r"\\f[BIR]", "", line)
        line = line.replace("\\&", "").replace("\\-", "-").replace("\\e", "\\")
        words.extend(line.split())
    return " ".join(words)


class ManPage(base.CliTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.text, cls.built = cli_help.generated("--generate-man", "FUNNELPLAN_MAN_PAGE")
        cls.lines = cls.text.splitlines()

    def sections(self, macro):
        """{title: [lines]} of the .SH or .SS blocks (an .SS block ends at the
        next .SS or .SH)."""
        out = {}
        current = None
        for line in self.lines:
            if line.startswith(".SH ") or line.startswith(".SS "):
                current = None
                if line.startswith("." + macro + " "):
                    current = line[len(macro) + 2:].strip('"')
                    out[current] = []
                continue
            if current is not None:
                out[current].append(line)
        return out

    def test_the_installed_page_is_what_the_program_writes(self):
        if self.built is None:
            self.skipTest("FUNNELPLAN_MAN_PAGE is not set (meson sets it)")
        self.assertEqual(self.built, self.text)

    def test_limits_are_the_librarys_and_every_placeholder_is_filled(self):
        """Ranges and defaults in the help come from fpl_limit_bounds(): the
        page states them as the specification does, and no {limit.bound}
        placeholder is left over (a misspelt one would be printed as is)."""
        self.assertNotRegex(self.text, r"\{[a-z_]+\.(min|max|default)(:pp)?\}")
        for stated in ("from 1 to\n10000000 (default 10000)", "from 1 to 120\n(default 12)",
                       "(default 95%; at most 1000%)", "(default 80%; at most \\-\\-at\\-risk)",
                       "(up to 16 levels; above 0% and\nbelow 100%)",
                       "+1pp (default)", "(default 75; at\nmost 100)"):
            self.assertIn(stated, self.text)
        help_odds = base.run(["odds", "--help"]).stdout.decode()
        self.assertIn("(default 10000)", help_odds)
        self.assertIn("18446744073709551615 (default 1)", help_odds)

    def test_header_and_sections(self):
        self.assertTrue(any(line.startswith(".TH FUNNELPLAN 1 ") for line in self.lines))
        titles = list(self.sections("SH"))
        self.assertEqual(titles, ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS",
                                  "NUMBERS", "EXIT STATUS", "FILES", "EXAMPLES", "SEE ALSO"])
        name = self.sections("SH")["NAME"]
        self.assertEqual(len(name), 1)
        self.assertTrue(name[0].startswith("funnelplan \\- "), name)
        with open(os.path.join(base.HERE, "..", "..", "VERSION")) as f:
            version = f.read().strip()
        self.assertIn('"funnelplan %s"' % version, self.text)

    def test_every_command_of_help(self):
        commands = cli_help.commands()
        self.assertGreaterEqual(len(commands), 9)
        self.assertEqual(list(self.sections("SS")), [name for name, _ in commands])
        description = plain(self.sections("SH")["DESCRIPTION"])
        synopsis = plain(self.sections("SH")["SYNOPSIS"])
        examples = plain(self.sections("SH")["EXAMPLES"])
        for name, summary in commands:
            self.assertIn("%s %s" % (name, summary), description)
            self.assertIn("funnelplan %s " % name, synopsis)
            self.assertIn("funnelplan %s " % name, examples)

    def test_every_option_of_every_command_with_its_help(self):
        subsections = self.sections("SS")
        for command, _ in cli_help.commands():
            with self.subTest(command=command):
                options = cli_help.options(command)
                self.assertIn("--help", [name for name, _, _ in options])
                section = subsections[command]
                text = plain(section)
                tags = [plain([section[i + 1]]) for i, line in enumerate(section)
                        if line == ".TP"]
                want = [name + (" " + metavar if metavar else "")
                        for name, metavar, _ in options]
                self.assertEqual(tags, want)
                for name, metavar, help_text in options:
                    tag = name + (" " + metavar if metavar else "")
                    self.assertIn("%s %s" % (tag, " ".join(help_text.split())), text)
                # The command's own usage and description are there too.
                usage = cli_help.help_text([command]).splitlines()[0]
                self.assertTrue(usage.startswith("Usage: "), usage)
                self.assertIn(usage[len("Usage: "):], text)

    def test_options_lists_every_option_once_with_each_help(self):
        section = self.sections("SH")["OPTIONS"]
        tags = [plain([section[i + 1]]) for i, line in enumerate(section) if line == ".TP"]
        # Every option of every command once, then --help, -h (and help)
        # and --version without a command.
        self.assertEqual(tags[-3:], ["--help", "-h, help [COMMAND]", "--version"])
        want, helps = [], {}
        for command, _ in cli_help.commands():
            for name, metavar, help_text in cli_help.options(command):
                tag = name + (" " + metavar if metavar else "")
                if tag not in want:
                    want.append(tag)
                helps.setdefault(tag, set()).add(" ".join(help_text.split()))
        self.assertEqual(sorted(tags[:-3]), sorted(want))
        text = plain(section)
        for tag, texts in helps.items():
            for help_text in texts:
                self.assertIn(help_text, text, tag)

    def test_numbers_exit_status_and_files(self):
        sections = self.sections("SH")
        numbers = plain(sections["NUMBERS"])
        for word in ("AMOUNT, COUNT", "250k", "1.5M", "RATE", "12.5%", "1/3", "PERIOD"):
            self.assertIn(word, numbers)
        # A tagged paragraph per exit status of --help, 0, 1, 2, 3, ...
        status = sections["EXIT STATUS"]
        tags = [status[i + 1] for i, line in enumerate(status) if line == ".TP"]
        self.assertGreaterEqual(len(tags), 4)
        self.assertEqual(tags, [".B %d" % n for n in range(len(tags))])
        exit_help = " ".join(cli_help.help_text().split("Exit status: ", 1)[1].split())
        for n in range(len(tags)):
            self.assertIn("%d " % n, exit_help)
        self.assertIn("@FILE anywhere among the arguments", plain(sections["FILES"]))

    def test_roff_is_clean(self):
        for number, line in enumerate(self.lines, 1):
            where = "line %d: %r" % (number, line)
            if line.startswith('.\\"'):
                continue  # a comment
            self.assertFalse(line.startswith("'"), where)
            if line.startswith("."):
                self.assertIn(line[1:].split(" ")[0], MACROS, where)
            # Every hyphen is \- and every backslash starts a known escape.
            rest = ESCAPE.sub("", line)
            self.assertNotIn("\\", rest, where)
            self.assertNotIn("-", rest, where)
            self.assertEqual(line, line.rstrip(), where)
        self.assertTrue(self.text.endswith("\n"))
        self.assertNotIn("\n\n", self.text)  # no blank lines: .PP instead

    def test_renders_without_warnings(self):
        groff = shutil.which("groff")
        man = shutil.which("man")
        # groff is not ours to check: without the sanitizer runtime the
        # asan step preloads into this Python (it finds troff's own bugs).
        env = {k: v for k, v in base.base_env(MANWIDTH="80").items()
               if k not in ("LD_PRELOAD", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS")}
        path = cli_help.script_file(self.text, ".1")
        self.addCleanup(os.unlink, path)
        if groff:
            cmd = [groff, "-man", "-Tutf8", "-ww", "-z", path]
        elif man:
            cmd = [man, "--warnings", "-l", path]
            env["MANPAGER"] = env["PAGER"] = "cat"
        else:
            self.skipTest("neither groff nor man is installed (Debian: groff-base or man-db)")
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                           timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr.decode(), "", cmd)
        if groff:
            # And the rendered text holds every command.
            r = subprocess.run([groff, "-man", "-Tutf8", path], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env, timeout=120)
            rendered = r.stdout.decode("utf-8")
            rendered = re.sub(".\b", "", rendered)  # overstrike: bold, underline
            for name, _ in cli_help.commands():
                self.assertIn(name, rendered)


if __name__ == "__main__":
    unittest.main()
