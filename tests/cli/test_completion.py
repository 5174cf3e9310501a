"""Tests of the bash completion (`funnelplan --generate-bash-completion`).

The script the build made is $FUNNELPLAN_BASH_COMPLETION (meson sets it);
it must be what the program writes. It is sourced in a plain bash (no
bash-completion package needed): COMP_WORDS and COMP_CWORD are set as bash
sets them, the completion function is called, and COMPREPLY is checked
against what the program itself says: the commands of `funnelplan --help`,
the options of `funnelplan COMMAND --help`, the --format values the command
accepts, the periods, and files after '@'.
"""

import os
import re
import shutil
import subprocess
import tempfile
import unittest

import cli_help
import test_cli as base
from test_cli import run

BASH = shutil.which("bash")
FUNCTION = "_funnelplan"

# Sources the script, sets the words (the last is completed, unless
# $CWORD says otherwise) and prints COMPREPLY, one per line.
DRIVER = r'''
source "$1" || exit 97
shift
COMP_WORDS=("$@")
COMP_CWORD=${CWORD:-$((${#COMP_WORDS[@]} - 1))}
COMP_LINE="${COMP_WORDS[*]}"
COMP_POINT=${#COMP_LINE}
prev=
((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
%s funnelplan "${COMP_WORDS[COMP_CWORD]}" "$prev" || exit 98
printf '%%s\n' "${COMPREPLY[@]}"
''' % FUNCTION


class Completion(base.CliTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if BASH is None:
            raise unittest.SkipTest("bash is not installed")
        cls.text, cls.built = cli_help.generated("--generate-bash-completion",
                                                 "FUNNELPLAN_BASH_COMPLETION")
        cls.script = cli_help.script_file(cls.text, ".bash")
        cls.commands = [name for name, _ in cli_help.commands()]

    @classmethod
    def tearDownClass(cls):
        os.unlink(cls.script)

    def complete(self, *words, cwd=None, cword=None):
        env = base.base_env()
        if cword is not None:
            env["CWORD"] = str(cword)
        r = subprocess.run([BASH, "--norc", "--noprofile", "-c", DRIVER, "bash", self.script,
                            "funnelplan"] + list(words),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd,
                           timeout=60)
        self.assertEqual(r.returncode, 0, "completing %r: %r" % (words, r.stderr))
        self.assertEqual(r.stderr, b"", words)
        return [w for w in r.stdout.decode("utf-8").split("\n") if w]

    # -- the script itself --------------------------------------------------

    def test_the_installed_script_is_what_the_program_writes(self):
        if self.built is None:
            self.skipTest("FUNNELPLAN_BASH_COMPLETION is not set (meson sets it)")
        self.assertEqual(self.built, self.text)

    def test_the_script_is_valid_bash_and_registers_the_function(self):
        r = subprocess.run([BASH, "--norc", "-c", 'source "$1" && complete -p funnelplan',
                            "bash", self.script], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.decode().split(), ["complete", "-F", FUNCTION, "funnelplan"])

    def test_the_hidden_modes_are_not_in_help(self):
        self.assertNotIn("generate", cli_help.help_text())

    def test_a_wrong_hidden_mode_is_refused(self):
        for args, message in ((["--generate-manual"], "unknown option '--generate-manual'"),
                              (["--generate-bash-completion", "plan"],
                               "--generate-bash-completion: unexpected argument 'plan'")):
            r = run(args)
            self.assertEqual(r.returncode, 2, args)
            self.assertEqual(r.stdout, b"", args)
            err = r.stderr.decode()
            self.assertTrue(err.startswith("funnelplan: ") and err.count("\n") == 1, err)
            self.assertIn(message, err)

    # -- commands -------------------------------------------------------------

    def test_every_command_of_help_first(self):
        self.assertGreaterEqual(len(self.commands), 9)
        self.assertEqual(self.complete(""),
                         self.commands + ["help", "--help", "-h", "--version"])

    def test_a_command_prefix(self):
        self.assertEqual(self.complete("pl"), ["plan"])
        self.assertEqual(sorted(self.complete("s")),
                         sorted(c for c in self.commands if c.startswith("s")))
        self.assertEqual(self.complete("--v"), ["--version"])
        self.assertEqual(self.complete("nothing"), [])

    def test_the_command_after_help(self):
        self.assertEqual(self.complete("--help", "fo"), ["forecast"])
        self.assertEqual(self.complete("--help", ""), self.commands)
        self.assertEqual(self.complete("help", "od"), ["odds"])
        self.assertEqual(self.complete("-h", ""), self.commands)
        # help takes one command and nothing after it (not the command's options)
        self.assertEqual(self.complete("help", "plan", "--"), [])

    # -- options ----------------------------------------------------------------

    def test_the_options_of_every_command_are_those_of_its_help(self):
        for command in self.commands:
            with self.subTest(command=command):
                want = [name for name, _, _ in cli_help.options(command)]
                self.assertEqual(self.complete(command, "--"), want)
                # Before the first option too, and after a full option.
                self.assertEqual(self.complete(command, ""), want)
                self.assertEqual(self.complete(command, "--stage", "lead=1%", ""), want)

    def test_plan_and_odds_take_different_options(self):
        plan = self.complete("plan", "--")
        odds = self.complete("odds", "--")
        for name in ("--revenue", "--deals", "--deal-size", "--confidence", "--format"):
            self.assertIn(name, plan)
            self.assertIn(name, odds)
        for name in ("--simulate", "--trials", "--seed", "--deal-size-cv", "--history",
                     "--volume", "--at"):
            self.assertIn(name, odds)
            self.assertNotIn(name, plan)
        self.assertEqual(self.complete("plan", "--si"), [])
        self.assertEqual(self.complete("odds", "--si"), ["--simulate"])
        self.assertEqual(self.complete("odds", "--t"), ["--trials"])
        self.assertNotIn("--change", odds)
        self.assertIn("--change", self.complete("whatif", "--"))

    def test_the_option_after_a_flag(self):
        # --simulate takes no value: the word after it is an option again.
        self.assertEqual(self.complete("odds", "--simulate", "--se"), ["--seed"])

    def test_stage_names_and_amounts_are_free_text(self):
        for words in (("plan", "--stage", ""), ("plan", "--stage", "le"),
                      ("plan", "--revenue", ""), ("forecast", "--at", ""),
                      ("whatif", "--change", "--")):
            self.assertEqual(self.complete(*words), [], words)

    # -- --format and --per ---------------------------------------------------

    def formats_accepted(self, command):
        """The --format values the command's parser accepts, as its
        refusal of a bad one lists them ("format must be table, json or
        csv"); and a check that each listed one passes the parser."""
        r = run([command, "--format", "no-such-format"])
        self.assertEqual(r.returncode, 2)
        err = r.stderr.decode()
        m = re.search(r"must be (.*?)\s*$", err)
        self.assertIsNotNone(m, err)
        return re.split(r", | or ", m.group(1))

    def test_format_values_are_those_the_command_accepts(self):
        for command in self.commands:
            with self.subTest(command=command):
                got = self.complete(command, "--format", "")
                self.assertEqual(got, self.formats_accepted(command))
                for value in ("table", "json", "csv"):
                    self.assertIn(value, got)
                # Each one gets past the parser (the error is then about
                # something else: the target, the volume, ...).
                for value in got:
                    r = run([command, "--format", value])
                    self.assertNotIn(b"--format", r.stderr, (command, value))
                self.assertEqual(self.complete(command, "--format", "j"), ["json"])

    def test_format_with_equals(self):
        # '=' breaks words in bash's default COMP_WORDBREAKS ...
        self.assertEqual(self.complete("plan", "--format", "=", ""),
                         self.complete("plan", "--format", ""))
        self.assertEqual(self.complete("plan", "--format", "=", "c"), ["csv"])
        self.assertEqual(self.complete("plan", "--format", "=", cword=3),
                         self.complete("plan", "--format", ""))
        # ... and when it does not, the word is --format=VALUE.
        self.assertEqual(self.complete("plan", "--format=cs"), ["--format=csv"])

    def test_per_values(self):
        want = ["month", "quarter", "year"]
        for command in self.commands:
            with self.subTest(command=command):
                self.assertEqual(self.complete(command, "--per", ""), want)
        self.assertEqual(self.complete("plan", "--per", "q"), ["quarter"])
        self.assertEqual(self.complete("forecast", "--per", "=", "y"), ["year"])
        self.assertEqual(self.complete("schedule", "--per=m"), ["--per=month"])

    # -- @FILE -------------------------------------------------------------------

    def test_at_file_completes_files(self):
        with tempfile.TemporaryDirectory() as d:
            open(os.path.join(d, "saas.funnel"), "w").close()
            open(os.path.join(d, "smb.funnel"), "w").close()
            os.mkdir(os.path.join(d, "saved"))
            self.assertEqual(self.complete("plan", "@saa", cwd=d), ["@saas.funnel"])
            self.assertEqual(sorted(self.complete("plan", "@s", cwd=d)),
                             ["@saas.funnel", "@saved/", "@smb.funnel"])
            self.assertEqual(self.complete("plan", "--stage", "lead=1%", "@sm", cwd=d),
                             ["@smb.funnel"])
            # Also in place of the command (a file can hold it), and inside
            # a directory.
            open(os.path.join(d, "saved", "q1.funnel"), "w").close()
            self.assertEqual(self.complete("@saved/", cwd=d), ["@saved/q1.funnel"])

    def test_an_option_whose_value_is_a_file_completes_files(self):
        # Every option shown with the metavar FILE (score --leads FILE).
        found = [(c, name) for c in self.commands
                 for name, metavar, _ in cli_help.options(c) if metavar == "FILE"]
        if not found:
            self.skipTest("no option takes a FILE")
        with tempfile.TemporaryDirectory() as d:
            open(os.path.join(d, "leads.csv"), "w").close()
            for command, name in found:
                with self.subTest(command=command, option=name):
                    self.assertEqual(self.complete(command, name, "le", cwd=d), ["leads.csv"])
                    self.assertEqual(self.complete(command, name, "=", "le", cwd=d),
                                     ["leads.csv"])
                    self.assertEqual(self.complete(command, name + "=l", cwd=d),
                                     [name + "=leads.csv"])


if __name__ == "__main__":
    unittest.main()
