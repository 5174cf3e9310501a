# SPDX-License-Identifier: MIT
"""The README's tour shows real output: every ```console block that runs
`funnelplan` is run again here and must print what the README says (the
footnotes about rounding left out; a block ending in "..." shows the first
lines only). The runner ($FUNNELPLAN_CLI, the wrapper) comes from test_cli.
"""

import os
import re
import shlex
import unittest

import test_cli as base

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
FOOTNOTES = ("Figures are rounded", "Whole counts are rounded")


def tour_blocks():
    """(command line, expected lines, first lines only) of every console block."""
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        text = f.read()
    blocks = []
    for body in re.findall(r"```console\n(.*?)```", text, re.S):
        lines = body.rstrip("\n").split("\n")
        if not lines[0].startswith("$ funnelplan "):
            continue
        expected = lines[1:]
        partial = bool(expected) and expected[-1] == "..."
        if partial:
            expected = expected[:-1]
        blocks.append((lines[0][2:], expected, partial))
    return blocks


class TourIsRealOutput(base.CliTestCase):
    def test_every_tour_block_prints_what_the_readme_shows(self):
        blocks = tour_blocks()
        self.assertGreaterEqual(len(blocks), 10, "the tour lost its commands")
        for command, expected, partial in blocks:
            with self.subTest(command=command):
                args = shlex.split(command)[1:]
                r = base.run(args, cwd=ROOT)
                self.assertEqual(r.returncode, 0, r.stderr)
                got = [l for l in r.stdout.decode("utf-8").rstrip("\n").split("\n")
                       if not l.startswith(FOOTNOTES)]
                while got and got[-1] == "":
                    got.pop()
                if partial:
                    got = got[:len(expected)]
                self.assertEqual(got, expected)


if __name__ == "__main__":
    unittest.main()
