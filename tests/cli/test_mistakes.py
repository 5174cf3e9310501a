"""Natural mistakes (tests/mistakes/*.json) through the CLI and Python.

Every case names what a person typed and what funnelplan must answer:
refused with the exact message (exit 2 or 1, nothing on stdout), or
answered with the right figures. Where a case has Python statements, the
package must refuse them the same way (the message holds the given text)
or make the given check true. tests/mistakes/README.md lists the keys.
"""

import glob
import json
import os
import unittest

import test_cli as base
from test_cli import run

MISTAKES = os.path.join(base.HERE, "..", "mistakes")


def load_cases():
    cases = []
    for path in sorted(glob.glob(os.path.join(MISTAKES, "*.json"))):
        with open(path, encoding="utf-8") as f:
            for case in json.load(f):
                cases.append((os.path.basename(path), case))
    return cases


CASES = load_cases()


def python_package():
    try:
        import funnelplan  # noqa: PLC0415 (only where PYTHONPATH names it)
    except ImportError:
        return None
    return funnelplan


def stdin_bytes(stdin):
    """A case's standard input: a text, or a list of [text, times] pieces
    (a long input without a long file)."""
    if isinstance(stdin, str):
        return stdin.encode("utf-8")
    return b"".join(text.encode("utf-8") * times for text, times in stdin)


class Mistakes(unittest.TestCase):
    def test_cases_are_well_formed(self):
        keys = {"mistake", "cli", "stdin", "exit", "stderr", "stdout_contains", "python",
                "python_error", "python_check"}
        names = set()
        for source, case in CASES:
            with self.subTest(source=source, mistake=case.get("mistake")):
                self.assertLessEqual(set(case), keys)
                self.assertIn("mistake", case)
                self.assertNotIn(case["mistake"], names, "two cases share a name")
                names.add(case["mistake"])
                self.assertIn(case["exit"], (0, 1, 2, 3, 4))
                if case["exit"] == 0:
                    self.assertNotIn("stderr", case)
                else:
                    self.assertIn("stderr", case)
                if "python" in case:
                    self.assertEqual(("python_error" in case) + ("python_check" in case), 1)

    def test_cli(self):
        for source, case in CASES:
            if "cli" not in case:
                continue
            with self.subTest(source=source, mistake=case["mistake"]):
                r = run(case["cli"], input=stdin_bytes(case.get("stdin", "")))
                out = r.stdout.decode("utf-8", "replace")
                err = r.stderr.decode("utf-8", "replace")
                self.assertEqual(r.returncode, case["exit"], err)
                if case["exit"] != 0:
                    self.assertEqual(err, case["stderr"])
                    self.assertEqual(out, "")
                else:
                    self.assertEqual(err, "")
                for text in case.get("stdout_contains", []):
                    self.assertIn(text, out)

    def test_python(self):
        funnelplan = python_package()
        if funnelplan is None:
            self.skipTest("the Python package is not on PYTHONPATH")
        for source, case in CASES:
            if "python" not in case:
                continue
            with self.subTest(source=source, mistake=case["mistake"]):
                scope = {"funnelplan": funnelplan}
                if "python_error" in case:
                    with self.assertRaises((funnelplan.FunnelError, TypeError, ValueError)) as cm:
                        exec(case["python"], scope)  # noqa: S102 (the cases are ours)
                    self.assertIn(case["python_error"], str(cm.exception))
                else:
                    exec(case["python"], scope)  # noqa: S102
                    self.assertTrue(eval(case["python_check"], scope), case["python_check"])  # noqa: S307


if __name__ == "__main__":
    unittest.main()
