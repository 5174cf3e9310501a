# SPDX-License-Identifier: MIT
"""The README's C example is a program a newcomer copies: it compiles with
the line the README gives against the build tree (`cc prog.c -Iinclude
-Lbuild -lfunnelplan`, with the build directory of this build for `build`),
runs, and prints what the README says it prints."""

import os
import re
import shlex
import subprocess
import tempfile
import unittest

from fpl_support import REPO, c_compiler

from funnelplan import _native


def readme():
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as f:
        return f.read()


class ReadmeCExample(unittest.TestCase):

    def test_compiles_against_the_build_tree_and_prints_what_it_says(self):
        cc = c_compiler()
        if cc is None:
            self.skipTest("no C compiler (cc, gcc or clang) on PATH")
        text = readme()
        section = text[text.index("\n## C\n"):]
        program = re.search(r"```c\n(.*?)```", section, re.S).group(1)
        printed = re.search(r"It prints `([^`]*)`", section).group(1)
        build = re.search(r"<!-- readme-c:build -->\n```sh\n(.*?)```", section, re.S).group(1)
        line = next(l for l in build.splitlines() if l.startswith("cc prog.c -Iinclude"))
        compile_line = line.split(" && ")[0]
        self.assertEqual(compile_line, "cc prog.c -Iinclude -Lbuild -lfunnelplan -o prog")
        build_dir = os.path.dirname(_native.library_path)
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "prog.c")
            exe = os.path.join(tmp, "prog")
            with open(src, "w", encoding="utf-8") as f:
                f.write(program)
            args = shlex.split(compile_line)
            args = (cc + [src if a == "prog.c" else exe if a == "prog" else
                          "-L" + build_dir if a == "-Lbuild" else a for a in args[1:]])
            if "asan" in os.environ.get("LD_PRELOAD", ""):
                # The reliability harness's sanitizer build: the library
                # needs the runtime it preloads, which the line above does
                # not name.
                args.append("-Wl,--allow-shlib-undefined")
            done = subprocess.run(args, cwd=REPO, capture_output=True, text=True)
            self.assertEqual(done.returncode, 0, done.stderr)
            env = dict(os.environ, LD_LIBRARY_PATH=build_dir)
            done = subprocess.run([exe], capture_output=True, text=True, env=env)
            self.assertEqual((done.returncode, done.stdout, done.stderr), (0, printed + "\n", ""))


if __name__ == "__main__":
    unittest.main()
