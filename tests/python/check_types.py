# funnelplan — the package type-checks (mypy), and its type hints reach a
# caller's script: tests/python/typed_usage.py passes, and the same script
# with a field given the wrong type is refused (so the check can fail).
# SPDX-License-Identifier: MIT
"""Runs mypy under the first interpreter that has it: this one, else
/usr/bin/python3 (Debian's python3-mypy, which the README's test command
installs). Fails, naming the package, when none has it."""

import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_PARENT = os.path.join(os.path.dirname(os.path.dirname(HERE)), "bindings", "python")
USAGE = os.path.join(HERE, "typed_usage.py")


def interpreter():
    for python in (sys.executable, "/usr/bin/python3"):
        if os.path.exists(python) and subprocess.run(
                [python, "-c", "import mypy"], capture_output=True).returncode == 0:
            return python
    sys.exit("check_types: no mypy in %s or /usr/bin/python3: install Debian's python3-mypy "
             "(the README's test command does)" % sys.executable)


def mypy(python, cache, *paths):
    env = dict(os.environ, MYPYPATH=PACKAGE_PARENT)
    return subprocess.run([python, "-m", "mypy", "--cache-dir", cache, "--no-error-summary",
                           "--warn-unused-ignores", "--disallow-incomplete-defs", *paths],
                          capture_output=True, text=True, env=env, cwd=PACKAGE_PARENT)


def main():
    python = interpreter()
    with tempfile.TemporaryDirectory() as tmp:
        cache = os.path.join(tmp, "cache")
        good = mypy(python, cache, "funnelplan", USAGE)
        if good.returncode != 0:
            sys.exit("check_types: mypy refused the package or typed_usage.py:\n"
                     + good.stdout + good.stderr)
        bad_path = os.path.join(tmp, "bad_usage.py")
        with open(USAGE, encoding="utf-8") as f:
            text = f.read()
        with open(bad_path, "w", encoding="utf-8") as f:
            f.write(text.replace("whole: int = plan.stages[0].required_whole",
                                 "whole: str = plan.stages[0].required_whole"))
        bad = mypy(python, cache, bad_path)
        expected = 'expression has type "int", variable has type "str"'
        if bad.returncode == 0 or expected not in bad.stdout:
            sys.exit("check_types: mypy did not see PlanStage.required_whole as an int:\n"
                     + bad.stdout + bad.stderr)
    print("mypy (%s): the package and typed_usage.py type-check; a wrong type is refused"
          % python)


if __name__ == "__main__":
    main()
